// SPDX-License-Identifier: Apache-2.0
// The facade's entry points for the front ends: The country ranking under uncertain weights and
// scenarios (docs/market.md). Implemented in studies/market_robust.cpp.
#pragma once

#include "engine/run_results.h"

#include "studies/market_robust.h"

namespace urbanmine::engine {

using studies::kRobustCriterionCount;
using studies::RobustMarketRequest;

using studies::robust_market_tables;

}  // namespace urbanmine::engine
