// SPDX-License-Identifier: Apache-2.0
// Output, error reporting and format selection shared by all commands.
#include "cli/context.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include <unistd.h>

#include "cli/commands.h"
#include "io/files.h"

#include "report/records_text.h"

namespace urbanmine::cli {

OutputFormat CliContext::output_format(OutputFormat fallback) const {
  if (format == "table") return OutputFormat::kTable;
  if (format == "json") return OutputFormat::kJson;
  if (format == "csv") return OutputFormat::kCsv;
  return fallback;
}

report::RecordFormat record_format(const CliContext& ctx) {
  switch (ctx.output_format(OutputFormat::kTable)) {
    case OutputFormat::kJson:
      return report::RecordFormat::kJson;
    case OutputFormat::kCsv:
      return report::RecordFormat::kCsv;
    case OutputFormat::kTable:
      break;
  }
  return report::RecordFormat::kTable;
}

int emit(const CliContext& ctx, const std::string& content) {
  if (ctx.output.empty() || ctx.output == "-") {
    std::cout << content;
    std::cout.flush();
    return core::kExitOk;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(ctx.output, ec)) {
    return report_error(
        ctx,
        core::Error::invalid_input(
            "--output names a folder; it takes the FILE that receives the printed text", ctx.output,
            "give a file name, or use `urbanmine run --out DIR` for a run's output folder"));
  }
  auto written = io::write_file_atomic(ctx.output, content);
  if (!written) return report_error(ctx, written.error());
  return core::kExitOk;
}

int report_error(const CliContext& /*ctx*/, const core::Error& error) {
  std::string text = "urbanmine: error: ";
  if (!error.location.empty()) text += error.location + ": ";
  text += error.message + "\n";
  if (!error.hint.empty()) text += "  hint: " + error.hint + "\n";
  std::fputs(text.c_str(), stderr);
  return core::exit_code_for(error.code);
}

bool stderr_is_terminal() { return isatty(fileno(stderr)) != 0; }

}  // namespace urbanmine::cli
