// SPDX-License-Identifier: Apache-2.0
// engine/events.h: partnering events scheduled and rescheduled after cancellations.
#include "engine/events.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include <gtest/gtest.h>

#include "io/match_json.h"

#include "test_support.h"

namespace urbanmine::engine {
namespace {

std::string small_instance() {
  std::ifstream in(testing::source_path("tests/data/match/small-s1.json"));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

ScheduleRequest quick() {
  ScheduleRequest r;
  r.time_limit_seconds = 5.0;
  r.threads = 1;
  r.search_rounds = 60;
  return r;
}

std::unique_ptr<EventService> service() {
  auto s = EventService::open(":memory:");
  EXPECT_TRUE(s.has_value()) << s.error().to_string();
  return std::move(*s);
}

TEST(EventService, UnknownEventIdsAreNotFound) {
  auto events = service();
  for (const std::string id : {"e1", "x1", "e", "e12a"}) {
    auto e = events->get(id);
    ASSERT_FALSE(e.has_value()) << id;
    EXPECT_EQ(e.error().code, core::ErrorCode::kNotFound) << id;
  }
}

TEST(EventService, AnInstanceIsCheckedOnAdd) {
  auto events = service();
  auto bad = events->add_instance(R"({"format":"match-instance/1","slots":-1})", "upload");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidInput);
  auto listed = events->list();
  ASSERT_TRUE(listed.has_value());
  EXPECT_TRUE(listed->empty()) << "nothing stored for a rejected instance";
}

TEST(EventService, ReschedulingAfterACancellationFreesItsSlotsAndKeepsOtherMeetings) {
  auto events = service();
  auto added = events->add_instance(small_instance(), "small-s1.json");
  ASSERT_TRUE(added.has_value()) << added.error().to_string();
  EXPECT_TRUE(added->schedule_json.empty());

  RescheduleRequest too_early;
  too_early.keep_bonus = 40;
  auto early = events->reschedule(added->id, too_early);
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code, core::ErrorCode::kConflict);

  auto first = events->schedule(added->id, quick());
  ASSERT_TRUE(first.has_value()) << first.error().to_string();
  ASSERT_FALSE(first->result.meetings.empty());
  auto stored = events->get(added->id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->schedule_json, first->schedule_json);
  EXPECT_EQ(stored->agenda_sequence, 0);

  // The foreign participant with the most meetings cancels.
  const auto& inst = first->instance;
  std::map<int, int> meetings_of_f;
  for (const auto& m : first->result.meetings) ++meetings_of_f[m.f];
  int cancelled_f = meetings_of_f.begin()->first;
  for (const auto& [f, n] : meetings_of_f) {
    if (n > meetings_of_f[cancelled_f]) cancelled_f = f;
  }
  const std::string cancelled_id = inst.participants[static_cast<std::size_t>(cancelled_f)].id;

  RescheduleRequest unknown;
  unknown.keep_bonus = 40;
  unknown.cancelled = {{cancelled_id, "cancelled[0]"}, {"NOBODY", "cancelled[1]"}};
  auto bad = events->reschedule(added->id, unknown);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(bad.error().location, "cancelled[1]");

  RescheduleRequest no_bonus;
  no_bonus.cancelled = {{cancelled_id, "cancelled[0]"}};
  no_bonus.keep_bonus_location = "request body: $.keep_bonus";
  auto missing = events->reschedule(added->id, no_bonus);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().location, "request body: $.keep_bonus");

  RescheduleRequest request;
  request.cancelled = {{cancelled_id, "cancelled[0]"}};
  request.keep_bonus = 40;
  request.schedule = quick();
  auto second = events->reschedule(added->id, request);
  ASSERT_TRUE(second.has_value()) << second.error().to_string();

  // The cancelled participant has no meeting left; meetings between others mostly stay put.
  std::set<std::tuple<int, int, int>> before;
  int before_without_cancelled = 0;
  for (const auto& m : first->result.meetings) {
    if (m.f == cancelled_f) continue;
    before.insert({m.k, m.f, m.slot});
    ++before_without_cancelled;
  }
  int kept = 0;
  for (const auto& m : second->result.meetings) {
    EXPECT_NE(m.f, cancelled_f) << "a cancelled participant still meets K" << m.k;
    if (before.count({m.k, m.f, m.slot}) != 0) ++kept;
  }
  EXPECT_GT(kept, before_without_cancelled * 9 / 10)
      << "a keep bonus of 40 should leave nearly every other meeting in its slot";

  // The event now holds the rescheduling variant: cancelled index, previous schedule, bonus.
  auto after = events->get(added->id);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->agenda_sequence, 1);
  EXPECT_EQ(after->schedule_json, second->schedule_json);
  auto variant = io::parse_match_instance(after->instance_json, "stored");
  ASSERT_TRUE(variant.has_value()) << variant.error().to_string();
  EXPECT_EQ(variant->keep_bonus, 40);
  EXPECT_EQ(variant->cancelled, std::vector<int>{cancelled_f});
  EXPECT_EQ(variant->previous_schedule.size(), first->result.meetings.size());
  EXPECT_TRUE(variant->participants[static_cast<std::size_t>(cancelled_f)].available.empty());

  // A second cancellation needs no bonus: the stored instance has one.
  const auto last_index = static_cast<int>(inst.participants.size()) - 1;
  const int other = cancelled_f == last_index ? cancelled_f - 1 : cancelled_f + 1;
  const std::string other_id = inst.participants[static_cast<std::size_t>(other)].id;
  RescheduleRequest again;
  again.cancelled = {{other_id, "cancelled[0]"}};
  again.schedule = quick();
  auto third = events->reschedule(added->id, again);
  ASSERT_TRUE(third.has_value()) << third.error().to_string();
  auto last = events->get(added->id);
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->agenda_sequence, 2);
  auto last_variant = io::parse_match_instance(last->instance_json, "stored");
  ASSERT_TRUE(last_variant.has_value());
  EXPECT_EQ(last_variant->cancelled.size(), 2U);

  // The stored schedule checks feasible against the stored instance.
  auto checked = events->check(added->id, "", "own");
  ASSERT_TRUE(checked.has_value()) << checked.error().to_string();
  EXPECT_TRUE(checked->report.feasible());
}

}  // namespace
}  // namespace urbanmine::engine
