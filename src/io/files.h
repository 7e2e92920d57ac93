// SPDX-License-Identifier: Apache-2.0
// File helpers used at the edges: read a whole text file (size-capped), write a file atomically
// (to a temporary file beside it, fsync, then rename) so that nothing partial is ever left
// behind, and replace a whole folder crash-safely (replace_dir, recover_dir).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace urbanmine::io {

// Input files larger than this are refused before they are read (a 50 MB scenario once cost
// 1.5 GB of memory): no input of the tool comes near it (docs/reliability.md).
inline constexpr std::uintmax_t kMaxInputFileBytes = 32ULL * 1024 * 1024;

// The whole file; an InvalidInput error naming the file when it is larger than `max_bytes`.
core::Result<std::string> read_text_file(const std::string& path,
                                         std::uintmax_t max_bytes = kMaxInputFileBytes);

// Writes `content` to `path` via `path.tmp-XXXX`, fsync(2) and rename(2), then fsyncs the
// folder. Creates no directories.
core::Status write_file_atomic(const std::string& path, const std::string& content);

// fsync(2) of every regular file under `dir` (recursively) and of every folder, `dir` included.
core::Status sync_tree(const std::string& dir);

// Fault injection for crash tests: when the environment variable URBANMINE_FAULT_AT equals
// `step`, the process ends at once with _exit(kFaultExitCode), as a kill -9 would leave it.
inline constexpr int kFaultExitCode = 86;
void fault_point(const char* step);

// The steps of replace_dir, in order, at which a fault can be injected (for tests), and
// "replace:committed" (after the commit of a database outside the folder, before the previous
// folder is removed).
std::vector<std::string> replace_dir_fault_steps();

// Which entries a folder may hold for replace_dir to replace it. A folder replace_dir made holds
// a manifest (kManifestFile) naming every file it put there; those are the tool's. A folder
// without a manifest (made by an earlier version) may hold `legacy_names` and files ending in
// one of `legacy_extensions`. Anything else is foreign: replace_dir refuses and names it.
struct DirOwnership {
  std::vector<std::string> legacy_names;
  std::vector<std::string> legacy_extensions;  // e.g. ".csv"
};
inline constexpr const char* kManifestFile = ".urbanmine-files";

// The entries of `target` (names relative to it, sorted) that the tool did not write; empty when
// `target` does not exist.
std::vector<std::string> foreign_entries(const std::string& target, const DirOwnership& owned);

// InvalidInput naming every foreign entry of `target` (foreign_entries), or ok.
core::Status check_no_foreign_entries(const std::string& target, const DirOwnership& owned);

// Replaces the folder `target` by the folder `staged` (a sibling of it, same file system) so
// that after a crash at any step the next recover_dir(target) finds either the previous complete
// folder or the new complete one:
//   1. refuses (InvalidInput, listing them) when `target` holds foreign entries;
//   2. writes the manifest into `staged` and fsyncs every file and folder in it;
//   3. swaps the two folders in one step (renameat2 RENAME_EXCHANGE) and fsyncs the parent; where
//      the file system cannot exchange, renames `target` to `.NAME.old-PID-N` and `staged` to
//      `target` (a crash in between leaves the old folder for recover_dir to restore);
//   4. removes the previous folder.
// `use_exchange` false forces the two-rename path (tests).
core::Status replace_dir(const std::string& staged, const std::string& target,
                         const DirOwnership& owned, bool use_exchange = true);

// replace_dir for a folder that depends on a commit elsewhere (a database outside it): the
// previous folder is kept aside, and its path returned ("" when `target` did not exist). Once the
// commit is done the caller removes it; if the commit fails (or the process is killed before
// it), undo_replace puts it back.
core::Result<std::string> replace_dir_keeping_previous(const std::string& staged,
                                                       const std::string& target,
                                                       const DirOwnership& owned,
                                                       bool use_exchange = true);

// Undoes a replace_dir_keeping_previous of process `pid` whose commit did not happen: the new
// `target` is removed and the previous folder that process moved aside comes back (no folder,
// when there was none). A crash at any step leaves a state the next recover_dir completes.
core::Status undo_replace(const std::string& target, long pid);

// Writes `files` (name inside the folder, content) as the folder `out_dir`, all or nothing: into
// a staging sibling first, then replace_dir (a folder holding entries `owned` does not cover is
// refused, naming them). Returns the paths written. An empty `out_dir` is kInvalidInput on
// `flag`.
core::Result<std::vector<std::string>> write_folder(
    const std::string& out_dir, const std::vector<std::pair<std::string, std::string>>& files,
    const DirOwnership& owned, const std::string& flag = "--out");

// Whether a process with this id is running (this process included).
bool process_running(long pid);

// The name of a temporary sibling folder of `target` for replace_dir: `.NAME.tmp-PID-N`.
std::string staging_dir_for(const std::string& target);

// Undoes what a killed replace_dir left: when `target` is missing and a `.NAME.old-*` sibling
// exists, the newest is renamed back to `target`; `.NAME.old-*` and `.NAME.tmp-*` siblings of
// processes that are no longer running are removed. Safe to call when nothing needs doing.
core::Status recover_dir(const std::string& target);

}  // namespace urbanmine::io
