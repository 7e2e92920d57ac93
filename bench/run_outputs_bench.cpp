// SPDX-License-Identifier: Apache-2.0
// Cost of the outputs of `urbanmine run` on the synthetic fixture of the writer tests, sized by
// the number of regions (x 2 segments x 2 chemistries x 5 elements x 31 years): rendering every
// document (CSVs, summary.json, sankey.json, report.html) and storing a run in SQLite.
#include <string>

#include <benchmark/benchmark.h>

#include "io/store.h"

#include "../tests/unit/io/run_fixture.h"
#include "report/run_outputs.h"

namespace {

using urbanmine::engine::RunResults;

RunResults fixture_with_regions(int regions) {
  urbanmine::testing::FixtureSpec spec;
  spec.regions.clear();
  for (int i = 0; i < regions; ++i) spec.regions.push_back("R" + std::to_string(100 + i));
  return urbanmine::testing::make_fixture_results(spec);
}

void BM_RunOutputsRender(benchmark::State& state) {
  const auto results = fixture_with_regions(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto docs = urbanmine::report::render_run_outputs(results, {});
    bytes = 0;
    for (const auto& [name, content] : docs->files) bytes += content.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_RunOutputsRender)->Arg(8)->Arg(64)->Arg(200)->Unit(benchmark::kMillisecond);

void BM_RunOutputsStoreInMemory(benchmark::State& state) {
  const auto results = fixture_with_regions(static_cast<int>(state.range(0)));
  const auto docs = urbanmine::report::render_run_outputs(results, {});
  for (auto _ : state) {
    auto store = urbanmine::io::Store::open(":memory:");
    auto id = urbanmine::report::store_run(**store, results, "[scenario]\n", *docs);
    benchmark::DoNotOptimize(id);
  }
}
BENCHMARK(BM_RunOutputsStoreInMemory)->Arg(8)->Arg(64)->Arg(200)->Unit(benchmark::kMillisecond);

}  // namespace
BENCHMARK_MAIN();
