// SPDX-License-Identifier: Apache-2.0
// Shared by the libFuzzer harnesses: the fuzz input as text, and a scratch copy of the project's
// data folder in which one file at a time is replaced by the fuzz input (the data loaders read a
// folder, not a string).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace urbanmine::fuzz {

inline std::string as_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// A copy of data/ under the temp folder, made once per process; replace(name, text) swaps one
// file's content and restore() puts the original back.
class ScratchDataDir {
 public:
  ScratchDataDir() {
    namespace fs = std::filesystem;
    dir_ = fs::temp_directory_path() / ("urbanmine-fuzz-data-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::copy(URBANMINE_DATA_DIR, dir_, fs::copy_options::recursive);
    for (const auto& entry : fs::directory_iterator(dir_)) {
      if (entry.path().extension() == ".csv") names_.push_back(entry.path().filename().string());
    }
    std::sort(names_.begin(), names_.end());
  }
  ~ScratchDataDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::vector<std::string>& csv_names() const { return names_; }
  std::string dir() const { return dir_.string(); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  void replace(const std::string& name, const std::string& text) {
    original_name_ = name;
    std::ifstream in(path(name), std::ios::binary);
    original_.assign(std::istreambuf_iterator<char>(in), {});
    std::ofstream(path(name), std::ios::binary | std::ios::trunc) << text;
  }
  void restore() {
    if (original_name_.empty()) return;
    std::ofstream(path(original_name_), std::ios::binary | std::ios::trunc) << original_;
    original_name_.clear();
  }

 private:
  std::filesystem::path dir_;
  std::vector<std::string> names_;
  std::string original_name_;
  std::string original_;
};

}  // namespace urbanmine::fuzz
