// SPDX-License-Identifier: Apache-2.0
// Rank correlation between uncertain inputs through a Gaussian copula: each input's uniform
// comes from the counter-based generator (rng.h) keyed by its name; inputs that share a
// correlation are turned into standard normals, mixed by the Cholesky factor of their normal
// correlation matrix and mapped back to uniforms. Spearman's rho_s becomes the normal
// correlation 2 sin(pi rho_s / 6) (Pearson 1907), so the drawn inputs have rank correlation
// rho_s whatever their marginal distributions. Inputs without any correlation keep their raw
// uniform (bit for bit the same as in a run without correlations).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace urbanmine::uncertainty {

struct RankCorrelation {
  std::string first;
  std::string second;
  double spearman = 0.0;  // in (-1, 1)
  std::string location;   // where it was written, for errors
};

class CopulaSampler {
 public:
  // Fails (naming the inputs) when a name is unknown, a coefficient is outside (-1, 1), a pair
  // repeats, or the implied correlation matrix is not positive definite.
  static core::Result<CopulaSampler> create(std::vector<std::string> inputs,
                                            const std::vector<RankCorrelation>& correlations);

  std::size_t size() const { return keys_.size(); }
  // The uniforms of draw `draw` for every input, in the order of `inputs`; a pure function of
  // (seed, draw, the inputs and correlations).
  void uniforms(std::uint64_t seed, std::uint64_t draw, std::vector<double>& out) const;

 private:
  std::vector<std::uint64_t> keys_;
  std::vector<bool> correlated_;
  std::vector<std::size_t> members_;  // indices of correlated inputs
  std::vector<double> cholesky_;      // lower triangle, members_.size()^2, row-major
};

}  // namespace urbanmine::uncertainty
