// SPDX-License-Identifier: Apache-2.0
// Glue between io (case files) and mfa (the solve) for single DSM cases.
#include "engine/dsm.h"

#include "io/dsm_json.h"
#include "io/files.h"

namespace urbanmine::engine {

core::Result<DsmOutcome> solve_dsm_text(const std::string& json_text, const std::string& source) {
  auto dsm_case = io::parse_dsm_case(json_text, source);
  if (!dsm_case) return dsm_case.error();
  auto solution = mfa::solve_case(*dsm_case, source);
  if (!solution) return solution.error();
  return DsmOutcome{std::move(*dsm_case), std::move(*solution)};
}

core::Result<DsmOutcome> solve_dsm_file(const std::string& path) {
  auto text = io::read_text_file(path);
  if (!text) return text.error();
  return solve_dsm_text(*text, path);
}

std::string dsm_result_json(const DsmOutcome& outcome) {
  return io::dsm_result_json(outcome.dsm_case, outcome.solution);
}

core::Result<DsmCheck> check_dsm_file(const std::string& path, double gate) {
  auto text = io::read_text_file(path);
  if (!text) return text.error();
  auto outcome = solve_dsm_text(*text, path);
  if (!outcome) return outcome.error();
  auto arrays = io::check_dsm_against_reference(*text, path, outcome->solution, gate);
  if (!arrays) return arrays.error();
  DsmCheck check{std::move(*outcome), std::move(*arrays), true};
  for (const auto& a : check.arrays) check.ok = check.ok && a.ok;
  return check;
}

std::string dsm_check_json(const DsmCheck& check, double gate) {
  return io::dsm_check_json(check.outcome.dsm_case.case_id, gate, check.arrays);
}

}  // namespace urbanmine::engine
