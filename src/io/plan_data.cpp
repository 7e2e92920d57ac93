// SPDX-License-Identifier: Apache-2.0
// Plant-siting data files (see plan_data.h).
#include "io/plan_data.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/units.h"
#include "io/csv.h"
#include "io/run_writers.h"

namespace urbanmine::io {
namespace {

using core::Error;

constexpr double kGramsPerKg = 1000.0;

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ';')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

#define URBANMINE_PLAN_TRY(var, expr)   \
  auto var##_r = (expr);                \
  if (!var##_r) return var##_r.error(); \
  auto var = *var##_r

}  // namespace

core::Result<PlanData> load_plan_data(const std::string& data_dir,
                                      const std::vector<std::string>& known_iso3) {
  PlanData out;
  const std::string dir = data_dir.empty() || data_dir.back() == '/' ? data_dir : data_dir + "/";
  // Parameters first: exchange rates are needed by the other files.
  std::map<std::string, double> param;
  {
    const std::string path = dir + "plan_parameters.csv";
    URBANMINE_PLAN_TRY(t, CsvTable::read_file(path));
    URBANMINE_TRY_STATUS(t.require_columns({"parameter", "value", "unit", "status", "source"}));
    out.files.push_back(path);
    for (std::size_t i = 0; i < t.size(); ++i) {
      const auto row = t.row(i);
      URBANMINE_PLAN_TRY(name, row.required_text("parameter"));
      URBANMINE_PLAN_TRY(value, row.number("value"));
      URBANMINE_PLAN_TRY(status, row.text("status"));
      URBANMINE_PLAN_TRY(source, row.text("source"));
      param[name] = value;
      if (status == "assumption")
        out.assumptions.push_back("plan_parameters.csv " + name + ": " + source);
    }
    const std::vector<std::string> needed = {"discount_rate",
                                             "lead_years",
                                             "black_mass_t_per_t_battery",
                                             "electricity_kwh_per_t_battery",
                                             "hours_per_job_year",
                                             "transport_usd_per_tkm",
                                             "transport_g_co2_per_tkm"};
    for (const auto& n : needed) {
      if (!param.count(n)) {
        return Error::invalid_input("plan_parameters.csv has no row '" + n + "'", path,
                                    "add the row (docs/plan.md lists every parameter)");
      }
    }
    out.discount_rate = param["discount_rate"];
    if (!(out.discount_rate >= 0.0 && out.discount_rate < 1.0)) {
      return Error::invalid_input(
          "discount_rate must be in [0, 1); got " + format_number(out.discount_rate),
          path + " row discount_rate");
    }
    const double lead_years = param["lead_years"];
    if (!(lead_years >= 0.0 && lead_years <= 50.0) || std::floor(lead_years) != lead_years) {
      return Error::invalid_input(
          "lead_years must be a whole number of years in 0..50; got " + std::to_string(lead_years),
          path + " row lead_years");
    }
    out.lead_years = static_cast<int>(lead_years);
    out.black_mass_t_per_t_battery = param["black_mass_t_per_t_battery"];
    out.electricity_kwh_per_t_battery = param["electricity_kwh_per_t_battery"];
    out.hours_per_job_year = param["hours_per_job_year"];
    out.transport_usd_per_tkm = param["transport_usd_per_tkm"];
    out.transport_kg_co2_per_tkm = param["transport_g_co2_per_tkm"] / kGramsPerKg;
    if (!(out.black_mass_t_per_t_battery > 0.0 && out.black_mass_t_per_t_battery <= 1.0)) {
      return Error::invalid_input("black_mass_t_per_t_battery must be in (0, 1]",
                                  path + " row black_mass_t_per_t_battery");
    }
  }
  auto to_usd = [&](double value, const std::string& currency,
                    const std::string& where) -> core::Result<double> {
    if (currency == "USD") return value;
    std::string key = "usd_per_" + currency;
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto it = param.find(key);
    if (it == param.end()) {
      return Error::invalid_input("no exchange rate for currency '" + currency + "'", where,
                                  "add a row " + key + " to plan_parameters.csv");
    }
    return value * it->second;
  };
  // Sites.
  {
    const std::string path = dir + "plan_sites.csv";
    URBANMINE_PLAN_TRY(t, CsvTable::read_file(path));
    URBANMINE_TRY_STATUS(t.require_columns(
        {"site", "region", "iso3", "lat_deg", "lon_deg", "capex_factor", "capex_factor_status",
         "labour_usd_per_hour", "labour_status", "electricity_price", "electricity_unit",
         "electricity_status", "grid_g_co2_per_kwh", "grid_status"}));
    out.files.push_back(path);
    for (std::size_t i = 0; i < t.size(); ++i) {
      const auto row = t.row(i);
      PlanSiteData s;
      URBANMINE_PLAN_TRY(code, row.required_text("site"));
      URBANMINE_PLAN_TRY(region, row.required_text("region"));
      URBANMINE_PLAN_TRY(iso3, row.required_text("iso3"));
      if (std::find(known_iso3.begin(), known_iso3.end(), iso3) == known_iso3.end()) {
        return Error::invalid_input("site " + code + " is in unknown country '" + iso3 + "'",
                                    row.location("iso3"),
                                    "use an ISO 3166 alpha-3 code listed in country_codes.csv");
      }
      URBANMINE_PLAN_TRY(lat, row.number("lat_deg"));
      URBANMINE_PLAN_TRY(lon, row.number("lon_deg"));
      if (lat < -90.0 || lat > 90.0 || lon < -180.0 || lon > 180.0) {
        return Error::invalid_input("coordinates out of range", row.location("lat_deg"));
      }
      URBANMINE_PLAN_TRY(factor, row.number("capex_factor"));
      if (!(factor > 0.0)) {
        return Error::invalid_input("capex_factor must be > 0", row.location("capex_factor"));
      }
      URBANMINE_PLAN_TRY(labour, row.number("labour_usd_per_hour"));
      URBANMINE_PLAN_TRY(price, row.number("electricity_price"));
      URBANMINE_PLAN_TRY(unit, row.required_text("electricity_unit"));
      URBANMINE_PLAN_TRY(grid, row.number("grid_g_co2_per_kwh"));
      if (labour < 0.0 || price < 0.0 || grid < 0.0) {
        return Error::invalid_input("labour, electricity price and grid CO2 must be >= 0",
                                    row.location("labour_usd_per_hour"));
      }
      const auto slash = unit.find("/kWh");
      if (slash == std::string::npos) {
        return Error::invalid_input("electricity_unit must be <currency>/kWh; got " + unit,
                                    row.location("electricity_unit"));
      }
      URBANMINE_PLAN_TRY(usd,
                         to_usd(price, unit.substr(0, slash), row.location("electricity_unit")));
      s.code = code;
      s.region = region;
      s.iso3 = iso3;
      s.lat_deg = lat;
      s.lon_deg = lon;
      s.capex_factor = factor;
      s.labour_usd_per_hour = labour;
      s.electricity_usd_per_kwh = usd;
      s.grid_kg_co2_per_kwh = grid / kGramsPerKg;
      s.location = path + ":" + std::to_string(row.line());
      for (const char* col :
           {"capex_factor_status", "labour_status", "electricity_status", "grid_status"}) {
        URBANMINE_PLAN_TRY(status, row.text(col));
        if (status == "assumption") {
          out.assumptions.push_back("plan_sites.csv " + code + " " +
                                    std::string(col).substr(0, std::string(col).size() - 7) +
                                    " is an assumption");
        }
      }
      out.sites.push_back(s);
    }
  }
  // Modules.
  {
    const std::string path = dir + "plan_modules.csv";
    URBANMINE_PLAN_TRY(t, CsvTable::read_file(path));
    URBANMINE_TRY_STATUS(t.require_columns({"size", "capacity_value", "capacity_basis",
                                            "capex_value", "capex_currency", "capex_country",
                                            "jobs", "jobs_status", "life_years"}));
    out.files.push_back(path);
    for (std::size_t i = 0; i < t.size(); ++i) {
      const auto row = t.row(i);
      PlanModuleData m;
      URBANMINE_PLAN_TRY(size, row.required_text("size"));
      URBANMINE_PLAN_TRY(cap, row.number("capacity_value"));
      URBANMINE_PLAN_TRY(basis, row.required_text("capacity_basis"));
      URBANMINE_PLAN_TRY(capex, row.number("capex_value"));
      URBANMINE_PLAN_TRY(currency, row.required_text("capex_currency"));
      URBANMINE_PLAN_TRY(country, row.required_text("capex_country"));
      URBANMINE_PLAN_TRY(jobs, row.number("jobs"));
      URBANMINE_PLAN_TRY(jobs_status, row.text("jobs_status"));
      URBANMINE_PLAN_TRY(life, row.integer("life_years"));
      if (capex < 0.0) {
        return Error::invalid_input("capex of module " + size + " is negative",
                                    row.location("capex_value"), "capex must be >= 0");
      }
      if (!(cap > 0.0)) {
        return Error::invalid_input("capacity must be > 0", row.location("capacity_value"));
      }
      if (jobs < 0.0 || life <= 0) {
        return Error::invalid_input("jobs must be >= 0 and life_years > 0", row.location("jobs"));
      }
      if (basis == "black_mass_t_per_year") {
        cap /= out.black_mass_t_per_t_battery;
      } else if (basis != "battery_t_per_year") {
        return Error::invalid_input(
            "capacity_basis must be black_mass_t_per_year or battery_t_per_year",
            row.location("capacity_basis"));
      }
      URBANMINE_PLAN_TRY(usd, to_usd(capex, currency, row.location("capex_currency")));
      m.module = plan::Module{size, cap, usd, jobs, static_cast<int>(life)};
      m.capex_country = country;
      if (jobs_status == "assumption") {
        out.assumptions.push_back("plan_modules.csv " + size + " jobs are an assumption");
      }
      out.modules.push_back(m);
    }
  }
  // Prices.
  {
    const std::string path = dir + "plan_prices.csv";
    URBANMINE_PLAN_TRY(t, CsvTable::read_file(path));
    URBANMINE_TRY_STATUS(
        t.require_columns({"element", "year", "price_usd_per_t", "element_mass_fraction"}));
    out.files.push_back(path);
    std::map<std::string, std::map<int, std::size_t>> line_of;
    for (std::size_t i = 0; i < t.size(); ++i) {
      const auto row = t.row(i);
      URBANMINE_PLAN_TRY(element, row.required_text("element"));
      URBANMINE_PLAN_TRY(year, row.integer("year"));
      URBANMINE_PLAN_TRY(price, row.number("price_usd_per_t"));
      URBANMINE_PLAN_TRY(fraction, row.number("element_mass_fraction"));
      if (price < 0.0 || !(fraction > 0.0 && fraction <= 1.0)) {
        return Error::invalid_input("price must be >= 0 and element_mass_fraction in (0, 1]",
                                    row.location("price_usd_per_t"));
      }
      auto& path_of = out.price_usd_per_t[element];
      if (path_of.count(static_cast<int>(year))) {
        return Error::invalid_input("duplicate price for " + element + " " + std::to_string(year),
                                    row.location("year"));
      }
      path_of[static_cast<int>(year)] = price / fraction;
      if (auto source = row.text("source")) {
        out.price_source[element][static_cast<int>(year)] = *source;
      }
      line_of[element][static_cast<int>(year)] = row.line();
    }
    for (const auto& [element, series] : out.price_usd_per_t) {
      int prev = 0;
      for (const auto& [year, value] : series) {
        if (prev != 0 && year != prev + 1) {
          return Error::invalid_input(
              "price path of " + element + " has a gap: " + std::to_string(prev) +
                  " is followed by " + std::to_string(year),
              path + ":" + std::to_string(line_of[element][year]),
              "give one row per year (a held price is a stated assumption, not a missing row)");
        }
        prev = year;
      }
    }
  }
  // Shipping rules.
  {
    const std::string path = dir + "plan_shipping_rules.csv";
    URBANMINE_PLAN_TRY(t, CsvTable::read_file(path));
    URBANMINE_TRY_STATUS(t.require_columns(
        {"origin", "destination", "first_year", "last_year", "effect", "legal_reference"}));
    out.files.push_back(path);
    for (std::size_t i = 0; i < t.size(); ++i) {
      const auto row = t.row(i);
      PlanShippingRule r;
      URBANMINE_PLAN_TRY(origin, row.required_text("origin"));
      URBANMINE_PLAN_TRY(destination, row.required_text("destination"));
      URBANMINE_PLAN_TRY(first, row.optional_number("first_year"));
      URBANMINE_PLAN_TRY(last, row.optional_number("last_year"));
      URBANMINE_PLAN_TRY(effect, row.required_text("effect"));
      URBANMINE_PLAN_TRY(ref, row.text("legal_reference"));
      if (effect != "blocked") {
        return Error::invalid_input("effect must be 'blocked'; got " + effect,
                                    row.location("effect"));
      }
      r.origins = split_list(origin);
      r.destinations = split_list(destination);
      r.first_year = 0;
      r.last_year = 0;
      if (first) {
        URBANMINE_PLAN_TRY(year, core::calendar_year(*first, row.location("first_year")));
        r.first_year = year;
      }
      if (last) {
        URBANMINE_PLAN_TRY(year, core::calendar_year(*last, row.location("last_year")));
        r.last_year = year;
      }
      r.legal_reference = ref;
      r.location = row.location("origin");
      out.shipping_rules.push_back(r);
    }
  }
  return out;
}

}  // namespace urbanmine::io
