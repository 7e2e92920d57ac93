// SPDX-License-Identifier: Apache-2.0
// Benchmarks of the cooperation modules: the country ranking with its sensitivity view sized by
// countries, loading the risk/policy data, and risk + policy + market on the baseline run.
#include <random>

#include <benchmark/benchmark.h>

#include "engine/cooperation.h"
#include "engine/run.h"
#include "market/ranking.h"

namespace {

using namespace urbanmine;

void BM_MarketRankCountries(benchmark::State& state) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> value(-100.0, 100.0);
  std::vector<market::CountryCriteria> cs(static_cast<std::size_t>(state.range(0)));
  for (std::size_t i = 0; i < cs.size(); ++i) {
    cs[i].code = "C" + std::to_string(i);
    for (auto& raw : cs[i].raw) raw = value(rng);
  }
  for (auto _ : state) {
    auto ranking = market::rank_countries(cs, market::Weights{});
    auto sensitivity = market::rank_sensitivity(cs, market::Weights{});
    benchmark::DoNotOptimize(ranking);
    benchmark::DoNotOptimize(sensitivity);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_MarketRankCountries)->Arg(15)->Arg(200)->Arg(2000);

void BM_CooperationLoadData(benchmark::State& state) {
  engine::CooperationOptions options;
  options.data_dir = std::string(URBANMINE_SOURCE_DIR) + "/data";
  for (auto _ : state) {
    auto data = engine::load_cooperation_data(options);
    if (!data) state.SkipWithError(data.error().to_string().c_str());
    benchmark::DoNotOptimize(data);
  }
}
BENCHMARK(BM_CooperationLoadData)->Unit(benchmark::kMillisecond);

void BM_CooperationBaseline(benchmark::State& state) {
  engine::RunOptions run_options;
  run_options.data_dir = std::string(URBANMINE_SOURCE_DIR) + "/data";
  auto run = engine::run_scenario_file(std::string(URBANMINE_SOURCE_DIR) + "/examples/global.toml",
                                       run_options);
  engine::CooperationOptions options;
  options.data_dir = run_options.data_dir;
  auto data = engine::load_cooperation_data(options);
  if (!run || !data) {
    state.SkipWithError("baseline run or data failed");
    return;
  }
  for (auto _ : state) {
    engine::RunResults copy = *run;
    auto status = engine::add_cooperation_results(copy, *data, options);
    benchmark::DoNotOptimize(status);
  }
}
BENCHMARK(BM_CooperationBaseline)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
