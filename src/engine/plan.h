// SPDX-License-Identifier: Apache-2.0
// The facade's entry points for the front ends: Plant siting on a run (`urbanmine plan`,
// docs/plan.md). Implemented in studies/siting.cpp.
#pragma once

#include "engine/run_results.h"

#include "studies/siting.h"

namespace urbanmine::engine {

using studies::PlanReport;
using studies::PlanRequest;
using studies::SiteEconomics;

using studies::build_plan_input;
using studies::check_plan_request;
using studies::run_plan;
using studies::site_economics;

}  // namespace urbanmine::engine
