// SPDX-License-Identifier: Apache-2.0
// `urbanmine backtest`: sales projection rules against the data (studies/backtest.h).
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "engine/backtest.h"

#include "report/records_text.h"

namespace urbanmine::cli {

namespace {

struct BacktestArgs {
  std::string scenario;
  std::vector<int> freeze;
  std::vector<std::string> rules;
  engine::BacktestOptions options;
};

}  // namespace

void register_backtest_commands(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand(
      "backtest",
      "How well would a sales projection rule have done? Projects every region x segment's EV "
      "sales from the data up to each freeze year (hold, growth:G, trend:K, scenario2030) and "
      "reports the error against IEA's actual sales and against the model's battery demand at "
      "actual sales, to 2024: MAPE, WAPE and signed bias per segment (docs/validation.md).\n"
      "Example: urbanmine backtest --freeze 2019 --freeze 2021 --rule hold --rule trend:3");
  auto a = std::make_shared<BacktestArgs>();
  cmd->add_option("SCENARIO", a->scenario, "Scenario TOML file (default: examples/global.toml)");
  cmd->add_option("--freeze", a->freeze,
                  "Freeze year(s): data after it are hidden (default 2019 "
                  "and 2021)");
  cmd->add_option("--rule", a->rules,
                  "Rule(s): hold, growth:G, trend:K, scenario2030 (default: hold, trend:3, "
                  "growth:0.25, scenario2030)");
  cmd->add_flag("--detail", a->options.detail,
                "Also print every region, segment and year (record table backtest)");
  cmd->add_option("--data-dir", a->options.data_dir,
                  "Folder of sourced CSVs (default: $URBANMINE_DATA_DIR or the shipped data/)");
  cmd->callback([&ctx, a] {
    ctx.action = [&ctx, a]() -> int {
      engine::BacktestOptions options = a->options;
      if (!a->freeze.empty()) options.freeze_years = a->freeze;
      if (!a->rules.empty()) options.rules = a->rules;
      auto tables = engine::backtest_tables(a->scenario, options);
      if (!tables) return report_error(ctx, tables.error());
      return emit(ctx, report::format_records(*tables, record_format(ctx)));
    };
  });
}

}  // namespace urbanmine::cli
