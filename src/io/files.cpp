// SPDX-License-Identifier: Apache-2.0
// Whole-file reads, atomic writes and crash-safe folder replacement.
#include "io/files.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "io/read_log.h"

namespace urbanmine::io {

namespace fs = std::filesystem;

namespace {

std::string unique_suffix() {
  static std::atomic<unsigned> counter{0};
  std::random_device rd;
  return std::to_string(::getpid()) + "-" + std::to_string(rd() % 1000000U) + "-" +
         std::to_string(counter.fetch_add(1));
}

core::Status fsync_path(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) {
    return core::Error::io(std::string("cannot open for fsync: ") + std::strerror(errno),
                           path.string(), "check permissions");
  }
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0 && err != EINVAL) {  // EINVAL: a file system without fsync (nothing to flush)
    return core::Error::io(std::string("fsync failed: ") + std::strerror(err), path.string(),
                           "check the disk");
  }
  return {};
}

fs::path parent_of(const fs::path& target) {
  const fs::path parent = target.parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// ".NAME.KIND-" prefix of the temporaries of `target`.
std::string sibling_prefix(const fs::path& target, const char* kind) {
  return "." + target.filename().string() + "." + kind + "-";
}

// The pid in "PID-..." (the start of a temporary's suffix), or -1.
long suffix_pid(const std::string& suffix) {
  char* end = nullptr;
  const long pid = std::strtol(suffix.c_str(), &end, 10);
  return (end != suffix.c_str() && *end == '-' && pid > 0) ? pid : -1;
}

bool process_alive(long pid) {
  if (pid <= 0) return false;
  if (pid == ::getpid()) return true;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

std::vector<std::string> read_manifest(const fs::path& dir, bool& found) {
  std::vector<std::string> names;
  std::ifstream in(dir / kManifestFile);
  found = static_cast<bool>(in);
  std::string line;
  while (found && std::getline(in, line)) {
    if (!line.empty()) names.push_back(line);
  }
  return names;
}

// Every regular file under `dir`, relative to it, sorted.
std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_directory(ec)) continue;
    out.push_back(fs::relative(it->path(), dir, ec).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

int exchange_paths(const fs::path& a, const fs::path& b) {
#if defined(SYS_renameat2) && defined(RENAME_EXCHANGE)
  return static_cast<int>(
      ::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE));
#else
  errno = ENOSYS;
  return -1;
#endif
}

}  // namespace

core::Result<std::string> read_text_file(const std::string& path, std::uintmax_t max_bytes) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    return core::Error::not_found("file does not exist", path, "check the path");
  }
  if (fs::is_directory(path, ec)) {
    return core::Error::invalid_input("expected a file but found a directory", path,
                                      "give the path of a file");
  }
  const auto size = fs::is_regular_file(path, ec) ? fs::file_size(path, ec) : 0;
  if (!ec && size > max_bytes) {
    return core::Error::invalid_input(
        "file is " + std::to_string(size) + " bytes, more than the " + std::to_string(max_bytes) +
            " bytes an input file may have",
        path, "input files of urbanmine are small text files; check that this is the right file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::Error::io(std::string("cannot open file: ") + std::strerror(errno), path,
                           "check that the file is readable");
  }
  // Read at most max_bytes + 1 so that a file growing (or a pipe) cannot exceed the cap.
  std::string text;
  std::vector<char> buffer(64 * 1024);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      return core::Error::invalid_input(
          "file is larger than the " + std::to_string(max_bytes) + " bytes an input file may have",
          path, "input files of urbanmine are small text files; check that this is the right file");
    }
  }
  if (in.bad()) return core::Error::io("error while reading file", path);
  note_file_read(path, text);  // provenance of the current FileReadScope (io/read_log.h)
  return text;
}

core::Status write_file_atomic(const std::string& path, const std::string& content) {
  const fs::path target(path);
  const std::string tmp = path + ".tmp-" + unique_suffix();
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return core::Error::io(std::string("cannot create file: ") + std::strerror(errno), path,
                             "check that the directory exists and is writable");
    }
    out << content;
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return core::Error::io("error while writing file", path, "check free disk space");
    }
  }
  if (auto st = fsync_path(tmp, false); !st) {
    std::remove(tmp.c_str());
    return st;
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return core::Error::io("cannot move file into place: " + ec.message(), path);
  }
  return fsync_path(parent_of(target), true);
}

core::Status sync_tree(const std::string& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    const bool is_dir = it->is_directory(ec);
    if (!is_dir && !it->is_regular_file(ec)) continue;
    URBANMINE_TRY_STATUS(fsync_path(it->path(), is_dir));
  }
  if (ec) return core::Error::io("cannot list folder: " + ec.message(), dir);
  return fsync_path(dir, true);
}

void fault_point(const char* step) {
  const char* at = std::getenv("URBANMINE_FAULT_AT");
  if (at != nullptr && std::strcmp(at, step) == 0) ::_exit(kFaultExitCode);
}

std::vector<std::string> replace_dir_fault_steps() {
  return {"replace:begin",         "replace:synced",  "replace:moved-aside", "replace:swapped",
          "replace:parent-synced", "replace:cleaned", "replace:committed"};
}

std::vector<std::string> foreign_entries(const std::string& target, const DirOwnership& owned) {
  std::error_code ec;
  if (!fs::is_directory(target, ec)) return {};
  bool has_manifest = false;
  const auto manifest = read_manifest(target, has_manifest);
  const std::set<std::string> listed(manifest.begin(), manifest.end());
  std::vector<std::string> foreign;
  for (const auto& name : files_under(target)) {
    if (name == kManifestFile) continue;
    if (has_manifest) {
      if (listed.count(name) == 0) foreign.push_back(name);
      continue;
    }
    const bool legacy_name = std::find(owned.legacy_names.begin(), owned.legacy_names.end(),
                                       name) != owned.legacy_names.end();
    const bool legacy_ext =
        name.find('/') == std::string::npos &&
        std::any_of(owned.legacy_extensions.begin(), owned.legacy_extensions.end(),
                    [&](const std::string& ext) {
                      return name.size() > ext.size() &&
                             name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
                    });
    if (!legacy_name && !legacy_ext) foreign.push_back(name);
  }
  return foreign;
}

core::Status check_no_foreign_entries(const std::string& target, const DirOwnership& owned) {
  const auto foreign = foreign_entries(target, owned);
  if (foreign.empty()) return {};
  std::string list;
  for (std::size_t i = 0; i < foreign.size(); ++i) list += (i ? ", " : "") + foreign[i];
  return core::Error::invalid_input(
      "the output folder holds files urbanmine did not write: " + list, target,
      "move them elsewhere, or pass a new folder to --out; urbanmine never deletes them");
}

std::string staging_dir_for(const std::string& target) {
  const fs::path t(target);
  return (parent_of(t) / (sibling_prefix(t, "tmp") + unique_suffix())).string();
}

namespace {

// replace_dir's steps; the previous folder is removed, or kept and its path returned.
core::Result<std::string> replace_dir_impl(const std::string& staged, const std::string& target,
                                           const DirOwnership& owned, bool use_exchange,
                                           bool keep_previous) {
  const fs::path staged_path(staged);
  const fs::path target_path(target);
  const fs::path parent = parent_of(target_path);
  URBANMINE_TRY_STATUS(check_no_foreign_entries(target, owned));
  fault_point("replace:begin");
  {
    std::string manifest;
    for (const auto& name : files_under(staged_path)) {
      if (name != kManifestFile) manifest += name + "\n";
    }
    std::ofstream out(staged_path / kManifestFile, std::ios::binary | std::ios::trunc);
    out << manifest;
    out.close();
    if (!out) {
      return core::Error::io("cannot write the output manifest", staged,
                             "check free disk space and permissions");
    }
  }
  URBANMINE_TRY_STATUS(sync_tree(staged));
  fault_point("replace:synced");
  std::error_code ec;
  const bool target_exists = fs::exists(target_path, ec);
  fs::path previous;  // where the previous folder is after the swap
  if (!target_exists) {
    fs::rename(staged_path, target_path, ec);
    if (ec) {
      return core::Error::io("cannot move the outputs into place: " + ec.message(), target,
                             "check permissions on the output folder");
    }
    fault_point("replace:swapped");
  } else if (use_exchange && exchange_paths(staged_path, target_path) == 0) {
    previous = staged_path;
    fault_point("replace:swapped");
  } else {
    // No exchange on this file system: two renames. recover_dir undoes a crash between them.
    previous = parent / (sibling_prefix(target_path, "old") + unique_suffix());
    fs::rename(target_path, previous, ec);
    if (ec) {
      return core::Error::io("cannot move the old output folder aside: " + ec.message(), target,
                             "check permissions on the output folder");
    }
    URBANMINE_TRY_STATUS(fsync_path(parent, true));
    fault_point("replace:moved-aside");
    fs::rename(staged_path, target_path, ec);
    if (ec) {
      std::error_code ignored;
      fs::rename(previous, target_path, ignored);
      return core::Error::io("cannot move the outputs into place: " + ec.message(), target,
                             "check permissions on the output folder");
    }
    fault_point("replace:swapped");
  }
  URBANMINE_TRY_STATUS(fsync_path(parent, true));
  fault_point("replace:parent-synced");
  if (keep_previous) return previous.string();
  if (!previous.empty()) fs::remove_all(previous, ec);
  fault_point("replace:cleaned");
  return std::string();
}

}  // namespace

core::Status replace_dir(const std::string& staged, const std::string& target,
                         const DirOwnership& owned, bool use_exchange) {
  auto done = replace_dir_impl(staged, target, owned, use_exchange, false);
  if (!done) return done.error();
  return {};
}

core::Result<std::string> replace_dir_keeping_previous(const std::string& staged,
                                                       const std::string& target,
                                                       const DirOwnership& owned,
                                                       bool use_exchange) {
  return replace_dir_impl(staged, target, owned, use_exchange, true);
}

bool process_running(long pid) { return process_alive(pid); }

core::Status undo_replace(const std::string& target, long pid) {
  const fs::path target_path(target);
  const fs::path parent = parent_of(target_path);
  const std::string pid_text = std::to_string(pid) + "-";
  const std::string old_prefix = sibling_prefix(target_path, "old");
  const std::string tmp_prefix = sibling_prefix(target_path, "tmp");
  // The previous folder: `.NAME.tmp-PID-*` after an exchange, `.NAME.old-PID-*` after two
  // renames (the newest, should there be several).
  std::error_code ec;
  fs::path previous;
  fs::file_time_type newest{};
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    for (const auto& prefix : {old_prefix, tmp_prefix}) {
      if (name.rfind(prefix + pid_text, 0) != 0 || !entry.is_directory(ec)) continue;
      if (name.find("-undone") != std::string::npos) continue;
      const auto time = fs::last_write_time(entry.path(), ec);
      if (previous.empty() || time > newest)
        std::tie(previous, newest) = std::pair{entry.path(), time};
    }
  }
  const auto io_error = [&](const std::string& what, const fs::path& path) {
    return core::Error::io("cannot " + what + ": " + ec.message(), path.string(),
                           "check permissions on the output folder's parent");
  };
  // 1. The previous folder gets an `old` name, which recover_dir restores if target is missing.
  if (!previous.empty() && previous.filename().string().rfind(tmp_prefix, 0) == 0) {
    const fs::path renamed =
        parent / (old_prefix + previous.filename().string().substr(tmp_prefix.size()));
    fs::rename(previous, renamed, ec);
    if (ec) return io_error("move the previous output folder aside", previous);
    previous = renamed;
    URBANMINE_TRY_STATUS(fsync_path(parent, true));
  }
  // 2. The uncommitted folder becomes a temporary of the dead process (recover_dir removes it).
  const fs::path undone = parent / (tmp_prefix + pid_text + "undone-" + unique_suffix());
  if (fs::exists(target_path, ec)) {
    fs::rename(target_path, undone, ec);
    if (ec) return io_error("move the uncommitted output folder aside", target_path);
    URBANMINE_TRY_STATUS(fsync_path(parent, true));
  }
  // 3. The previous folder comes back.
  if (!previous.empty()) {
    fs::rename(previous, target_path, ec);
    if (ec) return io_error("restore the previous output folder", previous);
    URBANMINE_TRY_STATUS(fsync_path(parent, true));
  }
  fs::remove_all(undone, ec);
  return {};
}

core::Status recover_dir(const std::string& target) {
  const fs::path target_path(target);
  const fs::path parent = parent_of(target_path);
  std::error_code ec;
  if (!fs::is_directory(parent, ec)) return {};
  const std::string old_prefix = sibling_prefix(target_path, "old");
  const std::string tmp_prefix = sibling_prefix(target_path, "tmp");
  std::vector<std::pair<fs::file_time_type, fs::path>> olds;
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    for (const auto& prefix : {old_prefix, tmp_prefix}) {
      if (name.rfind(prefix, 0) != 0) continue;
      if (process_alive(suffix_pid(name.substr(prefix.size())))) continue;  // a live run's
      if (prefix == old_prefix) {
        olds.emplace_back(fs::last_write_time(entry.path(), ec), entry.path());
      } else {
        stale.push_back(entry.path());
      }
    }
  }
  if (!fs::exists(target_path, ec) && !olds.empty()) {
    // A replace was killed between its two renames: the previous folder comes back.
    std::sort(olds.begin(), olds.end());
    fs::rename(olds.back().second, target_path, ec);
    if (ec) {
      return core::Error::io("cannot restore the previous output folder: " + ec.message(),
                             olds.back().second.string(), "rename it to " + target + " by hand");
    }
    olds.pop_back();
    URBANMINE_TRY_STATUS(fsync_path(parent, true));
  }
  for (const auto& [time, path] : olds) stale.push_back(path);
  for (const auto& path : stale) {
    fs::remove_all(path, ec);
    if (ec) {
      return core::Error::io("cannot remove a temporary of a killed run: " + ec.message(),
                             path.string(), "remove it by hand");
    }
  }
  return {};
}

core::Result<std::vector<std::string>> write_folder(
    const std::string& out_dir, const std::vector<std::pair<std::string, std::string>>& files,
    const DirOwnership& owned, const std::string& flag) {
  namespace fs = std::filesystem;
  if (out_dir.empty()) {
    return core::Error::invalid_input("no output folder given", flag, "pass " + flag + " DIR");
  }
  std::error_code ec;
  const fs::path target = fs::absolute(out_dir, ec).lexically_normal();
  URBANMINE_TRY_STATUS(check_no_foreign_entries(target.string(), owned));
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    return core::Error::io("cannot create the output folder's parent: " + ec.message(),
                           target.parent_path().string(), "check permissions");
  }
  const fs::path staged = staging_dir_for(target.string());
  fs::create_directory(staged, ec);
  if (ec) {
    return core::Error::io("cannot create a temporary output folder: " + ec.message(),
                           staged.string(), "check permissions on the output folder's parent");
  }
  auto fail = [&](core::Error e) -> core::Result<std::vector<std::string>> {
    std::error_code ignored;
    fs::remove_all(staged, ignored);
    return e;
  };
  std::vector<std::string> written;
  for (const auto& [name, content] : files) {
    const fs::path path = staged / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) {
      return fail(core::Error::io("cannot write output file", path.string(),
                                  "check free disk space and permissions"));
    }
    written.push_back((target / name).string());
  }
  if (auto st = replace_dir(staged.string(), target.string(), owned); !st) {
    return fail(st.error());
  }
  return written;
}

}  // namespace urbanmine::io
