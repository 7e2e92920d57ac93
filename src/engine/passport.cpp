// SPDX-License-Identifier: Apache-2.0
// Battery passports in the engine: reading and aggregating, the plant feed, the fragment.
#include "engine/passport.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <utility>

#include "io/csv.h"
#include "io/passport_json.h"

namespace urbanmine::engine {
namespace {

constexpr double kKgPerTonne = 1000.0;

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
  static const std::vector<std::string> kFirst = {"Li", "Ni", "Co", "Mn", "graphite", "Cu", "Al"};
  std::vector<std::string> cols;
  for (const auto& e : kFirst) {
    if (total.element_kg.count(e)) cols.push_back(e);
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

core::Result<PassportReadOutcome> read_passports(const std::string& path,
                                                 const std::string& data_dir) {
  const std::string dir = plant_data_dir(data_dir);
  auto defaults = load_plant_defaults(dir);
  if (!defaults) return defaults.error();
  auto substances = io::load_passport_substances(dir + "/passport_substances.csv");
  if (!substances) return substances.error();
  auto fractions = passport::substance_fractions(*substances, defaults->atomic_weights);
  if (!fractions) return fractions.error();
  auto files = io::read_passports(path);
  if (!files) return files.error();
  PassportReadOutcome out;
  out.files = std::move(*files);
  out.aggregate = passport::aggregate(out.files, *fractions);
  return out;
}

std::string passport_read_json(const PassportReadOutcome& outcome) {
  return io::passport_report_json(outcome.files, outcome.aggregate);
}

std::string passport_read_table(const PassportReadOutcome& outcome) {
  const auto& a = outcome.aggregate;
  std::string out = "Battery passports (Battery Pass data model " +
                    std::string(passport::kDataModelVersion) + "): " + std::to_string(a.files) +
                    " files, " + std::to_string(a.valid_files) + " valid, " +
                    std::to_string(a.invalid_files) + " invalid\n\nFiles\n";
  std::vector<std::vector<std::string>> rows = {{"file", "status", "errors", "warnings"}};
  for (const auto& f : outcome.files) {
    rows.push_back({f.source, f.valid() ? "valid" : "INVALID",
                    std::to_string(f.diagnostics.error_count()),
                    std::to_string(f.diagnostics.warning_count())});
  }
  out += render(rows);
  bool any_problem = false;
  for (const auto& f : outcome.files) {
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

std::string passport_read_csv(const PassportReadOutcome& outcome) {
  const auto& a = outcome.aggregate;
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

core::Result<plant::FeedComponent> passport_feed(const PassportReadOutcome& outcome) {
  const auto& a = outcome.aggregate;
  if (a.invalid_files > 0) {
    core::Diagnostics all;
    for (const auto& f : outcome.files) {
      for (const auto& d : f.diagnostics.items()) {
        if (d.severity == core::Severity::kError) all.add_error(d.error);
      }
    }
    core::Error e = all.to_error();
    e.message = std::to_string(a.invalid_files) + " of " + std::to_string(a.files) +
                " passports are invalid, no feed built:\n" + e.message;
    e.hint = "fix or remove them (urbanmine passport read DIR lists every problem)";
    return e;
  }
  if (a.valid_files == 0) {
    return core::Error::invalid_input("no valid passport", "--feed-passports",
                                      "give a folder of passport JSON files");
  }
  plant::MaterialTonnes tonnes{};
  double mapped_t = 0.0;
  for (const auto& [element, kg] : a.total.element_kg) {
    auto m = plant::parse_material(element);
    if (!m) continue;  // counted in "other" below
    tonnes[plant::index(*m)] += kg / kKgPerTonne;
    mapped_t += kg / kKgPerTonne;
  }
  const double battery_t = a.total.battery_mass_kg / kKgPerTonne;
  tonnes[plant::index(plant::Material::kOther)] = std::max(0.0, battery_t - mapped_t);
  auto c = plant::element_feed(tonnes, std::string(kPassportFeedLabel) + " (" +
                                           std::to_string(a.valid_files) + " batteries)");
  if (!c) return c.error();
  c->battery_mass_known = true;
  c->capacity_kwh = a.rated_energy_kwh;
  return c;
}

core::Result<FeedOrigin> parse_feed_origin(const std::string& text) {
  if (text == "pre-consumer") return FeedOrigin::kPreConsumer;
  if (text == "post-consumer") return FeedOrigin::kPostConsumer;
  return core::Error::invalid_input("'" + text + "' is not a feed origin", "--feed-origin",
                                    "use pre-consumer (manufacturing waste) or post-consumer "
                                    "(end-of-life batteries)");
}

core::Result<std::string> passport_fragment(const PlantOutcome& outcome,
                                            const FragmentSettings& settings) {
  const plant::PlantBalance& b = outcome.balance;
  // Feed of each material by origin; the route recovers every component's share alike.
  std::map<std::string, passport::ElementOrigin> recovered;
  std::vector<std::string> notes;
  for (std::size_t i = 0; i < plant::kMaterialCount; ++i) {
    const std::string code(plant::material_code(plant::material_at(i)));
    double pre = 0.0;
    double post = 0.0;
    for (const auto& c : outcome.spec.feed.components) {
      const double t = c.free_t[i] + c.cathode_t[i];
      const bool from_passports = c.label.rfind(kPassportFeedLabel, 0) == 0;
      if (from_passports || settings.other_feed_origin == FeedOrigin::kPostConsumer) {
        post += t;
      } else {
        pre += t;
      }
    }
    const double product_t = b.materials[i].recovered_t + b.materials[i].in_cathode_powder_t;
    if (!(pre + post > 0.0) || !(product_t > 0.0)) continue;
    recovered[code] = {product_t * pre / (pre + post), product_t * post / (pre + post)};
  }
  const auto lines = passport::recycled_content(recovered);
  if (lines.empty()) {
    return core::Error::invalid_input("the plant recovers no Co, Li, Ni or Pb",
                                      "--passport-fragment",
                                      "recycled content covers only these four materials");
  }
  std::optional<double> kwh = settings.functional_unit_kwh;
  if (kwh) {
    notes.push_back(
        "Recycling stage per kWh of the functional unit given by "
        "--functional-unit-kwh (" +
        num(*kwh, 1) + " kWh)");
  } else if (b.feed_kwh) {
    kwh = b.feed_kwh;
    notes.push_back("Recycling stage per kWh of rated energy of the batteries fed (" +
                    num(*kwh, 1) +
                    " kWh), not of the energy over their service life: give "
                    "--functional-unit-kwh for the model's functional unit");
  } else {
    return core::Error::invalid_input(
        "no functional unit for the Recycling carbon footprint (kg CO2e per kWh)",
        "--functional-unit-kwh",
        "give --functional-unit-kwh, or feed packs by --capacity-kwh or passports with "
        "ratedEnergy");
  }
  auto per_kwh = passport::recycling_stage_kg_per_kwh(b.co2.process_t, *kwh);
  if (!per_kwh) return per_kwh.error();
  notes.push_back("Recycling stage = process CO2e of reagents and energy (" +
                  num(b.co2.process_t, 3) +
                  " t) over the functional unit; avoided primary "
                  "production is not credited");
  if (!b.co2.process_complete) {
    std::string missing;
    for (const auto& n : b.co2.inputs_without_factor) missing += (missing.empty() ? "" : ", ") + n;
    notes.push_back("incomplete: process inputs without a CO2 factor: " + missing);
  }
  notes.push_back(
      "recycled content: shares of the recovered product, which is all recycled; "
      "pre/post split by feed origin (passports post-consumer, other feed " +
      std::string(settings.other_feed_origin == FeedOrigin::kPreConsumer ? "pre-consumer"
                                                                         : "post-consumer") +
      ")");
  notes.push_back("plant run: " + outcome.spec.name + ", route " +
                  std::string(plant::route_code(b.route)));
  return io::passport_fragment_json(lines, per_kwh.value(), notes);
}

}  // namespace urbanmine::engine
