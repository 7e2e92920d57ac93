// SPDX-License-Identifier: Apache-2.0
// Feasibility and objective of a schedule (the rules of tests/data/match/README.md): every
// meeting a candidate pair, in a slot both sides are available, nobody twice in a slot, no pair
// twice, tables 0..T_s-1 without repeats. Objective = pair weights + concave fairness bonus per
// participant + keep_bonus per previous meeting kept in its slot. All integers.
#pragma once

#include <string>
#include <vector>

#include "match/instance.h"

namespace urbanmine::match {

struct ObjectiveParts {
  long long pair_weight = 0;
  long long fairness = 0;
  long long keep = 0;  // keep_bonus x kept meetings
  long long total() const { return pair_weight + fairness + keep; }
  int meetings = 0;
  int kept_from_previous = 0;
  int requested_pairs_scheduled = 0;
  int participants_without_meetings = 0;  // among participants with any availability
  // Fewest meetings of any participant with availability and a candidate pair (the worst-off
  // delegate; -1 when there is none).
  int min_meetings = -1;
};

struct CheckReport {
  std::vector<std::string> violations;  // one human-readable line each, e.g. "meeting 3: ..."
  ObjectiveParts objective;
  bool feasible() const { return violations.empty(); }
};

// Fairness earned by one participant with `meetings` meetings: B[0] + ... + B[min(m, L)-1].
long long fairness_for(const std::vector<long long>& bonus, int meetings);

// Checks every rule and computes the objective (meetings that break a rule still count, as in
// the reference evaluator `milp.py eval`, except non-candidate pairs, which have no weight).
CheckReport check_schedule(const Instance& instance, const std::vector<Meeting>& meetings);

}  // namespace urbanmine::match
