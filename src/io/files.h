// SPDX-License-Identifier: Apache-2.0
// File helpers used at the edges: read a whole text file, and write a file atomically (to a
// temporary file beside it, then rename) so that nothing partial is ever left behind.
#pragma once

#include <string>

#include "core/result.h"

namespace urbanmine::io {

core::Result<std::string> read_text_file(const std::string& path);

// Writes `content` to `path` via `path.tmp-XXXX` and rename(2). Creates no directories.
core::Status write_file_atomic(const std::string& path, const std::string& content);

}  // namespace urbanmine::io
