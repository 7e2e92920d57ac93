// SPDX-License-Identifier: Apache-2.0
// `urbanmine passport read` answers: each file's validity and problems, and the valid passports
// aggregated by chemistry, status and state of health, as an aligned text report, tidy CSV
// (group,key,battery_count,battery_mass_kg,element,element_kg: one row per group, key and
// element) or JSON (io/passport_json.h). Element columns: the model's elements first
// (results/registry.h), then any other element the passports contain.
#pragma once

#include <string>
#include <vector>

#include "passport/passport.h"

namespace urbanmine::report {

std::string passport_read_json(const std::vector<passport::FileResult>& files,
                               const passport::Aggregate& aggregate);
std::string passport_read_table(const std::vector<passport::FileResult>& files,
                                const passport::Aggregate& aggregate);
std::string passport_read_csv(const passport::Aggregate& aggregate);

}  // namespace urbanmine::report
