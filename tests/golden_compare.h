// SPDX-License-Identifier: Apache-2.0
// Compares a JSON document with its golden copy: numbers within a relative or absolute tolerance,
// everything else exactly, paths listed in tolerance.json's "ignore" skipped. Every difference is
// reported with its JSON path, so that a reviewer sees at once what moved.
//
// tolerance.json: {"relative": 1e-9, "absolute": 1e-6, "ignore": ["$.metadata.elapsed_seconds"]}
#pragma once

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace urbanmine::testing {

struct GoldenTolerance {
  double relative = 1e-9;
  double absolute = 1e-9;
  std::set<std::string> ignore;  // JSON paths like "$.metadata.code_version"

  static GoldenTolerance from_json(const nlohmann::json& j) {
    GoldenTolerance t;
    t.relative = j.value("relative", t.relative);
    t.absolute = j.value("absolute", t.absolute);
    for (const auto& p : j.value("ignore", nlohmann::json::array()))
      t.ignore.insert(p.get<std::string>());
    return t;
  }
};

inline void golden_diff(const nlohmann::json& expected, const nlohmann::json& actual,
                        const GoldenTolerance& tol, const std::string& path,
                        std::vector<std::string>& out) {
  if (tol.ignore.count(path)) return;
  if (expected.is_number() && actual.is_number()) {
    const double e = expected.get<double>();
    const double a = actual.get<double>();
    const double allowed =
        std::max(tol.absolute, tol.relative * std::max(std::fabs(e), std::fabs(a)));
    if (std::fabs(e - a) > allowed) {
      out.push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
    }
    return;
  }
  if (expected.type() != actual.type()) {
    out.push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
    return;
  }
  if (expected.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) {
        if (!tol.ignore.count(path + "." + key)) out.push_back(path + "." + key + ": missing");
        continue;
      }
      golden_diff(value, actual.at(key), tol, path + "." + key, out);
    }
    for (const auto& [key, value] : actual.items()) {
      if (!expected.contains(key) && !tol.ignore.count(path + "." + key)) {
        out.push_back(path + "." + key + ": not in the golden file");
      }
    }
    return;
  }
  if (expected.is_array()) {
    if (expected.size() != actual.size()) {
      out.push_back(path + ": expected " + std::to_string(expected.size()) + " items, got " +
                    std::to_string(actual.size()));
    }
    const std::size_t n = std::min(expected.size(), actual.size());
    for (std::size_t i = 0; i < n; ++i) {
      golden_diff(expected[i], actual[i], tol, path + "[" + std::to_string(i) + "]", out);
    }
    return;
  }
  if (expected != actual) {
    out.push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
  }
}

// Every difference between `expected` and `actual`, one line each; empty when they match.
inline std::vector<std::string> golden_diff(const nlohmann::json& expected,
                                            const nlohmann::json& actual,
                                            const GoldenTolerance& tol) {
  std::vector<std::string> out;
  golden_diff(expected, actual, tol, "$", out);
  return out;
}

}  // namespace urbanmine::testing
