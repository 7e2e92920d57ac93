// SPDX-License-Identifier: Apache-2.0
// Languages and interpreters (issue 15): a meeting whose parties share no language needs an
// interpreter who speaks a language of each, one meeting per slot, in the slots the interpreter
// is there. The scheduler respects the limit and names the interpreter of each such meeting, the
// checker catches each way to break it, the instance reader validates interpreters, and max-min's
// reach counts only slots where an interpreter is free.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "engine/match.h"
#include "io/match_json.h"
#include "match/instance.h"
#include "match/max_min.h"
#include "match/objective.h"
#include "match/scheduler.h"

namespace urbanmine::match {
namespace {

// Two slots of two tables. K1 speaks Korean, K2 Korean and English; F1 and F3 Indonesian, F2
// English. I1 (Korean-Indonesian) is there in slot 0 only, so one Korean-Indonesian meeting at
// most: K1-F1 (100) with I1, and K2-F2 (50), which needs nobody. K1-F2 (ko/en) has no
// interpreter at all. Without interpreters K1-F1, K1-F3 and K2-F2 would make 240 (+ K2-F1).
const char* const kInstance = R"({
  "name": "interpreters",
  "slots": [{"id": 0, "start": "10:00", "end": "10:15"}, {"id": 1, "start": "10:15", "end": "10:30"}],
  "tables_per_slot": [2, 2],
  "objective": {"fairness_bonus": []},
  "participants": [
    {"id": "K1", "side": "K", "available": [0, 1], "languages": ["ko"]},
    {"id": "K2", "side": "K", "available": [0, 1], "languages": ["ko", "en"]},
    {"id": "F1", "side": "F", "available": [0, 1], "languages": ["id"]},
    {"id": "F2", "side": "F", "available": [0, 1], "languages": ["en"]},
    {"id": "F3", "side": "F", "available": [0, 1], "languages": ["id"]}],
  "interpreters": [{"id": "I1", "languages": ["ko", "id"], "available": [0]}],
  "pairs": [{"k": "K1", "f": "F1", "fit": 90, "weight": 100},
            {"k": "K1", "f": "F3", "fit": 80, "weight": 90},
            {"k": "K1", "f": "F2", "fit": 80, "weight": 500},
            {"k": "K2", "f": "F2", "fit": 50, "weight": 50},
            {"k": "K2", "f": "F1", "fit": 10, "weight": 10}]})";

Instance parse(const std::string& text) {
  auto inst = io::parse_match_instance(text, "test");
  EXPECT_TRUE(inst.has_value()) << (inst ? "" : inst.error().to_string());
  return inst ? *inst : Instance{};
}

int id(const Instance& inst, const std::string& name) {
  for (int i = 0; i < inst.participant_count(); ++i) {
    if (inst.participants[i].id == name) return i;
  }
  return -1;
}

TEST(MatchInterpreters, TheScheduleMeetsOnlyWhereAnInterpreterIsFreeAndNamesThem) {
  const Instance inst = parse(kInstance);
  ASSERT_TRUE(needs_interpreter(inst, id(inst, "K1"), id(inst, "F1")));
  ASSERT_FALSE(needs_interpreter(inst, id(inst, "K2"), id(inst, "F2")));
  SolveOptions options;
  options.time_limit_seconds = 30.0;
  auto r = solve_schedule(inst, options);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  EXPECT_EQ(r->objective.total(), 150);
  EXPECT_GE(r->upper_bound, 150);
  int interpreted = 0;
  for (const Meeting& m : r->meetings) {
    EXPECT_FALSE(m.k == id(inst, "K1") && m.f == id(inst, "F2")) << "ko-en without interpreter";
    if (needs_interpreter(inst, m.k, m.f)) {
      ++interpreted;
      EXPECT_EQ(m.interpreter, 0);
      EXPECT_EQ(m.slot, 0);
      EXPECT_EQ(m.f, id(inst, "F1"));
    } else {
      EXPECT_EQ(m.interpreter, -1);
    }
  }
  EXPECT_EQ(interpreted, 1);
  EXPECT_TRUE(check_schedule(inst, r->meetings).feasible());
  // The schedule file names the interpreter, and reads back with it.
  const std::string text = io::match_schedule_json(inst, *r, {});
  EXPECT_NE(text.find("\"interpreter\": \"I1\""), std::string::npos) << text;
  auto back = io::parse_match_schedule(text, "schedule", inst);
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_TRUE(check_schedule(inst, back->meetings).feasible());
}

TEST(MatchInterpreters, TheCheckerCatchesEachWayToBreakTheRule) {
  const Instance inst = parse(kInstance);
  const int k1 = id(inst, "K1");
  const int k2 = id(inst, "K2");
  const int f1 = id(inst, "F1");
  const int f2 = id(inst, "F2");
  const int f3 = id(inst, "F3");
  auto violations = [&](const std::vector<Meeting>& ms) {
    return check_schedule(inst, ms).violations;
  };
  auto says = [](const std::vector<std::string>& v, const std::string& what) {
    return std::any_of(v.begin(), v.end(),
                       [&](const std::string& s) { return s.find(what) != std::string::npos; });
  };
  // Two Korean-Indonesian meetings in slot 0: one interpreter, so one is left without.
  auto v = violations({{k1, f1, 0, 0}, {k2, f2, 1, 0}});
  EXPECT_TRUE(v.empty()) << v[0];  // I1 for K1-F1 in slot 0; K2-F2 share English
  v = violations({{k2, f1, 1, 0}});
  EXPECT_TRUE(says(v, "share no language")) << "I1 is not there in slot 1";
  v = violations({{k1, f1, 0, 0}, {k1, f3, 1, 0}});
  EXPECT_TRUE(says(v, "share no language and no interpreter for them is free in this slot"))
      << v[0];
  v = violations({{k1, f1, 0, 0}, {k2, f1, 0, 1}});
  EXPECT_TRUE(says(v, "K2 (ko/en) and F1 (id) share no language")) << (v.empty() ? "" : v[0]);
  // Named interpreters: not there, not speaking, twice in a slot.
  Meeting away{k1, f1, 1, 0};
  away.interpreter = 0;
  EXPECT_TRUE(says(violations({away}), "interpreter I1 is not available in this slot"));
  Meeting mute{k2, f2, 0, 0};
  mute.interpreter = 0;
  EXPECT_TRUE(says(violations({mute}), "interpreter I1 speaks no language of K2 or of F2"));
  Meeting a{k1, f1, 0, 0};
  a.interpreter = 0;
  Meeting b{k2, f1, 0, 1};
  b.interpreter = 0;
  EXPECT_TRUE(says(violations({a, b}), "interpreter I1 already serves a meeting in this slot"));
  // assign_interpreters fills in what a hand edit leaves out.
  std::vector<Meeting> edited = {{k1, f1, 0, 0}, {k2, f2, 1, 0}};
  EXPECT_TRUE(assign_interpreters(inst, edited));
  EXPECT_EQ(edited[0].interpreter, 0);
  EXPECT_EQ(edited[1].interpreter, -1);
  std::vector<Meeting> too_many = {{k1, f1, 0, 0}, {k2, f1, 0, 1}};
  EXPECT_FALSE(assign_interpreters(inst, too_many));
}

TEST(MatchInterpreters, InterpretersAreValidatedWithTheirJsonPath) {
  std::string text = kInstance;
  text.replace(text.find("\"languages\": [\"ko\", \"id\"], \"available\": [0]"),
               std::string("\"languages\": [\"ko\", \"id\"], \"available\": [0]").size(),
               "\"languages\": [\"ko\"], \"available\": [0, 7]");
  auto bad = io::parse_match_instance(text, "inst.json");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().to_string().find("$.interpreters[0]"), std::string::npos)
      << bad.error().to_string();
  std::string clash = kInstance;
  clash.replace(clash.find("\"id\": \"I1\""), std::string("\"id\": \"I1\"").size(),
                "\"id\": \"K1\"");
  auto dup = io::parse_match_instance(clash, "inst.json");
  ASSERT_FALSE(dup.has_value());
  EXPECT_NE(dup.error().to_string().find("$.interpreters[0].id"), std::string::npos)
      << dup.error().to_string();
  std::string unknown = kInstance;
  unknown.replace(
      unknown.find("\"pairs\""), 7,
      "\"previous_schedule\": [{\"k\": \"K1\", \"f\": \"F1\", \"slot\": 0, \"table\": 0, "
      "\"interpreter\": \"I9\"}], \"pairs\"");
  auto nobody = io::parse_match_instance(unknown, "inst.json");
  ASSERT_FALSE(nobody.has_value());
  EXPECT_NE(nobody.error().to_string().find("$.previous_schedule[0].interpreter"),
            std::string::npos)
      << nobody.error().to_string();
}

TEST(MatchInterpreters, ReachCountsOnlySlotsWithAFreeInterpreter) {
  const Instance inst = parse(kInstance);
  const std::vector<int> reach = meeting_reach(inst);
  EXPECT_EQ(reach[id(inst, "F3")], 1);  // K1-F3 only in slot 0, where I1 is
  // Two partners (K1, K2), both needing I1, who is there in slot 0 only.
  EXPECT_EQ(reach[id(inst, "F1")], 1);
  EXPECT_EQ(reach[id(inst, "F2")], 1);  // K2 in either slot; K1-F2 has no interpreter at all
}

// Profiles CSV rows of side I are interpreters; a separate table (`match score --interpreters`)
// adds more; both are checked, errors naming the file and row.
TEST(MatchInterpreters, ProfilesAndTablesBringInterpreters) {
  const std::string profiles =
      "id,side,country,languages,available\n"
      "K1,K,KR,ko,all\n"
      "F1,F,ID,id,all\n"
      "I1,I,,ko;id,0-1\n";
  engine::ScoreRequest request;
  request.csv = true;
  request.slots = 4;
  auto scored = engine::score_match_text(profiles, "profiles.csv", request);
  ASSERT_TRUE(scored.has_value()) << scored.error().to_string();
  ASSERT_EQ(scored->instance.interpreters.size(), 1u);
  EXPECT_EQ(scored->instance.interpreters[0].id, "I1");
  EXPECT_EQ(scored->instance.interpreters[0].available, (std::vector<int>{0, 1}));
  EXPECT_EQ(scored->instance.participant_count(), 2);
  EXPECT_NE(scored->instance_json.find("\"interpreters\""), std::string::npos);

  request.interpreters_csv = "id,languages,available\nI2,ko;id,2-3\n";
  request.interpreters_source = "interpreters.csv";
  auto more = engine::score_match_text(profiles, "profiles.csv", request);
  ASSERT_TRUE(more.has_value()) << more.error().to_string();
  EXPECT_EQ(more->instance.interpreters.size(), 2u);

  request.interpreters_csv = "id,languages,available\nI2,ko,all\n";
  auto one_language = engine::score_match_text(profiles, "profiles.csv", request);
  ASSERT_FALSE(one_language.has_value());
  EXPECT_NE(one_language.error().to_string().find("interpreters.csv"), std::string::npos)
      << one_language.error().to_string();
  request.interpreters_csv = "id,languages,available\nI1,ko;id,all\n";  // I1 twice
  auto twice = engine::score_match_text(profiles, "profiles.csv", request);
  ASSERT_FALSE(twice.has_value());
  EXPECT_NE(twice.error().to_string().find("used twice"), std::string::npos)
      << twice.error().to_string();

  request.interpreters_csv.clear();
  auto mute = engine::score_match_text(
      "id,side,country,languages,available\nK1,K,KR,ko,all\nI1,I,,ko,all\n", "p.csv", request);
  ASSERT_FALSE(mute.has_value());
  EXPECT_NE(mute.error().to_string().find("p.csv:3"), std::string::npos)
      << mute.error().to_string();
}

}  // namespace
}  // namespace urbanmine::match
