// SPDX-License-Identifier: Apache-2.0
// Engine facade for single dynamic-stock-model cases (`urbanmine mfa dsm`, `/api/mfa/dsm`).
#pragma once

#include <string>

#include "core/result.h"
#include "mfa/dsm.h"

namespace urbanmine::engine {

struct DsmOutcome {
  mfa::DsmCase dsm_case;
  mfa::DsmSolution solution;
};

// Parses a dsm-reference-v1 document (`source` names it in errors), solves it and checks its
// mass balance. Returns the result as dsm-result-v1 JSON text via dsm_result_json().
core::Result<DsmOutcome> solve_dsm_text(const std::string& json_text, const std::string& source);
core::Result<DsmOutcome> solve_dsm_file(const std::string& path);
std::string dsm_result_json(const DsmOutcome& outcome);

}  // namespace urbanmine::engine
