// SPDX-License-Identifier: Apache-2.0
// Safe static-file resolution for the dashboard bundle.
#include "server/static_files.h"

#include <filesystem>
#include <system_error>

namespace urbanmine::server {

namespace fs = std::filesystem;

namespace {

bool is_unsafe(const std::string& url_path) {
  if (url_path.empty() || url_path.front() != '/') return true;
  if (url_path.find('\0') != std::string::npos) return true;
  if (url_path.find('\\') != std::string::npos) return true;
  // Any "." or ".." segment.
  std::size_t start = 1;
  while (start <= url_path.size()) {
    std::size_t end = url_path.find('/', start);
    if (end == std::string::npos) end = url_path.size();
    const std::string segment = url_path.substr(start, end - start);
    if (segment == ".." || segment == ".") return true;
    start = end + 1;
  }
  return false;
}

bool inside(const fs::path& root, const fs::path& candidate) {
  auto r = root.begin();
  auto c = candidate.begin();
  for (; r != root.end(); ++r, ++c) {
    if (c == candidate.end() || *r != *c) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> resolve_static_path(const std::string& web_root,
                                               const std::string& url_path) {
  if (is_unsafe(url_path)) return std::nullopt;
  std::error_code ec;
  const fs::path root = fs::canonical(web_root, ec);
  if (ec) return std::nullopt;
  std::string relative = url_path.substr(1);
  if (relative.empty()) relative = "index.html";
  fs::path candidate = fs::weakly_canonical(root / relative, ec);
  if (ec || !inside(root, candidate)) return std::nullopt;
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  if (!fs::is_regular_file(candidate, ec)) {
    // Dashboard routes such as /runs/3 have no extension: serve the app shell.
    if (fs::path(relative).has_extension()) return std::nullopt;
    candidate = root / "index.html";
    if (!fs::is_regular_file(candidate, ec)) return std::nullopt;
  }
  const fs::path real = fs::canonical(candidate, ec);
  if (ec || !inside(root, real)) return std::nullopt;
  return real.string();
}

std::string content_type_for(const std::string& file_path) {
  const std::string ext = fs::path(file_path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace urbanmine::server
