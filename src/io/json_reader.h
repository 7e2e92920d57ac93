// SPDX-License-Identifier: Apache-2.0
// Internal to io (and server, report): typed, path-aware reads from nlohmann::json. Every failure
// names the file and the JSON path ("case.json: $.lifetime.std[3]") and says what was expected.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace urbanmine::io {

// Parses `text`; a syntax error names `source` and the byte offset.
core::Result<nlohmann::json> parse_json(const std::string& text, const std::string& source);

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool is_valid_utf8(std::string_view text);

// `text` with every byte that is not part of a well-formed UTF-8 sequence replaced by '?': for
// messages that quote input (a parser's "last read" context), so that they can be written as JSON.
std::string printable_utf8(std::string_view text);

// `value` as JSON text (indent as nlohmann's dump); strings that are not valid UTF-8 are written
// with U+FFFD in place of the bad bytes instead of throwing.
std::string dump_json(const nlohmann::json& value, int indent = -1);

class JsonReader {
 public:
  // `source` names the file or request body; `path` is the JSON path of `node` ("$" at root).
  JsonReader(const nlohmann::json& node, std::string source, std::string path = "$")
      : node_(node), source_(std::move(source)), path_(std::move(path)) {}

  const nlohmann::json& node() const { return node_; }
  const std::string& path() const { return path_; }
  std::string location() const { return source_ + ": " + path_; }
  std::string location(const std::string& key) const { return source_ + ": " + path_ + "." + key; }

  bool has(const std::string& key) const;
  core::Result<JsonReader> object(const std::string& key) const;
  core::Result<std::string> string(const std::string& key) const;
  core::Result<double> number(const std::string& key) const;
  core::Result<long long> integer(const std::string& key) const;
  core::Result<bool> boolean(const std::string& key) const;
  // Array of finite numbers; NaN/Inf or non-numbers are errors naming the element.
  core::Result<std::vector<double>> number_array(const std::string& key) const;
  core::Result<std::vector<long long>> integer_array(const std::string& key) const;
  core::Result<std::vector<std::string>> string_array(const std::string& key) const;

  core::Error error(const std::string& key, const std::string& message,
                    const std::string& hint) const;

 private:
  core::Result<const nlohmann::json*> member(const std::string& key, const char* what) const;

  const nlohmann::json& node_;
  std::string source_;
  std::string path_;
};

}  // namespace urbanmine::io
