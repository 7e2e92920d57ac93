// SPDX-License-Identifier: Apache-2.0
// dsm-reference-v1 reader and dsm-result-v1 writer.
#include "io/dsm_json.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <span>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "io/json_reader.h"

namespace urbanmine::io {

namespace {

constexpr const char* kCaseFormat = "dsm-reference-v1";
constexpr const char* kResultFormat = "dsm-result-v1";
// Year labels beyond this are not calendar years (and would not fit an int).
constexpr double kMaxYearLabel = 1e6;
// Bounds on lifetime parameters, in years (Weibull shape is a pure number). An assumption, not a
// sourced figure: no stock modelled here outlives a millennium, and beyond these the survival
// curves' arithmetic overflows (a LogNormal std of 1e200 gave NaN results). See
// docs/formats/dsm.md.
constexpr double kMaxLifetimeYears = 1000.0;
constexpr double kMaxWeibullShape = 1000.0;
// Inflows and stocks beyond this magnitude overflow the cohort sums; far above any real fleet.
constexpr double kMaxSeriesValue = 1e15;

std::string format_number(double v) {
  std::ostringstream out;
  out << std::setprecision(17) << v;
  return out.str();
}

// The first cohort value of `values` (named `key`) above `limit`, as an error at key[index].
core::Status check_bound(const JsonReader& reader, const std::string& key,
                         const std::vector<double>& values, double limit, const char* unit) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::fabs(values[i]) > limit) {
      return reader.error(key + "[" + std::to_string(i) + "]",
                          key + " " + format_number(values[i]) + " is outside the accepted range",
                          "give a value of at most " + format_number(limit) + unit);
    }
  }
  return {};
}

core::Result<std::vector<double>> per_cohort(const JsonReader& lt, const std::string& key,
                                             std::size_t years) {
  auto v = lt.number_array(key);
  if (!v) return v.error();
  if (v->size() != years) {
    return lt.error(
        key, "has " + std::to_string(v->size()) + " values but time has " + std::to_string(years),
        "give one value per cohort (year)");
  }
  return v;
}

nlohmann::json matrix(const std::vector<double>& flat, std::size_t n) {
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t t = 0; t < n; ++t) {
    rows.push_back(std::vector<double>(flat.begin() + static_cast<std::ptrdiff_t>(t * n),
                                       flat.begin() + static_cast<std::ptrdiff_t>((t + 1) * n)));
  }
  return rows;
}

}  // namespace

core::Result<mfa::DsmCase> parse_dsm_case(const std::string& json_text, const std::string& source) {
  auto parsed = parse_json(json_text, source);
  if (!parsed) return parsed.error();
  if (!parsed->is_object()) {
    return core::Error::invalid_input("expected a JSON object", source + ": $",
                                      "give a dsm-reference-v1 case object");
  }
  const JsonReader root(*parsed, source);
  mfa::DsmCase dc;

  auto format = root.string("format");
  if (!format) return format.error();
  if (*format != kCaseFormat) {
    return root.error("format", "unsupported format '" + *format + "'",
                      std::string("expected \"") + kCaseFormat + "\"");
  }
  if (root.has("case_id")) {
    auto id = root.string("case_id");
    if (!id) return id.error();
    dc.case_id = *id;
  }
  auto mode = root.string("mode");
  if (!mode) return mode.error();
  if (*mode == "inflow_driven") {
    dc.mode = mfa::DsmMode::kInflowDriven;
  } else if (*mode == "stock_driven") {
    dc.mode = mfa::DsmMode::kStockDriven;
  } else {
    return root.error("mode", "unknown mode '" + *mode + "'",
                      "use \"inflow_driven\" or \"stock_driven\"");
  }
  if (root.has("negative_inflow_correction")) {
    auto c = root.boolean("negative_inflow_correction");
    if (!c) return c.error();
    dc.negative_inflow_correction = *c;
  }
  auto offset = root.number("age_offset");
  if (!offset) return offset.error();
  dc.age_offset = *offset;

  // Years may be written 2020 or 2020.0, but must be whole numbers.
  auto time = root.number_array("time");
  if (!time) return time.error();
  if (time->empty()) return root.error("time", "the time axis is empty", "give at least one year");
  for (std::size_t t = 0; t < time->size(); ++t) {
    const double y = (*time)[t];
    if (y != std::floor(y) || std::fabs(y) > kMaxYearLabel) {
      return root.error("time[" + std::to_string(t) + "]",
                        "year label " + format_number(y) + " is not a whole year",
                        "give whole-year labels such as 2024");
    }
    dc.time.push_back(static_cast<int>(y));
  }
  const std::size_t years = dc.time.size();

  auto lt = root.object("lifetime");
  if (!lt) return lt.error();
  auto type_text = lt->string("type");
  if (!type_text) return type_text.error();
  mfa::LifetimeType type{};
  if (!mfa::parse_lifetime_type(*type_text, type)) {
    return lt->error("type", "unknown lifetime type '" + *type_text + "'",
                     "use Fixed, Normal, FoldedNormal, LogNormal, Weibull or Logistic");
  }
  std::vector<double> mean(years, 0.0);
  std::vector<double> std_dev(years, 0.0);
  std::vector<double> shape(years, 0.0);
  std::vector<double> scale(years, 0.0);
  auto lognormal = mfa::LogNormalParameterisation::kMoments;
  if (type == mfa::LifetimeType::kWeibull) {
    auto s = per_cohort(*lt, "shape", years);
    if (!s) return s.error();
    shape = *s;
    auto l = per_cohort(*lt, "scale", years);
    if (!l) return l.error();
    scale = *l;
    URBANMINE_TRY_STATUS(check_bound(*lt, "shape", shape, kMaxWeibullShape, ""));
    URBANMINE_TRY_STATUS(check_bound(*lt, "scale", scale, kMaxLifetimeYears, " years"));
  } else {
    auto m = per_cohort(*lt, "mean", years);
    if (!m) return m.error();
    mean = *m;
    URBANMINE_TRY_STATUS(check_bound(*lt, "mean", mean, kMaxLifetimeYears, " years"));
    if (type != mfa::LifetimeType::kFixed) {
      auto s = per_cohort(*lt, "std", years);
      if (!s) return s.error();
      std_dev = *s;
      URBANMINE_TRY_STATUS(check_bound(*lt, "std", std_dev, kMaxLifetimeYears, " years"));
    }
    if (type == mfa::LifetimeType::kLogNormal) {
      auto p = lt->string("lognormal_parameterisation");
      if (!p) return p.error();
      if (!mfa::parse_lognormal_parameterisation(*p, lognormal)) {
        return lt->error("lognormal_parameterisation", "unknown parameterisation '" + *p + "'",
                         "use \"odym\" or \"moments\"");
      }
    }
  }
  for (std::size_t c = 0; c < years; ++c) {
    dc.lifetime.push_back(
        mfa::LifetimeParams{type, mean[c], std_dev[c], shape[c], scale[c], lognormal});
  }

  auto input = root.object("input");
  if (!input) return input.error();
  const std::string series_key = dc.mode == mfa::DsmMode::kInflowDriven ? "inflow" : "stock";
  if (!input->has(series_key)) {
    return input->error(
        series_key, "mode is " + *mode + ", which needs input." + series_key + " and it is missing",
        "add \"" + series_key + "\": one value per year (" + std::to_string(years) + " values)");
  }
  auto series = input->number_array(series_key);
  if (!series) return series.error();
  URBANMINE_TRY_STATUS(check_bound(*input, series_key, *series, kMaxSeriesValue, ""));
  (dc.mode == mfa::DsmMode::kInflowDriven ? dc.inflow : dc.stock) = *series;
  return dc;
}

std::string dsm_result_json(const mfa::DsmCase& dc, const mfa::DsmSolution& sol) {
  const auto& r = sol.result;
  const std::size_t n = r.years;
  nlohmann::json out;
  out["format"] = kResultFormat;
  out["case_id"] = dc.case_id;
  out["mode"] = dc.mode == mfa::DsmMode::kInflowDriven ? "inflow_driven" : "stock_driven";
  out["negative_inflow_correction"] = dc.negative_inflow_correction;
  out["age_offset"] = dc.age_offset;
  out["time"] = dc.time;
  nlohmann::json o;
  o["survival"] =
      matrix(std::vector<double>(sol.survival.values().begin(), sol.survival.values().end()), n);
  o["stock_by_cohort"] = matrix(r.stock_by_cohort, n);
  o["outflow_by_cohort"] = matrix(r.outflow_by_cohort, n);
  o["stock"] = r.stock;
  o["outflow"] = r.outflow;
  o["inflow"] = r.inflow;
  o["stock_change"] = r.stock_change;
  std::vector<double> balance(n);
  for (std::size_t t = 0; t < n; ++t) balance[t] = r.inflow[t] - r.outflow[t] - r.stock_change[t];
  o["balance"] = balance;
  out["output"] = std::move(o);
  out["negative_inflow_years_index"] = r.negative_inflow_years;
  out["stock_shortfall_years_index"] = r.stock_shortfall_years;
  out["mass_balance"] = {{"max_abs_residual", sol.balance.max_abs_residual},
                         {"scale", sol.balance.scale},
                         {"ok", sol.balance.ok}};
  return dump_json(out) + "\n";
}

namespace {

// Flattens a JSON array of numbers (or of rows of numbers) into `out`; false on anything else.
bool flatten_numbers(const nlohmann::json& j, std::vector<double>& out) {
  if (j.is_number()) {
    out.push_back(j.get<double>());
    return true;
  }
  if (!j.is_array()) return false;
  for (const auto& x : j) {
    if (!flatten_numbers(x, out)) return false;
  }
  return true;
}

}  // namespace

core::Result<std::vector<DsmArrayCheck>> check_dsm_against_reference(const std::string& json_text,
                                                                     const std::string& source,
                                                                     const mfa::DsmSolution& sol,
                                                                     double gate) {
  auto parsed = parse_json(json_text, source);
  if (!parsed) return parsed.error();
  const JsonReader root(*parsed, source);
  if (!root.has("output")) {
    return root.error("output", "the case has no output to check against",
                      "run without --check, or give a case with its expected output");
  }
  auto output = root.object("output");
  if (!output) return output.error();
  const auto& r = sol.result;
  const std::vector<std::pair<const char*, std::span<const double>>> arrays = {
      {"survival", sol.survival.values()},
      {"stock_by_cohort", r.stock_by_cohort},
      {"outflow_by_cohort", r.outflow_by_cohort},
      {"stock", r.stock},
      {"outflow", r.outflow},
      {"inflow", r.inflow},
      {"stock_change", r.stock_change}};
  std::vector<DsmArrayCheck> checks;
  for (const auto& [name, got] : arrays) {
    if (!output->has(name)) {
      return output->error(name, "missing expected array", "add it or run without --check");
    }
    std::vector<double> want;
    if (!flatten_numbers(output->node().at(name), want) || want.size() != got.size()) {
      return output->error(
          name,
          "expected " + std::to_string(got.size()) + " numbers (T or T x T), found another shape",
          "give the reference output in dsm-reference-v1 shape");
    }
    double scale = 1.0;
    double worst = 0.0;
    for (std::size_t i = 0; i < want.size(); ++i) {
      scale = std::max(scale, std::fabs(want[i]));
      worst = std::max(worst, std::fabs(got[i] - want[i]));
    }
    const double scaled = worst / scale;
    checks.push_back({name, scaled, scaled <= gate});
  }
  return checks;
}

std::string dsm_check_json(const std::string& case_id, double gate,
                           const std::vector<DsmArrayCheck>& checks) {
  nlohmann::json out;
  out["format"] = "dsm-check-v1";
  out["case_id"] = case_id;
  out["gate"] = gate;
  bool ok = true;
  nlohmann::json arrays = nlohmann::json::object();
  for (const auto& c : checks) {
    arrays[c.name] = c.scaled_error;
    ok = ok && c.ok;
  }
  out["ok"] = ok;
  out["arrays"] = std::move(arrays);
  return dump_json(out) + "\n";
}

}  // namespace urbanmine::io
