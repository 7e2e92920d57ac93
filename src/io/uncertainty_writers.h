// SPDX-License-Identifier: Apache-2.0
// Writers for Monte Carlo bands (docs/uncertainty.md): mc_summary.csv (one row per table cell
// with mean, its standard error and P5..P95 with theirs) and mc_summary.json (the same plus
// the seed, the uncertain inputs with their distributions and sources, and failed draws).
// Numbers are printed with 17 significant digits so that equal results give equal bytes.
#pragma once

#include <string>

#include "core/result.h"

#include "uncertainty/bands.h"

namespace urbanmine::io {

std::string mc_summary_csv(const uncertainty::McSummary& summary);
std::string mc_summary_json(const uncertainty::McSummary& summary);

// Writes both files into `dir` (created if needed), each atomically.
core::Status write_mc_summary(const uncertainty::McSummary& summary, const std::string& dir);

}  // namespace urbanmine::io

namespace urbanmine::io {

// sensitivity.csv: method, output, input and the indices with their bootstrap intervals
// (Sobol: s1, s1_low, s1_high, st, st_low, st_high; Morris: mu_star with its interval, sigma
// and mu).
std::string sensitivity_csv(const uncertainty::SensitivityReport& report);

}  // namespace urbanmine::io

namespace urbanmine::io {

// sweep_summary.csv: variant, scenario, one column per axis input, output, draws, mean,
// mean_se, p5, p50, p95.
std::string sweep_csv(const uncertainty::SweepReport& report);

}  // namespace urbanmine::io
