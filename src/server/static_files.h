// SPDX-License-Identifier: Apache-2.0
// Internal to server: maps a URL path to a file under the dashboard folder, refusing every path
// that would leave it (".." segments, encoded or not, backslashes, NUL, symlinks out of the root).
#pragma once

#include <optional>
#include <string>

namespace urbanmine::server {

// The file to serve for `url_path` (already percent-decoded), or nullopt when the path is unsafe
// or names nothing. Paths without an extension fall back to index.html (the dashboard's routes).
std::optional<std::string> resolve_static_path(const std::string& web_root,
                                               const std::string& url_path);
// Content type from the file extension.
std::string content_type_for(const std::string& file_path);

}  // namespace urbanmine::server
