// SPDX-License-Identifier: Apache-2.0
// Helpers shared by tests: paths to test data and the built binary, and running the CLI.
#pragma once

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

namespace urbanmine::testing {

inline std::string test_data(const std::string& relative) {
  return std::string(URBANMINE_TEST_DATA_DIR) + "/" + relative;
}

inline std::string source_path(const std::string& relative) {
  return std::string(URBANMINE_SOURCE_DIR) + "/" + relative;
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command line, capturing stdout+stderr.
inline CommandResult run_cli_command(const std::string& command) {
  const std::string cmd = command + " 2>&1";
  CommandResult result;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) result.output.append(buf.data(), n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Runs the urbanmine binary with `args` (a shell-quoted string), capturing stdout+stderr.
inline CommandResult run_cli(const std::string& args) {
  return run_cli_command(std::string(URBANMINE_BIN) + " " + args);
}

// The same, run from the folder `dir` (the binary's relative paths and defaults resolve there).
inline CommandResult run_cli_in(const std::string& dir, const std::string& args) {
  return run_cli_command("cd '" + dir + "' && " + std::string(URBANMINE_BIN) + " " + args);
}

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("urbanmine-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path(const std::string& name = "") const {
    return name.empty() ? path_.string() : (path_ / name).string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace urbanmine::testing
