// SPDX-License-Identifier: Apache-2.0
// Deal sheets from a run, a match instance and its schedule (dealsheet.h).
#include "cooperation/dealsheet.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "io/run_data.h"
#include "match/scoring.h"

#include "results/regions.h"
#include "results/registry.h"

// Binds `var` to the value of a Result-returning expression, or returns its error.
#define DEALSHEET_TRY(var, expr)                    \
  auto var##_result_ = (expr);                      \
  if (!var##_result_) return var##_result_.error(); \
  auto var = std::move(*var##_result_)

namespace urbanmine::cooperation {

namespace {

constexpr double kKwhPerGwh = 1e6;
constexpr int kLastDefaultYear = 2040;
constexpr std::string_view kWorld = "WORLD";

using Fixed = std::vector<std::pair<std::string, std::string>>;

// results::table_total, with an item the table lacks counted as zero: a run read back from its
// CSVs omits zero rows, so a year, chemistry or destination with nothing in it has no item. A
// dimension the table lacks stays an error.
core::Result<double> total_or_zero(const results::ResultTable& table,
                                   const std::vector<std::string>& regions, const Fixed& fixed) {
  for (const auto& [name, item] : fixed) {
    const auto d = table.values.dim_index(name);
    if (d && !table.values.dims()[*d].index_of(item)) return 0.0;
  }
  return results::table_total(table, regions, fixed);
}

// The run's regions for a profile's country code (see dealsheet.h).
struct CountryRegion {
  std::string region;
  std::string iso3;  // empty when the code names no country
  bool residual = false;
  bool organisation = false;  // an international organisation: world figures
};

CountryRegion region_of(const std::string& code, const DealSheetData& data,
                        const results::RegionIndex& index) {
  CountryRegion out;
  if (index.is_region(code) || index.is_aggregate(code)) {
    out.region = code;
    out.iso3 = code;
    return out;
  }
  if (code == "EU" && index.is_aggregate("EU27")) {
    out.region = "EU27";
    return out;
  }
  for (const auto& c : data.codes.all()) {
    if (c.iso2 == code || c.iso3 == code) out.iso3 = c.iso3;
  }
  if (out.iso3.empty()) {
    out.region = std::string(kWorld);
    out.organisation = true;
    return out;
  }
  if (index.is_region(out.iso3)) {
    out.region = out.iso3;
    return out;
  }
  // A member of a residual group: an explicit member list first, then the group of the rest.
  std::string rest;
  for (const auto& [group, members] : data.regions) {
    if (members.kind != "residual" || !index.is_region(group)) continue;
    const auto& m = members.members;
    if (std::find(m.begin(), m.end(), out.iso3) != m.end()) {
      out.region = group;
      out.residual = true;
      return out;
    }
    if (std::find(m.begin(), m.end(), "*") != m.end()) rest = group;
  }
  out.region = rest.empty() ? std::string(kWorld) : rest;
  out.residual = !rest.empty();
  out.organisation = rest.empty();
  return out;
}

std::string region_name(const results::RunResults& run, const std::string& code) {
  if (const auto* t = run.find_records(results::kRecordsRegions.name)) {
    for (const auto& row : t->rows) {
      if (row.size() >= 2 && row[0].text == code) return row[1].text;
    }
  }
  if (code == "EU27") return "European Union (27)";
  if (code == kWorld) return "World";
  return code;
}

const results::ResultTable* need(const results::RunResults& run, std::string_view name,
                                 core::Error* error) {
  const auto* t = run.find(name);
  if (t == nullptr && error->message.empty()) {
    *error = core::Error::not_found(
        "the run has no table '" + std::string(name) + "' (deal sheets need it)", std::string(name),
        "use a run of this version of urbanmine (run the scenario again)");
  }
  return t;
}

int cell_index(const std::vector<std::string>& columns, std::string_view name) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == name) return static_cast<int>(i);
  }
  return -1;
}

std::string text_at(const std::vector<results::Cell>& row, int i) {
  if (i < 0 || static_cast<std::size_t>(i) >= row.size()) return {};
  const auto& c = row[static_cast<std::size_t>(i)];
  if (c.kind == results::Cell::Kind::kNumber) {
    return std::to_string(static_cast<long long>(c.number));
  }
  return c.text;
}

double number_at(const std::vector<results::Cell>& row, int i, bool* has) {
  *has = i >= 0 && static_cast<std::size_t>(i) < row.size() &&
         row[static_cast<std::size_t>(i)].kind == results::Cell::Kind::kNumber;
  return *has ? row[static_cast<std::size_t>(i)].number : 0.0;
}

// The run's policy_checks rows of the region, of the profile's own code (rules of countries
// inside a residual group carry their own code) and of the aggregates the region belongs to.
std::vector<results::PolicyLine> policy_lines(const results::RunResults& run,
                                              const std::set<std::string>& codes) {
  std::vector<results::PolicyLine> out;
  const auto* t = run.find_records(results::kRecordsPolicyChecks.name);
  if (t == nullptr) return out;
  const auto& c = t->columns;
  const int region = cell_index(c, "region");
  const int rule = cell_index(c, "rule_id");
  const int metric = cell_index(c, "metric");
  const int element = cell_index(c, "element");
  const int year = cell_index(c, "year");
  const int status = cell_index(c, "status");
  const int comparator = cell_index(c, "comparator");
  const int threshold = cell_index(c, "threshold_fraction");
  const int value = cell_index(c, "value_fraction");
  const int legal = cell_index(c, "legal_reference");
  for (const auto& row : t->rows) {
    if (codes.count(text_at(row, region)) == 0) continue;
    results::PolicyLine line;
    line.rule_id = text_at(row, rule);
    line.metric = text_at(row, metric);
    line.element = text_at(row, element);
    bool has = false;
    line.year = static_cast<int>(number_at(row, year, &has));
    line.status = text_at(row, status);
    line.comparator = text_at(row, comparator);
    line.threshold_fraction = number_at(row, threshold, &has);
    line.value_fraction = number_at(row, value, &line.has_value);
    line.legal_reference = text_at(row, legal);
    out.push_back(std::move(line));
  }
  // Failing rules first, then passing, then those the run cannot evaluate; stable otherwise.
  auto rank = [](const std::string& s) { return s == "fail" ? 0 : s == "pass" ? 1 : 2; };
  std::stable_sort(out.begin(), out.end(),
                   [&](const auto& a, const auto& b) { return rank(a.status) < rank(b.status); });
  return out;
}

void market_place(const results::RunResults& run, const std::string& region,
                  results::DealCountry& country) {
  const auto* t = run.find_records(results::kRecordsMarketRanking.name);
  if (t == nullptr) return;
  const int r = cell_index(t->columns, "region");
  const int rank = cell_index(t->columns, "rank");
  const int score = cell_index(t->columns, "score");
  for (const auto& row : t->rows) {
    if (text_at(row, r) != region) continue;
    bool has = false;
    country.market_rank = static_cast<int>(number_at(row, rank, &has));
    country.market_score = number_at(row, score, &has);
  }
}

struct Tables {
  const results::ResultTable* eol_kwh = nullptr;       // use_to_end_of_life_kwh
  const results::ResultTable* eol_detail_t = nullptr;  // use_to_end_of_life_t
  const results::ResultTable* waste_t = nullptr;       // end_of_life_t
  const results::ResultTable* collected = nullptr;
  const results::ResultTable* capacity = nullptr;
  const results::ResultTable* surplus = nullptr;
  const results::ResultTable* stranded = nullptr;
  const results::ResultTable* recovered = nullptr;
  const results::ResultTable* shipments = nullptr;
};

core::Result<results::CountryYear> country_year(const Tables& t,
                                                const std::vector<std::string>& members, int year,
                                                const results::DealSheets& sheets) {
  results::CountryYear y;
  y.year = year;
  const std::string ytext = std::to_string(year);
  const std::string kYear(results::kDimYear);
  DEALSHEET_TRY(eol_kwh, total_or_zero(*t.eol_kwh, members, {{kYear, ytext}}));
  y.end_of_life_gwh = eol_kwh / kKwhPerGwh;
  const auto chem_dim = t.eol_kwh->values.dim_index(std::string(results::kDimChemistry));
  if (chem_dim) {
    for (const auto& chem : t.eol_kwh->values.dims()[*chem_dim].items()) {
      const Fixed fixed = {{std::string(results::kDimChemistry), chem}, {kYear, ytext}};
      DEALSHEET_TRY(kwh, total_or_zero(*t.eol_kwh, members, fixed));
      if (kwh <= 0.0) continue;
      results::ChemistryFigures c;
      c.chemistry = chem;
      c.end_of_life_gwh = kwh / kKwhPerGwh;
      for (const auto& e : sheets.elements) {
        Fixed f = fixed;
        f.emplace_back(std::string(results::kDimElement), e);
        DEALSHEET_TRY(tonnes, total_or_zero(*t.eol_detail_t, members, f));
        c.element_tonnes.push_back(tonnes);
      }
      y.chemistries.push_back(std::move(c));
    }
    std::stable_sort(y.chemistries.begin(), y.chemistries.end(), [](const auto& a, const auto& b) {
      return a.end_of_life_gwh > b.end_of_life_gwh;
    });
  }
  for (const auto& e : sheets.elements) {
    DEALSHEET_TRY(tonnes, total_or_zero(*t.waste_t, members,
                                        {{std::string(results::kDimElement), e}, {kYear, ytext}}));
    y.waste_tonnes.push_back(tonnes);
    for (const auto& p : sheets.prices) {
      if (p.element == e) y.indicative_value_usd += tonnes * p.usd_per_t;
    }
  }
  DEALSHEET_TRY(collected, total_or_zero(*t.collected, members, {{kYear, ytext}}));
  DEALSHEET_TRY(capacity, total_or_zero(*t.capacity, members, {{kYear, ytext}}));
  DEALSHEET_TRY(surplus, total_or_zero(*t.surplus, members, {{kYear, ytext}}));
  DEALSHEET_TRY(stranded, total_or_zero(*t.stranded, members, {{kYear, ytext}}));
  y.collected_battery_t = collected;
  y.recycling_capacity_t = capacity;
  y.feedstock_surplus_t = surplus;
  y.feedstock_stranded_t = stranded;
  const auto& element_items =
      t.recovered->values.dims()[*t.recovered->values.dim_index(std::string(results::kDimElement))]
          .items();
  if (std::find(element_items.begin(), element_items.end(), "Li") != element_items.end()) {
    DEALSHEET_TRY(li, total_or_zero(*t.recovered, members,
                                    {{std::string(results::kDimElement), "Li"}, {kYear, ytext}}));
    y.recovered_li_t = li;
  }
  return y;
}

bool listed(const std::vector<std::string>& codes, const std::vector<std::string>& regions) {
  for (const auto& c : codes) {
    if (c == "*") return true;
    if (std::find(regions.begin(), regions.end(), c) != regions.end()) return true;
  }
  return false;
}

// One direction in one year: closed when a rule in force that year lists any origin member and
// any destination member (the trade step closes a route to a pool the same way), and the
// run's shipments from the origin's members to the destination's members or to the
// destination code itself (a pool named by its aggregate).
core::Result<results::ShippingLane> lane(const Tables& t, const DealSheetData& data,
                                         const std::string& origin,
                                         const std::vector<std::string>& from,
                                         const std::string& destination,
                                         const std::vector<std::string>& to, int year) {
  results::ShippingLane l;
  l.origin = origin;
  l.destination = destination;
  l.year = year;
  for (const auto& rule : data.shipping_rules) {
    if (rule.first_year != 0 && year < rule.first_year) continue;
    if (rule.last_year != 0 && year > rule.last_year) continue;
    if (listed(rule.origins, from) && listed(rule.destinations, to)) {
      l.open = false;
      l.legal_reference = rule.legal_reference;
      break;
    }
  }
  const auto d = t.shipments->values.dim_index(std::string(results::kDimDestination));
  if (!d) return l;
  std::set<std::string> targets(to.begin(), to.end());
  targets.insert(destination);
  for (const auto& item : t.shipments->values.dims()[*d].items()) {
    if (targets.count(item) == 0) continue;
    DEALSHEET_TRY(tonnes, total_or_zero(*t.shipments, from,
                                        {{std::string(results::kDimDestination), item},
                                         {std::string(results::kDimYear), std::to_string(year)}}));
    l.shipped_t += tonnes;
  }
  return l;
}

}  // namespace

std::vector<results::ElementPrice> latest_prices(const io::PlanData& plan) {
  std::vector<results::ElementPrice> out;
  for (const auto& [element, series] : plan.price_usd_per_t) {
    if (series.empty()) continue;
    const auto& [year, price] = *series.rbegin();
    results::ElementPrice p;
    p.element = element;
    p.usd_per_t = price;
    p.year = year;
    if (auto s = plan.price_source.find(element); s != plan.price_source.end()) {
      if (auto y = s->second.find(year); y != s->second.end()) p.source = y->second;
    }
    out.push_back(std::move(p));
  }
  return out;
}

core::Result<results::DealSheets> build_deal_sheets(const results::RunResults& run,
                                                    const match::Instance& instance,
                                                    const match::Schedule& schedule,
                                                    const DealSheetData& data,
                                                    const DealSheetOptions& options) {
  core::Error missing;
  Tables t;
  t.eol_kwh = need(run, results::kEndOfLifeKwh.name, &missing);
  t.eol_detail_t = need(run, results::kEndOfLifeDetailT.name, &missing);
  t.waste_t = need(run, results::kEndOfLifeT.name, &missing);
  t.collected = need(run, results::kCollectedBatteryT.name, &missing);
  t.capacity = need(run, results::kRecyclingCapacityT.name, &missing);
  t.surplus = need(run, results::kFeedstockSurplusT.name, &missing);
  t.stranded = need(run, results::kFeedstockStrandedBatteryT.name, &missing);
  t.recovered = need(run, results::kRecoveredT.name, &missing);
  t.shipments = need(run, results::kFeedstockShipmentsT.name, &missing);
  if (!missing.message.empty()) return missing;

  results::DealSheets sheets;
  sheets.event_name = instance.name;
  sheets.event_date = instance.event.date;
  sheets.event_title = instance.event.title;
  sheets.run_label = run.meta.scenario_name;
  sheets.run_source = run.meta.scenario_path;
  sheets.prices = data.prices;

  // Years of the run (from the waste table's year dimension).
  const auto& waste_dims = t.waste_t->values.dims();
  const auto ydim = t.waste_t->values.dim_index(std::string(results::kDimYear));
  const auto edim = t.waste_t->values.dim_index(std::string(results::kDimElement));
  if (!ydim || !edim || waste_dims[*ydim].items().empty()) {
    return core::Error::not_found("the run's end_of_life_t has no years or elements",
                                  "end_of_life_t", "run the scenario again");
  }
  // Item order need not be year order (a run read back from its CSVs lists years as met).
  int first = 0;
  int last = 0;
  for (const auto& item : waste_dims[*ydim].items()) {
    const int y = std::stoi(item);
    first = first == 0 ? y : std::min(first, y);
    last = std::max(last, y);
  }
  if (options.years.empty()) {
    for (int y = 2030; y <= kLastDefaultYear; y += 5) {
      if (y >= first && y <= last) sheets.years.push_back(y);
    }
    if (sheets.years.empty()) sheets.years.push_back(last);
  } else {
    for (int y : options.years) {
      if (y < first || y > last) {
        return core::Error::invalid_input(
            "year " + std::to_string(y) + " is outside the run (" + std::to_string(first) + "-" +
                std::to_string(last) + ")",
            "--years",
            "give years between " + std::to_string(first) + " and " + std::to_string(last));
      }
      if (std::find(sheets.years.begin(), sheets.years.end(), y) == sheets.years.end()) {
        sheets.years.push_back(y);
      }
    }
    std::sort(sheets.years.begin(), sheets.years.end());
  }
  sheets.elements = waste_dims[*edim].items();

  const auto index = results::RegionIndex::of(run);
  auto country = [&](const match::Participant& p) -> core::Result<results::DealCountry> {
    results::DealCountry c;
    c.code = p.country;
    const CountryRegion where = region_of(p.country, data, index);
    c.region = where.region;
    c.region_name = region_name(run, where.region);
    c.is_member_of_residual = where.residual;
    c.is_organisation = where.organisation;
    auto members = index.members(where.region);
    if (!members) return c;  // the run lacks the region (e.g. WORLD of a partial run)
    c.has_figures = true;
    for (int y : sheets.years) {
      DEALSHEET_TRY(figures, country_year(t, *members, y, sheets));
      c.years.push_back(std::move(figures));
    }
    std::set<std::string> codes = {where.region, p.country};
    if (!where.iso3.empty()) codes.insert(where.iso3);
    if (const auto* regions = run.find_records(results::kRecordsRegions.name)) {
      const int agg = cell_index(regions->columns, "aggregates");
      for (const auto& row : regions->rows) {
        if (row.empty() || row[0].text != where.region) continue;
        for (const auto& a : io::split_list(text_at(row, agg))) {
          if (a != kWorld) codes.insert(a);
        }
      }
    }
    c.policies = policy_lines(run, codes);
    market_place(run, where.region, c);
    return c;
  };

  std::vector<match::Meeting> meetings = schedule.meetings;
  for (const auto& m : meetings) {
    const auto n = static_cast<int>(instance.participants.size());
    if (m.k < 0 || m.f < 0 || m.k >= n || m.f >= n || m.slot < 0 ||
        m.slot >= static_cast<int>(instance.slots.size())) {
      return core::Error::invalid_input(
          "the schedule has a meeting that names no participant or "
          "slot of the instance",
          "schedule", "run `urbanmine match check` first");
    }
  }
  std::stable_sort(meetings.begin(), meetings.end(), [&](const auto& a, const auto& b) {
    if (a.slot != b.slot) return a.slot < b.slot;
    return instance.participants[a.k].id < instance.participants[b.k].id;
  });
  std::map<std::string, results::DealCountry> country_cache;
  auto country_of = [&](const match::Participant& p) -> core::Result<results::DealCountry> {
    if (auto it = country_cache.find(p.country); it != country_cache.end()) return it->second;
    DEALSHEET_TRY(c, country(p));
    country_cache.emplace(p.country, c);
    return c;
  };
  for (const auto& m : meetings) {
    const auto& k = instance.participants[m.k];
    const auto& f = instance.participants[m.f];
    results::DealSheet s;
    s.slot = m.slot;
    s.start = instance.slots[m.slot].start;
    s.end = instance.slots[m.slot].end;
    s.table = m.table + 1;
    s.k_id = k.id;
    s.k_organisation = k.organisation;
    s.f_id = f.id;
    s.f_organisation = f.organisation;
    for (const auto& pair : instance.pairs) {
      if (pair.k == m.k && pair.f == m.f) {
        s.fit = pair.fit;
        s.weight = pair.weight;
      }
    }
    for (auto& fact : match::fit_facts(k, f)) {
      s.reasons.push_back({fact.kind, std::move(fact.items)});
    }
    for (const auto& r : instance.requests) {
      if ((r.from == m.k && r.to == m.f) || (r.from == m.f && r.to == m.k)) {
        s.reasons.push_back(
            {"request", {instance.participants[r.from].id, std::to_string(r.priority)}});
      }
    }
    DEALSHEET_TRY(kc, country_of(k));
    DEALSHEET_TRY(fc, country_of(f));
    s.k_country = std::move(kc);
    s.f_country = std::move(fc);
    const bool lanes = s.k_country.has_figures && s.f_country.has_figures &&
                       s.k_country.region != s.f_country.region && s.k_country.region != kWorld &&
                       s.f_country.region != kWorld;
    if (lanes) {
      auto from = index.members(s.k_country.region);
      auto to = index.members(s.f_country.region);
      if (from && to) {
        for (int y : sheets.years) {
          DEALSHEET_TRY(out, lane(t, data, s.k_country.region, *from, s.f_country.region, *to, y));
          DEALSHEET_TRY(back, lane(t, data, s.f_country.region, *to, s.k_country.region, *from, y));
          s.lanes.push_back(std::move(out));
          s.lanes.push_back(std::move(back));
        }
      }
    }
    sheets.sheets.push_back(std::move(s));
  }
  sheets.notes.push_back(
      "Country figures are sums of the run's tables over the model regions the country code "
      "stands for; a country inside a residual group (e.g. Indonesia in ROW) shows the group's "
      "figures, an international organisation (e.g. IEA) the world's.");
  sheets.notes.push_back(
      "Indicative value: metal in waste batteries (end_of_life_t) x the latest price of "
      "plan_prices.csv per tonne of contained element; elements without a price are not valued. "
      "It is gross metal value, not what a recycler pays (no payables, treatment charges or "
      "losses).");
  sheets.notes.push_back(
      "Shipping: a direction is closed in a year when a rule of plan_shipping_rules.csv in force "
      "that year lists one of the origin's and one of the destination's model regions (the rule "
      "the run's trade step applies); shipped tonnes are the run's feedstock_shipments_t.");
  return sheets;
}

}  // namespace urbanmine::cooperation
