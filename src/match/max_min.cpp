// SPDX-License-Identifier: Apache-2.0
// Max-min fairness by levels over the scheduler (see max_min.h).
#include "match/max_min.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <utility>

#include "match/objective.h"

namespace urbanmine::match {

namespace {

using Clock = std::chrono::steady_clock;

// The search stops a level at this share of its time so that scoring fits inside it.
constexpr double kLevelStopShare = 0.95;
constexpr double kMinLevelSeconds = 0.01;
// The guaranteed level is solved once more when at least this share of the time is left.
constexpr double kPolishShare = 0.2;

// Levels a binary search over [lo, hi] may still try, plus one for the last solve at lo.
int levels_left(int lo, int hi) {
  int steps = 0;
  for (int width = hi - lo; width > 0; width /= 2) ++steps;
  return steps + 1;
}

// sum_i min(meetings_i, level): what the level bonus pays for.
long long level_sum(const std::vector<int>& meetings, int level) {
  long long sum = 0;
  for (int m : meetings) sum += std::min(m, level);
  return sum;
}

std::vector<int> meeting_counts(const Instance& instance, const std::vector<Meeting>& meetings) {
  std::vector<int> count(instance.participants.size(), 0);
  for (const Meeting& m : meetings) {
    ++count[m.k];
    ++count[m.f];
  }
  return count;
}

// The fairness bonus with the level bonus M on each of its first `level` entries (still
// non-increasing: M + B[j] >= M + B[j+1] and M + B[level-1] >= B[level]).
std::vector<long long> levelled_bonus(const std::vector<long long>& bonus, int level, long long m) {
  std::vector<long long> out(std::max<std::size_t>(bonus.size(), static_cast<std::size_t>(level)),
                             0);
  for (std::size_t j = 0; j < out.size(); ++j) {
    const long long base = j < bonus.size() ? bonus[j] : 0;
    out[j] = static_cast<int>(j) < level ? m + base : base;
  }
  return out;
}

}  // namespace

std::vector<int> meeting_reach(const Instance& instance) {
  const int n = instance.participant_count();
  const int slot_count = instance.slot_count();
  std::vector<std::vector<char>> available(n, std::vector<char>(slot_count, 0));
  std::vector<char> cancelled(n, 0);
  for (int i : instance.cancelled) cancelled[i] = 1;
  const std::vector<int> home = home_tables(instance);
  for (int i = 0; i < n; ++i) {
    if (cancelled[i]) continue;
    for (int s : instance.participants[i].available) {
      if (s < 0 || s >= slot_count || instance.tables_per_slot[s] <= 0) continue;
      if (home[i] >= 0 && home[i] >= instance.tables_per_slot[s]) continue;
      available[i][s] = 1;
    }
  }
  std::vector<std::vector<char>> usable(n, std::vector<char>(slot_count, 0));
  std::vector<int> partners(n, 0);
  const auto interpreter_free = interpreter_slots(instance);
  std::vector<int> largest_table(slot_count, 0);  // chairs at the slot's largest table
  for (int s = 0; s < slot_count; ++s) {
    for (int t = 0; t < instance.tables_per_slot[s]; ++t) {
      largest_table[s] = std::max(largest_table[s], seats_at(instance, t));
      if (instance.table_seats.empty()) break;  // any table seats any meeting
    }
  }
  for (const CandidatePair& p : instance.pairs) {
    if (is_vetoed(instance, p.k, p.f)) continue;
    // A pair without a shared language meets only where an interpreter for it is free.
    std::vector<int> interpreters;
    const bool needs = needs_interpreter(instance, p.k, p.f);
    for (int i = 0; needs && i < static_cast<int>(instance.interpreters.size()); ++i) {
      if (can_interpret(instance, i, p.k, p.f)) interpreters.push_back(i);
    }
    bool meets = false;
    for (int s = 0; s < slot_count; ++s) {
      if (!available[p.k][s] || !available[p.f][s]) continue;
      if (needs && std::none_of(interpreters.begin(), interpreters.end(),
                                [&](int i) { return interpreter_free[i][s] != 0; })) {
        continue;
      }
      if (largest_table[s] < meeting_seats(instance, p.k, p.f)) continue;  // no table seats them
      usable[p.k][s] = usable[p.f][s] = 1;
      meets = true;
    }
    if (meets) {
      ++partners[p.k];
      ++partners[p.f];
    }
  }
  const int max_run = instance.max_consecutive_meetings;
  std::vector<int> reach(n, 0);
  for (int i = 0; i < n; ++i) {
    // Most usable slots with no run longer than the break rule: taking the earliest slot that
    // keeps the run within the rule is optimal (an exchange argument, as for interval picking).
    int taken = 0;
    int run = 0;
    int last = -2;
    for (int s = 0; s < slot_count; ++s) {
      if (!usable[i][s]) continue;
      const int next_run = s == last + 1 ? run + 1 : 1;
      if (max_run > 0 && next_run > max_run) continue;
      run = next_run;
      last = s;
      ++taken;
    }
    int r = std::min(taken, partners[i]);
    if (instance.participants[i].max_meetings >= 0) {
      r = std::min(r, instance.participants[i].max_meetings);
    }
    reach[i] = r;
  }
  return reach;
}

core::Result<MaxMinResult> solve_max_min(const Instance& instance, const SolveOptions& options) {
  const core::Diagnostics diag = validate_instance(instance);
  if (diag.has_errors()) return diag.to_error();
  MaxMinResult out;
  MaxMinReport& report = out.report;
  report.reach = meeting_reach(instance);
  for (int r : report.reach) report.max_reach = std::max(report.max_reach, r);

  // M: above any objective the instance can score (validated to stay within kMaxObjective).
  long long ceiling = 0;
  for (const CandidatePair& p : instance.pairs) ceiling += p.weight + instance.keep_bonus;
  ceiling +=
      static_cast<long long>(instance.participant_count()) *
      fairness_for(instance.fairness_bonus, static_cast<int>(instance.fairness_bonus.size()));
  const long long m = ceiling + 1;
  report.level_bonus = m;
  auto target = [&](int level) { return level_sum(report.reach, level); };
  const long long first_bonus = instance.fairness_bonus.empty() ? 0 : instance.fairness_bonus[0];
  long long levels_value = 0;  // M x the top level's target: the most the levels can add
  const bool overflows = __builtin_mul_overflow(m, target(report.max_reach), &levels_value) ||
                         levels_value > kMaxObjective - ceiling;
  if (report.max_reach > 0 && (m + first_bonus > kMaxWeight || overflows)) {
    return core::Error::invalid_input(
        "max-min fairness needs a level bonus of " + std::to_string(m) +
            " per meeting, which leaves the exact range of the objective (bonus entries up to "
            "10^9, objectives up to 2^53)",
        "$.pairs", "scale the pair weights down, or schedule without max-min");
  }

  const auto start = Clock::now();
  const double total_seconds = options.time_limit_seconds;
  auto remaining = [&] {
    return total_seconds - std::chrono::duration<double>(Clock::now() - start).count();
  };
  auto outer_stop = [&options] { return options.should_stop && options.should_stop(); };
  auto solve_level = [&](int level, int planned) -> core::Result<SolveResult> {
    Instance levelled = instance;
    if (level > 0) levelled.fairness_bonus = levelled_bonus(instance.fairness_bonus, level, m);
    SolveOptions o = options;
    o.time_limit_seconds = std::max(kMinLevelSeconds, remaining() / std::max(1, planned));
    const auto deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(kLevelStopShare * o.time_limit_seconds));
    o.should_stop = [&options, deadline] {
      return (options.should_stop && options.should_stop()) || Clock::now() >= deadline;
    };
    ++report.levels_tried;
    return solve_schedule(levelled, o);
  };

  int lo = 0;
  int hi = report.max_reach;
  std::optional<SolveResult> at_lo;
  std::map<int, bool> failed;  // level -> proven out of reach
  while (lo < hi && !outer_stop()) {
    const int mid = lo + (hi - lo + 1) / 2;
    auto solved = solve_level(mid, levels_left(lo, hi));
    if (!solved) return solved.error();
    const long long need = target(mid);
    if (level_sum(meeting_counts(instance, solved->meetings), mid) >= need) {
      lo = mid;
      at_lo = std::move(*solved);
    } else {
      // Any schedule reaching the level scores at least M x need on the levelled objective.
      // (M x need <= M x the top level's target, checked above to be exact.)
      failed[mid] = solved->upper_bound < m * need;
      hi = mid - 1;
    }
  }
  if (!at_lo) {
    auto solved = solve_level(lo, 1);
    if (!solved) return solved.error();
    at_lo = std::move(*solved);
  } else if (remaining() > kPolishShare * total_seconds && !outer_stop()) {
    // Time left after the search (the levels above failed quickly): the guaranteed level once
    // more with all of it; the better schedule and the tighter bound are kept.
    auto again = solve_level(lo, 1);
    if (!again) return again.error();
    const long long bound = std::min(at_lo->upper_bound, again->upper_bound);
    if (level_sum(meeting_counts(instance, again->meetings), lo) >= target(lo) &&
        again->objective.total() > at_lo->objective.total()) {
      at_lo = std::move(*again);
    }
    at_lo->upper_bound = bound;
  }
  report.guaranteed = lo;
  if (lo >= report.max_reach) {
    report.next_level_status = "beyond-reach";
  } else {
    const auto it = failed.find(lo + 1);
    report.next_level_status = it != failed.end() && it->second ? "proven-infeasible" : "not-found";
  }
  // Held below the level by their own data (cancelled participants and absent ones are not).
  std::vector<char> cancelled(instance.participants.size(), 0);
  for (int i : instance.cancelled) cancelled[i] = 1;
  for (int i = 0; i < instance.participant_count(); ++i) {
    if (report.reach[i] < lo && !cancelled[i] && !instance.participants[i].available.empty()) {
      report.limited.push_back(i);
    }
  }

  // The schedule scored by the instance's own objective; the bound at level lo.
  SolveResult& result = out.result;
  result = std::move(*at_lo);
  const CheckReport scored = check_schedule(instance, result.meetings);
  if (!scored.feasible()) {
    return core::Error::internal("max-min produced an infeasible schedule: " +
                                 scored.violations.front());
  }
  result.objective = scored.objective;
  const long long value = scored.objective.total();
  long long bound = result.upper_bound;
  if (lo > 0) bound -= m * target(lo);
  bound = std::max(bound, value);
  result.upper_bound = bound;
  result.gap = bound > 0 ? static_cast<double>(bound - value) / static_cast<double>(bound) : 0.0;
  result.proven_optimal = bound == value && report.next_level_status != "not-found";
  return out;
}

}  // namespace urbanmine::match
