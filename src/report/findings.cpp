// SPDX-License-Identifier: Apache-2.0
// Findings built from a run's tables (see findings.h).
#include "report/findings.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "report/html.h"
#include "report/messages.h"
#include "report/records_text.h"
#include "report/run_report.h"
#include "results/registry.h"

namespace urbanmine::report {

namespace {

constexpr double kPercent = 100.0;
constexpr double kTonnesPerKt = 1e3;
constexpr double kTonnesPerMt = 1e6;
constexpr double kKwhPerGwh = 1e6;
constexpr std::size_t kTopSurplusRegions = 3;

std::string fmt(double v, int precision = 3) {
  std::ostringstream os;
  os.setf(std::ios::fixed);
  os.precision(precision);
  os << v;
  return os.str();
}

std::string fmt_t(double tonnes) {
  if (tonnes >= kTonnesPerMt) return fmt(tonnes / kTonnesPerMt, 2) + " Mt";
  if (tonnes >= kTonnesPerKt) return fmt(tonnes / kTonnesPerKt, 1) + " kt";
  return fmt(tonnes, 0) + " t";
}

// A table over [region, (element, (route,)) year] read by codes.
class TableView {
 public:
  explicit TableView(const results::ResultTable* t) : t_(t) {}
  bool ok() const { return t_ != nullptr; }
  const std::vector<std::string>& items(std::string_view dim) const {
    return t_->values.dims()[*t_->values.dim_index(std::string(dim))].items();
  }
  // Sum over every dimension other than region, element and year, at the given items.
  double value(std::optional<std::size_t> region, const std::optional<std::string>& element,
               const std::string& year) const {
    const auto& dims = t_->values.dims();
    std::vector<std::size_t> index(dims.size(), 0);
    double total = 0.0;
    sum(0, index, region, element, year, total);
    return total;
  }

 private:
  void sum(std::size_t d, std::vector<std::size_t>& index, std::optional<std::size_t> region,
           const std::optional<std::string>& element, const std::string& year,
           double& total) const {
    const auto& dims = t_->values.dims();
    if (d == dims.size()) {
      std::size_t flat = 0;
      for (std::size_t k = 0; k < dims.size(); ++k) flat = flat * dims[k].size() + index[k];
      total += t_->values.data()[flat];
      return;
    }
    const std::string& name = dims[d].name();
    std::optional<std::size_t> fixed;
    if (name == results::kDimRegion && region) fixed = region;
    if (name == results::kDimElement && element) fixed = dims[d].index_of(*element);
    if (name == results::kDimYear) fixed = dims[d].index_of(year);
    if ((name == results::kDimElement && element) || name == results::kDimYear) {
      if (!fixed) return;  // item not in the table: contributes nothing
    }
    if (fixed) {
      index[d] = *fixed;
      sum(d + 1, index, region, element, year, total);
      return;
    }
    for (std::size_t i = 0; i < dims[d].items().size(); ++i) {
      index[d] = i;
      sum(d + 1, index, region, element, year, total);
    }
  }
  const results::ResultTable* t_;
};

}  // namespace

std::vector<results::Finding> build_findings(const results::RunResults& res,
                                             const FindingOptions& options, Language language) {
  std::vector<results::Finding> found;
  const auto T = [language](std::string_view key, const Fill& values = {}) {
    return tr(language, key, values);
  };
  // English: the registry's name ("lithium"); Korean: the catalogue's.
  const auto element = [&](const std::string& code) {
    return language == Language::kEnglish
               ? results::element_name(code)
               : tr_or(language, "element." + code, results::element_name(code));
  };
  // "a, b and c" (English) or "a, b, c" (Korean).
  const auto join = [&](const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += i + 1 == items.size() ? T("finding.list.last") : T("finding.list.sep");
      out += items[i];
    }
    return out;
  };
  const TableView waste(res.find(results::kTableEndOfLifeT));
  const TableView recovered(res.find(results::kTableRecoveredT));
  const TableView demand(res.find(results::kTableMaterialDemandT));
  const TableView surplus(res.find(results::kTableFeedstockSurplusT));
  if (!waste.ok() || !recovered.ok() || !demand.ok() || !surplus.ok()) return found;
  const std::vector<std::string>& years = waste.items(results::kDimYear);
  if (years.empty()) return found;
  const int first = std::stoi(years.front());
  const int last = std::stoi(years.back());
  const int focus = std::min(last, std::max(first, options.focus_year));
  const std::string fy = std::to_string(focus);
  const std::vector<std::string>& regions = waste.items(results::kDimRegion);
  const std::size_t R = regions.size();
  std::map<std::string, std::string> names;
  if (const auto* rec = res.find_records(results::kRecordsRegions.name)) {
    for (const auto& row : rec->rows) names[row[0].text] = row[1].text;
  }
  // English: the name of the `regions` record table; Korean: the catalogue's name of the code.
  const auto place = [&](const std::string& code) {
    const auto it = names.find(code);
    const std::string english = it == names.end() ? code : it->second;
    return language == Language::kEnglish ? english : tr_or(language, "place." + code, english);
  };
  auto name_of = [&](std::size_t r) { return place(regions[r]); };
  const std::string lead = results::kHeadlineElements[0];
  {
    std::vector<std::string> amounts;
    amounts.reserve(results::kHeadlineElements.size());
    for (const char* e : results::kHeadlineElements) {
      amounts.push_back(T("finding.amount", {{"mass", fmt_t(waste.value(std::nullopt, e, fy))},
                                             {"element", element(e)}}));
    }
    std::string top_text;
    const double lead_total = waste.value(std::nullopt, lead, fy);
    std::size_t top = 0;
    for (std::size_t r = 1; r < R; ++r) {
      if (waste.value(r, lead, fy) > waste.value(top, lead, fy)) top = r;
    }
    if (lead_total > 0.0 && R > 0) {
      const double top_v = waste.value(top, lead, fy);
      top_text = T("finding.eol.top", {{"region", name_of(top)},
                                       {"element", element(lead)},
                                       {"mass", fmt_t(top_v)},
                                       {"share", fmt(kPercent * top_v / lead_total, 0)}});
    }
    found.push_back(
        {"end_of_life",
         T("finding.eol", {{"year", fy}, {"amounts", join(amounts)}, {"top", top_text}})});
  }
  if (const auto* trade = res.find(results::kUsedVehicleTradeVehicles.name)) {
    // Used vehicles sold abroad [origin region, destination, segment, year]: their packs reach
    // end of life where they are driven last, not where they were sold.
    const auto& dims = trade->values.dims();
    const auto year_index = dims.size() == 4 ? dims[3].index_of(fy) : std::nullopt;
    double vehicles = 0.0;
    double top = 0.0;
    std::string top_from;
    std::string top_to;
    for (std::size_t o = 0; year_index && o < dims[0].size(); ++o) {
      for (std::size_t d = 0; d < dims[1].size(); ++d) {
        double v = 0.0;
        for (std::size_t g = 0; g < dims[2].size(); ++g) {
          v += trade->values
                   .data()[((o * dims[1].size() + d) * dims[2].size() + g) * dims[3].size() +
                           *year_index];
        }
        vehicles += v;
        if (v > top)
          std::tie(top, top_from, top_to) = std::tuple{v, dims[0].items()[o], dims[1].items()[d]};
      }
    }
    const TableView kwh(res.find(results::kUsedVehicleExportKwh.name));
    const TableView metal(res.find(results::kUsedVehicleExportT.name));
    if (vehicles > 0.0 && kwh.ok() && metal.ok()) {
      const auto& name = place;
      double carried = 0.0;
      for (int y = first; y <= last; ++y)
        carried += metal.value(std::nullopt, lead, std::to_string(y));
      found.push_back({"end_of_life",
                       T("finding.used_vehicles",
                         {{"year", fy},
                          {"vehicles", format_thousands(vehicles, 0)},
                          {"from", name(top_from)},
                          {"to", name(top_to)},
                          {"top", format_thousands(top, 0)},
                          {"gwh", fmt(kwh.value(std::nullopt, std::nullopt, fy) / kKwhPerGwh, 1)},
                          {"first", std::to_string(first)},
                          {"last", std::to_string(last)},
                          {"mass", fmt_t(carried)},
                          {"element", element(lead)}})});
    }
  }
  const TableView stranded(res.find(results::kTableFeedstockStrandedT));
  const TableView stranded_metal(res.find(results::kTableUnrecycledT));
  const results::ResultTable* shipments = res.find(results::kTableFeedstockShipmentsT);
  if (R > 0 && stranded.ok()) {
    // Surplus beyond home capacity, where it went (trade) and what is left without legal capacity.
    double beyond = 0.0, left = 0.0, shipped = 0.0;
    std::size_t top_left = 0, top_shipper = 0;
    double top_shipper_t = 0.0;
    for (std::size_t r = 0; r < R; ++r) {
      beyond += std::max(0.0, surplus.value(r, std::nullopt, fy));
      left += stranded.value(r, std::nullopt, fy);
      if (stranded.value(r, std::nullopt, fy) > stranded.value(top_left, std::nullopt, fy)) {
        top_left = r;
      }
    }
    std::string main_destination;
    if (shipments != nullptr) {
      const TableView ship(shipments);
      for (std::size_t r = 0; r < R; ++r) {
        const double v = ship.value(r, std::nullopt, fy);
        shipped += v;
        if (v > top_shipper_t) {
          top_shipper_t = v;
          top_shipper = r;
        }
      }
      // The top shipper's largest destination.
      const auto& dims = shipments->values.dims();
      const auto year_index = dims[2].index_of(fy);
      double best = 0.0;
      for (std::size_t d = 0; year_index && d < dims[1].size(); ++d) {
        const double v =
            shipments->values
                .data()[(top_shipper * dims[1].size() + d) * dims[2].size() + *year_index];
        if (v > best) {
          best = v;
          main_destination = dims[1].items()[d];
        }
      }
    }
    std::string text;
    if (!(beyond > 0.0)) {
      text = T("finding.surplus.none", {{"year", fy}});
    } else {
      const std::string shipped_text =
          shipped > 0.0 ? T("finding.surplus.shipped",
                            {{"mass", fmt_t(shipped)},
                             {"region", name_of(top_shipper)},
                             {"region_mass", fmt_t(top_shipper_t)},
                             {"destination", main_destination.empty()
                                                 ? std::string()
                                                 : T("finding.surplus.destination",
                                                     {{"destination", main_destination}})}})
                        : T("finding.surplus.not_shipped");
      const std::string left_text =
          left > 0.0 ? T("finding.surplus.stranded",
                         {{"mass", fmt_t(left)},
                          {"region", name_of(top_left)},
                          {"region_mass", fmt_t(stranded.value(top_left, std::nullopt, fy))}})
                     : T("finding.surplus.none_stranded");
      text = T("finding.surplus", {{"year", fy},
                                   {"mass", fmt_t(beyond)},
                                   {"shipped", shipped_text},
                                   {"stranded", left_text}});
    }
    found.push_back({"recycling", text});
  }
  if (stranded.ok()) {
    // The regions with the most stranded feedstock over the whole run.
    std::vector<std::pair<double, std::size_t>> cumulative;
    for (std::size_t r = 0; r < R; ++r) {
      double v = 0.0;
      for (int y = first; y <= last; ++y) v += stranded.value(r, std::nullopt, std::to_string(y));
      if (v > 0.0) cumulative.emplace_back(v, r);
    }
    std::sort(cumulative.begin(), cumulative.end(), [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    if (!cumulative.empty()) {
      std::vector<std::string> places;
      const std::size_t n = std::min(kTopSurplusRegions, cumulative.size());
      places.reserve(n);
      for (std::size_t i = 0; i < n; ++i) {
        places.push_back(T("finding.place", {{"region", name_of(cumulative[i].second)},
                                             {"mass", fmt_t(cumulative[i].first)}}));
      }
      std::string metal_text;
      if (stranded_metal.ok()) {
        double metal = 0.0;
        for (int y = first; y <= last; ++y) {
          metal += stranded_metal.value(std::nullopt, lead, std::to_string(y));
        }
        metal_text =
            T("finding.stranded.metal", {{"mass", fmt_t(metal)}, {"element", element(lead)}});
      }
      found.push_back({"recycling", T("finding.stranded", {{"first", std::to_string(first)},
                                                           {"last", std::to_string(last)},
                                                           {"places", join(places)},
                                                           {"metal", metal_text}})});
    }
  }
  {
    std::vector<std::string> shares;
    shares.reserve(results::kHeadlineElements.size());
    for (const char* e : results::kHeadlineElements) {
      const double d = demand.value(std::nullopt, e, fy);
      const double share = d > 0.0 ? recovered.value(std::nullopt, e, fy) / d : 0.0;
      shares.push_back(
          T("finding.share", {{"share", fmt(kPercent * share, 1)}, {"element", element(e)}}));
    }
    std::string list;
    for (const auto& item : shares) list += (list.empty() ? "" : ", ") + item;
    found.push_back({"recycling", T("finding.recycled_share", {{"year", fy}, {"shares", list}})});
  }
  if (const auto* pv = res.find_records(results::kRecordsReplacementPerVehicle.name)) {
    std::string list;
    for (std::size_t i = 0; i < pv->rows.size(); ++i) {
      const std::string& segment = pv->rows[i][0].text;
      list +=
          (i == 0 ? "" : ", ") +
          (language == Language::kEnglish ? segment
                                          : tr_or(language, "value.segment." + segment, segment)) +
          " " + fmt(pv->rows[i][3].number, 2);
    }
    found.push_back({"fleet", T("finding.replacements", {{"list", list}})});
  }
  if (const auto* check = res.find_records(results::kRecordsDemandCheck.name)) {
    // The latest year IEA reports for the world aggregate.
    const std::vector<results::Cell>* latest = nullptr;
    for (const auto& row : check->rows) {
      if (row[0].text != kWorldRegion) continue;
      if (latest == nullptr || row[1].number > (*latest)[1].number) latest = &row;
    }
    if (latest != nullptr) {
      const auto& row = *latest;
      found.push_back({"validation", T("finding.demand_check",
                                       {{"year", std::to_string(static_cast<int>(row[1].number))},
                                        {"model", fmt(row[2].number, 0)},
                                        {"reported", fmt(row[3].number, 0)},
                                        {"deviation", fmt(kPercent * row[4].number, 1)}})});
    }
  }
  return found;
}

namespace {

std::string percent_text(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", fraction * kPercent);
  return buf;
}

// Column index of `name` in a record table, if it has it.
std::optional<std::size_t> column_of(const results::RecordTable& t, std::string_view name) {
  const auto it = std::find(t.columns.begin(), t.columns.end(), name);
  if (it == t.columns.end()) return std::nullopt;
  return static_cast<std::size_t>(it - t.columns.begin());
}

}  // namespace

std::vector<results::Finding> build_cooperation_findings(const results::RunResults& res,
                                                         Language language) {
  std::vector<results::Finding> found;
  const bool english = language == Language::kEnglish;
  const auto T = [language](std::string_view key, const Fill& values = {}) {
    return tr(language, key, values);
  };
  const auto place = [&](const std::string& code) {
    return english ? code : tr_or(language, "place." + code, code);
  };
  const auto element = [&](const std::string& code) {
    if (english) return code;
    const std::string name = tr_or(language, "element." + code, code);
    return name == code ? code : name + "(" + code + ")";
  };
  // Supply concentration of each mineral's mines.
  if (const auto* hhi = res.find_records(results::kRecordsHhi.name)) {
    const auto c_element = column_of(*hhi, "element"), c_stage = column_of(*hhi, "stage"),
               c_year = column_of(*hhi, "year"), c_convention = column_of(*hhi, "convention"),
               c_hhi = column_of(*hhi, "hhi"), c_largest = column_of(*hhi, "largest_producer"),
               c_share = column_of(*hhi, "largest_share_fraction"),
               c_missing = column_of(*hhi, "missing_producers");
    if (c_element && c_stage && c_year && c_convention && c_hhi && c_largest && c_share &&
        c_missing) {
      for (const auto& row : hhi->rows) {
        if (row[*c_stage].text != "mine") continue;
        std::string missing;
        if (!row[*c_missing].text.empty()) {
          std::string list = row[*c_missing].text;
          if (!english) {
            // "United States (withheld by the publisher: W); Austria" in the reader's words.
            static const std::string kWithheld = " (withheld by the publisher: W)";
            list.clear();
            std::size_t from = 0;
            const std::string& text = row[*c_missing].text;
            while (from <= text.size()) {
              const auto to = std::min(text.find("; ", from), text.size());
              std::string item = text.substr(from, to - from);
              const bool withheld = item.ends_with(kWithheld);
              if (withheld) item.resize(item.size() - kWithheld.size());
              item = place(item);
              if (withheld) item = T("finding.hhi.withheld", {{"country", item}});
              list += (list.empty() ? "" : ", ") + item;
              from = to + 2;
            }
          }
          missing = T("finding.hhi.missing", {{"missing", list}});
        }
        found.push_back(
            {"supply_risk", T("finding.hhi", {{"element", element(row[*c_element].text)},
                                              {"year", number_text(row[*c_year].number)},
                                              {"hhi", format_thousands(row[*c_hhi].number, 0)},
                                              {"basis", T(row[*c_convention].text == "named-share"
                                                              ? "finding.hhi.basis.named"
                                                              : "finding.hhi.basis.residual")},
                                              {"producer", place(row[*c_largest].text)},
                                              {"share", percent_text(row[*c_share].number)},
                                              {"missing", missing}})});
      }
    }
  }
  // The largest cut of import reliance by the run's recycling, for EU27 or KOR in the last year.
  if (const auto* risk = res.find_records(results::kRecordsSupplyRisk.name)) {
    const auto c_region = column_of(*risk, "region"), c_element = column_of(*risk, "element"),
               c_year = column_of(*risk, "year"),
               c_without = column_of(*risk, "import_reliance_without_recycling_fraction"),
               c_with = column_of(*risk, "import_reliance_with_recycling_fraction");
    if (c_region && c_element && c_year && c_without && c_with) {
      double last = 0.0;
      for (const auto& row : risk->rows) last = std::max(last, row[*c_year].number);
      const std::vector<results::Cell>* best = nullptr;
      for (const auto& row : risk->rows) {
        const std::string& region = row[*c_region].text;
        if (row[*c_year].number != last || (region != "EU27" && region != "KOR")) continue;
        if (row[*c_without].kind != results::Cell::Kind::kNumber ||
            row[*c_with].kind != results::Cell::Kind::kNumber) {
          continue;
        }
        const double cut = row[*c_without].number - row[*c_with].number;
        if (best == nullptr || cut > (*best)[*c_without].number - (*best)[*c_with].number) {
          best = &row;
        }
      }
      if (best != nullptr) {
        found.push_back({"supply_risk", T("finding.import_reliance",
                                          {{"year", std::to_string(static_cast<int>(last))},
                                           {"region", place((*best)[*c_region].text)},
                                           {"element", element((*best)[*c_element].text)},
                                           {"without", percent_text((*best)[*c_without].number)},
                                           {"with", percent_text((*best)[*c_with].number)}})});
      }
    }
  }
  // Policy checks: counts, and the failing check with the largest gap.
  if (const auto* checks = res.find_records(results::kRecordsPolicyChecks.name)) {
    const auto c_status = column_of(*checks, "status"),
               c_note = column_of(*checks, "confidence_note"),
               c_gap = column_of(*checks, "gap_fraction"), c_rule = column_of(*checks, "rule_id"),
               c_metric = column_of(*checks, "metric"), c_element = column_of(*checks, "element"),
               c_region = column_of(*checks, "region"), c_year = column_of(*checks, "year"),
               c_value = column_of(*checks, "value_fraction"),
               c_comparator = column_of(*checks, "comparator"),
               c_threshold = column_of(*checks, "threshold_fraction");
    if (c_status && c_note && c_gap && c_rule && c_metric && c_element && c_region && c_year &&
        c_value && c_comparator && c_threshold) {
      std::size_t pass = 0, fail = 0, not_evaluable = 0, flagged = 0;
      const std::vector<results::Cell>* worst = nullptr;
      const auto number = [](const results::Cell& c) {
        return c.kind == results::Cell::Kind::kNumber ? c.number : 0.0;
      };
      for (const auto& row : checks->rows) {
        const std::string& status = row[*c_status].text;
        if (status == "pass") ++pass;
        if (status == "fail") {
          ++fail;
          if (worst == nullptr || number(row[*c_gap]) > number((*worst)[*c_gap])) worst = &row;
        }
        if (status == "not_evaluable") ++not_evaluable;
        if (!row[*c_note].text.empty()) ++flagged;
      }
      found.push_back(
          {"policy", T("finding.policy.count", {{"checks", std::to_string(checks->rows.size())},
                                                {"pass", std::to_string(pass)},
                                                {"fail", std::to_string(fail)},
                                                {"not_evaluable", std::to_string(not_evaluable)},
                                                {"flagged", std::to_string(flagged)}})});
      if (worst != nullptr) {
        const auto& w = *worst;
        found.push_back(
            {"policy",
             T("finding.policy.gap",
               {{"rule", w[*c_rule].text},
                {"metric", w[*c_metric].text},
                {"element", english ? w[*c_element].text
                                    : tr_or(language, "value.element." + w[*c_element].text,
                                            element(w[*c_element].text))},
                {"region", place(w[*c_region].text)},
                {"year", std::to_string(static_cast<int>(w[*c_year].number))},
                {"value", percent_text(number(w[*c_value]))},
                {"comparator", w[*c_comparator].text},
                {"threshold", percent_text(number(w[*c_threshold]))}})});
      }
    }
  }
  // The top market opportunity (rank 1) and its parts.
  if (const auto* ranking = res.find_records(results::kRecordsMarketRanking.name)) {
    const auto c_rank = column_of(*ranking, "rank"), c_region = column_of(*ranking, "region"),
               c_score = column_of(*ranking, "score"), c_weights = column_of(*ranking, "weights");
    static const std::regex kYear("countries\\) in ([0-9]{4})\\.");
    std::smatch year;
    if (c_rank && c_region && c_score && c_weights && !ranking->rows.empty() &&
        std::regex_search(ranking->description, year, kYear)) {
      const auto& top = ranking->rows.front();
      std::string parts;
      for (const char* criterion : {"feedstock", "policy", "risk", "growth"}) {
        const auto c = column_of(*ranking, std::string("part_") + criterion);
        if (!c) continue;
        const results::Cell& cell = top[*c];
        parts += (parts.empty() ? "" : ", ") + T(std::string("finding.market.part.") + criterion) +
                 " " +
                 (cell.kind == results::Cell::Kind::kNumber ? short_number_text(cell.number)
                                                            : T("finding.market.missing"));
      }
      const bool default_weights = top[*c_weights].text.ends_with(" (default)");
      found.push_back({"market", T("finding.market",
                                   {{"year", year[1].str()},
                                    {"code", place(top[*c_region].text)},
                                    {"score", short_number_text(top[*c_score].number)},
                                    {"parts", parts},
                                    {"weights", T(default_weights ? "finding.market.default_weights"
                                                                  : "finding.market.end")}})});
    }
  }
  return found;
}

std::vector<results::Finding> findings_in(const results::RunResults& res, Language language) {
  if (language == Language::kEnglish) return res.findings;
  auto found = build_findings(res, FindingOptions{}, language);
  auto cooperation = build_cooperation_findings(res, language);
  found.insert(found.end(), cooperation.begin(), cooperation.end());
  return found.empty() ? res.findings : found;
}

void add_findings(results::RunResults& res, const FindingOptions& options) {
  auto found = build_findings(res, options, Language::kEnglish);
  res.findings.insert(res.findings.end(), std::make_move_iterator(found.begin()),
                      std::make_move_iterator(found.end()));
}

}  // namespace urbanmine::report
