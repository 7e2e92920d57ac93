// SPDX-License-Identifier: Apache-2.0
// The unit-suffix convention of docs/formats/outputs.md, checked on a JSON answer: tonnes are
// written "_tonnes", never "_t". Rates keep "_per_" ("usd_per_t", "capacity_t_per_year").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace urbanmine::testing {

inline bool ends_in_t(const std::string& name) {
  const auto ends = [&](std::string_view tail) {
    return name.size() > tail.size() &&
           name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
  };
  return ends("_t") && !ends("_per_t");
}

// Every object key, and every entry of an array under a "columns" key, that ends in "_t", with
// its JSON path. Values (such as a table name "end_of_life_t") are not names of fields.
inline void names_ending_in_t(const nlohmann::json& j, const std::string& path,
                              std::vector<std::string>& found) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      if (ends_in_t(key)) found.push_back(path + "." + key);
      if (key == "columns" && value.is_array()) {
        for (const auto& c : value) {
          if (c.is_string() && ends_in_t(c.get<std::string>())) {
            found.push_back(path + ".columns: " + c.get<std::string>());
          }
        }
      }
      names_ending_in_t(value, path + "." + key, found);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      names_ending_in_t(j[i], path + "[" + std::to_string(i) + "]", found);
    }
  }
}

inline std::vector<std::string> names_ending_in_t(const nlohmann::json& j) {
  std::vector<std::string> found;
  names_ending_in_t(j, "$", found);
  return found;
}

}  // namespace urbanmine::testing
