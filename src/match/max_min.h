// SPDX-License-Identifier: Apache-2.0
// Max-min fairness, lexicographic: first the largest K such that every participant holds at least
// min(K, reach) meetings (its reach: the most it could hold on its own data), then the objective
// among the schedules that guarantee K.
//
// Method (docs/match.md): a level K is the instance with a level bonus M added to each of the
// first K entries of the fairness bonus, M larger than any objective the instance can score. The
// scheduler of scheduler.h then maximises M x sum_i min(meetings_i, K) first and the objective
// second, so K is reached exactly when that sum equals sum_i min(K, reach_i). A binary search over
// K shares the time limit between the levels it tries. A level is proven out of reach when the
// scheduler's upper bound (LP relaxation) is below M times its target; the objective's bound at
// the guaranteed level is the bound of its solve minus M times its target.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "match/instance.h"
#include "match/scheduler.h"

namespace urbanmine::match {

struct MaxMinReport {
  int guaranteed = 0;  // K: every participant holds at least min(K, reach) meetings
  int max_reach = 0;   // the largest reach of any participant
  // The level above K: "proven-infeasible" (the bound rules it out), "not-found" (no schedule
  // reached it within the time limit, none proven impossible), or "beyond-reach" (K = max_reach).
  std::string next_level_status;
  std::vector<int> reach;  // per participant
  // Participants (not cancelled, with availability) whose reach is below K: held there by their
  // own data.
  std::vector<int> limited;
  long long level_bonus = 0;  // M
  int levels_tried = 0;
};

// Per participant, the most meetings it could hold from its own data alone: slots in which it is
// available with an available, non-vetoed candidate partner (at its own table under
// host_keeps_table; with an interpreter free for them when they share no language; at a table
// with chairs for both delegations), at most its
// partners, its max_meetings and what the break rule allows in those slots; 0 when cancelled.
std::vector<int> meeting_reach(const Instance& instance);

struct MaxMinResult {
  SolveResult result;  // scored by the instance's own objective; bound and gap at level K
  MaxMinReport report;
};

// Errors: those of solve_schedule, and InvalidInput when the level bonus would leave the exact
// range of the objective (weights too large for lexicographic levels).
core::Result<MaxMinResult> solve_max_min(const Instance& instance, const SolveOptions& options);

}  // namespace urbanmine::match
