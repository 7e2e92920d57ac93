// SPDX-License-Identifier: Apache-2.0
// The schedule checker: the reference optimal schedules score their documented optima, and each
// of the five rules is reported when broken.
#include <gtest/gtest.h>

#include "io/files.h"
#include "io/match_json.h"
#include "match/objective.h"

#include "match_reference.h"
#include "test_support.h"

namespace urbanmine::match {
namespace {

using Loaded = testing::MatchReference;

Loaded load(const std::string& name) { return testing::load_match_reference(name); }

TEST(MatchCheck, ReferenceOptimaScoreTheirDocumentedValues) {
  const Loaded small = load("small-s1");
  const CheckReport s = check_schedule(small.instance, small.schedule.meetings);
  EXPECT_TRUE(s.feasible());
  EXPECT_EQ(s.objective.total(), 20114);
  EXPECT_EQ(s.objective.pair_weight, 10664);
  EXPECT_EQ(s.objective.fairness, 9450);
  EXPECT_EQ(s.objective.requested_pairs_scheduled, 93);
  const Loaded medium = load("medium-s1");
  const CheckReport m = check_schedule(medium.instance, medium.schedule.meetings);
  EXPECT_TRUE(m.feasible());
  EXPECT_EQ(m.objective.total(), 122157);
  EXPECT_EQ(m.objective.pair_weight, 65907);
  EXPECT_EQ(m.objective.fairness, 56250);
  EXPECT_EQ(m.objective.meetings, 626);
  const Loaded cancel = load("medium-s1-cancel");
  const CheckReport c = check_schedule(cancel.instance, cancel.schedule.meetings);
  EXPECT_TRUE(c.feasible());
  EXPECT_EQ(c.objective.total(), 144616);
}

bool mentions(const CheckReport& r, const std::string& text) {
  for (const auto& v : r.violations) {
    if (v.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(MatchCheck, EveryBrokenRuleIsListed) {
  Loaded small = load("small-s1");
  auto& meetings = small.schedule.meetings;
  ASSERT_GE(meetings.size(), 10u);
  std::vector<Meeting> bad = meetings;
  // Rule 4: the same pair twice (meeting 0 duplicated into another slot/table).
  Meeting dup = bad[0];
  dup.table = 99;
  bad.push_back(dup);
  // Rule 5: table out of range, and a table used twice.
  bad[1].table = 1000;
  bad[3].table = bad[2].table;
  // Rule 1: not a candidate pair (swap the F of meeting 4 for one it is not paired with).
  Meeting stranger = bad[4];
  for (std::size_t f = 0; f < small.instance.participants.size(); ++f) {
    if (small.instance.participants[f].side != Side::kForeign) continue;
    bool paired = false;
    for (const auto& p : small.instance.pairs) paired |= (p.k == stranger.k && p.f == int(f));
    if (!paired) {
      stranger.f = static_cast<int>(f);
      break;
    }
  }
  bad.push_back(stranger);
  // Rule 2: a slot out of range.
  bad[5].slot = 99;
  const CheckReport r = check_schedule(small.instance, bad);
  EXPECT_FALSE(r.feasible());
  EXPECT_TRUE(mentions(r, "pair already meets"));
  EXPECT_TRUE(mentions(r, "table out of range"));
  EXPECT_TRUE(mentions(r, "not a candidate pair"));
  EXPECT_TRUE(mentions(r, "slot out of range"));
  EXPECT_TRUE(mentions(r, "already has a meeting in this slot"));  // the duplicate's people
  ASSERT_EQ(bad[2].slot, bad[3].slot);
  EXPECT_TRUE(mentions(r, "table already used"));
}

TEST(MatchCheck, UnavailableSlotIsReported) {
  Loaded small = load("small-s1");
  // Find a meeting and a slot where its K is not available.
  for (Meeting m : small.schedule.meetings) {
    const auto& avail = small.instance.participants[m.k].available;
    for (int s = 0; s < small.instance.slot_count(); ++s) {
      if (std::find(avail.begin(), avail.end(), s) != avail.end()) continue;
      m.slot = s;
      const CheckReport r = check_schedule(small.instance, {m});
      EXPECT_TRUE(mentions(r, "is not available in slot " + std::to_string(s)));
      return;
    }
  }
  ADD_FAILURE() << "expected a K of small-s1 with a gap in its availability";
}

TEST(MatchCheck, FairnessFollowsTheConcaveBonus) {
  const std::vector<long long> bonus = {150, 75};
  EXPECT_EQ(fairness_for(bonus, 0), 0);
  EXPECT_EQ(fairness_for(bonus, 1), 150);
  EXPECT_EQ(fairness_for(bonus, 2), 225);
  EXPECT_EQ(fairness_for(bonus, 7), 225);
}

}  // namespace
}  // namespace urbanmine::match
