// SPDX-License-Identifier: Apache-2.0
// The example event (examples/event) runs end to end: 18 profiles and 2 interpreters scored,
// scheduled with a proof of optimality, checked, and one CSV and one ICS agenda written per
// participant with meetings (and a CSV per interpreter).
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
  // Languages and interpreters: KIGAM speaks Korean only and the Indonesian delegation
  // Indonesian only, so their meetings name an interpreter who speaks a language of each side;
  // each interpreter gets a list of its meetings.
  int interpreted = 0;
  for (const auto& m : schedule["meetings"]) {
    if (!m.contains("interpreter")) {
      EXPECT_NE(m["k"], "K06") << "KIGAM met without an interpreter";
      EXPECT_NE(m["f"], "F07") << "the Indonesian delegation met without an interpreter";
      continue;
    }
    ++interpreted;
    if (m["f"] == "F07") {
      EXPECT_EQ(m["interpreter"], "I02");  // the only one speaking Indonesian
    }
  }
  EXPECT_GT(interpreted, 3);
  EXPECT_TRUE(std::filesystem::exists(dir.path("agendas/I01.csv")));
  EXPECT_TRUE(std::filesystem::exists(dir.path("agendas/I02.csv")));
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
