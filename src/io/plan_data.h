// SPDX-License-Identifier: Apache-2.0
// Loads and validates the plant-siting data files (docs/plan.md): data/plan_sites.csv,
// plan_modules.csv, plan_prices.csv, plan_shipping_rules.csv and plan_parameters.csv. Money is
// converted to USD here with the exchange rates of plan_parameters.csv (stated assumptions).
// Errors name the file and row: a site in a country not in country_codes.csv, a negative capex,
// a discount rate outside [0, 1), a price path with a missing year.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.h"

#include "plan/plan.h"

namespace urbanmine::io {

struct PlanSiteData {
  std::string code;
  std::string region;
  std::string iso3;
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  double capex_factor = 1.0;
  double labour_usd_per_hour = 0.0;
  double electricity_usd_per_kwh = 0.0;
  double grid_kg_co2_per_kwh = 0.0;
  std::string location;  // file:line, for errors found later (unknown region)
};

struct PlanModuleData {
  plan::Module module;  // capacity in t of battery, capex in USD at the capex country's level
  std::string capex_country;
};

struct PlanShippingRule {
  std::vector<std::string> origins;       // model regions, or {"*"}
  std::vector<std::string> destinations;  // model regions, or {"*"}
  int first_year = 0;                     // 0 = no lower limit
  int last_year = 0;                      // 0 = no upper limit
  std::string legal_reference;
  std::string location;  // file:line, for errors found later (a code that is not a model region)
};

struct PlanData {
  std::vector<PlanSiteData> sites;
  std::vector<PlanModuleData> modules;
  // Element -> year -> USD per tonne of contained element (consecutive years).
  std::map<std::string, std::map<int, double>> price_usd_per_t;
  std::map<std::string, std::map<int, std::string>> price_source;  // the rows' `source`
  std::vector<PlanShippingRule> shipping_rules;
  double discount_rate = 0.0;
  int lead_years = 0;
  double black_mass_t_per_t_battery = 0.0;
  double electricity_kwh_per_t_battery = 0.0;
  double hours_per_job_year = 0.0;
  double transport_usd_per_tkm = 0.0;
  double transport_kg_co2_per_tkm = 0.0;
  // Capex factor by capex country code (sites' factors; "EU27" and others without a site: 1).
  std::vector<std::string> assumptions;  // rows marked "assumption", for reports
  std::vector<std::string> files;        // paths read
};

// Reads the five files from `data_dir`; `known_iso3` lists the valid country codes.
core::Result<PlanData> load_plan_data(const std::string& data_dir,
                                      const std::vector<std::string>& known_iso3);

}  // namespace urbanmine::io
