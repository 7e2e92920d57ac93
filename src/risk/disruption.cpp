// SPDX-License-Identifier: Apache-2.0
// Supply disruption test (see disruption.h).
#include "risk/disruption.h"

#include <algorithm>
#include <cmath>

namespace urbanmine::risk {
namespace {

constexpr double kShareTolerance = 1e-6;

}  // namespace

core::Result<DisruptionResult> compute_disruption(const std::vector<SupplierShare>& suppliers,
                                                  const DropRule& rule, double demand_t,
                                                  double recycled_t) {
  if (!(demand_t > 0.0) || !std::isfinite(demand_t)) {
    return core::Error::invalid_input("demand must be positive", "demand_t");
  }
  if (!(recycled_t >= 0.0) || !std::isfinite(recycled_t)) {
    return core::Error::invalid_input("recycled supply must be >= 0", "recycled_t");
  }
  if (rule.named.empty() && (rule.top_k < 0 || (rule.top_k == 0 && rule.caps.empty()))) {
    return core::Error::invalid_input("top_k must be at least 1", "top_k");
  }
  double total = 0.0;
  for (const auto& s : suppliers) {
    if (!(s.share_fraction >= 0.0) || s.share_fraction > 1.0 + kShareTolerance) {
      return core::Error::invalid_input(
          "share " + std::to_string(s.share_fraction) + " of " + s.country + " is outside 0-1",
          s.country);
    }
    total += s.share_fraction;
  }
  if (total > 1.0 + kShareTolerance) {
    return core::Error::invalid_input("supplier shares sum to " + std::to_string(total) + " > 1",
                                      "shares");
  }
  std::vector<SupplierShare> sorted = suppliers;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.share_fraction > b.share_fraction;
  });
  DisruptionResult out;
  if (rule.named.empty()) {
    const auto k =
        std::min<std::size_t>(static_cast<std::size_t>(std::max(0, rule.top_k)), sorted.size());
    for (std::size_t i = 0; i < k; ++i) {
      out.dropped.push_back(sorted[i].country);
      out.dropped_share += sorted[i].share_fraction;
    }
  } else {
    for (const auto& name : rule.named) {
      const auto it = std::find_if(sorted.begin(), sorted.end(), [&](const SupplierShare& s) {
        return s.country == name || (!s.iso3.empty() && s.iso3 == name);
      });
      if (it == sorted.end()) {
        std::string listed;
        for (const auto& s : sorted) listed += (listed.empty() ? "" : ", ") + s.country;
        return core::Error::invalid_input("supplier '" + name + "' is not listed", name,
                                          "use one of: " + listed);
      }
      if (std::find(out.dropped.begin(), out.dropped.end(), it->country) != out.dropped.end()) {
        continue;
      }
      out.dropped.push_back(it->country);
      out.dropped_share += it->share_fraction;
    }
  }
  for (const auto& cap : rule.caps) {
    if (!(cap.max_share_fraction >= 0.0)) {
      return core::Error::invalid_input("negative cap for " + cap.country, cap.country);
    }
    const auto it = std::find_if(sorted.begin(), sorted.end(), [&](const SupplierShare& s) {
      return s.country == cap.country || (!s.iso3.empty() && s.iso3 == cap.country);
    });
    if (it == sorted.end()) {
      return core::Error::invalid_input("capped supplier '" + cap.country + "' is not listed",
                                        cap.country);
    }
    if (std::find(out.dropped.begin(), out.dropped.end(), it->country) != out.dropped.end()) {
      continue;  // already out entirely
    }
    if (it->share_fraction > cap.max_share_fraction) {
      out.dropped.push_back(it->country + " (capped: " + cap.reason + ")");
      out.dropped_share += it->share_fraction - cap.max_share_fraction;
    }
  }
  const double s = std::min(1.0, out.dropped_share);
  const double d = demand_t;
  const double r = std::min(recycled_t, d);
  out.demand_t = d;
  out.recycled_t = r;
  out.coverage_without_recycling = 1.0 - s;
  out.coverage_with_recycling = ((1.0 - s) * (d - r) + r) / d;
  out.gap_without_recycling_t = s * d;
  out.gap_with_recycling_t = s * (d - r);
  out.gap_closed_by_recycling_t = s * r;
  out.recycled_to_close_gap_t = r + s * (d - r);
  return out;
}

}  // namespace urbanmine::risk
