// SPDX-License-Identifier: Apache-2.0
#include "io/read_log.h"

#include <algorithm>

#include "io/sha256.h"

namespace urbanmine::io {

namespace {
thread_local FileReadScope* current_scope = nullptr;
}  // namespace

FileReadScope::FileReadScope() : outer_(current_scope) { current_scope = this; }

FileReadScope::~FileReadScope() { current_scope = outer_; }

void note_file_read(const std::string& path, std::string_view content) {
  if (current_scope == nullptr) return;
  const std::string digest = sha256_hex(content);
  for (FileReadScope* s = current_scope; s != nullptr; s = s->outer_) {
    const bool seen = std::any_of(s->reads_.begin(), s->reads_.end(),
                                  [&](const FileRead& r) { return r.path == path; });
    if (!seen) s->reads_.push_back(FileRead{path, content.size(), digest});
  }
}

}  // namespace urbanmine::io
