// SPDX-License-Identifier: Apache-2.0
// Benchmarks of the cohort stock model (issue 2 targets):
//   BM_MfaInflowDrivenNormalT200   one inflow-driven series, T = 200, Normal lifetime (target
//                                  < 0.1 ms), survival matrix and full by-cohort matrices
//                                  included, storage reused across iterations; *Alloc: fresh
//                                  storage each time; *Totals: batch API, stock and outflow only;
//   BM_MfaStockDrivenNormalT200    one stock-driven series, T = 200, Normal lifetime varying by
//                                  cohort, S-curve stock with a 60% collapse and the
//                                  negative-inflow correction (target < 0.1 ms); *Alloc as above;
//   BM_MfaBatchInflowDriven1440    1440 series = 60 regions x 8 chemistries x 3 segments, T = 60,
//                                  Weibull lifetimes whose shape and scale vary by cohort and by
//                                  segment, inflow-driven, with outflow by cohort (target <= 10 ms
//                                  wall on 2 cores); the lifetime table is built inside the loop.
//                                  The Serial variant runs the same batch on one thread.
//   BM_MfaBatchStockDriven1440     the same 1440 series stock-driven with the correction, totals
//                                  only (no target; for reference).
// Run: build/bench/urbanmine_mfa_bench --benchmark_min_time=0.5
#include <cmath>
#include <cstddef>
#include <vector>

#include <benchmark/benchmark.h>

#include "mfa/batch.h"
#include "mfa/dsm.h"

namespace {

using urbanmine::mfa::LifetimeParams;
using urbanmine::mfa::LifetimeType;

constexpr std::size_t kLongYears = 200;
constexpr std::size_t kRegions = 60;
constexpr std::size_t kChemistries = 8;
constexpr std::size_t kSegments = 3;
constexpr std::size_t kBatchYears = 60;

LifetimeParams normal(double mean, double std_dev) {
  LifetimeParams p;
  p.type = LifetimeType::kNormal;
  p.mean = mean;
  p.std = std_dev;
  return p;
}

// Logistic sales ramp with a cycle: positive, smooth, different per `variant`.
std::vector<double> sales(std::size_t years, double variant) {
  std::vector<double> v(years);
  for (std::size_t t = 0; t < years; ++t) {
    const double x = static_cast<double>(t);
    v[t] = (50.0 + 10.0 * variant) / (1.0 + std::exp(-0.15 * (x - 0.4 * years))) +
           3.0 * std::sin(0.5 * x + variant) + 4.0;
  }
  return v;
}

// Reuses the survival matrix and result storage across iterations, as a hot loop should (see
// the *Alloc variants for fresh allocations, whose cost is mostly page faults).
void BM_MfaInflowDrivenNormalT200(benchmark::State& state) {
  const std::vector<LifetimeParams> cohorts(kLongYears, normal(14.0, 4.0));
  const auto inflow = sales(kLongYears, 1.0);
  urbanmine::mfa::SurvivalMatrix survival;
  urbanmine::mfa::DsmResult result;
  for (auto _ : state) {
    urbanmine::mfa::make_survival_matrix(cohorts, 0.0, survival);
    urbanmine::mfa::solve_inflow_driven(survival, inflow, result);
    benchmark::DoNotOptimize(result.outflow.data());
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_MfaInflowDrivenNormalT200)->Unit(benchmark::kMicrosecond);

void BM_MfaInflowDrivenNormalT200Alloc(benchmark::State& state) {
  const std::vector<LifetimeParams> cohorts(kLongYears, normal(14.0, 4.0));
  const auto inflow = sales(kLongYears, 1.0);
  for (auto _ : state) {
    const auto survival = urbanmine::mfa::make_survival_matrix(cohorts, 0.0);
    auto result = urbanmine::mfa::solve_inflow_driven(survival, inflow);
    benchmark::DoNotOptimize(result.outflow.data());
  }
}
BENCHMARK(BM_MfaInflowDrivenNormalT200Alloc)->Unit(benchmark::kMicrosecond);

// The same series through the batch API, totals only (stock and outflow, no T x T matrices).
void BM_MfaInflowDrivenNormalT200Totals(benchmark::State& state) {
  const auto inflow = sales(kLongYears, 1.0);
  std::vector<double> stock(kLongYears);
  std::vector<double> outflow(kLongYears);
  urbanmine::mfa::BatchBuffers buffers;
  buffers.stock = stock;
  buffers.outflow = outflow;
  for (auto _ : state) {
    urbanmine::mfa::LifetimeTable table(kLongYears);
    const urbanmine::mfa::InflowSeries series[] = {{*table.add_uniform(normal(14.0, 4.0)), inflow}};
    auto status = urbanmine::mfa::solve_inflow_driven_batch(table, series, {}, buffers);
    if (!status) state.SkipWithError(status.error().message.c_str());
    benchmark::DoNotOptimize(outflow.data());
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_MfaInflowDrivenNormalT200Totals)->Unit(benchmark::kMicrosecond);

// An S-curve stock that falls by 60% over five years from year 120 and stays there: the
// negative-inflow correction triggers in the falling years.
std::vector<double> collapsing_stock() {
  std::vector<double> stock;
  for (std::size_t t = 0; t < kLongYears; ++t) {
    const double x = static_cast<double>(t);
    const double level = t < 120 ? 1.0 : (t < 125 ? 1.0 - 0.12 * (x - 119.0) : 0.4);
    stock.push_back(level * 100.0 / (1.0 + std::exp(-0.08 * (x - 80.0))));
  }
  return stock;
}

// Normal lifetime, mean 10 -> 16 by cohort, sd 0.3 x mean: T distinct cohorts, so T^2 / 2
// survival evaluations (erfc), which dominate the cost.
std::vector<LifetimeParams> cohort_varying_normal() {
  std::vector<LifetimeParams> cohorts;
  for (std::size_t c = 0; c < kLongYears; ++c) {
    const double mean = 10.0 + 6.0 * static_cast<double>(c) / kLongYears;
    cohorts.push_back(normal(mean, 0.3 * mean));
  }
  return cohorts;
}

void run_stock_driven(benchmark::State& state, const std::vector<LifetimeParams>& cohorts) {
  const auto stock = collapsing_stock();
  urbanmine::mfa::SurvivalMatrix survival;
  urbanmine::mfa::DsmResult result;
  for (auto _ : state) {
    urbanmine::mfa::make_survival_matrix(cohorts, 0.0, survival);
    urbanmine::mfa::solve_stock_driven(survival, stock, true, result);
    benchmark::DoNotOptimize(result.inflow.data());
    benchmark::ClobberMemory();
  }
  state.counters["corrected_years"] = static_cast<double>(result.negative_inflow_years.size());
}

void BM_MfaStockDrivenNormalT200(benchmark::State& state) {
  run_stock_driven(state, std::vector<LifetimeParams>(kLongYears, normal(14.0, 4.0)));
}
BENCHMARK(BM_MfaStockDrivenNormalT200)->Unit(benchmark::kMicrosecond);

void BM_MfaStockDrivenNormalT200CohortVarying(benchmark::State& state) {
  run_stock_driven(state, cohort_varying_normal());
}
BENCHMARK(BM_MfaStockDrivenNormalT200CohortVarying)->Unit(benchmark::kMicrosecond);

void BM_MfaStockDrivenNormalT200Alloc(benchmark::State& state) {
  const std::vector<LifetimeParams> cohorts(kLongYears, normal(14.0, 4.0));
  const auto stock = collapsing_stock();
  for (auto _ : state) {
    const auto survival = urbanmine::mfa::make_survival_matrix(cohorts, 0.0);
    auto result = urbanmine::mfa::solve_stock_driven(survival, stock, true);
    benchmark::DoNotOptimize(result.inflow.data());
  }
}
BENCHMARK(BM_MfaStockDrivenNormalT200Alloc)->Unit(benchmark::kMicrosecond);

// The survival matrix alone for T distinct Normal cohorts (20,100 erfc evaluations).
void BM_MfaSurvivalMatrixNormalCohortVaryingT200(benchmark::State& state) {
  const auto cohorts = cohort_varying_normal();
  urbanmine::mfa::SurvivalMatrix survival;
  for (auto _ : state) {
    urbanmine::mfa::make_survival_matrix(cohorts, 0.0, survival);
    benchmark::DoNotOptimize(survival.values().data());
  }
}
BENCHMARK(BM_MfaSurvivalMatrixNormalCohortVaryingT200)->Unit(benchmark::kMicrosecond);

// Segment s, cohort c: shape and scale vary by both (cars, buses, trucks age differently).
std::vector<LifetimeParams> segment_lifetime(std::size_t segment) {
  std::vector<LifetimeParams> cohorts;
  for (std::size_t c = 0; c < kBatchYears; ++c) {
    LifetimeParams p;
    p.type = LifetimeType::kWeibull;
    const double progress = static_cast<double>(c) / kBatchYears;
    p.shape = 2.0 + 0.5 * static_cast<double>(segment) + 1.0 * progress;
    p.scale = 10.0 + 2.0 * static_cast<double>(segment) + 4.0 * progress;
    cohorts.push_back(p);
  }
  return cohorts;
}

void run_batch(benchmark::State& state, bool parallel) {
  constexpr std::size_t kSeries = kRegions * kChemistries * kSegments;
  std::vector<std::vector<double>> inflows;
  for (std::size_t k = 0; k < kSeries; ++k) {
    inflows.push_back(sales(kBatchYears, static_cast<double>(k % 97) / 13.0));
  }
  std::vector<std::vector<LifetimeParams>> lifetimes;
  for (std::size_t s = 0; s < kSegments; ++s) lifetimes.push_back(segment_lifetime(s));
  urbanmine::mfa::BatchOptions options;
  options.outflow_by_cohort = true;
  options.parallel = parallel;
  // Caller-owned buffers, reused across iterations (as a run would reuse them).
  std::vector<double> stock(kSeries * kBatchYears);
  std::vector<double> outflow(kSeries * kBatchYears);
  std::vector<double> outflow_by_cohort(kSeries * kBatchYears * kBatchYears);
  urbanmine::mfa::BatchBuffers buffers;
  buffers.stock = stock;
  buffers.outflow = outflow;
  buffers.outflow_by_cohort = outflow_by_cohort;
  std::vector<urbanmine::mfa::InflowSeries> series(kSeries);
  for (auto _ : state) {
    urbanmine::mfa::LifetimeTable table(kBatchYears);
    std::vector<urbanmine::mfa::LifetimeId> ids;
    for (const auto& cohorts : lifetimes) ids.push_back(*table.add(cohorts, 0.0));
    std::size_t k = 0;
    for (std::size_t region = 0; region < kRegions; ++region) {
      for (std::size_t chemistry = 0; chemistry < kChemistries; ++chemistry) {
        for (std::size_t segment = 0; segment < kSegments; ++segment, ++k) {
          series[k] = {ids[segment], inflows[k]};
        }
      }
    }
    auto status = urbanmine::mfa::solve_inflow_driven_batch(table, series, options, buffers);
    if (!status) state.SkipWithError(status.error().message.c_str());
    benchmark::DoNotOptimize(outflow_by_cohort.data());
    benchmark::ClobberMemory();
  }
  state.counters["series"] = static_cast<double>(kSeries);
}

void BM_MfaBatchInflowDriven1440(benchmark::State& state) { run_batch(state, true); }
BENCHMARK(BM_MfaBatchInflowDriven1440)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MfaBatchInflowDriven1440Serial(benchmark::State& state) { run_batch(state, false); }
BENCHMARK(BM_MfaBatchInflowDriven1440Serial)->Unit(benchmark::kMillisecond)->UseRealTime();

// For reference: the same 1440 series stock-driven (the inflows' running sums as stocks, with a
// collapse in every fifth series), with the correction, totals only.
void BM_MfaBatchStockDriven1440(benchmark::State& state) {
  constexpr std::size_t kSeries = kRegions * kChemistries * kSegments;
  std::vector<std::vector<double>> stocks;
  for (std::size_t k = 0; k < kSeries; ++k) {
    auto v = sales(kBatchYears, static_cast<double>(k % 97) / 13.0);
    for (std::size_t t = 1; t < kBatchYears; ++t) v[t] += 0.9 * v[t - 1];
    if (k % 5 == 0) {
      for (std::size_t t = 40; t < kBatchYears; ++t) v[t] *= 0.5;
    }
    stocks.push_back(std::move(v));
  }
  std::vector<std::vector<LifetimeParams>> lifetimes;
  for (std::size_t s = 0; s < kSegments; ++s) lifetimes.push_back(segment_lifetime(s));
  urbanmine::mfa::BatchOptions options;
  options.negative_inflow_correction = true;
  std::vector<double> stock(kSeries * kBatchYears);
  std::vector<double> outflow(kSeries * kBatchYears);
  std::vector<double> inflow(kSeries * kBatchYears);
  urbanmine::mfa::BatchBuffers buffers;
  buffers.stock = stock;
  buffers.outflow = outflow;
  buffers.inflow = inflow;
  std::vector<urbanmine::mfa::StockSeries> series(kSeries);
  for (auto _ : state) {
    urbanmine::mfa::LifetimeTable table(kBatchYears);
    std::vector<urbanmine::mfa::LifetimeId> ids;
    for (const auto& cohorts : lifetimes) ids.push_back(*table.add(cohorts, 0.0));
    for (std::size_t k = 0; k < kSeries; ++k) series[k] = {ids[k % kSegments], stocks[k]};
    auto status = urbanmine::mfa::solve_stock_driven_batch(table, series, options, buffers);
    if (!status) state.SkipWithError(status.error().message.c_str());
    benchmark::DoNotOptimize(inflow.data());
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_MfaBatchStockDriven1440)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
