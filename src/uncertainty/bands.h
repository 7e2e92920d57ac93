// SPDX-License-Identifier: Apache-2.0
// Monte Carlo results as tables of bands: one row per output cell (its dimension items), each
// with the Summary of statistics.h. Built by the engine (engine/uncertainty.h), written by io.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "uncertainty/sensitivity.h"
#include "uncertainty/spec.h"
#include "uncertainty/statistics.h"

namespace urbanmine::uncertainty {

struct BandTable {
  std::string name;          // e.g. "use_to_end_of_life_kwh"
  std::string value_column;  // unit-suffixed, e.g. "capacity_kwh"
  std::string description;
  std::vector<std::string> dims;                 // e.g. {"region", "year"}
  std::vector<std::vector<std::string>> labels;  // per cell, one item per dimension
  std::vector<Summary> cells;
};

// A draw that failed: its number, the input (empty when the model itself failed), its value
// and the error message.
struct DrawFailure {
  std::uint64_t draw = 0;
  std::string input;
  double value = 0.0;
  std::string message;
};

struct McSummary {
  std::string scenario_name;
  std::string scenario_path;
  std::string compare_name;  // non-empty: tables hold compare - scenario, draw by draw
  std::uint64_t seed = 0;
  std::size_t draws_requested = 0;
  std::size_t draws_ok = 0;
  std::vector<UncertainInput> inputs;
  std::vector<RankCorrelation> correlations;
  std::vector<DrawFailure> failures;
  std::vector<BandTable> tables;
};

}  // namespace urbanmine::uncertainty

namespace urbanmine::uncertainty {

// Global sensitivity of one output to one input. Sobol: first = S_i, second = ST_i. Morris:
// first = mu* (with its bootstrap interval), second = sigma (no interval), mu in `mu`.
struct SensitivityRow {
  std::string output;  // e.g. "end_of_life_t total Li 2040"
  std::string input;
  Interval first;
  Interval second;
  double mu = 0.0;
};

struct SensitivityReport {
  std::string method;  // "sobol" or "morris"
  std::string scenario_name;
  std::uint64_t seed = 0;
  std::size_t samples = 0;     // Sobol base samples N or Morris trajectories r
  std::size_t model_runs = 0;  // N (k + 2) or r (k + 1)
  std::vector<SensitivityRow> rows;
};

}  // namespace urbanmine::uncertainty

namespace urbanmine::uncertainty {

// One variant of a sweep and one headline output: the central value (draws == 1, every
// percentile equal) or the Monte Carlo summary.
struct SweepRow {
  std::size_t variant = 0;
  std::string scenario;
  std::vector<double> axis_values;  // one per axis, in axis order
  std::string output;
  Summary summary;
};

struct SweepReport {
  std::vector<std::string> axis_inputs;
  std::size_t draws = 0;
  std::uint64_t seed = 0;
  std::size_t variants = 0;
  std::vector<SweepRow> rows;
};

}  // namespace urbanmine::uncertainty
