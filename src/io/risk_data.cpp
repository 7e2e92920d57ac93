// SPDX-License-Identifier: Apache-2.0
// Loaders for country codes, supply figures by country and WGI scores (see risk_data.h).
#include "io/risk_data.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "core/units.h"
#include "io/csv.h"
#include "risk/supply_risk.h"

namespace urbanmine::io {
namespace {

std::string join_path(const std::string& dir, const std::string& file) {
  if (dir.empty()) return file;
  return dir.back() == '/' ? dir + file : dir + "/" + file;
}

// Collects the first error of each row into diagnostics.
template <typename T>
bool take(core::Result<T>&& r, core::Diagnostics& diag, T& out) {
  if (!r) {
    diag.add_error(r.error());
    return false;
  }
  out = std::move(*r);
  return true;
}

bool is_combined_name(const std::string& name) {
  return name.find('+') != std::string::npos || name.find("(combined)") != std::string::npos ||
         name.find("top-") != std::string::npos;
}

// Reads one supply file into `data`; `year_column` is "year" or "as_of".
void read_supply_file(const std::string& path, risk::SupplyStage fixed_stage, bool refining_file,
                      const CountryCodes& codes, SupplyData& data, core::Diagnostics& diag) {
  auto table = CsvTable::read_file(path);
  if (!table) {
    diag.add_error(table.error());
    return;
  }
  const std::string year_column = fixed_stage == risk::SupplyStage::kReserves ? "as_of" : "year";
  const std::string value_column = refining_file ? "share_pct" : "value";
  std::vector<std::string> required{"mineral", "country", year_column, value_column, "source"};
  if (refining_file) {
    required.insert(required.end(), {"stage", "scenario"});
  } else {
    required.emplace_back("unit");
  }
  if (auto s = table->require_columns(required); !s) {
    diag.add_error(s.error());
    return;
  }
  if (table->size() == 0) {
    // Issue 19: a header-only supply file left the concentration rows out without a word.
    diag.add_error(
        core::Error::invalid_input("no supply rows (the file has only its header)", table->source(),
                                   "restore the rows from the repository's data/ folder"));
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const CsvRow row = table->row(i);
    std::string mineral;
    std::string country;
    if (!take(row.required_text("mineral"), diag, mineral)) continue;
    if (!take(row.required_text("country"), diag, country)) continue;
    const auto element = element_for_mineral(mineral);
    if (!element) continue;  // a group (cathode_active_material, all_six_...) or a product
    SupplyRecord rec;
    rec.element = *element;
    rec.stage = fixed_stage;
    if (refining_file) {
      std::string stage;
      std::string scenario;
      if (!take(row.required_text("stage"), diag, stage)) continue;
      if (!take(row.required_text("scenario"), diag, scenario)) continue;
      if (stage.rfind("refining", 0) != 0 || scenario != "historical") continue;
      rec.stage = risk::SupplyStage::kRefining;
      rec.unit = "percent";
    } else {
      if (!take(row.text("unit"), diag, rec.unit)) continue;
      if (rec.unit != "t") {
        diag.add_error(core::Error::invalid_input("unit '" + rec.unit + "' is not t",
                                                  row.location("unit"), "figures are tonnes (t)"));
        continue;
      }
    }
    if (is_combined_name(country)) continue;  // not one country
    long long year = 0;
    if (!take(row.integer(year_column), diag, year)) continue;
    std::optional<double> value;
    if (!take(row.optional_number(value_column), diag, value)) continue;
    std::string withheld;
    if (table->has_column("withheld")) {
      if (!take(row.text("withheld"), diag, withheld)) continue;
      if (!withheld.empty() && withheld != "W") {
        diag.add_error(core::Error::invalid_input(
            "withheld '" + withheld + "' is not W or blank", row.location("withheld"),
            "write W where the publisher withholds a figure"));
        continue;
      }
      if (withheld == "W" && value) {
        diag.add_error(core::Error::invalid_input(
            "a figure marked withheld (W) has a value", row.location(value_column),
            "leave the value blank where the publisher prints W"));
        continue;
      }
    }
    rec.withheld = withheld == "W";
    if (fixed_stage == risk::SupplyStage::kMine && table->has_column("withheld") && !value &&
        !rec.withheld) {
      diag.add_error(core::Error::invalid_input(
          "blank production figure not marked withheld", row.location(value_column),
          "fill the publisher's figure, or write W in column withheld where it prints W"));
      continue;
    }
    if (value && *value < 0.0) {
      diag.add_error(core::Error::invalid_input("negative figure", row.location(value_column),
                                                "figures are >= 0; leave unknown values blank"));
      continue;
    }
    if (refining_file && value && *value > risk::kPercent) {
      diag.add_error(
          core::Error::invalid_input("share above 100 percent", row.location(value_column)));
      continue;
    }
    rec.country = country;
    if (year < core::kMinCalendarYear || year > core::kMaxCalendarYear) {
      diag.add_error(core::Error::invalid_input(
          "year " + std::to_string(year) + " is outside " + std::to_string(core::kMinCalendarYear) +
              "-" + std::to_string(core::kMaxCalendarYear),
          row.location(year_column), "give a calendar year such as 2024"));
      continue;
    }
    rec.year = static_cast<int>(year);
    rec.value = value;
    rec.location = table->source() + ":" + std::to_string(row.line());
    if (auto v = row.text("verification")) rec.verification = *v;
    if (auto s = row.text("source")) rec.source = *s;
    if (table->has_column("edition")) {
      if (auto e = row.text("edition")) rec.edition = *e;
    }
    if (country.rfind("World total", 0) == 0) {
      rec.world_total = true;
    } else if (country == "Other countries") {
      rec.other_countries = true;
    } else {
      const auto iso3 = codes.iso3_for_name(country);
      if (!iso3) {
        diag.add_error(core::Error::invalid_input(
            "country '" + country + "' has no ISO3 code", row.location("country"),
            "add the name as written here to data/country_codes.csv"));
        continue;
      }
      rec.iso3 = *iso3;
    }
    // One row per element, stage, country (by ISO3, so two spellings of one country clash) and
    // year.
    const std::string key = rec.element + "|" + std::string(risk::stage_name(rec.stage)) + "|" +
                            (rec.iso3.empty() ? rec.country : rec.iso3) + "|" +
                            std::to_string(rec.year);
    if (!seen.insert(key).second) {
      diag.add_error(core::Error::invalid_input(
          "duplicate row for " + mineral + ", " + country + ", " + std::to_string(rec.year),
          row.location("country"), "keep one row per mineral, country and year"));
      continue;
    }
    data.add(std::move(rec));
  }
}

// A producer whose figure exceeds the world total of its element, stage and year has a share
// above 1: an error naming the producer's row.
void check_shares(const SupplyData& data, core::Diagnostics& diag) {
  std::map<std::string, double> world;
  const auto key = [](const SupplyRecord& r) {
    return r.element + "|" + std::string(risk::stage_name(r.stage)) + "|" + std::to_string(r.year);
  };
  for (const auto& r : data.records()) {
    if (r.world_total && r.value) world[key(r)] = *r.value;
  }
  for (const auto& r : data.records()) {
    if (r.world_total || !r.value) continue;
    const auto it = world.find(key(r));
    if (it == world.end() || *r.value <= it->second) continue;
    diag.add_error(core::Error::invalid_input(
        r.country + " " + r.element + " " + std::to_string(r.year) + " figure " +
            std::to_string(*r.value) + " exceeds the world total " + std::to_string(it->second) +
            " (a share above 1)",
        r.location + ":value", "check the figure and the world total against the source"));
  }
}

}  // namespace

void CountryCodes::add(CountryCode code) {
  by_name_[code.name] = codes_.size();
  codes_.push_back(std::move(code));
}

std::optional<std::string> CountryCodes::iso3_for_name(const std::string& name) const {
  const auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return codes_[it->second].iso3;
}

bool CountryCodes::is_eu27(const std::string& iso3) const {
  return std::any_of(codes_.begin(), codes_.end(),
                     [&](const CountryCode& c) { return c.iso3 == iso3 && c.eu27_member; });
}

std::vector<std::string> CountryCodes::eu27() const {
  std::set<std::string> s;
  for (const auto& c : codes_) {
    if (c.eu27_member) s.insert(c.iso3);
  }
  return {s.begin(), s.end()};
}

std::vector<std::string> CountryCodes::jurisdiction_members(const std::string& jurisdiction) const {
  if (jurisdiction == "EU") return eu27();
  for (const auto& c : codes_) {
    if (c.iso2 == jurisdiction) return {c.iso3};
  }
  return {};
}

core::Result<CountryCodes> load_country_codes(const std::string& path) {
  auto table = CsvTable::read_file(path);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(
      table->require_columns({"country", "iso2", "iso3", "eu27_member", "source"}));
  core::Diagnostics diag;
  CountryCodes codes;
  std::set<std::string> names;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const CsvRow row = table->row(i);
    CountryCode c;
    std::string member;
    if (!take(row.required_text("country"), diag, c.name)) continue;
    if (!take(row.required_text("iso2"), diag, c.iso2)) continue;
    if (!take(row.required_text("iso3"), diag, c.iso3)) continue;
    if (!take(row.required_text("eu27_member"), diag, member)) continue;
    const auto upper_letters = [](const std::string& s, std::size_t n) {
      return s.size() == n &&
             std::all_of(s.begin(), s.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
    };
    if (!upper_letters(c.iso2, 2)) {
      diag.add_error(core::Error::invalid_input("'" + c.iso2 + "' is not an ISO alpha-2 code",
                                                row.location("iso2"), "two capital letters"));
      continue;
    }
    if (!upper_letters(c.iso3, 3)) {
      diag.add_error(core::Error::invalid_input("'" + c.iso3 + "' is not an ISO alpha-3 code",
                                                row.location("iso3"), "three capital letters"));
      continue;
    }
    if (member != "yes" && member != "no") {
      diag.add_error(core::Error::invalid_input("'" + member + "' is not yes or no",
                                                row.location("eu27_member")));
      continue;
    }
    c.eu27_member = member == "yes";
    if (!names.insert(c.name).second) {
      diag.add_error(core::Error::invalid_input("country name '" + c.name + "' appears twice",
                                                row.location("country")));
      continue;
    }
    codes.add(std::move(c));
  }
  if (diag.has_errors()) return diag.to_error();
  return codes;
}

core::Result<std::map<std::string, RegionMembers>> load_region_members(const std::string& path) {
  std::map<std::string, RegionMembers> out;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return out;
  auto table = CsvTable::read_file(path);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(table->require_columns({"code", "kind", "members"}));
  core::Diagnostics diag;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const CsvRow row = table->row(i);
    RegionMembers r;
    std::string members;
    if (!take(row.required_text("code"), diag, r.code)) continue;
    if (!take(row.required_text("kind"), diag, r.kind)) continue;
    if (!take(row.required_text("members"), diag, members)) continue;
    std::size_t pos = 0;
    while (pos <= members.size()) {
      const auto semi = members.find(';', pos);
      std::string m =
          members.substr(pos, semi == std::string::npos ? std::string::npos : semi - pos);
      if (!m.empty()) r.members.push_back(m);
      if (semi == std::string::npos) break;
      pos = semi + 1;
    }
    out[r.code] = std::move(r);
  }
  if (diag.has_errors()) return diag.to_error();
  return out;
}

std::optional<std::string> element_for_mineral(const std::string& mineral) {
  if (mineral == "cobalt") return "Co";
  if (mineral == "lithium") return "Li";
  if (mineral == "nickel") return "Ni";
  if (mineral == "manganese") return "Mn";
  if (mineral == "natural_graphite") return "graphite";
  if (mineral == "copper") return "Cu";
  return std::nullopt;
}

std::vector<int> SupplyData::years(const std::string& element, risk::SupplyStage stage) const {
  std::set<int> ys;
  for (const auto& r : records_) {
    if (r.element == element && r.stage == stage && !r.world_total && !r.other_countries &&
        r.value) {
      ys.insert(r.year);
    }
  }
  return {ys.begin(), ys.end()};
}

std::optional<int> SupplyData::year_for(const std::string& element, risk::SupplyStage stage,
                                        int year) const {
  const auto ys = years(element, stage);
  if (ys.empty()) return std::nullopt;
  std::optional<int> best;
  for (const int y : ys) {
    if (y <= year) best = y;
  }
  return best ? best : std::optional<int>(ys.front());
}

core::Result<risk::SupplySnapshot> SupplyData::snapshot(const std::string& element,
                                                        risk::SupplyStage stage, int year) const {
  risk::SupplySnapshot snap;
  snap.element = element;
  snap.stage = stage;
  snap.year = year;
  snap.unit = stage == risk::SupplyStage::kRefining ? "percent" : "t";
  for (const auto& r : records_) {
    if (r.element != element || r.stage != stage || r.year != year) continue;
    if (r.world_total) {
      snap.world_total = r.value;
      snap.world_source = r.source;
    } else if (!r.other_countries) {
      snap.producers.push_back({r.country, r.iso3, r.value, r.source, r.withheld});
    }
  }
  if (stage == risk::SupplyStage::kRefining) {
    snap.world_total = risk::kPercent;
    snap.world_source = "shares are percent of world refining (IEA)";
  }
  if (snap.producers.empty()) {
    return core::Error::not_found(
        "no " + std::string(risk::stage_name(stage)) + " figures for " + element + " in " +
            std::to_string(year),
        element,
        "see data/mine_production.csv, reserves.csv and refining_share.csv for what is covered");
  }
  return snap;
}

core::Result<SupplyData> load_supply_data(const std::string& data_dir, const CountryCodes& codes) {
  core::Diagnostics diag;
  SupplyData data;
  read_supply_file(join_path(data_dir, "mine_production.csv"), risk::SupplyStage::kMine, false,
                   codes, data, diag);
  read_supply_file(join_path(data_dir, "reserves.csv"), risk::SupplyStage::kReserves, false, codes,
                   data, diag);
  read_supply_file(join_path(data_dir, "refining_share.csv"), risk::SupplyStage::kRefining, true,
                   codes, data, diag);
  check_shares(data, diag);
  if (diag.has_errors()) return diag.to_error();
  return data;
}

core::Result<std::map<std::string, risk::GovernanceScore>> load_wgi(const std::string& path) {
  auto table = CsvTable::read_file(path);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(table->require_columns({"iso3", "wgi_scaled_eu_0_10", "source"}));
  core::Diagnostics diag;
  std::map<std::string, risk::GovernanceScore> out;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const CsvRow row = table->row(i);
    std::string iso3;
    std::optional<double> scaled;
    if (!take(row.required_text("iso3"), diag, iso3)) continue;
    if (!take(row.optional_number("wgi_scaled_eu_0_10"), diag, scaled)) continue;
    if (scaled && (*scaled < 0.0 || *scaled > risk::kWgiScaleMax)) {
      diag.add_error(core::Error::invalid_input("scaled WGI outside 0-10",
                                                row.location("wgi_scaled_eu_0_10")));
      continue;
    }
    if (out.count(iso3) != 0) {
      diag.add_error(core::Error::invalid_input(iso3 + " appears twice", row.location("iso3")));
      continue;
    }
    risk::GovernanceScore score;
    score.wgi_scaled = scaled;
    if (auto s = row.text("source")) score.source = *s;
    out[iso3] = score;
  }
  if (diag.has_errors()) return diag.to_error();
  return out;
}

core::Result<std::map<std::string, EuCrmMaterial>> load_eu_crm(const std::string& path,
                                                               const CountryCodes& codes) {
  std::map<std::string, EuCrmMaterial> out;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return out;
  auto table = CsvTable::read_file(path);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(
      table->require_columns({"material", "indicator", "stage", "country", "value", "source"}));
  core::Diagnostics diag;
  std::set<std::string> seen;
  // trade_variable_t rows, applied to the shares after reading: material|stage|country -> t.
  std::map<std::string, double> trade_t;
  constexpr double kMaxPercent = 100.0;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const CsvRow row = table->row(i);
    std::string material;
    std::string indicator;
    std::string stage;
    std::string country;
    std::string notes;
    std::string source;
    if (!take(row.required_text("material"), diag, material)) continue;
    if (!take(row.required_text("indicator"), diag, indicator)) continue;
    if (!take(row.text("stage"), diag, stage)) continue;
    if (!take(row.text("country"), diag, country)) continue;
    if (!take(row.text("source"), diag, source)) continue;
    if (table->has_column("notes")) {
      if (auto n = row.text("notes")) notes = *n;
    }
    std::optional<double> value;
    if (!take(row.optional_number("value"), diag, value)) continue;
    if (value && *value < 0.0) {
      diag.add_error(core::Error::invalid_input("negative value", row.location("value"),
                                                "values are >= 0; leave gaps blank"));
      continue;
    }
    const auto element = element_for_mineral(material);
    if (!element) continue;
    const std::string key = material + "|" + indicator + "|" + stage + "|" + country;
    if (!seen.insert(key).second) {
      diag.add_error(core::Error::invalid_input(
          "duplicate row for " + material + ", " + indicator + ", stage '" + stage + "', " +
              (country.empty() ? "no country" : country),
          row.location(country.empty() ? "indicator" : "country"),
          "keep one row per material, indicator, stage and country"));
      continue;
    }
    EuCrmMaterial& m = out[*element];
    m.element = *element;
    m.material = material;
    const std::string src = source.empty() ? notes : source;
    const bool percent = indicator == "global_supply_share" || indicator == "eu_sourcing_share" ||
                         indicator == "EoL_RIR" || indicator == "IR";
    if (percent && value && *value > kMaxPercent) {
      diag.add_error(core::Error::invalid_input("share above 100 % (a share above 1)",
                                                row.location("value"), "shares are 0-100 %"));
      continue;
    }
    if (indicator == "SR") {
      m.sr_published = {value, src};
    } else if (indicator == "EoL_RIR") {
      m.eol_rir = {value ? std::optional<double>(*value / kMaxPercent) : std::nullopt, src};
    } else if (indicator == "IR") {
      m.import_reliance = {value ? std::optional<double>(*value / kMaxPercent) : std::nullopt, src};
    } else if (indicator == "SI_SR") {
      if (value && *value > 1.0) {
        diag.add_error(core::Error::invalid_input("substitution index above 1",
                                                  row.location("value"), "SI_SR is 0-1"));
        continue;
      }
      m.si_sr = {value, src};
    } else if (indicator == "trade_variable_t") {
      if (value) trade_t[material + "|" + stage + "|" + country] = *value;
    } else if (indicator == "global_supply_share" || indicator == "eu_sourcing_share") {
      if (!value) continue;  // "<0.1%" kept blank in the transcription
      const auto iso3 = codes.iso3_for_name(country);
      if (!iso3) {
        diag.add_error(core::Error::invalid_input(
            "country '" + country + "' has no ISO3 code", row.location("country"),
            "add the name as written here to data/country_codes.csv"));
        continue;
      }
      EuCrmStage& st = m.stages[stage];
      EuCrmShare share{country, *iso3, *value / kMaxPercent, 1.0};
      if (indicator == "global_supply_share") {
        st.global_supply.push_back(share);
        st.global_source = src;
      } else {
        st.eu_sourcing.push_back(share);
        st.eu_source = src;
      }
    }
  }
  for (auto& entry : out) {
    EuCrmMaterial& m = entry.second;
    for (auto& [stage, st] : m.stages) {
      for (auto* list : {&st.global_supply, &st.eu_sourcing}) {
        for (auto& sh : *list) {
          const auto it = trade_t.find(m.material + "|" + stage + "|" + sh.country);
          if (it != trade_t.end()) sh.trade_t = it->second;
        }
      }
    }
  }
  if (diag.has_errors()) return diag.to_error();
  return out;
}

core::Result<std::vector<ExportRestriction>> load_export_restrictions(const std::string& path,
                                                                      const CountryCodes& codes) {
  std::vector<ExportRestriction> out;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return out;
  auto table = CsvTable::read_file(path);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(table->require_columns({"country", "mineral", "measure_type", "year_from",
                                               "year_to", "annual_cap", "quantity", "source"}));
  core::Diagnostics diag;
  std::set<std::string> caps;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const CsvRow row = table->row(i);
    ExportRestriction r;
    std::string mineral;
    std::string cap;
    long long from = 0;
    long long to = 0;
    if (!take(row.required_text("country"), diag, r.country)) continue;
    if (!take(row.required_text("mineral"), diag, mineral)) continue;
    if (!take(row.required_text("measure_type"), diag, r.measure)) continue;
    if (!take(row.integer("year_from"), diag, from)) continue;
    if (!take(row.integer("year_to"), diag, to)) continue;
    if (!take(row.required_text("annual_cap"), diag, cap)) continue;
    if (!take(row.optional_number("quantity"), diag, r.quantity_t)) continue;
    if (auto src = row.text("source")) r.source = *src;
    const auto element = element_for_mineral(mineral);
    if (!element) continue;
    r.element = *element;
    const auto iso3 = codes.iso3_for_name(r.country);
    if (!iso3) {
      diag.add_error(core::Error::invalid_input(
          "country '" + r.country + "' has no ISO3 code", row.location("country"),
          "add the name as written here to data/country_codes.csv"));
      continue;
    }
    r.iso3 = *iso3;
    if (to < from) {
      diag.add_error(
          core::Error::invalid_input("year_to before year_from", row.location("year_to")));
      continue;
    }
    if (cap != "yes" && cap != "no") {
      diag.add_error(
          core::Error::invalid_input("'" + cap + "' is not yes or no", row.location("annual_cap")));
      continue;
    }
    r.annual_cap = cap == "yes";
    if (r.quantity_t && *r.quantity_t < 0.0) {
      diag.add_error(core::Error::invalid_input("negative quantity", row.location("quantity")));
      continue;
    }
    if (r.annual_cap && !r.quantity_t) {
      diag.add_error(
          core::Error::invalid_input("an annual cap needs a quantity", row.location("quantity")));
      continue;
    }
    if (from < core::kMinCalendarYear || to > core::kMaxCalendarYear || from > to) {
      diag.add_error(core::Error::invalid_input(
          "years " + std::to_string(from) + "-" + std::to_string(to) +
              " are not a range of calendar years",
          row.location("year_from"), "give year_from <= year_to, e.g. 2023 and 2025"));
      continue;
    }
    r.year_from = static_cast<int>(from);
    r.year_to = static_cast<int>(to);
    r.location = table->source() + ":" + std::to_string(row.line());
    bool clash = false;
    for (int y = r.year_from; r.annual_cap && y <= r.year_to; ++y) {
      if (!caps.insert(r.iso3 + "|" + r.element + "|" + std::to_string(y)).second) clash = true;
    }
    if (clash) {
      diag.add_error(core::Error::invalid_input(
          "two annual caps for " + r.country + " " + mineral + " in one year",
          row.location("year_from"), "keep one annual cap per country, mineral and year"));
      continue;
    }
    out.push_back(std::move(r));
  }
  if (diag.has_errors()) return diag.to_error();
  return out;
}

}  // namespace urbanmine::io
