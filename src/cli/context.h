// SPDX-License-Identifier: Apache-2.0
// Shared state of one CLI invocation: global flags, the logger, and the chosen command's action.
// Each command group registers itself with a register_*_commands function (cli/commands.h).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/error.h"
#include "core/logger.h"
#include "core/result.h"

namespace urbanmine::cli {

enum class OutputFormat { kTable, kJson, kCsv };

struct CliContext {
  std::string log_level = "info";
  bool quiet = false;
  bool strict = false;
  bool no_progress = false;
  std::string format = "";  // "", "table", "json" or "csv"; empty means the command's default
  std::string output;       // --output FILE; empty means stdout
  core::StderrLogger logger{core::LogLevel::kInfo};
  // Set by the subcommand that CLI11 selected; returns the process exit code.
  std::function<int()> action;

  OutputFormat output_format(OutputFormat fallback) const;
};

// Writes `content` to --output (atomically) or stdout. Returns an exit code.
int emit(const CliContext& ctx, const std::string& content);

// Prints an error ("urbanmine: error: location: message" and a hint line) and returns its
// exit code.
int report_error(const CliContext& ctx, const core::Error& error);

// True when stderr is a terminal (progress bars only then).
bool stderr_is_terminal();

}  // namespace urbanmine::cli
