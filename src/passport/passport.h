// SPDX-License-Identifier: Apache-2.0
// EU battery passports (Regulation 2023/1542 Art. 77, Annex XIII) as described by the Battery
// Pass data model 1.2.0 (github.com/batterypass/BatteryPassDataModel, DIN DKE SPEC 99100:2025-02):
// the fields a recycler uses, the model's validation rules (required fields per category, CAS
// numbers, masses, shares 0-100, status and category values), aggregation of many passports by
// chemistry, status and state of health, element content from material masses, and the
// recycled-content and "Recycling" carbon-footprint fragment of a recycled product.
// No files: io reads passports into `Passport` (docs/passport.md); this module only judges them.
//
// Example: auto issues = validate(p);  auto agg = aggregate(files, substances);
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/result.h"
#include "plant/formula.h"

namespace urbanmine::passport {

inline constexpr std::string_view kDataModelVersion = "1.2.0";

// GeneralProductInformation.batteryStatus (BatteryStatusEnumeration), text codes as published.
enum class BatteryStatus { kOriginal, kRepurposed, kReused, kRemanufactured, kWaste };
inline constexpr std::size_t kStatusCount = 5;
std::string_view status_code(BatteryStatus status);
std::optional<BatteryStatus> parse_status(std::string_view text);  // exact spelling only

// CAS Registry Number: the model's pattern ^\d{2,7}-\d{2}-\d$ and the CAS check digit (the
// other digits, from the right, weighted 1, 2, 3, ... summed modulo 10).
bool cas_pattern_ok(std::string_view cas);
bool cas_check_digit_ok(std::string_view cas);  // false when the pattern fails

// One batteryMaterials entry (MaterialComposition). Mass in grams (model unit: unit:gram).
struct MaterialEntry {
  std::optional<std::string> identifier;  // CAS number
  std::optional<std::string> name;
  std::optional<double> mass_g;
};

// One recycledContent entry (Circularity); shares in percent of the active material, 0-100.
struct RecycledShare {
  std::optional<std::string> material;  // Cobalt, Nickel, Lithium, Lead
  std::optional<double> pre_consumer_percent;
  std::optional<double> post_consumer_percent;
};

// One carbonFootprintPerLifecycleStage entry, kg CO2e per kWh of lifetime energy.
struct StageFootprint {
  std::optional<std::string> stage;
  std::optional<double> kg_co2e_per_kwh;
};

// A passport as read by io. JSON paths are written "$.category.key[index].key" with the
// model's key names (accepted alternative spellings already mapped to them).
struct Passport {
  std::string source;  // file name used in every message
  // Every object member and array element present in the document (not their values).
  std::set<std::string> paths;
  // Problems io found while reading values (wrong JSON types); validate() adds them first.
  std::vector<core::Diagnostic> read_problems;

  std::optional<std::string> passport_identifier;   // batteryPassportIdentifier
  std::optional<std::string> category;              // batteryCategory
  std::optional<std::string> status;                // batteryStatus as written
  std::optional<double> battery_mass_kg;            // batteryMass (unit:kilogram)
  std::optional<std::string> manufacturing_date;    // manufacturingDate (xsd:dateTime)
  std::optional<std::string> putting_into_service;  // puttingIntoService (xsd:dateTime)
  std::optional<std::string> chemistry;             // batteryChemistry.shortName
  std::vector<MaterialEntry> materials;
  std::vector<std::optional<std::string>> hazardous_identifiers;
  std::vector<std::optional<double>> hazardous_concentrations_percent;
  std::vector<RecycledShare> recycled_content;
  std::vector<StageFootprint> stage_footprints;
  std::optional<double> state_of_certified_energy_percent;  // SOCE, the state of health used
  std::optional<double> rated_energy_kwh;                   // batteryTechicalProperties
};

// Every rule of docs/passport.md applied to one passport: its read problems, the two mandatory
// categories, required fields of each category and entity present, unknown keys (warnings,
// with the closest model key), value rules. Locations are "source: $.path".
core::Diagnostics validate(const Passport& passport);

// Mass fraction of each element code in one substance (CAS number). Element codes are chemical
// symbols, except carbon of pure-carbon substances, counted as "graphite".
using ElementFractions = std::map<std::string, double>;
struct Substance {
  std::string cas;
  std::string name;
  std::string formula;
  std::string source;
};
// Fractions from formulas and atomic weights (a one-element formula is 1 without a weight).
core::Result<std::map<std::string, ElementFractions>> substance_fractions(
    const std::vector<Substance>& substances, const plant::AtomicWeights& weights);

// The calendar year a date of the model starts with ("2019-06-01T00:00:00Z" -> 2019), or
// nullopt when the text does not start with YYYY-MM-DD.
std::optional<int> date_year(std::string_view date);
// The model year of a battery: the year it was put into service, else the year it was made.
std::optional<int> model_year(const Passport& passport);

// Element content of one passport's materials: kg of each element code (substance_fractions)
// and kg of materials whose CAS number is not in `fractions` (their CAS numbers in `unmapped`).
struct ElementContent {
  std::map<std::string, double> element_kg;
  double unmapped_kg = 0.0;
  std::set<std::string> unmapped;
};
ElementContent element_content(const Passport& passport,
                               const std::map<std::string, ElementFractions>& fractions);

// One file read: its passport (when the JSON parsed) and every problem found.
struct FileResult {
  std::string source;
  std::optional<Passport> passport;  // nullopt: not JSON or not an object
  core::Diagnostics diagnostics;
  bool valid() const { return passport.has_value() && !diagnostics.has_errors(); }
};

// Sums over valid passports.
struct Totals {
  int battery_count = 0;
  double battery_mass_kg = 0.0;
  std::map<std::string, double> element_kg;  // element code -> kg
  double unmapped_material_kg = 0.0;         // materials whose CAS is not in the substance list
};

// State-of-health bands of stateOfCertifiedEnergy (percent): presentation bins, not data.
inline constexpr std::string_view kSohUnknown = "unknown";
std::string soh_band(std::optional<double> percent);  // "0-60", "60-70", ..., "90-100", "unknown"

struct Aggregate {
  int files = 0;
  int valid_files = 0;
  int invalid_files = 0;
  Totals total;
  std::map<std::string, Totals> by_chemistry;  // batteryChemistry.shortName
  std::map<std::string, Totals> by_status;     // status code
  std::map<std::string, Totals> by_soh_band;
  std::set<std::string> unmapped_cas;
  std::optional<double> rated_energy_kwh;  // sum when every valid passport states it
};

// Adds a cross-file check (a batteryPassportIdentifier seen in an earlier file is an error in
// the later one), then sums the valid files. `fractions` from substance_fractions().
Aggregate aggregate(std::vector<FileResult>& files,
                    const std::map<std::string, ElementFractions>& fractions);

// The error when some of `files` are invalid and nothing is taken from them: every error of
// every file, "N of M passports are invalid, <consequence>:" first.
core::Error invalid_passports_error(const std::vector<FileResult>& files,
                                    const Aggregate& aggregate, std::string_view consequence);

// --- Out: a passport fragment for a recycled product. ---

// Battery Pass RecycledMaterial values and the element each is.
inline constexpr std::string_view kRecycledMaterials[] = {"Cobalt", "Lithium", "Nickel", "Lead"};
std::string_view recycled_material_element(std::string_view material);  // "Cobalt" -> "Co"

// Recovered product of one element split by where its feed came from.
struct ElementOrigin {
  double pre_consumer_t = 0.0;   // from manufacturing waste (production scrap)
  double post_consumer_t = 0.0;  // from end-of-life batteries
};

struct RecycledContentLine {
  std::string material;  // "Cobalt"
  double pre_consumer_percent = 0.0;
  double post_consumer_percent = 0.0;
};

// Shares of the product that is recycled (all of it), split pre/post consumer, for each of
// Co, Li, Ni, Pb with a positive amount; elements without product are left out.
std::vector<RecycledContentLine> recycled_content(
    const std::map<std::string, ElementOrigin>& by_element);

// kg CO2e per kWh: process emissions of recycling over the functional unit. Errors: a
// functional unit that is not positive.
core::Result<double> recycling_stage_kg_per_kwh(double process_co2e_t, double functional_unit_kwh);

}  // namespace urbanmine::passport
