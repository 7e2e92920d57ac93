// SPDX-License-Identifier: Apache-2.0
// Uncertain inputs as data (docs/uncertainty.md): a scenario's [uncertainty] section and the
// shipped default set data/uncertainty_defaults.csv, parsed into uncertainty::UncertaintySpec.
// Every problem (unknown key, wrong type, bad distribution parameters) is one error naming the
// file, line and input key; whether a name is a model input is checked by the engine.
//
// Example:
//   [uncertainty]
//   defaults = true
//   [[uncertainty.input]]
//   name = "second_life.share"
//   distribution = "triangular"
//   lower = 0.3
//   mode = 0.5
//   upper = 0.7
//   source = "Busch et al. 2024: scenarios 30 % and 70 %"
//   [[uncertainty.correlation]]
//   inputs = ["lifetime.all.vehicle.mean_years", "lifetime.all.battery.mean_years"]
//   rank_correlation = 0.5
#pragma once

#include <string>

#include "core/error.h"

#include "uncertainty/spec.h"

namespace urbanmine::io {

// The [uncertainty] section of scenario TOML `text` (`source` names it); absent section ->
// present == false. `is_share(name)` says which names are fractions (checked to stay in 0-1).
uncertainty::UncertaintySpec parse_uncertainty_toml(const std::string& text,
                                                    const std::string& source,
                                                    bool (*is_share)(const std::string&),
                                                    core::Diagnostics& diags);

// data/uncertainty_defaults.csv: name, distribution, mean, sd, lower, mode, upper, alpha,
// beta, options, weights, source, notes (options and weights separated by ';').
std::vector<uncertainty::UncertainInput> read_uncertainty_defaults(
    const std::string& path, bool (*is_share)(const std::string&), core::Diagnostics& diags);

}  // namespace urbanmine::io

namespace urbanmine::io {

// SWEEP.toml:
//   [sweep]
//   scenarios = ["global.toml", "eu_circular.toml"]   # relative to the sweep file
//   draws = 0          # 0: one central run per variant; N: Monte Carlo with N draws
//   seed = 1
//   [[sweep.axis]]
//   input = "second_life.share"
//   values = [0.3, 0.5, 0.7]
// Problems (unknown keys, wrong types, no scenario, an axis without values) go to `diags`.
uncertainty::SweepSpec read_sweep_file(const std::string& path, core::Diagnostics& diags);

}  // namespace urbanmine::io
