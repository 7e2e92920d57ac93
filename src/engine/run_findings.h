// SPDX-License-Identifier: Apache-2.0
// The findings of a run: sentences a policy analyst can read, built from the model's result
// tables and records (moved verbatim from compute_run; src/report/ will own them).
#pragma once

#include "engine/run_results.h"
#include "engine/scenario.h"

namespace urbanmine::engine {

// Appends the run's findings to res.findings. Needs the tables and records compute_run makes.
void add_run_findings(const ModelInputs& in, RunResults& res);

}  // namespace urbanmine::engine
