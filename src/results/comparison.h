// SPDX-License-Identifier: Apache-2.0
// A comparison of two or more runs (`urbanmine compare`, GET /api/compare): the headline
// figures of a focus region and year with their differences from the first run (the
// reference), the focus region's series over the years for charts, and every result table's
// differences by region (aggregates included), element and year. Computed by studies/compare,
// rendered by report/compare_report (text, JSON, CSV, HTML).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "results/run_results.h"

namespace urbanmine::results {

// Whether two values of a comparison are the same: within 1e-9 of the larger (a run read back
// from its CSVs carries 12 significant digits) plus 1e-12 absolute.
inline bool same_value(double a, double b) {
  return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)) + 1e-12;
}

// One compared run as people know it.
struct ComparedRun {
  std::string label;        // unique among the runs: scenario name, " (2)" appended on repeats
  std::string source;       // what was given: scenario file, run folder or "run 12 in x.db"
  std::string description;  // the scenario's description (may be empty)
};

// A headline figure in the focus region and year: one value per run.
struct HeadlineFigure {
  std::string table;           // e.g. "recycling_to_secondary_metal_t"
  std::string title;           // e.g. "Metal recovered by recycling"
  std::string element;         // element code
  std::string unit;            // value column, e.g. "mass_tonnes"
  std::vector<double> values;  // per run, in run order

  // value - reference; 0 when the two are equal within the comparison's tolerance.
  double delta(std::size_t run) const {
    return same_value(values[run], values[0]) ? 0.0 : values[run] - values[0];
  }
  // delta / reference; NaN when the reference is 0 and the value is not.
  double delta_fraction(std::size_t run) const {
    const double d = delta(run);
    if (d == 0.0) return 0.0;
    if (values[0] == 0.0) return std::numeric_limits<double>::quiet_NaN();
    return d / values[0];
  }
};

// A headline table's values in the focus region over the years, per run (for charts).
struct ComparedSeries {
  std::string table;
  std::string title;
  std::string element;
  std::string unit;
  std::vector<int> years;
  std::vector<std::vector<double>> values;  // [run][year]
};

struct Comparison {
  std::vector<ComparedRun> runs;  // runs[0] is the reference
  std::string region;             // focus region code (a model region or an aggregate)
  int year = 0;                   // focus year
  std::vector<std::string> elements;
  std::vector<HeadlineFigure> headline;  // table-major, then element
  std::vector<ComparedSeries> series;
  // Long form, one row per run after the first and cell that differs from the reference:
  // table, unit, region, element, year, run, reference_value, value, delta, delta_fraction.
  // Tables are reduced to region (model regions, then aggregates), element and year (other
  // dimensions summed). Empty cells where a dimension is absent or a value is missing.
  RecordTable differences;
  std::vector<std::string> tables_compared;
  // Tables some run lacks (or holds with other dimensions or units): not compared.
  std::vector<std::string> tables_not_compared;
};

}  // namespace urbanmine::results
