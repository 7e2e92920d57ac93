// SPDX-License-Identifier: Apache-2.0
// Battery passports in the engine: reading and aggregating, the plant feed, the fragment.
#include "engine/passport.h"

#include <utility>

#include "io/passport_json.h"

namespace urbanmine::engine {

core::Result<PassportReadOutcome> read_passports(const std::string& path,
                                                 const std::string& data_dir) {
  auto set = io::read_passport_set(path, plant_data_dir(data_dir));
  if (!set) return set.error();
  return PassportReadOutcome{std::move(*set)};
}

core::Result<plant::FeedComponent> passport_feed(const PassportReadOutcome& outcome) {
  return passport::feed_from_passports(outcome.files, outcome.aggregate);
}

core::Result<std::string> passport_fragment(const PlantOutcome& outcome,
                                            const passport::FragmentSettings& settings) {
  auto values =
      passport::fragment_values(outcome.spec.feed, outcome.balance, outcome.spec.name, settings);
  if (!values) return values.error();
  return io::passport_fragment_json(values->recycled, values->recycling_kg_co2e_per_kwh,
                                    values->notes);
}

}  // namespace urbanmine::engine
