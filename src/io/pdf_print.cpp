// SPDX-License-Identifier: Apache-2.0
// HTML to PDF through headless Chromium (see pdf_print.h).
#include "io/pdf_print.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <tuple>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;  // NOLINT: POSIX, for posix_spawn

namespace urbanmine::io {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kParallelPages = 2;  // this machine has two cores; each browser is one more process
constexpr auto kPollInterval = std::chrono::milliseconds(20);

// A private folder, removed with everything in it when the printing is over (or fails).
class TempFolder {
 public:
  TempFolder() {
    static std::atomic<unsigned> counter{0};
    path_ = fs::temp_directory_path() / ("urbanmine-pdf-" + std::to_string(::getpid()) + "-" +
                                         std::to_string(counter.fetch_add(1)));
    std::error_code ec;
    fs::remove_all(path_, ec);
    fs::create_directories(path_, ec);
    ok_ = !ec;
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  bool ok() const { return ok_; }

 private:
  fs::path path_;
  bool ok_ = false;
};

// Starts the browser on one page, in its own process group (its helpers are killed with it).
core::Result<pid_t> start_browser(const std::string& browser, const fs::path& html,
                                  const fs::path& pdf, const fs::path& profile) {
  std::vector<std::string> args = {browser,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--disable-extensions",
                                   "--no-pdf-header-footer",
                                   "--user-data-dir=" + profile.string(),
                                   "--print-to-pdf=" + pdf.string(),
                                   "file://" + html.string()};
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, browser.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    return core::Error::io("could not start " + browser + ": " + std::strerror(rc), browser,
                           "install Debian's chromium (scripts/install-deps.sh does) or set "
                           "URBANMINE_CHROMIUM to a Chromium binary");
  }
  return pid;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

std::string pdf_browser() {
  if (const char* chosen = std::getenv("URBANMINE_CHROMIUM"); chosen != nullptr && *chosen != 0) {
    return ::access(chosen, X_OK) == 0 ? std::string(chosen) : std::string();
  }
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (::access(path, X_OK) == 0) return path;
  }
  return "";
}

core::Result<std::vector<std::pair<std::string, std::string>>> print_html_to_pdf(
    const std::vector<std::pair<std::string, std::string>>& pages, double timeout_seconds) {
  std::vector<std::pair<std::string, std::string>> out;
  if (pages.empty()) return out;
  const std::string browser = pdf_browser();
  if (browser.empty()) {
    return core::Error::io("no Chromium to print PDFs with", "--pdf",
                           "install Debian's chromium (scripts/install-deps.sh does), set "
                           "URBANMINE_CHROMIUM, or leave out --pdf (the HTML pages print from "
                           "any browser)");
  }
  TempFolder folder;
  if (!folder.ok()) {
    return core::Error::io("could not make a temporary folder for printing",
                           fs::temp_directory_path().string(), "check TMPDIR and free space");
  }
  struct Job {
    std::size_t page = 0;
    pid_t pid = 0;
    Clock::time_point started;
  };
  auto pdf_name = [](const std::string& html_name) {
    const auto dot = html_name.rfind('.');
    return (dot == std::string::npos ? html_name : html_name.substr(0, dot)) + ".pdf";
  };
  auto paths = [&](std::size_t page) {
    const fs::path dir = folder.path() / std::to_string(page);
    return std::tuple{dir / "page.html", dir / "page.pdf", dir / "profile"};
  };
  out.resize(pages.size());
  std::vector<Job> running;
  std::size_t next = 0;
  auto stop_all = [&] {
    for (const Job& job : running) {
      ::kill(-job.pid, SIGKILL);
      ::waitpid(job.pid, nullptr, 0);
    }
    running.clear();
  };
  while (next < pages.size() || !running.empty()) {
    while (next < pages.size() && static_cast<int>(running.size()) < kParallelPages) {
      const auto [html, pdf, profile] = paths(next);
      std::error_code ec;
      fs::create_directories(html.parent_path(), ec);
      std::ofstream(html, std::ios::binary) << pages[next].second;
      auto pid = start_browser(browser, html, pdf, profile);
      if (!pid) {
        stop_all();
        return pid.error();
      }
      running.push_back({next, *pid, Clock::now()});
      ++next;
    }
    std::this_thread::sleep_for(kPollInterval);
    for (std::size_t r = 0; r < running.size();) {
      const Job job = running[r];
      int status = 0;
      const pid_t done = ::waitpid(job.pid, &status, WNOHANG);
      const std::string& name = pages[job.page].first;
      if (done == 0) {
        if (std::chrono::duration<double>(Clock::now() - job.started).count() > timeout_seconds) {
          stop_all();
          return core::Error::io("Chromium did not print " + name + " within " +
                                     std::to_string(static_cast<int>(timeout_seconds)) + " s",
                                 name, "try again on a less loaded machine, or print the HTML");
        }
        ++r;
        continue;
      }
      ::kill(-job.pid, SIGKILL);  // helpers the browser left behind, if any
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(r));
      const auto [html, pdf, profile] = paths(job.page);
      std::string bytes = read_bytes(pdf);
      if (done < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
          bytes.rfind("%PDF-", 0) != 0) {
        stop_all();
        return core::Error::io("Chromium could not print " + name + " to PDF", name,
                               "check that " + browser + " runs headless on this machine");
      }
      out[job.page] = {pdf_name(name), std::move(bytes)};
    }
  }
  return out;
}

}  // namespace urbanmine::io
