// SPDX-License-Identifier: Apache-2.0
// Supply disruption (N-1 / N-k) test: the share of demand that the remaining suppliers cover when
// the largest supplier, a named one, or the k largest drop out, without and with recycled
// (secondary) supply, and the recycled tonnes that would close the gap.
//
// Model (stated in every output):
// - Primary supply is balanced to the demand it serves before the disruption: without recycling
//   it equals the demand D; with recycled supply R (0 <= R <= D) it equals D - R.
// - A dropped supplier's share s of primary supply is lost; the others keep their output:
//   covered without recycling = (1 - s) * D; with recycling = (1 - s) * (D - R) + R.
// - Gap = D - covered. Recycling closes s * R of the gap; the recycled tonnes that would close
//   it entirely are R + gap_with (the secondary supply needed with the others' output fixed).
// Shares are fractions of world supply of one stage (mine production or refining).
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace urbanmine::risk {

struct SupplierShare {
  std::string country;
  std::string iso3;
  double share_fraction = 0.0;  // of world supply, 0-1
};

// A supplier whose output is capped (e.g. an export quota), as a fraction of world supply.
struct SupplyCap {
  std::string country;  // country name or ISO3
  double max_share_fraction = 0.0;
  std::string reason;  // e.g. "export quota 96,600 t/yr (USGS MCS 2026)"
};

// Which suppliers drop out: the `top_k` largest (0 = none), or the named ones (country name or
// ISO3); capped suppliers lose the part of their share above the cap.
struct DropRule {
  int top_k = 1;
  std::vector<std::string> named;  // non-empty: drop these instead of the largest
  std::vector<SupplyCap> caps;
};

struct DisruptionResult {
  std::vector<std::string> dropped;         // country names, largest first
  double dropped_share = 0.0;               // s, 0-1
  double demand_t = 0.0;                    // D
  double recycled_t = 0.0;                  // R (clipped to D)
  double coverage_without_recycling = 0.0;  // 1 - s
  double coverage_with_recycling = 0.0;     // ((1 - s)(D - R) + R) / D
  double gap_without_recycling_t = 0.0;     // s * D
  double gap_with_recycling_t = 0.0;        // s * (D - R)
  double gap_closed_by_recycling_t = 0.0;   // s * R
  double recycled_to_close_gap_t = 0.0;     // R + s * (D - R)
};

// Errors: InvalidInput when a share is outside 0-1, shares sum above 1 (beyond 1e-6), demand is
// not positive, recycled supply is negative, top_k < 0 (or 0 without caps), a cap is negative,
// or a named or capped supplier is not listed (the error names it and lists the suppliers).
core::Result<DisruptionResult> compute_disruption(const std::vector<SupplierShare>& suppliers,
                                                  const DropRule& rule, double demand_t,
                                                  double recycled_t);

}  // namespace urbanmine::risk
