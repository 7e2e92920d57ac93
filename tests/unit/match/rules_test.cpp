// SPDX-License-Identifier: Apache-2.0
// The organiser's rules of issue 15 (instance format extensions): "no thanks" vetoes, caps on
// meetings per person, forced breaks (most consecutive meetings). The scheduler honours them,
// `match check` reports every violation in hand-broken schedules, the bound stays true, and
// bad values are exit 3 with the JSON path. Tables of different sizes seat every delegation's
// required members.
#include <fstream>
#include <functional>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/files.h"

#include "test_support.h"

namespace urbanmine {
namespace {

using nlohmann::json;
using testing::run_cli;
using testing::TempDir;
using testing::test_data;

json load(const std::string& path) { return json::parse(*io::read_text_file(path)); }

struct Scheduled {
  json schedule;
  int exit_code = -1;
  std::string output;
};

// Schedules `inst` and returns the schedule; `match check` must accept it.
Scheduled schedule_of(const json& inst) {
  TempDir dir;
  std::ofstream(dir.path("i.json")) << inst.dump();
  auto r = run_cli("match schedule " + dir.path("i.json") + " --time-limit 5 --output " +
                   dir.path("s.json"));
  Scheduled out;
  out.exit_code = r.exit_code;
  out.output = r.output;
  if (r.exit_code != 0) return out;
  out.schedule = load(dir.path("s.json"));
  auto check = run_cli("match check " + dir.path("i.json") + " " + dir.path("s.json"));
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_GE(out.schedule["upper_bound"].get<long long>(),
            out.schedule["objective"].get<long long>());
  return out;
}

// `match check` of the reference optimum (which ignores the new rules) under `inst`.
testing::CommandResult check_optimum(const json& inst) {
  TempDir dir;
  std::ofstream(dir.path("i.json")) << inst.dump();
  return run_cli("match check " + dir.path("i.json") + " " + test_data("match/small-s1.opt.json"));
}

TEST(MatchRules, AVetoedPairNeverMeetsAndCheckReportsIt) {
  json inst = load(test_data("match/small-s1.json"));
  const json opt = load(test_data("match/small-s1.opt.json"));
  const json vetoed = opt["meetings"][0];  // a pair the unconstrained optimum uses
  inst["vetoes"] = json::array({{{"from", vetoed["f"]}, {"to", vetoed["k"]}}});
  const Scheduled s = schedule_of(inst);
  ASSERT_EQ(s.exit_code, 0) << s.output;
  for (const auto& m : s.schedule["meetings"]) {
    EXPECT_FALSE(m["k"] == vetoed["k"] && m["f"] == vetoed["f"]);
  }
  EXPECT_LT(s.schedule["objective"].get<long long>(), 20114 + 1);
  auto check = check_optimum(inst);
  EXPECT_EQ(check.exit_code, 1) << check.output;
  EXPECT_NE(check.output.find("vetoed pair"), std::string::npos) << check.output;
}

TEST(MatchRules, CapsOnMeetingsPerPersonHoldAndCheckReportsThem) {
  json inst = load(test_data("match/small-s1.json"));
  const std::string capped = inst["participants"][0]["id"];
  inst["participants"][0]["max_meetings"] = 1;
  inst["participants"][35]["max_meetings"] = 0;
  const std::string silent = inst["participants"][35]["id"];
  const Scheduled s = schedule_of(inst);
  ASSERT_EQ(s.exit_code, 0) << s.output;
  std::map<std::string, int> count;
  for (const auto& m : s.schedule["meetings"]) {
    ++count[m["k"].get<std::string>()];
    ++count[m["f"].get<std::string>()];
  }
  EXPECT_LE(count[capped], 1);
  EXPECT_EQ(count[silent], 0);
  // The worst-off participant is reported: the one capped at 0 meetings.
  EXPECT_EQ(s.schedule["objective_parts"]["min_meetings"], 0);
  auto check = check_optimum(inst);
  EXPECT_EQ(check.exit_code, 1) << check.output;
  EXPECT_NE(check.output.find(capped + ": "), std::string::npos) << check.output;
  EXPECT_NE(check.output.find("more than max_meetings 1"), std::string::npos) << check.output;
}

TEST(MatchRules, ForcedBreaksHoldAndCheckReportsLongRuns) {
  json inst = load(test_data("match/small-s1.json"));
  inst["rules"] = {{"max_consecutive_meetings", 2}};
  const Scheduled s = schedule_of(inst);
  ASSERT_EQ(s.exit_code, 0) << s.output;
  std::map<std::string, std::vector<char>> busy;
  for (const auto& m : s.schedule["meetings"]) {
    for (const char* side : {"k", "f"}) {
      auto& row = busy[m[side].get<std::string>()];
      row.resize(12, 0);
      row[m["slot"].get<int>()] = 1;
    }
  }
  for (const auto& [id, row] : busy) {
    int run = 0;
    for (char b : row) {
      run = b ? run + 1 : 0;
      EXPECT_LE(run, 2) << id;
    }
  }
  EXPECT_GT(s.schedule["objective_parts"]["meetings"].get<int>(), 0);
  // The unconstrained optimum fills every table of every slot: someone meets 3 times in a row.
  auto check = check_optimum(inst);
  EXPECT_EQ(check.exit_code, 1) << check.output;
  EXPECT_NE(check.output.find("(no break)"), std::string::npos) << check.output;
}

void expect_rejected(const std::function<void(json&)>& breakit, const std::string& needle) {
  TempDir dir;
  json inst = load(test_data("match/small-s1.json"));
  breakit(inst);
  std::ofstream(dir.path("bad.json")) << inst.dump();
  auto r = run_cli("match schedule " + dir.path("bad.json"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(needle), std::string::npos) << r.output;
}

TEST(MatchRules, BadRuleValuesAreExitThreeWithTheJsonPath) {
  expect_rejected(
      [](json& j) {
        j["vetoes"] = {{{"from", "K0000"}, {"to", "F9999"}}};
      },
      "$.vetoes[0].to: unknown participant id 'F9999'");
  expect_rejected(
      [](json& j) {
        j["vetoes"] = {{{"from", "K0000"}, {"to", "K0001"}}};
      },
      "$.vetoes[0]: a veto must name a K and an F participant");
  expect_rejected([](json& j) { j["participants"][3]["max_meetings"] = -2; },
                  "$.participants[3].max_meetings");
  expect_rejected(
      [](json& j) {
        j["rules"] = {{"max_consecutive_meetings", -1}};
      },
      "$.rules.max_consecutive_meetings");
  expect_rejected(
      [](json& j) {
        const json p = j["pairs"][0];
        j["vetoes"] = {{{"from", p["k"]}, {"to", p["f"]}}};
        j["previous_schedule"] = {
            {{"k", p["k"]}, {"f", p["f"]}, {"slot", 0}, {"table", 0}, {"locked", true}}};
      },
      "locked meeting of a vetoed pair");
}

TEST(MatchRules, ProfilesVetoesOverrideRequestsAndCapsAreKept) {
  TempDir dir;
  std::ofstream(dir.path("p.csv")) << "id,side,country,materials,requests,vetoes,max_meetings\n"
                                      "K1,K,KR,lithium,F1:1;F2:1,,2\n"
                                      "K2,K,KR,lithium,F1:1,,\n"
                                      "F1,F,US,lithium,K1:1,K2,\n"
                                      "F2,F,SE,lithium,,,\n";
  auto r = run_cli("match score " + dir.path("p.csv") + " --slots 4 --tables 2 --output " +
                   dir.path("i.json"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json inst = load(dir.path("i.json"));
  for (const auto& p : inst["pairs"]) {
    EXPECT_FALSE(p["k"] == "K2" && p["f"] == "F1") << "a vetoed request must not be a candidate";
  }
  ASSERT_EQ(inst["vetoes"].size(), 1u);
  EXPECT_EQ(inst["participants"][0]["max_meetings"], 2);
  auto bad = run_cli("match score " + dir.path("p.csv") + " --slots 4");
  EXPECT_EQ(bad.exit_code, 0);
  std::ofstream(dir.path("q.csv")) << "id,side,country,vetoes\nK1,K,KR,F9\nF1,F,US,\n";
  auto unknown = run_cli("match score " + dir.path("q.csv"));
  EXPECT_EQ(unknown.exit_code, 3) << unknown.output;
  EXPECT_NE(unknown.output.find("q.csv:2:vetoes"), std::string::npos) << unknown.output;
}

// Tables of different sizes: small-s1 with eight tables of 2 to 6 seats and delegations of two
// to four people (one member of a delegation only "if seats allow").
json seated_small() {
  json inst = load(test_data("match/small-s1.json"));
  inst["table_seats"] = {2, 2, 2, 2, 3, 3, 4, 6};
  for (int i = 0; i < 4; ++i) {  // F0000..F0003: an official and two experts, all required
    auto& p = inst["participants"][30 + i];
    p["members"] = {{{"name", "Official " + std::to_string(i)}, {"role", "director"}},
                    {{"name", "Expert A" + std::to_string(i)}, {"role", "expert"}},
                    {{"name", "Expert B" + std::to_string(i)}, {"role", "expert"}}};
  }
  inst["participants"][34]["members"] = {
      {{"name", "Head"}}, {{"name", "Aide"}, {"role", "expert"}, {"attendance", "preferred"}}};
  inst["participants"][0]["members"] = {{{"name", "CEO"}}, {{"name", "CTO"}}};
  return inst;
}

TEST(MatchRules, TablesOfDifferentSizesSeatEveryDelegationAndCheckReportsASmallTable) {
  const json inst = seated_small();
  std::map<std::string, int> seats;  // required seats per participant id
  for (const auto& p : inst["participants"]) {
    int required = 0;
    for (const auto& m : p.value("members", json::array())) {
      required += m.value("attendance", std::string("required")) == "required" ? 1 : 0;
    }
    seats[p["id"].get<std::string>()] = std::max(1, required);
  }
  EXPECT_EQ(seats["F0000"], 3);
  EXPECT_EQ(seats["F0004"], 1);           // the preferred aide takes no seat
  const Scheduled s = schedule_of(inst);  // match check accepts it
  ASSERT_EQ(s.exit_code, 0) << s.output;
  int big = 0;
  for (const auto& m : s.schedule["meetings"]) {
    const int need = seats[m["k"].get<std::string>()] + seats[m["f"].get<std::string>()];
    const int table = m["table"].get<int>();
    EXPECT_GE(inst["table_seats"][table].get<int>(), need) << m.dump();
    big += need > 3 ? 1 : 0;
  }
  EXPECT_GT(big, 0);  // the delegations did meet, at the two big tables
  EXPECT_LE(s.schedule["objective"].get<long long>(), 20114);  // a restriction of small-s1
  // The small-s1 optimum ignores table sizes: check names a delegation at a small table.
  auto r = check_optimum(inst);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.output.find(", the meeting needs 4 (K"), std::string::npos) << r.output;

  // The agendas say who comes only when seats allow.
  TempDir dir;
  std::ofstream(dir.path("i.json")) << inst.dump();
  std::ofstream(dir.path("s.json")) << s.schedule.dump();
  auto agenda = run_cli("match agenda " + dir.path("i.json") + " " + dir.path("s.json") +
                        " --out-dir " + dir.path("a") + " --date 2023-11-30");
  ASSERT_EQ(agenda.exit_code, 0) << agenda.output;
  const auto all = io::read_text_file(dir.path("a/meetings.csv"));
  ASSERT_TRUE(all.has_value());
  ASSERT_NE(all->find("F0004"), std::string::npos);  // the delegate with the aide meets
  EXPECT_NE(all->find("Aide (expert, if seats allow)"), std::string::npos) << *all;
}

TEST(MatchRules, BadTableSizesAndAttendanceAreExitThreeWithTheJsonPath) {
  expect_rejected([](json& j) { j["table_seats"] = {2, 2, 2, 2, 3, 3, 4, 1}; },
                  "$.table_seats[7]: a table seats 2 to 1000 people, not 1");
  expect_rejected(
      [](json& j) {
        j["table_seats"] = {4, 4};
      },
      "$.table_seats: table_seats has 2 entries, but a slot has 8 tables");
  expect_rejected(
      [](json& j) {
        j["participants"][0]["members"] = {{{"name", "CEO"}, {"attendance", "maybe"}}};
      },
      "$.participants[0].members[0].attendance: attendance 'maybe' is not required or preferred");
  expect_rejected(
      [](json& j) {
        j["table_seats"] = {2, 2, 2, 2, 3, 3, 4, 6};
        j["host_keeps_table"] = true;
      },
      "table_seats and host_keeps_table together are not supported");
}

}  // namespace
}  // namespace urbanmine
