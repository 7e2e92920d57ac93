// SPDX-License-Identifier: Apache-2.0
// Passports and the plant model: the feed built from passports and the fragment values.
#include "passport/plant_link.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>

namespace urbanmine::passport {
namespace {

constexpr double kKgPerTonne = 1000.0;

std::string num(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

core::Result<plant::FeedComponent> feed_from_passports(const std::vector<FileResult>& files,
                                                       const Aggregate& a) {
  if (a.invalid_files > 0) return invalid_passports_error(files, a, "no feed built");
  if (a.valid_files == 0) {
    return core::Error::invalid_input("no valid passport", "--feed-passports",
                                      "give a folder of passport JSON files");
  }
  plant::MaterialTonnes tonnes{};
  double mapped_t = 0.0;
  for (const auto& [element, kg] : a.total.element_kg) {
    auto m = plant::parse_material(element);
    if (!m) continue;  // counted in "other" below
    tonnes[plant::index(*m)] += kg / kKgPerTonne;
    mapped_t += kg / kKgPerTonne;
  }
  const double battery_t = a.total.battery_mass_kg / kKgPerTonne;
  tonnes[plant::index(plant::Material::kOther)] = std::max(0.0, battery_t - mapped_t);
  auto c = plant::element_feed(tonnes, std::string(kPassportFeedLabel) + " (" +
                                           std::to_string(a.valid_files) + " batteries)");
  if (!c) return c.error();
  c->battery_mass_known = true;
  c->capacity_kwh = a.rated_energy_kwh;
  return c;
}

core::Result<FeedOrigin> parse_feed_origin(const std::string& text) {
  if (text == "pre-consumer") return FeedOrigin::kPreConsumer;
  if (text == "post-consumer") return FeedOrigin::kPostConsumer;
  return core::Error::invalid_input("'" + text + "' is not a feed origin", "--feed-origin",
                                    "use pre-consumer (manufacturing waste) or post-consumer "
                                    "(end-of-life batteries)");
}

core::Result<FragmentValues> fragment_values(const plant::Feed& feed, const plant::PlantBalance& b,
                                             const std::string& plant_name,
                                             const FragmentSettings& settings) {
  // Feed of each material by origin; the route recovers every component's share alike.
  std::map<std::string, ElementOrigin> recovered;
  std::vector<std::string> notes;
  for (std::size_t i = 0; i < plant::kMaterialCount; ++i) {
    const std::string code(plant::material_code(plant::material_at(i)));
    double pre = 0.0;
    double post = 0.0;
    for (const auto& c : feed.components) {
      const double t = c.free_t[i] + c.cathode_t[i];
      const bool from_passports = c.label.rfind(kPassportFeedLabel, 0) == 0;
      if (from_passports || settings.other_feed_origin == FeedOrigin::kPostConsumer) {
        post += t;
      } else {
        pre += t;
      }
    }
    const double product_t = b.materials[i].recovered_t + b.materials[i].in_cathode_powder_t;
    if (!(pre + post > 0.0) || !(product_t > 0.0)) continue;
    recovered[code] = {product_t * pre / (pre + post), product_t * post / (pre + post)};
  }
  const auto lines = recycled_content(recovered);
  if (lines.empty()) {
    return core::Error::invalid_input("the plant recovers no Co, Li, Ni or Pb",
                                      "--passport-fragment",
                                      "recycled content covers only these four materials");
  }
  std::optional<double> kwh = settings.functional_unit_kwh;
  if (kwh) {
    notes.push_back(
        "Recycling stage per kWh of the functional unit given by "
        "--functional-unit-kwh (" +
        num(*kwh, 1) + " kWh)");
  } else if (b.feed_kwh) {
    kwh = b.feed_kwh;
    notes.push_back("Recycling stage per kWh of rated energy of the batteries fed (" +
                    num(*kwh, 1) +
                    " kWh), not of the energy over their service life: give "
                    "--functional-unit-kwh for the model's functional unit");
  } else {
    return core::Error::invalid_input(
        "no functional unit for the Recycling carbon footprint (kg CO2e per kWh)",
        "--functional-unit-kwh",
        "give --functional-unit-kwh, or feed packs by --capacity-kwh or passports with "
        "ratedEnergy");
  }
  auto per_kwh = recycling_stage_kg_per_kwh(b.co2.process_t, *kwh);
  if (!per_kwh) return per_kwh.error();
  notes.push_back("Recycling stage = process CO2e of reagents and energy (" +
                  num(b.co2.process_t, 3) +
                  " t) over the functional unit; avoided primary "
                  "production is not credited");
  if (!b.co2.process_complete) {
    std::string missing;
    for (const auto& n : b.co2.inputs_without_factor) missing += (missing.empty() ? "" : ", ") + n;
    notes.push_back("incomplete: process inputs without a CO2 factor: " + missing);
  }
  notes.push_back(
      "recycled content: shares of the recovered product, which is all recycled; "
      "pre/post split by feed origin (passports post-consumer, other feed " +
      std::string(settings.other_feed_origin == FeedOrigin::kPreConsumer ? "pre-consumer"
                                                                         : "post-consumer") +
      ")");
  notes.push_back("plant run: " + plant_name + ", route " +
                  std::string(plant::route_code(b.route)));
  return FragmentValues{lines, per_kwh.value(), std::move(notes)};
}

}  // namespace urbanmine::passport
