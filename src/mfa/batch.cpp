// SPDX-License-Identifier: Apache-2.0
// Shared survival curves (LifetimeTable) and the batch inflow- and stock-driven solves, serial
// or with oneTBB over series.
#include "mfa/batch.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "core/tolerance.h"
#include "mfa/cohort_kernels.h"

namespace urbanmine::mfa {

namespace {

// Curves depend only on the fields a type uses; zero the others (and turn -0.0 into 0.0) so
// that equal curves get equal keys.
LifetimeParams canonical(const LifetimeParams& p) {
  LifetimeParams out;
  out.type = p.type;
  switch (p.type) {
    case LifetimeType::kFixed:
      out.mean = p.mean + 0.0;
      break;
    case LifetimeType::kNormal:
    case LifetimeType::kFoldedNormal:
    case LifetimeType::kLogistic:
      out.mean = p.mean + 0.0;
      out.std = p.std + 0.0;
      break;
    case LifetimeType::kLogNormal:
      out.mean = p.mean + 0.0;
      out.std = p.std + 0.0;
      out.lognormal = p.lognormal;
      break;
    case LifetimeType::kWeibull:
      out.shape = p.shape + 0.0;
      out.scale = p.scale + 0.0;
      break;
  }
  return out;
}

std::size_t mix(std::size_t seed, std::uint64_t value) {
  // boost::hash_combine's mixing step, on 64-bit values.
  return seed ^
         (static_cast<std::size_t>(value) + 0x9e3779b97f4a7c15ULL + (seed << 6U) + (seed >> 2U));
}

std::string series_location(std::size_t k) { return "series[" + std::to_string(k) + "]"; }

// Which kind of batch is being checked and solved.
enum class BatchKind { kInflowDriven, kStockDriven };

core::Status check_buffers(const BatchOptions& options, const BatchBuffers& out, std::size_t n,
                           std::size_t years, BatchKind kind) {
  const std::size_t per_year = n * years;
  const std::size_t per_cell = per_year * years;
  auto small = [](const char* name, std::size_t have, std::size_t need) {
    return core::Error::invalid_input(std::string("batch output buffer '") + name + "' has " +
                                          std::to_string(have) + " elements, needs " +
                                          std::to_string(need),
                                      "BatchBuffers", "size it series * years (* years)");
  };
  if (out.stock.size() < per_year) return small("stock", out.stock.size(), per_year);
  if (out.outflow.size() < per_year) return small("outflow", out.outflow.size(), per_year);
  const bool need_inflow = kind == BatchKind::kStockDriven || !out.inflow.empty();
  if (need_inflow && out.inflow.size() < per_year) {
    return small("inflow", out.inflow.size(), per_year);
  }
  if (kind == BatchKind::kStockDriven && !out.corrected_years.empty() &&
      out.corrected_years.size() < per_year) {
    return small("corrected_years", out.corrected_years.size(), per_year);
  }
  if (options.stock_by_cohort && out.stock_by_cohort.size() < per_cell) {
    return small("stock_by_cohort", out.stock_by_cohort.size(), per_cell);
  }
  if (options.outflow_by_cohort && out.outflow_by_cohort.size() < per_cell) {
    return small("outflow_by_cohort", out.outflow_by_cohort.size(), per_cell);
  }
  return {};
}

core::Status check_series(const LifetimeTable& table, std::size_t k, LifetimeId id,
                          std::span<const double> values, const char* field, bool non_negative) {
  if (id >= table.profile_count()) {
    return core::Error::invalid_input("unknown lifetime id " + std::to_string(id),
                                      series_location(k) + ".lifetime",
                                      "use an id returned by LifetimeTable::add");
  }
  if (values.size() != table.years()) {
    return core::Error::invalid_input(std::string(field) + " has " + std::to_string(values.size()) +
                                          " values, needs " + std::to_string(table.years()),
                                      series_location(k) + "." + field, "give one value per year");
  }
  for (std::size_t t = 0; t < values.size(); ++t) {
    if (!std::isfinite(values[t]) || (non_negative && values[t] < 0.0)) {
      return core::Error::invalid_input(
          std::string(field) + " value at year index " + std::to_string(t) + " is " +
              (non_negative ? "negative or " : "") + "not finite",
          series_location(k) + "." + field + "[" + std::to_string(t) + "]",
          non_negative ? "give finite values of 0 or more" : "give finite values");
    }
  }
  return {};
}

// Runs body(first, last) over series ranges, in parallel when the batch is large enough.
template <class Body>
void for_series(std::size_t n, std::size_t years, const BatchOptions& options, const Body& body) {
  const std::size_t cells_per_series = std::max<std::size_t>(1, years * years);
  if (!options.parallel || n < 2 || n * cells_per_series < options.min_parallel_cells) {
    body(std::size_t{0}, n);
    return;
  }
  // Chunks of at least ~1/4 of the threshold keep scheduling overhead small.
  const std::size_t grain =
      std::max<std::size_t>(1, options.min_parallel_cells / 4 / cells_per_series);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                    [&](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); });
}

// Mass balance of series k: inflow - outflow - stock change, with the model's own stock.
core::Status check_balance(std::size_t k, std::span<const double> inflow,
                           std::span<const double> stock, std::span<const double> outflow) {
  double scale = 0.0;
  double worst = 0.0;
  std::size_t worst_year = 0;
  for (std::size_t t = 0; t < stock.size(); ++t) {
    scale = std::max({scale, std::fabs(stock[t]), std::fabs(inflow[t]), std::fabs(outflow[t])});
    const double change = t == 0 ? stock[0] : stock[t] - stock[t - 1];
    const double residual = std::fabs(inflow[t] - outflow[t] - change);
    if (residual > worst) {
      worst = residual;
      worst_year = t;
    }
  }
  if (!core::within_scaled(worst, scale, core::kMassBalanceTolerance)) {
    return core::Error::internal("batch mass balance broken in series " + std::to_string(k) +
                                 " at year index " + std::to_string(worst_year) + ": residual " +
                                 std::to_string(worst));
  }
  return {};
}

BatchBuffers allocate(BatchResult& r, std::size_t n, std::size_t years, const BatchOptions& options,
                      BatchKind kind) {
  r.years = years;
  r.series = n;
  r.stock_values.resize(n * years);
  r.outflow_values.resize(n * years);
  r.inflow_values.resize(n * years);
  if (kind == BatchKind::kStockDriven) r.corrected_values.resize(n * years);
  if (options.stock_by_cohort) r.stock_by_cohort_values.resize(n * years * years);
  if (options.outflow_by_cohort) r.outflow_by_cohort_values.resize(n * years * years);
  return BatchBuffers{r.stock_values,     r.outflow_values,         r.inflow_values,
                      r.corrected_values, r.stock_by_cohort_values, r.outflow_by_cohort_values};
}

}  // namespace

std::size_t LifetimeTable::CurveKeyHash::operator()(const CurveKey& key) const {
  std::size_t h = static_cast<std::size_t>(key.params.type);
  h = mix(h, static_cast<std::uint64_t>(key.params.lognormal));
  for (double v :
       {key.params.mean, key.params.std, key.params.shape, key.params.scale, key.age_offset}) {
    h = mix(h, std::bit_cast<std::uint64_t>(v));
  }
  return h;
}

std::size_t LifetimeTable::ProfileHash::operator()(const std::vector<std::uint32_t>& v) const {
  std::size_t h = v.size();
  for (auto x : v) h = mix(h, x);
  return h;
}

LifetimeTable::LifetimeTable(std::size_t years) : years_(years) {}

std::uint32_t LifetimeTable::curve_index(const LifetimeParams& params, double age_offset) {
  CurveKey key{canonical(params), age_offset + 0.0};
  auto [it, inserted] = curve_ids_.try_emplace(key, static_cast<std::uint32_t>(curve_count_));
  if (!inserted) return it->second;
  curves_.resize((curve_count_ + 1) * years_);
  exit_shares_.resize((curve_count_ + 1) * years_);
  const std::span<double> curve(curves_.data() + curve_count_ * years_, years_);
  const std::span<double> exits(exit_shares_.data() + curve_count_ * years_, years_);
  survival_curve(key.params, key.age_offset, curve);
  for (std::size_t a = 0; a < years_; ++a) {
    // The same expressions as the single-series exit share (cohort_kernels.h).
    exits[a] = a == 0 ? 1.0 - curve[0] : curve[a - 1] - curve[a];
  }
  ++curve_count_;
  return it->second;
}

core::Result<LifetimeId> LifetimeTable::add(std::span<const LifetimeParams> cohorts,
                                            double age_offset, std::string_view location) {
  if (cohorts.size() != years_) {
    return core::Error::invalid_input("lifetime profile has " + std::to_string(cohorts.size()) +
                                          " cohorts, the table has " + std::to_string(years_) +
                                          " years",
                                      std::string(location), "give one parameter set per year");
  }
  if (!std::isfinite(age_offset) || age_offset < 0.0 || age_offset > 1.0) {
    return core::Error::invalid_input("age offset must be between 0 and 1",
                                      std::string(location) + ".age_offset",
                                      "use 0 (ODYM) or 0.5 (flodym default)");
  }
  for (std::size_t c = 0; c < cohorts.size(); ++c) {
    URBANMINE_TRY_STATUS(validate(cohorts[c], c, location));
  }
  std::vector<std::uint32_t> ids(years_);
  for (std::size_t c = 0; c < years_; ++c) ids[c] = curve_index(cohorts[c], age_offset);
  auto found = profile_ids_.find(ids);
  if (found != profile_ids_.end()) return found->second;
  const auto id = static_cast<LifetimeId>(profile_start_.size());
  profile_start_.push_back(profile_offsets_.size());
  for (std::size_t c = 0; c < years_; ++c) {
    profile_offsets_.push_back(static_cast<std::ptrdiff_t>(ids[c]) *
                                   static_cast<std::ptrdiff_t>(years_) -
                               static_cast<std::ptrdiff_t>(c));
  }
  profile_ids_.emplace(std::move(ids), id);
  return id;
}

core::Result<LifetimeId> LifetimeTable::add_uniform(const LifetimeParams& params, double age_offset,
                                                    std::string_view location) {
  const std::vector<LifetimeParams> cohorts(years_, params);
  return add(cohorts, age_offset, location);
}

SurvivalMatrix LifetimeTable::survival_matrix(LifetimeId id) const {
  SurvivalMatrix sm(years_);
  for (std::size_t c = 0; c < years_; ++c) {
    for (std::size_t t = c; t < years_; ++t) sm(t, c) = survival(id, t, c);
  }
  return sm;
}

core::Status solve_inflow_driven_batch(const LifetimeTable& table,
                                       std::span<const InflowSeries> series,
                                       const BatchOptions& options, const BatchBuffers& out) {
  const std::size_t n = series.size();
  const std::size_t years = table.years();
  URBANMINE_TRY_STATUS(check_buffers(options, out, n, years, BatchKind::kInflowDriven));
  for (std::size_t k = 0; k < n; ++k) {
    URBANMINE_TRY_STATUS(
        check_series(table, k, series[k].lifetime, series[k].inflow, "inflow", false));
  }
  const std::size_t cells = years * years;
  for_series(n, years, options, [&](std::size_t first, std::size_t last) {
    for (std::size_t k = first; k < last; ++k) {
      const std::ptrdiff_t* offsets = table.cohort_offsets(series[k].lifetime).data();
      const double* curves = table.survival_data();
      const double* exits = table.exit_share_data();
      auto surv = [curves, offsets](std::size_t t, std::size_t c) {
        return curves[offsets[c] + static_cast<std::ptrdiff_t>(t)];
      };
      auto exit_share = [exits, offsets](std::size_t t, std::size_t c) {
        return exits[offsets[c] + static_cast<std::ptrdiff_t>(t)];
      };
      detail::inflow_driven_kernel(
          years, surv, exit_share, series[k].inflow, out.stock.subspan(k * years, years),
          out.outflow.subspan(k * years, years),
          options.stock_by_cohort ? out.stock_by_cohort.subspan(k * cells, cells)
                                  : std::span<double>(),
          options.outflow_by_cohort ? out.outflow_by_cohort.subspan(k * cells, cells)
                                    : std::span<double>());
      if (!out.inflow.empty()) {
        std::copy(series[k].inflow.begin(), series[k].inflow.end(),
                  out.inflow.begin() + static_cast<std::ptrdiff_t>(k * years));
      }
    }
  });
  if (!options.check_mass_balance) return {};
  for (std::size_t k = 0; k < n; ++k) {
    URBANMINE_TRY_STATUS(check_balance(k, series[k].inflow, out.stock.subspan(k * years, years),
                                       out.outflow.subspan(k * years, years)));
  }
  return {};
}

core::Result<BatchResult> solve_inflow_driven_batch(const LifetimeTable& table,
                                                    std::span<const InflowSeries> series,
                                                    const BatchOptions& options) {
  BatchResult result;
  const BatchBuffers buffers =
      allocate(result, series.size(), table.years(), options, BatchKind::kInflowDriven);
  URBANMINE_TRY_STATUS(solve_inflow_driven_batch(table, series, options, buffers));
  return result;
}

core::Status solve_stock_driven_batch(const LifetimeTable& table,
                                      std::span<const StockSeries> series,
                                      const BatchOptions& options, const BatchBuffers& out) {
  const std::size_t n = series.size();
  const std::size_t years = table.years();
  URBANMINE_TRY_STATUS(check_buffers(options, out, n, years, BatchKind::kStockDriven));
  for (std::size_t k = 0; k < n; ++k) {
    URBANMINE_TRY_STATUS(
        check_series(table, k, series[k].lifetime, series[k].stock, "stock", true));
  }
  const std::size_t cells = years * years;
  for_series(n, years, options, [&](std::size_t first, std::size_t last) {
    std::vector<double> work(4 * years);  // the kernel's O(T) scratch, reused per chunk
    for (std::size_t k = first; k < last; ++k) {
      const std::ptrdiff_t* offsets = table.cohort_offsets(series[k].lifetime).data();
      const double* curves = table.survival_data();
      auto surv = [curves, offsets](std::size_t t, std::size_t c) {
        return curves[offsets[c] + static_cast<std::ptrdiff_t>(t)];
      };
      detail::stock_driven_kernel(
          years, surv, series[k].stock, options.negative_inflow_correction,
          out.inflow.subspan(k * years, years), out.stock.subspan(k * years, years),
          out.outflow.subspan(k * years, years),
          options.stock_by_cohort ? out.stock_by_cohort.subspan(k * cells, cells)
                                  : std::span<double>(),
          options.outflow_by_cohort ? out.outflow_by_cohort.subspan(k * cells, cells)
                                    : std::span<double>(),
          work,
          out.corrected_years.empty() ? std::span<unsigned char>()
                                      : out.corrected_years.subspan(k * years, years));
    }
  });
  if (!options.check_mass_balance) return {};
  for (std::size_t k = 0; k < n; ++k) {
    URBANMINE_TRY_STATUS(check_balance(k, out.inflow.subspan(k * years, years),
                                       out.stock.subspan(k * years, years),
                                       out.outflow.subspan(k * years, years)));
  }
  return {};
}

core::Result<BatchResult> solve_stock_driven_batch(const LifetimeTable& table,
                                                   std::span<const StockSeries> series,
                                                   const BatchOptions& options) {
  BatchResult result;
  const BatchBuffers buffers =
      allocate(result, series.size(), table.years(), options, BatchKind::kStockDriven);
  URBANMINE_TRY_STATUS(solve_stock_driven_batch(table, series, options, buffers));
  return result;
}

core::Status apply_cohort_response_batch(std::span<const std::span<const double>> responses,
                                         std::size_t years, std::span<const ResponseSeries> series,
                                         std::span<double> out, const BatchOptions& options) {
  const std::size_t n = series.size();
  for (std::size_t i = 0; i < responses.size(); ++i) {
    if (responses[i].size() != years * years) {
      return core::Error::invalid_input(
          "response[" + std::to_string(i) + "]: " + std::to_string(responses[i].size()) +
          " values, expected years x years = " + std::to_string(years * years));
    }
  }
  if (out.size() < n * years) {
    return core::Error::invalid_input("output buffer holds " + std::to_string(out.size()) +
                                      " values, needs " + std::to_string(n * years));
  }
  for (std::size_t k = 0; k < n; ++k) {
    if (series[k].response >= responses.size()) {
      return core::Error::invalid_input(series_location(k) + ": unknown response " +
                                        std::to_string(series[k].response));
    }
    if (series[k].input.size() != years) {
      return core::Error::invalid_input(series_location(k) + ": " +
                                        std::to_string(series[k].input.size()) +
                                        " values, expected " + std::to_string(years));
    }
    for (double v : series[k].input) {
      if (!std::isfinite(v)) {
        return core::Error::invalid_input(series_location(k) + ": non-finite input value");
      }
    }
  }
  for_series(n, years, options, [&](std::size_t first, std::size_t last) {
    for (std::size_t k = first; k < last; ++k) {
      const double* response = responses[series[k].response].data();
      const double* input = series[k].input.data();
      double* y = out.data() + k * years;
      for (std::size_t t = 0; t < years; ++t) {
        double v = 0.0;
        for (std::size_t c = 0; c <= t; ++c) v += input[c] * response[c * years + t];
        y[t] = v;
      }
    }
  });
  return {};
}

}  // namespace urbanmine::mfa
