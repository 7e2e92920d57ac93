// SPDX-License-Identifier: Apache-2.0
// The plant commands' flag languages (see plant_args.h).
#include "cli/plant_args.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

#include "core/units.h"

namespace urbanmine::cli {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

core::Result<double> parse_number(const std::string& text, const std::string& location) {
  const std::string t = trim(text);
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (t.empty() || end == nullptr || *end != '\0' || !std::isfinite(v)) {
    return core::Error::invalid_input("'" + text + "' is not a number", location,
                                      "write a plain number, e.g. 0.9 or 1500");
  }
  return v;
}

struct Assignment {
  std::string key;
  std::string value;
};

core::Result<std::vector<Assignment>> parse_assignments(const std::vector<std::string>& items,
                                                        const std::string& flag) {
  std::vector<Assignment> out;
  for (const auto& item : items) {
    for (const auto& part : split_list(item)) {
      const auto eq = part.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == part.size()) {
        return core::Error::invalid_input("'" + part + "' is not KEY=VALUE", flag,
                                          "write e.g. " + flag + " Li=0.9,Ni=0.95");
      }
      out.push_back({trim(part.substr(0, eq)), trim(part.substr(eq + 1))});
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream is(text);
  while (std::getline(is, cur, ',')) {
    cur = trim(cur);
    if (!cur.empty()) out.push_back(cur);
  }
  return out;
}

core::Result<std::vector<engine::KeyedValue>> parse_key_values(
    const std::vector<std::string>& items, const std::string& flag) {
  auto assignments = parse_assignments(items, flag);
  if (!assignments) return assignments.error();
  std::vector<engine::KeyedValue> out;
  for (const auto& a : *assignments) {
    const std::string location = flag + " " + a.key;
    auto v = parse_number(a.value, location);
    if (!v) return v.error();
    out.push_back({a.key, *v, location});
  }
  return out;
}

core::Result<engine::GivenPrice> parse_price_text(const std::string& text,
                                                  const std::string& location) {
  const auto at = text.find('@');
  if (at == std::string::npos) {
    return core::Error::invalid_input(
        "'" + text + "' has no price year", location,
        "write USD per tonne and the dollar year, e.g. 16814@2024 (prices of different years "
        "are never added)");
  }
  auto amount = parse_number(text.substr(0, at), location);
  if (!amount) return amount.error();
  auto year = parse_number(text.substr(at + 1), location);
  if (!year) return year.error();
  if (*year < core::kMinCalendarYear || *year > core::kMaxCalendarYear ||
      std::floor(*year) != *year) {
    return core::Error::invalid_input("'" + text + "' has no valid price year", location,
                                      "write e.g. 16814@2024");
  }
  return engine::GivenPrice{*amount, static_cast<int>(*year), location};
}

core::Result<std::vector<engine::KeyedPrice>> parse_key_prices(
    const std::vector<std::string>& items, const std::string& flag) {
  auto assignments = parse_assignments(items, flag);
  if (!assignments) return assignments.error();
  std::vector<engine::KeyedPrice> out;
  for (const auto& a : *assignments) {
    auto p = parse_price_text(a.value, flag + " " + a.key);
    if (!p) return p.error();
    out.push_back({a.key, *p});
  }
  return out;
}

core::Result<engine::InferCandidate> parse_candidate(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0) {
    return core::Error::invalid_input("'" + text + "' is not LABEL:Li=0.05,Ni=0.3,...",
                                      "--candidate",
                                      "e.g. --candidate scrap:Li=0.07,Ni=0.36,Co=0.12,Mn=0.11");
  }
  engine::InferCandidate c;
  c.label = text.substr(0, colon);
  c.location = "--candidate " + c.label;
  auto values = parse_key_values({text.substr(colon + 1)}, c.location);
  if (!values) return values.error();
  c.composition = std::move(*values);
  return c;
}

std::string flag_location(const std::string& field) {
  const auto dot = field.find('.');
  std::string flag = "--" + field.substr(0, dot);
  for (char& c : flag) {
    if (c == '_') c = '-';
  }
  return dot == std::string::npos ? flag : flag + " " + field.substr(dot + 1);
}

}  // namespace urbanmine::cli
