// SPDX-License-Identifier: Apache-2.0
// `urbanmine passport read FILE|DIR`: validates battery passports (Battery Pass data model
// 1.2.0) and aggregates the valid ones. Every file is reported; any invalid file makes the
// exit code 3 after the report is written (docs/passport.md).
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "engine/passport.h"

#include "report/passport_text.h"

namespace urbanmine::cli {
namespace {

struct ReadFlags {
  std::string path;
  std::string data_dir;
};

}  // namespace

void register_passport_commands(CLI::App& app, CliContext& ctx) {
  auto* passport = app.add_subcommand(
      "passport",
      "EU battery passports (Battery Pass data model 1.2.0, DIN DKE SPEC 99100).\n"
      "Example: urbanmine passport read tests/data/passport --format table");
  passport->require_subcommand(1);
  auto* read = passport->add_subcommand(
      "read",
      "Validate passport JSON files (UTF-8 or UTF-16) and aggregate the valid ones: battery "
      "count, mass and element content by chemistry, status and state of health. Exit 3 when "
      "any file is invalid (each file is still reported).\n"
      "Example: urbanmine passport read tests/data/passport/p01_nmc622_waste.json --format json");
  auto f = std::make_shared<ReadFlags>();
  read->add_option("path", f->path, "A passport JSON file or a folder of *.json passports")
      ->required();
  read->add_option("--data-dir", f->data_dir,
                   "Folder with the data CSVs (passport_substances.csv, atomic_weights.csv)");
  read->callback([&ctx, f] {
    ctx.action = [&ctx, f]() -> int {
      auto outcome = engine::read_passports(f->path, f->data_dir);
      if (!outcome) return report_error(ctx, outcome.error());
      std::string text;
      switch (ctx.output_format(OutputFormat::kTable)) {
        case OutputFormat::kJson:
          text = report::passport_read_json(outcome->files, outcome->aggregate);
          break;
        case OutputFormat::kCsv:
          text = report::passport_read_csv(outcome->aggregate);  // problems go to stderr below
          break;
        case OutputFormat::kTable:
          text = report::passport_read_table(outcome->files, outcome->aggregate);
          break;
      }
      const int written = emit(ctx, text);
      if (written != core::kExitOk) return written;
      bool warnings = false;
      for (const auto& file : outcome->files) {
        warnings = warnings || file.diagnostics.warning_count() > 0;
      }
      if (ctx.output_format(OutputFormat::kTable) == OutputFormat::kCsv) {
        for (const auto& file : outcome->files) {
          for (const auto& d : file.diagnostics.items()) {
            ctx.logger.warn(std::string(d.severity == core::Severity::kError ? "error: " : "") +
                            d.error.to_string());
          }
        }
      }
      if (!outcome->all_valid() || (ctx.strict && warnings)) {
        ctx.logger.error(std::to_string(outcome->aggregate.invalid_files) + " of " +
                         std::to_string(outcome->aggregate.files) +
                         " passports are invalid (see the report)" +
                         (ctx.strict && warnings ? "; --strict: warnings count as errors" : ""));
        return core::kExitInvalidInput;
      }
      return core::kExitOk;
    };
  });
}

}  // namespace urbanmine::cli
