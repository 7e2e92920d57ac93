// SPDX-License-Identifier: Apache-2.0
// Deal sheets (results/dealsheet.h) for every meeting of a partnering event's schedule, from a
// run: each party's country figures are sums of the run's tables over the model regions the
// country code stands for, the shipping lanes follow data/plan_shipping_rules.csv (the rules the
// run's trade step applies) and the run's feedstock_shipments_t, the policy lines are the run's
// policy_checks rows. Nothing is estimated here that the run does not hold.
//
// A profile's country code maps to a region of the run: an ISO alpha-2 or alpha-3 code of a model
// region is that region (KR -> KOR); a country inside a residual group is the group (ID -> ROW,
// AT -> EU27_OTHER), flagged so the sheet says so; "EU" is EU27; a code that names no country
// (IEA) is WORLD, flagged as an international organisation.
//
//   DealSheetData data{.codes = ..., .regions = ..., .shipping_rules = ..., .prices = ...};
//   auto sheets = cooperation::build_deal_sheets(run, instance, schedule, data, {});
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "io/plan_data.h"
#include "io/risk_data.h"
#include "match/instance.h"

#include "results/dealsheet.h"
#include "results/run_results.h"

namespace urbanmine::cooperation {

struct DealSheetData {
  io::CountryCodes codes;                            // data/country_codes.csv
  std::map<std::string, io::RegionMembers> regions;  // data/regions.csv
  std::vector<io::PlanShippingRule> shipping_rules;  // data/plan_shipping_rules.csv
  std::vector<results::ElementPrice> prices;         // data/plan_prices.csv, latest year each
};

struct DealSheetOptions {
  // Sheet years; empty = 2030, 2035 and 2040 where the run has them (else its last year). A
  // year outside the run is kInvalidInput naming the run's years.
  std::vector<int> years;
};

// The latest price of each element in `plan` (USD per tonne of contained element), with its
// source row's text.
std::vector<results::ElementPrice> latest_prices(const io::PlanData& plan);

// One sheet per meeting of `schedule`, in slot order and then by K id. Errors: a schedule
// meeting naming no participant (run `match check` first), a run without the tables the sheets
// need (end_of_life_t, use_to_end_of_life_kwh, ...: kNotFound naming the table), bad years.
core::Result<results::DealSheets> build_deal_sheets(const results::RunResults& run,
                                                    const match::Instance& instance,
                                                    const match::Schedule& schedule,
                                                    const DealSheetData& data,
                                                    const DealSheetOptions& options);

}  // namespace urbanmine::cooperation
