// SPDX-License-Identifier: Apache-2.0
// Formula parser and molar mass (see formula.h).
#include "plant/formula.h"

#include <cctype>
#include <cmath>
#include <vector>

namespace urbanmine::plant {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Reads a count at text[pos]: digits, optional ".digits" and optional "/digits". Returns
// nullopt-like 0 when no digits are present.
bool read_number(std::string_view text, std::size_t& pos, double& value) {
  const std::size_t start = pos;
  while (pos < text.size() && (is_digit(text[pos]) || text[pos] == '.')) ++pos;
  if (pos == start) return false;
  value = std::stod(std::string(text.substr(start, pos - start)));
  if (pos < text.size() && text[pos] == '/') {
    const std::size_t den_start = ++pos;
    while (pos < text.size() && is_digit(text[pos])) ++pos;
    if (pos == den_start) return false;
    const double den = std::stod(std::string(text.substr(den_start, pos - den_start)));
    if (den == 0.0) return false;
    value /= den;
  }
  return true;
}

// Splits at the middle dot (UTF-8 C2 B7) or '*'.
std::vector<std::string_view> split_hydrate(std::string_view formula) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i < formula.size(); ++i) {
    if (formula[i] == '*') {
      parts.push_back(formula.substr(start, i - start));
      start = i + 1;
    } else if (static_cast<unsigned char>(formula[i]) == 0xC2 && i + 1 < formula.size() &&
               static_cast<unsigned char>(formula[i + 1]) == 0xB7) {
      parts.push_back(formula.substr(start, i - start));
      start = i + 2;
      ++i;
    }
  }
  parts.push_back(formula.substr(start));
  return parts;
}

}  // namespace

core::Result<FormulaCounts> parse_formula(std::string_view formula, const std::string& location) {
  FormulaCounts counts;
  auto bad = [&](const std::string& why) {
    return core::Error::invalid_input(
        "formula '" + std::string(formula) + "': " + why, location,
        "write formulas like LiNi0.6Mn0.2Co0.2O2, LiNi1/3Mn1/3Co1/3O2 or NiSO4·6H2O");
  };
  if (formula.empty()) return bad("empty");
  for (std::string_view part : split_hydrate(formula)) {
    std::size_t pos = 0;
    double multiplier = 1.0;
    if (pos < part.size() && is_digit(part[pos])) {
      if (!read_number(part, pos, multiplier)) return bad("bad multiplier");
    }
    if (pos >= part.size()) return bad("a part has no element");
    while (pos < part.size()) {
      if (!std::isupper(static_cast<unsigned char>(part[pos]))) {
        return bad("expected an element symbol at '" + std::string(part.substr(pos)) + "'");
      }
      std::string symbol(1, part[pos++]);
      while (pos < part.size() && std::islower(static_cast<unsigned char>(part[pos]))) {
        symbol += part[pos++];
      }
      double n = 1.0;
      if (pos < part.size() && (is_digit(part[pos]) || part[pos] == '.')) {
        if (!read_number(part, pos, n)) return bad("bad count after " + symbol);
      }
      if (!(n > 0.0) || !std::isfinite(n)) return bad("count of " + symbol + " must be positive");
      counts[symbol] += n * multiplier;
    }
  }
  return counts;
}

core::Result<double> molar_mass(const FormulaCounts& counts, const AtomicWeights& weights,
                                const std::string& location) {
  double total = 0.0;
  std::string missing;
  for (const auto& [symbol, n] : counts) {
    auto it = weights.find(symbol);
    if (it == weights.end()) {
      missing += (missing.empty() ? "" : ", ") + symbol;
      continue;
    }
    total += n * it->second;
  }
  if (!missing.empty()) {
    return core::Error::invalid_input("no atomic weight for " + missing, location,
                                      "add the element to data/atomic_weights.csv");
  }
  return total;
}

}  // namespace urbanmine::plant
