// SPDX-License-Identifier: Apache-2.0
// `urbanmine run` and `urbanmine validate` behind one API (run.h): find the data and the
// scenario, load and check both (every problem at once), resolve the scenario, run the model,
// and stamp the results with the scenario hash and code version.
#include "engine/run.h"

#include <chrono>
#include <filesystem>

#include "core/version.h"
#include "engine/cooperation.h"
#include "engine/plant.h"
#include "engine/uncertainty.h"
#include "io/data_dir.h"
#include "io/dataset.h"
#include "io/run_data.h"
#include "io/scenario_toml.h"

#include "model/passport_fleet.h"
#include "model/run_model.h"
#include "model/scenario.h"
#include "report/findings.h"

namespace urbanmine::engine {

namespace {

bool is_dir(const std::string& path) {
  std::error_code ec;
  return !path.empty() && std::filesystem::is_directory(path, ec);
}

struct Prepared {
  io::ScenarioSpec spec;
  io::Dataset data;
  model::ModelInputs inputs;
  model::PassportFleetRecords passport_records;  // scenario [[passport_fleet]]
  std::vector<DataFile> passport_files;          // hashed into the run with the data files
};

// Parses the scenario and loads the whole dataset (io::load_dataset: every file a run reads),
// collecting every problem; resolves the scenario when both loaded.
Prepared prepare(io::ScenarioSpec spec, const RunOptions& options, core::Diagnostics& diags) {
  Prepared p;
  const std::string data_dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  if (!is_dir(data_dir)) {
    diags.add_error(core::Error::invalid_input(
        "data folder not found", data_dir,
        "set URBANMINE_DATA_DIR to the repository's data/ folder or pass a data directory"));
    p.spec = std::move(spec);
    return p;
  }
  core::Diagnostics data_diags;
  p.data = io::load_dataset(data_dir, data_diags);
  diags.merge(data_diags);
  p.spec = std::move(spec);
  if (!data_diags.has_errors()) {
    p.inputs = model::resolve_scenario(p.spec, p.data.run, diags);
    if (!diags.has_errors()) {
      auto fleets = model::apply_scenario_passport_fleets(
          p.spec, p.data.data_dir, options.allow_local_files, p.inputs, diags);
      p.passport_records = std::move(fleets.records);
      p.passport_files = std::move(fleets.files);
    }
    // The recycling plant model's data (docs/plant.md).
    p.inputs.plant_defaults = std::make_shared<const plant::PlantDefaults>(*p.data.plant);
  }
  return p;
}

// The provenance record table: every data file the run read, with its size and SHA-256.
RecordTable data_files_table(const std::vector<DataFile>& files) {
  RecordTable t{std::string(results::kRecordsDataFiles.name),
                std::string(results::kRecordsDataFiles.title),
                "Every data file this run read (names relative to the data folder; passport files "
                "of [[passport_fleet]] as found), with its size and SHA-256. The run hash covers "
                "the scenario text and all of these files.",
                {"file", "size_bytes", "sha256"},
                {}};
  for (const auto& f : files) {
    t.rows.push_back(
        {Cell::of(f.name), Cell::of(static_cast<double>(f.bytes)), Cell::of(f.sha256)});
  }
  return t;
}

core::Result<RunResults> run_spec(io::ScenarioSpec spec, core::Diagnostics diags,
                                  const RunOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (options.progress) options.progress(0.0, "loading");
  Prepared p = prepare(std::move(spec), options, diags);
  if (options.logger != nullptr) {
    for (const auto& d : diags.items()) {
      if (d.severity == core::Severity::kWarning) options.logger->warn(d.error.to_string());
    }
  }
  if (diags.has_errors(options.strict)) return diags.to_error(options.strict);
  // The model takes the first 90 % of the progress, the findings and the cooperation modules the
  // rest, so that the fraction never goes back (the model itself reports up to 1.0).
  constexpr double kModelProgressShare = 0.9;
  core::ProgressCallback model_progress;
  if (options.progress) {
    model_progress = [&options](double fraction, std::string_view stage) {
      options.progress(kModelProgressShare * fraction, stage);
    };
  }
  auto results = model::compute_run(p.inputs, model_progress);
  if (!results) return results.error();
  RunResults out = std::move(*results);
  // Findings in words (report/findings.h), from the results; the studies' many runs skip them.
  if (options.progress) options.progress(kModelProgressShare, "findings");
  report::add_findings(out);
  // Supply risk, policy checks and the market ranking (engine/cooperation.h), on the same data.
  CooperationOptions coop;
  coop.data_dir = p.data.data_dir;
  for (const auto& [name, weight] : p.spec.market_weights) {
    if (const auto criterion = market::parse_criterion(name)) {
      coop.market_weights[*criterion] = weight;
      coop.market_weights_are_default = false;
    }
  }
  coop.market_year = p.spec.market_year;
  URBANMINE_TRY_STATUS(add_cooperation_results(out, *p.data.cooperation, coop));
  // N-1 supply disruption with and without the run's recycling (cooperation/disruption.h).
  URBANMINE_TRY_STATUS(add_disruption_records(out, *p.data.cooperation));
  for (auto& t : p.passport_records.tables) out.records.push_back(std::move(t));
  std::vector<DataFile> read_files = p.data.files;
  read_files.insert(read_files.end(), p.passport_files.begin(), p.passport_files.end());
  out.records.push_back(data_files_table(read_files));
  out.meta.scenario_name = p.inputs.scenario_name;
  out.meta.scenario_description = p.spec.description;
  out.meta.scenario_path = p.spec.source;
  out.meta.scenario_hash = io::run_hash(p.spec.text, read_files);
  out.meta.data_files = read_files;
  out.meta.code_version =
      std::string(core::version()) + " (git " + std::string(core::git_hash()) + ")";
  out.meta.first_year = p.inputs.first_year;
  out.meta.last_year = p.inputs.last_year;
  out.meta.seed = p.spec.seed;
  out.meta.elapsed_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (options.logger != nullptr) {
    options.logger->info("run " + out.meta.scenario_name + " (" +
                         out.meta.scenario_hash.substr(0, 12) +
                         "): " + std::to_string(out.tables.size()) + " tables, " +
                         std::to_string(out.balance.size()) + " balance checks passed");
  }
  return out;
}

}  // namespace

core::Diagnostics validate_scenario_file(const std::string& scenario_path,
                                         const RunOptions& options) {
  const std::string path = scenario_path.empty() ? default_scenario_path() : scenario_path;
  core::Diagnostics diags;
  io::ScenarioSpec spec = io::read_scenario_file(path, diags);
  if (diags.has_errors() && spec.text.empty()) {
    // Missing file: the data can still be checked.
    prepare(std::move(spec), options, diags);
    return diags;
  }
  const bool has_uncertainty = spec.text.find("uncertainty") != std::string::npos;
  prepare(std::move(spec), options, diags);
  // The [uncertainty] section of `urbanmine mc|sensitivity` is checked with the same code.
  if (has_uncertainty && !diags.has_errors()) {
    if (auto plan = prepare_uncertainty(path, options.data_dir); !plan) {
      diags.add_error(plan.error());
    }
  }
  return diags;
}

core::Result<RunResults> run_scenario_file(const std::string& scenario_path,
                                           const RunOptions& options) {
  const std::string path = scenario_path.empty() ? default_scenario_path() : scenario_path;
  core::Diagnostics diags;
  io::ScenarioSpec spec = io::read_scenario_file(path, diags);
  if (diags.has_errors() && spec.text.empty()) return diags.to_error();
  return run_spec(std::move(spec), std::move(diags), options);
}

core::Result<RunResults> run_scenario_text(const std::string& toml_text, const std::string& source,
                                           const RunOptions& options) {
  core::Diagnostics diags;
  io::ScenarioSpec spec = io::parse_scenario_toml(toml_text, source, diags);
  return run_spec(std::move(spec), std::move(diags), options);
}

}  // namespace urbanmine::engine
