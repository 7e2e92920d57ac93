// SPDX-License-Identifier: Apache-2.0
// urbanmine: the command-line entry point. Parses global flags and dispatches to the command
// groups registered in cli/commands.h. Results go to stdout (or --output), logs to stderr.
// Example: urbanmine mfa dsm tests/data/dsm/s01_inflow_fixed_const_T40.json
#include <exception>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "cli/context.h"
#include "core/version.h"
#include "io/csv.h"

namespace {

// Every numeric flag takes a plain decimal only: CLI11 alone read "0x10" as 16.
void require_plain_numbers(CLI::App& app) {
  const CLI::Validator plain(
      [](std::string& text) -> std::string {
        if (urbanmine::io::parse_decimal(text)) return {};
        return "'" + text + "' is not a plain decimal number (write e.g. 16 or 2.5)";
      },
      "", "");
  for (CLI::Option* option : app.get_options()) {
    // "INT", or "INT:INT in [0 - 65535]" with a range check.
    const std::string type = option->get_type_name();
    const std::string base = type.substr(0, type.find(':'));
    if (base == "INT" || base == "UINT" || base == "FLOAT" || base == "NUMBER") {
      option->check(plain);
    }
  }
  for (CLI::App* sub : app.get_subcommands({})) require_plain_numbers(*sub);
}

}  // namespace

int main(int argc, char** argv) {
  using urbanmine::cli::CliContext;
  CliContext ctx;
  CLI::App app{
      "urbanmine: the global supply chain of waste EV batteries and their critical minerals.\n"
      "Start with: urbanmine run --out out/baseline   (the shipped baseline: tables, report.html)\n"
      "            urbanmine run examples/eu_circular.toml --out out/eu   (a what-if scenario)\n"
      "            urbanmine validate my.toml   (every problem of a scenario, with file and key)\n"
      "Every command has --help with an example."};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("urbanmine ") +
                                        std::string(urbanmine::core::version()) + " (git " +
                                        std::string(urbanmine::core::git_hash()) + ")");
  app.add_option("--log-level", ctx.log_level, "Log level: error, warn, info, debug")
      ->check(CLI::IsMember({"error", "warn", "info", "debug"}));
  app.add_flag("--quiet,-q", ctx.quiet, "Only log errors");
  app.add_flag("--strict", ctx.strict, "Treat warnings as errors");
  app.add_option("--format", ctx.format, "Output format: table, json or csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  app.add_option("--output,-o", ctx.output, "Write the result to FILE instead of stdout");
  app.add_flag("--no-progress", ctx.no_progress, "Never draw a progress bar");
  app.fallthrough();

  urbanmine::cli::register_mfa_commands(app, ctx);
  urbanmine::cli::register_serve_commands(app, ctx);
  urbanmine::cli::register_validate_commands(app, ctx);
  urbanmine::cli::register_plant_commands(app, ctx);
  urbanmine::cli::register_run_out_commands(app, ctx);
  urbanmine::cli::register_coop_commands(app, ctx);
  urbanmine::cli::register_match_commands(app, ctx);
  urbanmine::cli::register_passport_commands(app, ctx);
  urbanmine::cli::register_plan_commands(app, ctx);
  urbanmine::cli::register_source_commands(app, ctx);
  urbanmine::cli::register_uncertainty_commands(app, ctx);
  urbanmine::cli::register_market_robust_commands(app, ctx);
  urbanmine::cli::register_backtest_commands(app, ctx);
  urbanmine::cli::register_compare_commands(app, ctx);
  require_plain_numbers(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    // CLI11 returns 0 for --help/--version; every real parse error is a usage error.
    return code == 0 ? urbanmine::core::kExitOk : urbanmine::core::kExitUsage;
  }
  urbanmine::core::LogLevel level = urbanmine::core::LogLevel::kInfo;
  urbanmine::core::parse_log_level(ctx.log_level, level);
  if (ctx.quiet) level = urbanmine::core::LogLevel::kError;
  ctx.logger.set_level(level);
  if (!ctx.action) {
    std::cerr << app.help();
    return urbanmine::core::kExitUsage;
  }
  try {
    return ctx.action();
  } catch (const std::exception& e) {
    std::cerr << "urbanmine: internal error: " << e.what() << "\n";
    return urbanmine::core::kExitInternal;
  }
}
