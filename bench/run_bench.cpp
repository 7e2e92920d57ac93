// SPDX-License-Identifier: Apache-2.0
// Benchmarks of the main job: the full baseline run (load data/, parse examples/global.toml,
// resolve, model, checks, cooperation tables; every country 2010-2050), the same run with every
// output written (CSV tables, summary.json, sankey.json, report.html and the run stored in a new
// SQLite file, as `urbanmine run --out DIR` does), and the model step alone.
// Run: build/bench/urbanmine_run_bench --benchmark_min_time=2
// The whole command, process start included: bash bench/run.sh build
#include <filesystem>
#include <string>

#include <benchmark/benchmark.h>

#include "engine/run.h"
#include "io/run_data.h"
#include "io/scenario_toml.h"

#include "model/run_model.h"
#include "model/scenario.h"
#include "report/run_outputs.h"

namespace {

using urbanmine::engine::RunOptions;

RunOptions options() {
  RunOptions o;
  o.data_dir = std::string(URBANMINE_SOURCE_DIR) + "/data";
  return o;
}

const std::string kBaseline = std::string(URBANMINE_SOURCE_DIR) + "/examples/global.toml";

void BM_RunBaselineAllCountries2010To2050(benchmark::State& state) {
  const RunOptions o = options();
  std::size_t checks = 0;
  for (auto _ : state) {
    auto r = urbanmine::engine::run_scenario_file(kBaseline, o);
    if (!r) {
      state.SkipWithError(r.error().to_string().c_str());
      return;
    }
    checks = r->balance.size();
    benchmark::DoNotOptimize(r->tables.data());
  }
  state.counters["balance_checks"] = static_cast<double>(checks);
}
BENCHMARK(BM_RunBaselineAllCountries2010To2050)->Unit(benchmark::kMillisecond);

void BM_RunBaselineWithAllOutputs(benchmark::State& state) {
  const RunOptions o = options();
  const auto dir = std::filesystem::temp_directory_path() / "urbanmine_run_bench";
  std::size_t files = 0;
  for (auto _ : state) {
    std::filesystem::remove_all(dir);
    auto r = urbanmine::engine::run_scenario_file(kBaseline, o);
    if (!r) {
      state.SkipWithError(r.error().to_string().c_str());
      return;
    }
    urbanmine::report::OutputOptions out;
    out.out_dir = dir.string();
    out.scenario_text = "# benchmark\n";
    auto written = urbanmine::report::write_run_outputs(*r, out);
    if (!written) {
      state.SkipWithError(written.error().to_string().c_str());
      return;
    }
    files = written->files.size();
  }
  std::filesystem::remove_all(dir);
  state.counters["files"] = static_cast<double>(files);
}
BENCHMARK(BM_RunBaselineWithAllOutputs)->Unit(benchmark::kMillisecond);

void BM_RunModelOnlyBaseline(benchmark::State& state) {
  urbanmine::core::Diagnostics diags;
  const auto data = urbanmine::io::load_run_data(options().data_dir, diags);
  const auto spec = urbanmine::io::read_scenario_file(kBaseline, diags);
  const auto inputs = urbanmine::model::resolve_scenario(spec, data, diags);
  if (diags.has_errors()) {
    state.SkipWithError("baseline did not validate");
    return;
  }
  for (auto _ : state) {
    auto r = urbanmine::model::compute_run(inputs, {});
    benchmark::DoNotOptimize(r);
  }
  state.counters["regions"] = static_cast<double>(inputs.regions.size());
  state.counters["chemistries"] = static_cast<double>(inputs.chemistries.size());
  state.counters["years"] = static_cast<double>(inputs.years);
}
BENCHMARK(BM_RunModelOnlyBaseline)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
