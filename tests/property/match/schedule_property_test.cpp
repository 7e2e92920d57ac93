// SPDX-License-Identifier: Apache-2.0
// Property tests on seeded random instances (the seed is printed on failure): every schedule the
// solver returns passes the checker (no double-booked people or tables, availability, pairs once),
// its reported objective is the checker's, and its upper bound is never below the proven optimum
// (CBC on the full time-indexed model) nor below any schedule found.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

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

// ---- The organiser's rules: caps, breaks, vetoes, interpreters, table sizes against brute force.
// --

// A tiny random instance with every rule: few enough meetings to enumerate every schedule.
Instance random_rules_instance(std::uint64_t seed) {
  Rng rng{seed * 7919};
  Instance inst;
  inst.name = "rules-" + std::to_string(seed);
  const int slots = 3 + rng.below(2);
  const int nk = 2 + rng.below(2);
  const int nf = 2;
  for (int s = 0; s < slots; ++s) inst.slots.push_back({s, "", ""});
  for (int s = 0; s < slots; ++s) inst.tables_per_slot.push_back(rng.below(3));
  for (int i = 0; i < nk + nf; ++i) {
    Participant p;
    p.side = i < nk ? Side::kKorean : Side::kForeign;
    p.id = (i < nk ? "K" : "F") + std::to_string(i);
    for (int s = 0; s < slots; ++s) {
      if (rng.below(5) != 0) p.available.push_back(s);
    }
    if (rng.below(3) == 0) p.max_meetings = 1 + rng.below(2);
    if (p.side == Side::kKorean) {
      p.languages =
          rng.below(2) == 0 ? std::vector<std::string>{"ko"} : std::vector<std::string>{"ko", "en"};
    } else {
      p.languages =
          rng.below(2) == 0 ? std::vector<std::string>{"en"} : std::vector<std::string>{"id"};
    }
    inst.participants.push_back(p);
  }
  for (int k = 0; k < nk; ++k) {
    for (int f = nk; f < nk + nf; ++f) {
      if (rng.below(4) == 0) continue;
      CandidatePair pair;
      pair.k = k;
      pair.f = f;
      pair.weight = rng.below(200);
      inst.pairs.push_back(pair);
    }
  }
  if (!inst.pairs.empty() && rng.below(2) == 0) {
    const CandidatePair& p = inst.pairs[rng.below(static_cast<int>(inst.pairs.size()))];
    inst.vetoes.push_back({p.f, p.k});
  }
  inst.max_consecutive_meetings = rng.below(3);  // 0 = no rule, 1 or 2
  const int interpreters = rng.below(3);
  for (int j = 0; j < interpreters; ++j) {
    Interpreter it;
    it.id = "I" + std::to_string(j);
    it.languages = rng.below(3) == 0 ? std::vector<std::string>{"ko", "id"}
                                     : std::vector<std::string>{"ko", "en"};
    for (int s = 0; s < slots; ++s) {
      if (rng.below(3) != 0) it.available.push_back(s);
    }
    inst.interpreters.push_back(it);
  }
  // Half of them have table sizes and delegations of one to three people, some preferred only.
  if (rng.below(2) == 0) {
    for (int& tables : inst.tables_per_slot) tables = 1 + rng.below(2);
    for (int t = 0; t < 2; ++t) inst.table_seats.push_back(2 + rng.below(4));
    for (Participant& p : inst.participants) {
      const int people = rng.below(4);
      for (int m = 0; m < people; ++m) {
        Member member;
        member.name = p.id + "-" + std::to_string(m);
        member.required = rng.below(3) != 0;
        p.members.push_back(member);
      }
    }
  }
  inst.fairness_bonus = {150, 75};
  return inst;
}

// Tables of one slot's meetings: largest delegations first, each at the smallest free table
// that seats it (any table when the instance gives no sizes).
void seat(const Instance& inst, std::vector<Meeting>& meetings) {
  std::map<int, std::vector<Meeting*>> by_slot;
  for (Meeting& m : meetings) by_slot[m.slot].push_back(&m);
  for (auto& [slot, list] : by_slot) {
    std::stable_sort(list.begin(), list.end(), [&](const Meeting* a, const Meeting* b) {
      return meeting_seats(inst, a->k, a->f) > meeting_seats(inst, b->k, b->f);
    });
    std::set<int> taken;
    for (Meeting* m : list) {
      int best = -1;
      for (int t = 0; t < inst.tables_per_slot[slot]; ++t) {
        if (taken.count(t) != 0 || seats_at(inst, t) < meeting_seats(inst, m->k, m->f)) continue;
        if (best < 0 || seats_at(inst, t) < seats_at(inst, best)) best = t;
      }
      m->table = best;  // -1: the checker rejects the schedule
      taken.insert(best);
    }
  }
}

// The best objective of any schedule that passes the checker: every choice of at most
// tables_per_slot[s] disjoint pairs per slot, each pair at most once (the checker assigns the
// interpreters and judges caps, breaks and vetoes).
long long brute_force_optimum(const Instance& inst) {
  long long best = 0;
  std::vector<Meeting> chosen;
  std::set<int> used_pairs;
  std::function<void(int, std::size_t, std::set<int>&)> in_slot;
  std::function<void(int)> next_slot = [&](int s) {
    if (s == inst.slot_count()) {
      std::vector<Meeting> meetings = chosen;
      seat(inst, meetings);
      assign_interpreters(inst, meetings);
      const CheckReport r = check_schedule(inst, meetings);
      if (r.feasible()) best = std::max(best, r.objective.total());
      return;
    }
    std::set<int> busy;
    in_slot(s, 0, busy);
  };
  in_slot = [&](int s, std::size_t from, std::set<int>& busy) {
    next_slot(s + 1);  // close the slot here
    const int used_here = static_cast<int>(busy.size()) / 2;
    if (used_here >= inst.tables_per_slot[s]) return;
    for (std::size_t p = from; p < inst.pairs.size(); ++p) {
      const CandidatePair& pair = inst.pairs[p];
      if (used_pairs.count(static_cast<int>(p)) != 0 || busy.count(pair.k) != 0 ||
          busy.count(pair.f) != 0) {
        continue;
      }
      const auto& ka = inst.participants[pair.k].available;
      const auto& fa = inst.participants[pair.f].available;
      if (std::find(ka.begin(), ka.end(), s) == ka.end() ||
          std::find(fa.begin(), fa.end(), s) == fa.end()) {
        continue;
      }
      Meeting m;
      m.k = pair.k;
      m.f = pair.f;
      m.slot = s;
      m.table = used_here;
      chosen.push_back(m);
      used_pairs.insert(static_cast<int>(p));
      busy.insert(pair.k);
      busy.insert(pair.f);
      in_slot(s, p + 1, busy);
      busy.erase(pair.k);
      busy.erase(pair.f);
      used_pairs.erase(static_cast<int>(p));
      chosen.pop_back();
    }
  };
  next_slot(0);
  return best;
}

// With the rules in the LP and CBC models, a proof must be a true one: the exact run's optimum
// equals brute force whenever it says "proven", no bound is ever below brute force, and the
// models alone (no search to hide a model that cuts the optimum off) reach and prove it.
TEST(MatchScheduleProperty, RulesOptimaAndBoundsMatchBruteForce) {
  constexpr std::uint64_t kCases = 60;
  int proven = 0;
  int with_interpreters = 0;
  int with_seats = 0;
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const Instance inst = random_rules_instance(seed);
    const long long truth = brute_force_optimum(inst);
    SolveOptions exact;
    exact.time_limit_seconds = 60.0;
    SolveOptions search_only;
    search_only.use_lp = false;
    search_only.lns_rounds = 20;
    SolveOptions models_only = exact;  // the LP/CBC models alone must reach and prove the truth
    models_only.use_search = false;
    for (const SolveOptions& o : {exact, search_only, models_only}) {
      auto r = solve_schedule(inst, o);
      ASSERT_TRUE(r.has_value()) << r.error().to_string();
      const CheckReport report = check_schedule(inst, r->meetings);
      EXPECT_TRUE(report.feasible()) << (report.feasible() ? "" : report.violations.front());
      EXPECT_LE(r->objective.total(), truth);
      EXPECT_GE(r->upper_bound, truth) << r->bound_method;
      if (r->proven_optimal) {
        EXPECT_EQ(r->objective.total(), truth) << r->method;
      }
      if (o.use_lp) {
        EXPECT_TRUE(r->proven_optimal) << r->method << " / " << r->bound_method;
      }
      if (!o.use_search) {
        proven += r->proven_optimal ? 1 : 0;
        EXPECT_EQ(r->objective.total(), truth) << r->method;
        EXPECT_EQ(r->upper_bound, truth) << r->bound_method;
      }
    }
    with_interpreters += inst.interpreters.empty() ? 0 : 1;
    with_seats += inst.table_seats.empty() ? 0 : 1;
  }
  EXPECT_EQ(proven, static_cast<int>(kCases));
  EXPECT_GT(with_interpreters, 10);
  EXPECT_GT(with_seats, 10);
}

}  // namespace
}  // namespace urbanmine::match
