// SPDX-License-Identifier: Apache-2.0
// Property tests on seeded random instances (the seed is printed on failure): every schedule the
// solver returns passes the checker (no double-booked people or tables, availability, pairs once),
// its reported objective is the checker's, and its upper bound is never below the proven optimum
// (CBC on the full time-indexed model) nor below any schedule found.
#include <cstdint>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "match/objective.h"
#include "match/scheduler.h"

namespace urbanmine::match {
namespace {

// splitmix64, as in the solver, so that instances are the same everywhere.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

Instance random_instance(std::uint64_t seed) {
  Rng rng{seed};
  Instance inst;
  inst.name = "random-" + std::to_string(seed);
  const int slots = 3 + rng.below(6);
  const int nk = 4 + rng.below(10);
  const int nf = 2 + rng.below(5);
  for (int s = 0; s < slots; ++s) inst.slots.push_back({s, "", ""});
  for (int s = 0; s < slots; ++s) inst.tables_per_slot.push_back(rng.below(nf + 1));
  for (int i = 0; i < nk + nf; ++i) {
    Participant p;
    p.side = i < nk ? Side::kKorean : Side::kForeign;
    p.id = (i < nk ? "K" : "F") + std::to_string(i);
    for (int s = 0; s < slots; ++s) {
      if (rng.below(4) != 0) p.available.push_back(s);
    }
    inst.participants.push_back(p);
  }
  for (int k = 0; k < nk; ++k) {
    for (int f = nk; f < nk + nf; ++f) {
      if (rng.below(3) == 0) continue;
      CandidatePair pair;
      pair.k = k;
      pair.f = f;
      pair.weight = rng.below(200);
      inst.pairs.push_back(pair);
    }
  }
  inst.fairness_bonus = {150, 75};
  // Half of the instances are rescheduling variants with a keep bonus and a lock.
  if (seed % 2 == 0 && !inst.pairs.empty()) {
    inst.keep_bonus = 40;
    const CandidatePair& p = inst.pairs[rng.below(static_cast<int>(inst.pairs.size()))];
    for (int s : inst.participants[p.k].available) {
      const auto& fa = inst.participants[p.f].available;
      if (std::find(fa.begin(), fa.end(), s) != fa.end() && inst.tables_per_slot[s] > 0) {
        Meeting m;
        m.k = p.k;
        m.f = p.f;
        m.slot = s;
        m.table = 0;
        m.locked = rng.below(2) == 0;
        inst.previous_schedule.push_back(m);
        break;
      }
    }
  }
  return inst;
}

TEST(MatchScheduleProperty, SchedulesAreFeasibleAndBoundsAreTrue) {
  constexpr std::uint64_t kCases = 60;
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Instance inst = random_instance(seed);
    SolveOptions search_only;
    search_only.use_lp = false;
    search_only.lns_rounds = 20;
    SolveOptions exact;
    exact.time_limit_seconds = 60.0;
    auto a = solve_schedule(inst, search_only);
    auto b = solve_schedule(inst, exact);
    ASSERT_TRUE(a.has_value()) << a.error().to_string();
    ASSERT_TRUE(b.has_value()) << b.error().to_string();
    for (const SolveResult* r : {&*a, &*b}) {
      const CheckReport report = check_schedule(inst, r->meetings);
      EXPECT_TRUE(report.feasible()) << (report.feasible() ? "" : report.violations.front());
      EXPECT_EQ(report.objective.total(), r->objective.total());
      EXPECT_GE(r->upper_bound, r->objective.total());
      std::set<std::pair<int, int>> busy;
      for (const Meeting& m : r->meetings) {
        EXPECT_TRUE(busy.insert({m.k, m.slot}).second);
        EXPECT_TRUE(busy.insert({m.f, m.slot}).second);
      }
    }
    // The exact run proves its optimum on instances this small; no schedule beats it and no
    // bound is below it.
    ASSERT_TRUE(b->proven_optimal) << b->method << " / " << b->bound_method;
    EXPECT_GE(b->objective.total(), a->objective.total());
    EXPECT_GE(a->upper_bound, b->objective.total());
  }
}

}  // namespace
}  // namespace urbanmine::match
