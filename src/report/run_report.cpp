// SPDX-License-Identifier: Apache-2.0
// Turns RunResults into CSV, summary.json, sankey.json, report.html and the text summary.
#include "report/run_report.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <tuple>

#include <unistd.h>

#include "core/tolerance.h"
#include "io/run_writers.h"

#include "report/findings.h"
#include "report/html.h"
#include "report/messages.h"
#include "results/regions.h"
#include "results/registry.h"

namespace urbanmine::report {
namespace {

using results::Cell;
using results::RecordTable;
using results::ResultTable;
using results::RunResults;
using namespace results;  // dimension and table names (registry.h)

namespace fs = std::filesystem;

constexpr std::array<int, 3> kPreferredKeyYears = {2030, 2040, 2050};
constexpr std::size_t kTopRegions = 5;
constexpr std::size_t kChartRegions = 6;
constexpr std::size_t kBarRegions = 10;
// Tonnes (or kWh) below which a shipment or stranded mass is solver rounding: left out of the
// charts and the top-region lists.
constexpr double kShownTonnes = 0.5;
constexpr double kHalfChartWidth = 620.0;
constexpr std::size_t kMaxFailedChecksShown = 20;
constexpr std::size_t kMaxRecordRowsShown = 60;
constexpr double kKwhPerGwh = 1e6;
constexpr double kKwhPerMwh = 1e3;
constexpr double kPercent = 100.0;
// Order in which elements are listed; others follow alphabetically.

bool has_dim(const core::DimArray& a, std::string_view dim) {
  return a.dim_index(std::string(dim)).has_value();
}

const core::Dimension* find_dim(const core::DimArray& a, std::string_view dim) {
  const auto idx = a.dim_index(std::string(dim));
  return idx ? &a.dims()[*idx] : nullptr;
}

// The world total of `a`: the WORLD region item when present, else the sum over regions.
core::Result<core::DimArray> world_of(const core::DimArray& a) {
  const auto* region = find_dim(a, kDimRegion);
  if (region == nullptr) return a;
  if (region->index_of(std::string(kWorldRegion))) {
    return a.slice(std::string(kDimRegion), std::string(kWorldRegion));
  }
  return a.sum_over(std::string(kDimRegion));
}

// Values of `values` by year for the world, for one element when `element` is non-empty (arrays
// without an element dimension then give nothing). Empty without a year dimension.
std::map<int, double> world_by_year(const core::DimArray& values, const std::string& element) {
  std::map<int, double> out;
  if (!has_dim(values, kDimYear)) return out;
  auto world = world_of(values);
  if (!world) return out;
  core::DimArray a = std::move(*world);
  if (!element.empty()) {
    const auto* el = find_dim(a, kDimElement);
    if (el == nullptr || !el->index_of(element)) return out;
    auto sliced = a.slice(std::string(kDimElement), element);
    if (!sliced) return out;
    a = std::move(*sliced);
  }
  auto by_year = a.sum_to({std::string(kDimYear)});
  if (!by_year) return out;
  const auto& years = by_year->dims()[0].items();
  for (std::size_t i = 0; i < years.size(); ++i) {
    out[std::stoi(years[i])] = by_year->data()[i];
  }
  return out;
}

// The same for table `name` of the run; empty when the run has no such table.
std::map<int, double> world_by_year(const RunResults& r, std::string_view name,
                                    const std::string& element) {
  const ResultTable* t = r.find(name);
  if (t == nullptr) return {};
  return world_by_year(t->values, element);
}

// region -> values over the table's years, for one element (or all when empty), world excluded.
struct RegionSeries {
  std::vector<std::string> years;
  std::vector<std::pair<std::string, std::vector<double>>> regions;
};
RegionSeries by_region_year(const ResultTable& t, const std::string& element) {
  RegionSeries out;
  core::DimArray a = t.values;
  if (!element.empty()) {
    const auto* el = find_dim(a, kDimElement);
    if (el == nullptr || !el->index_of(element)) return out;
    auto sliced = a.slice(std::string(kDimElement), element);
    if (!sliced) return out;
    a = std::move(*sliced);
  }
  auto reduced = a.sum_to({std::string(kDimRegion), std::string(kDimYear)});
  if (!reduced || reduced->dims().size() != 2) return out;
  const auto& regions = reduced->dims()[0].items();
  out.years = reduced->dims()[1].items();
  const std::size_t ny = out.years.size();
  for (std::size_t ri = 0; ri < regions.size(); ++ri) {
    if (regions[ri] == kWorldRegion) continue;
    std::vector<double> v(reduced->data().begin() + static_cast<std::ptrdiff_t>(ri * ny),
                          reduced->data().begin() + static_cast<std::ptrdiff_t>((ri + 1) * ny));
    out.regions.emplace_back(regions[ri], std::move(v));
  }
  return out;
}

// Elements found in the mass tables, in the registry's order first (results::kElementCodes).
std::vector<std::string> run_elements(const RunResults& r) {
  std::set<std::string> found;
  for (const auto& t : r.tables) {
    if (const auto* el = find_dim(t.values, kDimElement)) {
      found.insert(el->items().begin(), el->items().end());
    }
  }
  std::vector<std::string> out;
  for (const char* e : kElementCodes) {
    if (found.erase(e)) out.push_back(e);
  }
  out.insert(out.end(), found.begin(), found.end());
  return out;
}

std::set<int> run_years(const RunResults& r) {
  std::set<int> years;
  for (const auto& t : r.tables) {
    if (const auto* y = find_dim(t.values, kDimYear)) {
      for (const auto& item : y->items()) years.insert(std::stoi(item));
    }
  }
  return years;
}

double value_at(const std::map<int, double>& m, int year) {
  const auto it = m.find(year);
  return it == m.end() ? 0.0 : it->second;
}

// Regions ranked by a table's value in one year (world and aggregates excluded as in
// by_region_year), largest first.
std::vector<std::pair<std::string, double>> regions_in_year(const ResultTable& t, int year) {
  std::vector<std::pair<std::string, double>> out;
  const auto series = by_region_year(t, "");
  const auto it = std::find(series.years.begin(), series.years.end(), std::to_string(year));
  if (it == series.years.end()) return out;
  const auto yi = static_cast<std::size_t>(it - series.years.begin());
  for (const auto& [region, values] : series.regions) out.emplace_back(region, values[yi]);
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

// One link of the Sankey, from a table (optionally one route) or computed.
struct FlowLink {
  std::string source;
  std::string target;
  double value = 0.0;
  std::string table;
};
struct FlowGraph {
  std::vector<SankeyNode> nodes;
  std::vector<FlowLink> links;
  std::string unit;
};

// Value of table `name` in one year for one element (all when empty), of one route (all when
// empty), for the world (region empty) or one region (0 when the table has no such region).
double table_value(const RunResults& r, std::string_view name, int year, const std::string& element,
                   const std::string& route = "", const std::string& region = "") {
  const ResultTable* t = r.find(name);
  if (t == nullptr) return 0.0;
  // Slices only when asked (no copy of the table for the world's values).
  const core::DimArray* a = &t->values;
  std::optional<core::DimArray> by_region;
  std::optional<core::DimArray> by_route;
  if (!region.empty()) {
    const auto* d = find_dim(*a, kDimRegion);
    if (d == nullptr || !d->index_of(region)) return 0.0;
    auto sliced = a->slice(std::string(kDimRegion), region);
    if (!sliced) return 0.0;
    a = &by_region.emplace(std::move(*sliced));
  }
  if (!route.empty()) {
    auto sliced = a->slice(std::string(kDimRoute), route);
    if (!sliced) return 0.0;
    a = &by_route.emplace(std::move(*sliced));
  }
  return value_at(world_by_year(*a, element), year);
}

std::vector<std::string> routes_of(const RunResults& r) {
  std::vector<std::string> routes;
  for (auto name : {kTableRecycledT, kTableRecoveredT}) {
    if (const auto* t = r.find(name)) {
      if (const auto* d = find_dim(t->values, kDimRoute)) {
        for (const auto& item : d->items()) {
          if (std::find(routes.begin(), routes.end(), item) == routes.end()) {
            routes.push_back(item);
          }
        }
      }
    }
  }
  return routes;
}

std::string route_label(const std::string& route) {
  std::string label = route;
  std::replace(label.begin(), label.end(), '_', ' ');
  if (!label.empty()) label[0] = static_cast<char>(std::toupper(label[0]));
  return label;
}

// World flows (region empty) or one region's. A region's graph adds what crosses its border:
// used vehicles (with their packs) bought from and sold to other regions, and feedstock
// received from and shipped to them; the world's graph has none of these (each export is
// another region's import) except the feedstock shipments, drawn through one node.
FlowGraph build_flows(const RunResults& r, int year, const std::string& element,
                      const std::string& region) {
  const bool world = region.empty();
  FlowGraph g;
  auto add_node = [&](std::string id, std::string label, int column) {
    g.nodes.push_back(SankeyNode{std::move(id), std::move(label), column});
  };
  auto add_link = [&](std::string source, std::string target, double value, std::string table) {
    if (value > 0.0)
      g.links.push_back({std::move(source), std::move(target), value, std::move(table)});
  };
  if (element == kSankeyCapacity) {
    g.unit = "kWh";
    const auto v = [&](std::string_view name) {
      return table_value(r, name, year, "", "", region);
    };
    add_node("new_batteries", "New batteries", 0);
    if (!world) add_node("used_import", "Used vehicles bought abroad", 0);
    add_node("in_use", "In use", 1);
    add_node("end_of_life", "End of first life", 2);
    add_node("stock_added", "Added to in-use stock", 2);
    if (!world) add_node("used_export", "Used vehicles sold abroad", 2);
    add_node("second_life", "Second life (storage)", 3);
    add_node("waste", "Waste batteries", 4);
    const double inflow = v(kTableBatteryInflowKwh);
    const double eol = v(kTableEndOfLifeKwh);
    const double to_second = v(kTableSecondLifeInflowKwh);
    const double used_in = world ? 0.0 : v(results::kUsedVehicleImportKwh.name);
    const double used_out = world ? 0.0 : v(results::kUsedVehicleExportKwh.name);
    add_link("new_batteries", "in_use", inflow, std::string(kTableBatteryInflowKwh));
    add_link("used_import", "in_use", used_in, std::string(results::kUsedVehicleImportKwh.name));
    add_link("in_use", "stock_added", inflow + used_in - eol - used_out,
             world ? "new_batteries_kwh - use_to_end_of_life_kwh"
                   : "new_batteries_kwh + used_vehicle_import_to_use_kwh - "
                     "use_to_end_of_life_kwh - use_to_used_vehicle_export_kwh");
    add_link("in_use", "used_export", used_out, std::string(results::kUsedVehicleExportKwh.name));
    add_link("in_use", "end_of_life", eol, std::string(kTableEndOfLifeKwh));
    add_link("end_of_life", "second_life", to_second, std::string(kTableSecondLifeInflowKwh));
    add_link("end_of_life", "waste", eol - to_second,
             "use_to_end_of_life_kwh - end_of_life_to_second_life_kwh");
    add_link("second_life", "waste", v(kTableSecondLifeOutflowKwh),
             std::string(kTableSecondLifeOutflowKwh));
    return g;
  }
  g.unit = "t";
  const auto v = [&](std::string_view name) {
    return table_value(r, name, year, element, "", region);
  };
  add_node("new_batteries", "New batteries", 0);
  if (!world) add_node("used_import", "Used vehicles bought abroad", 0);
  add_node("in_use", "In use and second life", 1);
  add_node("waste", "Waste batteries", 2);
  add_node("stock_added", "Added to stock", 2);
  if (!world) add_node("used_export", "Used vehicles sold abroad", 2);
  add_node("collection", "Collected", 3);
  add_node("production_scrap", "Production scrap", 3);
  add_node("lost_or_exported", "Lost or exported", 3);
  if (!world) add_node("received", "Received from other regions", 4);
  add_node("feedstock", "Feedstock for recycling", 4);
  add_node("shipped", "Shipped to another region", 5);
  add_node("black_mass_surplus", "Stranded (no legal capacity)", 5);
  const auto routes = routes_of(r);
  for (const auto& route : routes) add_node("recycling_" + route, route_label(route), 6);
  add_node("secondary_metal", "Recovered metal", 7);
  add_node("process_losses", "Process losses", 7);
  const double demand = v(kTableMaterialDemandT);
  const double eol = v(kTableEndOfLifeT);
  const double used_in = world ? 0.0 : v(results::kUsedVehicleImportT.name);
  const double used_out = world ? 0.0 : v(results::kUsedVehicleExportT.name);
  add_link("new_batteries", "in_use", demand, std::string(kTableMaterialDemandT));
  add_link("used_import", "in_use", used_in, std::string(results::kUsedVehicleImportT.name));
  add_link("in_use", "stock_added", demand + used_in - eol - used_out,
           world ? "material_demand_t - end_of_life_t"
                 : "material_demand_t + used_vehicle_import_to_use_t - end_of_life_t - "
                   "use_to_used_vehicle_export_t");
  add_link("in_use", "used_export", used_out, std::string(results::kUsedVehicleExportT.name));
  add_link("in_use", "waste", eol, std::string(kTableEndOfLifeT));
  add_link("waste", "collection", v(kTableCollectedT), std::string(kTableCollectedT));
  add_link("waste", "lost_or_exported", v(kTableLostOrExportedT),
           std::string(kTableLostOrExportedT));
  add_link("collection", "feedstock", v(kTableCollectedT), std::string(kTableCollectedT));
  add_link("production_scrap", "feedstock", v(kTableProductionScrapT),
           std::string(kTableProductionScrapT));
  add_link("feedstock", "shipped", v(kTableFeedstockExportedT),
           std::string(kTableFeedstockExportedT));
  add_link("feedstock", "black_mass_surplus", v(kTableUnrecycledT), std::string(kTableUnrecycledT));
  // Each route's feed split into what is recycled at home and what was shipped in, in the
  // world's (or the region's) proportion of the two.
  const double home = v(kTableRecycledAtHomeT);
  const double imported = v(kTableFeedstockImportedT);
  const double home_share = home + imported > 0.0 ? home / (home + imported) : 1.0;
  const std::string shipped_in = world ? "shipped" : "received";
  for (const auto& route : routes) {
    const double fed = table_value(r, kTableRecycledT, year, element, route, region);
    const double recovered = table_value(r, kTableRecoveredT, year, element, route, region);
    add_link("feedstock", "recycling_" + route, fed * home_share,
             std::string(kTableRecycledT) + " x recycled at home / (at home + imported)");
    add_link(shipped_in, "recycling_" + route, fed * (1.0 - home_share),
             std::string(kTableRecycledT) + " x imported / (at home + imported)");
    add_link("recycling_" + route, "secondary_metal", recovered, std::string(kTableRecoveredT));
    add_link("recycling_" + route, "process_losses", fed - recovered,
             "collection_to_recycling_t - recycling_to_secondary_metal_t");
  }
  return g;
}

core::Status check_sankey_choice(const RunResults& r, int year, const std::string& element) {
  const auto years = run_years(r);
  if (!years.empty() && !years.count(year)) {
    return core::Error::invalid_input(
        "Sankey year " + std::to_string(year) + " is outside the run's years " +
            std::to_string(*years.begin()) + "-" + std::to_string(*years.rbegin()),
        "--sankey-year", "choose a year the scenario covers");
  }
  if (element == kSankeyCapacity) return {};
  const auto elements = run_elements(r);
  if (std::find(elements.begin(), elements.end(), element) == elements.end()) {
    std::string list;
    for (const auto& e : elements) list += (list.empty() ? "" : ", ") + e;
    return core::Error::invalid_input("unknown Sankey element '" + element + "'",
                                      "--sankey-element", "use one of: " + list + ", or kWh");
  }
  return {};
}

// Readable capacity: the unit (kWh, MWh or GWh) whose numbers stay short for `max_kwh`.
std::pair<double, std::string> capacity_scale(double max_kwh) {
  if (max_kwh >= kKwhPerGwh) return {kKwhPerGwh, "GWh"};
  if (max_kwh >= kKwhPerMwh) return {kKwhPerMwh, "MWh"};
  return {1.0, "kWh"};
}

std::string element_name(const std::string& element, Language lang = Language::kEnglish) {
  // "Lithium (Li)", but "Graphite" rather than "Graphite (graphite)"; "리튬 (Li)", "흑연".
  if (!results::element_index(element)) return element;
  std::string name = results::element_name(element);
  const bool same = name == element;
  if (lang == Language::kKorean) {
    const std::string ko = tr_or(lang, "element." + element, name);
    return same ? ko : ko + " (" + element + ")";
  }
  name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return same ? name : name + " (" + element + ")";
}

// A model region, aggregate or producer country as the reader's language names it: the code or
// data name in English (as the tables have it), the Korean name in Korean.
std::string region_label(Language lang, const std::string& text) {
  return lang == Language::kKorean ? tr_or(lang, "place." + text, text) : text;
}

using io::cell_text;
using io::record_columns_json;
using io::record_rows_json;

struct BalanceSummary {
  std::size_t checks = 0;
  std::size_t failed = 0;
  const BalanceCheck* worst = nullptr;
};
BalanceSummary summarise_balance(const RunResults& r) {
  BalanceSummary s;
  s.checks = r.balance.size();
  for (const auto& b : r.balance) {
    if (!b.ok) ++s.failed;
    if (s.worst == nullptr || std::fabs(b.residual) > std::fabs(s.worst->residual)) s.worst = &b;
  }
  return s;
}

void write_year_element_figure(io::JsonWriter& w, const RunResults& r, std::string_view table,
                               const std::vector<int>& years,
                               const std::vector<std::string>& elements) {
  w.begin_object();
  for (int y : years) {
    w.key(std::to_string(y)).begin_object();
    for (const auto& e : elements) w.key(e).value(value_at(world_by_year(r, table, e), y));
    w.end_object();
  }
  w.end_object();
}

}  // namespace

std::vector<int> key_years(const RunResults& results) {
  const auto years = run_years(results);
  std::vector<int> out;
  for (int y : kPreferredKeyYears) {
    if (years.count(y)) out.push_back(y);
  }
  if (out.empty() && !years.empty()) out.push_back(*years.rbegin());
  return out;
}

std::string summary_json(const RunResults& r, const RenderOptions& options) {
  const auto years = key_years(r);
  const auto elements = run_elements(r);
  io::JsonWriter w;
  w.begin_object();
  w.key("format").value("urbanmine-summary/1");
  w.key("metadata").begin_object();
  w.key("scenario_name").value(r.meta.scenario_name);
  w.key("scenario_path").value(r.meta.scenario_path);
  w.key("scenario_description").value(r.meta.scenario_description);
  w.key("scenario_hash").value(r.meta.scenario_hash);
  w.key("code_version").value(r.meta.code_version);
  w.key("first_year").value(r.meta.first_year);
  w.key("last_year").value(r.meta.last_year);
  w.key("seed").value(static_cast<long long>(r.meta.seed));
  w.key("elapsed_seconds").value(r.meta.elapsed_seconds);
  w.end_object();
  w.key("key_years").begin_array();
  for (int y : years) w.value(y);
  w.end_array();
  w.key("elements").begin_array();
  for (const auto& e : elements) w.value(e);
  w.end_array();

  w.key("key_figures").begin_object();
  w.key("world_end_of_life_kwh").begin_object();
  const auto eol_kwh = world_by_year(r, kTableEndOfLifeKwh, "");
  for (int y : years) w.key(std::to_string(y)).value(value_at(eol_kwh, y));
  w.end_object();
  w.key("world_in_use_stock_kwh").begin_object();
  const auto stock_kwh = world_by_year(r, kTableInUseStockKwh, "");
  for (int y : years) w.key(std::to_string(y)).value(value_at(stock_kwh, y));
  w.end_object();
  w.key("world_end_of_life_mass_tonnes");
  write_year_element_figure(w, r, kTableEndOfLifeT, years, elements);
  w.key("world_material_demand_mass_tonnes");
  write_year_element_figure(w, r, kTableMaterialDemandT, years, elements);
  w.key("world_collected_mass_tonnes");
  write_year_element_figure(w, r, kTableCollectedT, years, elements);
  w.key("world_recovered_mass_tonnes");
  write_year_element_figure(w, r, kTableRecoveredT, years, elements);
  // Share of new-battery material demand met by recovered metal, world: recovered / demand.
  w.key("world_secondary_supply_share_fraction").begin_object();
  for (int y : years) {
    w.key(std::to_string(y)).begin_object();
    for (const auto& e : elements) {
      const double demand = value_at(world_by_year(r, kTableMaterialDemandT, e), y);
      const double recovered = value_at(world_by_year(r, kTableRecoveredT, e), y);
      if (demand > 0.0) {
        w.key(e).value(recovered / demand);
      } else {
        w.key(e).null();
      }
    }
    w.end_object();
  }
  w.end_object();
  // Up to kTopRegions regions with the largest positive value of `table` in each key year.
  auto top_regions = [&](const char* key, std::string_view table, const char* value_key) {
    w.key(key).begin_object();
    if (const auto* t = r.find(table)) {
      for (int y : years) {
        w.key(std::to_string(y)).begin_array();
        std::size_t n = 0;
        for (const auto& [region, value] : regions_in_year(*t, y)) {
          if (n++ >= kTopRegions || value < kShownTonnes) break;
          w.begin_object().key("region").value(region).key(value_key).value(value).end_object();
        }
        w.end_array();
      }
    }
    w.end_object();
  };
  top_regions("top_feedstock_surplus_regions", kTableFeedstockSurplusT, "mass_tonnes");
  top_regions("top_stranded_feedstock_regions", kTableFeedstockStrandedT, "mass_tonnes");
  top_regions("top_end_of_life_regions", kTableEndOfLifeKwh, "capacity_kwh");
  w.end_object();  // key_figures

  const auto bal = summarise_balance(r);
  w.key("mass_balance").begin_object();
  w.key("status").value(r.balance_ok() ? "ok" : "failed");
  w.key("checks").value(static_cast<long long>(bal.checks));
  w.key("failed").value(static_cast<long long>(bal.failed));
  w.key("max_abs_residual").value(bal.worst ? std::fabs(bal.worst->residual) : 0.0);
  w.key("worst");
  if (bal.worst != nullptr) {
    w.begin_object()
        .key("process")
        .value(bal.worst->process)
        .key("region")
        .value(bal.worst->region)
        .key("element")
        .value(bal.worst->element)
        .key("year")
        .value(bal.worst->year)
        .key("residual")
        .value(bal.worst->residual)
        .end_object();
  } else {
    w.null();
  }
  w.end_object();

  w.key("findings").begin_array();
  for (const auto& f : r.findings) {
    w.begin_object().key("section").value(f.section).key("text").value(f.text).end_object();
  }
  w.end_array();
  w.key("assumptions").begin_array();
  for (const auto& a : r.assumptions) w.value(a);
  w.end_array();
  w.key("sankey").begin_object();
  w.key("file").value(kSankeyFile);
  w.key("year").value(options.sankey_year);
  w.key("element").value(options.sankey_element);
  w.end_object();

  w.key("tables").begin_array();
  const auto regions = results::RegionIndex::of(r);
  for (const auto& t : r.tables) {
    w.begin_object();
    w.key("name").value(t.name);
    w.key("file").value(t.name + ".csv");
    if (results::has_aggregates(t, regions)) {
      w.key("aggregates_file").value(std::string(kAggregatesDir) + "/" + t.name + ".csv");
    }
    w.key("value_column").value(t.value_column);
    w.key("description").value(t.description);
    w.key("dims").begin_array();
    for (const auto& d : t.values.dims()) w.value(d.name());
    w.end_array();
    w.key("total").value(t.values.total());
    w.end_object();
  }
  w.end_array();
  w.key("records").begin_array();
  for (const auto& t : r.records) {
    w.begin_object();
    w.key("name").value(t.name);
    w.key("file").value(t.name + ".csv");
    w.key("title").value(t.title);
    w.key("description").value(t.description);
    w.key("columns").raw(record_columns_json(t));
    w.key("rows").raw(record_rows_json(t));
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.str();
}

std::vector<std::string> sankey_regions(const RunResults& r) {
  std::vector<std::string> regions;
  if (const auto* t = r.find(kTableEndOfLifeT)) {
    if (const auto* d = find_dim(t->values, kDimRegion)) {
      for (const auto& item : d->items()) {
        if (item != kWorldRegion) regions.push_back(item);
      }
    }
  }
  std::sort(regions.begin(), regions.end());
  return regions;
}

core::Result<std::string> sankey_json(const RunResults& r, int year, const std::string& element,
                                      const std::string& region) {
  URBANMINE_TRY_STATUS(check_sankey_choice(r, year, element));
  const bool world = region.empty() || region == kWorldRegion;
  if (!world) {
    const auto regions = sankey_regions(r);
    if (!std::binary_search(regions.begin(), regions.end(), region)) {
      std::string list;
      for (const auto& code : regions) list += (list.empty() ? "" : ", ") + code;
      return core::Error::invalid_input("unknown Sankey region '" + region + "'", "region",
                                        "use WORLD or one of the run's regions: " + list);
    }
  }
  const FlowGraph g = build_flows(r, year, element, world ? "" : region);
  std::set<std::string> used;
  for (const auto& l : g.links) {
    used.insert(l.source);
    used.insert(l.target);
  }
  io::JsonWriter w;
  w.begin_object();
  w.key("format").value("urbanmine-sankey/1");
  w.key("year").value(year);
  w.key("element").value(element);
  w.key("region").value(world ? std::string(kWorldRegion) : region);
  w.key("unit").value(g.unit);
  w.key("nodes").begin_array();
  for (const auto& n : g.nodes) {
    if (!used.count(n.id)) continue;
    w.begin_object().key("id").value(n.id).key("label").value(n.label).key("column").value(
        n.column);
    w.end_object();
  }
  w.end_array();
  w.key("links").begin_array();
  for (const auto& l : g.links) {
    w.begin_object();
    w.key("source").value(l.source).key("target").value(l.target);
    w.key("value").value(l.value).key("unit").value(g.unit).key("from_table").value(l.table);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return w.str();
}

namespace {

std::string section(const std::string& id, const std::string& title) {
  return "<h2 id=\"" + id + "\">" + html_escape(title) + "</h2>\n";
}

std::string para(const std::string& text) { return "<p>" + html_escape(text) + "</p>\n"; }

std::string figure(const std::string& title, const std::string& svg, const std::string& caption) {
  return "<figure><h3>" + html_escape(title) + "</h3>" + svg + "<figcaption>" +
         html_escape(caption) + "</figcaption></figure>\n";
}

// Two blocks side by side (the report's two-column grid).
std::string grid2(const std::string& left, const std::string& right) {
  return "<div class=\"grid2\"><div>" + left + "</div><div>" + right + "</div></div>\n";
}

// A bar chart of the largest kBarRegions bars, or `empty` when it has none.
std::string bar_figure(Language lang, const std::string& title, const BarChart& chart,
                       const std::string& empty, const std::string& caption) {
  return figure(tr(lang, "report.largest", {{"title", title}, {"n", std::to_string(kBarRegions)}}),
                chart.bars.empty() ? para(empty) : svg_bar_chart(chart), caption);
}

// A stacked-area chart of the largest regions of `t` (one element or all), "Other regions"
// holding the rest; `divisor` rescales values for the unit in `y_label`.
std::string region_chart(Language lang, const ResultTable& t, const std::string& element,
                         const std::string& y_label, double divisor, const std::string& marker) {
  auto series = by_region_year(t, element);
  std::vector<std::pair<double, std::size_t>> order;
  for (std::size_t i = 0; i < series.regions.size(); ++i) {
    double total = 0.0;
    for (double v : series.regions[i].second) total += v;
    order.emplace_back(total, i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  LineChart chart;
  chart.x = series.years;
  chart.x_label = tr(lang, "report.axis.year");
  chart.y_label = y_label;
  chart.stacked = true;
  chart.marker_x = marker;
  std::vector<double> other(series.years.size(), 0.0);
  bool has_other = false;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto& [region, values] = series.regions[order[k].second];
    if (k < kChartRegions) {
      ChartSeries s{region, values};
      for (double& v : s.values) v /= divisor;
      chart.series.push_back(std::move(s));
    } else {
      for (std::size_t i = 0; i < values.size(); ++i) other[i] += values[i] / divisor;
      has_other = true;
    }
  }
  if (has_other) chart.series.push_back({tr(lang, "report.other_regions"), other});
  return svg_line_chart(chart);
}

std::string figure_table_year_element(Language lang, const RunResults& r, std::string_view table,
                                      const std::vector<int>& years,
                                      const std::vector<std::string>& elements) {
  std::vector<std::string> header = {tr(lang, "report.col.element")};
  std::vector<bool> numeric = {false};
  for (int y : years) {
    header.push_back(tr(lang, "report.col.year_t", {{"year", std::to_string(y)}}));
    numeric.push_back(true);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : elements) {
    const auto series = world_by_year(r, table, e);
    std::vector<std::string> row = {element_name(e, lang)};
    for (int y : years) row.push_back(format_readable(value_at(series, y)));
    rows.push_back(std::move(row));
  }
  return html_table(header, rows, numeric);
}

// Supply security at a glance (issue 18): for each element and stage in the year of interest
// (2035, IEA's horizon, or the run's last year before it), how much of the modelled demand the
// remaining suppliers cover when the largest drops out, without and with the run's recycling.
// The full table (every year and region) follows among the record tables.
std::string supply_security_section(Language lang, const RecordTable& t) {
  const auto col = [&](std::string_view name) -> std::optional<std::size_t> {
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      if (t.columns[c] == name) return c;
    }
    return std::nullopt;
  };
  const auto region = col("region"), element = col("element"), stage = col("stage"),
             year = col("year"), dropped = col("dropped_suppliers"),
             share = col("dropped_share_fraction"),
             without = col("coverage_without_recycling_fraction"),
             with = col("coverage_with_recycling_fraction"), recycled = col("recycled_tonnes");
  if (!region || !element || !stage || !year || !dropped || !share || !without || !with ||
      !recycled) {
    return {};
  }
  constexpr int kHorizon = 2035;
  int focus = 0;
  for (const auto& row : t.rows) {
    const int y = static_cast<int>(row[*year].number);
    if (row[*region].text == kWorldRegion && y <= kHorizon && y > focus) focus = y;
  }
  if (focus == 0) return {};
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : t.rows) {
    if (row[*region].text != kWorldRegion || static_cast<int>(row[*year].number) != focus) {
      continue;
    }
    const auto percent = [lang](const results::Cell& c) {
      return c.kind == results::Cell::Kind::kNumber
                 ? format_thousands(kPercent * c.number, 0) + " %"
                 : tr(lang, "report.not_known");
    };
    rows.push_back({element_name(row[*element].text, lang),
                    lang == Language::kEnglish
                        ? row[*stage].text
                        : tr_or(lang, "value.stage." + row[*stage].text, row[*stage].text),
                    region_label(lang, row[*dropped].text), percent(row[*share]),
                    percent(row[*without]), percent(row[*with]),
                    format_readable(row[*recycled].number)});
  }
  if (rows.empty()) return {};
  const std::string y = std::to_string(focus);
  return section("supply-security", tr(lang, "report.security.title", {{"year", y}})) +
         para(tr(lang, "report.security.text", {{"year", y}})) +
         html_table({tr(lang, "report.security.mineral"), tr(lang, "report.security.stage"),
                     tr(lang, "report.security.largest"), tr(lang, "report.security.share"),
                     tr(lang, "report.security.without"), tr(lang, "report.security.with"),
                     tr(lang, "report.security.recycled")},
                    rows, {false, false, false, true, true, true, true});
}

}  // namespace

// The report's first section: the answers for one region (a model region or an aggregate) in
// the key years, for the headline elements, with one sentence for the Sankey year.
std::string glance_section(Language lang, const RunResults& r, const std::string& focus,
                           const std::vector<int>& years, int sentence_year) {
  auto members = results::RegionIndex::of(r).members(focus);
  if (!members) return {};
  struct Row {
    std::string_view table;
    const char* key;
  };
  static const Row kRows[] = {
      {kTableMaterialDemandT, "report.glance.need"},
      {kTableEndOfLifeT, "report.glance.end_of_life"},
      {kTableCollectedT, "report.glance.collected"},
      {kTableRecoveredT, "report.glance.recovered"},
      {kTableUnrecycledT, "report.glance.stranded"},
  };
  auto total = [&](std::string_view table, const std::string& element, int year) -> double {
    const ResultTable* t = r.find(table);
    if (t == nullptr) return std::nan("");
    auto v = results::table_total(
        *t, *members,
        {{std::string(kDimElement), element}, {std::string(kDimYear), std::to_string(year)}});
    if (!v) return std::nan("");
    // Less than a gram is the floating-point residue of a difference (collected less recycled
    // at full capacity: 1.9e-9 t), not feedstock: shown as 0, and no "stranded" sentence.
    constexpr double kResidueTonnes = 1e-6;
    return std::fabs(*v) < kResidueTonnes ? 0.0 : *v;
  };
  const std::string place = region_label(lang, focus);
  std::string b = section("glance", tr(lang, "report.glance.title", {{"region", place}}));
  std::vector<std::string> headline;
  const auto elements = run_elements(r);
  for (const char* e : results::kHeadlineElements) {
    if (std::find(elements.begin(), elements.end(), e) != elements.end()) headline.emplace_back(e);
  }
  if (headline.empty()) return b + para(tr(lang, "report.glance.no_metal"));
  {
    const std::string& e = headline.front();
    const double eol = total(kTableEndOfLifeT, e, sentence_year);
    const double rec = total(kTableRecoveredT, e, sentence_year);
    const double demand = total(kTableMaterialDemandT, e, sentence_year);
    const double stranded = total(kTableUnrecycledT, e, sentence_year);
    const std::string name = lang == Language::kKorean
                                 ? tr_or(lang, "element." + e, results::element_name(e))
                                 : results::element_name(e);
    const std::string year = std::to_string(sentence_year);
    const std::string share = demand > 0.0
                                  ? tr(lang, "report.glance.lead_share",
                                       {{"share", format_readable(kPercent * rec / demand)},
                                        {"element", name},
                                        {"demand", format_readable(demand)}})
                                  : std::string();
    const std::string left = std::isfinite(stranded) && stranded > 0.0
                                 ? tr(lang, "report.glance.lead_stranded",
                                      {{"stranded", format_readable(stranded)}, {"element", name}})
                                 : tr(lang, "report.glance.lead_end");
    const std::string text = tr(lang, "report.glance.lead",
                                {{"region", place},
                                 {"year", year},
                                 {"eol", format_readable(eol)},
                                 {"element", name},
                                 {"recovered", format_readable(rec)},
                                 {"share", share},
                                 {"stranded", left}});
    b += "<p class=\"lead\">" + html_escape(text) + "</p>\n";
  }
  std::vector<std::string> header{"t"};
  std::vector<bool> numeric{false};
  for (int y : years) {
    header.push_back(std::to_string(y));
    numeric.push_back(true);
  }
  std::string tables;
  for (const auto& e : headline) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : kRows) {
      if (r.find(row.table) == nullptr) continue;
      std::vector<std::string> cells{tr(lang, row.key)};
      for (int y : years) cells.push_back(format_readable(total(row.table, e, y)));
      rows.push_back(std::move(cells));
    }
    std::vector<std::string> share{tr(lang, "report.glance.share")};
    for (int y : years) {
      const double demand = total(kTableMaterialDemandT, e, y);
      share.push_back(
          demand > 0.0 ? format_readable(kPercent * total(kTableRecoveredT, e, y) / demand) + " %"
                       : tr(lang, "report.na"));
    }
    rows.push_back(std::move(share));
    tables += "<div><h3>" + html_escape(element_name(e, lang)) + "</h3>" +
              html_table(header, rows, numeric) + "</div>";
  }
  b += "<div class=\"grid3\">" + tables + "</div>\n";
  b += para(tr(lang, "report.glance.note"));
  return b;
}

// A table of contents of the report's sections (its <h2 id> headings), inserted after the
// header.
std::string with_contents(Language lang, const std::string& body) {
  static const std::regex kHeading("<h2 id=\"([^\"]+)\">([^<]*)</h2>");
  std::string items;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), kHeading);
       it != std::sregex_iterator(); ++it) {
    items += "<li><a href=\"#" + (*it)[1].str() + "\">" + (*it)[2].str() + "</a></li>";
  }
  const std::string nav = "<nav class=\"toc\" aria-label=\"contents\"><strong>" +
                          tr(lang, "report.contents") + "</strong><ol>" + items + "</ol></nav>\n";
  const std::string marker = "</header>\n";
  const auto at = body.find(marker);
  if (at == std::string::npos) return nav + body;
  return body.substr(0, at + marker.size()) + nav + body.substr(at + marker.size());
}

std::string report_html(const RunResults& r, const RenderOptions& options) {
  const Language lang = options.language;
  const auto T = [lang](std::string_view key, const Fill& values = {}) {
    return tr(lang, key, values);
  };
  // Text the user or the data wrote (scenario description, assumptions, rule texts) is shown as
  // written, marked as English in a Korean report (lang="en") so that a reader and a test can
  // tell it from the report's own words.
  const std::string as_written =
      lang == Language::kKorean ? std::string(" lang=\"en\"") : std::string();
  const auto years = key_years(r);
  const auto elements = run_elements(r);
  const std::string marker = std::to_string(options.sankey_year);
  std::string b;
  const std::string name =
      r.meta.scenario_name.empty() ? T("report.scenario") : r.meta.scenario_name;
  // The scenario's own name and path as written (marked in a Korean report).
  b += "<header class=\"top\"><h1>" +
       sentence_with_written(lang, "report.title", {}, "name", name) + "</h1>\n";
  b += "<p class=\"meta\">" +
       sentence_with_written(lang, "report.meta",
                             {{"first", std::to_string(r.meta.first_year)},
                              {"last", std::to_string(r.meta.last_year)},
                              {"hash", r.meta.scenario_hash.substr(0, 12)},
                              {"version", r.meta.code_version}},
                             "path", r.meta.scenario_path) +
       "</p>";
  if (!r.meta.scenario_description.empty()) {
    b += "<p class=\"description\"" + as_written + ">" + html_escape(r.meta.scenario_description) +
         "</p>";
  }
  b += "</header>\n";

  b += "<div class=\"howto\"><strong>" + html_escape(T("report.howto.title")) + "</strong> " +
       html_escape(T("report.howto")) + "</div>\n";

  // Key figure cards.
  const auto eol_kwh = world_by_year(r, kTableEndOfLifeKwh, "");
  const int card_year = options.sankey_year;
  const auto [cap_div, cap_unit] = capacity_scale(value_at(eol_kwh, card_year));
  const auto bal = summarise_balance(r);
  b += "<div class=\"cards\">";
  auto card = [&](const std::string& value, const std::string& label) {
    b += "<div class=\"card\"><div class=\"v\">" + html_escape(value) + "</div><div class=\"k\">" +
         html_escape(label) + "</div></div>";
  };
  card(format_readable(value_at(eol_kwh, card_year) / cap_div) + " " + cap_unit,
       T("report.card.eol", {{"year", marker}}));
  const std::string card_element =
      std::find(elements.begin(), elements.end(), "Li") != elements.end()
          ? "Li"
          : (elements.empty() ? "" : elements.front());
  if (!card_element.empty()) {
    card(format_readable(value_at(world_by_year(r, kTableEndOfLifeT, card_element), card_year)) +
             " t",
         T("report.card.element",
           {{"element", element_name(card_element, lang)}, {"year", marker}}));
    const double demand =
        value_at(world_by_year(r, kTableMaterialDemandT, card_element), card_year);
    const double recovered = value_at(world_by_year(r, kTableRecoveredT, card_element), card_year);
    card(demand > 0.0 ? format_readable(kPercent * recovered / demand) + " %" : T("report.na"),
         T("report.card.share", {{"code", card_element}, {"year", marker}}));
  }
  card(
      r.balance_ok() ? T("report.card.passed") : T("report.card.failed"),
      T("report.card.balance", {{"checks", format_thousands(static_cast<double>(bal.checks), 0)}}));
  b += "</div>\n";

  b += glance_section(lang, r, options.focus_region.empty() ? "WORLD" : options.focus_region, years,
                      card_year);

  // The stored findings are English; a Korean report builds them again from the tables (a run
  // read back from an older folder without the tables keeps its stored sentences).
  const std::vector<results::Finding> findings = findings_in(r, lang);
  b += section("findings", T("report.findings.title"));
  if (findings.empty()) {
    b += para(T("report.findings.none"));
  } else {
    b += "<ul class=\"findings\">";
    for (const auto& f : findings) {
      b += "<li>" + html_escape(f.text) + " <span class=\"small\">(" +
           html_escape(tr_or(lang, "finding.section." + f.section, f.section)) + ")</span></li>";
    }
    b += "</ul>\n";
  }

  b += section("key-figures", T("report.key.title"));
  b += para(T("report.key.eol"));
  b += figure_table_year_element(lang, r, kTableEndOfLifeT, years, elements);
  b += para(T("report.key.demand_recovered"));
  b += "<div class=\"grid2\"><div><h3>" + html_escape(T("report.key.demand")) + "</h3>" +
       figure_table_year_element(lang, r, kTableMaterialDemandT, years, elements) +
       "</div><div><h3>" + html_escape(T("report.key.recovered")) + "</h3>" +
       figure_table_year_element(lang, r, kTableRecoveredT, years, elements) + "</div></div>\n";

  b += section("time-series", T("report.series.title"));
  b += para(T("report.series.text", {{"year", marker}}));
  b += "<div class=\"grid2\">";
  if (const auto* t = r.find(kTableEndOfLifeKwh)) {
    double max_total = 0.0;
    for (const auto& [y, v] : eol_kwh) max_total = std::max(max_total, v);
    const auto [div, unit] = capacity_scale(max_total);
    b += "<div>" +
         figure(
             T("report.series.kwh.title"),
             region_chart(lang, *t, "", T("report.series.kwh.axis", {{"unit", unit}}), div, marker),
             T("report.series.kwh.caption", {{"unit", unit}})) +
         "</div>";
  }
  if (const auto* t = r.find(kTableEndOfLifeT)) {
    for (const auto& e : elements) {
      b += "<div>" +
           figure(T("report.series.element.title", {{"element", element_name(e, lang)}}),
                  region_chart(lang, *t, e, T("report.series.element.axis", {{"code", e}}), 1.0,
                               marker),
                  T("report.series.element.caption", {{"code", e}})) +
           "</div>";
    }
  }
  b += "</div>\n";

  if (r.find(kTableMaterialDemandT) && r.find(kTableRecoveredT)) {
    LineChart share;
    share.x_label = T("report.axis.year");
    share.y_label = T("report.secondary.axis");
    share.marker_x = marker;
    for (const auto& e : elements) {
      const auto demand = world_by_year(r, kTableMaterialDemandT, e);
      const auto recovered = world_by_year(r, kTableRecoveredT, e);
      if (share.x.empty()) {
        for (const auto& [y, v] : demand) share.x.push_back(std::to_string(y));
      }
      ChartSeries s{e, {}};
      for (const auto& [y, v] : demand) {
        s.values.push_back(v > 0.0 ? kPercent * value_at(recovered, y) / v : 0.0);
      }
      share.series.push_back(std::move(s));
    }
    b += section("secondary-supply", T("report.secondary.title"));
    b += grid2(
        figure(T("report.secondary.chart"), svg_line_chart(share), T("report.secondary.caption")),
        para(T("report.secondary.text")));
  }

  b += section("sankey", T("report.sankey.title", {{"year", marker}}));
  auto graph = build_flows(r, options.sankey_year, options.sankey_element, "");
  // Capacity flows are drawn in MWh or GWh so that their labels stay short.
  double max_link = 0.0;
  for (const auto& l : graph.links) max_link = std::max(max_link, l.value);
  double link_divisor = 1.0;
  if (graph.unit == "kWh") std::tie(link_divisor, graph.unit) = capacity_scale(max_link);
  std::vector<SankeyLink> links;
  for (const auto& l : graph.links) links.push_back({l.source, l.target, l.value / link_divisor});
  if (lang != Language::kEnglish) {
    for (auto& node : graph.nodes) {
      const std::string route = node.id.starts_with("recycling_") ? node.id.substr(10) : "";
      node.label = route.empty() ? tr_or(lang, "sankey.node." + node.id, node.label)
                                 : tr_or(lang, "route." + route, node.label);
    }
  }
  const std::string what =
      options.sankey_element == kSankeyCapacity
          ? T("report.sankey.capacity")
          : T("report.sankey.element", {{"element", element_name(options.sankey_element, lang)}});
  b += para(T("report.sankey.text", {{"what", what}, {"year", marker}}));
  b += svg_sankey(graph.nodes, links, graph.unit);

  if (const auto* surplus = r.find(kTableFeedstockSurplusT)) {
    // Two charts with their own scales, so that one region's large idle capacity does not
    // flatten every surplus.
    const auto ranked = regions_in_year(*surplus, options.sankey_year);
    BarChart over;
    over.value_label = T("report.surplus.over.axis", {{"year", marker}});
    over.width = kHalfChartWidth;
    for (const auto& [region, value] : ranked) {
      if (value > 0.0 && over.bars.size() < kBarRegions) {
        over.bars.push_back({region_label(lang, region), value});
      }
    }
    BarChart idle;
    idle.value_label = T("report.surplus.idle.axis", {{"year", marker}});
    idle.width = kHalfChartWidth;
    idle.colour = "#e15759";
    for (auto it = ranked.rbegin(); it != ranked.rend(); ++it) {
      if (it->second < 0.0 && idle.bars.size() < kBarRegions) {
        idle.bars.push_back({region_label(lang, it->first), -it->second});
      }
    }
    b += section("surplus", T("report.surplus.title", {{"year", marker}}));
    b += para(T("report.surplus.text"));
    b += grid2(bar_figure(lang, T("report.surplus.over.title"), over,
                          T("report.surplus.over.empty", {{"year", marker}}),
                          T("report.surplus.over.caption")),
               bar_figure(lang, T("report.surplus.idle.title"), idle,
                          T("report.surplus.idle.empty", {{"year", marker}}),
                          T("report.surplus.idle.caption")));
    BarChart shipped, stranded;
    shipped.value_label = T("report.shipped.axis", {{"year", marker}});
    shipped.width = kHalfChartWidth;
    stranded.value_label = T("report.stranded.axis", {{"year", marker}});
    stranded.width = kHalfChartWidth;
    stranded.colour = "#e15759";
    if (const auto* ship = r.find(kTableFeedstockShipmentsT)) {
      // By origin and destination: "USA to CHN".
      const auto year =
          ship->values.slice(std::string(kDimYear), std::to_string(options.sankey_year));
      if (year) {
        const auto& dims = year->dims();
        std::vector<std::pair<double, std::string>> routes;
        for (std::size_t o = 0; o < dims[0].size(); ++o) {
          for (std::size_t d = 0; d < dims[1].size(); ++d) {
            const double v = year->data()[o * dims[1].size() + d];
            if (v >= kShownTonnes) {
              routes.emplace_back(
                  v, T("report.shipped.route", {{"from", region_label(lang, dims[0].items()[o])},
                                                {"to", region_label(lang, dims[1].items()[d])}}));
            }
          }
        }
        std::sort(routes.begin(), routes.end(), [](const auto& x, const auto& y) {
          return x.first > y.first || (x.first == y.first && x.second < y.second);
        });
        for (const auto& [v, label] : routes) {
          if (shipped.bars.size() < kBarRegions) shipped.bars.push_back({label, v});
        }
      }
    }
    if (const auto* left = r.find(kTableFeedstockStrandedT)) {
      for (const auto& [region, value] : regions_in_year(*left, options.sankey_year)) {
        if (value >= kShownTonnes && stranded.bars.size() < kBarRegions) {
          stranded.bars.push_back({region_label(lang, region), value});
        }
      }
    }
    b += grid2(
        bar_figure(lang, T("report.shipped.title"), shipped,
                   T("report.shipped.empty", {{"year", marker}}), T("report.shipped.caption")),
        bar_figure(lang, T("report.stranded.title"), stranded,
                   T("report.stranded.empty", {{"year", marker}}), T("report.stranded.caption")));
  }

  if (const auto* d = r.find_records(kRecordsSupplyDisruption.name)) {
    b += supply_security_section(lang, *d);
  }

  for (const auto& t : r.records) {
    const std::string record_title = t.title.empty() ? t.name : t.title;
    b += section("records-" + t.name,
                 lang == Language::kEnglish
                     ? record_title
                     : tr_or(lang, "records." + t.name + ".title", record_title));
    if (!t.description.empty()) {
      if (lang == Language::kEnglish) {
        b += para(t.description);
      } else if (const Message* m = find_message("records." + t.name + ".description")) {
        b += para(fill(m->ko, {}));
      } else {
        b += "<p" + as_written + ">" + html_escape(t.description) + "</p>\n";
      }
    }
    const auto column = [&](std::string_view wanted) -> std::optional<std::size_t> {
      const auto it = std::find(t.columns.begin(), t.columns.end(), wanted);
      if (it == t.columns.end()) return std::nullopt;
      return static_cast<std::size_t>(it - t.columns.begin());
    };
    std::vector<const std::vector<Cell>*> shown_rows;
    for (const auto& row : t.rows) shown_rows.push_back(&row);
    std::string note;
    bool of_marker_year = false;
    // A long table by year shows the report's year (the CSV has every year).
    if (const auto c_year = column("year"); c_year && t.rows.size() > kMaxRecordRowsShown) {
      std::vector<const std::vector<Cell>*> of_year;
      for (const auto* row : shown_rows) {
        const Cell& c = (*row)[*c_year];
        if (c.kind == Cell::Kind::kNumber && c.number == card_year) of_year.push_back(row);
      }
      if (!of_year.empty()) {
        shown_rows = std::move(of_year);
        of_marker_year = true;
      }
    }
    // Checks that could be evaluated first: failing, then passing, then the rest.
    if (const auto c_status = column("status")) {
      const auto rank = [&](const std::vector<Cell>* row) {
        const std::string& status = (*row)[*c_status].text;
        if (status == "fail") return 0;
        if (status == "pass") return 1;
        if (status == "not_evaluable") return 3;
        return 2;
      };
      std::stable_sort(shown_rows.begin(), shown_rows.end(),
                       [&](const auto* x, const auto* y) { return rank(x) < rank(y); });
      note += T("report.records.order") + " ";
    }
    const std::size_t available = shown_rows.size();
    if (shown_rows.size() > kMaxRecordRowsShown) shown_rows.resize(kMaxRecordRowsShown);
    // Columns empty in every row shown are left out (named below the table).
    std::vector<std::size_t> kept;
    std::vector<std::string> empty_columns;
    std::vector<std::string> prose_columns;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const bool any = std::any_of(shown_rows.begin(), shown_rows.end(), [&](const auto* row) {
        return c < row->size() && (*row)[c].kind != Cell::Kind::kEmpty &&
               !((*row)[c].kind == Cell::Kind::kText && (*row)[c].text.empty());
      });
      if (!any) {
        empty_columns.push_back(t.columns[c]);
        continue;
      }
      // A Korean report shows codes, numbers and the values the catalogue names; a column of
      // English prose (a rule's reason, a source) stays in the CSV and is named below the table.
      const bool prose =
          lang != Language::kEnglish &&
          std::any_of(shown_rows.begin(), shown_rows.end(), [&](const auto* row) {
            if (c >= row->size() || (*row)[c].kind != Cell::Kind::kText) return false;
            const std::string& text = (*row)[c].text;
            if (const auto ko = translate_text(lang, t.columns[c], text)) {
              return has_english_words(*ko);
            }
            return find_message("place." + text) == nullptr && has_english_words(text);
          });
      if (prose) {
        prose_columns.push_back(t.columns[c]);
      } else {
        kept.push_back(c);
      }
    }
    std::vector<std::string> header;
    std::vector<bool> numeric;
    for (const std::size_t c : kept) {
      header.push_back(lang == Language::kEnglish
                           ? t.columns[c]
                           : tr_or(lang, "column." + t.columns[c], t.columns[c]));
      numeric.push_back(false);
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto* row : shown_rows) {
      std::vector<std::string> cells;
      for (std::size_t k = 0; k < kept.size(); ++k) {
        const std::size_t c = kept[k];
        const Cell& cell = (*row)[c];
        if (cell.kind == Cell::Kind::kNumber) {
          numeric[k] = true;
          // Years read as years (2031), other numbers with thousands separators.
          const std::string& col = t.columns[c];
          const bool is_year = col == "year" || col.ends_with("_year");
          cells.push_back(is_year ? io::format_number(cell.number) : format_readable(cell.number));
        } else if (lang == Language::kEnglish || cell.text.empty()) {
          cells.push_back(cell.text);
        } else {
          // Known codes in the reader's language; other text (names, legal references, rule
          // texts) as the data has it.
          const std::string& col = t.columns[c];
          auto translated = translate_text(lang, col, cell.text);
          cells.push_back(translated ? std::move(*translated)
                          : col == "region" || col.ends_with("_producer") ||
                                  col == "dropped_suppliers"
                              ? region_label(lang, cell.text)
                              : cell.text);
        }
      }
      rows.push_back(std::move(cells));
    }
    b += "<div class=\"tablewrap\">" + html_table(header, rows, numeric) + "</div>\n";
    const std::string total = format_thousands(static_cast<double>(t.rows.size()), 0);
    if (of_marker_year) {
      note +=
          (rows.size() < available
               ? T("report.records.first_of_year",
                   {{"shown", std::to_string(rows.size())},
                    {"available", format_thousands(static_cast<double>(available), 0)},
                    {"year", marker},
                    {"total", total}})
               : T("report.records.all_of_year",
                   {{"shown", std::to_string(rows.size())}, {"year", marker}, {"total", total}})) +
          " ";
    } else if (rows.size() < t.rows.size()) {
      note +=
          T("report.records.first", {{"shown", std::to_string(rows.size())}, {"total", total}}) +
          " ";
    }
    if (!empty_columns.empty()) {
      std::string list;
      for (const auto& c : empty_columns) list += (list.empty() ? "" : ", ") + c;
      note += T("report.records.empty_columns", {{"columns", list}}) + " ";
    }
    if (!prose_columns.empty()) {
      std::string list;
      for (const auto& c : prose_columns) list += (list.empty() ? "" : ", ") + c;
      note += T("report.records.prose_columns", {{"columns", list}}) + " ";
    }
    b += "<p class=\"small\">" +
         html_escape(note + T("report.records.full", {{"file", t.name + ".csv"}})) + "</p>\n";
  }

  b += section("assumptions", T("report.assumptions.title"));
  if (r.assumptions.empty()) {
    b += para(T("report.assumptions.none"));
  } else {
    if (lang != Language::kEnglish) b += para(T("report.assumptions.as_written"));
    // The engine's own sentences in the reader's language; the data's notes (and a sentence
    // whose variable parts would stay English) as written, marked.
    b += "<ul>";
    for (const auto& a : r.assumptions) {
      const auto translated = translate_text(lang, "assumption", a);
      if (lang == Language::kEnglish || (translated && !has_english_words(*translated))) {
        b += "<li>" + html_escape(translated ? *translated : a) + "</li>";
      } else {
        b += "<li" + as_written + ">" + html_escape(a) + "</li>";
      }
    }
    b += "</ul>\n";
  }

  b += section("mass-balance", T("report.balance.title"));
  if (r.balance_ok()) {
    b += "<p><span class=\"ok\">" + html_escape(T("report.balance.passed")) + "</span> " +
         html_escape(
             T("report.balance.passed_text",
               {{"checks", format_thousands(static_cast<double>(bal.checks), 0)},
                {"residual", format_readable(bal.worst ? std::fabs(bal.worst->residual) : 0.0)}})) +
         "</p>\n";
  } else {
    b += "<p><span class=\"fail\">" + html_escape(T("report.balance.failed")) + "</span> " +
         html_escape(T("report.balance.failed_text", {{"failed", std::to_string(bal.failed)},
                                                      {"checks", std::to_string(bal.checks)}})) +
         "</p>\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : r.balance) {
      if (c.ok) continue;
      if (rows.size() >= kMaxFailedChecksShown) break;
      rows.push_back({c.process, c.region, c.element, std::to_string(c.year),
                      format_readable(c.inputs), format_readable(c.outputs),
                      format_readable(c.stock_change), format_readable(c.residual)});
    }
    b += html_table(
        {T("report.balance.process"), T("report.balance.region"), T("report.col.element"),
         T("report.axis.year"), T("report.balance.inputs"), T("report.balance.outputs"),
         T("report.balance.stock_change"), T("report.balance.residual")},
        rows, {false, false, false, false, true, true, true, true});
  }

  b += section("files", T("report.files.title"));
  b += para(T("report.files.text"));
  std::vector<std::vector<std::string>> files;
  for (const auto& t : r.tables) {
    files.push_back({t.name + ".csv", t.value_column,
                     lang == Language::kEnglish
                         ? t.description
                         : tr_or(lang, "table." + t.name + ".description", t.description)});
  }
  for (const auto& t : r.records) {
    files.push_back({t.name + ".csv", "",
                     lang == Language::kEnglish
                         ? t.title
                         : tr_or(lang, "records." + t.name + ".title", t.title)});
  }
  b += html_table(
      {T("report.files.file"), T("report.files.value_column"), T("report.files.contents")}, files,
      {});
  return html_page(T("report.page_title", {{"name", name}}), with_contents(lang, b),
                   language_code(lang));
}

std::string text_summary(const RunResults& r) {
  const auto years = key_years(r);
  const auto elements = run_elements(r);
  const auto bal = summarise_balance(r);
  std::string s = "urbanmine run: " + r.meta.scenario_name + " (" +
                  std::to_string(r.meta.first_year) + "-" + std::to_string(r.meta.last_year) +
                  "), mass balance " + (r.balance_ok() ? "ok" : "FAILED") + " (" +
                  format_thousands(static_cast<double>(bal.checks), 0) + " checks)\n";
  const auto pad = [](std::string text, std::size_t width) {
    if (text.size() < width) text.insert(0, width - text.size(), ' ');
    return text;
  };
  constexpr std::size_t kColumn = 14;
  constexpr std::size_t kLabel = 12;
  std::string head = std::string(kLabel, ' ');
  for (int y : years) head += pad(std::to_string(y), kColumn);
  const auto eol_kwh = world_by_year(r, kTableEndOfLifeKwh, "");
  double max_kwh = 0.0;
  for (int y : years) max_kwh = std::max(max_kwh, value_at(eol_kwh, y));
  const auto [div, unit] = capacity_scale(max_kwh);
  s += "\nWorld end-of-life batteries (" + unit + ")\n" + head + "\n";
  std::string line = "  capacity  ";
  for (int y : years) line += pad(format_readable(value_at(eol_kwh, y) / div), kColumn);
  s += line + "\n";
  auto block = [&](const std::string& title, std::string_view table) {
    if (r.find(table) == nullptr) return;
    s += "\n" + title + "\n" + head + "\n";
    for (const auto& e : elements) {
      const auto series = world_by_year(r, table, e);
      std::string row = "  " + e;
      row.resize(kLabel, ' ');
      for (int y : years) row += pad(format_readable(value_at(series, y)), kColumn);
      s += row + "\n";
    }
  };
  block("World metal in end-of-life batteries (t)", kTableEndOfLifeT);
  block("World metal recovered by recycling (t)", kTableRecoveredT);
  if (const auto* surplus = r.find(kTableFeedstockSurplusT); surplus && !years.empty()) {
    const int y = years.size() > 1 ? years[1] : years[0];
    std::string top;
    std::size_t n = 0;
    for (const auto& [region, value] : regions_in_year(*surplus, y)) {
      if (n++ >= kTopRegions || value < kShownTonnes) break;
      top += (top.empty() ? "" : ", ") + region + " " + format_readable(value) + " t";
    }
    s += "\nLargest feedstock beyond home capacity in " + std::to_string(y) + ": " +
         (top.empty() ? "none" : top) + "\n";
    if (const auto* stranded = r.find(kTableFeedstockStrandedT)) {
      std::string left;
      std::size_t m = 0;
      for (const auto& [region, value] : regions_in_year(*stranded, y)) {
        if (m++ >= kTopRegions || value < kShownTonnes) break;
        left += (left.empty() ? "" : ", ") + region + " " + format_readable(value) + " t";
      }
      s += "Stranded after trade (no legal spare capacity) in " + std::to_string(y) + ": " +
           (left.empty() ? "none" : left) + "\n";
    }
  }
  if (!r.findings.empty()) {
    s += "\nFindings\n";
    for (const auto& f : r.findings) s += "  - " + f.text + "\n";
  }
  return s;
}

core::Result<RunDocuments> render_run_documents(const RunResults& r, const RenderOptions& options) {
  if (!options.focus_region.empty()) {
    auto members = results::RegionIndex::of(r).members(options.focus_region);
    if (!members) {
      auto e = members.error();
      e.location = "--focus";
      return e;
    }
  }
  RunDocuments docs;
  auto sankey = sankey_json(r, options.sankey_year, options.sankey_element);
  if (!sankey) return sankey.error();
  docs.files[std::string(kSummaryFile)] = summary_json(r, options);
  docs.files[std::string(kSankeyFile)] = std::move(*sankey);
  docs.files[std::string(kReportFile)] = report_html(r, options);
  return docs;
}

core::Result<RunDocuments> render_run_outputs(const RunResults& r, const RenderOptions& options) {
  auto docs = render_run_documents(r, options);
  if (!docs) return docs;
  for (const auto& t : r.tables) {
    if (!docs->files
             .emplace(t.name + ".csv",
                      io::long_form_csv(t.values, t.value_column, options.skip_zero_rows))
             .second) {
      return core::Error::internal("two result tables are named " + t.name);
    }
  }
  // Aggregate regions (EU27, WORLD, ...) of each additive table, beside the model regions'
  // table, so that every figure of `compare --region EU27` can be read off a file.
  const auto regions = results::RegionIndex::of(r);
  for (const auto& t : r.tables) {
    auto aggregates = results::aggregates_of(t, regions);
    if (!aggregates) return aggregates.error();
    if (!*aggregates) continue;
    docs->files.emplace(
        std::string(kAggregatesDir) + "/" + t.name + ".csv",
        io::long_form_csv((*aggregates)->values, t.value_column, options.skip_zero_rows));
  }
  for (const auto& t : r.records) {
    auto csv = io::record_table_csv(t);
    if (!csv) return csv.error();
    if (!docs->files.emplace(t.name + ".csv", std::move(*csv)).second) {
      return core::Error::internal("two tables are named " + t.name);
    }
  }
  return docs;
}

}  // namespace urbanmine::report
