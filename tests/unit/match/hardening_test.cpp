// SPDX-License-Identifier: Apache-2.0
// Regression tests of issue 19 (match defects): each input that crashed, exhausted memory,
// overflowed or was accepted until `agenda` now ends with exit 3 and names the JSON path or the
// CSV cell, and nothing is written. Test names follow the defects of the issue.
#include <chrono>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/match.h"
#include "io/files.h"
#include "match/instance.h"

#include "test_support.h"

namespace urbanmine {
namespace {

using nlohmann::json;
using testing::run_cli;
using testing::TempDir;
using testing::test_data;

json small_instance() {
  auto text = io::read_text_file(test_data("match/small-s1.json"));
  EXPECT_TRUE(text.has_value());
  return json::parse(*text);
}

// `match schedule` on a broken copy of small-s1: exit 3, `needle` in the message, no output.
void expect_schedule_rejects(const std::function<void(json&)>& breakit, const std::string& needle) {
  TempDir dir;
  json inst = small_instance();
  breakit(inst);
  std::ofstream(dir.path("bad.json")) << inst.dump();
  auto r = run_cli("match schedule " + dir.path("bad.json") + " --time-limit 2 --output " +
                   dir.path("o.json"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(needle), std::string::npos) << r.output;
  EXPECT_FALSE(std::ifstream(dir.path("o.json")).good()) << "nothing partial may be written";
}

TEST(Issue19ZeroSlots, ScheduleEndsWithExitThreeInsteadOfASegfault) {
  expect_schedule_rejects(
      [](json& j) {
        j["slots"] = json::array();
        j["tables_per_slot"] = json::array();
        for (auto& p : j["participants"]) p["available"] = json::array();
      },
      "$.slots: the instance has no slots");
}

TEST(Issue19ZeroSlots, TheServersUploadCheckRejectsTheInstance) {
  // POST /api/events validates an uploaded instance with check_match_text before storing it.
  json inst = small_instance();
  inst["slots"] = json::array();
  inst["tables_per_slot"] = json::array();
  for (auto& p : inst["participants"]) p["available"] = json::array();
  auto checked =
      engine::check_match_text(inst.dump(), "request body", R"({"meetings": []})", "empty");
  ASSERT_FALSE(checked.has_value());
  EXPECT_EQ(checked.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(checked.error().location.find("$.slots"), std::string::npos);
  // The scheduler itself refuses too (no crash when called without the reader).
  match::Instance empty;
  empty.name = "empty";
  match::SolveOptions options;
  options.time_limit_seconds = 1.0;
  EXPECT_FALSE(match::solve_schedule(empty, options).has_value());
}

TEST(Issue19TablesPerSlotHuge, IsRefusedBeforeAllocating) {
  const auto start = std::chrono::steady_clock::now();
  expect_schedule_rejects(
      [](json& j) {
        for (auto& t : j["tables_per_slot"]) t = 100000000;
      },
      "$.tables_per_slot[0]: table count 100000000 above the limit 100000");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
}

TEST(Issue19SlotsFlagHuge, ScoreRefusesBeforeAllocating) {
  TempDir dir;
  const std::string profiles = testing::source_path("examples/event/profiles.csv");
  auto r = run_cli("match score " + profiles + " --slots 100000000 --output " + dir.path("i.json"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("--slots 100000000 is above the limit 1000"), std::string::npos)
      << r.output;
  EXPECT_FALSE(std::ifstream(dir.path("i.json")).good());
  // Not an integer: a usage error of the command line (exit 2), before anything is read.
  EXPECT_EQ(run_cli("match score " + profiles + " --slots 1e8").exit_code, 2);
  // A profiles file asking for a huge session is refused the same way.
  std::ofstream(dir.path("p.json"))
      << R"({"event": {"slots": 100000000}, "participants": [{"id": "K1", "side": "K",
             "country": "KR"}, {"id": "F1", "side": "F", "country": "US"}]})";
  auto j = run_cli("match score " + dir.path("p.json"));
  EXPECT_EQ(j.exit_code, 3) << j.output;
  EXPECT_NE(j.output.find("slots 100000000 outside 0..1000"), std::string::npos) << j.output;
}

TEST(Issue19PairWeightInt64Max, IsRefusedInsteadOfOverflowingTheObjective) {
  expect_schedule_rejects([](json& j) { j["pairs"][0]["weight"] = INT64_MAX; },
                          "$.pairs[0].weight: weight 9223372036854775807 outside 0..1000000000");
  expect_schedule_rejects([](json& j) { j["objective"]["fairness_bonus"][0] = INT64_MAX; },
                          "$.objective.fairness_bonus[0]");
  expect_schedule_rejects([](json& j) { j["objective"]["keep_bonus"] = INT64_MAX; },
                          "$.objective.keep_bonus");
}

TEST(Issue19PairWeightInt64Max, TheLargestAllowedWeightsScheduleExactlyAndOptimally) {
  // Every weight at the limit: the objective is exact, the bound true, optimality honest.
  TempDir dir;
  json inst = small_instance();
  for (auto& p : inst["pairs"]) p["weight"] = match::kMaxWeight;
  std::ofstream(dir.path("big.json")) << inst.dump();
  auto r = run_cli("match schedule " + dir.path("big.json") + " --time-limit 20 --output " +
                   dir.path("s.json"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  auto text = io::read_text_file(dir.path("s.json"));
  const json schedule = json::parse(*text);
  const long long meetings = schedule["objective_parts"]["meetings"].get<long long>();
  // small-s1 fills every table of every slot (96 meetings) and gives everyone two meetings.
  EXPECT_EQ(meetings, 96);
  EXPECT_EQ(schedule["objective_parts"]["pair_weight"].get<long long>(),
            meetings * match::kMaxWeight);
  EXPECT_GE(schedule["upper_bound"].get<long long>(), schedule["objective"].get<long long>());
  if (schedule["proven_optimal"].get<bool>()) {
    EXPECT_EQ(schedule["upper_bound"], schedule["objective"]);
  }
  auto check = run_cli("match check " + dir.path("big.json") + " " + dir.path("s.json"));
  EXPECT_EQ(check.exit_code, 0) << check.output;
}

TEST(Issue19PairWeightInt64Max, ObjectivesBeyondTwoToThe53AreRefused) {
  // Within the per-value limits, but the sum of every bonus could exceed exact arithmetic.
  match::Instance inst;
  inst.name = "sum";
  for (int s = 0; s < match::kMaxSlots; ++s) inst.slots.push_back({s, "", ""});
  inst.tables_per_slot.assign(match::kMaxSlots, 1);
  inst.fairness_bonus.assign(match::kMaxSlots, match::kMaxWeight);
  for (int i = 0; i < 10000; ++i) {
    match::Participant p;
    p.id = "P" + std::to_string(i);
    inst.participants.push_back(p);
  }
  const core::Diagnostics diag = match::validate_instance(inst);
  ASSERT_TRUE(diag.has_errors());
  EXPECT_NE(diag.to_error().to_string().find("2^53"), std::string::npos)
      << diag.to_error().to_string();
  inst.participants.resize(100);  // 100 x 1000 x 1e9 = 1e14 < 2^53: fine
  EXPECT_FALSE(match::validate_instance(inst).has_errors());
}

TEST(Issue19SlotTime2599, IsRefusedAtInput) {
  expect_schedule_rejects([](json& j) { j["slots"][0]["start"] = "25:99"; },
                          "$.slots[0].start: slot times '25:99'");
  expect_schedule_rejects([](json& j) { j["slots"][3]["end"] = j["slots"][3]["start"]; },
                          "$.slots[3].end");
  expect_schedule_rejects([](json& j) { j["slots"][4]["start"] = "14:00"; }, "$.slots[4].start");
}

TEST(Issue19DateAndTimezone, BadDatesAndZonesAreRefusedAtInput) {
  for (const char* date : {"2023-13-45", "2023-02-30", "2023-2-3", "2023-11-31"}) {
    expect_schedule_rejects(
        [&](json& j) {
          j["event"] = {{"date", date}};
        },
        std::string("event date '") + date + "'");
  }
  expect_schedule_rejects(
      [](json& j) {
        j["event"] = {{"timezone", "Mars/Olympus"}};
      },
      "$.event.timezone: time zone 'Mars/Olympus'");
  EXPECT_TRUE(match::is_calendar_date("2024-02-29"));
  EXPECT_FALSE(match::is_calendar_date("2023-02-29"));
  EXPECT_FALSE(match::is_calendar_date("1900-02-29"));
  EXPECT_TRUE(match::is_calendar_date("2000-02-29"));

  const std::string profiles = testing::source_path("examples/event/profiles.csv");
  for (const char* flags : {"--date 2023-13-45", "--date 2023-02-30", "--timezone Mars/Olympus"}) {
    TempDir dir;
    auto r = run_cli("match score " + profiles + " " + std::string(flags) + " --output " +
                     dir.path("i.json"));
    EXPECT_EQ(r.exit_code, 3) << flags << ": " << r.output;
    EXPECT_FALSE(std::ifstream(dir.path("i.json")).good());
  }
  // The agenda command refuses them as well (--date/--timezone override the instance).
  TempDir dir;
  const std::string inst = test_data("match/small-s1.json");
  const std::string opt = test_data("match/small-s1.opt.json");
  auto a = run_cli("match agenda " + inst + " " + opt + " --out-dir " + dir.path("a") +
                   " --date 2023-02-30");
  EXPECT_EQ(a.exit_code, 3) << a.output;
  auto z = run_cli("match agenda " + inst + " " + opt + " --out-dir " + dir.path("a") +
                   " --date 2023-11-30 --timezone Mars/Olympus");
  EXPECT_EQ(z.exit_code, 3) << z.output;
  EXPECT_NE(z.output.find("Mars/Olympus"), std::string::npos) << z.output;
}

TEST(Issue19SlotMinutes100000, IsRefusedInsteadOfWrappingTimes) {
  const std::string profiles = testing::source_path("examples/event/profiles.csv");
  TempDir dir;
  auto r =
      run_cli("match score " + profiles + " --slot-minutes 100000 --output " + dir.path("i.json"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("slot length 100000 minutes"), std::string::npos) << r.output;
  // A session that would run past midnight wraps no more either.
  auto late = run_cli("match score " + profiles + " --start 23:00 --slots 16 --output " +
                      dir.path("i.json"));
  EXPECT_EQ(late.exit_code, 3) << late.output;
  EXPECT_NE(late.output.find("end after 23:59"), std::string::npos) << late.output;
  EXPECT_FALSE(std::ifstream(dir.path("i.json")).good());
}

TEST(Issue19LockedMeetingAtMissingTable, IsAnErrorNotASilentMove) {
  expect_schedule_rejects(
      [](json& j) {
        j["previous_schedule"] = json::array({{{"k", j["pairs"][0]["k"]},
                                               {"f", j["pairs"][0]["f"]},
                                               {"slot", 0},
                                               {"table", 50},
                                               {"locked", true}}});
      },
      "$.previous_schedule[0].table: locked meeting at table 50, which does not exist");
  expect_schedule_rejects(
      [](json& j) {
        j["previous_schedule"] = json::array({{{"k", j["pairs"][0]["k"]},
                                               {"f", j["pairs"][0]["f"]},
                                               {"slot", 0},
                                               {"table", 1},
                                               {"locked", true}},
                                              {{"k", j["pairs"][5]["k"]},
                                               {"f", j["pairs"][5]["f"]},
                                               {"slot", 0},
                                               {"table", 1},
                                               {"locked", true}}});
      },
      "two locked meetings at table 1 in slot 0");
}

TEST(Issue19LockedMeetingAtMissingTable, ALockedMeetingKeepsItsTable) {
  TempDir dir;
  json inst = small_instance();
  // A locked meeting at the last table of slot 3: it must stay exactly there.
  const json pair = inst["pairs"][7];
  const int last = inst["tables_per_slot"][3].get<int>() - 1;
  for (auto& p : inst["participants"]) {
    if (p["id"] == pair["k"] || p["id"] == pair["f"]) {
      bool has = false;
      for (auto& s : p["available"]) has = has || s == 3;
      if (!has) p["available"].push_back(3);
    }
  }
  inst["previous_schedule"] = json::array(
      {{{"k", pair["k"]}, {"f", pair["f"]}, {"slot", 3}, {"table", last}, {"locked", true}}});
  std::ofstream(dir.path("lock.json")) << inst.dump();
  auto r = run_cli("match schedule " + dir.path("lock.json") + " --time-limit 5 --output " +
                   dir.path("s.json"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json schedule = json::parse(*io::read_text_file(dir.path("s.json")));
  int found = 0;
  for (const auto& m : schedule["meetings"]) {
    if (m["k"] == pair["k"] && m["f"] == pair["f"]) {
      ++found;
      EXPECT_EQ(m["slot"], 3);
      EXPECT_EQ(m["table"], last);
      EXPECT_EQ(m.value("locked", false), true);
    }
  }
  EXPECT_EQ(found, 1);
}

TEST(Issue19NonUtf8Profiles, AreExitThreeNamingFileAndRow) {
  TempDir dir;
  std::ofstream(dir.path("p.csv"), std::ios::binary)
      << "id,side,country,organisation\nK1,K,KR,Samsung\nF1,F,US,IE\xff"
         "A\n";
  auto r = run_cli("match score " + dir.path("p.csv") + " --output " + dir.path("i.json"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("p.csv:3:organisation"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("UTF-8"), std::string::npos) << r.output;
  EXPECT_FALSE(std::ifstream(dir.path("i.json")).good());
  // Truncated and overlong sequences too; valid Korean text is fine.
  for (const std::string& bad : {std::string("\xec\x84"), std::string("\xc0\xaf")}) {
    std::ofstream(dir.path("q.csv"), std::ios::binary)
        << "id,side,country,organisation\nK1,K,KR," << bad << "\nF1,F,US,IEA\n";
    EXPECT_EQ(run_cli("match score " + dir.path("q.csv")).exit_code, 3);
  }
  std::ofstream(dir.path("ok.csv"), std::ios::binary)
      << "id,side,country,organisation\nK1,K,KR,삼성SDI\nF1,F,US,IEA\n";
  EXPECT_EQ(run_cli("match score " + dir.path("ok.csv")).exit_code, 0);
}

}  // namespace
}  // namespace urbanmine
