// SPDX-License-Identifier: Apache-2.0
// The findings of a run (see run_findings.h), moved verbatim from compute_run.
#include "engine/run_findings.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/run_model.h"

namespace urbanmine::engine {

namespace {

std::string fmt(double v, int precision = 3) {
  std::ostringstream os;
  os.setf(std::ios::fixed);
  os.precision(precision);
  os << v;
  return os.str();
}

std::string fmt_t(double tonnes) {
  std::ostringstream os;
  if (tonnes >= 1e6) {
    os << fmt(tonnes / 1e6, 2) << " Mt";
  } else if (tonnes >= 1e3) {
    os << fmt(tonnes / 1e3, 1) << " kt";
  } else {
    os << fmt(tonnes, 0) << " t";
  }
  return os.str();
}

struct Shape {
  std::size_t R, E, Q, T;
  std::size_t ret(std::size_t r, std::size_t e, std::size_t t) const { return (r * E + e) * T + t; }
  std::size_t reqt(std::size_t r, std::size_t e, std::size_t q, std::size_t t) const {
    return ((r * E + e) * Q + q) * T + t;
  }
  std::size_t rt(std::size_t r, std::size_t t) const { return r * T + t; }
};

}  // namespace

void add_run_findings(const ModelInputs& in, RunResults& res) {
  const Shape sh{in.regions.size(), kElementCount, kRouteCount, in.years};
  const std::size_t R = sh.R, Q = sh.Q, T = sh.T;
  const int focus_year = std::min(in.last_year, std::max(in.first_year, 2040));
  const std::size_t ft = static_cast<std::size_t>(focus_year - in.first_year);
  const ResultTable* waste_tab = res.find(kTableEndOfLifeT);
  const ResultTable* recovered_tab = res.find(kTableRecoveredT);
  const ResultTable* demand_tab = res.find(kTableMaterialDemandT);
  const ResultTable* surplus_tab = res.find(kTableFeedstockSurplusT);
  auto elem_total = [&](const ResultTable* tab, std::size_t e, std::size_t t,
                        std::optional<std::size_t> only_r) {
    double v = 0.0;
    for (std::size_t r = 0; r < R; ++r) {
      if (only_r && *only_r != r) continue;
      v += tab->values.data()[sh.ret(r, e, t)];
    }
    return v;
  };
  auto recovered_total = [&](std::size_t e, std::size_t t) {
    double v = 0.0;
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t q = 0; q < Q; ++q) v += recovered_tab->values.data()[sh.reqt(r, e, q, t)];
    return v;
  };
  constexpr std::size_t kLi = 0, kNi = 1, kCo = 2;
  {
    const double li = elem_total(waste_tab, kLi, ft, std::nullopt);
    const double ni = elem_total(waste_tab, kNi, ft, std::nullopt);
    const double co = elem_total(waste_tab, kCo, ft, std::nullopt);
    std::size_t top = 0;
    for (std::size_t r = 1; r < R; ++r) {
      if (elem_total(waste_tab, kLi, ft, r) > elem_total(waste_tab, kLi, ft, top)) top = r;
    }
    std::string text = "In " + std::to_string(focus_year) +
                       ", waste batteries in the modelled regions hold " + fmt_t(li) +
                       " of lithium, " + fmt_t(ni) + " of nickel and " + fmt_t(co) + " of cobalt";
    if (li > 0.0) {
      const double top_li = elem_total(waste_tab, kLi, ft, top);
      text += "; " + in.region_names[top] + " has the most lithium (" + fmt_t(top_li) + ", " +
              fmt(100.0 * top_li / li, 0) + " %)";
    }
    res.findings.push_back(Finding{"end_of_life", text + "."});
  }
  {
    std::size_t top = 0, idle = 0;
    for (std::size_t r = 1; r < R; ++r) {
      const double v = surplus_tab->values.data()[sh.rt(r, ft)];
      if (v > surplus_tab->values.data()[sh.rt(top, ft)]) top = r;
      if (v < surplus_tab->values.data()[sh.rt(idle, ft)]) idle = r;
    }
    const double top_v = surplus_tab->values.data()[sh.rt(top, ft)];
    const double idle_v = surplus_tab->values.data()[sh.rt(idle, ft)];
    std::string text;
    if (top_v > 0.0) {
      text = "In " + std::to_string(focus_year) + ", " + in.region_names[top] +
             " has the largest black-mass surplus: " + fmt_t(top_v) +
             " of collected batteries beyond local recycling capacity (export feedstock or a "
             "plant to build)";
    } else {
      text = "In " + std::to_string(focus_year) +
             ", no modelled region collects more batteries than its recycling capacity";
    }
    if (idle_v < 0.0) {
      text += "; " + in.region_names[idle] + " has the most idle capacity (" + fmt_t(-idle_v) + ")";
    }
    res.findings.push_back(Finding{"recycling", text + "."});
  }
  {
    // The regions with the most feedstock beyond local capacity over the whole run.
    std::vector<std::pair<double, std::size_t>> cumulative;
    for (std::size_t r = 0; r < R; ++r) {
      double v = 0.0;
      for (std::size_t t = 0; t < T; ++t)
        v += std::max(0.0, surplus_tab->values.data()[sh.rt(r, t)]);
      if (v > 0.0) cumulative.emplace_back(v, r);
    }
    std::sort(cumulative.begin(), cumulative.end(), [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    if (!cumulative.empty()) {
      std::string text = "Over " + std::to_string(in.first_year) + "-" +
                         std::to_string(in.last_year) +
                         ", the most collected batteries beyond local recycling capacity are in ";
      const std::size_t n = std::min<std::size_t>(3, cumulative.size());
      for (std::size_t i = 0; i < n; ++i) {
        text += (i == 0 ? "" : (i + 1 == n ? " and " : ", ")) +
                in.region_names[cumulative[i].second] + " (" + fmt_t(cumulative[i].first) + ")";
      }
      res.findings.push_back(Finding{"recycling", text + "."});
    }
  }
  {
    std::string text = "In " + std::to_string(focus_year) + ", recycled metal meets ";
    bool first = true;
    for (std::size_t e : {kLi, kNi, kCo}) {
      const double d = elem_total(demand_tab, e, ft, std::nullopt);
      const double share = d > 0.0 ? recovered_total(e, ft) / d : 0.0;
      text += std::string(first ? "" : ", ") + fmt(100.0 * share, 1) + " % of " +
              (e == kLi   ? "lithium"
               : e == kNi ? "nickel"
                          : "cobalt");
      first = false;
    }
    res.findings.push_back(
        Finding{"recycling", text + " demand for new batteries in the modelled regions."});
  }
  {
    const RecordTable* pv = res.find_records(kRecordsReplacementPerVehicle);
    std::string text = "Replacement packs per vehicle over its life: ";
    for (std::size_t i = 0; i < pv->rows.size(); ++i) {
      text += (i == 0 ? "" : ", ") + pv->rows[i][0].text + " " + fmt(pv->rows[i][3].number, 2);
    }
    res.findings.push_back(Finding{"fleet", text + "."});
  }
  {
    const RecordTable* check = res.find_records(kRecordsDemandCheck);
    for (const auto& row : check->rows) {
      if (row[0].text != "WORLD" || static_cast<int>(row[1].number) != 2023) continue;
      res.findings.push_back(Finding{
          "validation", "Modelled world EV battery demand in 2023 is " + fmt(row[2].number, 0) +
                            " GWh against " + fmt(row[3].number, 0) + " GWh reported by IEA (" +
                            fmt(100.0 * row[4].number, 1) + " %)."});
    }
  }
}

}  // namespace urbanmine::engine
