// SPDX-License-Identifier: Apache-2.0
// The facade's entry points for the front ends: Monte Carlo, sensitivity and sweeps over the run
// model (docs/uncertainty.md). Implemented in studies/uncertainty.cpp.
#pragma once

#include "engine/run_results.h"

#include "studies/uncertainty.h"

namespace urbanmine::engine {

using studies::DrawBlock;
using studies::DrawFailure;
using studies::KeyOutputLayout;
using studies::McOptions;
using studies::OnError;
using studies::SensitivityOptions;
using studies::Summary;
using studies::UncertaintyPlan;

using studies::apply_draw;
using studies::assemble_summary;
using studies::draw_failure_error;
using studies::draw_values;
using studies::is_share_input;
using studies::key_output_layout;
using studies::prepare_uncertainty;
using studies::run_draw_block;
using studies::run_sensitivity;
using studies::run_sweep;
using studies::summarize;
using studies::summarize_blocks;

}  // namespace urbanmine::engine
