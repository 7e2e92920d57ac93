// SPDX-License-Identifier: Apache-2.0
// Engine facade for single dynamic-stock-model cases (`urbanmine mfa dsm`, `/api/mfa/dsm`).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "io/dsm_json.h"
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

// Solves the case at `path` and compares the result with the file's own `output`, array by
// array, against `gate` (scaled error max|a - b| / max(1, max|b|); the gate is 1e-9).
struct DsmCheck {
  DsmOutcome outcome;
  std::vector<io::DsmArrayCheck> arrays;
  bool ok = true;
};
core::Result<DsmCheck> check_dsm_file(const std::string& path, double gate);
std::string dsm_check_json(const DsmCheck& check, double gate);

}  // namespace urbanmine::engine
