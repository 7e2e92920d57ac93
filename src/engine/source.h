// SPDX-License-Identifier: Apache-2.0
// The facade's entry points for the front ends: Recycled-content sourcing on a run (`urbanmine plan
// source`, docs/plan.md). Implemented in studies/sourcing.cpp.
#pragma once

#include "engine/run_results.h"

#include "studies/sourcing.h"

namespace urbanmine::engine {

using studies::SourceReport;
using studies::SourceRequest;

using studies::run_source;

}  // namespace urbanmine::engine
