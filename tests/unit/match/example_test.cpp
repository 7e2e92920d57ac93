// SPDX-License-Identifier: Apache-2.0
// The example event (examples/event) runs end to end: 18 profiles scored, scheduled with a proof
// of optimality, checked, and one CSV and one ICS agenda written per participant with meetings.
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/files.h"

#include "test_support.h"

namespace urbanmine {
namespace {

TEST(MatchExample, EventRunsEndToEnd) {
  testing::TempDir dir;
  const std::string bin_dir = std::filesystem::path(URBANMINE_BIN).parent_path().string();
  const std::string cmd = "bash " + testing::source_path("examples/event/run.sh") + " " + bin_dir +
                          " " + dir.path() + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buf[4096];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
  ASSERT_EQ(pclose(pipe), 0) << output;
  auto text = io::read_text_file(dir.path("schedule.json"));
  ASSERT_TRUE(text.has_value());
  const auto schedule = nlohmann::json::parse(*text);
  EXPECT_TRUE(schedule["proven_optimal"].get<bool>());
  EXPECT_EQ(schedule["objective_parts"]["participants_without_meetings"], 0);
  auto check = io::read_text_file(dir.path("check.json"));
  ASSERT_TRUE(check.has_value());
  EXPECT_TRUE(nlohmann::json::parse(*check)["feasible"].get<bool>());
  for (const char* id : {"K01", "K06", "F01", "F12"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.path(std::string("agendas/") + id + ".ics"))) << id;
    EXPECT_TRUE(std::filesystem::exists(dir.path(std::string("agendas/") + id + ".csv"))) << id;
    EXPECT_TRUE(std::filesystem::exists(dir.path(std::string("dealsheets/") + id + ".html"))) << id;
    EXPECT_TRUE(std::filesystem::exists(dir.path(std::string("dealsheets-ko/") + id + ".html")))
        << id;
  }
}

}  // namespace
}  // namespace urbanmine
