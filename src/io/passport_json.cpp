// SPDX-License-Identifier: Apache-2.0
// Battery passport JSON: encoding detection, key spellings, typed reads with JSON paths, the
// substance list, and the report and fragment writers.
#include "io/passport_json.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "io/csv.h"
#include "io/files.h"
#include "io/json_reader.h"
#include "io/plant_data.h"

namespace urbanmine::io {
namespace {

using nlohmann::json;

// Other spellings accepted for a category (top level only).
const std::map<std::string, std::string>& category_aliases() {
  static const std::map<std::string, std::string> m = {
      {"GeneralProductInformation", "generalProductInformation"},
      {"MaterialComposition", "materialComposition"},
      {"CarbonFootprintForBatteries", "carbonFootprint"},
      {"carbonFootprintForBatteries", "carbonFootprint"},
      {"CarbonFootprint", "carbonFootprint"},
      {"Circularity", "circularity"},
      {"PerformanceAndDurability", "performance"},
      {"performanceAndDurability", "performance"},
      {"Performance", "performance"},
      {"Labeling", "labeling"},
      {"Labels", "labeling"},
      {"SupplyChainDueDiligence", "supplyChainDueDiligence"},
  };
  return m;
}

// The published model misspells some keys; both its spelling and the correct one are read
// (the model's spelling is the canonical one, except remainingEnergyalue of 1.2.0, which 1.2.1
// corrected).
const std::map<std::string, std::string>& key_aliases() {
  static const std::map<std::string, std::string> m = {
      {"warrantyPeriod", "warrentyPeriod"},
      {"batteryTechnicalProperties", "batteryTechicalProperties"},
      {"remainingEnergyalue", "remainingEnergyValue"},
      {"thirdPartyAssurances", "thirdPartyAussurances"},
      {"supplyChainIndices", "supplyChainIndicies"},
  };
  return m;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

core::Result<std::string> utf16_to_utf8(const std::string& bytes, std::size_t start,
                                        bool big_endian, const std::string& source) {
  if ((bytes.size() - start) % 2 != 0) {
    return core::Error::invalid_input("UTF-16 text has an odd number of bytes", source,
                                      "save the file again as UTF-8 or UTF-16");
  }
  auto unit = [&](std::size_t i) -> std::uint32_t {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian ? (a << 8 | b) : (b << 8 | a);
  };
  std::string out;
  out.reserve((bytes.size() - start) / 2);
  for (std::size_t i = start; i < bytes.size(); i += 2) {
    std::uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= bytes.size() || unit(i + 2) < 0xDC00 || unit(i + 2) > 0xDFFF) {
        return core::Error::invalid_input("UTF-16 text has an unpaired surrogate",
                                          source + ": byte " + std::to_string(i),
                                          "save the file again as UTF-8 or UTF-16");
      }
      u = 0x10000 + ((u - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return core::Error::invalid_input("UTF-16 text has an unpaired surrogate",
                                        source + ": byte " + std::to_string(i),
                                        "save the file again as UTF-8 or UTF-16");
    }
    append_utf8(out, u);
  }
  return out;
}

std::string child(const std::string& path, const std::string& key) { return path + "." + key; }
std::string item(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

class Reader {
 public:
  explicit Reader(passport::Passport& p) : p_(p) {}

  // Copies `node` with keys in their canonical spelling and records every path.
  json normalise(const json& node, const std::string& path) {
    if (node.is_object()) {
      json out = json::object();
      for (auto it = node.begin(); it != node.end(); ++it) {
        std::string key = it.key();
        const auto& aliases = path == "$" ? category_aliases() : key_aliases();
        if (auto a = aliases.find(key); a != aliases.end()) key = a->second;
        if (out.contains(key)) {
          problem(child(path, key), "'" + key + "' is given twice (once as '" + it.key() + "')",
                  "keep one spelling");
          continue;
        }
        const std::string at = child(path, key);
        if (it->is_null()) continue;  // null is "not given"
        p_.paths.insert(at);
        out[key] = normalise(*it, at);
      }
      return out;
    }
    if (node.is_array()) {
      json out = json::array();
      for (std::size_t i = 0; i < node.size(); ++i) {
        p_.paths.insert(item(path, i));
        out.push_back(normalise(node[i], item(path, i)));
      }
      return out;
    }
    return node;
  }

  void problem(const std::string& path, std::string message, std::string hint) {
    p_.read_problems.push_back(
        {core::Severity::kError,
         core::Error::invalid_input(std::move(message), p_.source + ": " + path, std::move(hint))});
  }

  const json* find(const json& obj, const std::string& key) {
    if (!obj.is_object()) return nullptr;
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
  }

  std::optional<std::string> text(const json& obj, const std::string& key,
                                  const std::string& path) {
    const json* v = find(obj, key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
      problem(child(path, key), "expected text, found " + std::string(v->type_name()),
              "write the value in quotes");
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  std::optional<double> number(const json& obj, const std::string& key, const std::string& path,
                               const std::string& unit) {
    const json* v = find(obj, key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_number()) {
      std::string hint = "write a plain JSON number in " + unit;
      if (v->is_string()) hint += " without quotes or unit text";
      problem(child(path, key), "expected a number (" + unit + "), found " + v->type_name(), hint);
      return std::nullopt;
    }
    const double d = v->get<double>();
    if (!std::isfinite(d)) {
      problem(child(path, key), "not a finite number", "write a plain number in " + unit);
      return std::nullopt;
    }
    return d;
  }

  // The object at `key`, or nullptr (a wrong type is reported).
  const json* object(const json& obj, const std::string& key, const std::string& path) {
    const json* v = find(obj, key);
    if (v == nullptr) return nullptr;
    if (!v->is_object()) {
      problem(child(path, key), "expected an object, found " + std::string(v->type_name()),
              "write { ... } as in the Battery Pass data model");
      return nullptr;
    }
    return v;
  }

  const json* array(const json& obj, const std::string& key, const std::string& path) {
    const json* v = find(obj, key);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) {
      problem(child(path, key), "expected a list, found " + std::string(v->type_name()),
              "write [ ... ] as in the Battery Pass data model");
      return nullptr;
    }
    return v;
  }

  void read(const json& root) {
    const std::string gpi_path = "$.generalProductInformation";
    if (const json* g = object(root, "generalProductInformation", "$")) {
      p_.passport_identifier = text(*g, "batteryPassportIdentifier", gpi_path);
      p_.category = text(*g, "batteryCategory", gpi_path);
      p_.status = text(*g, "batteryStatus", gpi_path);
      p_.battery_mass_kg = number(*g, "batteryMass", gpi_path, "kg");
      p_.manufacturing_date = text(*g, "manufacturingDate", gpi_path);
      p_.putting_into_service = text(*g, "puttingIntoService", gpi_path);
      for (const char* k :
           {"manufacturerInformation", "operatorInformation", "manufacturingPlace"}) {
        object(*g, k, gpi_path);
      }
    }
    const std::string mc_path = "$.materialComposition";
    if (const json* m = object(root, "materialComposition", "$")) {
      if (const json* c = object(*m, "batteryChemistry", mc_path)) {
        p_.chemistry = text(*c, "shortName", child(mc_path, "batteryChemistry"));
      }
      const std::string mat_path = child(mc_path, "batteryMaterials");
      if (const json* list = array(*m, "batteryMaterials", mc_path)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
          const json& e = (*list)[i];
          passport::MaterialEntry entry;
          if (!e.is_object()) {
            problem(item(mat_path, i), "expected an object", "write { ... } for each material");
          } else {
            entry.identifier = text(e, "batteryMaterialIdentifier", item(mat_path, i));
            entry.name = text(e, "batteryMaterialName", item(mat_path, i));
            entry.mass_g = number(e, "batteryMaterialMass", item(mat_path, i), "g");
            object(e, "batteryMaterialLocation", item(mat_path, i));
          }
          p_.materials.push_back(std::move(entry));
        }
      }
      const std::string hz_path = child(mc_path, "hazardousSubstances");
      if (const json* list = array(*m, "hazardousSubstances", mc_path)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
          const json& e = (*list)[i];
          p_.hazardous_identifiers.push_back(
              text(e, "hazardousSubstanceIdentifier", item(hz_path, i)));
          p_.hazardous_concentrations_percent.push_back(
              number(e, "hazardousSubstanceConcentration", item(hz_path, i), "%"));
        }
      }
    }
    const std::string cf_path = "$.carbonFootprint";
    if (const json* c = object(root, "carbonFootprint", "$")) {
      number(*c, "batteryCarbonFootprint", cf_path, "kg CO2e per kWh");
      number(*c, "absoluteCarbonFootprint", cf_path, "kg CO2e");
      const std::string st_path = child(cf_path, "carbonFootprintPerLifecycleStage");
      if (const json* list = array(*c, "carbonFootprintPerLifecycleStage", cf_path)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
          const json& e = (*list)[i];
          p_.stage_footprints.push_back(
              {text(e, "lifecycleStage", item(st_path, i)),
               number(e, "carbonFootprint", item(st_path, i), "kg CO2e per kWh")});
        }
      }
    }
    const std::string ci_path = "$.circularity";
    if (const json* c = object(root, "circularity", "$")) {
      const std::string rc_path = child(ci_path, "recycledContent");
      if (const json* list = array(*c, "recycledContent", ci_path)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
          const json& e = (*list)[i];
          p_.recycled_content.push_back({text(e, "recycledMaterial", item(rc_path, i)),
                                         number(e, "preConsumerShare", item(rc_path, i), "%"),
                                         number(e, "postConsumerShare", item(rc_path, i), "%")});
        }
      }
    }
    const std::string pf_path = "$.performance";
    if (const json* pf = object(root, "performance", "$")) {
      const std::string tp_path = child(pf_path, "batteryTechicalProperties");
      if (const json* tp = object(*pf, "batteryTechicalProperties", pf_path)) {
        p_.rated_energy_kwh = number(*tp, "ratedEnergy", tp_path, "kWh");
      }
      const std::string bc_path = child(pf_path, "batteryCondition");
      if (const json* bc = object(*pf, "batteryCondition", pf_path)) {
        const std::string soce_path = child(bc_path, "stateOfCertifiedEnergy");
        if (const json* s = object(*bc, "stateOfCertifiedEnergy", bc_path)) {
          p_.state_of_certified_energy_percent =
              number(*s, "stateOfCertifiedEnergyValue", soce_path, "%");
        }
      }
    }
  }

 private:
  passport::Passport& p_;
};

json totals_json(const passport::Totals& t) {
  json j;
  j["battery_count"] = t.battery_count;
  j["battery_mass_kg"] = t.battery_mass_kg;
  json e = json::object();
  for (const auto& [k, v] : t.element_kg) e[k] = v;
  j["element_kg"] = e;
  j["unmapped_material_kg"] = t.unmapped_material_kg;
  return j;
}

json diagnostics_json(const core::Diagnostics& d) {
  json list = json::array();
  for (const auto& item : d.items()) {
    list.push_back({{"severity", item.severity == core::Severity::kError ? "error" : "warning"},
                    {"location", item.error.location},
                    {"message", item.error.message},
                    {"hint", item.error.hint}});
  }
  return list;
}

}  // namespace

core::Result<std::string> decode_text(const std::string& bytes, const std::string& source) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (bytes.size() >= 3 && b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return bytes.substr(3);
  if (bytes.size() >= 2 && b(0) == 0xFF && b(1) == 0xFE)
    return utf16_to_utf8(bytes, 2, false, source);
  if (bytes.size() >= 2 && b(0) == 0xFE && b(1) == 0xFF)
    return utf16_to_utf8(bytes, 2, true, source);
  // Without a BOM, JSON text starts with an ASCII character: a zero byte beside it is UTF-16.
  if (bytes.size() >= 2 && b(0) != 0 && b(1) == 0) return utf16_to_utf8(bytes, 0, false, source);
  if (bytes.size() >= 2 && b(0) == 0 && b(1) != 0) return utf16_to_utf8(bytes, 0, true, source);
  return bytes;
}

passport::FileResult read_passport_bytes(const std::string& bytes, const std::string& source) {
  passport::FileResult result;
  result.source = source;
  auto text = decode_text(bytes, source);
  if (!text) {
    result.diagnostics.add_error(text.error());
    return result;
  }
  auto doc = parse_json(*text, source);
  if (!doc) {
    result.diagnostics.add_error(doc.error());
    return result;
  }
  if (!doc->is_object()) {
    result.diagnostics.add_error(core::Error::invalid_input(
        "a passport is a JSON object, found " + std::string(doc->type_name()), source + ": $",
        "write { \"generalProductInformation\": {...}, \"materialComposition\": {...} }"));
    return result;
  }
  passport::Passport p;
  p.source = source;
  Reader reader(p);
  const json normal = reader.normalise(*doc, "$");
  reader.read(normal);
  result.diagnostics = passport::validate(p);
  result.passport = std::move(p);
  return result;
}

core::Result<std::vector<passport::FileResult>> read_passports(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> paths;
  if (fs::is_directory(path, ec)) {
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json") {
        paths.push_back(entry.path().string());
      }
    }
    if (ec) return core::Error::io("cannot list the folder: " + ec.message(), path);
    if (paths.empty()) {
      return core::Error::invalid_input("no *.json passport files in the folder", path,
                                        "give a passport file or a folder of *.json files");
    }
    std::sort(paths.begin(), paths.end());
  } else if (fs::exists(path, ec)) {
    paths.push_back(path);
  } else {
    return core::Error::not_found("no such file or folder", path,
                                  "give a passport JSON file or a folder of them");
  }
  std::vector<passport::FileResult> out;
  for (const auto& p : paths) {
    auto bytes = read_text_file(p);
    if (!bytes) return bytes.error();
    out.push_back(read_passport_bytes(*bytes, p));
  }
  return out;
}

core::Result<PassportSet> read_passport_set(const std::string& path, const std::string& data_dir) {
  auto defaults = load_plant_defaults(data_dir);
  if (!defaults) return defaults.error();
  auto substances = load_passport_substances(data_dir + "/passport_substances.csv");
  if (!substances) return substances.error();
  auto fractions = passport::substance_fractions(*substances, defaults->atomic_weights);
  if (!fractions) return fractions.error();
  auto files = read_passports(path);
  if (!files) return files.error();
  PassportSet out;
  out.files = std::move(*files);
  out.aggregate = passport::aggregate(out.files, *fractions);
  out.fractions = std::move(*fractions);
  return out;
}

core::Result<std::vector<passport::Substance>> load_passport_substances(const std::string& path) {
  auto table = CsvTable::read_file(path);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(table->require_columns({"cas", "name", "formula", "source"}));
  std::vector<passport::Substance> out;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    passport::Substance s;
    auto cas = row.required_text("cas");
    if (!cas) return cas.error();
    if (!passport::cas_check_digit_ok(*cas)) {
      return core::Error::invalid_input("'" + *cas + "' is not a valid CAS number",
                                        row.location("cas"),
                                        "check the number and its check digit");
    }
    auto name = row.required_text("name");
    if (!name) return name.error();
    auto formula = row.required_text("formula");
    if (!formula) return formula.error();
    auto source = row.required_text("source");
    if (!source) return source.error();
    out.push_back({*cas, *name, *formula, *source});
  }
  return out;
}

std::string passport_report_json(const std::vector<passport::FileResult>& files,
                                 const passport::Aggregate& aggregate) {
  json j;
  j["data_model"] = "Battery Pass data model " + std::string(passport::kDataModelVersion) +
                    " (DIN DKE SPEC 99100:2025-02)";
  json list = json::array();
  for (const auto& f : files) {
    json fj;
    fj["file"] = f.source;
    fj["valid"] = f.valid();
    if (f.passport && f.passport->passport_identifier) {
      fj["battery_passport_identifier"] = *f.passport->passport_identifier;
    }
    fj["errors"] = f.diagnostics.error_count();
    fj["warnings"] = f.diagnostics.warning_count();
    fj["problems"] = diagnostics_json(f.diagnostics);
    list.push_back(fj);
  }
  j["files"] = list;
  json a;
  a["files"] = aggregate.files;
  a["valid_files"] = aggregate.valid_files;
  a["invalid_files"] = aggregate.invalid_files;
  a["total"] = totals_json(aggregate.total);
  for (const auto& [name, group] :
       {std::pair<std::string, const std::map<std::string, passport::Totals>*>{
            "by_chemistry", &aggregate.by_chemistry},
        {"by_status", &aggregate.by_status},
        {"by_state_of_health_percent", &aggregate.by_soh_band}}) {
    json g = json::object();
    for (const auto& [k, t] : *group) g[k] = totals_json(t);
    a[name] = g;
  }
  a["unmapped_cas"] = aggregate.unmapped_cas;
  if (aggregate.rated_energy_kwh) {
    a["rated_energy_kwh"] = *aggregate.rated_energy_kwh;
  } else {
    a["rated_energy_kwh"] = nullptr;
  }
  j["aggregate"] = a;
  return dump_json(j, 2) + "\n";
}

std::string passport_fragment_json(const std::vector<passport::RecycledContentLine>& recycled,
                                   std::optional<double> recycling_kg_per_kwh,
                                   const std::vector<std::string>& provenance) {
  json j;
  json rc = json::array();
  for (const auto& r : recycled) {
    rc.push_back({{"recycledMaterial", r.material},
                  {"preConsumerShare", r.pre_consumer_percent},
                  {"postConsumerShare", r.post_consumer_percent}});
  }
  j["circularity"]["recycledContent"] = rc;
  if (recycling_kg_per_kwh) {
    j["carbonFootprint"]["carbonFootprintPerLifecycleStage"] = json::array(
        {{{"lifecycleStage", "Recycling"}, {"carbonFootprint", *recycling_kg_per_kwh}}});
  }
  j["urbanmine"]["data_model"] =
      "Battery Pass data model " + std::string(passport::kDataModelVersion);
  j["urbanmine"]["notes"] = provenance;
  return dump_json(j, 2) + "\n";
}

}  // namespace urbanmine::io
