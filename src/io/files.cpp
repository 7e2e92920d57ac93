// SPDX-License-Identifier: Apache-2.0
// Whole-file reads and atomic writes.
#include "io/files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "io/read_log.h"

namespace urbanmine::io {

core::Result<std::string> read_text_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return core::Error::not_found("file does not exist", path, "check the path");
  }
  if (std::filesystem::is_directory(path, ec)) {
    return core::Error::invalid_input("expected a file but found a directory", path,
                                      "give the path of a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::Error::io(std::string("cannot open file: ") + std::strerror(errno), path,
                           "check that the file is readable");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return core::Error::io("error while reading file", path);
  std::string text = buffer.str();
  note_file_read(path, text);  // provenance of the current FileReadScope (io/read_log.h)
  return text;
}

core::Status write_file_atomic(const std::string& path, const std::string& content) {
  std::random_device rd;
  const std::string tmp = path + ".tmp-" + std::to_string(rd() % 1000000U);
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
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return core::Error::io("cannot move file into place: " + ec.message(), path);
  }
  return {};
}

}  // namespace urbanmine::io
