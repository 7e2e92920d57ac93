// SPDX-License-Identifier: Apache-2.0
// Battery passports read and aggregated, as text, CSV and JSON (see passport_text.h).
#include "report/passport_text.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "io/csv.h"
#include "io/passport_json.h"

#include "results/registry.h"

namespace urbanmine::report {
namespace {

std::string num(double v, int decimals = 3) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// Numbers in CSV: 12 significant digits, as the run's CSV files.
std::string csv_number(double v) {
  constexpr int kDigits = 12;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", kDigits, v);
  return buf;
}

// Plain text table: first column left-aligned, the rest right-aligned.
std::string render(const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(rows.front().size(), 0);
  for (const auto& r : rows) {
    for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
  }
  std::string out;
  for (const auto& r : rows) {
    std::string line;
    for (std::size_t c = 0; c < r.size(); ++c) {
      const std::string pad(width[c] - r[c].size(), ' ');
      line += c == 0 ? r[c] + pad : "  " + pad + r[c];
    }
    out += "  " + line + "\n";
  }
  return out;
}

// Element columns of the table: every element present, the project's elements first.
std::vector<std::string> element_columns(const passport::Totals& total) {
  std::vector<std::string> cols;
  for (const char* e : results::kElementCodes) {
    if (total.element_kg.count(e)) cols.emplace_back(e);
  }
  for (const auto& [e, kg] : total.element_kg) {
    if (std::find(cols.begin(), cols.end(), e) == cols.end()) cols.push_back(e);
  }
  return cols;
}

std::string group_table(const std::string& title, const std::string& key,
                        const std::map<std::string, passport::Totals>& groups,
                        const std::vector<std::string>& elements) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header = {key, "batteries", "mass_kg"};
  for (const auto& e : elements) header.push_back(e + "_kg");
  header.push_back("unmapped_kg");
  rows.push_back(header);
  for (const auto& [k, t] : groups) {
    std::vector<std::string> r = {k, std::to_string(t.battery_count), num(t.battery_mass_kg, 1)};
    for (const auto& e : elements) {
      auto it = t.element_kg.find(e);
      r.push_back(num(it == t.element_kg.end() ? 0.0 : it->second, 3));
    }
    r.push_back(num(t.unmapped_material_kg, 3));
    rows.push_back(r);
  }
  return title + "\n" + render(rows);
}

}  // namespace

std::string passport_read_json(const std::vector<passport::FileResult>& files,
                               const passport::Aggregate& aggregate) {
  return io::passport_report_json(files, aggregate);
}

std::string passport_read_table(const std::vector<passport::FileResult>& files,
                                const passport::Aggregate& aggregate) {
  const auto& a = aggregate;
  std::string out = "Battery passports (Battery Pass data model " +
                    std::string(passport::kDataModelVersion) + "): " + std::to_string(a.files) +
                    " files, " + std::to_string(a.valid_files) + " valid, " +
                    std::to_string(a.invalid_files) + " invalid\n\nFiles\n";
  std::vector<std::vector<std::string>> rows = {{"file", "status", "errors", "warnings"}};
  for (const auto& f : files) {
    rows.push_back({f.source, f.valid() ? "valid" : "INVALID",
                    std::to_string(f.diagnostics.error_count()),
                    std::to_string(f.diagnostics.warning_count())});
  }
  out += render(rows);
  bool any_problem = false;
  for (const auto& f : files) {
    for (const auto& d : f.diagnostics.items()) {
      if (!any_problem) out += "\nProblems\n";
      any_problem = true;
      out += std::string("  ") + (d.severity == core::Severity::kError ? "error" : "warning") +
             ": " + d.error.to_string() + "\n";
    }
  }
  if (a.valid_files == 0) return out + "\nNo valid passport to aggregate.\n";
  const auto elements = element_columns(a.total);
  out += "\n" + group_table("By chemistry (batteryChemistry.shortName)", "chemistry",
                            a.by_chemistry, elements);
  out += "\n" + group_table("By status (batteryStatus)", "status", a.by_status, elements);
  out += "\n" + group_table("By state of health (stateOfCertifiedEnergy, %)", "soh_percent",
                            a.by_soh_band, elements);
  out += "\n" + group_table("Total", "all", {{"all", a.total}}, elements);
  if (!a.unmapped_cas.empty()) {
    out += "\nMaterials without element content (CAS not in data/passport_substances.csv):";
    for (const auto& c : a.unmapped_cas) out += " " + c;
    out += "\n";
  }
  return out;
}

std::string passport_read_csv(const passport::Aggregate& aggregate) {
  const auto& a = aggregate;
  std::string out = "group,key,battery_count,battery_mass_kg,element,element_kg\n";
  auto add = [&out](const std::string& group, const std::string& key, const passport::Totals& t) {
    const std::string head = group + "," + io::csv_escape(key) + "," +
                             std::to_string(t.battery_count) + "," + csv_number(t.battery_mass_kg) +
                             ",";
    if (t.element_kg.empty()) out += head + ",\n";
    for (const auto& [e, kg] : t.element_kg) {
      out += head + io::csv_escape(e) + "," + csv_number(kg) + "\n";
    }
  };
  if (a.valid_files > 0) add("total", "all", a.total);
  for (const auto& [k, t] : a.by_chemistry) add("chemistry", k, t);
  for (const auto& [k, t] : a.by_status) add("status", k, t);
  for (const auto& [k, t] : a.by_soh_band) add("soh_percent", k, t);
  return out;
}

}  // namespace urbanmine::report
