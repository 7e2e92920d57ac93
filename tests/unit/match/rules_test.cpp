// SPDX-License-Identifier: Apache-2.0
// The organiser's rules of issue 15 (instance format extensions): "no thanks" vetoes, caps on
// meetings per person, forced breaks (most consecutive meetings). The scheduler honours them,
// `match check` reports every violation in hand-broken schedules, the bound stays true, and
// bad values are exit 3 with the JSON path.
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

}  // namespace
}  // namespace urbanmine
