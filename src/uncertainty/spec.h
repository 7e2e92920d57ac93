// SPDX-License-Identifier: Apache-2.0
// What a scenario's [uncertainty] section and data/uncertainty_defaults.csv say: each
// uncertain input by name with its distribution and the source of its range, and the rank
// correlations between inputs. Parsed in io (io/uncertainty_input.h); the names are bound to
// model inputs by the engine (engine/uncertainty.h).
#pragma once

#include <cstdint>
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

namespace urbanmine::uncertainty {

// A sweep (SWEEP.toml, docs/uncertainty.md): every scenario x every combination of axis
// values, each run once (draws = 0) or as a Monte Carlo with `draws` draws.
struct SweepAxis {
  std::string input;  // an uncertain-input name, set to each value in turn
  std::vector<double> values;
  std::string location;
};

// Upper bounds of study sizes (memory and time grow with them; beyond them a study is refused,
// exit 3, instead of failing to allocate; issue 19).
inline constexpr std::size_t kMaxDraws = 1000000;         // mc --draws, [sweep] draws
inline constexpr std::size_t kMaxSamples = 100000;        // sensitivity --samples
inline constexpr std::size_t kMaxSweepVariants = 100000;  // scenarios x axis-value combinations

struct SweepSpec {
  std::string source;
  std::vector<std::string> scenarios;  // paths, resolved against the sweep file's folder
  std::vector<SweepAxis> axes;
  std::size_t draws = 0;
  std::uint64_t seed = 0;
};

}  // namespace urbanmine::uncertainty
