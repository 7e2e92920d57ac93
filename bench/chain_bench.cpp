// SPDX-License-Identifier: Apache-2.0
// The feedstock transport LP (chain/trade.h) at the size of one year of a run: origins = model
// regions (17 in the baseline), destinations = capacity pools, a third of the routes closed.
// A baseline run solves one such LP per year (41), so the per-solve time bounds trade's share of
// the run.
#include <cstddef>
#include <random>

#include <benchmark/benchmark.h>

#include "chain/trade.h"

namespace {

urbanmine::chain::TransportProblem problem(std::size_t origins, std::size_t destinations) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> tonnes(0.0, 5e5), cost(1.0, 300.0);
  urbanmine::chain::TransportProblem p;
  for (std::size_t o = 0; o < origins; ++o) p.supply_t.push_back(tonnes(rng));
  for (std::size_t d = 0; d < destinations; ++d) p.capacity_t.push_back(tonnes(rng));
  for (std::size_t i = 0; i < origins * destinations; ++i) {
    p.cost_usd_per_t.push_back(cost(rng));
    p.allowed.push_back(i % 3 == 0 ? 0 : 1);
  }
  return p;
}

void BM_SolveTransport(benchmark::State& state) {
  const auto p =
      problem(static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)));
  for (auto _ : state) {
    auto s = urbanmine::chain::solve_transport(p);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_SolveTransport)
    ->Args({17, 8})
    ->Args({17, 17})
    ->Args({60, 60})
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
