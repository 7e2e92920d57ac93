// SPDX-License-Identifier: Apache-2.0
// `urbanmine compare A B [C...]`: runs compared (engine/compare.h); `urbanmine iamc RUN...`:
// runs as one IAMC-format table (report/iamc.h). Both read runs the same way.
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "engine/compare.h"

#include "report/compare_report.h"
#include "report/iamc.h"

namespace urbanmine::cli {

namespace {

struct CompareArgs {
  std::vector<std::string> runs;
  std::string region = "WORLD";
  int year = 0;
  std::vector<std::string> elements;
  std::string out_dir;
  std::string db;
  std::string data_dir;
  std::string language = "en";  // compare.html: en or ko
};

// Every run the user named, loaded in order (scenario, run folder or run id in --db).
core::Result<std::vector<engine::CompareInput>> load_inputs(CliContext& ctx, const CompareArgs& a) {
  engine::CompareLoadOptions load;
  load.data_dir = a.data_dir;
  load.db_path = a.db;
  load.logger = &ctx.logger;
  load.strict = ctx.strict;
  std::vector<engine::CompareInput> inputs;
  for (const auto& what : a.runs) {
    ctx.logger.info("loading " + what);
    auto in = engine::load_compare_input(what, load);
    if (!in) return in.error();
    inputs.push_back(std::move(*in));
  }
  return inputs;
}

}  // namespace

void register_compare_commands(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand(
      "compare",
      "Compare two or more runs: the headline figures of a region and year (material demand, "
      "waste batteries, collected, recycled, recovered, stranded feedstock) with their "
      "difference from the first run, absolute and in %, and the count of every table's "
      "differing cells. Each run is a scenario .toml (run now, nothing stored), the --out folder "
      "of `urbanmine run`, or a run id in --db. Regions may be aggregates (EU27, EUROPE, "
      "NORTH_AMERICA, WORLD). --out DIR writes compare.html (the answer first, charts with the "
      "runs overlaid), compare.csv (every table's differences by region, element and year) and "
      "compare.json (docs/compare.md).\n"
      "Example: urbanmine compare examples/global.toml examples/eu_circular.toml "
      "--region EU27 --year 2040 --element Li");
  auto a = std::make_shared<CompareArgs>();
  cmd->add_option("RUNS", a->runs,
                  "The runs: scenario .toml, run folder or run id; the first is the reference")
      ->required()
      ->expected(2, -1);
  cmd->add_option("--region", a->region,
                  "Focus region: ISO alpha-3 model region or aggregate (default WORLD)");
  cmd->add_option("--year", a->year,
                  "Focus year (default 2040 when every run has it, else their last common year)");
  cmd->add_option("--element", a->elements,
                  "Focus element(s): Li, Ni, Co, Mn, graphite, Cu, Al (default Li, Ni, Co)");
  cmd->add_option("--out", a->out_dir,
                  "Write compare.html, compare.csv and compare.json into this folder");
  cmd->add_option(
      "--db", a->db,
      "SQLite store holding the runs given by id (default: the workspace out/urbanmine.db)");
  cmd->add_option("--lang", a->language,
                  "Language of compare.html: en or ko (compare.csv, compare.json and the printed "
                  "answer stay English)")
      ->check(CLI::IsMember({"en", "ko"}))
      ->capture_default_str();
  cmd->add_option("--data-dir", a->data_dir,
                  "Folder of sourced CSVs for scenarios (default: $URBANMINE_DATA_DIR or the "
                  "shipped data/)");
  cmd->callback([&ctx, a] {
    ctx.action = [&ctx, a]() -> int {
      auto inputs = load_inputs(ctx, *a);
      if (!inputs) return report_error(ctx, inputs.error());
      engine::CompareOptions options;
      options.region = a->region;
      options.year = a->year;
      options.elements = a->elements;
      auto c = engine::compare_runs(*inputs, options);
      if (!c) return report_error(ctx, c.error());
      if (!a->out_dir.empty()) {
        auto written = report::write_compare_outputs(
            *c, a->out_dir,
            a->language == "ko" ? report::Language::kKorean : report::Language::kEnglish);
        if (!written) return report_error(ctx, written.error());
        for (const auto& path : *written) ctx.logger.info("wrote " + path);
      }
      switch (ctx.output_format(OutputFormat::kTable)) {
        case OutputFormat::kJson:
          return emit(ctx, report::compare_json(*c));
        case OutputFormat::kCsv:
          return emit(ctx, report::compare_csv(*c));
        case OutputFormat::kTable:
          break;
      }
      return emit(ctx, report::compare_text(*c));
    };
  });

  auto* iamc = app.add_subcommand(
      "iamc",
      "Write one or more runs as one IAMC-format CSV (Model, Scenario, Region, Variable, Unit, "
      "one column per year), as pyam and the IAM scenario explorers read it: every additive "
      "table by region (aggregates EU27, EUROPE, NORTH_AMERICA, WORLD included) and element "
      "(docs/formats/iamc.md). Each run is a scenario .toml, a run folder or a run id in --db.\n"
      "Example: urbanmine iamc examples/global.toml examples/eu_circular.toml -o scenarios.csv");
  auto ia = std::make_shared<CompareArgs>();
  iamc->add_option("RUNS", ia->runs, "The runs: scenario .toml, run folder or run id")
      ->required()
      ->expected(1, -1);
  iamc->add_option(
      "--db", ia->db,
      "SQLite store holding the runs given by id (default: the workspace out/urbanmine.db)");
  iamc->add_option("--data-dir", ia->data_dir,
                   "Folder of sourced CSVs for scenarios (default: $URBANMINE_DATA_DIR or the "
                   "shipped data/)");
  iamc->callback([&ctx, ia] {
    ctx.action = [&ctx, ia]() -> int {
      if (!ctx.format.empty() && ctx.format != "csv") {
        return report_error(
            ctx, core::Error::invalid_input("iamc writes CSV only, not " + ctx.format, "--format",
                                            "leave out --format (or give --format csv)"));
      }
      auto inputs = load_inputs(ctx, *ia);
      if (!inputs) return report_error(ctx, inputs.error());
      std::vector<const engine::RunResults*> runs;
      for (const auto& in : *inputs) runs.push_back(&in.run);
      auto csv = report::iamc_csv(runs);
      if (!csv) return report_error(ctx, csv.error());
      return emit(ctx, *csv);
    };
  });
}

}  // namespace urbanmine::cli
