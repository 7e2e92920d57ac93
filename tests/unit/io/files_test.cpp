// SPDX-License-Identifier: Apache-2.0
// io/files: the input size cap, atomic writes, and replace_dir/recover_dir, killed (through the
// URBANMINE_FAULT_AT hook, in a forked child) at every step of both the exchange and the
// two-rename paths: afterwards recover_dir always finds the previous or the new complete folder,
// and no temporary is left. Foreign files in a folder to replace are refused and named.
#include "io/files.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_support.h"

namespace urbanmine::io {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string read(const fs::path& path) {
  auto text = read_text_file(path.string());
  return text ? *text : std::string("<missing>");
}

DirOwnership owned() {
  DirOwnership o;
  o.legacy_names = {"summary.json", "urbanmine.db"};
  o.legacy_extensions = {".csv"};
  return o;
}

// A folder of one version: the summary and the database say the same version.
void fill(const fs::path& dir, const std::string& version) {
  fs::create_directories(dir);
  write(dir / "summary.json", version);
  write(dir / "urbanmine.db", "db " + version);
  write(dir / "table.csv", "csv " + version);
}

// Stages a "new" folder and replaces `target` by it in a child process killed at `step` (so the
// temporaries carry the pid of a dead process, as after a real kill); returns its exit code.
int replace_in_child(const fs::path& target, const std::string& step, bool use_exchange) {
  const pid_t pid = fork();
  if (pid == 0) {
    ::setenv("URBANMINE_FAULT_AT", step.c_str(), 1);
    const fs::path staged = staging_dir_for(target.string());
    fill(staged, "new");
    const auto st = replace_dir(staged.string(), target.string(), owned(), use_exchange);
    ::_exit(st ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void expect_complete(const fs::path& target, const std::string& step) {
  const std::string version = read(target / "summary.json");
  ASSERT_TRUE(version == "old" || version == "new") << step << ": " << version;
  EXPECT_EQ(read(target / "urbanmine.db"), "db " + version) << step;
  EXPECT_EQ(read(target / "table.csv"), "csv " + version) << step;
}

void kill_at_every_step(bool use_exchange) {
  for (const auto& step : replace_dir_fault_steps()) {
    testing::TempDir dir;
    const fs::path target = fs::path(dir.path()) / "out";
    fill(target, "old");
    const int code = replace_in_child(target, step, use_exchange);
    EXPECT_TRUE(code == kFaultExitCode || code == 0) << step << " exit " << code;
    ASSERT_TRUE(recover_dir(target.string())) << step;
    expect_complete(target, step);
    // Nothing but the output folder is left beside it.
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(dir.path())) {
      EXPECT_EQ(e.path().filename(), "out") << step;
      ++entries;
    }
    EXPECT_EQ(entries, 1U) << step;
    // And the next replace works from there.
    const fs::path again = staging_dir_for(target.string());
    fill(again, "new");
    ASSERT_TRUE(replace_dir(again.string(), target.string(), owned(), use_exchange)) << step;
    EXPECT_EQ(read(target / "summary.json"), "new");
  }
}

TEST(ReplaceDir, KillAtEveryStepLeavesPreviousOrNewFolderWithExchange) { kill_at_every_step(true); }

TEST(ReplaceDir, KillAtEveryStepLeavesPreviousOrNewFolderWithTwoRenames) {
  kill_at_every_step(false);
}

TEST(ReplaceDir, KillBetweenTwoRenamesRestoresThePreviousFolder) {
  testing::TempDir dir;
  const fs::path target = fs::path(dir.path()) / "out";
  fill(target, "old");
  EXPECT_EQ(replace_in_child(target, "replace:moved-aside", false), kFaultExitCode);
  EXPECT_FALSE(fs::exists(target));  // the state the issue found: history aside in .out.old-*
  ASSERT_TRUE(recover_dir(target.string()));
  EXPECT_EQ(read(target / "summary.json"), "old");
  EXPECT_EQ(read(target / "urbanmine.db"), "db old");
}

// A replace that kept the previous folder for a commit that then failed: undo_replace puts the
// previous folder back (with an exchange and with two renames), or removes the new folder when
// there was none; nothing is left beside it.
TEST(ReplaceDir, UndoReplacePutsThePreviousFolderBack) {
  for (const bool use_exchange : {true, false}) {
    testing::TempDir dir;
    const fs::path target = fs::path(dir.path()) / "out";
    fill(target, "old");
    const fs::path staged = staging_dir_for(target.string());
    fill(staged, "new");
    auto previous =
        replace_dir_keeping_previous(staged.string(), target.string(), owned(), use_exchange);
    ASSERT_TRUE(previous) << previous.error().to_string();
    EXPECT_EQ(read(target / "summary.json"), "new");
    EXPECT_EQ(read(fs::path(*previous) / "summary.json"), "old") << use_exchange;
    ASSERT_TRUE(undo_replace(target.string(), ::getpid()));
    expect_complete(target, use_exchange ? "exchange" : "two renames");
    EXPECT_EQ(read(target / "summary.json"), "old");
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(dir.path())) {
      EXPECT_EQ(e.path().filename(), "out") << use_exchange;
      ++entries;
    }
    EXPECT_EQ(entries, 1U);
  }
  testing::TempDir dir;
  const fs::path target = fs::path(dir.path()) / "fresh";
  const fs::path staged = staging_dir_for(target.string());
  fill(staged, "new");
  auto previous = replace_dir_keeping_previous(staged.string(), target.string(), owned());
  ASSERT_TRUE(previous);
  EXPECT_TRUE(previous->empty());
  ASSERT_TRUE(undo_replace(target.string(), ::getpid()));
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(ReplaceDir, StaleTemporariesOfKilledRunsAreCleaned) {
  testing::TempDir dir;
  const fs::path target = fs::path(dir.path()) / "out";
  fill(target, "old");
  // A pid that cannot be running (above the kernel's pid_max).
  const fs::path stale = fs::path(dir.path()) / ".out.tmp-99999999-1-0";
  fill(stale, "half");
  const fs::path live = staging_dir_for(target.string());  // this process: still running
  fill(live, "mine");
  ASSERT_TRUE(recover_dir(target.string()));
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_EQ(read(target / "summary.json"), "old");
}

TEST(ReplaceDir, FolderWithForeignFilesIsRefusedNamingThem) {
  testing::TempDir dir;
  const fs::path target = fs::path(dir.path()) / "out";
  fill(target, "old");
  write(target / "notes.txt", "mine, not urbanmine's");
  fs::create_directories(target / "photos");
  write(target / "photos" / "a.jpg", "jpeg");
  const fs::path staged = staging_dir_for(target.string());
  fill(staged, "new");
  const auto st = replace_dir(staged.string(), target.string(), owned());
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(st.error().message.find("notes.txt"), std::string::npos) << st.error().message;
  EXPECT_NE(st.error().message.find("photos/a.jpg"), std::string::npos) << st.error().message;
  EXPECT_EQ(read(target / "notes.txt"), "mine, not urbanmine's");
  EXPECT_EQ(read(target / "summary.json"), "old");
}

TEST(ReplaceDir, ManifestNamesWhatTheToolWrote) {
  testing::TempDir dir;
  const fs::path target = fs::path(dir.path()) / "out";
  const fs::path first = staging_dir_for(target.string());
  fill(first, "old");
  write(first / "extra.html", "listed in the manifest");
  ASSERT_TRUE(replace_dir(first.string(), target.string(), owned()));
  EXPECT_TRUE(foreign_entries(target.string(), owned()).empty());
  // A file added afterwards by someone else is foreign even with a tool-like name.
  write(target / "added.csv", "someone's");
  EXPECT_EQ(foreign_entries(target.string(), owned()), std::vector<std::string>{"added.csv"});
}

TEST(ReadTextFile, FileOverTheSizeCapIsRefusedNamingIt) {
  testing::TempDir dir;
  const std::string path = dir.path("big.toml");
  write(path, std::string(4096, 'x'));
  const auto text = read_text_file(path, 1024);
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(text.error().location, path);
  EXPECT_TRUE(read_text_file(path, 4096));
}

TEST(WriteFileAtomic, ReplacesContentAndLeavesNoTemporary) {
  testing::TempDir dir;
  const std::string path = dir.path("a.txt");
  write(path, "old");
  ASSERT_TRUE(write_file_atomic(path, "new"));
  EXPECT_EQ(read(path), "new");
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 1U);
}

}  // namespace
}  // namespace urbanmine::io
