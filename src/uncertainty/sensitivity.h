// SPDX-License-Identifier: Apache-2.0
// Global sensitivity: Morris elementary-effects screening and Sobol first-order and total
// indices with Saltelli sampling, each with bootstrap confidence intervals. Designs are
// points in the unit hypercube (uniforms in (0, 1), one column per input); the caller maps
// each column through its input's inverse CDF (distribution.h), runs the model on every row
// and hands back one output per row. Designs come from the counter-based generator (rng.h)
// keyed by input name, so a design is reproducible from its seed.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace urbanmine::uncertainty {

// Saltelli (2002, 2010) design: N rows of A, N rows of B, and for every input i the N rows of
// AB_i (A with column i taken from B): N (k + 2) rows. Row layout: A = rows [0, N), B = rows
// [N, 2N), AB_i = rows [(2 + i) N, (3 + i) N).
struct SaltelliDesign {
  std::size_t base_samples = 0;  // N
  std::size_t inputs = 0;        // k
  std::vector<double> points;    // rows x inputs, row-major
  std::size_t rows() const { return base_samples * (inputs + 2); }
  std::span<const double> row(std::size_t r) const { return {points.data() + r * inputs, inputs}; }
};
SaltelliDesign saltelli_design(std::size_t base_samples, const std::vector<std::string>& inputs,
                               std::uint64_t seed);

struct Interval {
  double estimate = 0.0;
  double lower = 0.0;  // bootstrap percentile interval
  double upper = 0.0;
};

struct SobolIndices {
  double variance = 0.0;        // of the output over A and B
  std::vector<Interval> first;  // S_i, Saltelli et al. (2010) estimator
  std::vector<Interval> total;  // ST_i, Jansen (1999) estimator
};

// Indices from the outputs `y` of every design row (y.size() == design.rows()). `resamples`
// bootstrap resamples of the N base rows give the `confidence` interval (e.g. 0.95).
SobolIndices sobol_indices(const SaltelliDesign& design, std::span<const double> y,
                           std::size_t resamples, double confidence, std::uint64_t seed);

// Morris (1991) one-at-a-time design with r trajectories on a grid of p levels (p even):
// each trajectory starts at a random grid point and moves every input once, in a random order,
// by p / 2 levels (up when it fits, else down), so it has k + 1 rows. A level l maps to the
// uniform (l + 0.5) / p, the middle of its quantile band, so unbounded distributions work.
struct MorrisDesign {
  std::size_t trajectories = 0;
  std::size_t inputs = 0;
  std::size_t levels = 0;
  std::vector<double> points;        // trajectories x (inputs + 1) rows x inputs, row-major
  std::vector<std::size_t> changed;  // per step (trajectories x inputs): the input moved
  std::vector<double> delta;         // per step: the move of the uniform (+/- (p/2) / p)
  std::size_t rows() const { return trajectories * (inputs + 1); }
  std::span<const double> row(std::size_t r) const { return {points.data() + r * inputs, inputs}; }
};
MorrisDesign morris_design(std::size_t trajectories, const std::vector<std::string>& inputs,
                           std::size_t levels, std::uint64_t seed);

struct MorrisEffect {
  double mu = 0.0;     // mean elementary effect
  Interval mu_star;    // mean absolute elementary effect (Campolongo et al. 2007)
  double sigma = 0.0;  // standard deviation of the elementary effects
};
std::vector<MorrisEffect> morris_effects(const MorrisDesign& design, std::span<const double> y,
                                         std::size_t resamples, double confidence,
                                         std::uint64_t seed);

}  // namespace urbanmine::uncertainty
