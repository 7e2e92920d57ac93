// SPDX-License-Identifier: Apache-2.0
// Batch cohort stock models: many independent series over one time axis (for example regions x
// segments x chemistries), solved together. Survival curves are computed once per distinct
// (cohort parameters, age offset) and shared by every series and cohort that uses them; results
// go to flat, contiguous arrays (series-major); large batches run on all cores (oneTBB).
//
// Example (inflow-driven, outflow by cohort):
//   mfa::LifetimeTable table(years);
//   auto bev = table.add(bev_cohort_params, /*age_offset=*/0.0);   // one LifetimeParams per year
//   if (!bev) return bev.error();
//   std::vector<mfa::InflowSeries> series;
//   for (const auto& region_inflow_kwh : inflows) series.push_back({*bev, region_inflow_kwh});
//   mfa::BatchOptions options;
//   options.outflow_by_cohort = true;
//   auto result = mfa::solve_inflow_driven_batch(table, series, options);
//   if (!result) return result.error();
//   std::span<const double> eol_kwh = result->outflow(k);        // series k, T values
//   double o = result->outflow_by_cohort(k)[t * years + c];      // year t, cohort c
//
// Semantics are exactly those of the single-series solves in mfa/dsm.h (and of
// tests/data/dsm/README.md): for every series, the batch result is bit-for-bit equal to
// solve_inflow_driven / solve_stock_driven on make_survival_matrix(cohorts, age_offset), whether
// the batch runs serially or in parallel.
//
// Units: the model is linear, so each series' outputs are in the unit of its input (kWh, tonnes,
// vehicles); lifetimes are in years; year index t is 0-based on the common time axis.
//
// Thread safety: LifetimeTable::add is not thread-safe; once built, a table may be read by any
// number of concurrent solves. The solve functions are reentrant; they use the oneTBB default
// arena when BatchOptions::parallel allows and the batch is large enough.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "mfa/lifetime.h"

namespace urbanmine::mfa {

// Index of a lifetime profile (one LifetimeParams per cohort) in a LifetimeTable.
using LifetimeId = std::uint32_t;

// Survival curves for a fixed number of years, shared between profiles and cohorts.
//
// A profile is T per-cohort parameter sets plus an age offset (0 for ODYM, 0.5 for flodym's
// default, see mfa/lifetime.h). Each distinct (parameters, age offset) pair gets one survival
// curve SF(a + age_offset), a = 0..T-1, and one exit-share curve (the share of the cohort's
// inflow leaving at age a: 1 - SF(offset) at a = 0, SF(a-1+offset) - SF(a+offset) after), both
// computed once, when first added. Adding a profile equal to an earlier one returns the earlier
// id. Memory: 2 * T doubles per distinct parameter set plus T indices per distinct profile.
class LifetimeTable {
 public:
  explicit LifetimeTable(std::size_t years);

  std::size_t years() const { return years_; }
  std::size_t profile_count() const { return profile_start_.size(); }
  // Distinct (parameters, age offset) pairs: the number of survival curves evaluated.
  std::size_t curve_count() const { return curve_count_; }

  // Adds a profile. `cohorts` has years() entries (cohort c = inflow of year c); age_offset is
  // in [0, 1]. Fails with InvalidInput (naming `location`, e.g. "scenario: lifetimes.csv
  // segment=bus") when the length is wrong, a cohort fails validate(), or the offset is outside
  // [0, 1]. The table is unchanged on failure.
  core::Result<LifetimeId> add(std::span<const LifetimeParams> cohorts, double age_offset = 0.0,
                               std::string_view location = "lifetime");
  // Adds a profile whose cohorts all share `params` (survival depends only on age).
  core::Result<LifetimeId> add_uniform(const LifetimeParams& params, double age_offset = 0.0,
                                       std::string_view location = "lifetime");

  // S[t][c] of profile `id` (c <= t), and the exit share of cohort c in year t.
  double survival(LifetimeId id, std::size_t t, std::size_t c) const {
    return curves_[index(id, t, c)];
  }
  double exit_share(LifetimeId id, std::size_t t, std::size_t c) const {
    return exit_shares_[index(id, t, c)];
  }

  // Low-level view for loops: for c <= t, S[t][c] = survival_data()[cohort_offsets(id)[c] + t]
  // and the exit share is exit_share_data()[cohort_offsets(id)[c] + t]. Valid until the next
  // add().
  std::span<const std::ptrdiff_t> cohort_offsets(LifetimeId id) const {
    return std::span<const std::ptrdiff_t>(profile_offsets_).subspan(profile_start_[id], years_);
  }
  const double* survival_data() const { return curves_.data(); }
  const double* exit_share_data() const { return exit_shares_.data(); }
  // The full T x T survival matrix of a profile (equal to make_survival_matrix on its cohorts).
  SurvivalMatrix survival_matrix(LifetimeId id) const;

 private:
  struct CurveKey {
    LifetimeParams params;
    double age_offset = 0.0;
    bool operator==(const CurveKey&) const = default;
  };
  struct CurveKeyHash {
    std::size_t operator()(const CurveKey& key) const;
  };
  struct ProfileHash {
    std::size_t operator()(const std::vector<std::uint32_t>& curves) const;
  };

  std::size_t index(LifetimeId id, std::size_t t, std::size_t c) const {
    return static_cast<std::size_t>(profile_offsets_[profile_start_[id] + c] +
                                    static_cast<std::ptrdiff_t>(t));
  }
  std::uint32_t curve_index(const LifetimeParams& params, double age_offset);

  std::size_t years_ = 0;
  std::size_t curve_count_ = 0;
  std::vector<double> curves_;       // curve_count_ x years_, survival by age
  std::vector<double> exit_shares_;  // curve_count_ x years_, exit share by age
  std::unordered_map<CurveKey, std::uint32_t, CurveKeyHash> curve_ids_;
  // profile_count x years_: cohort c of a profile reads its curve at [offset + t], with
  // offset = curve index * years_ - c.
  std::vector<std::ptrdiff_t> profile_offsets_;
  std::vector<std::size_t> profile_start_;  // start of each profile in profile_offsets_
  std::unordered_map<std::vector<std::uint32_t>, LifetimeId, ProfileHash> profile_ids_;
};

// One inflow-driven series: its lifetime profile and its inflow (T values, finite).
struct InflowSeries {
  LifetimeId lifetime = 0;
  std::span<const double> inflow;
};

// One stock-driven series: its lifetime profile and its prescribed end-of-year stock (T values,
// finite, >= 0).
struct StockSeries {
  LifetimeId lifetime = 0;
  std::span<const double> stock;
};

struct BatchOptions {
  bool stock_by_cohort = false;             // also return s_c[t][c] per series (T*T values each)
  bool outflow_by_cohort = false;           // also return o_c[t][c] per series (T*T values each)
  bool negative_inflow_correction = false;  // stock-driven only: ODYM's correction
  bool parallel = true;                     // allow oneTBB when the batch is large enough
  // A batch runs in parallel only when series * T * T is at least this many cohort-year cells
  // (below it, thread start-up costs more than it saves).
  std::size_t min_parallel_cells = 100'000;
  // Check each series' mass balance (inflow - outflow - stock change, to
  // core::kMassBalanceTolerance of its largest value); a broken balance is an Internal error.
  bool check_mass_balance = true;
};

// Caller-provided output buffers, series-major: series k's year t is at [k * T + t]; its cohort
// matrix entry (t, c) at [k * T * T + t * T + c]. Sizes: stock, outflow: n * T; inflow: n * T for
// stock-driven solves (inflow-driven ones copy their input there when it is not empty);
// corrected_years: n * T or empty (stock-driven: 1 where the correction triggered, else 0);
// stock_by_cohort / outflow_by_cohort: n * T * T when requested in BatchOptions, else ignored.
// Every element of a used buffer is overwritten (zeros above the diagonal), so the buffers need
// no initialisation and may be reused between calls.
struct BatchBuffers {
  std::span<double> stock;
  std::span<double> outflow;
  std::span<double> inflow;
  std::span<unsigned char> corrected_years;
  std::span<double> stock_by_cohort;
  std::span<double> outflow_by_cohort;
};

// Owning results of a batch (what the allocating overloads return).
struct BatchResult {
  std::size_t years = 0;
  std::size_t series = 0;
  std::vector<double> stock_values;    // series x T
  std::vector<double> outflow_values;  // series x T
  std::vector<double> inflow_values;   // series x T (a copy of the input when inflow-driven)
  std::vector<unsigned char> corrected_values;   // series x T, stock-driven only
  std::vector<double> stock_by_cohort_values;    // series x T x T when requested
  std::vector<double> outflow_by_cohort_values;  // series x T x T when requested

  std::span<const double> stock(std::size_t k) const { return row(stock_values, k, years); }
  std::span<const double> outflow(std::size_t k) const { return row(outflow_values, k, years); }
  std::span<const double> inflow(std::size_t k) const { return row(inflow_values, k, years); }
  std::span<const double> stock_by_cohort(std::size_t k) const {
    return row(stock_by_cohort_values, k, years * years);
  }
  std::span<const double> outflow_by_cohort(std::size_t k) const {
    return row(outflow_by_cohort_values, k, years * years);
  }

 private:
  static std::span<const double> row(const std::vector<double>& v, std::size_t k,
                                     std::size_t width) {
    if (v.empty()) return {};
    return std::span<const double>(v).subspan(k * width, width);
  }
};

// Inflow-driven batch. Fails with InvalidInput when a series has an unknown lifetime id, the
// wrong length or a non-finite value (naming "series[k]"), or when a buffer is too small; with
// Internal when a mass balance breaks. Buffers are fully written only on success.
core::Status solve_inflow_driven_batch(const LifetimeTable& table,
                                       std::span<const InflowSeries> series,
                                       const BatchOptions& options, const BatchBuffers& out);
core::Result<BatchResult> solve_inflow_driven_batch(const LifetimeTable& table,
                                                    std::span<const InflowSeries> series,
                                                    const BatchOptions& options = {});

// Stock-driven batch (forward substitution per series, optional negative-inflow correction).
// Also fails with InvalidInput on a negative stock value.
core::Status solve_stock_driven_batch(const LifetimeTable& table,
                                      std::span<const StockSeries> series,
                                      const BatchOptions& options, const BatchBuffers& out);
core::Result<BatchResult> solve_stock_driven_batch(const LifetimeTable& table,
                                                   std::span<const StockSeries> series,
                                                   const BatchOptions& options = {});

// One series through a cohort response: out[t] = sum over c <= t of input[c] * R[c * T + t],
// where R (T x T, row-major by cohort, zero for t < c) is `responses[response]`.
//
// Why this kernel exists: the inflow- and stock-driven solves cover quantities that follow one
// survival curve per cohort. The replacement packs a vehicle cohort receives do not: they follow
// the pack-failure hazard inside the vehicles still running (fleet/fleet.h builds one T x T
// response per distinct vehicle/pack lifetime pair from this module's LifetimeTable), which no
// survival curve expresses. The fleet model applies those responses to every region x segment x
// chemistry series with this kernel, in one call.
struct ResponseSeries {
  std::size_t response = 0;
  std::span<const double> input;  // T values, finite
};

// Writes series k's T values to out[k * T, (k + 1) * T). Fails with InvalidInput when a response
// has the wrong size, a series names an unknown response, has the wrong length or a non-finite
// value (naming "series[k]"), or when `out` is too small. Parallel as the solves above
// (BatchOptions::parallel and min_parallel_cells; check_mass_balance is ignored).
core::Status apply_cohort_response_batch(std::span<const std::span<const double>> responses,
                                         std::size_t years, std::span<const ResponseSeries> series,
                                         std::span<double> out, const BatchOptions& options = {});

}  // namespace urbanmine::mfa
