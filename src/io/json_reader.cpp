// SPDX-License-Identifier: Apache-2.0
// Path-aware typed JSON reads.
#include "io/json_reader.h"

#include <cmath>

namespace urbanmine::io {

namespace {

// Length of the well-formed UTF-8 sequence starting at text[i] (no overlong forms, no
// surrogates, at most U+10FFFF), or 0 when the bytes there are not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return 1;
  std::size_t extra = 0;
  unsigned min = 0;
  unsigned cp = 0;
  if ((c & 0xE0) == 0xC0) {
    extra = 1, min = 0x80, cp = c & 0x1Fu;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2, min = 0x800, cp = c & 0x0Fu;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3, min = 0x10000, cp = c & 0x07u;
  } else {
    return 0;
  }
  if (i + extra >= text.size()) return 0;
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto d = static_cast<unsigned char>(text[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return extra + 1;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string printable_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      out += '?';
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string dump_json(const nlohmann::json& value, int indent) {
  return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

core::Result<nlohmann::json> parse_json(const std::string& text, const std::string& source) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    return core::Error::invalid_input("malformed JSON: " + printable_utf8(e.what()),
                                      source + ": byte " + std::to_string(e.byte),
                                      "fix the JSON syntax (a validator such as `python3 -m "
                                      "json.tool FILE` shows where)");
  } catch (const nlohmann::json::exception& e) {
    // Out-of-range numbers (1e400) and similar: the text is JSON but not representable.
    return core::Error::invalid_input("JSON value out of range: " + printable_utf8(e.what()),
                                      source,
                                      "give numbers within the range of a double (about 1e308)");
  }
}

core::Error JsonReader::error(const std::string& key, const std::string& message,
                              const std::string& hint) const {
  return core::Error::invalid_input(message, key.empty() ? location() : location(key), hint);
}

bool JsonReader::has(const std::string& key) const {
  return node_.is_object() && node_.contains(key) && !node_.at(key).is_null();
}

core::Result<const nlohmann::json*> JsonReader::member(const std::string& key,
                                                       const char* what) const {
  if (!node_.is_object()) {
    return core::Error::invalid_input("expected an object", location(), "give a JSON object");
  }
  auto it = node_.find(key);
  if (it == node_.end() || it->is_null()) {
    return error(key, std::string("missing required field '") + key + "'",
                 std::string("add '") + key + "' (" + what + ")");
  }
  return &*it;
}

core::Result<JsonReader> JsonReader::object(const std::string& key) const {
  auto m = member(key, "an object");
  if (!m) return m.error();
  if (!(*m)->is_object()) return error(key, "expected an object", "give a JSON object");
  return JsonReader(**m, source_, path_ + "." + key);
}

core::Result<std::string> JsonReader::string(const std::string& key) const {
  auto m = member(key, "a string");
  if (!m) return m.error();
  if (!(*m)->is_string()) return error(key, "expected a string", "give a JSON string");
  return (*m)->get<std::string>();
}

core::Result<double> JsonReader::number(const std::string& key) const {
  auto m = member(key, "a number");
  if (!m) return m.error();
  if (!(*m)->is_number()) return error(key, "expected a number", "give a JSON number");
  const double v = (*m)->get<double>();
  if (!std::isfinite(v)) return error(key, "expected a finite number", "give a finite number");
  return v;
}

core::Result<long long> JsonReader::integer(const std::string& key) const {
  auto m = member(key, "an integer");
  if (!m) return m.error();
  if (!(*m)->is_number_integer()) return error(key, "expected an integer", "give a whole number");
  return (*m)->get<long long>();
}

core::Result<bool> JsonReader::boolean(const std::string& key) const {
  auto m = member(key, "true or false");
  if (!m) return m.error();
  if (!(*m)->is_boolean()) return error(key, "expected true or false", "give a JSON boolean");
  return (*m)->get<bool>();
}

core::Result<std::vector<double>> JsonReader::number_array(const std::string& key) const {
  auto m = member(key, "an array of numbers");
  if (!m) return m.error();
  if (!(*m)->is_array()) return error(key, "expected an array of numbers", "give a JSON array");
  std::vector<double> out;
  out.reserve((*m)->size());
  for (std::size_t i = 0; i < (*m)->size(); ++i) {
    const auto& v = (**m)[i];
    const std::string where = key + "[" + std::to_string(i) + "]";
    if (!v.is_number()) {
      return error(where, "expected a number, found " + std::string(v.type_name()),
                   "give a finite number (JSON has no NaN)");
    }
    const double d = v.get<double>();
    if (!std::isfinite(d)) return error(where, "expected a finite number", "give a finite number");
    out.push_back(d);
  }
  return out;
}

core::Result<std::vector<long long>> JsonReader::integer_array(const std::string& key) const {
  auto m = member(key, "an array of integers");
  if (!m) return m.error();
  if (!(*m)->is_array()) return error(key, "expected an array of integers", "give a JSON array");
  std::vector<long long> out;
  for (std::size_t i = 0; i < (*m)->size(); ++i) {
    const auto& v = (**m)[i];
    if (!v.is_number_integer()) {
      return error(key + "[" + std::to_string(i) + "]", "expected an integer",
                   "give a whole number");
    }
    out.push_back(v.get<long long>());
  }
  return out;
}

core::Result<std::vector<std::string>> JsonReader::string_array(const std::string& key) const {
  auto m = member(key, "an array of strings");
  if (!m) return m.error();
  if (!(*m)->is_array()) return error(key, "expected an array of strings", "give a JSON array");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < (*m)->size(); ++i) {
    const auto& v = (**m)[i];
    if (!v.is_string()) {
      return error(key + "[" + std::to_string(i) + "]", "expected a string", "give a string");
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace urbanmine::io
