// SPDX-License-Identifier: Apache-2.0
// The model of `urbanmine run` (docs/model.md), driven from the resolved scenario: the fleet
// (fleet/fleet.h: vehicles and packs aged separately, replacements, new-battery demand) then the
// chain (chain/chain.h: second life, collection, capacity pools, routes, the plant step and the
// mass-balance checks derived from its declared processes and flows). compute_run turns their
// outputs into the run's result tables, records and assumptions, and fails when a balance check
// fails. Findings in words are the report's (report/findings.h), added by the run pipeline.
#pragma once

#include <string_view>

#include "core/logger.h"
#include "core/result.h"

#include "model/scenario.h"
#include "results/run_results.h"

namespace urbanmine::model {

// Its tables and record tables are declared in results/registry.h.

// The domain inputs of the fleet and the chain, taken from the resolved scenario.
fleet::FleetInputs fleet_inputs(const ModelInputs& in);
chain::ChainInputs chain_inputs(const ModelInputs& in);

// Runs the model; an Internal error when any balance check fails.
core::Result<results::RunResults> compute_run(const ModelInputs& in,
                                              const core::ProgressCallback& progress);

}  // namespace urbanmine::model
