// SPDX-License-Identifier: Apache-2.0
// Monte Carlo throughput on the shipped baseline (docs/uncertainty.md): draws per second with
// 1 and 2 worker threads (each draw = copy the resolved inputs, apply the draw, compute_run,
// keep the key outputs), and the exact summary of the kept cells.
#include <benchmark/benchmark.h>

#include "engine/run.h"
#include "engine/uncertainty.h"

namespace urbanmine {
namespace {

const engine::UncertaintyPlan& baseline_plan() {
  static const engine::UncertaintyPlan plan = [] {
    auto p =
        engine::prepare_uncertainty(std::string(URBANMINE_SOURCE_DIR) + "/examples/global.toml",
                                    std::string(URBANMINE_SOURCE_DIR) + "/data");
    if (!p) std::abort();
    return std::move(*p);
  }();
  return plan;
}

void BM_UncertaintyMcDraws(benchmark::State& state) {
  const auto& plan = baseline_plan();
  const auto layout = engine::key_output_layout(plan.base);
  engine::McOptions options;
  options.draws = 16;
  options.seed = 1;
  options.threads = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    auto block = engine::run_draw_block(plan, nullptr, layout, options);
    benchmark::DoNotOptimize(block);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(options.draws));
}
BENCHMARK(BM_UncertaintyMcDraws)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_UncertaintySummarizeBlocks(benchmark::State& state) {
  const auto& plan = baseline_plan();
  const auto layout = engine::key_output_layout(plan.base);
  engine::McOptions options;
  options.draws = static_cast<std::size_t>(state.range(0));
  engine::DrawBlock block;
  block.draw_count = options.draws;
  block.values.resize(options.draws * layout.cells);
  for (std::size_t i = 0; i < block.values.size(); ++i) {
    block.values[i] = static_cast<double>((i * 2654435761U) % 1000003U);
  }
  block.ok.assign(options.draws, 1);
  for (auto _ : state) {
    std::vector<engine::DrawBlock> blocks = {block};
    auto summary = engine::summarize_blocks(plan, nullptr, layout, blocks, options);
    benchmark::DoNotOptimize(summary);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(layout.cells));
}
BENCHMARK(BM_UncertaintySummarizeBlocks)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace urbanmine

BENCHMARK_MAIN();
