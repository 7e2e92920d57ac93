// SPDX-License-Identifier: Apache-2.0
// Passports and the plant model (docs/passport.md): whole batteries described by passports as a
// plant feed (`plant balance --feed-passports DIR`), and the values of the passport fragment of
// a plant run's recovered product (`plant balance ... --passport-fragment FILE`): recycled
// content split pre/post consumer by feed origin, and the Recycling-stage carbon footprint.
//
// Example: auto feed = feed_from_passports(files, aggregate);
//          auto values = fragment_values(spec.feed, balance, spec.name, {});
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "plant/plant.h"

#include "passport/passport.h"

namespace urbanmine::passport {

// Label of the feed component built from passports.
inline constexpr std::string_view kPassportFeedLabel = "battery passports";

// Whole batteries of the valid passports as one plant feed: element tonnes from the material
// masses (Li, Ni, Co, Mn, Al, Cu, graphite, Fe, P, O as plant materials; the rest of each
// battery's mass as "other"), battery mass known, kWh when every passport states ratedEnergy.
// Errors: any invalid passport (every one listed, exit 3), no valid passport.
core::Result<plant::FeedComponent> feed_from_passports(const std::vector<FileResult>& files,
                                                       const Aggregate& aggregate);

// Where flag-given (non-passport) feed comes from; passports always count as post-consumer.
enum class FeedOrigin { kPreConsumer, kPostConsumer };
core::Result<FeedOrigin> parse_feed_origin(const std::string& text);  // "pre-consumer", ...

struct FragmentSettings {
  FeedOrigin other_feed_origin = FeedOrigin::kPostConsumer;
  // kWh delivered over the service life of the battery the product goes into (the model's
  // functional unit); default: the kWh of the batteries fed, stated as the basis.
  std::optional<double> functional_unit_kwh;
};

struct FragmentValues {
  std::vector<RecycledContentLine> recycled;
  double recycling_kg_co2e_per_kwh = 0.0;
  std::vector<std::string> notes;  // the basis of each value, in words
};

// Fragment values of a plant balance's recovered product. Errors: no functional unit known
// (give --functional-unit-kwh), nothing recovered of Co, Li, Ni or Pb.
core::Result<FragmentValues> fragment_values(const plant::Feed& feed,
                                             const plant::PlantBalance& balance,
                                             const std::string& plant_name,
                                             const FragmentSettings& settings);

}  // namespace urbanmine::passport
