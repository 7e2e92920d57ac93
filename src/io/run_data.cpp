// SPDX-License-Identifier: Apache-2.0
// Loaders and checks for the data files of `urbanmine run` (see run_data.h). Each loader reads
// one CSV, checks its columns, and converts every row it can, adding one diagnostic per bad cell.
#include "io/run_data.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <map>
#include <set>
#include <utility>

#include "io/csv.h"
#include "io/files.h"
#include "io/risk_data.h"
#include "io/run_writers.h"

namespace urbanmine::io {

namespace {

constexpr int kMinYear = 1990;
constexpr int kMaxYear = 2100;

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

// Reads `name` from the data folder, records its bytes for the run hash and checks the columns.
std::optional<CsvTable> open_table(RunData& data, const std::string& name,
                                   const std::vector<std::string>& columns,
                                   core::Diagnostics& diags) {
  const std::string path = data.data_dir + "/" + name;
  auto text = read_text_file(path);
  if (!text) {
    diags.add_error(core::Error::invalid_input(
        "cannot read data file: " + text.error().message, path,
        "restore " + name + " from the repository's data/ folder or set URBANMINE_DATA_DIR"));
    return std::nullopt;
  }
  data.files.push_back(DataFileDigest{name, *text});
  auto table = CsvTable::parse(*text, path);
  if (!table) {
    diags.add_error(table.error());
    return std::nullopt;
  }
  auto cols = table->require_columns(columns);
  if (!cols) {
    diags.add_error(cols.error());
    return std::nullopt;
  }
  return std::move(*table);
}

// Wraps a Result getter: on error adds it to diags and returns nullopt.
template <typename T>
std::optional<T> take(core::Result<T> r, core::Diagnostics& diags) {
  if (!r) {
    diags.add_error(r.error());
    return std::nullopt;
  }
  return std::move(*r);
}

std::optional<int> take_year(const CsvRow& row, const std::string& column,
                             core::Diagnostics& diags) {
  auto v = take(row.integer(column), diags);
  if (!v) return std::nullopt;
  if (*v < kMinYear || *v > kMaxYear) {
    diags.add_error(
        core::Error::invalid_input("year " + std::to_string(*v) + " is outside " +
                                       std::to_string(kMinYear) + "-" + std::to_string(kMaxYear),
                                   row.location(column), "give a calendar year such as 2023"));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

// Above any quantity of this model (tonnes, vehicles, kWh, USD per row): a value beyond it is a
// typo or an overflow, and would turn a run into infinities that validate could not see.
constexpr double kMaxDataValue = 1e13;

// Physical bounds of the columns whose units allow a tighter check (docs/formats/data.md).
constexpr double kMaxKwhPerVehicle = 10000.0;  // the largest truck packs are about 1,000 kWh
constexpr double kMaxKgPerKwh = 50.0;          // a whole pack weighs about 5-10 kg per kWh
constexpr double kMaxSalesVehicles = 1e9;      // world car sales are about 90 million a year

std::optional<double> take_non_negative(const CsvRow& row, const std::string& column,
                                        core::Diagnostics& diags,
                                        double max_value = kMaxDataValue) {
  auto v = take(row.number(column), diags);
  if (!v) return std::nullopt;
  if (*v < 0.0) {
    diags.add_error(core::Error::invalid_input("negative value " + std::to_string(*v),
                                               row.location(column),
                                               "this quantity cannot be negative"));
    return std::nullopt;
  }
  if (*v > max_value) {
    diags.add_error(core::Error::invalid_input(
        "value " + format_number(*v) + " is above " + format_number(max_value),
        row.location(column),
        "this is beyond any physical value of the column: check the unit and the digits"));
    return std::nullopt;
  }
  return v;
}

std::optional<double> take_fraction(const CsvRow& row, const std::string& column,
                                    core::Diagnostics& diags) {
  auto v = take(row.number(column), diags);
  if (!v) return std::nullopt;
  if (*v < 0.0 || *v > 1.0) {
    diags.add_error(core::Error::invalid_input("fraction " + std::to_string(*v) + " is outside 0-1",
                                               row.location(column),
                                               "fractions are 0-1 (write 0.9 for 90 %)"));
    return std::nullopt;
  }
  return v;
}

std::string cell(const CsvRow& row, const std::string& column) {
  auto t = row.text(column);
  return t ? *t : std::string{};
}

// One row per key: a second row with the same key is an error naming the file and both rows
// (issue 19: duplicates were silently doubled or overridden by the last row).
class KeyIndex {
 public:
  // True when `key` is new; otherwise adds an error at `column` of `row` and returns false.
  bool insert(const std::string& key, const CsvRow& row, const std::string& column,
              const std::string& what, core::Diagnostics& diags) {
    const auto [it, inserted] = first_line_.emplace(key, row.line());
    if (inserted) return true;
    diags.add_error(core::Error::invalid_input(
        "duplicate " + what + " (" + key + "): rows on lines " + std::to_string(it->second) +
            " and " + std::to_string(row.line()),
        row.location(column), "keep one row per " + what + "; delete or merge the other"));
    return false;
  }

 private:
  std::map<std::string, std::size_t> first_line_;
};

// A table the model cannot run without must have data rows (issue 19: a header-only table ran
// with all-zero results, or crashed).
void require_rows(bool has_rows, const CsvTable& table, const std::string& what,
                  core::Diagnostics& diags) {
  if (has_rows) return;
  diags.add_error(core::Error::invalid_input(
      "no " + what + " rows (the file has only its header or no usable rows)", table.source(),
      "restore the rows from the repository's data/ folder"));
}

std::string key_of(std::initializer_list<std::string> parts) {
  std::string key;
  for (const auto& part : parts) key += (key.empty() ? "" : " | ") + part;
  return key;
}

void note_assumption(RunData& data, const std::string& file, const std::string& subject,
                     const CsvRow& row, const std::string& notes_column,
                     const std::string& source_column) {
  const std::string notes = cell(row, notes_column);
  const auto pos = notes.find("Assumption");
  if (pos == std::string::npos) return;
  data.assumptions.push_back(
      AssumptionNote{file, subject, notes.substr(pos), cell(row, source_column),
                     data.data_dir + "/" + file + ":" + std::to_string(row.line())});
}

void load_regions(RunData& data, core::Diagnostics& diags) {
  const std::string file = "regions.csv";
  auto table = open_table(data, file,
                          {"code", "name", "kind", "members", "sales_source", "sales_minus",
                           "pack_size_region", "chemistry_region", "source", "notes"},
                          diags);
  if (!table) return;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    RegionRecord r;
    auto code = take(row.required_text("code"), diags);
    auto kind = take(row.required_text("kind"), diags);
    if (!code || !kind) continue;
    r.code = *code;
    r.kind = *kind;
    r.location = table->source() + ":" + std::to_string(row.line());
    if (!seen.insert(r.code).second) {
      diags.add_error(core::Error::invalid_input("duplicate region code '" + r.code + "'",
                                                 row.location("code"),
                                                 "each region code appears once"));
      continue;
    }
    const bool code_ok = std::all_of(r.code.begin(), r.code.end(), [](char c) {
      return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!code_ok || r.code.size() < 3 || r.code[0] < 'A' || r.code[0] > 'Z') {
      diags.add_error(core::Error::invalid_input(
          "region code '" + r.code + "' is not an ISO 3166 alpha-3 or aggregate code",
          row.location("code"), "use upper-case letters, e.g. KOR or EU27_OTHER"));
      continue;
    }
    if (r.kind != "country" && r.kind != "residual" && r.kind != "aggregate") {
      diags.add_error(core::Error::invalid_input("unknown region kind '" + r.kind + "'",
                                                 row.location("kind"),
                                                 "use country, residual or aggregate"));
      continue;
    }
    r.name = cell(row, "name");
    r.members = split_list(cell(row, "members"));
    r.sales_source = cell(row, "sales_source");
    r.sales_minus = split_list(cell(row, "sales_minus"));
    r.pack_size_region = cell(row, "pack_size_region");
    r.chemistry_region = cell(row, "chemistry_region");
    r.notes = cell(row, "notes");
    if (r.members.empty()) {
      diags.add_error(core::Error::invalid_input("no members", row.location("members"),
                                                 "list ISO3 codes separated by ';' or '*'"));
      continue;
    }
    if (r.kind != "aggregate") {
      for (const char* col : {"sales_source", "pack_size_region", "chemistry_region"}) {
        if (cell(row, col).empty()) {
          diags.add_error(core::Error::invalid_input(
              "a model region needs " + std::string(col), row.location(col),
              "name the data region (as spelled in the data file) to use"));
        }
      }
    }
    note_assumption(data, file, r.code, row, "notes", "source");
    data.regions.push_back(std::move(r));
  }
  require_rows(!data.regions.empty(), *table, "region", diags);
}

void load_segments(RunData& data, core::Diagnostics& diags) {
  const std::string file = "segments.csv";
  auto table = open_table(data, file,
                          {"segment", "vehicle_mode", "powertrains", "pack_size_segments",
                           "pack_size_powertrain", "lifetime_vehicle", "source", "notes"},
                          diags);
  if (!table) return;
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    SegmentRecord s;
    auto seg = take(row.required_text("segment"), diags);
    auto mode = take(row.required_text("vehicle_mode"), diags);
    auto lt = take(row.required_text("lifetime_vehicle"), diags);
    auto pt = take(row.required_text("pack_size_powertrain"), diags);
    if (!seg || !mode || !lt || !pt) continue;
    if (!keys.insert(*seg, row, "segment", "segment", diags)) continue;
    s.segment = *seg;
    s.vehicle_mode = *mode;
    s.lifetime_vehicle = *lt;
    s.pack_size_powertrain = *pt;
    s.powertrains = split_list(cell(row, "powertrains"));
    s.pack_size_segments = split_list(cell(row, "pack_size_segments"));
    s.notes = cell(row, "notes");
    if (s.powertrains.empty() || s.pack_size_segments.empty()) {
      diags.add_error(core::Error::invalid_input(
          "empty powertrains or pack_size_segments", row.location("powertrains"),
          "list the ev_sales.csv powertrains and pack_size.csv segments, separated by ';'"));
      continue;
    }
    note_assumption(data, file, s.segment, row, "notes", "source");
    data.segments.push_back(std::move(s));
  }
  require_rows(!data.segments.empty(), *table, "segment", diags);
}

// The vehicle modes of segments.csv (what sales and projection rows may name).
std::set<std::string> segment_modes(const RunData& data) {
  std::set<std::string> modes;
  for (const auto& s : data.segments) modes.insert(s.vehicle_mode);
  return modes;
}

// Row checks shared by ev_sales.csv and the projection files; each reports the row and returns
// false when the value is not usable.
bool known_mode(const std::set<std::string>& modes, const std::string& mode, const CsvRow& row,
                core::Diagnostics& diags) {
  if (modes.empty() || modes.count(mode) > 0) return true;
  diags.add_error(core::Error::invalid_input(
      "vehicle mode '" + mode + "' has no segment in segments.csv", row.location("vehicle_mode"),
      "use a vehicle_mode of segments.csv (Cars, Vans, Buses, Trucks, 2 and 3 wheelers)"));
  return false;
}

bool known_powertrain(const std::string& pt, const CsvRow& row, core::Diagnostics& diags) {
  if (pt == "BEV" || pt == "PHEV") return true;
  diags.add_error(core::Error::invalid_input("unknown powertrain '" + pt + "'",
                                             row.location("powertrain"), "use BEV or PHEV"));
  return false;
}

bool known_projection_region(const RunData& data, const std::string& region, const CsvRow& row,
                             core::Diagnostics& diags) {
  if (std::any_of(data.projection_regions.begin(), data.projection_regions.end(),
                  [&](const ProjectionRegionRecord& p) { return p.name == region; })) {
    return true;
  }
  diags.add_error(core::Error::invalid_input(
      "region '" + region + "' is not in projection_regions.csv", row.location("region"),
      "add it to data/projection_regions.csv with its model regions, or fix the spelling"));
  return false;
}

bool after_sales_history(const RunData& data, int year, const CsvRow& row,
                         core::Diagnostics& diags) {
  if (data.sales.empty() || year > data.sales_last_year) return true;
  diags.add_error(core::Error::invalid_input(
      "projection year " + std::to_string(year) + " is inside the sales history (to " +
          std::to_string(data.sales_last_year) + ")",
      row.location("year"), "projections are for years after ev_sales.csv's last year"));
  return false;
}

void load_sales(RunData& data, core::Diagnostics& diags) {
  auto table = open_table(
      data, "ev_sales.csv",
      {"region", "year", "vehicle_mode", "powertrain", "sales_vehicles", "source"}, diags);
  if (!table) return;
  std::set<std::string> known;
  for (const auto& r : data.regions) {
    if (!r.sales_source.empty()) known.insert(r.sales_source);
    for (const auto& m : r.sales_minus) known.insert(m);
  }
  const std::set<std::string> modes = segment_modes(data);
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto region = take(row.required_text("region"), diags);
    auto year = take_year(row, "year", diags);
    auto mode = take(row.required_text("vehicle_mode"), diags);
    auto pt = take(row.required_text("powertrain"), diags);
    auto v = take_non_negative(row, "sales_vehicles", diags, kMaxSalesVehicles);
    if (!region || !year || !mode || !pt || !v) continue;
    if (!known.empty() && known.count(*region) == 0) {
      diags.add_error(core::Error::invalid_input(
          "region '" + *region + "' is not in regions.csv", row.location("region"),
          "add it to data/regions.csv (sales_source or sales_minus) or fix the spelling"));
      continue;
    }
    if (!known_mode(modes, *mode, row, diags)) continue;
    if (!known_powertrain(*pt, row, diags)) continue;
    if (!keys.insert(key_of({*region, std::to_string(*year), *mode, *pt}), row, "region",
                     "region, year, vehicle_mode and powertrain", diags)) {
      continue;
    }
    if (data.sales.empty()) {
      data.sales_first_year = *year;
      data.sales_last_year = *year;
    }
    data.sales_first_year = std::min(data.sales_first_year, *year);
    data.sales_last_year = std::max(data.sales_last_year, *year);
    data.sales.push_back(SalesRecord{*region, *year, *mode, *pt, *v});
  }
  require_rows(!data.sales.empty(), *table, "EV sales", diags);
}

void load_projection_regions(RunData& data, core::Diagnostics& diags) {
  const std::string file = "projection_regions.csv";
  auto table = open_table(data, file, {"projection_region", "members", "source", "notes"}, diags);
  if (!table) return;
  KeyIndex keys;
  bool star = false;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto name = take(row.required_text("projection_region"), diags);
    auto members = take(row.required_text("members"), diags);
    auto source = take(row.required_text("source"), diags);
    if (!name || !members || !source) continue;
    if (!keys.insert(*name, row, "projection_region", "projection_region", diags)) continue;
    ProjectionRegionRecord rec{*name, split_list(*members),
                               table->source() + ":" + std::to_string(row.line())};
    bool ok = !rec.members.empty();
    for (const auto& m : rec.members) {
      if (m == "*") {
        if (star) {
          diags.add_error(core::Error::invalid_input(
              "a second row with members *", row.location("members"),
              "only one projection region can take every model region in no other row"));
          ok = false;
        }
        star = true;
        continue;
      }
      if (std::none_of(data.regions.begin(), data.regions.end(),
                       [&](const RegionRecord& r) { return r.code == m; })) {
        diags.add_error(core::Error::invalid_input(
            "'" + m + "' is not a region of regions.csv", row.location("members"),
            "list model regions or aggregates of regions.csv separated by ';', or *"));
        ok = false;
      }
    }
    note_assumption(data, file, *name, row, "notes", "source");
    if (ok) data.projection_regions.push_back(std::move(rec));
  }
}

void load_sales_projection(RunData& data, core::Diagnostics& diags) {
  const std::string file = "ev_sales_steps.csv";
  auto table = open_table(
      data, file, {"region", "year", "vehicle_mode", "powertrain", "sales_vehicles", "source"},
      diags);
  if (!table) return;
  const std::set<std::string> modes = segment_modes(data);
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto region = take(row.required_text("region"), diags);
    auto year = take_year(row, "year", diags);
    auto mode = take(row.required_text("vehicle_mode"), diags);
    auto pt = take(row.required_text("powertrain"), diags);
    auto v = take_non_negative(row, "sales_vehicles", diags, kMaxSalesVehicles);
    auto source = take(row.required_text("source"), diags);
    if (!region || !year || !mode || !pt || !v || !source) continue;
    if (!keys.insert(key_of({*region, std::to_string(*year), *mode, *pt}), row, "region",
                     "region, year, vehicle_mode and powertrain", diags)) {
      continue;
    }
    // IEA's World rows are totals of the projection regions: not used.
    if (*region == "World") continue;
    if (!known_projection_region(data, *region, row, diags)) continue;
    if (!known_mode(modes, *mode, row, diags)) continue;
    if (!known_powertrain(*pt, row, diags)) continue;
    if (!after_sales_history(data, *year, row, diags)) continue;
    data.sales_projection.push_back(SalesProjectionRecord{
        *region, *year, *mode, *pt, *v, table->source() + ":" + std::to_string(row.line())});
  }
  require_rows(!data.sales_projection.empty(), *table, "IEA STEPS sales projection", diags);
}

void load_demand_projection(RunData& data, core::Diagnostics& diags) {
  const std::string file = "battery_demand_steps.csv";
  auto table = open_table(
      data, file, {"region", "vehicle_mode", "year", "battery_demand_gwh", "source", "notes"},
      diags);
  if (!table) return;
  const std::set<std::string> modes = segment_modes(data);
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto region = take(row.required_text("region"), diags);
    auto mode = take(row.required_text("vehicle_mode"), diags);
    auto year = take_year(row, "year", diags);
    auto v = take_non_negative(row, "battery_demand_gwh", diags);
    auto source = take(row.required_text("source"), diags);
    if (!region || !mode || !year || !v || !source) continue;
    if (!keys.insert(key_of({*region, *mode, std::to_string(*year)}), row, "region",
                     "region, vehicle_mode and year", diags)) {
      continue;
    }
    if (*region == "World") continue;  // IEA's totals, as in ev_sales_steps.csv
    if (!known_projection_region(data, *region, row, diags)) continue;
    if (!known_mode(modes, *mode, row, diags)) continue;
    if (!after_sales_history(data, *year, row, diags)) continue;
    data.demand_projection.push_back(DemandProjectionRecord{
        *region, *mode, *year, *v, table->source() + ":" + std::to_string(row.line())});
  }
  require_rows(!data.demand_projection.empty(), *table, "IEA STEPS battery demand", diags);
}

void load_pack_sizes(RunData& data, core::Diagnostics& diags) {
  auto table = open_table(
      data, "pack_size.csv",
      {"region", "year", "segment", "powertrain", "kwh_per_vehicle", "source", "notes"}, diags);
  if (!table) return;
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto region = take(row.required_text("region"), diags);
    auto year = take_year(row, "year", diags);
    auto seg = take(row.required_text("segment"), diags);
    auto pt = take(row.required_text("powertrain"), diags);
    auto v = take_non_negative(row, "kwh_per_vehicle", diags, kMaxKwhPerVehicle);
    if (!region || !year || !seg || !pt || !v) continue;
    if (*v <= 0.0) {
      diags.add_error(core::Error::invalid_input("pack size must be positive",
                                                 row.location("kwh_per_vehicle"),
                                                 "give kWh per vehicle, e.g. 60"));
      continue;
    }
    if (!keys.insert(key_of({*region, std::to_string(*year), *seg, *pt}), row, "region",
                     "region, year, segment and powertrain", diags)) {
      continue;
    }
    data.pack_sizes.push_back(PackSizeRecord{*region, *year, *seg, *pt, *v});
  }
  require_rows(!data.pack_sizes.empty(), *table, "pack size", diags);
}

void load_intensities(RunData& data, core::Diagnostics& diags) {
  auto table = open_table(data, "material_intensity.csv",
                          {"chemistry", "material", "kg_per_kwh", "basis", "source"}, diags);
  if (!table) return;
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto chem = take(row.required_text("chemistry"), diags);
    auto mat = take(row.required_text("material"), diags);
    auto v = take_non_negative(row, "kg_per_kwh", diags, kMaxKgPerKwh);
    auto basis = take(row.required_text("basis"), diags);
    if (!chem || !mat || !v || !basis) continue;
    if (*basis != "pack") {
      diags.add_error(core::Error::invalid_input(
          "basis '" + *basis + "' is not 'pack'", row.location("basis"),
          "intensities must be kg per kWh of finished pack; convert cell-level values first"));
      continue;
    }
    if (!keys.insert(key_of({*chem, *mat}), row, "chemistry", "chemistry and material", diags)) {
      continue;
    }
    data.intensities.push_back(IntensityRecord{*chem, *mat, *v});
  }
  require_rows(!data.intensities.empty(), *table, "material intensity", diags);
}

void load_chemistry_shares(RunData& data, core::Diagnostics& diags) {
  auto table =
      open_table(data, "chemistry_share.csv",
                 {"region", "year", "chemistry", "share_fraction", "source", "notes"}, diags);
  if (!table) return;
  std::set<std::string> chemistries;
  for (const auto& r : data.intensities) chemistries.insert(r.chemistry);
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    const std::string source = cell(row, "source");
    // Only the EV Volumes series gives a full split; IEA rows are bounds or partial.
    if (!starts_with(source, "Busch") && !starts_with(source, "Derived")) continue;
    auto region = take(row.required_text("region"), diags);
    auto year = take_year(row, "year", diags);
    auto chem = take(row.required_text("chemistry"), diags);
    auto v = take_fraction(row, "share_fraction", diags);
    if (!region || !year || !chem || !v) continue;
    if (!chemistries.empty() && chemistries.count(*chem) == 0) {
      diags.add_error(core::Error::invalid_input(
          "chemistry '" + *chem + "' has no material intensity", row.location("chemistry"),
          "use a chemistry code of material_intensity.csv"));
      continue;
    }
    if (!keys.insert(key_of({*region, std::to_string(*year), *chem}), row, "region",
                     "region, year and chemistry", diags)) {
      continue;
    }
    data.chemistry_shares.push_back(ChemistryShareRecord{
        *region, *year, *chem, *v, table->source() + ":" + std::to_string(row.line())});
  }
  require_rows(!data.chemistry_shares.empty(), *table, "chemistry share (EV Volumes series)",
               diags);
}

bool is_model_region(const RunData& data, const std::string& code);

void load_chemistry_segment_shares(RunData& data, core::Diagnostics& diags) {
  const std::string file = "chemistry_segment_share.csv";
  auto table = open_table(
      data, file, {"region", "segment", "year", "chemistries", "share_fraction", "source", "notes"},
      diags);
  if (!table) return;
  std::set<std::string> chemistries;
  for (const auto& r : data.intensities) chemistries.insert(r.chemistry);
  // Chemistries already in a group of the same region, segment and year, and the groups' sum.
  std::map<std::string, std::set<std::string>> grouped;
  std::map<std::string, double> group_sum;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto region = take(row.required_text("region"), diags);
    auto segment = take(row.required_text("segment"), diags);
    auto year = take_year(row, "year", diags);
    auto list = take(row.required_text("chemistries"), diags);
    auto v = take_fraction(row, "share_fraction", diags);
    auto source = take(row.required_text("source"), diags);
    if (!region || !segment || !year || !list || !v || !source) continue;
    if (*region != "*" && !is_model_region(data, *region)) {
      diags.add_error(core::Error::invalid_input(
          "'" + *region + "' is not a model region", row.location("region"),
          "give a model region of regions.csv (e.g. CHN), or * for every region without its own "
          "row"));
      continue;
    }
    if (std::none_of(data.segments.begin(), data.segments.end(),
                     [&](const SegmentRecord& s) { return s.segment == *segment; })) {
      diags.add_error(core::Error::invalid_input("unknown segment '" + *segment + "'",
                                                 row.location("segment"),
                                                 "use a segment code of segments.csv"));
      continue;
    }
    const auto codes = split_list(*list);
    bool ok = !codes.empty();
    const std::string key = key_of({*region, *segment, std::to_string(*year)});
    for (const auto& c : codes) {
      if (!chemistries.empty() && chemistries.count(c) == 0) {
        diags.add_error(core::Error::invalid_input(
            "chemistry '" + c + "' has no material intensity", row.location("chemistries"),
            "use chemistry codes of material_intensity.csv, separated by ';'"));
        ok = false;
      } else if (!grouped[key].insert(c).second) {
        diags.add_error(core::Error::invalid_input(
            "chemistry '" + c + "' is in two groups of " + *region + " " + *segment + " " +
                std::to_string(*year),
            row.location("chemistries"),
            "put each chemistry in one group of a region, segment and year"));
        ok = false;
      }
    }
    if (!ok) continue;
    group_sum[key] += *v;
    if (group_sum[key] > 1.0 + 1e-9) {
      diags.add_error(core::Error::invalid_input(
          "the groups of " + *region + " " + *segment + " " + std::to_string(*year) +
              " take more than all new kWh (shares sum to " + std::to_string(group_sum[key]) + ")",
          row.location("share_fraction"),
          "make the group shares of a region, segment and year sum to at most 1"));
      continue;
    }
    note_assumption(data, file, *region + " " + *segment, row, "notes", "source");
    data.chemistry_segment_shares.push_back(ChemistrySegmentRecord{
        *region, *segment, *year, codes, *v, table->source() + ":" + std::to_string(row.line())});
  }
  require_rows(!data.chemistry_segment_shares.empty(), *table, "chemistry share by segment", diags);
}

void load_lifetimes(RunData& data, core::Diagnostics& diags) {
  auto table = open_table(data, "lifetime_params.csv",
                          {"scenario", "vehicle", "item", "distribution", "mean_years_or_value",
                           "sd_years", "source", "notes"},
                          diags);
  if (!table) return;
  bool found_share = false;
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    const std::string item = cell(row, "item");
    if (item == "vehicle" || item == "battery (LIB)") {
      auto scen = take(row.required_text("scenario"), diags);
      auto veh = take(row.required_text("vehicle"), diags);
      auto mean = take_non_negative(row, "mean_years_or_value", diags);
      auto sd = take_non_negative(row, "sd_years", diags);
      if (!scen || !veh || !mean || !sd) continue;
      if (!keys.insert(key_of({*scen, *veh, item}), row, "scenario", "scenario, vehicle and item",
                       diags)) {
        continue;
      }
      data.lifetimes.push_back(LifetimeRecord{*scen, *veh, item, *mean, *sd});
    } else if (starts_with(item, "second-life share")) {
      if (!keys.insert(item, row, "item", "second-life share", diags)) continue;
      auto v = take_fraction(row, "mean_years_or_value", diags);
      if (!v) continue;
      data.second_life_share = *v;
      found_share = true;
    }
  }
  require_rows(!data.lifetimes.empty(), *table, "vehicle or battery lifetime", diags);
  if (!found_share) {
    diags.add_error(core::Error::invalid_input(
        "no 'second-life share of retired LIBs' row", table->source(),
        "restore the row from the repository's data/lifetime_params.csv"));
  }
}

void load_recovery(RunData& data, core::Diagnostics& diags) {
  auto table = open_table(data, "recovery_rates.csv",
                          {"route", "element", "recovery_fraction", "type", "source"}, diags);
  if (!table) return;
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    const std::string route = cell(row, "route");
    if (std::find(kRouteCodes.begin(), kRouteCodes.end(), route) == kRouteCodes.end()) continue;
    if (cell(row, "type") != "model default") continue;
    auto element = take(row.required_text("element"), diags);
    auto v = take(row.optional_number("recovery_fraction"), diags);
    if (!element || !v) continue;
    const double f = v->value_or(0.0);
    if (f < 0.0 || f > 1.0) {
      diags.add_error(core::Error::invalid_input(
          "recovery fraction outside 0-1", row.location("recovery_fraction"), "fractions are 0-1"));
      continue;
    }
    if (!keys.insert(key_of({route, *element}), row, "element", "route and element", diags)) {
      continue;
    }
    data.recovery.push_back(RecoveryRecord{route, *element, f, false});
  }
  require_rows(!data.recovery.empty(), *table, "model default recovery", diags);
  const std::string file = "recovery_assumptions.csv";
  auto extra =
      open_table(data, file, {"route", "element", "recovery_fraction", "source", "notes"}, diags);
  if (!extra) return;
  KeyIndex extra_keys;
  for (std::size_t i = 0; i < extra->size(); ++i) {
    const auto row = extra->row(i);
    auto route = take(row.required_text("route"), diags);
    auto element = take(row.required_text("element"), diags);
    auto v = take_fraction(row, "recovery_fraction", diags);
    if (!route || !element || !v) continue;
    if (std::find(kRouteCodes.begin(), kRouteCodes.end(), *route) == kRouteCodes.end()) {
      diags.add_error(core::Error::invalid_input("unknown route '" + *route + "'",
                                                 row.location("route"),
                                                 "use pyrometallurgy, hydrometallurgy or direct"));
      continue;
    }
    if (!extra_keys.insert(key_of({*route, *element}), row, "element", "route and element",
                           diags)) {
      continue;
    }
    // An assumption replaces the blank (not recovered) source value.
    auto it = std::find_if(data.recovery.begin(), data.recovery.end(), [&](const auto& r) {
      return r.route == *route && r.element == *element;
    });
    if (it != data.recovery.end()) {
      it->recovery_fraction = *v;
      it->assumption = true;
    } else {
      data.recovery.push_back(RecoveryRecord{*route, *element, *v, true});
    }
    note_assumption(data, file, *route + " " + *element, row, "notes", "source");
  }
}

void load_capacity(RunData& data, core::Diagnostics& diags) {
  const std::string file = "recycling_capacity_assumptions.csv";
  auto table = open_table(data, file,
                          {"region", "year", "capacity_t_per_year", "pyrometallurgy_share",
                           "hydrometallurgy_share", "direct_share", "source", "notes"},
                          diags);
  if (!table) return;
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto region = take(row.required_text("region"), diags);
    auto year = take_year(row, "year", diags);
    auto cap = take_non_negative(row, "capacity_t_per_year", diags);
    if (!region || !year || !cap) continue;
    if (!keys.insert(key_of({*region, std::to_string(*year)}), row, "region", "region and year",
                     diags)) {
      continue;
    }
    CapacityPoint p{*region, *year, *cap, {}, table->source() + ":" + std::to_string(row.line())};
    bool ok = true;
    double sum = 0.0;
    for (std::size_t r = 0; r < kRouteCount; ++r) {
      auto s = take_fraction(row, std::string(kRouteCodes[r]) + "_share", diags);
      if (!s) {
        ok = false;
        continue;
      }
      p.route_shares[r] = *s;
      sum += *s;
    }
    if (!ok) continue;
    if (std::fabs(sum - 1.0) > 1e-6) {
      diags.add_error(core::Error::invalid_input(
          "route shares sum to " + std::to_string(sum) + ", not 1", row.location("direct_share"),
          "make pyrometallurgy_share + hydrometallurgy_share + direct_share = 1"));
      continue;
    }
    note_assumption(data, file, *region, row, "notes", "source");
    data.capacity.push_back(std::move(p));
  }
  require_rows(!data.capacity.empty(), *table, "recycling capacity assumption", diags);
}

void load_collection(RunData& data, core::Diagnostics& diags) {
  const std::string file = "collection_rate_assumptions.csv";
  auto table =
      open_table(data, file, {"region", "year", "collection_fraction", "source", "notes"}, diags);
  if (!table) return;
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto region = take(row.required_text("region"), diags);
    auto year = take_year(row, "year", diags);
    auto v = take_fraction(row, "collection_fraction", diags);
    if (!region || !year || !v) continue;
    if (!keys.insert(key_of({*region, std::to_string(*year)}), row, "region", "region and year",
                     diags)) {
      continue;
    }
    note_assumption(data, file, *region, row, "notes", "source");
    data.collection.push_back(
        CollectionPoint{*region, *year, *v, table->source() + ":" + std::to_string(row.line())});
  }
}

void load_growth(RunData& data, core::Diagnostics& diags) {
  const std::string file = "sales_growth_assumptions.csv";
  auto table = open_table(
      data, file,
      {"region", "segment", "from_year", "to_year", "growth_rate_per_year", "source", "notes"},
      diags);
  if (!table) return;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto region = take(row.required_text("region"), diags);
    auto seg = take(row.required_text("segment"), diags);
    auto from = take_year(row, "from_year", diags);
    auto to = take_year(row, "to_year", diags);
    auto rate = take(row.number("growth_rate_per_year"), diags);
    if (!region || !seg || !from || !to || !rate) continue;
    if (*to < *from) {
      diags.add_error(core::Error::invalid_input("to_year is before from_year",
                                                 row.location("to_year"),
                                                 "swap the years or fix the range"));
      continue;
    }
    if (*rate <= -1.0) {
      diags.add_error(core::Error::invalid_input("growth rate must be above -1",
                                                 row.location("growth_rate_per_year"),
                                                 "give a yearly rate such as 0.05 for +5 %"));
      continue;
    }
    note_assumption(data, file, *region + " " + *seg, row, "notes", "source");
    data.growth.push_back(GrowthRow{*region, *seg, *from, *to, *rate,
                                    table->source() + ":" + std::to_string(row.line())});
  }
}

void load_battery_mass(RunData& data, core::Diagnostics& diags) {
  auto bom = open_table(data, "everbatt_cell_bom.csv",
                        {"chemistry", "component", "mass_fraction_or_value", "source"}, diags);
  std::vector<std::pair<std::string, double>> cell_mass;
  if (bom) {
    for (std::size_t i = 0; i < bom->size(); ++i) {
      const auto row = bom->row(i);
      if (cell(row, "component") != "cell_mass_kg") continue;
      auto v = take_non_negative(row, "mass_fraction_or_value", diags);
      if (v) cell_mass.emplace_back(cell(row, "chemistry"), *v);
    }
  }
  const std::string file = "battery_mass_assumptions.csv";
  auto table = open_table(
      data, file, {"chemistry", "basis_chemistry", "cell_energy_kwh", "source", "notes"}, diags);
  if (!table) return;
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto chem = take(row.required_text("chemistry"), diags);
    auto basis = take(row.required_text("basis_chemistry"), diags);
    auto kwh = take_non_negative(row, "cell_energy_kwh", diags);
    if (!chem || !basis || !kwh) continue;
    if (!keys.insert(*chem, row, "chemistry", "chemistry", diags)) continue;
    auto it = std::find_if(cell_mass.begin(), cell_mass.end(),
                           [&](const auto& p) { return p.first == *basis; });
    if (it == cell_mass.end() || *kwh <= 0.0) {
      diags.add_error(core::Error::invalid_input(
          "no EverBatt cell mass for basis chemistry '" + *basis + "'",
          row.location("basis_chemistry"),
          "use a chemistry with a cell_mass_kg row in everbatt_cell_bom.csv"));
      continue;
    }
    note_assumption(data, file, *chem, row, "notes", "source");
    data.battery_mass.push_back(BatteryMassRecord{*chem, it->second / *kwh, *basis});
  }
}

void load_model_assumptions(RunData& data, core::Diagnostics& diags) {
  const std::string file = "model_assumptions.csv";
  auto table = open_table(data, file, {"key", "value", "unit", "source", "notes"}, diags);
  if (!table) return;
  bool have_mean = false;
  bool have_sd = false;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    const std::string key = cell(row, "key");
    note_assumption(data, file, key, row, "notes", "source");
    if (key == "second_life_lifetime_mean_years") {
      auto v = take_non_negative(row, "value", diags);
      if (v) data.second_life_mean_years = *v;
      have_mean = v.has_value();
    } else if (key == "second_life_lifetime_sd_years") {
      auto v = take_non_negative(row, "value", diags);
      if (v) data.second_life_sd_years = *v;
      have_sd = v.has_value();
    }
  }
  if (!have_mean || !have_sd) {
    diags.add_error(core::Error::invalid_input(
        "second_life_lifetime_mean_years or second_life_lifetime_sd_years missing", table->source(),
        "restore the rows from the repository's data/model_assumptions.csv"));
  }
}

void load_battery_demand(RunData& data, core::Diagnostics& diags) {
  auto table = open_table(data, "battery_demand.csv",
                          {"region", "metric", "year", "value", "unit", "source"}, diags);
  if (!table) return;
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    if (cell(row, "metric") != "EV battery demand") continue;
    auto region = take(row.required_text("region"), diags);
    auto year = take_year(row, "year", diags);
    auto v = take_non_negative(row, "value", diags);
    if (!region || !year || !v) continue;
    if (cell(row, "unit") != "GWh") {
      diags.add_error(core::Error::invalid_input("unit '" + cell(row, "unit") + "' is not GWh",
                                                 row.location("unit"),
                                                 "EV battery demand rows are in GWh"));
      continue;
    }
    if (!keys.insert(key_of({*region, std::to_string(*year)}), row, "region", "region and year",
                     diags)) {
      continue;
    }
    data.battery_demand.push_back(DemandRecord{*region, *year, *v});
  }
}

// True when `code` is a model region of regions.csv (a country or a residual, not an aggregate).
bool is_model_region(const RunData& data, const std::string& code) {
  return std::any_of(data.regions.begin(), data.regions.end(), [&](const RegionRecord& r) {
    return r.code == code && r.kind != "aggregate";
  });
}

// A row's model region, or nullopt with an error naming the row when it is not one.
std::optional<std::string> take_model_region(const RunData& data, const CsvRow& row,
                                             const std::string& hint, core::Diagnostics& diags) {
  auto region = take(row.required_text("region"), diags);
  if (!region) return std::nullopt;
  if (!is_model_region(data, *region)) {
    diags.add_error(core::Error::invalid_input("'" + *region + "' is not a model region",
                                               row.location("region"), hint));
    return std::nullopt;
  }
  return region;
}

void load_cell_capacity(RunData& data, core::Diagnostics& diags) {
  const std::string file = "cell_production_share.csv";
  auto table = open_table(
      data, file, {"region", "year", "cell_capacity_gwh", "status", "source", "notes"}, diags);
  if (!table) return;
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto region = take_model_region(
        data, row,
        "give a model region of regions.csv (a country such as HUN or a residual such as ROW), "
        "not an aggregate",
        diags);
    auto year = take_year(row, "year", diags);
    auto gwh = take_non_negative(row, "cell_capacity_gwh", diags);
    auto source = take(row.required_text("source"), diags);
    if (!region || !year || !gwh || !source) continue;
    if (!keys.insert(key_of({*region, std::to_string(*year)}), row, "region", "region and year",
                     diags)) {
      continue;
    }
    note_assumption(data, file, *region, row, "notes", "source");
    data.cell_capacity.push_back(CellCapacityPoint{
        *region, *year, *gwh, table->source() + ":" + std::to_string(row.line())});
  }
  require_rows(!data.cell_capacity.empty(), *table, "cell capacity", diags);
}

void load_scrap_rates(RunData& data, core::Diagnostics& diags) {
  const std::string file = "production_scrap_rate.csv";
  auto table =
      open_table(data, file, {"year", "scrap_fraction", "status", "source", "notes"}, diags);
  if (!table) return;
  KeyIndex keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto year = take_year(row, "year", diags);
    auto rate = take_fraction(row, "scrap_fraction", diags);
    auto source = take(row.required_text("source"), diags);
    if (!year || !rate || !source) continue;
    if (*rate > kMaxScrapFraction) {
      diags.add_error(core::Error::invalid_input(
          "scrap fraction " + format_number(*rate) + " is above " +
              std::to_string(kMaxScrapFraction),
          row.location("scrap_fraction"),
          "give the share of cell production scrapped, 0-0.9 (write 0.05 for 5 %)"));
      continue;
    }
    if (!keys.insert(std::to_string(*year), row, "year", "year", diags)) continue;
    note_assumption(data, file, "scrap rate " + std::to_string(*year), row, "notes", "source");
    data.scrap_rates.push_back(
        ScrapRatePoint{*year, *rate, table->source() + ":" + std::to_string(row.line())});
  }
  std::sort(data.scrap_rates.begin(), data.scrap_rates.end(),
            [](const ScrapRatePoint& a, const ScrapRatePoint& b) { return a.year < b.year; });
  require_rows(!data.scrap_rates.empty(), *table, "scrap rate", diags);
}

// Region coordinates, shipping rules and transport cost, from the plan data files; a rule must
// name model regions (or *), since trade is between model regions.
void load_trade(RunData& data, core::Diagnostics& diags) {
  auto codes = load_country_codes(data.data_dir + "/country_codes.csv");
  if (!codes) {
    diags.add_error(codes.error());
    return;
  }
  std::vector<std::string> iso3;
  for (const auto& c : codes->all()) iso3.push_back(c.iso3);
  // Region members are countries of country_codes.csv (or * for the rest of the world): a typo
  // would silently drop a country from a region (issue 19).
  const std::set<std::string> known(iso3.begin(), iso3.end());
  for (const auto& r : data.regions) {
    for (const auto& m : r.members) {
      if (m == "*" || known.count(m) != 0) continue;
      diags.add_error(core::Error::invalid_input(
          "region " + r.code + " lists unknown member '" + m + "'", r.location + ": members",
          "use ISO 3166 alpha-3 codes of country_codes.csv (add the country there with its "
          "source if it is missing), or * for every other country"));
    }
  }
  auto plan = load_plan_data(data.data_dir, iso3);
  if (!plan) {
    diags.add_error(plan.error());
    return;
  }
  for (const auto& rule : plan->shipping_rules) {
    for (const auto* list : {&rule.origins, &rule.destinations}) {
      for (const auto& code : *list) {
        if (code == "*" || is_model_region(data, code)) continue;
        diags.add_error(core::Error::invalid_input(
            "shipping rule names '" + code + "', which is not a model region", rule.location,
            "use model regions of regions.csv separated by ';', or * for all"));
      }
    }
  }
  data.trade.sites = std::move(plan->sites);
  data.trade.rules = std::move(plan->shipping_rules);
  data.trade.transport_usd_per_tkm = plan->transport_usd_per_tkm;
  data.trade.transport_kg_co2_per_tkm = plan->transport_kg_co2_per_tkm;
  data.trade.black_mass_t_per_t_battery = plan->black_mass_t_per_t_battery;
}

void load_recycling_plants(RunData& data, core::Diagnostics& diags) {
  const std::string file = "recycling_plants.csv";
  auto table = open_table(data, file,
                          {"region", "operator", "site", "capacity_t_per_year", "basis",
                           "commissioning_year", "status", "source", "notes"},
                          diags);
  if (!table) return;
  KeyIndex plant_keys;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    auto region = take_model_region(
        data, row, "give the plant's model region of regions.csv (a country such as JPN, or ROW)",
        diags);
    auto name = take(row.required_text("operator"), diags);
    auto capacity = take_non_negative(row, "capacity_t_per_year", diags);
    auto basis = take(row.required_text("basis"), diags);
    auto year = take_year(row, "commissioning_year", diags);
    auto status = take(row.required_text("status"), diags);
    auto source = take(row.required_text("source"), diags);
    if (!region || !name || !capacity || !basis || !year || !status || !source) continue;
    if (!plant_keys.insert(
            key_of({*region, *name, cell(row, "site"), std::to_string(*year), *status}), row,
            "operator", "region, operator, site, commissioning_year and status", diags)) {
      continue;
    }
    if (*basis != "battery" && *basis != "black_mass") {
      diags.add_error(core::Error::invalid_input("unknown basis '" + *basis + "'",
                                                 row.location("basis"),
                                                 "write battery (tonnes of battery input) or "
                                                 "black_mass (tonnes of black mass input)"));
      continue;
    }
    static const std::set<std::string> kStatuses = {"operating", "under_construction", "announced",
                                                    "closed"};
    if (kStatuses.count(*status) == 0) {
      diags.add_error(
          core::Error::invalid_input("unknown status '" + *status + "'", row.location("status"),
                                     "write operating, under_construction, announced or closed"));
      continue;
    }
    note_assumption(data, file, *name, row, "notes", "source");
    data.plants.push_back(RecyclingPlant{*region, *name, *capacity, *basis == "black_mass", *year,
                                         *status == "operating" || *status == "under_construction",
                                         *status == "announced",
                                         table->source() + ":" + std::to_string(row.line())});
  }
  require_rows(!data.plants.empty(), *table, "recycling plant", diags);
}

}  // namespace

std::vector<std::string> split_list(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find(separator, start);
    const std::string part =
        trim(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (!part.empty()) out.push_back(part);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

RunData load_run_data(const std::string& data_dir, core::Diagnostics& diags) {
  RunData data;
  data.data_dir = data_dir;
  load_regions(data, diags);
  load_segments(data, diags);
  load_sales(data, diags);
  load_projection_regions(data, diags);
  load_sales_projection(data, diags);
  load_demand_projection(data, diags);
  load_pack_sizes(data, diags);
  load_intensities(data, diags);
  load_chemistry_shares(data, diags);
  load_chemistry_segment_shares(data, diags);
  load_lifetimes(data, diags);
  load_recovery(data, diags);
  load_capacity(data, diags);
  load_collection(data, diags);
  load_growth(data, diags);
  load_battery_mass(data, diags);
  load_model_assumptions(data, diags);
  load_battery_demand(data, diags);
  load_cell_capacity(data, diags);
  load_scrap_rates(data, diags);
  load_trade(data, diags);
  load_recycling_plants(data, diags);
  return data;
}

}  // namespace urbanmine::io
