// SPDX-License-Identifier: Apache-2.0
// `urbanmine validate [SCENARIO]`: every problem in a scenario and the data it uses, with file,
// row or key, and what to do. Exit 3 when there is an error (or a warning under --strict),
// otherwise 0 and "ok". `urbanmine tables`: the table registry. (`urbanmine run` is registered by
// its own command file.)
#include <memory>
#include <string>

#include "cli/commands.h"
#include "engine/run.h"

#include "report/run_report.h"

namespace urbanmine::cli {

void register_validate_commands(CLI::App& app, CliContext& ctx) {
  auto* validate = app.add_subcommand(
      "validate",
      "Check a scenario TOML file and the data it uses; list every problem at once.\n"
      "Example: urbanmine validate examples/fast_lfp.toml\n"
      "With no SCENARIO, checks the shipped baseline examples/global.toml.");
  auto scenario = std::make_shared<std::string>();
  auto data_dir = std::make_shared<std::string>();
  validate->add_option("SCENARIO", *scenario, "Scenario TOML file (default: examples/global.toml)");
  validate->add_option("--data-dir", *data_dir,
                       "Folder with the sourced CSVs (default: $URBANMINE_DATA_DIR or data/)");
  validate->callback([&ctx, scenario, data_dir] {
    ctx.action = [&ctx, scenario, data_dir]() -> int {
      engine::RunOptions options;
      options.data_dir = *data_dir;
      options.strict = ctx.strict;
      const std::string path = scenario->empty() ? engine::default_scenario_path() : *scenario;
      const core::Diagnostics diags = engine::validate_scenario_file(path, options);
      std::string text;
      for (const auto& d : diags.items()) {
        text += d.severity == core::Severity::kError ? "error: " : "warning: ";
        text += d.error.to_string() + "\n";
      }
      const bool failed = diags.has_errors(ctx.strict);
      text += (failed ? "invalid: " : "ok: ") + path + " (" + std::to_string(diags.error_count()) +
              " error(s), " + std::to_string(diags.warning_count()) + " warning(s))\n";
      const int code = emit(ctx, text);
      if (code != core::kExitOk) return code;
      return failed ? core::kExitInvalidInput : core::kExitOk;
    };
  });

  auto* tables = app.add_subcommand(
      "tables",
      "List every result table and record table a run writes: name, unit column, dimensions\n"
      "and contents (the registry in src/results/registry.h), as Markdown.\n"
      "Example: urbanmine tables");
  tables->callback([&ctx] {
    ctx.action = [&ctx]() -> int { return emit(ctx, report::table_registry_markdown()); };
  });
}

}  // namespace urbanmine::cli
