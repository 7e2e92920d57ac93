// SPDX-License-Identifier: Apache-2.0
// Stderr logger and level parsing.
#include "core/logger.h"

#include <cstdio>

namespace urbanmine::core {

bool parse_log_level(std::string_view text, LogLevel& out) {
  if (text == "error")
    out = LogLevel::kError;
  else if (text == "warn")
    out = LogLevel::kWarn;
  else if (text == "info")
    out = LogLevel::kInfo;
  else if (text == "debug")
    out = LogLevel::kDebug;
  else
    return false;
  return true;
}

void StderrLogger::log(LogLevel level, std::string_view message) {
  if (static_cast<int>(level) > static_cast<int>(max_level_)) return;
  static constexpr const char* kNames[] = {"error", "warn", "info", "debug"};
  std::fprintf(stderr, "urbanmine: %s: %.*s\n", kNames[static_cast<int>(level)],
               static_cast<int>(message.size()), message.data());
}

}  // namespace urbanmine::core
