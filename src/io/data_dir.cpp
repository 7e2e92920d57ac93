// SPDX-License-Identifier: Apache-2.0
// Where the shipped data and the baseline scenario are (see data_dir.h).
#include "io/data_dir.h"

#include <cstdlib>
#include <filesystem>

#ifndef URBANMINE_SOURCE_DATA_DIR
#define URBANMINE_SOURCE_DATA_DIR ""
#endif
#ifndef URBANMINE_SOURCE_EXAMPLES_DIR
#define URBANMINE_SOURCE_EXAMPLES_DIR ""
#endif
#ifndef URBANMINE_INSTALL_SHARE_DIR
#define URBANMINE_INSTALL_SHARE_DIR "/usr/local/share/urbanmine"
#endif

namespace urbanmine::io {
namespace {

bool is_dir(const std::string& path) {
  std::error_code ec;
  return !path.empty() && std::filesystem::is_directory(path, ec);
}

bool is_file(const std::string& path) {
  std::error_code ec;
  return !path.empty() && std::filesystem::is_regular_file(path, ec);
}

}  // namespace

std::string default_data_dir() {
  if (const char* env = std::getenv("URBANMINE_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  if (is_dir(URBANMINE_SOURCE_DATA_DIR)) return URBANMINE_SOURCE_DATA_DIR;
  return std::string(URBANMINE_INSTALL_SHARE_DIR) + "/data";
}

std::string default_scenario_path() {
  const std::string source = std::string(URBANMINE_SOURCE_EXAMPLES_DIR) + "/global.toml";
  if (is_file(source)) return source;
  return std::string(URBANMINE_INSTALL_SHARE_DIR) + "/examples/global.toml";
}

}  // namespace urbanmine::io
