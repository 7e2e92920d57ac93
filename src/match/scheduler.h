// SPDX-License-Identifier: Apache-2.0
// The meeting scheduler: maximises the objective of objective.h under the five feasibility rules,
// and reports a proven upper bound and the gap.
//
// Method (docs/match.md): a large-neighbourhood search whose move re-solves one slot exactly as a
// maximum-weight bipartite matching with at most T_s meetings (successive shortest paths), with
// the other slots fixed (the fairness bonus is then linear in that slot); seeded noise and
// relocation arcs perturb it, a non-improving perturbation is undone. In parallel (second thread)
// COIN-OR CLP solves the LP relaxation of the time-indexed model when it fits the time limit; its
// value is the upper bound, and an integral LP optimum is a proven optimal schedule. Small
// instances whose LP is fractional go to COIN-OR CBC. Otherwise the bound is the LP of the
// slot-free relaxation (pairs chosen once, per-person meetings <= available slots, total <=
// tables), and the second thread runs a search guided by that LP's choice of pairs.
// Deterministic for a given seed as long as the time limit does not cut the search.
//
// Rescheduling: meetings of `previous_schedule` flagged `locked` stay in place; with
// `fill_only`, every surviving previous meeting stays in place and only free capacity is filled.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/result.h"
#include "match/instance.h"
#include "match/objective.h"

namespace urbanmine::match {

struct SolveOptions {
  double time_limit_seconds = 10.0;  // wall-clock cap for the LP/MIP solvers, > 0
  std::uint64_t seed = 1;            // search seed; the same seed gives the same schedule
  int threads = 2;                   // 1 or 2
  bool fill_only = false;            // keep every surviving previous meeting, fill the rest
  int lns_rounds = 400;              // perturbation rounds of the search per thread, >= 0
  bool use_lp = true;                // solve LP relaxations (bound, exact) with COIN-OR CLP/CBC
  // false: no search, so the LP/MIP models alone decide (tests check the models against brute
  // force this way: a search that finds the optimum would hide a model that cuts it off).
  bool use_search = true;
  // Polled by the search; returning true stops it early (the engine passes a deadline).
  std::function<bool()> should_stop;
};

struct SolveResult {
  std::vector<Meeting> meetings;  // tables assigned; locked meetings flagged
  ObjectiveParts objective;
  long long upper_bound = 0;  // proven: no feasible schedule scores more
  double gap = 0.0;           // (upper_bound - objective) / upper_bound, 0 when optimal
  bool proven_optimal = false;
  std::string method;        // "lns", "lp-integral" or "cbc"
  std::string bound_method;  // "time-indexed-lp", "cbc" or "slot-free-lp" or "trivial"
  int lns_rounds_done = 0;
  bool stopped_early = false;  // should_stop fired (the result may then depend on timing)
};

// Errors: invalid instance (validate_instance), or locked meetings that conflict (kInfeasible).
core::Result<SolveResult> solve_schedule(const Instance& instance, const SolveOptions& options);

}  // namespace urbanmine::match
