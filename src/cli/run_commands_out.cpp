// SPDX-License-Identifier: Apache-2.0
// `urbanmine run [SCENARIO] [--out DIR]`: the main job. Runs a scenario through the whole chain
// (engine::run_scenario_file), writes CSV tables, summary.json, sankey.json and report.html into
// DIR all at once (report::write_run_outputs; nothing partial on error), stores the run in SQLite
// and prints a short summary and the report's path. Also `urbanmine db init|migrate`, which
// create and upgrade a run database.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "core/version.h"
#include "engine/run.h"
#include "io/files.h"
#include "io/store.h"

#include "report/run_outputs.h"
#include "report/run_xlsx.h"

namespace urbanmine::cli {
namespace {

// Seconds a run must take before the progress bar appears.
constexpr double kProgressDelaySeconds = 1.0;
constexpr int kProgressBarWidth = 30;
constexpr double kPercent = 100.0;

// A one-line progress bar on stderr, drawn only after kProgressDelaySeconds; erased by finish().
class ProgressBar {
 public:
  ProgressBar() : start_(std::chrono::steady_clock::now()) {}
  void update(double fraction, std::string_view stage) {
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start_;
    if (elapsed.count() < kProgressDelaySeconds) return;
    fraction = std::clamp(fraction, 0.0, 1.0);
    const int filled = static_cast<int>(fraction * kProgressBarWidth);
    std::string line = "\r[" + std::string(static_cast<std::size_t>(filled), '#') +
                       std::string(static_cast<std::size_t>(kProgressBarWidth - filled), ' ') +
                       "] " + std::to_string(static_cast<int>(fraction * kPercent)) + "% " +
                       std::string(stage);
    line.resize(std::max<std::size_t>(line.size(), last_width_), ' ');
    last_width_ = line.size();
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    drawn_ = true;
  }
  void finish() {
    if (!drawn_) return;
    std::fputs(("\r" + std::string(last_width_, ' ') + "\r").c_str(), stderr);
    std::fflush(stderr);
    drawn_ = false;
  }

 private:
  std::chrono::steady_clock::time_point start_;
  std::size_t last_width_ = 0;
  bool drawn_ = false;
};

struct RunArgs {
  std::string scenario;
  std::string out_dir;
  std::string db_path;
  std::string data_dir;
  std::string xlsx_path;
  int sankey_year = 0;       // 0: kDefaultSankeyYear, or the run's last year when it ends earlier
  std::string focus_region;  // the report's "At a glance" region; empty = WORLD
  std::string language = "en";  // report.html: en or ko
  std::string sankey_element = std::string(report::kDefaultSankeyElement);
};

int run_main(CliContext& ctx, const RunArgs& args) {
  if (ctx.format == "csv") {
    // Issue 17 papercut: this used to be ignored silently.
    std::fputs(
        "urbanmine: error: --format csv: `run` prints a text summary (table) or summary.json "
        "(json)\n  hint: every table is written as CSV into the --out folder\n",
        stderr);
    return core::kExitUsage;
  }
  // Issue 17 papercut: `run --output DIR` wrote the summary into a file named DIR and the run
  // into out/<scenario>. --output names the printed summary's file only; without --out it is
  // taken for the run's folder by mistake so often that it is refused, saying both.
  if (!ctx.output.empty() && args.out_dir.empty()) {
    return report_error(
        ctx, core::Error::invalid_input(
                 "--output " + ctx.output +
                     " names the file for the printed summary only; the run's tables and report "
                     "go to --out DIR",
                 "--output",
                 "give --out " + ctx.output +
                     " for the run's folder (and --output "
                     "FILE as well only if you want the summary in a file)"));
  }
  const std::string scenario =
      args.scenario.empty() ? engine::default_scenario_path() : args.scenario;
  auto text = io::read_text_file(scenario);
  if (!text) return report_error(ctx, text.error());
  const std::string out_dir = args.out_dir.empty()
                                  ? "out/" + std::filesystem::path(scenario).stem().string()
                                  : args.out_dir;

  engine::RunOptions options;
  options.data_dir = args.data_dir;
  options.logger = &ctx.logger;
  options.strict = ctx.strict;
  ProgressBar bar;
  if (!ctx.no_progress && !ctx.quiet && stderr_is_terminal()) {
    options.progress = [&bar](double fraction, std::string_view stage) {
      bar.update(fraction, stage);
    };
  }
  ctx.logger.info("urbanmine " + std::string(core::version()) + " (git " +
                  std::string(core::git_hash()) + "): running " + scenario);
  auto results = engine::run_scenario_file(scenario, options);
  if (!results) {
    bar.finish();
    return report_error(ctx, results.error());
  }
  ctx.logger.info("scenario hash " + results->meta.scenario_hash);

  report::OutputOptions out;
  out.out_dir = out_dir;
  out.db_path = args.db_path;
  out.scenario_text = *text;
  out.render.sankey_year = args.sankey_year != 0
                               ? args.sankey_year
                               : std::min(report::kDefaultSankeyYear, results->meta.last_year);
  out.render.sankey_element = args.sankey_element;
  out.render.focus_region = args.focus_region;
  out.render.language =
      args.language == "ko" ? report::Language::kKorean : report::Language::kEnglish;
  if (options.progress) {
    out.progress = [&bar](double fraction, std::string_view stage) { bar.update(fraction, stage); };
  }
  auto written = report::write_run_outputs(*results, out);
  bar.finish();
  if (!written) return report_error(ctx, written.error());
  if (!args.xlsx_path.empty()) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    report::XlsxOptions xlsx_options;
    xlsx_options.created_utc = stamp;
    xlsx_options.language = out.render.language;
    auto xlsx = report::write_run_xlsx(*results, args.xlsx_path, xlsx_options);
    if (!xlsx) return report_error(ctx, xlsx.error());
  }

  std::string stdout_text;
  if (ctx.output_format(OutputFormat::kTable) == OutputFormat::kJson) {
    stdout_text = *io::read_text_file(written->summary_path);
  } else {
    stdout_text = report::text_summary(*results);
    stdout_text += "\nOutputs: " + written->out_dir + " (" + std::to_string(written->files.size()) +
                   " files; run " + std::to_string(written->run_id) + " in " + written->db_path +
                   ")\n";
    stdout_text += "Report:  " + written->report_path + "\n";
  }
  const int code = emit(ctx, stdout_text);
  if (code != core::kExitOk) return code;
  return results->balance_ok() ? core::kExitOk : core::kExitChecksFailed;
}

int db_main(CliContext& ctx, const std::string& path, bool create) {
  if (!create && !std::filesystem::exists(path)) {
    return report_error(
        ctx, core::Error::not_found("database does not exist", path,
                                    "create it with `urbanmine db init --db " + path + "`"));
  }
  auto store = io::Store::open_unmigrated(path);
  if (!store) return report_error(ctx, store.error());
  auto before = (*store)->schema_version();
  if (!before) return report_error(ctx, before.error());
  auto applied = (*store)->migrate();
  if (!applied) return report_error(ctx, applied.error());
  auto after = (*store)->schema_version();
  if (!after) return report_error(ctx, after.error());
  return emit(ctx, path + ": schema version " + std::to_string(*before) + " -> " +
                       std::to_string(*after) + " (" + std::to_string(*applied) +
                       " migration(s) applied)\n");
}

// `db tidy`: the runs' values as plain-SQL rows (result_values).
int db_tidy_main(CliContext& ctx, const std::string& path, const std::vector<std::int64_t>& ids) {
  if (!std::filesystem::exists(path)) {
    return report_error(ctx, core::Error::not_found("database does not exist", path,
                                                    "give the --db file a run was stored in"));
  }
  auto store = io::Store::open(path);
  if (!store) return report_error(ctx, store.error());
  std::vector<std::int64_t> runs = ids;
  if (runs.empty()) {
    auto all = (*store)->list_runs();
    if (!all) return report_error(ctx, all.error());
    auto done = (*store)->tidy_runs();
    if (!done) return report_error(ctx, done.error());
    for (const auto& r : *all) {
      const bool ok = r.status == io::kRunOk || r.status == io::kRunChecksFailed;
      if (ok && std::find(done->begin(), done->end(), r.id) == done->end()) runs.push_back(r.id);
    }
    std::sort(runs.begin(), runs.end());
  }
  std::string out;
  for (const auto id : runs) {
    auto rows = (*store)->tidy_run(id);
    if (!rows) return report_error(ctx, rows.error());
    out += "run " + std::to_string(id) + ": " + std::to_string(*rows) + " values\n";
  }
  if (runs.empty()) out += "every finished run is already in result_values\n";
  out += "query: sqlite3 " + path + " \"select value from result_values where run_id=" +
         (runs.empty() ? std::string("1") : std::to_string(runs.back())) +
         " and table_name='end_of_life_t' and region='CHN' and element='Li' and year=2040\"\n";
  return emit(ctx, out);
}

}  // namespace

void register_run_out_commands(CLI::App& app, CliContext& ctx) {
  auto args = std::make_shared<RunArgs>();
  auto* run = app.add_subcommand(
      "run",
      "Run a scenario through the whole chain (fleet, stocks, end of life, second life, "
      "collection, production scrap, trade of surplus feedstock between regions, recycling, "
      "secondary supply). Writes CSV tables, summary.json, sankey.json "
      "and report.html into --out (replaced only when everything succeeded), stores the run in "
      "SQLite, and prints a short summary and the report's path. Exit 3 on a bad scenario.\n"
      "Example: urbanmine run examples/global.toml --out out/baseline --sankey-element Co");
  run->add_option("SCENARIO", args->scenario,
                  "Scenario TOML file (default: the shipped global baseline)");
  run->add_option("--out", args->out_dir,
                  "Output folder (default: out/<scenario file name without .toml>)");
  run->add_option("--db", args->db_path,
                  "SQLite database to store the run in (default: the workspace database "
                  "urbanmine.db beside the --out folder, e.g. out/urbanmine.db, shared by the runs "
                  "written into sibling folders; a folder written by an earlier version keeps "
                  "its own <out>/urbanmine.db)");
  run->add_option("--data-dir", args->data_dir,
                  "Folder of sourced CSVs (default: $URBANMINE_DATA_DIR or the shipped data/)");
  run->add_option("--xlsx", args->xlsx_path,
                  "Also write one Excel workbook of the run to FILE (cover, charts, one sheet per "
                  "table)");
  run->add_option("--sankey-year", args->sankey_year,
                  "Year of sankey.json and the report's flow diagram (default: " +
                      std::to_string(report::kDefaultSankeyYear) +
                      ", or the run's last year when it ends earlier)");
  run->add_option("--focus", args->focus_region,
                  "Region of the report's first section, \"At a glance\": a country (KOR) or an "
                  "aggregate the run holds whole (EU27, EUROPE, NORTH_AMERICA, WORLD; default "
                  "WORLD)");
  run->add_option("--lang", args->language,
                  "Language of report.html and of the --xlsx workbook: en or ko (Korean: the "
                  "report's text, findings, table and column names; CSVs, summary.json and the "
                  "printed summary stay English)")
      ->check(CLI::IsMember({"en", "ko"}))
      ->capture_default_str();
  run->add_option("--sankey-element", args->sankey_element,
                  "Element of the Sankey (Li, Ni, Co, Mn, graphite, ...) or kWh for battery "
                  "capacity")
      ->capture_default_str();
  run->callback([&ctx, args] { ctx.action = [&ctx, args] { return run_main(ctx, *args); }; });

  auto* db = app.add_subcommand(
      "db", "Create or upgrade a run database (SQLite), or write runs' values for plain SQL");
  db->require_subcommand(1);
  auto db_path = std::make_shared<std::string>();
  auto* init = db->add_subcommand(
      "init",
      "Create a database (or open an existing one) and apply every schema migration.\n"
      "Example: urbanmine db init --db out/urbanmine.db");
  init->add_option("--db", *db_path, "Database file")->required();
  init->callback(
      [&ctx, db_path] { ctx.action = [&ctx, db_path] { return db_main(ctx, *db_path, true); }; });
  auto* migrate = db->add_subcommand(
      "migrate",
      "Apply pending schema migrations to an existing database and print its version.\n"
      "Example: urbanmine db migrate --db out/urbanmine.db");
  migrate->add_option("--db", *db_path, "Database file")->required();
  migrate->callback(
      [&ctx, db_path] { ctx.action = [&ctx, db_path] { return db_main(ctx, *db_path, false); }; });
  auto tidy_ids = std::make_shared<std::vector<std::int64_t>>();
  auto* tidy = db->add_subcommand(
      "tidy",
      "Write runs' values as plain-SQL rows into the table result_values (run_id, table_name, "
      "region, segment, chemistry, element, route, product, destination, year, value, unit; "
      "zero cells left out), so that any SQLite client reads them (docs/formats/store.md). "
      "Without --run: every finished run not yet written.\n"
      "Example: urbanmine db tidy --db out/urbanmine.db && sqlite3 "
      "out/urbanmine.db \"select value from result_values where run_id=1 and "
      "table_name='end_of_life_t' and region='CHN' and element='Li' and year=2040\"");
  tidy->add_option("--db", *db_path, "Database file")->required();
  tidy->add_option("--run", *tidy_ids, "Run id(s) (default: every finished run not yet written)");
  tidy->callback([&ctx, db_path, tidy_ids] {
    ctx.action = [&ctx, db_path, tidy_ids] { return db_tidy_main(ctx, *db_path, *tidy_ids); };
  });
}

}  // namespace urbanmine::cli
