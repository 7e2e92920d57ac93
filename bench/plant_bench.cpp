// SPDX-License-Identifier: Apache-2.0
// Plant model benchmarks: one balance of an element feed (the call a run makes per region and
// year), a sweep sized regions x years, a cell feed with economics, and the inverse LP.
// Run: build/bench/urbanmine_plant_bench
#include <cstdlib>
#include <string>

#include <benchmark/benchmark.h>

#include "io/plant_data.h"
#include "plant/infer.h"
#include "plant/plant.h"

namespace {

using urbanmine::plant::Material;
namespace plant = urbanmine::plant;

const plant::PlantDefaults& defaults() {
  static const plant::PlantDefaults d = [] {
    auto r = urbanmine::io::load_plant_defaults(std::string(URBANMINE_SOURCE_DIR) + "/data");
    if (!r) std::abort();
    return *r;
  }();
  return d;
}

plant::Feed element_feed(double scale) {
  plant::MaterialTonnes t{};
  t[plant::index(Material::kLi)] = 23.2 * scale;
  t[plant::index(Material::kNi)] = 117.7 * scale;
  t[plant::index(Material::kCo)] = 39.4 * scale;
  t[plant::index(Material::kMn)] = 36.7 * scale;
  t[plant::index(Material::kCu)] = 161.0 * scale;
  t[plant::index(Material::kAl)] = 84.0 * scale;
  t[plant::index(Material::kGraphite)] = 210.0 * scale;
  return plant::Feed{{*plant::element_feed(t, "end-of-life batteries")}};
}

void BM_PlantBalanceElementFeed(benchmark::State& state) {
  const plant::Feed feed = element_feed(1.0);
  plant::RouteParams route;
  for (auto _ : state) {
    auto b = plant::balance(feed, route, defaults());
    benchmark::DoNotOptimize(b);
  }
}
BENCHMARK(BM_PlantBalanceElementFeed);

// regions x years calls, as a run would make (argument: regions; 30 years each).
void BM_PlantBalanceRegionsYears(benchmark::State& state) {
  constexpr int kYears = 30;
  const int regions = static_cast<int>(state.range(0));
  plant::RouteParams route;
  for (auto _ : state) {
    for (int r = 0; r < regions; ++r) {
      for (int y = 0; y < kYears; ++y) {
        auto b = plant::balance(element_feed(1.0 + r + y), route, defaults());
        benchmark::DoNotOptimize(b);
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * regions * kYears);
}
BENCHMARK(BM_PlantBalanceRegionsYears)->Arg(10)->Arg(50);

void BM_PlantBalanceCellsThreeRoutes(benchmark::State& state) {
  const plant::Feed feed{{*plant::cell_feed(defaults(), "NMC622", 1000.0)}};
  for (auto _ : state) {
    for (auto r : plant::kAllRoutes) {
      plant::RouteParams route;
      route.route = r;
      auto b = plant::balance(feed, route, defaults());
      benchmark::DoNotOptimize(b);
    }
  }
}
BENCHMARK(BM_PlantBalanceCellsThreeRoutes);

void BM_PlantInferSungEel(benchmark::State& state) {
  plant::InferRequest req;
  for (const auto& c : defaults().chemistries) {
    if (c.cell_free_fraction) req.candidates.push_back(*plant::cell_feed(defaults(), c.code, 1.0));
  }
  req.output_t = {{Material::kCo, 1500.0}, {Material::kNi, 2900.0}, {Material::kLi, 1700.0}};
  for (auto _ : state) {
    auto r = plant::infer_feed(req, defaults());
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_PlantInferSungEel);

void BM_PlantLoadDefaults(benchmark::State& state) {
  for (auto _ : state) {
    auto r = urbanmine::io::load_plant_defaults(std::string(URBANMINE_SOURCE_DIR) + "/data");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_PlantLoadDefaults);

}  // namespace

BENCHMARK_MAIN();
