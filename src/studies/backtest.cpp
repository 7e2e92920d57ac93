// SPDX-License-Identifier: Apache-2.0
// `urbanmine backtest` (backtest.h): sales rules projected from a freeze year, against the data.
#include "studies/backtest.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <tuple>

#include "io/data_dir.h"
#include "io/run_data.h"
#include "io/run_writers.h"
#include "io/scenario_toml.h"

#include "fleet/fleet.h"
#include "model/run_model.h"
#include "model/scenario.h"
#include "results/registry.h"

namespace urbanmine::studies {

namespace {

enum class RuleKind { kHold, kGrowth, kTrend, kScenario2030 };

struct Rule {
  std::string name;
  RuleKind kind = RuleKind::kHold;
  double growth = 0.0;  // growth:G
  int years = 0;        // trend:K
};

constexpr int kScenarioTargetYear = 2030;
constexpr double kTrendMin = -0.5;
constexpr double kTrendMax = 1.0;

core::Result<Rule> parse_rule(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return core::Error::invalid_input("rule '" + text + "': " + why, "--rule",
                                      "use hold, growth:G (e.g. growth:0.25), trend:K (e.g. "
                                      "trend:3) or scenario2030");
  };
  if (text == "hold") return Rule{text, RuleKind::kHold, 0.0, 0};
  if (text == "scenario2030") return Rule{text, RuleKind::kScenario2030, 0.0, 0};
  const auto colon = text.find(':');
  if (colon == std::string::npos) return bad("unknown rule");
  const std::string head = text.substr(0, colon);
  const std::string arg = text.substr(colon + 1);
  char* end = nullptr;
  const double v = std::strtod(arg.c_str(), &end);
  if (arg.empty() || end == nullptr || *end != '\0' || !std::isfinite(v)) {
    return bad("'" + arg + "' is not a number");
  }
  if (head == "growth") {
    if (!(v > -1.0 && v <= 10.0)) return bad("a growth rate is above -1 and at most 10");
    return Rule{text, RuleKind::kGrowth, v, 0};
  }
  if (head == "trend") {
    if (v != std::floor(v) || v < 1 || v > 10) return bad("the trend window is 1-10 years");
    return Rule{text, RuleKind::kTrend, 0.0, static_cast<int>(v)};
  }
  return bad("unknown rule");
}

// Errors of `projected` against `actual` over the cells `keep` selects.
struct Errors {
  std::size_t cells = 0;
  double mape = 0.0;  // mean of |p - a| / a over cells with a >= the threshold
  std::size_t mape_cells = 0;
  double abs_sum = 0.0, signed_sum = 0.0, actual_sum = 0.0;
  void add(double projected, double actual, double threshold) {
    ++cells;
    abs_sum += std::fabs(projected - actual);
    signed_sum += projected - actual;
    actual_sum += actual;
    if (actual >= threshold && actual > 0.0) {
      mape += std::fabs(projected - actual) / actual;
      ++mape_cells;
    }
  }
};

Cell fraction_or_empty(double num, double den) {
  return den > 0.0 ? Cell::of(num / den) : Cell::empty();
}

}  // namespace

core::Result<std::vector<RecordTable>> backtest_tables(const std::string& scenario_path,
                                                       const BacktestOptions& options) {
  std::vector<Rule> rules;
  for (const auto& text : options.rules) {
    auto rule = parse_rule(text);
    if (!rule) return rule.error();
    rules.push_back(*rule);
  }
  if (rules.empty()) {
    return core::Error::invalid_input("no rule", "--rule", "give at least one --rule");
  }
  const std::string path = scenario_path.empty() ? io::default_scenario_path() : scenario_path;
  const std::string data_dir = options.data_dir.empty() ? io::default_data_dir() : options.data_dir;
  core::Diagnostics diags;
  io::ScenarioSpec spec = io::read_scenario_file(path, diags);
  if (diags.has_errors()) return diags.to_error();
  io::RunData data = io::load_run_data(data_dir, diags);
  if (diags.has_errors()) return diags.to_error();
  const model::ModelInputs in = model::resolve_scenario(spec, data, diags);
  if (diags.has_errors()) return diags.to_error();

  const int last = std::min(data.sales_last_year, in.last_year);
  const auto t_of = [&](int year) { return static_cast<std::size_t>(year - in.first_year); };
  int longest_trend = 0;
  for (const auto& r : rules) longest_trend = std::max(longest_trend, r.years);
  for (int f : options.freeze_years) {
    if (f < in.first_year + longest_trend || f < data.sales_first_year + longest_trend ||
        f >= last) {
      return core::Error::invalid_input(
          "freeze year " + std::to_string(f) + " leaves no history or no years to test", "--freeze",
          "give a year from " +
              std::to_string(std::max(in.first_year, data.sales_first_year) + longest_trend) +
              " to " + std::to_string(last - 1));
    }
  }
  const bool has_2030 = in.last_year >= kScenarioTargetYear;
  for (const auto& r : rules) {
    if (r.kind == RuleKind::kScenario2030 && !has_2030) {
      return core::Error::invalid_input("scenario2030 needs a scenario that reaches 2030", "--rule",
                                        "set last_year >= 2030 or drop the rule");
    }
  }

  // Battery demand (new packs incl. replacements, kWh) by [r][s][t] for the given sales.
  const std::size_t R = in.regions.size(), S = in.segments.size();
  const auto demand = [&](const model::ModelInputs& inputs) -> core::Result<std::vector<double>> {
    auto fleet = fleet::run_fleet(model::fleet_inputs(inputs));
    if (!fleet) return fleet.error();
    std::vector<double> out(R * S * inputs.years, 0.0);
    for (std::size_t r = 0; r < R; ++r) {
      for (std::size_t s = 0; s < S; ++s) {
        for (std::size_t k = 0; k < fleet->chemistries; ++k) {
          for (std::size_t t = 0; t < inputs.years; ++t) {
            out[(r * S + s) * inputs.years + t] += fleet->new_kwh[fleet->rskt(r, s, k, t)];
          }
        }
      }
    }
    return out;
  };
  auto actual_kwh = demand(in);
  if (!actual_kwh) return actual_kwh.error();

  RecordTable summary{std::string(results::kRecordsBacktestSummary.name),
                      std::string(results::kRecordsBacktestSummary.title),
                      "Each rule projects every region x segment's EV sales from the data up to "
                      "the freeze year over the years after it to " +
                          std::to_string(last) +
                          "; errors against IEA's sales (ev_sales.csv) and against the fleet "
                          "model's battery demand at those sales. MAPE over cells of at least " +
                          io::format_number(options.mape_min_vehicles) + " vehicles or " +
                          io::format_number(options.mape_min_kwh / 1e6) +
                          " GWh; WAPE and bias (projected - actual, over actual) over all. "
                          "scenario2030 uses a projection made after the freeze year: not "
                          "out of sample.",
                      {"freeze_year", "rule", "metric", "segment", "cells", "mape_fraction",
                       "wape_fraction", "bias_fraction", "out_of_sample"},
                      {}};
  RecordTable detail{
      std::string(results::kRecordsBacktest.name),
      std::string(results::kRecordsBacktest.title),
      "Projected and actual value of each region, segment and year after the "
      "freeze year (sales in vehicles, battery demand in kWh).",
      {"freeze_year", "rule", "metric", "region", "segment", "year", "actual", "projected"},
      {}};

  for (int f : options.freeze_years) {
    for (const auto& rule : rules) {
      model::ModelInputs projected = in;
      for (std::size_t r = 0; r < R; ++r) {
        for (std::size_t s = 0; s < S; ++s) {
          auto& sales = projected.sales_vehicles[r][s];
          const double base = in.sales_vehicles[r][s][t_of(f)];
          double rate = 0.0;
          if (rule.kind == RuleKind::kGrowth) rate = rule.growth;
          if (rule.kind == RuleKind::kTrend) {
            const double before = in.sales_vehicles[r][s][t_of(f - rule.years)];
            if (before > 0.0 && base > 0.0) {
              rate =
                  std::clamp(std::pow(base / before, 1.0 / rule.years) - 1.0, kTrendMin, kTrendMax);
            }
          }
          for (int y = f + 1; y <= last; ++y) {
            if (rule.kind == RuleKind::kScenario2030) {
              const double target = in.sales_vehicles[r][s][t_of(kScenarioTargetYear)];
              sales[t_of(y)] = base + (target - base) * static_cast<double>(y - f) /
                                          static_cast<double>(kScenarioTargetYear - f);
            } else {
              sales[t_of(y)] = base * std::pow(1.0 + rate, y - f);
            }
          }
        }
      }
      auto kwh = demand(projected);
      if (!kwh) return kwh.error();
      // Errors per segment (index S = all segments), sales and demand.
      std::vector<Errors> sales_err(S + 1), kwh_err(S + 1);
      for (std::size_t r = 0; r < R; ++r) {
        for (std::size_t s = 0; s < S; ++s) {
          for (int y = f + 1; y <= last; ++y) {
            const std::size_t t = t_of(y);
            const double a = in.sales_vehicles[r][s][t];
            const double p = projected.sales_vehicles[r][s][t];
            const std::size_t i = (r * S + s) * in.years + t;
            for (std::size_t g : {s, S}) {
              sales_err[g].add(p, a, options.mape_min_vehicles);
              kwh_err[g].add((*kwh)[i], (*actual_kwh)[i], options.mape_min_kwh);
            }
            if (options.detail) {
              for (const auto& [metric, av, pv] :
                   {std::tuple<const char*, double, double>{"sales_vehicles", a, p},
                    std::tuple<const char*, double, double>{"battery_demand_kwh", (*actual_kwh)[i],
                                                            (*kwh)[i]}}) {
                detail.rows.push_back({Cell::of(static_cast<double>(f)), Cell::of(rule.name),
                                       Cell::of(metric), Cell::of(in.regions[r]),
                                       Cell::of(in.segments[s]), Cell::of(static_cast<double>(y)),
                                       Cell::of(av), Cell::of(pv)});
              }
            }
          }
        }
      }
      const char* oos = rule.kind == RuleKind::kScenario2030 ? "no" : "yes";
      for (const auto& [metric, errs] :
           {std::pair<const char*, const std::vector<Errors>*>{"sales_vehicles", &sales_err},
            std::pair<const char*, const std::vector<Errors>*>{"battery_demand_kwh", &kwh_err}}) {
        for (std::size_t g = 0; g <= S; ++g) {
          const Errors& e = (*errs)[g];
          summary.rows.push_back(
              {Cell::of(static_cast<double>(f)), Cell::of(rule.name), Cell::of(metric),
               Cell::of(g == S ? std::string("all") : in.segments[g]),
               Cell::of(static_cast<double>(e.cells)),
               e.mape_cells > 0 ? Cell::of(e.mape / static_cast<double>(e.mape_cells))
                                : Cell::empty(),
               fraction_or_empty(e.abs_sum, e.actual_sum),
               fraction_or_empty(e.signed_sum, e.actual_sum), Cell::of(oos)});
        }
      }
    }
  }
  std::vector<RecordTable> out{std::move(summary)};
  if (options.detail) out.push_back(std::move(detail));
  return out;
}

}  // namespace urbanmine::studies
