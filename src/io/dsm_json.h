// SPDX-License-Identifier: Apache-2.0
// Reads `dsm-reference-v1` case files (their `output` is ignored) and writes `dsm-result-v1`.
// Format: tests/data/dsm/README.md and docs/formats/dsm.md.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "mfa/dsm.h"

namespace urbanmine::io {

// Parses a case from JSON text. `source` names the file in error locations.
core::Result<mfa::DsmCase> parse_dsm_case(const std::string& json_text, const std::string& source);

// The result object: {"format": "dsm-result-v1", "case_id", "mode", ..., "output": {survival,
// stock_by_cohort, outflow_by_cohort, stock, outflow, inflow, stock_change, balance},
// "mass_balance": {...}}. Numbers round-trip exactly.
std::string dsm_result_json(const mfa::DsmCase& dsm_case, const mfa::DsmSolution& solution);

// One output array compared with a reference: max|got - want| / max(1, max|want|).
struct DsmArrayCheck {
  std::string name;
  double scaled_error = 0.0;
  bool ok = true;
};

// Compares `solution` with the `output` object of the case text itself (a dsm-reference-v1 file
// carries its expected results): survival, stock_by_cohort, outflow_by_cohort, stock, outflow,
// inflow and stock_change, each against `gate`. Fails with InvalidInput naming
// "source: $.output..." when the output is missing or has the wrong shape.
core::Result<std::vector<DsmArrayCheck>> check_dsm_against_reference(
    const std::string& json_text, const std::string& source, const mfa::DsmSolution& solution,
    double gate);

// {"format": "dsm-check-v1", "case_id", "gate", "ok", "arrays": {name: scaled_error, ...}}.
std::string dsm_check_json(const std::string& case_id, double gate,
                           const std::vector<DsmArrayCheck>& checks);

}  // namespace urbanmine::io
