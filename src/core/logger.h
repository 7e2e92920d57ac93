// SPDX-License-Identifier: Apache-2.0
// Logger: an interface passed in through the run context (no globals). Logs go to stderr;
// results go to stdout. Levels: error, warn, info, debug.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace urbanmine::core {

enum class LogLevel { kError = 0, kWarn = 1, kInfo = 2, kDebug = 3 };

// Parses "error", "warn", "info", "debug"; returns false when unknown.
bool parse_log_level(std::string_view text, LogLevel& out);

class Logger {
 public:
  virtual ~Logger() = default;
  virtual void log(LogLevel level, std::string_view message) = 0;
  void error(std::string_view m) { log(LogLevel::kError, m); }
  void warn(std::string_view m) { log(LogLevel::kWarn, m); }
  void info(std::string_view m) { log(LogLevel::kInfo, m); }
  void debug(std::string_view m) { log(LogLevel::kDebug, m); }
};

// Writes "urbanmine: <level>: message" lines to stderr for levels up to `max_level`.
class StderrLogger final : public Logger {
 public:
  explicit StderrLogger(LogLevel max_level = LogLevel::kInfo) : max_level_(max_level) {}
  void log(LogLevel level, std::string_view message) override;
  void set_level(LogLevel level) { max_level_ = level; }

 private:
  LogLevel max_level_;
};

// Discards everything (tests, --quiet).
class NullLogger final : public Logger {
 public:
  void log(LogLevel, std::string_view) override {}
};

// Progress callback: fraction done in [0, 1] and a short stage label. Thread-compatible.
using ProgressCallback = std::function<void(double fraction_done, std::string_view stage)>;

}  // namespace urbanmine::core
