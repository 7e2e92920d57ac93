// SPDX-License-Identifier: Apache-2.0
// Internal to match: the LP/MIP models solved with COIN-OR CLP and CBC (scheduler.cpp uses them).
// The caller describes the reduced problem (free capacity after fixed meetings) as plain arrays.
#pragma once

#include <functional>
#include <utility>
#include <vector>

namespace urbanmine::match::detail {

// The problem left after fixed meetings: pairs with their allowed slots and slot-dependent
// weights, free tables per slot, fairness bonus and the meetings each participant already has.
struct ReducedProblem {
  int participants = 0;
  int slots = 0;
  std::vector<int> pair_k;
  std::vector<int> pair_f;
  std::vector<std::vector<int>> pair_slots;             // allowed slots per pair
  std::vector<std::vector<long long>> pair_slot_value;  // weight (+ keep bonus) per allowed slot
  std::vector<int> free_tables;                         // per slot
  std::vector<long long> fairness_bonus;
  std::vector<int> fixed_meetings;  // per participant
  // The organiser's rules, so that the models are exact rather than relaxations:
  std::vector<int> cap_left;     // per participant: meetings still allowed, -1 = no cap
  int max_run = 0;               // most consecutive meetings (0 = no break rule)
  std::vector<char> fixed_busy;  // participants x slots: a fixed meeting holds the participant
  // Interpreters: per pair and allowed slot (aligned with pair_slots), the interpreters able to
  // serve it there; an empty outer list = the pair needs none. Per slot, the lists of the fixed
  // meetings there that need one (each must keep one).
  std::vector<std::vector<std::vector<int>>> pair_slot_interpreters;
  std::vector<std::vector<std::vector<int>>> fixed_interpreters;
  int interpreters = 0;
  // Interpreters with the same languages are one class (interchangeable); per class and slot,
  // how many of them are free there (classes x slots).
  std::vector<int> interpreter_class;
  int interpreter_classes = 0;
  std::vector<int> class_free;
  // Table sizes (empty = none): seats each pair's meeting needs, and per slot the seats of the
  // free tables, ascending.
  std::vector<int> pair_need;
  std::vector<std::vector<int>> slot_seats;
};

struct LpOutcome {
  bool solved = false;      // proven optimal LP (or MIP)
  double value = 0.0;       // optimal value of the variable part (fixed fairness excluded)
  double best_bound = 0.0;  // MIP only: CBC's bound
  bool integral = false;    // the LP optimum is 0/1 in every x
  // (pair, slot) with x > 0.5; the slot-free LP gives (pair, -1) for y > 0.5.
  std::vector<std::pair<int, int>> chosen;
  std::vector<std::vector<double>> x;  // LP values per pair and allowed slot
};

// Number of x columns of the time-indexed model.
long long time_indexed_columns(const ReducedProblem& problem);

// LP relaxation of the time-indexed model, solved by CLP primal simplex within `seconds`.
// `stop` (may be empty) is polled every simplex iteration; true abandons the solve.
LpOutcome solve_time_indexed_lp(const ReducedProblem& problem, double seconds,
                                const std::function<bool()>& stop);

// The same model as a MIP with CBC (one thread), started from `incumbent` (pair, slot) list.
LpOutcome solve_time_indexed_mip(const ReducedProblem& problem, double seconds,
                                 const std::vector<std::pair<int, int>>& incumbent);

// LP of the slot-free relaxation: y_p <= 1 for pairs with an allowed slot, per participant
// sum y <= allowed slots, sum y <= sum of free tables, concave fairness. Its value bounds the
// time-indexed optimum from above.
LpOutcome solve_slot_free_lp(const ReducedProblem& problem, double seconds,
                             const std::function<bool()>& stop);

}  // namespace urbanmine::match::detail
