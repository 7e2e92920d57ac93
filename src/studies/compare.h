// SPDX-License-Identifier: Apache-2.0
// Two or more finished runs compared (results/comparison.h): the headline figures of a focus
// region and year against the first run, the focus region's series, and every result table's
// differences by region (with the aggregates the runs share), element and year. Pure: the
// runs come from the caller (engine/compare loads scenarios, run folders and stored runs).
//
//   studies::CompareOptions opts;
//   opts.region = "EU27";
//   opts.year = 2040;
//   opts.elements = {"Li"};
//   auto c = studies::compare_runs({{"baseline", base}, {"eu_circular", eu}}, opts);
//   c->headline[0].delta(1);  // EU27 2040 lithium: eu_circular minus baseline
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

#include "results/comparison.h"
#include "results/run_results.h"

namespace urbanmine::studies {

struct CompareInput {
  std::string source;  // what the user gave (for messages and the comparison's run list)
  results::RunResults run;
};

struct CompareOptions {
  std::string region = "WORLD";       // a model region or an aggregate every run has
  int year = 0;                       // 0 = 2040 when every run has it, else their last common year
  std::vector<std::string> elements;  // element codes; empty = Li, Ni, Co
};

// The headline tables, in display order: material demand, waste batteries, collected,
// recycled, recovered, stranded feedstock (those every run has).
core::Result<results::Comparison> compare_runs(const std::vector<CompareInput>& runs,
                                               const CompareOptions& options);

}  // namespace urbanmine::studies
