// SPDX-License-Identifier: Apache-2.0
// `urbanmine run` killed (URBANMINE_FAULT_AT, exit 86 as a kill -9 leaves it) at every step of
// the output folder's replacement: afterwards the folder is the previous complete output or the
// new one, its database holds the previous runs or those plus the new one, and the next run
// continues the history (issue 19: a kill between two renames once lost the folder and restarted
// the database at run 1, with the history orphaned in .out.old-*).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/files.h"
#include "io/store.h"

#include "report/run_outputs.h"
#include "test_support.h"

namespace urbanmine::testing {
namespace {

namespace fs = std::filesystem;

std::size_t runs_in(const std::string& db) {
  auto store = io::Store::open(db);
  if (!store) return 0;
  auto runs = (*store)->list_runs();
  return runs ? runs->size() : 0;
}

// The folder is one run's complete output: its summary, report and Sankey, and its database
// holds the run that summary describes.
void expect_complete(const std::string& out, const std::string& step) {
  for (const char* file : {"summary.json", "sankey.json", "report.html", "urbanmine.db"}) {
    EXPECT_TRUE(fs::exists(out + "/" + file)) << step << ": " << file;
  }
  const auto summary = io::read_text_file(out + "/summary.json");
  ASSERT_TRUE(summary) << step;
  auto store = io::Store::open(out + "/urbanmine.db");
  ASSERT_TRUE(store) << step;
  auto runs = (*store)->list_runs();
  ASSERT_TRUE(runs && !runs->empty()) << step;
  std::int64_t newest = runs->front().id;
  for (const auto& r : *runs) newest = std::max(newest, r.id);
  EXPECT_EQ(*(*store)->read_file(newest, "summary.json"), *summary) << step;
}

TEST(RunCrash, KillAtEveryReplaceStepKeepsOutputAndDatabaseHistory) {
  TempDir dir;
  const std::string out = dir.path("out");
  // The database inside the folder (given with --db, or kept from an earlier version) moves with
  // it; the default workspace database beside it is the next test's case.
  const std::string run = "--no-progress run " + source_path("examples/global.toml") + " --out " +
                          out + " --db " + out + "/urbanmine.db";
  ASSERT_EQ(run_cli(run).exit_code, 0);
  std::size_t runs = 1;
  for (const auto& step : io::replace_dir_fault_steps()) {
    ::setenv("URBANMINE_FAULT_AT", step.c_str(), 1);
    const auto killed = run_cli(run);
    ::unsetenv("URBANMINE_FAULT_AT");
    EXPECT_TRUE(killed.exit_code == io::kFaultExitCode || killed.exit_code == 0)
        << step << ": " << killed.output;
    // What the next run does first: recover what the kill left.
    ASSERT_TRUE(io::recover_dir(out)) << step;
    expect_complete(out, step);
    const std::size_t now = runs_in(out + "/urbanmine.db");
    EXPECT_TRUE(now == runs || now == runs + 1) << step << ": " << now << " runs after " << runs;
    runs = now;
    std::size_t siblings = 0;
    for (const auto& e : fs::directory_iterator(dir.path())) {
      EXPECT_EQ(e.path().filename(), "out") << step;
      ++siblings;
    }
    EXPECT_EQ(siblings, 1U) << step;
  }
  // The history goes on: the next run adds exactly one run.
  ASSERT_EQ(run_cli(run).exit_code, 0);
  expect_complete(out, "after");
  EXPECT_EQ(runs_in(out + "/urbanmine.db"), runs + 1);
}

// With --db outside the folder, the run is committed after the swap. A kill at any step, then
// what the next run does first (report::recover_outputs), leaves the folder showing the run the
// database has last: the previous folder and database, or the new folder and the new run.
TEST(RunCrash, KillAtEveryStepWithADatabaseOutsideTheFolderKeepsFolderAndDatabaseInStep) {
  TempDir dir;
  const std::string out = dir.path("out");
  const std::string db = dir.path("runs.db");
  const std::string run =
      "--no-progress run " + source_path("examples/global.toml") + " --out " + out + " --db " + db;
  ASSERT_EQ(run_cli(run).exit_code, 0);
  // The token the folder's marker names is the one stored with the newest run of the database.
  const auto expect_in_step = [&](const std::string& step) {
    const auto marker = io::read_text_file(out + "/" + std::string(report::kCommitFile));
    ASSERT_TRUE(marker) << step;
    const auto field = [&](const std::string& key) {
      const auto at = marker->find(key + "=");
      return marker->substr(at + key.size() + 1, marker->find('\n', at) - at - key.size() - 1);
    };
    auto store = io::Store::open(db);
    ASSERT_TRUE(store) << step;
    auto runs = (*store)->list_runs();
    ASSERT_TRUE(runs && !runs->empty()) << step;
    std::int64_t newest = 0;
    for (const auto& r : *runs) newest = std::max(newest, r.id);
    EXPECT_EQ(std::to_string(newest), field("run_id")) << step;
    EXPECT_EQ(*(*store)->read_file(newest, std::string(report::kCommitFile)), field("token"))
        << step;
    const auto summary = io::read_text_file(out + "/summary.json");
    ASSERT_TRUE(summary) << step;
    EXPECT_EQ(*(*store)->read_file(newest, "summary.json"), *summary) << step;
  };
  std::size_t runs = 1;
  bool undone = false;
  for (const auto& step : io::replace_dir_fault_steps()) {
    ::setenv("URBANMINE_FAULT_AT", step.c_str(), 1);
    const auto killed = run_cli(run);
    ::unsetenv("URBANMINE_FAULT_AT");
    EXPECT_TRUE(killed.exit_code == io::kFaultExitCode || killed.exit_code == 0)
        << step << ": " << killed.output;
    const auto before = io::read_text_file(out + "/" + std::string(report::kCommitFile));
    ASSERT_TRUE(report::recover_outputs(out)) << step;
    const auto after = io::read_text_file(out + "/" + std::string(report::kCommitFile));
    undone |= before && after && *before != *after;
    expect_in_step(step);
    const std::size_t now = runs_in(db);
    EXPECT_TRUE(now == runs || now == runs + 1) << step << ": " << now << " runs after " << runs;
    runs = now;
    for (const auto& e : fs::directory_iterator(dir.path())) {
      const auto name = e.path().filename().string();
      EXPECT_TRUE(name == "out" || name.rfind("runs.db", 0) == 0) << step << ": " << name;
    }
  }
  EXPECT_TRUE(undone) << "no step fell between the swap and the commit";
  ASSERT_EQ(run_cli(run).exit_code, 0);
  expect_in_step("after");
  EXPECT_EQ(runs_in(db), runs + 1);
}

}  // namespace
}  // namespace urbanmine::testing
