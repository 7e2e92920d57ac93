// SPDX-License-Identifier: Apache-2.0
// [uncertainty] in scenario TOML and data/uncertainty_defaults.csv (uncertainty_input.h).
// toml++ exceptions are caught here and become errors.
#include "io/uncertainty_input.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "io/csv.h"

namespace urbanmine::io {

namespace {

using uncertainty::Distribution;
using uncertainty::DistributionKind;

std::string loc_of(const std::string& source, const toml::node& node, const std::string& key) {
  std::string out = source;
  if (node.source().begin.line > 0) out += ":" + std::to_string(node.source().begin.line);
  return out + ": " + key;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream is(text);
  while (std::getline(is, cur, sep)) {
    const auto b = cur.find_first_not_of(' ');
    const auto e = cur.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
  }
  return out;
}

const std::set<std::string> kInputKeys = {"name",  "distribution", "mean",    "sd",
                                          "lower", "mode",         "upper",   "alpha",
                                          "beta",  "options",      "weights", "source"};

// Checks the parameters a kind needs are present (a missing one is named) and validates.
void finish(uncertainty::UncertainInput& in, const std::set<std::string>& given,
            bool (*is_share)(const std::string&), core::Diagnostics& diags,
            std::vector<uncertainty::UncertainInput>& out) {
  std::vector<std::string> needed;
  switch (in.distribution.kind) {
    case DistributionKind::kNormal:
    case DistributionKind::kLogNormal:
      needed = {"mean", "sd"};
      break;
    case DistributionKind::kTriangular:
      needed = {"lower", "mode", "upper"};
      break;
    case DistributionKind::kUniform:
      needed = {"lower", "upper"};
      break;
    case DistributionKind::kBeta:
      needed = {"alpha", "beta"};
      break;
    case DistributionKind::kChoice:
      needed = {"options", "weights"};
      break;
  }
  for (const auto& k : needed) {
    if (given.count(k) == 0) {
      diags.add_error(core::Error::invalid_input(
          "uncertain input '" + in.name + "': a " +
              uncertainty::distribution_kind_code(in.distribution.kind) + " needs '" + k + "'",
          in.location, "add " + k));
      return;
    }
  }
  if (in.distribution.kind == DistributionKind::kChoice) {
    for (const auto& option : in.distribution.options) {
      char* end = nullptr;
      const double v = std::strtod(option.c_str(), &end);
      if (end == option.c_str() || *end != '\0' || !std::isfinite(v)) {
        diags.add_error(core::Error::invalid_input(
            "uncertain input '" + in.name + "': choice option '" + option + "' is not a number",
            in.location,
            "choices pick one of several numeric values, e.g. options = [\"0.3\", \"0.5\"]"));
        return;
      }
    }
  }
  const bool share = is_share != nullptr && is_share(in.name);
  if (auto ok = uncertainty::validate(in.distribution, in.name, in.location, share); !ok) {
    diags.add_error(ok.error());
    return;
  }
  out.push_back(std::move(in));
}

void parse_input(const toml::table& t, const std::string& source, const std::string& path,
                 bool (*is_share)(const std::string&), core::Diagnostics& diags,
                 std::vector<uncertainty::UncertainInput>& out) {
  uncertainty::UncertainInput in;
  in.location = loc_of(source, t, path);
  bool ok = true;
  for (const auto& [key, value] : t) {
    const std::string k(key.str());
    if (kInputKeys.count(k) == 0) {
      diags.add_error(core::Error::invalid_input(
          "unknown key '" + k + "'", loc_of(source, value, path + "." + k),
          "allowed: name, distribution, mean, sd, lower, mode, upper, alpha, beta, options, "
          "weights, source"));
      ok = false;
    }
  }
  auto text = [&](const char* key, std::string& v, bool required) {
    const toml::node* n = t.get(key);
    if (n == nullptr) {
      if (required) {
        diags.add_error(core::Error::invalid_input(std::string("missing key '") + key + "'",
                                                   in.location, std::string("add ") + key));
        ok = false;
      }
      return;
    }
    if (const auto* s = n->as_string()) {
      v = s->get();
    } else {
      diags.add_error(
          core::Error::invalid_input("expected a string", loc_of(source, *n, path + "." + key)));
      ok = false;
    }
  };
  text("name", in.name, true);
  std::string kind;
  text("distribution", kind, true);
  text("source", in.source, false);
  if (!ok) return;
  const auto k = uncertainty::parse_distribution_kind(kind);
  if (!k) {
    diags.add_error(core::Error::invalid_input(
        "uncertain input '" + in.name + "': unknown distribution '" + kind + "'", in.location,
        k.error().hint));
    return;
  }
  in.distribution.kind = *k;
  std::set<std::string> given;
  auto number = [&](const char* key, double& v) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return;
    if (const auto d = n->value<double>()) {
      v = *d;
      given.insert(key);
    } else {
      diags.add_error(core::Error::invalid_input(
          "uncertain input '" + in.name + "': '" + key + "' must be a number",
          loc_of(source, *n, path + "." + key)));
      ok = false;
    }
  };
  Distribution& d = in.distribution;
  number("mean", d.mean);
  number("sd", d.sd);
  number("lower", d.lower);
  number("mode", d.mode);
  number("upper", d.upper);
  number("alpha", d.alpha);
  number("beta", d.beta);
  if (const toml::node* n = t.get("options")) {
    const auto* arr = n->as_array();
    if (arr != nullptr) {
      for (const auto& e : *arr) {
        if (const auto s = e.value<std::string>()) {
          d.options.push_back(*s);
        } else if (const auto v = e.value<double>()) {
          char buf[32];
          const auto r = std::to_chars(buf, buf + sizeof buf, *v);  // shortest round trip
          d.options.emplace_back(buf, r.ptr);
        }
      }
      given.insert("options");
    }
  }
  if (const toml::node* n = t.get("weights")) {
    if (const auto* arr = n->as_array()) {
      for (const auto& e : *arr) {
        if (const auto v = e.value<double>()) d.weights.push_back(*v);
      }
      given.insert("weights");
    }
  }
  if (!ok) return;
  finish(in, given, is_share, diags, out);
}

}  // namespace

uncertainty::UncertaintySpec parse_uncertainty_toml(const std::string& text,
                                                    const std::string& source,
                                                    bool (*is_share)(const std::string&),
                                                    core::Diagnostics& diags) {
  uncertainty::UncertaintySpec spec;
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    diags.add_error(core::Error::invalid_input(std::string(e.description()),
                                               source + ":" + std::to_string(e.source().begin.line),
                                               "fix the TOML syntax"));
    return spec;
  }
  const toml::node* section = root.get("uncertainty");
  if (section == nullptr) return spec;
  const auto* u = section->as_table();
  if (u == nullptr) {
    diags.add_error(core::Error::invalid_input("[uncertainty] must be a table",
                                               loc_of(source, *section, "uncertainty")));
    return spec;
  }
  spec.present = true;
  for (const auto& [key, value] : *u) {
    const std::string k(key.str());
    if (k != "defaults" && k != "input" && k != "correlation") {
      diags.add_error(core::Error::invalid_input(
          "unknown key '" + k + "'", loc_of(source, value, "uncertainty." + k),
          "allowed keys here: defaults, input, correlation"));
    }
  }
  if (const toml::node* n = u->get("defaults")) {
    if (const auto b = n->value<bool>()) {
      spec.use_defaults = *b;
    } else {
      diags.add_error(core::Error::invalid_input("expected true or false",
                                                 loc_of(source, *n, "uncertainty.defaults")));
    }
  }
  if (const toml::node* n = u->get("input")) {
    const auto* arr = n->as_array();
    if (arr == nullptr) {
      diags.add_error(core::Error::invalid_input("expected [[uncertainty.input]] entries",
                                                 loc_of(source, *n, "uncertainty.input")));
    } else {
      for (std::size_t i = 0; i < arr->size(); ++i) {
        const std::string p = "uncertainty.input[" + std::to_string(i) + "]";
        if (const auto* t = arr->get(i)->as_table()) {
          parse_input(*t, source, p, is_share, diags, spec.inputs);
        } else {
          diags.add_error(
              core::Error::invalid_input("expected a table", loc_of(source, *arr->get(i), p)));
        }
      }
    }
  }
  if (const toml::node* n = u->get("correlation")) {
    const auto* arr = n->as_array();
    for (std::size_t i = 0; arr != nullptr && i < arr->size(); ++i) {
      const std::string p = "uncertainty.correlation[" + std::to_string(i) + "]";
      const auto* t = arr->get(i)->as_table();
      const toml::array* names = t != nullptr ? t->get_as<toml::array>("inputs") : nullptr;
      const auto rho = t != nullptr ? t->get("rank_correlation") : nullptr;
      if (names == nullptr || names->size() != 2 || rho == nullptr || !rho->value<double>()) {
        diags.add_error(core::Error::invalid_input(
            "a correlation needs inputs = [\"a\", \"b\"] and rank_correlation = <number>",
            loc_of(source, *arr->get(i), p)));
        continue;
      }
      uncertainty::RankCorrelation c;
      c.first = names->get(0)->value<std::string>().value_or("");
      c.second = names->get(1)->value<std::string>().value_or("");
      c.spearman = *rho->value<double>();
      c.location = loc_of(source, *t, p);
      spec.correlations.push_back(std::move(c));
    }
  }
  return spec;
}

std::vector<uncertainty::UncertainInput> read_uncertainty_defaults(
    const std::string& path, bool (*is_share)(const std::string&), core::Diagnostics& diags) {
  std::vector<uncertainty::UncertainInput> out;
  auto table = CsvTable::read_file(path);
  if (!table) {
    diags.add_error(table.error());
    return out;
  }
  if (auto st = table->require_columns({"name", "distribution", "mean", "sd", "lower", "mode",
                                        "upper", "alpha", "beta", "options", "weights", "source"});
      !st) {
    diags.add_error(st.error());
    return out;
  }
  for (std::size_t i = 0; i < table->size(); ++i) {
    const CsvRow row = table->row(i);
    uncertainty::UncertainInput in;
    in.name = row.text("name").value();
    in.location = row.location("name");
    in.source = row.text("source").value();
    const auto kind = uncertainty::parse_distribution_kind(row.text("distribution").value());
    if (!kind) {
      diags.add_error(core::Error::invalid_input(kind.error().message, row.location("distribution"),
                                                 kind.error().hint));
      continue;
    }
    in.distribution.kind = *kind;
    std::set<std::string> given;
    bool ok = true;
    auto number = [&](const char* column, double& v) {
      const auto n = row.optional_number(column);
      if (!n) {
        diags.add_error(n.error());
        ok = false;
      } else if (n->has_value()) {
        v = **n;
        given.insert(column);
      }
    };
    Distribution& d = in.distribution;
    number("mean", d.mean);
    number("sd", d.sd);
    number("lower", d.lower);
    number("mode", d.mode);
    number("upper", d.upper);
    number("alpha", d.alpha);
    number("beta", d.beta);
    if (const std::string o = row.text("options").value(); !o.empty()) {
      d.options = split(o, ';');
      given.insert("options");
    }
    if (const std::string w = row.text("weights").value(); !w.empty()) {
      for (const auto& part : split(w, ';'))
        d.weights.push_back(std::strtod(part.c_str(), nullptr));
      given.insert("weights");
    }
    if (ok) finish(in, given, is_share, diags, out);
  }
  return out;
}

}  // namespace urbanmine::io

namespace urbanmine::io {

uncertainty::SweepSpec read_sweep_file(const std::string& path, core::Diagnostics& diags) {
  uncertainty::SweepSpec spec;
  spec.source = path;
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    const bool missing = e.source().begin.line == 0;
    diags.add_error(core::Error::invalid_input(
        std::string(e.description()),
        missing ? path : path + ":" + std::to_string(e.source().begin.line),
        missing ? "check the path" : "fix the TOML syntax"));
    return spec;
  }
  auto err = [&](const toml::node& n, const std::string& key, const std::string& message,
                 const std::string& hint = {}) {
    diags.add_error(core::Error::invalid_input(message, loc_of(path, n, key), hint));
  };
  for (const auto& [key, value] : root) {
    if (key.str() != "sweep") err(value, std::string(key.str()), "unknown key", "use [sweep]");
  }
  const auto* sweep = root.get_as<toml::table>("sweep");
  if (sweep == nullptr) {
    diags.add_error(core::Error::invalid_input("missing [sweep] table", path,
                                               "see docs/uncertainty.md for the format"));
    return spec;
  }
  const std::string dir = std::filesystem::path(path).parent_path().string();
  for (const auto& [key, value] : *sweep) {
    const std::string k(key.str());
    if (k == "scenarios") {
      const auto* arr = value.as_array();
      for (std::size_t i = 0; arr != nullptr && i < arr->size(); ++i) {
        if (const auto s = arr->get(i)->value<std::string>()) {
          const std::filesystem::path p(*s);
          spec.scenarios.push_back(p.is_absolute() || dir.empty() ? *s : dir + "/" + *s);
        } else {
          err(*arr->get(i), "sweep.scenarios", "expected a file name");
        }
      }
      if (arr == nullptr) err(value, "sweep.scenarios", "expected an array of file names");
    } else if (k == "draws" || k == "seed") {
      const auto v = value.value<std::int64_t>();
      if (!v || *v < 0) {
        err(value, "sweep." + k, "expected a whole number >= 0");
      } else if (k == "draws" && static_cast<std::uint64_t>(*v) > uncertainty::kMaxDraws) {
        err(value, "sweep.draws",
            std::to_string(*v) + " draws is above " + std::to_string(uncertainty::kMaxDraws),
            "run fewer draws per variant (the standard error falls with the square root)");
      } else if (k == "draws") {
        spec.draws = static_cast<std::size_t>(*v);
      } else {
        spec.seed = static_cast<std::uint64_t>(*v);
      }
    } else if (k == "axis") {
      const auto* arr = value.as_array();
      for (std::size_t i = 0; arr != nullptr && i < arr->size(); ++i) {
        const std::string p = "sweep.axis[" + std::to_string(i) + "]";
        const auto* t = arr->get(i)->as_table();
        if (t == nullptr) {
          err(*arr->get(i), p, "expected a table with input and values");
          continue;
        }
        uncertainty::SweepAxis axis;
        axis.location = loc_of(path, *t, p);
        for (const auto& [ak, av] : *t) {
          if (ak.str() != "input" && ak.str() != "values") {
            err(av, p + "." + std::string(ak.str()), "unknown key", "allowed: input, values");
          }
        }
        axis.input =
            t->get("input") != nullptr ? t->get("input")->value<std::string>().value_or("") : "";
        if (const auto* vals = t->get_as<toml::array>("values")) {
          for (const auto& e : *vals) {
            if (const auto v = e.value<double>()) {
              axis.values.push_back(*v);
            } else {
              err(e, p + ".values", "expected numbers");
            }
          }
        }
        if (axis.input.empty() || axis.values.empty()) {
          err(*t, p, "an axis needs input = \"name\" and values = [...]");
          continue;
        }
        spec.axes.push_back(std::move(axis));
      }
    } else {
      err(value, "sweep." + k, "unknown key", "allowed: scenarios, draws, seed, axis");
    }
  }
  // scenarios x every combination of axis values, counted without overflow.
  std::size_t variants = std::max<std::size_t>(spec.scenarios.size(), 1);
  for (const auto& axis : spec.axes) {
    if (variants > uncertainty::kMaxSweepVariants) break;
    variants *= axis.values.size();
  }
  if (variants > uncertainty::kMaxSweepVariants) {
    diags.add_error(core::Error::invalid_input(
        "the sweep has more than " + std::to_string(uncertainty::kMaxSweepVariants) +
            " variants (scenarios x combinations of axis values)",
        path + ": sweep.axis", "use fewer scenarios, axes or values per axis"));
  }
  if (spec.scenarios.empty()) {
    diags.add_error(core::Error::invalid_input("the sweep lists no scenario", path + ": sweep",
                                               "add scenarios = [\"global.toml\"]"));
  }
  return spec;
}

}  // namespace urbanmine::io
