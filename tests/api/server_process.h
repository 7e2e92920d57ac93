// SPDX-License-Identifier: Apache-2.0
// Test helper: runs `urbanmine serve --port 0 ...` as a child process bound to 127.0.0.1, reads
// the port it prints, and stops it (SIGTERM, or SIGKILL for crash tests) when asked or at
// destruction. Each test owns its server.
#pragma once

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace urbanmine::testing {

class ServerProcess {
 public:
  // `args` are added after `serve --port 0 --bind 127.0.0.1`.
  explicit ServerProcess(const std::vector<std::string>& args = {}) { start(args); }
  ~ServerProcess() { stop(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0 && port_ > 0; }
  std::unique_ptr<httplib::Client> client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_read_timeout(60, 0);
    c->set_connection_timeout(5, 0);
    return c;
  }

  // Graceful stop; returns the exit status (or -1).
  int stop() { return signal_and_wait(SIGTERM); }
  // Crash: SIGKILL, no clean-up.
  void kill_hard() { signal_and_wait(SIGKILL); }

 private:
  void start(const std::vector<std::string>& args) {
    int out_pipe[2];
    if (pipe(out_pipe) != 0) return;
    std::vector<std::string> argv_s = {URBANMINE_BIN, "--quiet", "serve",    "--port",
                                       "0",           "--bind",  "127.0.0.1"};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    pid_ = fork();
    if (pid_ == 0) {
      // The server dies with the test: a test that crashes (a sanitizer report, say) must not
      // leave it holding CTest's output pipe open until CTest's timeout.
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      dup2(out_pipe[1], STDOUT_FILENO);
      close(out_pipe[0]);
      close(out_pipe[1]);
      std::vector<char*> argv;
      for (auto& a : argv_s) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out_pipe[1]);
    // "urbanmine: serving http://127.0.0.1:PORT/"
    std::string line;
    char c = 0;
    while (read(out_pipe[0], &c, 1) == 1 && c != '\n') line.push_back(c);
    close(out_pipe[0]);
    const auto colon = line.rfind(':');
    if (colon != std::string::npos) port_ = std::atoi(line.c_str() + colon + 1);
  }

  int signal_and_wait(int sig) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, sig);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace urbanmine::testing
