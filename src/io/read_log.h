// SPDX-License-Identifier: Apache-2.0
// Which files a computation read. While a FileReadScope is alive on a thread, every file read
// through read_text_file() on that thread is recorded with its size and SHA-256, so that
// load_dataset() can list exactly the files its loaders read (a run's provenance) without each
// loader reporting them.
//
//   io::FileReadScope scope;
//   auto data = io::load_run_data(dir, diags);
//   for (const auto& f : scope.reads()) ...  // path, bytes, sha256
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace urbanmine::io {

struct FileRead {
  std::string path;
  std::size_t bytes = 0;
  std::string sha256;  // hex
};

class FileReadScope {
 public:
  FileReadScope();
  ~FileReadScope();
  FileReadScope(const FileReadScope&) = delete;
  FileReadScope& operator=(const FileReadScope&) = delete;

  // Every distinct path read since the scope began, in the order first read.
  const std::vector<FileRead>& reads() const { return reads_; }

 private:
  friend void note_file_read(const std::string& path, std::string_view content);
  std::vector<FileRead> reads_;
  FileReadScope* outer_ = nullptr;
};

// Called by read_text_file(); records into the innermost scope of this thread (and its outer
// scopes), if any.
void note_file_read(const std::string& path, std::string_view content);

}  // namespace urbanmine::io
