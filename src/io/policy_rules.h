// SPDX-License-Identifier: Apache-2.0
// Loader and validator for data/policy_rules.csv and data/element_groups.csv. Every bad row is
// reported at once, each naming file, line and field and what to do (exit code 3 in the CLI).
//
// A rule row is rejected when: rule_id, jurisdiction, metric, effective_date or confidence is
// empty; rule_id repeats; jurisdiction is not 2-5 capital letters; confidence is not high,
// medium or low; effective_date is not a valid YYYY-MM-DD date; the comparator looks symbolic
// but is not one of >=, >, <=, <, =, == (e.g. "=>"); the threshold starts like a number but is
// not one (e.g. "9O", "50%"); a percent threshold is outside 0-100. A threshold in words
// (e.g. "SR>=1 and EI>=2.8") is kept as text and makes the rule not evaluable.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "policy/rules.h"

namespace urbanmine::io {

core::Result<std::vector<policy::PolicyRule>> parse_policy_rules(const std::string& text,
                                                                 const std::string& source);
core::Result<std::vector<policy::PolicyRule>> load_policy_rules(const std::string& path);

// group,element,source rows -> group name -> element codes.
core::Result<policy::ElementGroups> load_element_groups(const std::string& path);

}  // namespace urbanmine::io
