// SPDX-License-Identifier: Apache-2.0
// Passports laid over a region's cohorts (passport_fleet.h).
#include "model/passport_fleet.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <utility>

#include "io/files.h"
#include "io/passport_json.h"
#include "io/sha256.h"

#include "results/registry.h"

namespace urbanmine::model {

namespace {

using results::Cell;
using results::RecordTable;

std::string list_of(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::optional<std::size_t> index_of(const std::vector<std::string>& items, const std::string& x) {
  const auto it = std::find(items.begin(), items.end(), x);
  if (it == items.end()) return std::nullopt;
  return static_cast<std::size_t>(it - items.begin());
}

std::string percent_text(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g %%", 100.0 * share);
  return buf;
}

RecordTable coverage_table() {
  return {std::string(results::kRecordsPassportFleetCoverage.name),
          std::string(results::kRecordsPassportFleetCoverage.title),
          "For each [[passport_fleet]] entry and model year: the EV passports read, their rated "
          "energy, the vehicles the data have sold in that region, segment and year, the share "
          "of them the passports cover (passports / vehicles sold, at most 1), and the pack size "
          "of the data and of the run. Mode coverage: pack = c x passport mean + (1 - c) x data; "
          "mode sample: pack = passport mean.",
          {"region", "segment", "model_year", "mode", "passports", "passport_kwh", "vehicles_sold",
           "coverage_fraction", "pack_data_kwh", "pack_run_kwh"},
          {}};
}

RecordTable chemistry_table() {
  return {std::string(results::kRecordsPassportFleetChemistry.name),
          std::string(results::kRecordsPassportFleetChemistry.title),
          "Share of new pack capacity (kWh) of each chemistry in the cohort: in the data, among "
          "the passports, and as the run uses it. Mode coverage: the passports' kWh plus the "
          "data's mix for the uncovered vehicles (kWh-weighted); mode sample: the passports' mix.",
          {"region", "segment", "model_year", "chemistry", "passports", "share_data_fraction",
           "share_passports_fraction", "share_run_fraction"},
          {}};
}

RecordTable intensity_table() {
  return {std::string(results::kRecordsPassportFleetIntensity.name),
          std::string(results::kRecordsPassportFleetIntensity.title),
          "Element content of the passports' batteryMaterials (kg, by data/passport_substances.csv "
          "formulas) over their rated energy (kWh), by chemistry, against the model's "
          "material_intensity.csv. The run keeps the model's intensity; a ratio far from 1 says "
          "the passports' batteries differ from the literature values.",
          {"region", "segment", "chemistry", "element", "passports", "kg_per_kwh_passports",
           "kg_per_kwh_model", "passports_over_model_ratio"},
          {}};
}

struct Year {
  int batteries = 0;
  double kwh = 0.0;
};

}  // namespace

core::Result<PassportFleetRecords> apply_passport_fleet(ModelInputs& in,
                                                        const std::vector<PassportFleet>& fleets) {
  PassportFleetRecords out;
  if (fleets.empty()) return out;
  RecordTable coverage = coverage_table();
  RecordTable chemistry = chemistry_table();
  RecordTable intensity = intensity_table();
  std::map<std::pair<std::string, std::string>, std::string> entry_of;  // (region, segment)
  for (const auto& f : fleets) {
    const auto [seen, fresh] = entry_of.emplace(std::pair{f.region, f.segment}, f.location);
    if (!fresh) {
      // A second entry would take the first one's result as "the data": say so instead.
      return core::Error::invalid_input(
          "a second [[passport_fleet]] entry for " + f.region + " " + f.segment +
              " (the first is " + seen->second + ")",
          f.location, "put all passports of one region and segment in one folder or entry");
    }
    const auto r = index_of(in.regions, f.region);
    if (!r) {
      return core::Error::invalid_input(
          "'" + f.region + "' is not a model region of this run", f.location + ".region",
          "passports are laid over one model region: use one of " + list_of(in.regions));
    }
    const auto s = index_of(in.segments, f.segment);
    if (!s) {
      return core::Error::invalid_input("'" + f.segment + "' is not a segment",
                                        f.location + ".segment",
                                        "use one of " + list_of(in.segments));
    }
    const bool sample_mode = f.mode == "sample";
    int first = 0, last = 0;
    double covered_vehicles = 0.0, sold_vehicles = 0.0;
    std::map<std::string, passport::FleetCell> by_chemistry;
    for (const auto& [year, cells] : f.sample.cells) {
      if (year < in.first_year || year > in.last_year) {
        return core::Error::invalid_input(
            "passports of model year " + std::to_string(year) + " are outside the run's years " +
                std::to_string(in.first_year) + "-" + std::to_string(in.last_year),
            f.location + ".path",
            "widen [scenario] years or leave those passports out of " + f.path);
      }
      const auto t = static_cast<std::size_t>(year - in.first_year);
      Year total;
      std::vector<double> passport_kwh(in.chemistries.size(), 0.0);
      std::vector<int> passport_count(in.chemistries.size(), 0);
      for (const auto& [code, cell] : cells) {
        const auto k = index_of(in.chemistries, code);
        if (!k) {
          return core::Error::invalid_input(
              "chemistry '" + code + "' of " + std::to_string(cell.batteries) +
                  " passports (model year " + std::to_string(year) + ") is not a model chemistry",
              f.location + ".path",
              "the passports' batteryChemistry.shortName must be one of " +
                  list_of(in.chemistries));
        }
        passport_kwh[*k] += cell.rated_kwh;
        passport_count[*k] += cell.batteries;
        total.batteries += cell.batteries;
        total.kwh += cell.rated_kwh;
        auto& c = by_chemistry[code];
        c.batteries += cell.batteries;
        c.rated_kwh += cell.rated_kwh;
        for (const auto& [e, kg] : cell.element_kg) c.element_kg[e] += kg;
      }
      const double sold = in.sales_vehicles[*r][*s][t];
      const double data_pack = in.pack_kwh[*r][*s][t];
      const std::vector<double> data_share = in.chemistry_share[*r][*s][t];
      const double mean_pack = total.kwh / total.batteries;
      // Share of the cohort the passports describe; with no sales in the data there is no
      // cohort to blend with and the passports' mix is taken as it is.
      const double c = sample_mode || !(sold > 0.0) ? 1.0 : std::min(1.0, total.batteries / sold);
      const double run_pack = c * mean_pack + (1.0 - c) * data_pack;
      std::vector<double> run_share(in.chemistries.size(), 0.0);
      for (std::size_t k = 0; k < run_share.size(); ++k) {
        const double passport_part = c * mean_pack * passport_kwh[k] / total.kwh;
        const double data_part = (1.0 - c) * data_pack * data_share[k];
        run_share[k] = run_pack > 0.0 ? (passport_part + data_part) / run_pack : data_share[k];
      }
      in.pack_kwh[*r][*s][t] = run_pack;
      in.chemistry_share[*r][*s][t] = run_share;
      coverage.rows.push_back(
          {Cell::of(f.region), Cell::of(f.segment), Cell::of(static_cast<double>(year)),
           Cell::of(f.mode), Cell::of(static_cast<double>(total.batteries)), Cell::of(total.kwh),
           Cell::of(sold),
           sold > 0.0 ? Cell::of(std::min(1.0, total.batteries / sold)) : Cell::empty(),
           Cell::of(data_pack), Cell::of(run_pack)});
      for (std::size_t k = 0; k < run_share.size(); ++k) {
        if (passport_count[k] == 0 && data_share[k] == 0.0) continue;
        chemistry.rows.push_back({Cell::of(f.region), Cell::of(f.segment),
                                  Cell::of(static_cast<double>(year)), Cell::of(in.chemistries[k]),
                                  Cell::of(static_cast<double>(passport_count[k])),
                                  Cell::of(data_share[k]), Cell::of(passport_kwh[k] / total.kwh),
                                  Cell::of(run_share[k])});
      }
      if (first == 0) first = year;
      last = year;
      covered_vehicles += std::min(sold, static_cast<double>(total.batteries));
      sold_vehicles += sold;
    }
    for (const auto& [code, cell] : by_chemistry) {
      const auto k = *index_of(in.chemistries, code);
      for (std::size_t e = 0; e < kElementCount; ++e) {
        const auto it = cell.element_kg.find(kElementCodes[e]);
        const double kg = it == cell.element_kg.end() ? 0.0 : it->second;
        const double passport_intensity = kg / cell.rated_kwh;
        const double model_intensity = in.intensity_kg_per_kwh[k][e];
        if (kg == 0.0 && model_intensity == 0.0) continue;  // neither has the element
        intensity.rows.push_back(
            {Cell::of(f.region), Cell::of(f.segment), Cell::of(code), Cell::of(kElementCodes[e]),
             Cell::of(static_cast<double>(cell.batteries)), Cell::of(passport_intensity),
             Cell::of(model_intensity),
             model_intensity > 0.0 ? Cell::of(passport_intensity / model_intensity)
                                   : Cell::empty()});
      }
    }
    std::string sentence =
        "Battery passports as fleet data (" + f.location +
        "): " + std::to_string(f.sample.ev_passports) + " EV passports from " + f.path +
        " laid over " + f.region + " " + f.segment + ", model years " + std::to_string(first) +
        (last != first ? "-" + std::to_string(last) : "") + ", mode " + f.mode + ". They cover " +
        percent_text(sold_vehicles > 0.0 ? covered_vehicles / sold_vehicles : 1.0) +
        " of the vehicles sold in those years; " +
        (sample_mode ? "their pack size and chemistry mix stand for the whole cohort"
                     : "the data's pack size and chemistry mix stand for the rest") +
        ". Material intensity stays the data's (passport_fleet_intensity compares).";
    int others = 0;
    std::string other_names;
    for (const auto& [category, n] : f.sample.other_categories) {
      others += n;
      other_names += (other_names.empty() ? "" : ", ") + (category.empty() ? "none" : category);
    }
    if (others > 0) {
      sentence += " " + std::to_string(others) + " passports of another category (" + other_names +
                  ") are left out.";
    }
    in.assumptions.push_back(std::move(sentence));
  }
  out.tables = {std::move(coverage), std::move(chemistry), std::move(intensity)};
  return out;
}

namespace {

// A [[passport_fleet]] path: relative paths are from the scenario file's folder (a scenario
// given as text or a dict: from the working directory).
std::string passport_path(const io::ScenarioSpec& spec, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute()) return path;
  std::error_code ec;
  const std::filesystem::path scenario(spec.source);
  if (!spec.source.empty() && std::filesystem::is_regular_file(scenario, ec)) {
    return (scenario.parent_path() / p).lexically_normal().string();
  }
  return path;
}

}  // namespace

ScenarioPassportFleets apply_scenario_passport_fleets(const io::ScenarioSpec& spec,
                                                      const std::string& data_dir,
                                                      bool allow_local_files, ModelInputs& in,
                                                      core::Diagnostics& diags) {
  ScenarioPassportFleets out;
  if (spec.passport_fleets.empty()) return out;
  if (!allow_local_files) {
    diags.add_error(core::Error::invalid_input(
        "a scenario sent to the service cannot read passport files on the server",
        spec.passport_fleets.front().location,
        "run it with `urbanmine run SCENARIO` on the machine that has the passports, or leave "
        "[[passport_fleet]] out"));
    return out;
  }
  std::vector<PassportFleet> fleets;
  for (const auto& entry : spec.passport_fleets) {
    const std::string path = passport_path(spec, entry.path);
    auto read = io::read_passport_set(path, data_dir);
    if (!read) {
      core::Error e = read.error();
      e.location = entry.location + ".path: " + e.location;
      diags.add_error(std::move(e));
      continue;
    }
    auto sample =
        passport::fleet_sample(read->files, read->aggregate, read->fractions, entry.location);
    if (!sample) {
      diags.add_error(sample.error());
      continue;
    }
    for (const auto& f : read->files) {
      auto bytes = io::read_text_file(f.source);
      if (!bytes) {
        diags.add_error(bytes.error());
        continue;
      }
      out.files.push_back({f.source, io::sha256_hex(*bytes), bytes->size()});
    }
    fleets.push_back(
        {entry.region, entry.segment, entry.mode, path, entry.location, std::move(*sample)});
  }
  if (diags.has_errors()) return out;
  auto records = apply_passport_fleet(in, fleets);
  if (!records) {
    diags.add_error(records.error());
    return out;
  }
  out.records = std::move(*records);
  return out;
}

}  // namespace urbanmine::model
