// SPDX-License-Identifier: Apache-2.0
// Mass-balance checks: a process's inputs, outputs and stock change for one region, element and
// year, summed independently by the caller; the check holds when the residual is within the
// shared mass-balance tolerance (core/tolerance.h).
#pragma once

#include <string>
#include <vector>

#include "results/run_results.h"

namespace urbanmine::results {

BalanceCheck make_balance_check(std::string process, std::string region, std::string element,
                                int year, double inputs, double outputs, double stock_change);

// The failed check with the largest absolute residual, or nullptr when every check holds.
const BalanceCheck* worst_failure(const std::vector<BalanceCheck>& checks);

// "mass balance broken: process use, region CHN, element Li, year 2030, residual 1.2".
std::string describe_failure(const BalanceCheck& check);

}  // namespace urbanmine::results
