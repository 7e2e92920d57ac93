// SPDX-License-Identifier: Apache-2.0
// The findings of a run: sentences a policy analyst can read, built from the run's result tables
// and record tables only (no model inputs). The focus year is an option; the elements named are
// results::kHeadlineElements; region names come from the `regions` record table; the validation
// sentence uses the latest year the world battery-demand check has.
#pragma once

#include <vector>

#include "report/messages.h"
#include "results/run_results.h"

namespace urbanmine::report {

struct FindingOptions {
  // The year the sentences describe (clamped to the run's years); the default is the documented
  // default of `--sankey-year`.
  int focus_year = 2040;
};

// Appends the findings on end of life, surplus, recycled share, replacements and the demand
// check to `results.findings`. Tables that are missing are skipped.
void add_findings(results::RunResults& results, const FindingOptions& options = {});
// The findings of the cooperation modules (supply concentration, import reliance, policy checks,
// market) built again from their record tables in `language`: in English they are the sentences
// those modules wrote (a test holds them equal); the Korean report uses them.
std::vector<results::Finding> build_cooperation_findings(const results::RunResults& results,
                                                         Language language);
// The run's findings as a reader of `language` sees them: the stored (English) ones, or in Korean
// the report's and the cooperation modules' findings built again from the tables (the stored
// ones when the tables are missing, as in a run read back from an older folder).
std::vector<results::Finding> findings_in(const results::RunResults& results, Language language);
// The same findings in `language` (the Korean report builds them again from the tables).
std::vector<results::Finding> build_findings(const results::RunResults& results,
                                             const FindingOptions& options, Language language);

}  // namespace urbanmine::report
