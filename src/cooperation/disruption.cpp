// SPDX-License-Identifier: Apache-2.0
// Supply disruption tables (see risk_disruption.h).
#include "cooperation/disruption.h"

#include <algorithm>
#include <set>

namespace urbanmine::cooperation {
namespace {

Cell txt(std::string s) { return Cell::of(std::move(s)); }
Cell num(double v) { return Cell::of(v); }

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// Supplier shares of one element, stage and data year, with what is not counted.
struct Shares {
  std::vector<risk::SupplierShare> suppliers;
  std::optional<double> world_t;  // mine stage: the world total (t); refining: none
  std::string missing;            // producers with blank figures (withheld named)
  std::string source;
};

std::optional<Shares> shares_of(const CooperationData& data, const std::string& element,
                                risk::SupplyStage stage, int data_year) {
  auto snap = data.supply.snapshot(element, stage, data_year);
  if (!snap) return std::nullopt;
  auto h = risk::compute_hhi(*snap, risk::HhiConvention::kNamedShare);
  if (!h) return std::nullopt;
  Shares out;
  for (const auto& c : h->contributions) {
    out.suppliers.push_back({c.country, c.iso3, c.share_fraction});
  }
  if (stage == risk::SupplyStage::kMine) out.world_t = h->denominator;
  out.missing = join(h->missing_producers, "; ");
  std::set<std::string> sources;
  for (const auto& p : snap->producers) {
    if (!p.source.empty()) sources.insert(p.source);
  }
  out.source = join({sources.begin(), sources.end()}, " | ");
  return out;
}

}  // namespace

core::Result<std::vector<RecordTable>> disruption_tables(const CooperationData& data,
                                                         const RunResults* run,
                                                         const DisruptionOptions& options) {
  const std::vector<std::string> known = risk_elements(data);
  const std::vector<std::string> elements = options.elements.empty() ? known : options.elements;
  for (const auto& e : elements) {
    if (std::find(known.begin(), known.end(), e) == known.end()) {
      return core::Error::invalid_input("element '" + e + "' has no supply data", "--element",
                                        "use Li, Ni, Co, Mn or graphite");
    }
  }
  policy::RunIndicators ind;
  std::vector<std::string> parts;  // run regions summed for the demand
  if (run != nullptr && !options.export_quotas.empty()) {
    return core::Error::invalid_input(
        "export quotas are tonnes of world exports; they apply only without a run", "RUN",
        "drop RUN to see the quotas against world supply");
  }
  if (run != nullptr) {
    ind = run_indicators(*run);
    if (!ind.demand_t) {
      return core::Error::invalid_input("the run has no material demand table", "RUN",
                                        "give a scenario or a complete run folder");
    }
    for (const auto& r : ind.regions) {
      const auto it = data.regions.find(r);
      const bool aggregate = it != data.regions.end() && it->second.kind == "aggregate";
      if (options.region == "WORLD" ? !aggregate : r == options.region) parts.push_back(r);
    }
    if (parts.empty()) {
      return core::Error::invalid_input("region '" + options.region + "' is not in the run",
                                        "--region",
                                        "use WORLD or one of: " + join(ind.regions, ", "));
    }
  }

  RecordTable dis;
  dis.name = std::string(kRecordsSupplyDisruption);
  dis.title = "Share of demand covered when the largest supplier drops out";
  dis.description =
      "For each element, stage and year: the suppliers dropped, their share s of world supply, "
      "and the share of demand the remaining suppliers cover without recycling (1 - s) and with "
      "the run's recycled supply R ((1 - s)(D - R) + R) / D. Primary supply is assumed balanced "
      "to the demand it serves (D without recycling, D - R with it) and the remaining suppliers "
      "keep their output. Shares: USGS mine production by country (mine), IEA refining shares "
      "(refining). D is battery demand of the run (all uses when no run is given: D = world "
      "mine production of the data year).";
  dis.columns = {"region",
                 "element",
                 "stage",
                 "year",
                 "supply_data_year",
                 "dropped_suppliers",
                 "dropped_share_fraction",
                 "demand_tonnes",
                 "recycled_tonnes",
                 "coverage_without_recycling_fraction",
                 "coverage_with_recycling_fraction",
                 "not_counted",
                 "source"};
  RecordTable buys;
  buys.name = std::string(kRecordsRecyclingBuys);
  buys.title = "What recycling buys when the largest supplier drops out";
  buys.description =
      "The supply gap after the disruption without recycling (s x D), the part the run's "
      "recycled supply closes (s x R), the gap left (s x (D - R)), and the recycled tonnes that "
      "would close the gap entirely with the other suppliers' output fixed (R + s x (D - R)).";
  buys.columns = {"region",
                  "element",
                  "stage",
                  "year",
                  "gap_without_recycling_tonnes",
                  "gap_closed_by_recycling_tonnes",
                  "gap_with_recycling_tonnes",
                  "recycled_tonnes",
                  "recycled_to_close_gap_tonnes"};

  const std::string region_label = run == nullptr ? "WORLD" : options.region;
  for (const auto& element : elements) {
    for (const auto stage : {risk::SupplyStage::kMine, risk::SupplyStage::kRefining}) {
      const auto data_years = data.supply.years(element, stage);
      if (data_years.empty()) continue;  // no refining shares for this element
      std::vector<int> years = options.years;
      if (years.empty()) {
        if (run == nullptr) {
          years = {data_years.back()};
        } else {
          for (int y = ind.first_year; y <= ind.last_year; y += 5) years.push_back(y);
          if (ind.first_year <= 2035 && 2035 <= ind.last_year) years.push_back(2035);
          years.push_back(ind.last_year);
          std::sort(years.begin(), years.end());
          years.erase(std::unique(years.begin(), years.end()), years.end());
        }
      }
      for (const int year : years) {
        const auto data_year = data.supply.year_for(element, stage, year);
        if (!data_year) continue;
        const auto shares = shares_of(data, element, stage, *data_year);
        if (!shares) continue;
        std::optional<double> demand;
        double recycled = 0.0;
        if (run == nullptr) {
          // Without a run, demand is the world's: world mine production of the data year.
          const auto mine_year = data.supply.year_for(element, risk::SupplyStage::kMine, year);
          if (mine_year) {
            if (auto m = shares_of(data, element, risk::SupplyStage::kMine, *mine_year)) {
              demand = m->world_t;
            }
          }
        } else {
          for (const auto& p : parts) {
            if (auto d = cell(ind.demand_t, p, element, year)) demand = demand.value_or(0) + *d;
            if (auto r = cell(ind.recovered_t, p, element, year)) recycled += *r;
          }
        }
        if (!demand || *demand <= 0.0) continue;
        risk::DropRule rule = options.drop;
        if (stage == risk::SupplyStage::kMine) {
          for (const auto& q : options.export_quotas) {
            if (!q.annual_cap || q.element != element || year < q.year_from || year > q.year_to) {
              continue;
            }
            const bool listed =
                std::any_of(shares->suppliers.begin(), shares->suppliers.end(),
                            [&](const risk::SupplierShare& s) { return s.iso3 == q.iso3; });
            if (!listed) continue;
            rule.caps.push_back({q.iso3, *q.quantity_t / *demand,
                                 q.measure + " " +
                                     std::to_string(static_cast<long long>(*q.quantity_t)) +
                                     " t/yr, " + q.location.substr(q.location.rfind('/') + 1)});
          }
        }
        if (rule.named.empty() && rule.top_k == 0 && rule.caps.empty()) continue;
        auto r = risk::compute_disruption(shares->suppliers, rule, *demand, recycled);
        if (!r) {
          auto e = r.error();
          e.message = element + " " + std::string(risk::stage_name(stage)) + ": " + e.message;
          e.location = "--drop";
          return e;
        }
        const std::string stage_text(risk::stage_name(stage));
        dis.rows.push_back(
            {txt(region_label), txt(element), txt(stage_text), num(static_cast<double>(year)),
             num(static_cast<double>(*data_year)), txt(join(r->dropped, "; ")),
             num(r->dropped_share), num(r->demand_t), num(r->recycled_t),
             num(r->coverage_without_recycling), num(r->coverage_with_recycling),
             txt(shares->missing.empty() ? ""
                                         : "blank in the source, not counted: " + shares->missing),
             txt(shares->source)});
        buys.rows.push_back({txt(region_label), txt(element), txt(stage_text),
                             num(static_cast<double>(year)), num(r->gap_without_recycling_t),
                             num(r->gap_closed_by_recycling_t), num(r->gap_with_recycling_t),
                             num(r->recycled_t), num(r->recycled_to_close_gap_t)});
      }
    }
  }
  return std::vector<RecordTable>{std::move(dis), std::move(buys)};
}

core::Status add_disruption_records(RunResults& results, const CooperationData& data) {
  auto tables = disruption_tables(data, &results, DisruptionOptions{});
  if (!tables) return tables.error();
  std::erase_if(results.records, [](const RecordTable& t) {
    return t.name == kRecordsSupplyDisruption || t.name == kRecordsRecyclingBuys;
  });
  for (auto& t : *tables) results.records.push_back(std::move(t));
  return core::Status{};
}

core::Result<std::string> parse_element_code(const std::string& text) {
  if (results::element_index(text)) return text;
  if (auto e = io::element_for_mineral(text)) return *e;
  if (text == "graphite" || text == "natural graphite") return std::string("graphite");
  return core::Error::invalid_input("unknown element '" + text + "'", "--element",
                                    "use Li, Ni, Co, Mn or graphite (or lithium, cobalt, ...)");
}

core::Result<std::vector<RecordTable>> disruption_for_request(const CooperationData& data,
                                                              const RunResults* run,
                                                              const DisruptionRequest& request) {
  DisruptionOptions opt;
  if (!request.element.empty()) {
    auto element = parse_element_code(request.element);
    if (!element) return element.error();
    opt.elements = {*element};
  }
  if (request.year) opt.years = {*request.year};
  constexpr int kMaxTop = 50;
  const int top = request.top.value_or(request.export_quotas ? 0 : 1);
  const int min_top = request.export_quotas ? 0 : 1;
  if (top < min_top || top > kMaxTop) {
    return core::Error::invalid_input(
        "'" + std::to_string(top) + "' is not " + std::to_string(min_top) + "-50", "--top",
        "e.g. --top 2");
  }
  if (!request.drop.empty() && request.top) {
    return core::Error::invalid_input("--drop and --top exclude each other", "--top",
                                      "give one of them");
  }
  opt.drop.top_k = top;
  opt.drop.named = request.drop;
  opt.region = request.region;
  if (run == nullptr && request.region != "WORLD") {
    return core::Error::invalid_input("--region needs a RUN (without one the test is global)",
                                      "--region", "give a scenario or drop --region");
  }
  if (request.export_quotas) {
    auto q = io::load_export_restrictions(data.data_dir + "/export_restrictions.csv", data.codes);
    if (!q) return q.error();
    opt.export_quotas = std::move(*q);
  }
  return disruption_tables(data, run, opt);
}

}  // namespace urbanmine::cooperation
