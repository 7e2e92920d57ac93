// SPDX-License-Identifier: Apache-2.0
// Robust country ranking from a run (see market_robust.h).
#include "studies/market_robust.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "io/csv.h"
#include "io/data_dir.h"
#include "io/plan_data.h"
#include "io/risk_data.h"
#include "market/robust.h"

#include "model/run_model.h"
#include "results/registry.h"
#include "studies/siting.h"

namespace urbanmine::studies {

using results::kDimElement;
using results::kDimRegion;
using results::kDimYear;
using results::kTableFeedstockSurplusT;
using results::kTableMaterialDemandT;

const char* const kRobustCriterionNames[kRobustCriterionCount] = {
    "feedstock_value_usd",     "accessible_feedstock_tonnes",      "processing_usd_per_t",
    "grid_kg_co2_per_kwh",     "recycled_content_required_tonnes", "governance_wgi_eu_0_10",
    "growth_fraction_per_year"};

namespace {

using core::Error;

constexpr bool kHigherIsBetter[kRobustCriterionCount] = {true, true,  false, false,
                                                         true, false, true};
// Differences at or below these are ties (criterion units): 1,000 USD; 1 t; 1 USD/t;
// 0.001 kg/kWh; 1 t; 0.01 WGI points; 0.1 percentage point per year.
constexpr double kResolution[kRobustCriterionCount] = {1000.0, 1.0, 1.0, 0.001, 1.0, 0.01, 0.001};
constexpr int kGrowthYears = 5;
constexpr int kDefaultYear = 2035;

std::string join(const std::string& dir, const std::string& file) {
  return dir.empty() || dir.back() == '/' ? dir + file : dir + "/" + file;
}

Cell txt(std::string s) { return Cell::of(std::move(s)); }
Cell num(double v) { return Cell::of(v); }
Cell opt(const std::optional<double>& v) { return v ? Cell::of(*v) : Cell::empty(); }

}  // namespace

core::Result<std::vector<RecordTable>> robust_market_tables(const RunResults& run,
                                                            const RobustMarketRequest& request_in) {
  RobustMarketRequest request = request_in;
  if (request.data_dir.empty()) request.data_dir = io::default_data_dir();
  if (request.weights.size() != kRobustCriterionCount) {
    return Error::invalid_input(
        "robust ranking needs " + std::to_string(kRobustCriterionCount) + " weights", "--weights");
  }
  const ResultTable* demand = run.find(kTableMaterialDemandT);
  const ResultTable* surplus = run.find(kTableFeedstockSurplusT);
  if (demand == nullptr || surplus == nullptr) {
    return Error::invalid_input("the run has no material_demand_t or feedstock_surplus_t", "");
  }
  const auto ydim = surplus->values.dim_index(std::string(kDimYear));
  const auto& years = surplus->values.dims()[*ydim].items();
  int year = request.year.value_or(kDefaultYear);
  if (!request.year && std::find(years.begin(), years.end(), std::to_string(year)) == years.end()) {
    year = std::stoi(years.back());
  }
  // Plan data, the one-year plan input (feedstock, revenue, legal access) and site economics.
  auto codes = io::load_country_codes(join(request.data_dir, "country_codes.csv"));
  if (!codes) return codes.error();
  std::vector<std::string> iso3;
  for (const auto& c : codes->all()) iso3.push_back(c.iso3);
  auto data = io::load_plan_data(request.data_dir, iso3);
  if (!data) return data.error();
  PlanRequest preq;
  preq.data_dir = request.data_dir;
  preq.first_year = year;
  preq.last_year = year;
  auto in = build_plan_input(run, *data, preq, nullptr);
  if (!in) return in.error();
  auto econ = site_economics(*data, request.module_size, data->discount_rate);
  if (!econ) return econ.error();
  auto wgi = io::load_wgi(join(request.data_dir, "wgi.csv"));
  if (!wgi) return wgi.error();
  // Countries: model regions of kind "country" that have a site row.
  auto regions = io::CsvTable::read_file(join(request.data_dir, "regions.csv"));
  if (!regions) return regions.error();
  std::vector<std::string> countries;
  std::vector<std::string> eu_members;
  for (std::size_t i = 0; i < regions->size(); ++i) {
    const auto row = regions->row(i);
    auto code = row.required_text("code");
    auto kind = row.required_text("kind");
    auto members = row.text("members");
    if (!code || !kind || !members) return Error::invalid_input("bad row", row.location("code"));
    if (*code == "EU27") {
      std::size_t start = 0;
      while (start <= members->size()) {
        const auto end = members->find(';', start);
        eu_members.push_back(members->substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
      }
    }
    if (*kind == "country" &&
        std::find(in->regions.begin(), in->regions.end(), *code) != in->regions.end()) {
      countries.push_back(*code);
    }
  }
  // Recycled-content targets in force in `year`.
  std::map<std::string, double> target;
  {
    auto t = io::CsvTable::read_file(join(request.data_dir, "eu_battery_regulation_targets.csv"));
    if (!t) return t.error();
    std::map<std::string, int> target_year;
    for (std::size_t i = 0; i < t->size(); ++i) {
      const auto row = t->row(i);
      auto type = row.text("target_type");
      if (!type) return type.error();
      if (*type != "recycled_content_min") continue;
      auto element = row.text("element");
      auto y = row.integer("year");
      auto v = row.optional_number("value_fraction");
      if (!element) return element.error();
      if (!y) return y.error();
      if (!v) return v.error();
      if (!*v || *y > year) continue;
      if (!target_year.count(*element) || target_year[*element] < *y) {
        target_year[*element] = static_cast<int>(*y);
        target[*element] = **v;
      }
    }
  }
  auto demand_of = [&](const std::string& region, const std::string& element,
                       int y) -> std::optional<double> {
    auto v = demand->values.get({{std::string(kDimRegion), region},
                                 {std::string(kDimElement), element},
                                 {std::string(kDimYear), std::to_string(y)}});
    if (!v) return std::nullopt;
    return *v;
  };
  const auto edim = demand->values.dim_index(std::string(kDimElement));
  const auto& elements = demand->values.dims()[*edim].items();
  std::vector<market::CriterionColumn> cols;
  for (std::size_t k = 0; k < kRobustCriterionCount; ++k) {
    cols.push_back(
        market::CriterionColumn{kRobustCriterionNames[k], kHigherIsBetter[k], kResolution[k], {}});
  }
  for (const auto& c : countries) {
    const auto r = static_cast<std::size_t>(std::find(in->regions.begin(), in->regions.end(), c) -
                                            in->regions.begin());
    cols[0].values.push_back(in->feedstock_t[r][0] * in->revenue_usd_per_t[r][0]);
    // Feedstock of other regions that may legally come to this country's site.
    std::optional<double> access;
    for (std::size_t s = 0; s < in->sites.size(); ++s) {
      if (in->sites[s].region != c) continue;
      double t = 0.0;
      for (std::size_t o = 0; o < in->regions.size(); ++o) {
        if (o != r && in->allowed[o][s][0]) t += in->feedstock_t[o][0];
      }
      access = t;
    }
    cols[1].values.push_back(access);
    std::optional<double> cost, grid;
    for (const auto& e : *econ) {
      if (e.region == c) {
        cost = e.processing_usd_per_t;
        grid = e.grid_kg_co2_per_kwh;
      }
    }
    cols[2].values.push_back(cost);
    cols[3].values.push_back(grid);
    const bool eu = std::find(eu_members.begin(), eu_members.end(), c) != eu_members.end();
    double required = 0.0;
    if (eu) {
      for (const auto& [element, fraction] : target) {
        if (auto d = demand_of(c, element, year)) required += fraction * *d;
      }
    }
    cols[4].values.push_back(required);
    const auto w = wgi->find(c);
    cols[5].values.push_back(w != wgi->end() ? w->second.wgi_scaled : std::nullopt);
    double now = 0.0, before = 0.0;
    for (const auto& e : elements) {
      now += demand_of(c, e, year).value_or(0.0);
      before += demand_of(c, e, year - kGrowthYears).value_or(0.0);
    }
    cols[6].values.push_back(
        before > 0.0 ? std::optional<double>(std::pow(now / before, 1.0 / kGrowthYears) - 1.0)
                     : std::nullopt);
  }
  auto ranked = market::robust_rank(countries, cols, request.weights, request.score_resolution);
  if (!ranked) return ranked.error();
  auto ranges = market::dirichlet_rank_ranges(countries, cols, request.draws, request.seed,
                                              request.score_resolution);
  if (!ranges) return ranges.error();
  const auto constant = market::constant_criteria(cols);
  std::string constant_text = constant.empty() ? "none" : "";
  for (const auto& n : constant) constant_text += (constant_text.empty() ? "" : ", ") + n;
  RecordTable t;
  t.name = "market_robust_ranking";
  t.title = "Country opportunities for a recycler in " + std::to_string(year) +
            " (sourced criteria, ratio-to-best, rank ranges)";
  t.description =
      "Score = sum of parts; part = weight (scaled to sum 1) x value / best value (lower-is-better "
      "criteria: best value / value); countries whose scores differ by no more than " +
      std::to_string(request.score_resolution) +
      " share a rank. Rank ranges: best, 5th and 95th percentile and worst rank under " +
      std::to_string(request.draws) +
      " weight vectors drawn from a flat Dirichlet distribution "
      "(seed " +
      std::to_string(request.seed) +
      "). Criteria constant across countries (within "
      "their resolution): " +
      constant_text + ". docs/market.md.";
  t.columns = {"rank", "region", "score"};
  for (const auto* n : kRobustCriterionNames) t.columns.push_back(std::string("part_") + n);
  for (const auto* n : kRobustCriterionNames) t.columns.push_back(n);
  t.columns.insert(t.columns.end(), {"rank_best", "rank_p5", "rank_p95", "rank_worst"});
  for (const auto& row : *ranked) {
    const auto i = static_cast<std::size_t>(
        std::find(countries.begin(), countries.end(), row.code) - countries.begin());
    std::vector<Cell> cells{num(row.rank), txt(row.code), num(row.total)};
    for (const auto& p : row.parts) cells.push_back(opt(p));
    for (const auto& c : cols) cells.push_back(opt(c.values[i]));
    const auto& rr = (*ranges)[i];
    cells.insert(cells.end(), {num(rr.best), num(rr.p5), num(rr.p95), num(rr.worst)});
    t.rows.push_back(std::move(cells));
  }
  return std::vector<RecordTable>{std::move(t)};
}

}  // namespace urbanmine::studies
