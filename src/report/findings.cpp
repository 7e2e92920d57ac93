// SPDX-License-Identifier: Apache-2.0
// Findings built from a run's tables (see findings.h).
#include "report/findings.h"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "report/html.h"
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

void add_findings(results::RunResults& res, const FindingOptions& options) {
  const TableView waste(res.find(results::kTableEndOfLifeT));
  const TableView recovered(res.find(results::kTableRecoveredT));
  const TableView demand(res.find(results::kTableMaterialDemandT));
  const TableView surplus(res.find(results::kTableFeedstockSurplusT));
  if (!waste.ok() || !recovered.ok() || !demand.ok() || !surplus.ok()) return;
  const std::vector<std::string>& years = waste.items(results::kDimYear);
  if (years.empty()) return;
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
  auto name_of = [&](std::size_t r) {
    const auto it = names.find(regions[r]);
    return it == names.end() ? regions[r] : it->second;
  };
  const std::string lead = results::kHeadlineElements[0];
  {
    std::string text = "In " + fy + ", waste batteries in the modelled regions hold ";
    for (std::size_t i = 0; i < results::kHeadlineElements.size(); ++i) {
      const std::string e = results::kHeadlineElements[i];
      text += (i == 0 ? "" : (i + 1 == results::kHeadlineElements.size() ? " and " : ", ")) +
              fmt_t(waste.value(std::nullopt, e, fy)) + " of " + results::element_name(e);
    }
    const double lead_total = waste.value(std::nullopt, lead, fy);
    std::size_t top = 0;
    for (std::size_t r = 1; r < R; ++r) {
      if (waste.value(r, lead, fy) > waste.value(top, lead, fy)) top = r;
    }
    if (lead_total > 0.0 && R > 0) {
      const double top_v = waste.value(top, lead, fy);
      text += "; " + name_of(top) + " has the most " + results::element_name(lead) + " (" +
              fmt_t(top_v) + ", " + fmt(kPercent * top_v / lead_total, 0) + " %)";
    }
    res.findings.push_back({"end_of_life", text + "."});
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
      const auto name = [&](const std::string& code) {
        const auto it = names.find(code);
        return it == names.end() ? code : it->second;
      };
      double carried = 0.0;
      for (int y = first; y <= last; ++y)
        carried += metal.value(std::nullopt, lead, std::to_string(y));
      res.findings.push_back(
          {"end_of_life",
           "In " + fy + ", " + format_thousands(vehicles, 0) +
               " used vehicles leave their region of sale for another modelled region (most from " +
               name(top_from) + " to " + name(top_to) + ": " + format_thousands(top, 0) +
               "), carrying " + fmt(kwh.value(std::nullopt, std::nullopt, fy) / kKwhPerGwh, 1) +
               " GWh of batteries; over " + std::to_string(first) + "-" + std::to_string(last) +
               " they take " + fmt_t(carried) + " of " + results::element_name(lead) +
               " with them, whose end of life is counted in the importing region."});
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
      text = "In " + fy +
             ", every modelled region recycles its feedstock (collected batteries "
             "and production scrap) within its own recycling capacity";
    } else {
      text = "In " + fy + ", " + fmt_t(beyond) +
             " of feedstock (collected batteries and production scrap) is beyond home recycling "
             "capacity; ";
      if (shipped > 0.0) {
        text += fmt_t(shipped) +
                " of it can legally be shipped to spare capacity elsewhere, most "
                "from " +
                name_of(top_shipper) + " (" + fmt_t(top_shipper_t) +
                (main_destination.empty() ? "" : ", mainly to " + main_destination) + ")";
      } else {
        text += "none of it can be shipped to spare capacity elsewhere";
      }
      text += left > 0.0
                  ? "; " + fmt_t(left) + " is stranded with no legal capacity, most in " +
                        name_of(top_left) + " (" +
                        fmt_t(stranded.value(top_left, std::nullopt, fy)) + "): a plant to build"
                  : "; none is stranded";
    }
    res.findings.push_back({"recycling", text + "."});
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
      std::string text = "Over " + std::to_string(first) + "-" + std::to_string(last) +
                         ", the most feedstock stranded after trade (no legal spare capacity) is "
                         "in ";
      const std::size_t n = std::min(kTopSurplusRegions, cumulative.size());
      for (std::size_t i = 0; i < n; ++i) {
        text += (i == 0 ? "" : (i + 1 == n ? " and " : ", ")) + name_of(cumulative[i].second) +
                " (" + fmt_t(cumulative[i].first) + ")";
      }
      if (stranded_metal.ok()) {
        double metal = 0.0;
        for (int y = first; y <= last; ++y) {
          metal += stranded_metal.value(std::nullopt, lead, std::to_string(y));
        }
        text += "; it holds " + fmt_t(metal) + " of " + results::element_name(lead);
      }
      res.findings.push_back({"recycling", text + "."});
    }
  }
  {
    std::string text = "In " + fy + ", recycled metal meets ";
    for (std::size_t i = 0; i < results::kHeadlineElements.size(); ++i) {
      const std::string e = results::kHeadlineElements[i];
      const double d = demand.value(std::nullopt, e, fy);
      const double share = d > 0.0 ? recovered.value(std::nullopt, e, fy) / d : 0.0;
      text += std::string(i == 0 ? "" : ", ") + fmt(kPercent * share, 1) + " % of " +
              results::element_name(e);
    }
    res.findings.push_back(
        {"recycling", text + " demand for new batteries in the modelled regions."});
  }
  if (const auto* pv = res.find_records(results::kRecordsReplacementPerVehicle.name)) {
    std::string text = "Replacement packs per vehicle over its life: ";
    for (std::size_t i = 0; i < pv->rows.size(); ++i) {
      text += (i == 0 ? "" : ", ") + pv->rows[i][0].text + " " + fmt(pv->rows[i][3].number, 2);
    }
    res.findings.push_back({"fleet", text + "."});
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
      res.findings.push_back({"validation", "Modelled world EV battery demand in " +
                                                std::to_string(static_cast<int>(row[1].number)) +
                                                " is " + fmt(row[2].number, 0) + " GWh against " +
                                                fmt(row[3].number, 0) + " GWh reported by IEA (" +
                                                fmt(kPercent * row[4].number, 1) + " %)."});
    }
  }
}

}  // namespace urbanmine::report
