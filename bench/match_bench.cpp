// SPDX-License-Identifier: Apache-2.0
// Google Benchmark of the meeting scheduler on the reference instances small-s1, medium-s1,
// medium-s1-cancel and the organiser's-rules pair small-rules-s1 and medium-rules-s1 (time limit
// 2 s each); the counters report the objective as a share of the
// known optimum and the gap to the proven bound. large-s1 is generated and timed by
// bench/match.sh (it is never committed).
#include <string>

#include <benchmark/benchmark.h>

#include "engine/match.h"
#include "io/files.h"

namespace {

void run(benchmark::State& state, const std::string& name, double optimum) {
  const std::string path = std::string(URBANMINE_SOURCE_DIR) + "/tests/data/match/" + name;
  auto text = urbanmine::io::read_text_file(path);
  if (!text) {
    state.SkipWithError("instance file missing");
    return;
  }
  urbanmine::engine::ScheduleRequest request;
  request.time_limit_seconds = 2.0;
  double share = 0.0;
  double gap = 0.0;
  for (auto _ : state) {
    auto out = urbanmine::engine::schedule_match_text(*text, path, request);
    if (!out) {
      state.SkipWithError("schedule failed");
      return;
    }
    share = static_cast<double>(out->result.objective.total()) / optimum;
    gap = out->result.gap;
    benchmark::DoNotOptimize(share);
  }
  state.counters["share_of_optimum"] = share;
  state.counters["gap"] = gap;
}

void BM_MatchScheduleSmall(benchmark::State& state) { run(state, "small-s1.json", 20114.0); }
void BM_MatchScheduleMedium(benchmark::State& state) { run(state, "medium-s1.json", 122157.0); }
void BM_MatchScheduleMediumCancel(benchmark::State& state) {
  run(state, "medium-s1-cancel.json", 144616.0);
}
void BM_MatchScheduleSmallRules(benchmark::State& state) {
  run(state, "small-rules-s1.json", 18574.0);
}
void BM_MatchScheduleMediumRules(benchmark::State& state) {
  run(state, "medium-rules-s1.json", 106190.0);
}

}  // namespace

BENCHMARK(BM_MatchScheduleSmall)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MatchScheduleMedium)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MatchScheduleMediumCancel)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MatchScheduleSmallRules)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MatchScheduleMediumRules)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
