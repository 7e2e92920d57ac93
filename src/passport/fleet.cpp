// SPDX-License-Identifier: Apache-2.0
// EV passports grouped by model year and chemistry (fleet.h).
#include "passport/fleet.h"

#include <utility>

namespace urbanmine::passport {

namespace {
constexpr std::string_view kEvCategory = "ev";
}  // namespace

core::Result<FleetSample> fleet_sample(const std::vector<FileResult>& files,
                                       const Aggregate& aggregate,
                                       const std::map<std::string, ElementFractions>& fractions,
                                       const std::string& where) {
  if (aggregate.invalid_files > 0)
    return invalid_passports_error(files, aggregate, "no fleet data taken");
  FleetSample out;
  core::Diagnostics problems;
  for (const auto& f : files) {
    if (!f.valid()) continue;
    const Passport& p = *f.passport;
    const std::string category = p.category.value_or("");
    if (category != kEvCategory) {
      out.other_categories[category] += 1;
      continue;
    }
    const auto year = model_year(p);
    if (!year) {
      problems.add_error(core::Error::invalid_input(
          "no model year: the passport has neither puttingIntoService nor manufacturingDate",
          f.source + ": $.generalProductInformation.puttingIntoService",
          "fleet data need the year the battery was put into service (or made)"));
    }
    if (!p.rated_energy_kwh || !(*p.rated_energy_kwh > 0.0)) {
      problems.add_error(core::Error::invalid_input(
          "no rated energy: fleet data weigh batteries by their kWh",
          f.source + ": $.performance.batteryTechicalProperties.ratedEnergy",
          "give the battery's rated energy in kWh"));
    }
    if (!year || !p.rated_energy_kwh || !(*p.rated_energy_kwh > 0.0)) continue;
    FleetCell& cell = out.cells[*year][p.chemistry.value_or("unknown")];
    cell.batteries += 1;
    cell.rated_kwh += *p.rated_energy_kwh;
    cell.battery_mass_kg += p.battery_mass_kg.value_or(0.0);
    auto content = element_content(p, fractions);
    for (const auto& [e, kg] : content.element_kg) cell.element_kg[e] += kg;
    out.unmapped_cas.insert(content.unmapped.begin(), content.unmapped.end());
    out.ev_passports += 1;
  }
  if (problems.has_errors()) return problems.to_error();
  if (out.ev_passports == 0) {
    return core::Error::invalid_input("no EV passport (batteryCategory \"ev\") among " +
                                          std::to_string(aggregate.valid_files) +
                                          " valid passports",
                                      where, "give passports of electric-vehicle batteries");
  }
  return out;
}

}  // namespace urbanmine::passport
