// SPDX-License-Identifier: Apache-2.0
// `urbanmine mc SCENARIO --draws N --seed S [--threads T] [--compare OTHER] [--on-error M]`:
// Monte Carlo over the scenario's uncertain inputs (docs/uncertainty.md); writes
// mc_summary.csv and mc_summary.json into --out and prints the headline bands.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <tuple>

#include "cli/commands.h"
#include "cli/mc_mpi.h"
#include "engine/uncertainty.h"
#include "io/files.h"
#include "io/uncertainty_input.h"
#include "io/uncertainty_writers.h"

namespace urbanmine::cli {

namespace {

using uncertainty::kMaxDraws;
using uncertainty::kMaxSamples;

struct McArgs {
  std::string scenario;
  std::string compare;
  std::string data_dir;
  std::string out;
  std::size_t draws = 1000;
  unsigned long long seed = 0;
  std::size_t threads = 0;
  std::string on_error = "stop";
};

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// "use_to_end_of_life_kwh total 2040: P50 ... (P5 ... - P95 ...)" lines for people.
std::string headline(const uncertainty::McSummary& s) {
  std::string text;
  for (const auto& t : s.tables) {
    if (t.name != "use_to_end_of_life_kwh" && t.name != "end_of_life_t" &&
        t.name != "recycled_share_of_demand") {
      continue;
    }
    for (std::size_t c = 0; c < t.cells.size(); ++c) {
      const auto& l = t.labels[c];
      const std::string& year = l.back();
      if (year != "2030" && year != "2040" && year != "2050") continue;
      if (t.dims.front() == "region" && l.front() != "total") continue;
      if (t.name == "end_of_life_t" && l[1] != "Li" && l[1] != "Ni" && l[1] != "Co") continue;
      if (t.name == "recycled_share_of_demand" && l[0] != "Li" && l[0] != "Ni" && l[0] != "Co") {
        continue;
      }
      const auto& m = t.cells[c];
      const bool gwh = t.value_column == "capacity_kwh";
      const double f = gwh ? 1e-6 : 1.0;
      const int digits = t.value_column == "share_fraction" ? 3 : (gwh ? 1 : 0);
      std::string label = t.name;
      for (std::size_t d = 0; d < l.size(); ++d) label += " " + l[d];
      text += label + (gwh ? " (GWh)" : "") + ": P50 " + fixed(m.percentile[2] * f, digits) +
              " (P5 " + fixed(m.percentile[0] * f, digits) + ", P95 " +
              fixed(m.percentile[4] * f, digits) + "), mean " + fixed(m.mean * f, digits) +
              " +/- " + fixed(m.mean_se * f, digits) + "\n";
    }
  }
  return text;
}

int run_mc(CliContext& ctx, const McArgs& a, const Ranks& ranks) {
  const auto start = std::chrono::steady_clock::now();
  if (a.on_error != "stop" && a.on_error != "skip") {
    return report_error(ctx, core::Error::invalid_input("--on-error must be stop or skip",
                                                        "--on-error " + a.on_error));
  }
  if (a.draws == 0) {
    return report_error(ctx, core::Error::invalid_input("--draws must be at least 1", "--draws"));
  }
  if (a.draws > kMaxDraws) {
    // Issue 19: memory follows the draw count (every key output is kept per draw).
    return report_error(
        ctx, core::Error::invalid_input(
                 "--draws " + std::to_string(a.draws) + " is above " + std::to_string(kMaxDraws),
                 "--draws",
                 "percentiles settle long before that; split larger studies "
                 "over --seed values or MPI ranks"));
  }
  auto plan = engine::prepare_uncertainty(a.scenario, a.data_dir);
  if (!plan) return report_error(ctx, plan.error());
  std::optional<engine::UncertaintyPlan> compare;
  if (!a.compare.empty()) {
    auto c = engine::prepare_uncertainty(a.compare, a.data_dir);
    if (!c) return report_error(ctx, c.error());
    if (c->base.regions != plan->base.regions || c->base.first_year != plan->base.first_year ||
        c->base.last_year != plan->base.last_year) {
      return report_error(
          ctx,
          core::Error::invalid_input(
              "--compare needs the same regions and years as the scenario", a.compare,
              "compare scenarios that differ in assumptions, not in their region or year set"));
    }
    compare = std::move(*c);
  }
  engine::McOptions options;
  options.draws = a.draws;
  options.seed = a.seed;
  options.threads = a.threads;
  options.on_error = a.on_error == "skip" ? engine::OnError::kSkip : engine::OnError::kStop;
  const auto layout = engine::key_output_layout(plan->base);
  ctx.logger.info("mc: " + std::to_string(plan->inputs.size()) + " uncertain inputs, " +
                  std::to_string(a.draws) + " draws, seed " + std::to_string(a.seed) + ", " +
                  std::to_string(layout.cells) + " output cells kept per draw (" +
                  std::to_string(layout.cells * a.draws * sizeof(double) / (1024 * 1024)) +
                  " MiB), " + std::to_string(ranks.size) + " rank(s)");
  const engine::UncertaintyPlan* other = compare ? &*compare : nullptr;
  uncertainty::McSummary summary;
  if (ranks.size > 1) {
    // Every rank runs all of its draws (failures are judged on rank 0 after the reduction).
    engine::McOptions local = options;
    std::tie(local.first_draw, local.draw_count) = draw_range(a.draws, ranks);
    local.on_error = engine::OnError::kSkip;
    auto block = engine::run_draw_block(*plan, other, layout, local);
    if (!block) return report_error(ctx, block.error());
    Reduced reduced = mpi_reduce(*block, layout.cells, a.draws, ranks);
    if (ranks.rank != 0) return core::kExitOk;
    std::sort(reduced.failures.begin(), reduced.failures.end(),
              [](const auto& x, const auto& y) { return x.draw < y.draw; });
    if (options.on_error == engine::OnError::kStop && !reduced.failures.empty()) {
      return report_error(
          ctx, engine::draw_failure_error(reduced.failures.front(), plan->scenario_path));
    }
    summary = engine::assemble_summary(*plan, other, layout, options, std::move(reduced.cells),
                                       reduced.draws_ok, std::move(reduced.failures));
  } else {
    auto block = engine::run_draw_block(*plan, other, layout, options);
    if (!block) return report_error(ctx, block.error());
    std::vector<engine::DrawBlock> blocks;
    blocks.push_back(std::move(*block));
    summary = engine::summarize_blocks(*plan, other, layout, blocks, options);
  }
  for (const auto& f : summary.failures) {
    ctx.logger.warn("draw " + std::to_string(f.draw) + " skipped: " + f.message);
  }
  if (summary.draws_ok == 0) {
    return report_error(
        ctx, core::Error::invalid_input("every draw failed", a.scenario, "see the warnings above"));
  }
  std::string out = a.out;
  if (out.empty()) {
    const std::string stem = std::filesystem::path(plan->scenario_path).stem().string();
    out = "out/mc_" + stem;
  }
  if (auto st = io::write_mc_summary(summary, out); !st) return report_error(ctx, st.error());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string text = "mc " + summary.scenario_name +
                     (summary.compare_name.empty()
                          ? ""
                          : " -> " + summary.compare_name + " (difference, draw by draw)") +
                     ": " + std::to_string(summary.draws_ok) + " of " +
                     std::to_string(summary.draws_requested) + " draws, seed " +
                     std::to_string(summary.seed) + ", " + fixed(seconds, 1) + " s\n";
  text += headline(summary);
  text += "wrote " + out + "/mc_summary.csv and " + out + "/mc_summary.json\n";
  return emit(ctx, text);
}

struct SensitivityArgs {
  std::string scenario;
  std::string data_dir;
  std::string out;
  engine::SensitivityOptions options;
};

int run_sensitivity(CliContext& ctx, const SensitivityArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  if (a.options.samples < 2) {
    return report_error(ctx,
                        core::Error::invalid_input("--samples must be at least 2", "--samples"));
  }
  if (a.options.samples > kMaxSamples) {
    return report_error(ctx, core::Error::invalid_input(
                                 "--samples " + std::to_string(a.options.samples) + " is above " +
                                     std::to_string(kMaxSamples),
                                 "--samples", "sensitivity indices settle long before that"));
  }
  auto plan = engine::prepare_uncertainty(a.scenario, a.data_dir);
  if (!plan) return report_error(ctx, plan.error());
  auto report = engine::run_sensitivity(*plan, a.options);
  if (!report) return report_error(ctx, report.error());
  std::string out = a.out;
  if (out.empty()) {
    out = "out/sensitivity_" + std::filesystem::path(plan->scenario_path).stem().string();
  }
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  const std::string path = out + "/sensitivity_" + a.options.method + ".csv";
  if (auto st = io::write_file_atomic(path, io::sensitivity_csv(*report)); !st) {
    return report_error(ctx, st.error());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string text = "sensitivity (" + a.options.method + ") " + report->scenario_name + ": " +
                     std::to_string(report->model_runs) + " model runs, " + fixed(seconds, 1) +
                     " s\n";
  // The most influential input of each output.
  std::string current;
  double best = -1.0;
  std::string best_input;
  auto flush = [&] {
    if (!current.empty()) {
      const std::string what = a.options.method == "sobol"     ? "ST "
                               : a.options.method == "tornado" ? "|P95 - P5| "
                                                               : "mu* ";
      text += current + ": " + best_input + " (" + what + fixed(best, 3) + ")\n";
    }
  };
  for (const auto& row : report->rows) {
    const double v = a.options.method == "sobol"     ? row.second.estimate
                     : a.options.method == "tornado" ? std::fabs(row.first.estimate)
                                                     : row.first.estimate;
    if (row.output != current) {
      flush();
      current = row.output;
      best = -1.0;
    }
    if (v > best) {
      best = v;
      best_input = row.input;
    }
  }
  flush();
  text += "wrote " + path + "\n";
  return emit(ctx, text);
}

int run_sweep(CliContext& ctx, const std::string& file, const std::string& data_dir,
              const std::string& out_dir, std::size_t threads) {
  const auto start = std::chrono::steady_clock::now();
  core::Diagnostics diags;
  const auto spec = io::read_sweep_file(file, diags);
  if (diags.has_errors()) return report_error(ctx, diags.to_error());
  auto report = engine::run_sweep(spec, data_dir, threads);
  if (!report) return report_error(ctx, report.error());
  const std::string out =
      out_dir.empty() ? "out/sweep_" + std::filesystem::path(file).stem().string() : out_dir;
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  const std::string path = out + "/sweep_summary.csv";
  if (auto st = io::write_file_atomic(path, io::sweep_csv(*report)); !st) {
    return report_error(ctx, st.error());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return emit(ctx, "sweep: " + std::to_string(report->variants) + " variants" +
                       (report->draws > 0 ? " x " + std::to_string(report->draws) + " draws" : "") +
                       ", " + fixed(seconds, 1) + " s\nwrote " + path + "\n");
}

}  // namespace

void register_uncertainty_commands(CLI::App& app, CliContext& ctx) {
  auto* mc = app.add_subcommand(
      "mc",
      "Monte Carlo over the scenario's uncertain inputs ([uncertainty] and "
      "data/uncertainty_defaults.csv): P5/P25/P50/P75/P95 and mean, each with its Monte Carlo "
      "standard error, for the key outputs. Draw k uses the same random numbers for the same "
      "input in every scenario and with any thread count.\n"
      "Example: urbanmine mc examples/global.toml --draws 1000 --seed 1 --out out/mc");
  auto a = std::make_shared<McArgs>();
  mc->add_option("SCENARIO", a->scenario, "Scenario TOML file (default: examples/global.toml)");
  mc->add_option("--draws", a->draws, "Number of draws (default 1000)");
  mc->add_option("--seed", a->seed, "Seed of the random numbers (default 0)");
  mc->add_option("--threads", a->threads, "Worker threads (default: every core)");
  mc->add_option("--compare", a->compare,
                 "Second scenario: report its difference from SCENARIO draw by draw");
  mc->add_option("--on-error", a->on_error,
                 "stop (default): a failing draw ends the run (exit 3); skip: leave it out");
  mc->add_option("--out", a->out, "Output folder (default: out/mc_<scenario file name>)");
  mc->add_option("--data-dir", a->data_dir,
                 "Folder of sourced CSVs (default: $URBANMINE_DATA_DIR or the shipped data/)");
  auto* sens = app.add_subcommand(
      "sensitivity",
      "Global sensitivity of the key outputs (end-of-life GWh; Li, Ni, Co in waste and "
      "recovered; recycled share of demand; 2030, 2040, 2050) to the uncertain inputs: Sobol "
      "first-order and total indices (Saltelli sampling, N (k + 2) runs) or Morris screening "
      "(r (k + 1) runs), with bootstrap 95 % intervals.\n"
      "Example: urbanmine sensitivity examples/global.toml --method sobol --samples 64");
  auto s = std::make_shared<SensitivityArgs>();
  sens->add_option("SCENARIO", s->scenario, "Scenario TOML file (default: examples/global.toml)");
  sens->add_option("--method", s->options.method,
                   "sobol (default), morris, or tornado (each input alone at its P5 and P95, the "
                   "others at their median: 2k + 1 runs)");
  sens->add_option("--samples", s->options.samples,
                   "Sobol base samples N or Morris trajectories r (default 64)");
  sens->add_option("--levels", s->options.morris_levels, "Morris grid levels, even (default 4)");
  sens->add_option("--seed", s->options.seed, "Seed of the design (default 0)");
  sens->add_option("--threads", s->options.threads, "Worker threads (default: every core)");
  sens->add_option("--bootstrap", s->options.resamples, "Bootstrap resamples (default 200)");
  sens->add_option("--out", s->out, "Output folder (default: out/sensitivity_<scenario>)");
  sens->add_option("--data-dir", s->data_dir, "Folder of sourced CSVs");
  sens->callback(
      [&ctx, s] { ctx.action = [&ctx, s]() -> int { return run_sensitivity(ctx, *s); }; });

  auto* sweep = app.add_subcommand(
      "sweep",
      "Run every scenario x axis-value combination of SWEEP.toml (once each, or as a Monte "
      "Carlo with [sweep] draws = N) and write one summary table, sweep_summary.csv.\n"
      "Example: urbanmine sweep examples/sweep.toml --out out/sweep");
  auto sweep_file = std::make_shared<std::string>();
  auto sweep_out = std::make_shared<std::string>();
  auto sweep_data = std::make_shared<std::string>();
  auto sweep_threads = std::make_shared<std::size_t>(0);
  sweep->add_option("SWEEP", *sweep_file, "Sweep TOML file")->required();
  sweep->add_option("--out", *sweep_out, "Output folder (default: out/sweep_<file name>)");
  sweep->add_option("--threads", *sweep_threads, "Worker threads (default: every core)");
  sweep->add_option("--data-dir", *sweep_data, "Folder of sourced CSVs");
  sweep->callback([&ctx, sweep_file, sweep_out, sweep_data, sweep_threads] {
    ctx.action = [&ctx, sweep_file, sweep_out, sweep_data, sweep_threads]() -> int {
      return run_sweep(ctx, *sweep_file, *sweep_data, *sweep_out, *sweep_threads);
    };
  });

  mc->callback([&ctx, a] {
    ctx.action = [&ctx, a]() -> int {
      const Ranks ranks = mpi_start();
      // Only rank 0 speaks; every rank has the same inputs, so errors are the same on all.
      if (ranks.rank != 0) {
        ctx.logger.set_level(core::LogLevel::kError);
        std::freopen("/dev/null", "w", stderr);  // NOLINT: quiet non-zero ranks
      }
      const int code = run_mc(ctx, *a, ranks);
      mpi_finish();
      return ranks.rank == 0 ? code : core::kExitOk;
    };
  });
}

}  // namespace urbanmine::cli
