// SPDX-License-Identifier: Apache-2.0
// Loaders for the supply-risk data: country names to ISO codes and EU membership
// (data/country_codes.csv), mine production, reserves and refining shares by country
// (mine_production.csv, reserves.csv, refining_share.csv) and WGI governance scores (wgi.csv).
// Blank figures stay blank (std::nullopt) and are reported as missing downstream. Every
// problem names file, line and column; the loaders report all problems of a file at once.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "risk/concentration.h"

namespace urbanmine::io {

struct CountryCode {
  std::string name;
  std::string iso2;
  std::string iso3;
  bool eu27_member = false;
};

class CountryCodes {
 public:
  void add(CountryCode code);
  // ISO3 for a country name as written in the data files; nullopt when unknown.
  std::optional<std::string> iso3_for_name(const std::string& name) const;
  bool is_eu27(const std::string& iso3) const;
  // The 27 EU members (ISO3, sorted).
  std::vector<std::string> eu27() const;
  // "EU" -> EU members; an ISO alpha-2 code -> its ISO3; otherwise empty.
  std::vector<std::string> jurisdiction_members(const std::string& jurisdiction) const;
  const std::vector<CountryCode>& all() const { return codes_; }

 private:
  std::vector<CountryCode> codes_;
  std::map<std::string, std::size_t> by_name_;
};

core::Result<CountryCodes> load_country_codes(const std::string& path);

// A model region of data/regions.csv as the cooperation modules need it.
struct RegionMembers {
  std::string code;
  std::string kind;                  // "country", "residual" or "aggregate"
  std::vector<std::string> members;  // ISO3 codes; {"*"} = every country
};
// data/regions.csv (code, kind, members); an absent file gives an empty map.
core::Result<std::map<std::string, RegionMembers>> load_region_members(const std::string& path);

// Element code for a mineral name of the USGS/IEA files (cobalt -> Co, natural_graphite ->
// graphite); nullopt for names that are not one element (e.g. cathode_active_material).
std::optional<std::string> element_for_mineral(const std::string& mineral);

struct SupplyRecord {
  std::string element;
  risk::SupplyStage stage = risk::SupplyStage::kMine;
  std::string country;
  std::string iso3;  // empty for the world total and "other countries"
  int year = 0;
  std::optional<double> value;  // tonnes (mine, reserves) or percent (refining)
  std::string unit;
  std::string verification;
  std::string source;
  std::string location;  // file:line
  bool world_total = false;
  bool other_countries = false;
  bool withheld = false;  // the publisher prints W (figure withheld); value is blank
  std::string edition;    // e.g. "MCS2024"; empty when the file has no edition column
};

class SupplyData {
 public:
  void add(SupplyRecord record) { records_.push_back(std::move(record)); }
  const std::vector<SupplyRecord>& records() const { return records_; }
  // Years with at least one producer figure for the element and stage, ascending.
  std::vector<int> years(const std::string& element, risk::SupplyStage stage) const;
  // The latest such year not after `year` (or the earliest when all are later).
  std::optional<int> year_for(const std::string& element, risk::SupplyStage stage, int year) const;
  // Every producer (named country) row plus the world total of one element, stage and year.
  // NotFound when there is none.
  core::Result<risk::SupplySnapshot> snapshot(const std::string& element, risk::SupplyStage stage,
                                              int year) const;

 private:
  std::vector<SupplyRecord> records_;
};

// Reads mine_production.csv, reserves.csv and refining_share.csv from `data_dir`. Rows that are
// not one country (e.g. "China + Indonesia (combined)"), not one element, not historical, or of
// another stage are skipped; a country name missing from `codes` is an error (add it to
// data/country_codes.csv).
core::Result<SupplyData> load_supply_data(const std::string& data_dir, const CountryCodes& codes);

// data/eu_crm_2023.csv: the inputs and results of the EU 2023 criticality assessment per
// material (EC 2023, Study on the critical raw materials for the EU, doi:10.2873/725585), as
// transcribed (see data/README.md): published SR, EoL-RIR, import reliance and substitution
// index (blank where no copy was found), and by stage (E extraction, P processing) the global
// supply and EU sourcing shares by country with the trade variable t of each country.
struct EuCrmValue {
  std::optional<double> value;  // fraction 0-1 for percentages; score otherwise
  std::string source;           // where the value came from, or the gap note
};
struct EuCrmShare {
  std::string country;
  std::string iso3;
  double share_fraction = 0.0;  // 0-1
  double trade_t = 1.0;         // the t of the SR formula (Annex 7); 1 when not listed
};
struct EuCrmStage {
  std::vector<EuCrmShare> global_supply;
  std::vector<EuCrmShare> eu_sourcing;
  std::string global_source;
  std::string eu_source;
};
struct EuCrmMaterial {
  std::string element;         // Co, Li, Ni, Mn, graphite, Cu
  std::string material;        // as written in the file: cobalt, natural_graphite, ...
  EuCrmValue sr_published;     // SR 2023 as published (one decimal)
  EuCrmValue eol_rir;          // 0-1
  EuCrmValue import_reliance;  // 0-1
  EuCrmValue si_sr;            // 0-1
  std::map<std::string, EuCrmStage> stages;  // "E", "P"
};
// Element -> material. An absent file gives an empty map. Errors (all at once, naming file, line
// and column): a share outside 0-100 %, a country twice for one material, indicator and stage,
// a negative or non-numeric value, a country without an ISO3 code in `codes`.
core::Result<std::map<std::string, EuCrmMaterial>> load_eu_crm(const std::string& path,
                                                               const CountryCodes& codes);

// data/export_restrictions.csv: export restrictions by country, mineral and period. An
// `annual_cap` row caps the country's exports at `quantity` t per year in year_from..year_to.
struct ExportRestriction {
  std::string country;
  std::string iso3;
  std::string element;
  std::string measure;  // "export quota", "export ban (temporary)", ...
  int year_from = 0;
  int year_to = 0;
  bool annual_cap = false;
  std::optional<double> quantity_t;
  std::string source;
  std::string location;  // file:line
};
// An absent file gives no rows. Errors (naming file, line and column): unknown country,
// year_to before year_from, a negative quantity, an annual cap without a quantity, two annual
// caps for one country, mineral and year.
core::Result<std::vector<ExportRestriction>> load_export_restrictions(const std::string& path,
                                                                      const CountryCodes& codes);

// wgi.csv: ISO3 -> EU-scaled WGI (0-10) with its source; blank scores stay blank.
core::Result<std::map<std::string, risk::GovernanceScore>> load_wgi(const std::string& path);

}  // namespace urbanmine::io
