// SPDX-License-Identifier: Apache-2.0
// Validation, aggregation and fragment arithmetic for battery passports (Battery Pass data model
// 1.2.0). The rule tables below list the model's required and optional keys per entity; the
// key names are the published ones, misspellings included ("warrentyPeriod",
// "batteryTechicalProperties").
#include "passport/passport.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <regex>
#include <utility>

#include "core/tolerance.h"

namespace urbanmine::passport {
namespace {

constexpr std::array<std::string_view, kStatusCount> kStatusCodes = {
    "Original", "Repurposed", "Reused", "Remanufactured", "Waste"};
constexpr std::array<std::string_view, 4> kCategories = {"lmt", "ev", "industrial", "stationary"};
constexpr std::array<std::string_view, 4> kStages = {"RawMaterialExtraction", "MainProduction",
                                                     "Distribution", "Recycling"};
constexpr double kPercentMax = 100.0;
constexpr double kGramsPerKg = 1000.0;
// Materials listed in a passport are those of cathode, anode and electrolyte above the model's
// 0.1 % w/w reporting threshold; together they are far above 0.1 % of the battery. A sum
// below this share of the battery mass means the masses were written in kg, not g.
constexpr double kMinMaterialShareOfBattery = 0.001;

// One entity of the model: where it sits and which keys it has.
struct EntityRule {
  std::string_view pattern;  // "$.materialComposition.batteryMaterials[*]"
  std::vector<std::string_view> required;
  std::vector<std::string_view> optional;
  std::string_view reference;  // DIN DKE SPEC 99100 chapter or model aspect
};

const std::vector<EntityRule>& entity_rules() {
  static const std::vector<EntityRule> rules = {
      {"$.generalProductInformation",
       {"productIdentifier", "batteryPassportIdentifier", "batteryCategory",
        "manufacturerInformation", "manufacturingDate", "batteryStatus", "batteryMass",
        "manufacturingPlace", "operatorInformation", "puttingIntoService", "warrentyPeriod"},
       {},
       "GeneralProductInformation 1.2.0, DIN DKE SPEC 99100 6.1"},
      {"$.generalProductInformation.manufacturerInformation",
       {"contactName", "postalAddress", "identifier"},
       {"emailAddress", "webAddress"},
       "GeneralProductInformation 1.2.0 ContactInformationEntity"},
      {"$.generalProductInformation.operatorInformation",
       {"contactName", "postalAddress", "identifier"},
       {"emailAddress", "webAddress"},
       "GeneralProductInformation 1.2.0 ContactInformationEntity"},
      {"$.materialComposition",
       {"batteryChemistry", "batteryMaterials", "hazardousSubstances"},
       {},
       "MaterialComposition 1.2.0, DIN DKE SPEC 99100 6.5"},
      {"$.materialComposition.batteryChemistry",
       {"shortName", "clearName"},
       {},
       "MaterialComposition 1.2.0 BatteryChemistryEntity"},
      {"$.materialComposition.batteryMaterials[*]",
       {"batteryMaterialLocation", "batteryMaterialIdentifier", "batteryMaterialName",
        "batteryMaterialMass", "isCriticalRawMaterial"},
       {},
       "MaterialComposition 1.2.0 BatteryMaterialEntity, DIN DKE SPEC 99100 6.5.3-6.5.4"},
      {"$.materialComposition.hazardousSubstances[*]",
       {"hazardousSubstanceClass", "hazardousSubstanceName", "hazardousSubstanceConcentration",
        "hazardousSubstanceImpact", "hazardousSubstanceLocation", "hazardousSubstanceIdentifier"},
       {},
       "MaterialComposition 1.2.0 HazardousSubstanceEntity"},
      {"$.carbonFootprint",
       {"batteryCarbonFootprint", "carbonFootprintPerLifecycleStage",
        "carbonFootprintPerformanceClass", "carbonFootprintStudy"},
       {"absoluteCarbonFootprint"},
       "CarbonFootprintForBatteries 1.2.0, DIN DKE SPEC 99100 6.3"},
      {"$.carbonFootprint.carbonFootprintPerLifecycleStage[*]",
       {"lifecycleStage", "carbonFootprint"},
       {},
       "CarbonFootprintForBatteries 1.2.0 CarbonFootprintPerLifecycleStageEntity"},
      {"$.circularity",
       {"dismantlingAndRemovalInformation", "sparePartSources", "recycledContent", "safetyMeasures",
        "endOfLifeInformation", "renewableContent"},
       {},
       "Circularity 1.2.0, DIN DKE SPEC 99100 6.6"},
      {"$.circularity.recycledContent[*]",
       {"preConsumerShare", "recycledMaterial", "postConsumerShare"},
       {},
       "Circularity 1.2.0 RecycledContentEntity, DIN DKE SPEC 99100 6.6.2.3-6.6.2.10"},
      {"$.performance",
       {"batteryTechicalProperties", "batteryCondition"},
       {},
       "PerformanceAndDurability 1.2.0, DIN DKE SPEC 99100 6.7"},
      {"$.performance.batteryCondition.stateOfCertifiedEnergy",
       {"stateOfCertifiedEnergyValue", "lastUpdate"},
       {},
       "PerformanceAndDurability 1.2.0 StateOfCertifiedEnergyEntity, DIN DKE SPEC 99100 6.7.2.7"},
      {"$.labeling",
       {"declarationOfConformity", "resultOfTestReport", "labels"},
       {},
       "Labeling 1.2.0"},
      {"$.supplyChainDueDiligence",
       {"supplyChainDueDiligenceReport"},
       {"thirdPartyAussurances", "supplyChainIndicies"},
       "SupplyChainDueDiligence 1.2.0"},
  };
  return rules;
}

constexpr std::array<std::string_view, 2> kMandatoryCategories = {"generalProductInformation",
                                                                  "materialComposition"};
constexpr std::array<std::string_view, 7> kAllCategories = {"generalProductInformation",
                                                            "materialComposition",
                                                            "carbonFootprint",
                                                            "circularity",
                                                            "performance",
                                                            "labeling",
                                                            "supplyChainDueDiligence"};

std::string num(double v) {
  constexpr int kDigits = 10;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", kDigits, v);
  return buf;
}

// Does `path` match `pattern`, where "[*]" matches any "[digits]"?
bool matches(std::string_view path, std::string_view pattern) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < path.size() && j < pattern.size()) {
    if (pattern.substr(j, 3) == "[*]") {
      if (path[i] != '[') return false;
      ++i;
      const std::size_t start = i;
      while (i < path.size() && std::isdigit(static_cast<unsigned char>(path[i]))) ++i;
      if (i == start || i >= path.size() || path[i] != ']') return false;
      ++i;
      j += 3;
      continue;
    }
    if (path[i] != pattern[j]) return false;
    ++i;
    ++j;
  }
  return i == path.size() && j == pattern.size();
}

// Keys directly under `parent` ("$.a" -> "b" for "$.a.b" and "$.a.b[0]"...).
std::set<std::string> child_keys(const std::set<std::string>& paths, const std::string& parent) {
  std::set<std::string> keys;
  const std::string prefix = parent + ".";
  for (auto it = paths.lower_bound(prefix); it != paths.end(); ++it) {
    if (it->compare(0, prefix.size(), prefix) != 0) break;
    const std::string rest = it->substr(prefix.size());
    const std::size_t end = rest.find_first_of(".[");
    keys.insert(rest.substr(0, end));
  }
  return keys;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (same ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

constexpr std::size_t kMaxSuggestionDistance = 3;

class Checker {
 public:
  explicit Checker(const Passport& p) : p_(p) {}

  core::Diagnostics run() {
    for (const auto& d : p_.read_problems) {
      if (d.severity == core::Severity::kError) {
        out_.add_error(d.error);
      } else {
        out_.add_warning(d.error);
      }
    }
    check_categories();
    check_entities();
    check_values();
    return out_;
  }

 private:
  std::string loc(const std::string& path) const { return p_.source + ": " + path; }
  void error(const std::string& path, std::string message, std::string hint) {
    out_.add_error(core::Error::invalid_input(std::move(message), loc(path), std::move(hint)));
  }
  void warning(const std::string& path, std::string message, std::string hint) {
    out_.add_warning(core::Error::invalid_input(std::move(message), loc(path), std::move(hint)));
  }
  bool has(const std::string& path) const { return p_.paths.count(path) != 0; }

  void check_categories() {
    for (auto c : kMandatoryCategories) {
      const std::string path = "$." + std::string(c);
      if (!has(path)) {
        error(path, "category " + std::string(c) + " is missing",
              "a recycler needs it: add the object (Battery Pass data model 1.2.0)");
      }
    }
    for (const auto& key : child_keys(p_.paths, "$")) {
      if (std::find(kAllCategories.begin(), kAllCategories.end(), key) != kAllCategories.end()) {
        continue;
      }
      warning("$." + key, "unknown category '" + key + "' is ignored",
              "categories are generalProductInformation, materialComposition, carbonFootprint, "
              "circularity, performance, labeling, supplyChainDueDiligence");
    }
  }

  void check_entities() {
    for (const auto& rule : entity_rules()) {
      for (const auto& path : p_.paths) {
        if (!matches(path, rule.pattern)) continue;
        const auto present = child_keys(p_.paths, path);
        std::vector<std::string> unknown;
        for (const auto& key : present) {
          const bool known =
              std::find(rule.required.begin(), rule.required.end(), key) != rule.required.end() ||
              std::find(rule.optional.begin(), rule.optional.end(), key) != rule.optional.end();
          if (!known) unknown.push_back(key);
        }
        for (auto req : rule.required) {
          const std::string key(req);
          if (present.count(key)) continue;
          std::string hint = "required by " + std::string(rule.reference);
          for (const auto& u : unknown) {
            if (edit_distance(u, key) <= kMaxSuggestionDistance) {
              hint = "'" + u + "' is not a key of the model; did you mean '" + key + "'? (" + hint +
                     ")";
            }
          }
          error(path + "." + key, "required field " + key + " is missing", hint);
        }
        for (const auto& u : unknown) {
          std::string best;
          std::size_t best_d = kMaxSuggestionDistance + 1;
          for (auto k : rule.required) {
            const std::size_t d = edit_distance(u, k);
            if (d < best_d) {
              best_d = d;
              best = std::string(k);
            }
          }
          warning(
              path + "." + u, "key '" + u + "' is not in the Battery Pass data model 1.2.0",
              best.empty() ? "remove it or check the spelling" : "did you mean '" + best + "'?");
        }
      }
    }
  }

  void check_values() {
    const std::string gpi = "$.generalProductInformation";
    if (p_.status && !parse_status(*p_.status)) {
      std::string hint = "use one of Original, Repurposed, Reused, Remanufactured, Waste";
      for (auto code : kStatusCodes) {
        if (edit_distance(*p_.status, code) == 0) {
          hint = "write '" + std::string(code) + "' (values are case-sensitive)";
        }
      }
      error(gpi + ".batteryStatus", "'" + *p_.status + "' is not a battery status", hint);
    }
    if (p_.category &&
        std::find(kCategories.begin(), kCategories.end(), *p_.category) == kCategories.end()) {
      error(gpi + ".batteryCategory", "'" + *p_.category + "' is not a battery category",
            "use one of lmt, ev, industrial, stationary");
    }
    if (p_.passport_identifier) {
      static const std::regex kUrn("^urn:[a-z0-9]+:[a-z0-9]+$");
      if (!std::regex_match(*p_.passport_identifier, kUrn)) {
        error(gpi + ".batteryPassportIdentifier",
              "'" + *p_.passport_identifier + "' is not a passport identifier",
              "the model's pattern is urn:NAMESPACE:ID in lower-case letters and digits, e.g. "
              "urn:bmwk:123456687678");
      }
    }
    for (const auto& [date, key] : {std::pair{&p_.manufacturing_date, "manufacturingDate"},
                                    std::pair{&p_.putting_into_service, "puttingIntoService"}}) {
      if (*date && !date_year(**date)) {
        error(gpi + "." + key, "'" + **date + "' is not a date",
              "write an xsd:dateTime such as 2019-06-01T00:00:00Z");
      }
    }
    if (p_.battery_mass_kg && !(*p_.battery_mass_kg > 0.0)) {
      error(gpi + ".batteryMass", num(*p_.battery_mass_kg) + " kg is not a battery mass",
            "give the mass of the whole battery in kilograms, above 0");
    }
    check_materials();
    for (std::size_t i = 0; i < p_.hazardous_identifiers.size(); ++i) {
      const auto& id = p_.hazardous_identifiers[i];
      check_cas(id, "$.materialComposition.hazardousSubstances[" + std::to_string(i) +
                        "].hazardousSubstanceIdentifier");
    }
    for (std::size_t i = 0; i < p_.hazardous_concentrations_percent.size(); ++i) {
      const auto& c = p_.hazardous_concentrations_percent[i];
      if (c) {
        check_percent(*c, "$.materialComposition.hazardousSubstances[" + std::to_string(i) +
                              "].hazardousSubstanceConcentration");
      }
    }
    check_recycled();
    for (std::size_t i = 0; i < p_.stage_footprints.size(); ++i) {
      const auto& s = p_.stage_footprints[i];
      const std::string at =
          "$.carbonFootprint.carbonFootprintPerLifecycleStage[" + std::to_string(i) + "]";
      if (s.stage && std::find(kStages.begin(), kStages.end(), *s.stage) == kStages.end()) {
        error(at + ".lifecycleStage", "'" + *s.stage + "' is not a life-cycle stage",
              "use RawMaterialExtraction, MainProduction, Distribution or Recycling");
      }
    }
    if (p_.state_of_certified_energy_percent) {
      check_percent(*p_.state_of_certified_energy_percent,
                    "$.performance.batteryCondition.stateOfCertifiedEnergy."
                    "stateOfCertifiedEnergyValue");
    }
  }

  void check_cas(const std::optional<std::string>& id, const std::string& path) {
    if (!id) return;
    if (!cas_pattern_ok(*id)) {
      std::string hint = "write a CAS Registry Number such as 7439-93-2 (lithium)";
      if (!id->empty() && (std::isspace(static_cast<unsigned char>(id->front())) ||
                           std::isspace(static_cast<unsigned char>(id->back())))) {
        hint = "remove the spaces around it";
      }
      error(path, "'" + *id + "' is not a CAS number (pattern ^\\d{2,7}-\\d{2}-\\d$)", hint);
    } else if (!cas_check_digit_ok(*id)) {
      error(path, "'" + *id + "' fails the CAS check digit",
            "check the number against the substance's CAS registry entry");
    }
  }

  void check_percent(double v, const std::string& path) {
    if (v < 0.0 || v > kPercentMax) {
      error(path, num(v) + " is outside 0-100 %",
            "the model's unit is percent (0-100), not a fraction or a per-mille");
    }
  }

  void check_materials() {
    double sum_g = 0.0;
    bool all_masses = true;
    for (std::size_t i = 0; i < p_.materials.size(); ++i) {
      const auto& m = p_.materials[i];
      const std::string at = "$.materialComposition.batteryMaterials[" + std::to_string(i) + "]";
      check_cas(m.identifier, at + ".batteryMaterialIdentifier");
      if (!m.mass_g) {
        all_masses = false;
        continue;
      }
      if (*m.mass_g < 0.0) {
        error(at + ".batteryMaterialMass", num(*m.mass_g) + " g is negative",
              "give the material's mass in grams");
        all_masses = false;
        continue;
      }
      sum_g += *m.mass_g;
    }
    if (!p_.battery_mass_kg || !(*p_.battery_mass_kg > 0.0) || !all_masses ||
        p_.materials.empty()) {
      return;
    }
    const double battery_g = *p_.battery_mass_kg * kGramsPerKg;
    const std::string at = "$.materialComposition.batteryMaterials";
    if (sum_g > battery_g && !core::approx_equal(sum_g, battery_g)) {
      error(at,
            "the materials weigh " + num(sum_g / kGramsPerKg) + " kg, more than the battery (" +
                num(*p_.battery_mass_kg) + " kg at $.generalProductInformation.batteryMass)",
            "batteryMaterialMass is in grams and batteryMass in kilograms (Battery Pass 1.2.0); "
            "check units and values");
    } else if (sum_g < kMinMaterialShareOfBattery * battery_g) {
      error(at,
            "the materials weigh " + num(sum_g) + " g, under 0.1 % of the battery (" +
                num(*p_.battery_mass_kg) + " kg): the masses look like kilograms",
            "batteryMaterialMass is in grams (Battery Pass 1.2.0, unit:gram): multiply by 1000");
    }
  }

  void check_recycled() {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < p_.recycled_content.size(); ++i) {
      const auto& r = p_.recycled_content[i];
      const std::string at = "$.circularity.recycledContent[" + std::to_string(i) + "]";
      if (r.material) {
        if (recycled_material_element(*r.material).empty()) {
          error(at + ".recycledMaterial", "'" + *r.material + "' is not a recycled material",
                "use Cobalt, Lithium, Nickel or Lead");
        } else if (!seen.insert(*r.material).second) {
          error(at + ".recycledMaterial", *r.material + " is listed twice",
                "give one entry per material");
        }
      }
      if (r.pre_consumer_percent) check_percent(*r.pre_consumer_percent, at + ".preConsumerShare");
      if (r.post_consumer_percent) {
        check_percent(*r.post_consumer_percent, at + ".postConsumerShare");
      }
      if (r.pre_consumer_percent && r.post_consumer_percent &&
          *r.pre_consumer_percent + *r.post_consumer_percent > kPercentMax &&
          !core::approx_equal(*r.pre_consumer_percent + *r.post_consumer_percent, kPercentMax)) {
        error(at,
              "pre- and post-consumer shares add up to " +
                  num(*r.pre_consumer_percent + *r.post_consumer_percent) + " %",
              "both are shares of the same active material; together at most 100 %");
      }
    }
  }

  const Passport& p_;
  core::Diagnostics out_;
};

void add_to(Totals& t, const Passport& p, const std::map<std::string, double>& element_kg,
            double unmapped_kg) {
  t.battery_count += 1;
  t.battery_mass_kg += p.battery_mass_kg.value_or(0.0);
  for (const auto& [e, kg] : element_kg) t.element_kg[e] += kg;
  t.unmapped_material_kg += unmapped_kg;
}

}  // namespace

std::string_view status_code(BatteryStatus status) {
  return kStatusCodes[static_cast<std::size_t>(status)];
}

std::optional<BatteryStatus> parse_status(std::string_view text) {
  for (std::size_t i = 0; i < kStatusCount; ++i) {
    if (kStatusCodes[i] == text) return static_cast<BatteryStatus>(i);
  }
  return std::nullopt;
}

bool cas_pattern_ok(std::string_view cas) {
  static const std::regex kCas(R"(^\d{2,7}-\d{2}-\d$)");
  return std::regex_match(std::string(cas), kCas);
}

bool cas_check_digit_ok(std::string_view cas) {
  if (!cas_pattern_ok(cas)) return false;
  const int check = cas.back() - '0';
  int sum = 0;
  int weight = 1;
  // Digits before the check digit, from the right.
  for (std::size_t i = cas.size() - 2; i-- > 0;) {
    if (cas[i] == '-') continue;
    sum += weight * (cas[i] - '0');
    ++weight;
  }
  constexpr int kModulus = 10;
  return sum % kModulus == check;
}

core::Diagnostics validate(const Passport& passport) { return Checker(passport).run(); }

core::Result<std::map<std::string, ElementFractions>> substance_fractions(
    const std::vector<Substance>& substances, const plant::AtomicWeights& weights) {
  std::map<std::string, ElementFractions> out;
  for (const auto& s : substances) {
    auto counts = plant::parse_formula(s.formula, s.cas);
    if (!counts) return counts.error();
    ElementFractions f;
    if (counts->size() == 1) {
      const std::string sym = counts->begin()->first;
      f[sym == "C" ? "graphite" : sym] = 1.0;
    } else {
      auto molar = plant::molar_mass(*counts, weights, s.cas);
      if (!molar) return molar.error();
      for (const auto& [sym, n] : *counts) f[sym] = n * weights.at(sym) / *molar;
    }
    out[s.cas] = std::move(f);
  }
  return out;
}

std::string soh_band(std::optional<double> percent) {
  if (!percent) return std::string(kSohUnknown);
  constexpr std::array<double, 4> kEdges = {60.0, 70.0, 80.0, 90.0};
  if (*percent < kEdges[0]) return "0-60";
  for (std::size_t i = 1; i < kEdges.size(); ++i) {
    if (*percent < kEdges[i]) return num(kEdges[i - 1]) + "-" + num(kEdges[i]);
  }
  return "90-100";
}

std::optional<int> date_year(std::string_view date) {
  static const std::regex kDate("^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]).*");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(date.begin(), date.end(), m, kDate)) return std::nullopt;
  return std::stoi(m[1].str());
}

std::optional<int> model_year(const Passport& passport) {
  if (passport.putting_into_service) {
    if (auto y = date_year(*passport.putting_into_service)) return y;
  }
  if (passport.manufacturing_date) return date_year(*passport.manufacturing_date);
  return std::nullopt;
}

ElementContent element_content(const Passport& passport,
                               const std::map<std::string, ElementFractions>& fractions) {
  ElementContent out;
  for (const auto& m : passport.materials) {
    const double kg = m.mass_g.value_or(0.0) / kGramsPerKg;
    auto it = m.identifier ? fractions.find(*m.identifier) : fractions.end();
    if (it == fractions.end()) {
      out.unmapped_kg += kg;
      if (m.identifier) out.unmapped.insert(*m.identifier);
      continue;
    }
    for (const auto& [e, share] : it->second) out.element_kg[e] += kg * share;
  }
  return out;
}

Aggregate aggregate(std::vector<FileResult>& files,
                    const std::map<std::string, ElementFractions>& fractions) {
  Aggregate agg;
  std::map<std::string, std::string> first_file_of_id;
  for (auto& f : files) {
    if (!f.passport || !f.passport->passport_identifier) continue;
    const auto& id = *f.passport->passport_identifier;
    auto [it, inserted] = first_file_of_id.emplace(id, f.source);
    if (!inserted) {
      f.diagnostics.add_error(core::Error::invalid_input(
          "batteryPassportIdentifier " + id + " was already read from " + it->second,
          f.source + ": $.generalProductInformation.batteryPassportIdentifier",
          "each battery has one passport: remove the duplicate file"));
    }
  }
  double rated_kwh = 0.0;
  bool rated_complete = true;
  for (const auto& f : files) {
    ++agg.files;
    if (!f.valid()) {
      ++agg.invalid_files;
      continue;
    }
    ++agg.valid_files;
    const Passport& p = *f.passport;
    auto content = element_content(p, fractions);
    agg.unmapped_cas.insert(content.unmapped.begin(), content.unmapped.end());
    const auto& element_kg = content.element_kg;
    const double unmapped_kg = content.unmapped_kg;
    add_to(agg.total, p, element_kg, unmapped_kg);
    add_to(agg.by_chemistry[p.chemistry.value_or("unknown")], p, element_kg, unmapped_kg);
    add_to(agg.by_status[p.status.value_or("unknown")], p, element_kg, unmapped_kg);
    add_to(agg.by_soh_band[soh_band(p.state_of_certified_energy_percent)], p, element_kg,
           unmapped_kg);
    if (p.rated_energy_kwh) {
      rated_kwh += *p.rated_energy_kwh;
    } else {
      rated_complete = false;
    }
  }
  if (agg.valid_files > 0 && rated_complete) agg.rated_energy_kwh = rated_kwh;
  return agg;
}

core::Error invalid_passports_error(const std::vector<FileResult>& files,
                                    const Aggregate& aggregate, std::string_view consequence) {
  core::Diagnostics all;
  for (const auto& f : files) {
    for (const auto& d : f.diagnostics.items()) {
      if (d.severity == core::Severity::kError) all.add_error(d.error);
    }
  }
  core::Error e = all.to_error();
  e.message = std::to_string(aggregate.invalid_files) + " of " + std::to_string(aggregate.files) +
              " passports are invalid, " + std::string(consequence) + ":\n" + e.message;
  e.hint = "fix or remove them (urbanmine passport read DIR lists every problem)";
  return e;
}

std::string_view recycled_material_element(std::string_view material) {
  if (material == "Cobalt") return "Co";
  if (material == "Lithium") return "Li";
  if (material == "Nickel") return "Ni";
  if (material == "Lead") return "Pb";
  return {};
}

std::vector<RecycledContentLine> recycled_content(
    const std::map<std::string, ElementOrigin>& by_element) {
  std::vector<RecycledContentLine> out;
  for (auto material : kRecycledMaterials) {
    auto it = by_element.find(std::string(recycled_material_element(material)));
    if (it == by_element.end()) continue;
    const double total = it->second.pre_consumer_t + it->second.post_consumer_t;
    if (!(total > 0.0)) continue;
    out.push_back({std::string(material), kPercentMax * it->second.pre_consumer_t / total,
                   kPercentMax * it->second.post_consumer_t / total});
  }
  return out;
}

core::Result<double> recycling_stage_kg_per_kwh(double process_co2e_t, double functional_unit_kwh) {
  if (!(functional_unit_kwh > 0.0) || !std::isfinite(functional_unit_kwh)) {
    return core::Error::invalid_input(
        num(functional_unit_kwh) + " kWh is not a functional unit", "--functional-unit-kwh",
        "give the energy the batteries deliver over their service life in kWh, above 0");
  }
  constexpr double kKgPerTonne = 1000.0;
  return process_co2e_t * kKgPerTonne / functional_unit_kwh;
}

}  // namespace urbanmine::passport
