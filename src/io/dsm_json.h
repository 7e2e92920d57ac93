// SPDX-License-Identifier: Apache-2.0
// Reads `dsm-reference-v1` case files (their `output` is ignored) and writes `dsm-result-v1`.
// Format: tests/data/dsm/README.md and docs/formats/dsm.md.
#pragma once

#include <string>

#include "core/result.h"
#include "mfa/dsm.h"

namespace urbanmine::io {

// Parses a case from JSON text. `source` names the file in error locations.
core::Result<mfa::DsmCase> parse_dsm_case(const std::string& json_text, const std::string& source);

// The result object: {"format": "dsm-result-v1", "case_id", "mode", ..., "output": {survival,
// stock_by_cohort, outflow_by_cohort, stock, outflow, inflow, stock_change, balance},
// "mass_balance": {...}}. Numbers round-trip exactly.
std::string dsm_result_json(const mfa::DsmCase& dsm_case, const mfa::DsmSolution& solution);

}  // namespace urbanmine::io
