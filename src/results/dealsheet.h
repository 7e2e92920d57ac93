// SPDX-License-Identifier: Apache-2.0
// Deal sheets of a partnering event (`urbanmine match dealsheet`): for every scheduled meeting,
// why the two parties meet (the facts behind their fit) and what a run says about their two
// countries — waste batteries and their metal by chemistry and year, recycling capacity,
// surplus and stranded feedstock, an indicative metal value, the policy rules checked there,
// whether feedstock may legally be shipped between them and what the run ships. Computed by
// cooperation/dealsheet from a run, a match instance and its schedule; rendered by
// report/dealsheet_report (JSON, HTML, in English or Korean). Every figure is a sum of the run's
// own tables (a test checks them against the tables).
#pragma once

#include <string>
#include <vector>

namespace urbanmine::results {

// Why the two meet: each kind of fact that scores in the pair's fit (match/scoring.h) with the
// items behind it. Kinds: "materials" (shared materials), "processes" (shared processes),
// "target_country" (F's country is one of K's target markets; items = {country}),
// "k_seeks_f_offers" and "f_seeks_k_offers" (roles one seeks and the other offers), "request"
// (items = {requester id, priority}).
struct FitReason {
  std::string kind;
  std::vector<std::string> items;
};

// Metal in a chemistry's packs leaving vehicles in one year.
struct ChemistryFigures {
  std::string chemistry;
  double end_of_life_gwh = 0.0;        // use_to_end_of_life_kwh / 1e6
  std::vector<double> element_tonnes;  // use_to_end_of_life_t, parallel to DealSheets::elements
};

struct CountryYear {
  int year = 0;
  double end_of_life_gwh = 0.0;               // packs leaving vehicles (all chemistries)
  std::vector<ChemistryFigures> chemistries;  // largest first; chemistries with 0 GWh omitted
  std::vector<double> waste_tonnes;           // end_of_life_t by element (after second life)
  double collected_battery_t = 0.0;
  double recycling_capacity_t = 0.0;
  double feedstock_surplus_t = 0.0;  // positive = surplus, negative = idle capacity
  double feedstock_stranded_t = 0.0;
  double recovered_li_t = 0.0;  // recycling_to_secondary_metal_t, Li (all routes)
  // Waste-battery metal (waste_tonnes) x price, over the elements with a price; not what a
  // recycler pays (no payables, no treatment charges).
  double indicative_value_usd = 0.0;
};

// A policy rule checked in the country (the run's policy_checks rows of its region).
struct PolicyLine {
  std::string rule_id;
  std::string metric;
  std::string element;
  int year = 0;
  std::string status;  // pass, fail, not_evaluable
  std::string comparator;
  double threshold_fraction = 0.0;
  double value_fraction = 0.0;
  bool has_value = false;
  std::string legal_reference;
};

struct DealCountry {
  std::string code;         // as the profile gives it: KR, EU, IEA, ID
  std::string region;       // model region or aggregate its figures are for: KOR, EU27, WORLD, ROW
  std::string region_name;  // "Korea, Republic of", "Rest of world"
  bool is_member_of_residual = false;  // the country is inside a residual group (ROW, ...)
  bool is_organisation = false;        // the code names no country (IEA): world figures
  bool has_figures = false;            // false: the code maps to no region of the run
  std::vector<CountryYear> years;
  std::vector<PolicyLine> policies;  // in the first sheet year (or the run's last), one per rule
  int market_rank = 0;               // 0 = not ranked
  double market_score = 0.0;
};

// One direction of shipping between the two parties' regions in one year.
struct ShippingLane {
  std::string origin;       // model region (or aggregate)
  std::string destination;  // model region (or aggregate)
  int year = 0;
  bool open = true;
  std::string legal_reference;  // of the rule that closes it (empty when open)
  double shipped_t = 0.0;       // the run's feedstock_shipments_t from origin to destination
};

struct DealSheet {
  int slot = 0;
  std::string start, end;  // local event time HH:MM
  int table = 0;           // counted from 1, as agendas show it
  std::string k_id, k_organisation, f_id, f_organisation;
  long long fit = 0;
  long long weight = 0;
  std::vector<FitReason> reasons;
  DealCountry k_country;
  DealCountry f_country;
  std::vector<ShippingLane> lanes;  // K -> F and F -> K per sheet year (none for one region)
};

struct ElementPrice {
  std::string element;
  double usd_per_t = 0.0;  // per tonne of contained element
  int year = 0;
  std::string source;
};

struct DealSheets {
  std::string event_name, event_date, event_title;
  std::string run_label;              // the run's scenario name
  std::string run_source;             // scenario file, run folder or "run 3 in x.db"
  std::vector<int> years;             // the sheet years, within the run
  std::vector<std::string> elements;  // element columns: Li, Ni, Co, Mn, ...
  std::vector<ElementPrice>
      prices;                      // for the indicative value; elements without one are not valued
  std::vector<DealSheet> sheets;   // in slot order, then K id
  std::vector<std::string> notes;  // conventions stated once (e.g. how codes map to regions)
};

}  // namespace urbanmine::results
