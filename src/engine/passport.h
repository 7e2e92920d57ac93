// SPDX-License-Identifier: Apache-2.0
// Engine facade for battery passports (docs/passport.md): `urbanmine passport read`, the plant
// feed built from passports (`plant balance --feed-passports DIR`) and the passport fragment
// of a plant run's product (`plant balance ... --passport-fragment FILE`).
//
// Example: auto r = read_passports("tests/data/passport", "");
//          // then report::passport_read_table(r->files, r->aggregate)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "engine/plant.h"
#include "io/passport_json.h"
#include "plant/plant.h"

#include "passport/passport.h"
#include "passport/plant_link.h"

namespace urbanmine::engine {

// The files read, their aggregate and the substance fractions (io::PassportSet).
struct PassportReadOutcome : io::PassportSet {
  bool all_valid() const { return aggregate.invalid_files == 0; }
};

// Reads a passport file or folder, validates each file and aggregates the valid ones.
// `data_dir` as for plant_data_dir(). Errors only for a missing path, an empty folder, an
// unreadable file or bad data files; bad passports are reported inside the outcome.
core::Result<PassportReadOutcome> read_passports(const std::string& path,
                                                 const std::string& data_dir);
// Whole batteries of the valid passports as one plant feed (passport::feed_from_passports).
core::Result<plant::FeedComponent> passport_feed(const PassportReadOutcome& outcome);

using passport::FeedOrigin;
using passport::FragmentSettings;
using passport::kPassportFeedLabel;
using passport::parse_feed_origin;

// The passport fragment (JSON) of a plant balance's recovered product. Errors: no functional
// unit known (give --functional-unit-kwh), nothing recovered of Co, Li, Ni or Pb.
core::Result<std::string> passport_fragment(const PlantOutcome& outcome,
                                            const FragmentSettings& settings);

}  // namespace urbanmine::engine
