// SPDX-License-Identifier: Apache-2.0
#include "results/balance.h"

#include <algorithm>
#include <cmath>

#include "core/tolerance.h"

namespace urbanmine::results {

BalanceCheck make_balance_check(std::string process, std::string region, std::string element,
                                int year, double inputs, double outputs, double stock_change) {
  BalanceCheck b;
  b.process = std::move(process);
  b.region = std::move(region);
  b.element = std::move(element);
  b.year = year;
  b.inputs = inputs;
  b.outputs = outputs;
  b.stock_change = stock_change;
  b.residual = inputs - outputs - stock_change;
  const double scale = std::max({std::fabs(inputs), std::fabs(outputs), std::fabs(stock_change)});
  b.ok = std::isfinite(b.residual) &&
         core::within_scaled(b.residual, scale, core::kMassBalanceTolerance);
  return b;
}

const BalanceCheck* worst_failure(const std::vector<BalanceCheck>& checks) {
  const BalanceCheck* worst = nullptr;
  for (const auto& b : checks) {
    if (b.ok) continue;
    if (worst == nullptr || !std::isfinite(b.residual) ||
        std::fabs(b.residual) > std::fabs(worst->residual)) {
      worst = &b;
      if (!std::isfinite(b.residual)) break;
    }
  }
  return worst;
}

std::string describe_failure(const BalanceCheck& b) {
  return "mass balance broken: process " + b.process + ", region " + b.region + ", element " +
         b.element + ", year " + std::to_string(b.year) + ", residual " +
         std::to_string(b.residual);
}

}  // namespace urbanmine::results
