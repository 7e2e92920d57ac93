// SPDX-License-Identifier: Apache-2.0
// The facade's entry points for the front ends: The fleet model backtested against the sales and
// battery demand it did not see (docs/validation.md). Implemented in studies/backtest.cpp.
#pragma once

#include "engine/run_results.h"

#include "studies/backtest.h"

namespace urbanmine::engine {

using studies::BacktestOptions;

using studies::backtest_tables;

}  // namespace urbanmine::engine
