// SPDX-License-Identifier: Apache-2.0
// Runs as one IAMC-format table (see iamc.h).
#include "report/iamc.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "core/version.h"
#include "io/run_writers.h"

#include "results/regions.h"
#include "results/registry.h"

namespace urbanmine::report {

using results::ResultTable;
using results::RunResults;

namespace {

// Human names of the main tables, as IAMC variable stems.
const std::map<std::string_view, std::string_view>& variable_names() {
  static const std::map<std::string_view, std::string_view> kNames{
      {results::kTableMaterialDemandT, "Material Demand|Batteries"},
      {results::kTableInUseStockT, "Stock|In Use"},
      {results::kTableUseToEndOfLifeT, "Batteries|Leaving Vehicles"},
      {results::kTableSecondLifeInflowT, "Second Life|Inflow"},
      {results::kTableSecondLifeStockT, "Stock|Second Life"},
      {results::kTableSecondLifeOutflowT, "Second Life|Outflow"},
      {results::kTableEndOfLifeT, "Waste Batteries|End of Life"},
      {results::kTableCollectedT, "Waste Batteries|Collected"},
      {results::kTableLostOrExportedT, "Waste Batteries|Not Collected"},
      {results::kTableRecycledT, "Recycling|Input"},
      {results::kTableRecoveredT, "Recycling|Recovered Metal"},
      {results::kTableRecyclingResidueT, "Recycling|Residue"},
      {results::kTableUnrecycledT, "Recycling|Stranded Feedstock"},
      {results::kTableProductionScrapT, "Production Scrap"},
      {results::kTableRecyclingCapacityT, "Recycling|Capacity"},
      {results::kTableBatteryInflowKwh, "Battery Capacity|New"},
      {results::kTableInUseStockKwh, "Battery Capacity|In Use Stock"},
      {results::kTableEndOfLifeKwh, "Battery Capacity|Leaving Vehicles"},
      {results::kTableSalesVehicles, "Sales|Electric Vehicles"},
      {results::kTableInUseVehicles, "Stock|Electric Vehicles"},
      {results::kTableRecyclingRevenueUsd, "Recycling|Revenue"},
      {results::kTableRecyclingCo2eAvoidedT, "Emissions|CO2e|Avoided by Recycling"},
      {results::kTableRecyclingCo2eEmittedT, "Emissions|CO2e|Recycling Process"},
  };
  return kNames;
}

std::string unit_of(const ResultTable& table) {
  const std::string& c = table.value_column;
  if (c == "mass_tonnes") return "t";
  if (c == "capacity_kwh") return "kWh";
  if (c == "co2e_tonnes") return "t CO2e";
  if (c == "co2_tonnes") return "t CO2";
  if (c == "vehicles" || c == "packs") return c;
  if (c.size() >= 4 && c.substr(c.size() - 4) == "_usd") {
    static const std::regex kYear("USD of ([0-9]{4}) prices");
    std::smatch m;
    if (std::regex_search(table.description, m, kYear)) return "US$" + m[1].str();
    return "US$";
  }
  return c;
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

}  // namespace

IamcVariable iamc_variable(const ResultTable& table) {
  const auto& dims = table.values.dims();
  const auto has = [&](std::string_view name) {
    return std::any_of(dims.begin(), dims.end(), [&](const auto& d) { return d.name() == name; });
  };
  // Left out: fractions, tables without region or year, bilateral trade (destination), and the
  // two detail tables whose sums are tables of their own (new_batteries_t = material demand,
  // use_to_end_of_life_t = use_to_end_of_life_by_element_t).
  if (!results::is_additive(table) || !has(results::kDimRegion) || !has(results::kDimYear) ||
      has(results::kDimDestination) || table.name == results::kTableBatteryInflowT ||
      table.name == results::kTableEndOfLifeDetailT) {
    return {};
  }
  const auto& names = variable_names();
  const auto it = names.find(table.name);
  return {it != names.end() ? std::string(it->second) : "urbanmine|" + table.name, unit_of(table)};
}

core::Result<std::string> iamc_csv(const std::vector<const RunResults*>& runs) {
  int first = 0;
  int last = -1;
  for (const auto* r : runs) {
    if (r->meta.first_year <= 0 || r->meta.last_year < r->meta.first_year) continue;
    first = last < first ? r->meta.first_year : std::min(first, r->meta.first_year);
    last = std::max(last, r->meta.last_year);
  }
  if (last < first) {
    return core::Error::invalid_input("no run with years to export", "iamc",
                                      "give runs with a first and last year");
  }
  std::string out = "Model,Scenario,Region,Variable,Unit";
  for (int y = first; y <= last; ++y) out += "," + std::to_string(y);
  out += "\n";
  const std::string model = "urbanmine " + std::string(core::version());
  std::map<std::string, int> seen;
  const std::string year_dim(results::kDimYear);
  for (const auto* run : runs) {
    std::string scenario = run->meta.scenario_name.empty() ? "run" : run->meta.scenario_name;
    if (const int n = ++seen[scenario]; n > 1) scenario += " (" + std::to_string(n) + ")";
    const auto index = results::RegionIndex::of(*run);
    for (const auto& table : run->tables) {
      const IamcVariable v = iamc_variable(table);
      if (v.variable.empty()) continue;
      // One breakdown per kept dimension: element (always, as the variable's last part) and,
      // for tables by segment without chemistry, the segment as a sub-variable of the total.
      std::vector<std::vector<std::string>> keeps{{std::string(results::kDimRegion)}};
      if (table.values.dim_index(std::string(results::kDimElement))) {
        keeps[0].push_back(std::string(results::kDimElement));
      }
      keeps[0].push_back(year_dim);
      if (table.values.dim_index(std::string(results::kDimSegment)) &&
          !table.values.dim_index(std::string(results::kDimChemistry)) &&
          !table.values.dim_index(std::string(results::kDimElement))) {
        keeps.push_back(
            {std::string(results::kDimRegion), std::string(results::kDimSegment), year_dim});
      }
      for (const auto& keep : keeps) {
        auto summed = table.values.sum_to(keep);
        if (!summed) return summed.error();
        auto with = results::with_aggregates(
            ResultTable{table.name, table.value_column, table.description, std::move(*summed)},
            index);
        if (!with) return with.error();
        const auto& dims = with->values.dims();  // region, [element|segment], year
        if (dims.front().name() != results::kDimRegion || dims.back().name() != year_dim) {
          return core::Error::internal("table " + table.name +
                                       " does not have region first and year last");
        }
        const std::size_t n_years = dims.back().size();
        const std::size_t n_mid = dims.size() == 3 ? dims[1].size() : 1;
        const auto data = with->values.data();
        for (std::size_t r = 0; r < dims[0].size(); ++r) {
          for (std::size_t m = 0; m < n_mid; ++m) {
            const double* row = data.data() + (r * n_mid + m) * n_years;
            if (std::all_of(row, row + n_years, [](double x) { return x == 0.0; })) continue;
            std::string variable = v.variable;
            if (dims.size() == 3) {
              const std::string& item = dims[1].items()[m];
              variable += "|" + (dims[1].name() == results::kDimElement
                                     ? capitalised(results::element_name(item))
                                     : item);
            }
            out += io::csv_field(model) + "," + io::csv_field(scenario) + "," +
                   io::csv_field(dims[0].items()[r]) + "," + io::csv_field(variable) + "," +
                   io::csv_field(v.unit);
            for (int y = first; y <= last; ++y) {
              out += ",";
              if (const auto t = dims.back().index_of(std::to_string(y))) {
                out += io::format_number(row[*t]);
              }
            }
            out += "\n";
          }
        }
      }
    }
  }
  return out;
}

}  // namespace urbanmine::report
