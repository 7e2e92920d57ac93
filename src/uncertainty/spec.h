// SPDX-License-Identifier: Apache-2.0
// What a scenario's [uncertainty] section and data/uncertainty_defaults.csv say: each
// uncertain input by name with its distribution and the source of its range, and the rank
// correlations between inputs. Parsed in io (io/uncertainty_input.h); the names are bound to
// model inputs by the engine (engine/uncertainty.h).
#pragma once

#include <string>
#include <vector>

#include "uncertainty/correlation.h"
#include "uncertainty/distribution.h"

namespace urbanmine::uncertainty {

struct UncertainInput {
  std::string name;  // e.g. "second_life.share", "lifetime.car_bev.battery.mean_years"
  Distribution distribution;
  std::string source;    // where the range comes from, or "assumption: ..."
  std::string location;  // file:line of the entry
};

struct UncertaintySpec {
  bool present = false;      // the scenario has an [uncertainty] section
  bool use_defaults = true;  // include data/uncertainty_defaults.csv
  std::vector<UncertainInput> inputs;
  std::vector<RankCorrelation> correlations;
};

}  // namespace urbanmine::uncertainty
