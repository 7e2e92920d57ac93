// SPDX-License-Identifier: Apache-2.0
// `urbanmine match schedule|check` end to end: output schedules pass `match check` and the
// reference evaluator (tools/reference/match-tools/milp.py eval) agrees on the objective; bad
// instances end with exit 3 and name the offending entry; infeasible schedules exit 1.
#include <cstdio>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/files.h"

#include "test_support.h"

namespace urbanmine {
namespace {

using nlohmann::json;
using testing::run_cli;
using testing::source_path;
using testing::TempDir;
using testing::test_data;

json read_json(const std::string& path) {
  auto text = io::read_text_file(path);
  EXPECT_TRUE(text.has_value()) << path;
  return json::parse(*text);
}

void write_json(const std::string& path, const json& j) { std::ofstream(path) << j.dump(); }

// Runs a shell command, capturing stdout and stderr.
testing::CommandResult run_shell(const std::string& cmd) {
  testing::CommandResult result;
  FILE* pipe = popen((cmd + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

// Objective printed by the reference evaluator, or -1 when it reports errors.
long long reference_objective(const std::string& instance, const std::string& schedule) {
  const auto r = run_shell("python3 " + source_path("tools/reference/match-tools/milp.py") +
                           " eval " + instance + " " + schedule);
  if (r.exit_code != 0) return -1;
  const auto start = r.output.find('{');
  return json::parse(r.output.substr(start))["objective"].get<long long>();
}

class MatchCli : public ::testing::TestWithParam<std::string> {};

TEST_P(MatchCli, ScheduleIsFeasibleAndTheReferenceEvaluatorAgrees) {
  TempDir dir;
  const std::string instance = test_data("match/" + GetParam() + ".json");
  const std::string out = dir.path("schedule.json");
  auto r = run_cli("match schedule " + instance + " --time-limit 60 --output " + out);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const json schedule = read_json(out);
  const long long objective = schedule["objective"].get<long long>();
  EXPECT_GE(schedule["upper_bound"].get<long long>(), objective);
  EXPECT_EQ(schedule["instance"], read_json(instance)["name"]);
  auto check = run_cli("match check " + instance + " " + out + " --output " + dir.path("c.json"));
  EXPECT_EQ(check.exit_code, 0) << check.output;
  const json report = read_json(dir.path("c.json"));
  EXPECT_TRUE(report["feasible"].get<bool>());
  EXPECT_EQ(report["objective"].get<long long>(), objective);
  EXPECT_EQ(reference_objective(instance, out), objective);
}

INSTANTIATE_TEST_SUITE_P(ReferenceInstances, MatchCli,
                         ::testing::Values("small-s1", "medium-s1", "medium-s1-cancel"));

// `--max-min`: fairness first. The schedule is feasible, the reference evaluator scores it as
// urbanmine does, and its "fairness" says small-s1's level (3; level 4 proven impossible).
TEST(MatchCliMaxMin, FairnessFirstScheduleIsCheckedByTheReferenceEvaluator) {
  TempDir dir;
  const std::string instance = test_data("match/small-s1.json");
  const std::string out = dir.path("schedule.json");
  auto r = run_cli("match schedule " + instance + " --max-min --time-limit 60 --output " + out);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("max-min: every participant holds at least min(3"), std::string::npos)
      << r.output;
  const json schedule = read_json(out);
  EXPECT_EQ(schedule["fairness"]["guaranteed_meetings"], 3);
  EXPECT_EQ(schedule["fairness"]["next_level_status"], "proven-infeasible");
  auto check = run_cli("match check " + instance + " " + out + " --output " + dir.path("c.json"));
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_EQ(reference_objective(instance, out), schedule["objective"].get<long long>());
}

TEST(MatchCliCheck, InfeasibleScheduleExitsOneAndListsTheViolation) {
  TempDir dir;
  json schedule = read_json(test_data("match/small-s1.opt.json"));
  schedule["meetings"][1]["slot"] = schedule["meetings"][0]["slot"];
  schedule["meetings"][1]["k"] = schedule["meetings"][0]["k"];
  write_json(dir.path("bad.json"), schedule);
  auto r = run_cli("match check " + test_data("match/small-s1.json") + " " + dir.path("bad.json"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("already has a meeting in this slot"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\"feasible\": false"), std::string::npos);
}

TEST(MatchCliCheck, UnknownIdsInAScheduleAreNamed) {
  TempDir dir;
  json schedule = read_json(test_data("match/small-s1.opt.json"));
  schedule["meetings"][2]["f"] = "F4242";
  write_json(dir.path("bad.json"), schedule);
  auto r = run_cli("match check " + test_data("match/small-s1.json") + " " + dir.path("bad.json"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("meeting 2: unknown participant id 'F4242'"), std::string::npos)
      << r.output;
}

// Writes a broken copy of small-s1 and expects exit 3 with `needle` in the message.
void expect_bad_instance(const std::function<void(json&)>& breakit, const std::string& needle) {
  TempDir dir;
  json inst = read_json(test_data("match/small-s1.json"));
  breakit(inst);
  write_json(dir.path("bad.json"), inst);
  auto r = run_cli("match schedule " + dir.path("bad.json") + " --output " + dir.path("o.json"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(needle), std::string::npos) << r.output;
  EXPECT_FALSE(std::ifstream(dir.path("o.json")).good()) << "nothing partial may be written";
}

TEST(MatchCliBadInput, UnknownIdInPairs) {
  expect_bad_instance([](json& j) { j["pairs"][3]["f"] = "F9999"; }, "$.pairs[3].f");
  expect_bad_instance([](json& j) { j["pairs"][3]["f"] = "F9999"; },
                      "unknown participant id 'F9999'");
}

TEST(MatchCliBadInput, SlotIdOutOfRange) {
  expect_bad_instance([](json& j) { j["participants"][2]["available"][0] = 42; },
                      "$.participants[2].available[0]");
}

TEST(MatchCliBadInput, NegativeTableCount) {
  expect_bad_instance([](json& j) { j["tables_per_slot"][4] = -1; }, "$.tables_per_slot[4]");
}

TEST(MatchCliBadInput, DuplicateParticipant) {
  expect_bad_instance([](json& j) { j["participants"][5]["id"] = j["participants"][4]["id"]; },
                      "$.participants[5].id");
}

TEST(MatchCliBadInput, MalformedJson) {
  TempDir dir;
  std::ofstream(dir.path("bad.json")) << "{\"name\": \"x\", \"slots\": [";
  auto r = run_cli("match schedule " + dir.path("bad.json"));
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("malformed JSON"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("bad.json"), std::string::npos) << r.output;
}

TEST(MatchCliBadInput, MissingFileIsAnIoError) {
  auto r = run_cli("match schedule /nonexistent/instance.json");
  EXPECT_NE(r.exit_code, 0);
}

}  // namespace
}  // namespace urbanmine
