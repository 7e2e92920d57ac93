// SPDX-License-Identifier: Apache-2.0
// Max-min fairness (match/max_min.h): each participant's reach from its own data, a small
// instance where the weight objective leaves a participant without meetings and max-min does not
// (with the next level proven impossible), the reference instances (every participant holds at
// least min(K, reach) meetings; small-s1's lexicographic optimum), the schedule file's
// "fairness" object, and the error when the levels leave the exact range.
#include "match/max_min.h"

#include <algorithm>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/match.h"
#include "io/files.h"
#include "io/match_json.h"
#include "match/objective.h"

#include "test_support.h"

namespace urbanmine::match {
namespace {

Instance parse(const std::string& text) {
  auto inst = io::parse_match_instance(text, "test");
  EXPECT_TRUE(inst.has_value()) << (inst ? "" : inst.error().to_string());
  return *inst;
}

Instance load(const std::string& name) {
  const std::string path = testing::test_data("match/" + name);
  auto text = io::read_text_file(path);
  EXPECT_TRUE(text.has_value());
  return parse(*text);
}

SolveOptions generous() {
  SolveOptions o;
  o.time_limit_seconds = 120.0;  // tests never assert timings; the machine may be loaded
  return o;
}

int index_of(const Instance& inst, const std::string& id) {
  for (int i = 0; i < inst.participant_count(); ++i) {
    if (inst.participants[i].id == id) return i;
  }
  return -1;
}

// Two slots of one table. K1 is worth 100 with F1 and with F2; K2 only meets F1, for 1.
const char* const kTwoHosts = R"({
  "name": "two-hosts",
  "slots": [{"id": 0, "start": "10:00", "end": "10:15"}, {"id": 1, "start": "10:15", "end": "10:30"}],
  "tables_per_slot": [1, 1],
  "objective": {"fairness_bonus": []},
  "participants": [
    {"id": "K1", "side": "K", "available": [0, 1]}, {"id": "K2", "side": "K", "available": [0, 1]},
    {"id": "F1", "side": "F", "available": [0, 1]}, {"id": "F2", "side": "F", "available": [0, 1]}],
  "pairs": [{"k": "K1", "f": "F1", "fit": 90, "weight": 100},
            {"k": "K1", "f": "F2", "fit": 90, "weight": 100},
            {"k": "K2", "f": "F1", "fit": 10, "weight": 1}]})";

TEST(MatchMaxMin, ReachCountsUsableSlotsPartnersCapsAndTheBreakRule) {
  Instance inst = parse(R"({
    "name": "reach",
    "slots": [{"id": 0}, {"id": 1}, {"id": 2}, {"id": 3}, {"id": 4}, {"id": 5}],
    "tables_per_slot": [3, 3, 3, 3, 3, 3],
    "objective": {"fairness_bonus": [10]},
    "rules": {"max_consecutive_meetings": 2},
    "participants": [
      {"id": "K1", "side": "K", "available": [0, 1, 2, 3, 4, 5]},
      {"id": "F1", "side": "F", "available": [0, 1, 2, 3, 4, 5]},
      {"id": "F2", "side": "F", "available": [0, 1, 2, 3, 4, 5]},
      {"id": "F3", "side": "F", "available": [0, 1, 2, 3, 4, 5]},
      {"id": "F4", "side": "F", "available": [0, 1, 2, 3, 4, 5]},
      {"id": "F5", "side": "F", "available": [0, 1, 2, 3, 4, 5]},
      {"id": "F6", "side": "F", "available": [2]}],
    "vetoes": [{"from": "F5", "to": "K1"}],
    "pairs": [{"k": "K1", "f": "F1", "fit": 50, "weight": 10},
              {"k": "K1", "f": "F2", "fit": 50, "weight": 10},
              {"k": "K1", "f": "F3", "fit": 50, "weight": 10},
              {"k": "K1", "f": "F4", "fit": 50, "weight": 10},
              {"k": "K1", "f": "F5", "fit": 50, "weight": 10}]})");
  std::vector<int> reach = meeting_reach(inst);
  // Six usable slots, at most two in a row: 0 1 _ 3 4 _ = 4; four partners (F5 vetoed).
  EXPECT_EQ(reach[index_of(inst, "K1")], 4);
  EXPECT_EQ(reach[index_of(inst, "F1")], 1);
  EXPECT_EQ(reach[index_of(inst, "F5")], 0);  // its only partner is vetoed
  EXPECT_EQ(reach[index_of(inst, "F6")], 0);  // no candidate pair
  inst.participants[index_of(inst, "K1")].max_meetings = 3;
  EXPECT_EQ(meeting_reach(inst)[index_of(inst, "K1")], 3);
  inst.max_consecutive_meetings = 0;
  inst.participants[index_of(inst, "K1")].max_meetings = -1;
  inst.vetoes.clear();
  EXPECT_EQ(meeting_reach(inst)[index_of(inst, "K1")], 5);  // five partners, six slots
  inst.cancelled = {index_of(inst, "K1")};
  EXPECT_EQ(meeting_reach(inst)[index_of(inst, "K1")], 0);
}

TEST(MatchMaxMin, NobodyIsLeftWithoutAMeetingTheWeightObjectiveWouldDrop) {
  const Instance inst = parse(kTwoHosts);
  auto plain = solve_schedule(inst, generous());
  ASSERT_TRUE(plain.has_value()) << plain.error().to_string();
  EXPECT_EQ(plain->objective.total(), 200);
  EXPECT_EQ(plain->objective.min_meetings, 0);  // K2 meets nobody

  auto fair = solve_max_min(inst, generous());
  ASSERT_TRUE(fair.has_value()) << fair.error().to_string();
  EXPECT_EQ(fair->report.guaranteed, 1);
  EXPECT_EQ(fair->report.max_reach, 2);
  // Level 2 needs 6 meeting places of 2 meetings x 2 people = 4: the LP bound proves it.
  EXPECT_EQ(fair->report.next_level_status, "proven-infeasible");
  EXPECT_EQ(fair->result.objective.min_meetings, 1);
  EXPECT_EQ(fair->result.objective.total(), 101);  // K2-F1 and K1-F2
  EXPECT_EQ(fair->result.upper_bound, 101);
  EXPECT_TRUE(fair->result.proven_optimal);
  EXPECT_TRUE(check_schedule(inst, fair->result.meetings).feasible());
  EXPECT_TRUE(fair->report.limited.empty());
  EXPECT_EQ(fair->report.level_bonus, 202);  // every weight + 1
}

TEST(MatchMaxMin, TheScheduleFileSaysTheLevelAndWhoIsHeldBelowIt) {
  engine::ScheduleRequest request;
  request.time_limit_seconds = 60.0;
  request.max_min = true;
  auto out = engine::schedule_match_text(
      io::read_text_file(testing::test_data("match/small-s1.json")).value(), "small-s1", request);
  ASSERT_TRUE(out.has_value()) << out.error().to_string();
  const auto doc = nlohmann::json::parse(out->schedule_json);
  ASSERT_TRUE(doc.contains("fairness")) << out->schedule_json.substr(0, 400);
  const auto& fairness = doc["fairness"];
  EXPECT_EQ(fairness["rule"], "max-min");
  // Every participant of small-s1 can hold 3 meetings or more, but K0026 (2 partners); level 4
  // is proven impossible, and 19772 is the best objective among schedules that guarantee 3.
  EXPECT_EQ(fairness["guaranteed_meetings"], 3);
  EXPECT_EQ(fairness["next_level_status"], "proven-infeasible");
  ASSERT_EQ(fairness["participants_limited"].size(), 1u);
  EXPECT_EQ(fairness["participants_limited"][0]["id"], "K0026");
  EXPECT_EQ(fairness["participants_limited"][0]["reach"], 2);
  EXPECT_EQ(doc["objective"], 19772);
  EXPECT_EQ(doc["upper_bound"], 19772);
  EXPECT_EQ(doc["proven_optimal"], true);
  // Without max-min the file has no fairness object and the optimum is 20114.
  request.max_min = false;
  auto plain = engine::schedule_match_text(
      io::read_text_file(testing::test_data("match/small-s1.json")).value(), "small-s1", request);
  ASSERT_TRUE(plain.has_value());
  EXPECT_FALSE(nlohmann::json::parse(plain->schedule_json).contains("fairness"));
}

// A delegation that no table seats has no reach: with eight tables of two chairs, a foreign
// delegate of two required members needs three.
TEST(MatchMaxMin, ADelegationNoTableSeatsHasNoReach) {
  Instance inst = load("small-s1.json");
  int f = -1;
  for (int i = 0; i < inst.participant_count() && f < 0; ++i) {
    if (inst.participants[i].side == Side::kForeign) f = i;
  }
  ASSERT_GE(f, 0);
  EXPECT_GT(meeting_reach(inst)[f], 0);
  inst.table_seats.assign(8, 2);
  inst.participants[f].members = {Member{"Head", "", {}, true}, Member{"Expert", "", {}, true}};
  EXPECT_EQ(meeting_reach(inst)[f], 0);
  inst.participants[f].members[1].required = false;  // the expert comes if seats allow
  EXPECT_GT(meeting_reach(inst)[f], 0);
}

TEST(MatchMaxMin, ACancelledParticipantIsNotHeldBelowTheLevel) {
  Instance inst = load("small-s1.json");
  const int k26 = std::find_if(inst.participants.begin(), inst.participants.end(),
                               [](const Participant& p) { return p.id == "K0026"; }) -
                  inst.participants.begin();
  inst.cancelled = {k26};  // the instance file's spelling: availability kept, but cancelled
  auto fair = solve_max_min(inst, generous());
  ASSERT_TRUE(fair.has_value()) << fair.error().to_string();
  EXPECT_EQ(fair->report.reach[k26], 0);
  EXPECT_TRUE(fair->report.limited.empty());
  EXPECT_GE(fair->report.guaranteed, 3);
}

TEST(MatchMaxMin, MediumS1GuaranteesEveryoneMoreThanTheWeightObjective) {
  const Instance inst = load("medium-s1.json");
  auto plain = solve_schedule(inst, generous());
  ASSERT_TRUE(plain.has_value());
  auto fair = solve_max_min(inst, generous());
  ASSERT_TRUE(fair.has_value()) << fair.error().to_string();
  const std::vector<int>& reach = fair->report.reach;
  std::vector<int> count(inst.participants.size(), 0);
  for (const Meeting& m : fair->result.meetings) {
    ++count[m.k];
    ++count[m.f];
  }
  for (int i = 0; i < inst.participant_count(); ++i) {
    EXPECT_GE(count[i], std::min(fair->report.guaranteed, reach[i])) << inst.participants[i].id;
  }
  EXPECT_GT(fair->result.objective.min_meetings, plain->objective.min_meetings);
  EXPECT_GE(fair->report.guaranteed, 3);
  EXPECT_TRUE(check_schedule(inst, fair->result.meetings).feasible());
  // Fairness first costs objective, never more than the optimum; the bound holds.
  EXPECT_LE(fair->result.objective.total(), 122157);
  EXPECT_GE(fair->result.upper_bound, fair->result.objective.total());
}

TEST(MatchMaxMin, LevelsThatLeaveTheExactRangeAreAnError) {
  std::string text = kTwoHosts;
  for (const char* w : {"\"weight\": 100}", "\"weight\": 1}"}) {
    for (auto at = text.find(w); at != std::string::npos; at = text.find(w, at + 1)) {
      text.replace(at, std::string(w).size(), "\"weight\": 900000000}");
    }
  }
  auto fair = solve_max_min(parse(text), generous());
  ASSERT_FALSE(fair.has_value());
  EXPECT_EQ(fair.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(fair.error().message.find("level bonus"), std::string::npos) << fair.error().message;
}

}  // namespace
}  // namespace urbanmine::match
