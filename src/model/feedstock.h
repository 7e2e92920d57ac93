// SPDX-License-Identifier: Apache-2.0
// Resolves the feedstock inputs of the chain beyond collected batteries (docs/model.md,
// "Production scrap" and "Trade"): where cell manufacturing scrap arises and at what rate, and
// which routes between a region and another region's recycling capacity are open, at what
// transport cost and CO2. Called by resolve_scenario once regions and capacity pools are known.
#pragma once

#include "core/error.h"
#include "io/run_data.h"
#include "io/scenario_toml.h"

#include "model/scenario.h"

namespace urbanmine::model {

// Fills in.production_scrap and in.trade from the scenario and data; problems (an unknown
// region in a [[trade.block]], a region without coordinates) go to `diags`.
void resolve_feedstock(const io::ScenarioSpec& spec, const io::RunData& data, ModelInputs& in,
                       core::Diagnostics& diags);

}  // namespace urbanmine::model
