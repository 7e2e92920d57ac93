// SPDX-License-Identifier: Apache-2.0
// Monte Carlo over a resolved scenario (docs/uncertainty.md): the scenario and its data are
// loaded and resolved once into ModelInputs; every draw perturbs a COPY of them with the
// values of the uncertain inputs (counter-based random numbers, common across scenarios,
// threads and ranks), runs compute_run and keeps the key outputs; the bands are exact
// percentiles over all kept draws.
//
// Uncertain input names (each draws one number; `SEG` is a segment code or "all"):
//   lifetime.SEG.vehicle.mean_factor, lifetime.SEG.battery.mean_factor  (x every cohort's mean)
//   lifetime.SEG.vehicle.mean_years,  lifetime.SEG.battery.mean_years   (sets every cohort)
//   lifetime.SEG.vehicle.sd_years,    lifetime.SEG.battery.sd_years
//   second_life.share, second_life.SEG.share                            (share, 0-1)
//   second_life.lifetime.mean_years
//   collection.fraction, collection.REGION.fraction                     (share; every year)
//   recovery.ROUTE.ELEMENT                                              (share)
//   pack_size.factor                   (x every pack size)
//   material_intensity.ELEMENT.factor  (x kg/kWh of every chemistry)
//   capacity.factor                    (x every pool's recycling capacity)
//   sales.growth_shift_per_year        (sales after the history x (1 + d)^(year - its last year))
//   replacement.probability, replacement.SEG.probability                (share)
//   replacement.max_vehicle_age_years, replacement.SEG.max_vehicle_age_years
//   chemistry.CHEM.share_factor        (x CHEM's share after 2024, others rescaled to sum 1)
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"

#include "model/scenario.h"
#include "results/run_results.h"
#include "uncertainty/bands.h"
#include "uncertainty/correlation.h"
#include "uncertainty/spec.h"

namespace urbanmine::studies {

using results::Cell;
using results::RecordTable;
using results::ResultTable;
using results::RunResults;

// Whether `name` is a share input (its draws must stay in 0-1).
bool is_share_input(const std::string& name);

// A scenario ready for draws: its resolved inputs and the uncertain inputs bound to them.
struct UncertaintyPlan {
  std::string scenario_name;
  std::string scenario_path;
  model::ModelInputs base;
  std::vector<uncertainty::UncertainInput> inputs;  // defaults, then scenario entries by name
  std::vector<uncertainty::RankCorrelation> correlations;
  std::vector<std::string> input_names;
};

// Loads the scenario and data (data_dir empty = default_data_dir()), resolves them, reads
// data/uncertainty_defaults.csv unless [uncertainty] says defaults = false, adds the scenario's
// inputs (replacing defaults of the same name) and checks every name and distribution. Errors
// name the file, line and key (exit 3).
core::Result<UncertaintyPlan> prepare_uncertainty(const std::string& scenario_path,
                                                  const std::string& data_dir);

// Sets the drawn `values` (one per plan input, in order) on `inputs` (a copy of plan.base).
// A value the model cannot take (a lifetime <= 0, a factor < 0) is an error naming the input
// and the value.
core::Result<void> apply_draw(const UncertaintyPlan& plan, const std::vector<double>& values,
                              model::ModelInputs& inputs);

// The values of draw `draw`: uniforms from the copula, through each input's inverse CDF.
std::vector<double> draw_values(const UncertaintyPlan& plan,
                                const uncertainty::CopulaSampler& sampler, std::uint64_t seed,
                                std::uint64_t draw);

enum class OnError { kStop, kSkip };

struct McOptions {
  std::size_t draws = 1000;
  std::uint64_t seed = 0;
  std::size_t threads = 0;  // 0 = all cores (oneTBB default)
  OnError on_error = OnError::kStop;
  // The block of draws this process computes: [first_draw, first_draw + draw_count), for MPI
  // ranks; draw_count 0 = all draws.
  std::size_t first_draw = 0;
  std::size_t draw_count = 0;
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// The key outputs kept from each draw, flattened: names, dimensions and labels of each table
// (independent of the draw) and the value of every cell.
struct KeyOutputLayout {
  std::vector<uncertainty::BandTable> tables;  // cells empty; labels filled
  std::size_t cells = 0;
};
KeyOutputLayout key_output_layout(const model::ModelInputs& base);

// Runs the draws of `options` for `plan` (and, when `compare` is given, the same draws for it,
// keeping compare - plan). Returns the kept values draw-major: values[d * layout.cells + c] for
// the d-th computed draw, and which draws succeeded. Failures are listed; with kStop the first
// failure (lowest draw number) is returned as an error naming the draw, input and value.
struct DrawBlock {
  std::size_t first_draw = 0;
  std::size_t draw_count = 0;
  std::vector<double> values;
  std::vector<std::uint8_t> ok;  // per draw
  std::vector<uncertainty::DrawFailure> failures;
};
core::Result<DrawBlock> run_draw_block(const UncertaintyPlan& plan, const UncertaintyPlan* compare,
                                       const KeyOutputLayout& layout, const McOptions& options);

// The error of a failed draw under --on-error stop (exit 3): names the draw, the input and its
// value.
core::Error draw_failure_error(const uncertainty::DrawFailure& failure,
                               const std::string& scenario_path);

// Exact summary of one cell's draws (sorts them); the result depends only on the multiset of
// values, never on the order of draws, threads or ranks.
using uncertainty::DrawFailure;
using uncertainty::summarize;
using uncertainty::Summary;

// Builds the result from the summary of every layout cell (in layout order), the number of
// successful draws and the failures (any order; sorted by draw here).
uncertainty::McSummary assemble_summary(const UncertaintyPlan& plan, const UncertaintyPlan* compare,
                                        const KeyOutputLayout& layout, const McOptions& options,
                                        std::vector<uncertainty::Summary> cells,
                                        std::size_t draws_ok,
                                        std::vector<uncertainty::DrawFailure> failures);

// Summarises blocks (in any order; together they must cover every draw once) into bands.
uncertainty::McSummary summarize_blocks(const UncertaintyPlan& plan, const UncertaintyPlan* compare,
                                        const KeyOutputLayout& layout,
                                        std::vector<DrawBlock>& blocks, const McOptions& options);

struct SensitivityOptions {
  std::string method = "sobol";  // "sobol" or "morris"
  std::size_t samples = 64;      // Sobol base samples N, or Morris trajectories r
  std::uint64_t seed = 0;
  std::size_t threads = 0;
  std::size_t resamples = 200;  // bootstrap resamples for the intervals
  double confidence = 0.95;
  std::size_t morris_levels = 4;
};

// Global sensitivity of the key outputs (end-of-life GWh; Li, Ni, Co in waste and recovered;
// recycled share of demand for Li, Ni, Co; each in 2030, 2040 and 2050 when modelled, world
// totals) to the plan's uncertain inputs, treated as independent (correlations are not used:
// Sobol indices assume independent inputs). A run the model rejects is an error naming the
// design row, the input and its value.
core::Result<uncertainty::SensitivityReport> run_sensitivity(const UncertaintyPlan& plan,
                                                             const SensitivityOptions& options);

// Runs every scenario x axis-value combination of `sweep` (an axis input is fixed to its value
// and left out of the draws); with sweep.draws == 0 one central run per variant (variants in
// parallel), else a Monte Carlo per variant. Headline outputs as in run_sensitivity. An axis
// name that is not an input, or a value the model cannot take, is an error (exit 3).
core::Result<uncertainty::SweepReport> run_sweep(const uncertainty::SweepSpec& sweep,
                                                 const std::string& data_dir, std::size_t threads);

}  // namespace urbanmine::studies
