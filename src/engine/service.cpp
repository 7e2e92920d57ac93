// SPDX-License-Identifier: Apache-2.0
// RunService: scenarios and runs over the shared SQLite store, run threads with a concurrency
// cap, progress, and one-transaction storage of each finished run.
#include "engine/service.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <exception>

#include "core/version.h"
#include "io/files.h"
#include "io/sha256.h"

namespace urbanmine::engine {

namespace {

// Progress is written to the store at most every this fraction of the run (and at each stage).
constexpr double kProgressStoreStep = 0.05;
// Share of the progress bar given to the model; rendering and storing the outputs take the rest.
constexpr double kModelShare = 0.8;
constexpr double kRenderedFraction = 0.85;

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() < 19 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::string code_version() {
  return std::string(core::version()) + " (git " + std::string(core::git_hash()) + ")";
}

}  // namespace

std::string_view run_state_name(RunState state) {
  switch (state) {
    case RunState::kRunning:
      return "running";
    case RunState::kSucceeded:
      return "succeeded";
    case RunState::kFailed:
      return "failed";
  }
  return "failed";
}

core::Result<std::unique_ptr<RunService>> RunService::open(RunServiceOptions options) {
  auto store = io::Store::open(options.db_path.empty() ? ":memory:" : options.db_path);
  if (!store) return store.error();
  if (!options.run) options.run = run_scenario_text;
  std::unique_ptr<RunService> service(new RunService(std::move(options), std::move(*store)));
  // Runs a dead process left "running" never committed their results: say so in the store.
  auto runs = service->store_->list_runs();
  if (!runs) return runs.error();
  for (const auto& r : *runs) {
    if (r.status != io::kRunRunning) continue;
    io::RunFinish finish;
    finish.status = io::kRunFailed;
    finish.balance_ok = false;
    finish.error_message = "interrupted: the process stopped before this run finished";
    URBANMINE_TRY_STATUS(service->store_->finish_run(r.id, finish));
  }
  // The shipped baseline, under the name "baseline".
  auto text = io::read_text_file(default_scenario_path());
  if (text) {
    auto id = service->store_->put_scenario(std::string(kBaselineScenarioName),
                                            io::sha256_hex(*text), *text);
    if (!id) return id.error();
  } else if (service->options_.logger != nullptr) {
    service->options_.logger->warn("no baseline scenario: " + text.error().to_string());
  }
  return service;
}

RunService::RunService(RunServiceOptions options, std::unique_ptr<io::Store> store)
    : options_(std::move(options)), store_(std::move(store)) {}

RunService::~RunService() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    threads.swap(threads_);
  }
  for (auto& t : threads) {
    if (t.joinable()) t.join();
  }
}

core::Result<ServiceScenario> RunService::create_scenario(const std::string& name,
                                                          const std::string& toml_text) {
  if (name.empty()) {
    return core::Error::invalid_input("the scenario has no name", "request body: $.name",
                                      "give a short name such as \"high collection\"");
  }
  if (toml_text.empty()) {
    return core::Error::invalid_input("the scenario has no TOML text", "request body: $.toml",
                                      "give the scenario.toml text (see examples/global.toml)");
  }
  std::int64_t id = 0;
  {
    std::lock_guard<std::mutex> lock(store_mutex_);
    auto stored = store_->put_scenario(name, io::sha256_hex(toml_text), toml_text);
    if (!stored) return stored.error();
    id = *stored;
  }
  return scenario(std::to_string(id));
}

core::Result<std::vector<ServiceScenario>> RunService::list_scenarios() {
  std::lock_guard<std::mutex> lock(store_mutex_);
  auto list = store_->list_scenarios();
  if (!list) return list.error();
  std::vector<ServiceScenario> out;
  for (const auto& s : *list) out.push_back({s.id, s.name, {}, s.created_at});
  return out;
}

core::Result<ServiceScenario> RunService::scenario(const std::string& id_or_name) {
  std::lock_guard<std::mutex> lock(store_mutex_);
  std::int64_t id = 0;
  if (all_digits(id_or_name)) {
    id = std::stoll(id_or_name);
  } else {
    auto list = store_->list_scenarios();
    if (!list) return list.error();
    for (const auto& s : *list) {  // newest first
      if (s.name == id_or_name) {
        id = s.id;
        break;
      }
    }
  }
  core::Result<io::ScenarioRecord> found =
      id > 0 ? store_->get_scenario(id)
             : core::Result<io::ScenarioRecord>(core::Error::not_found("", ""));
  if (!found) {
    return core::Error::not_found("no scenario '" + id_or_name + "'", id_or_name,
                                  "list the scenarios with GET /api/scenarios");
  }
  return ServiceScenario{found->id, found->name, found->text, found->created_at};
}

core::Result<StartResult> RunService::start_run(const std::string& scenario_id_or_name) {
  auto found = scenario(scenario_id_or_name);
  if (!found) return found.error();
  std::lock_guard<std::mutex> lock(mutex_);
  StartResult result;
  result.running = running_;
  if (running_ >= options_.max_concurrent_runs) return result;
  io::NewRun new_run;
  new_run.scenario_id = found->id;
  new_run.scenario_name = found->name;
  new_run.scenario_hash = io::sha256_hex(found->text);
  new_run.code_version = code_version();
  std::int64_t run_id = 0;
  {
    std::lock_guard<std::mutex> store_lock(store_mutex_);
    auto created = store_->create_run(new_run);
    if (!created) return created.error();
    run_id = *created;
  }
  ServiceRun live;
  live.id = run_id;
  live.scenario_id = found->id;
  live.scenario_name = found->name;
  live.stage = "queued";
  {
    std::lock_guard<std::mutex> store_lock(store_mutex_);
    auto record = store_->get_run(run_id);
    if (record) live.started_at = record->started_at;
  }
  live_[run_id] = live;
  ++running_;
  result.accepted = true;
  result.run_id = run_id;
  result.running = running_;
  threads_.emplace_back([this, run_id, s = *found] { execute(run_id, s); });
  return result;
}

void RunService::execute(std::int64_t run_id, ServiceScenario scenario) {
  RunOptions run_options;
  run_options.data_dir = options_.data_dir;
  run_options.logger = options_.logger;
  run_options.allow_local_files = false;
  double last_stored = -1.0;
  std::string last_stage;
  run_options.progress = [this, run_id, &last_stored, &last_stage](double fraction,
                                                                   std::string_view stage) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto& live = live_[run_id];
      live.progress_fraction = kModelShare * std::clamp(fraction, 0.0, 1.0);
      live.stage = std::string(stage);
    }
    if (fraction - last_stored >= kProgressStoreStep || stage != last_stage) {
      last_stored = fraction;
      last_stage = std::string(stage);
      std::lock_guard<std::mutex> store_lock(store_mutex_);
      (void)store_->update_progress(run_id, kModelShare * fraction, std::string(stage));
    }
  };
  const auto start = std::chrono::steady_clock::now();
  core::Result<RunResults> results = core::Error::internal("the run did not start");
  try {
    results = options_.run(scenario.text, "scenario " + scenario.name, run_options);
  } catch (const std::exception& e) {
    results = core::Error::internal(std::string("the run threw: ") + e.what());
  }
  std::shared_ptr<RunArtifacts> artifacts;
  core::Status stored;
  if (results) {
    artifacts = std::make_shared<RunArtifacts>();
    artifacts->results = std::move(*results);
    report::RenderOptions render;
    render.sankey_year = std::min(report::kDefaultSankeyYear, artifacts->results.meta.last_year);
    set_progress(run_id, kModelShare, "writing summary, Sankey and report");
    auto docs =
        report::render_run_documents(artifacts->results, render);  // the stored three, no CSVs
    if (docs) {
      artifacts->documents = std::move(*docs);
      set_progress(run_id, kRenderedFraction, "storing results");
      std::lock_guard<std::mutex> store_lock(store_mutex_);
      stored =
          report::store_results_into_run(*store_, run_id, artifacts->results, artifacts->documents);
    } else {
      stored = docs.error();
    }
  } else {
    stored = results.error();
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!stored) {
    io::RunFinish finish;
    finish.status = io::kRunFailed;
    finish.elapsed_seconds = elapsed;
    finish.balance_ok = false;
    finish.error_message = stored.error().to_string();
    std::lock_guard<std::mutex> store_lock(store_mutex_);
    (void)store_->finish_run(run_id, finish);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  auto& live = live_[run_id];
  live.elapsed_seconds = elapsed;
  if (stored) {
    live.state = RunState::kSucceeded;
    live.progress_fraction = 1.0;
    live.stage = "done";
    keep(run_id, std::move(artifacts));
  } else {
    live.state = RunState::kFailed;
    live.error = stored.error();
  }
  --running_;
  if (options_.logger != nullptr) {
    options_.logger->info("run " + std::to_string(run_id) + " of scenario " + scenario.name + ": " +
                          std::string(run_state_name(live.state)) +
                          (live.error ? " (" + live.error->to_string() + ")" : ""));
  }
}

void RunService::set_progress(std::int64_t run_id, double fraction, const std::string& stage) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& live = live_[run_id];
    live.progress_fraction = fraction;
    live.stage = stage;
  }
  std::lock_guard<std::mutex> store_lock(store_mutex_);
  (void)store_->update_progress(run_id, fraction, stage);
}

ServiceRun RunService::from_store(const io::RunRecord& record) const {
  ServiceRun run;
  run.id = record.id;
  run.scenario_id = record.scenario_id;
  run.scenario_name = record.scenario_name;
  run.progress_fraction = record.progress_fraction;
  run.stage = record.progress_stage;
  run.started_at = record.started_at;
  run.elapsed_seconds = record.elapsed_seconds;
  if (record.status == io::kRunOk) {
    run.state = RunState::kSucceeded;
    run.progress_fraction = 1.0;
  } else if (record.status == io::kRunRunning) {
    run.state = RunState::kRunning;
  } else {
    run.state = RunState::kFailed;
    run.error = core::Error{
        core::ErrorCode::kInternal,
        record.error_message.empty() ? "run status " + record.status : record.error_message,
        "see the server log; start the run again", ""};
  }
  return run;
}

core::Result<ServiceRun> RunService::run(std::int64_t id) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = live_.find(id);
    if (it != live_.end()) return it->second;
  }
  std::lock_guard<std::mutex> store_lock(store_mutex_);
  auto record = store_->get_run(id);
  if (!record) {
    return core::Error::not_found("no run " + std::to_string(id), std::to_string(id),
                                  "list the runs with GET /api/runs");
  }
  return from_store(*record);
}

core::Result<std::vector<ServiceRun>> RunService::list_runs() {
  core::Result<std::vector<io::RunRecord>> records = std::vector<io::RunRecord>{};
  {
    std::lock_guard<std::mutex> store_lock(store_mutex_);
    records = store_->list_runs();
  }
  if (!records) return records.error();
  std::vector<ServiceRun> out;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& r : *records) {
    auto it = live_.find(r.id);
    out.push_back(it != live_.end() ? it->second : from_store(r));
  }
  return out;
}

int RunService::running_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return running_;
}

std::shared_ptr<const RunArtifacts> RunService::in_memory(std::int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = artifacts_.find(id);
  if (it == artifacts_.end()) return nullptr;
  it->second.last_use = ++uses_;
  return it->second.artifacts;
}

void RunService::keep(std::int64_t id, std::shared_ptr<const RunArtifacts> artifacts) {
  artifacts_[id] = Kept{std::move(artifacts), ++uses_};
  while (artifacts_.size() > kRunsInMemory) {
    auto oldest = std::min_element(
        artifacts_.begin(), artifacts_.end(),
        [](const auto& a, const auto& b) { return a.second.last_use < b.second.last_use; });
    artifacts_.erase(oldest);
  }
}

core::Result<std::shared_ptr<const RunArtifacts>> RunService::results(std::int64_t id) {
  if (auto a = in_memory(id)) return a;
  auto found = run(id);
  if (!found) return found.error();
  if (found->state != RunState::kSucceeded) {
    return core::Error{core::ErrorCode::kConflict,
                       "run " + std::to_string(id) + " is " +
                           std::string(run_state_name(found->state)) + ", not succeeded",
                       "poll GET /api/runs/" + std::to_string(id) +
                           " until its state is succeeded, or start it again",
                       std::to_string(id)};
  }
  auto artifacts = std::make_shared<RunArtifacts>();
  {
    std::lock_guard<std::mutex> store_lock(store_mutex_);
    auto loaded = report::load_stored_run(*store_, id);
    if (!loaded) return loaded.error();
    artifacts->results = std::move(*loaded);
    for (auto name : {report::kSummaryFile, report::kSankeyFile, report::kReportFile}) {
      auto text = store_->read_file(id, std::string(name));
      if (text) artifacts->documents.files[std::string(name)] = std::move(*text);
    }
  }
  if (options_.logger != nullptr) {
    options_.logger->info("run " + std::to_string(id) + " loaded back from the store");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  keep(id, artifacts);
  return std::shared_ptr<const RunArtifacts>(std::move(artifacts));
}

core::Result<std::vector<io::TableInfo>> RunService::tables(std::int64_t run_id) {
  std::lock_guard<std::mutex> store_lock(store_mutex_);
  return store_->list_tables(run_id);
}

core::Result<std::vector<io::ResultRow>> RunService::read_table(std::int64_t run_id,
                                                                const std::string& name,
                                                                const io::TableFilter& filter) {
  std::lock_guard<std::mutex> store_lock(store_mutex_);
  return store_->read_table(run_id, name, filter);
}

core::Result<std::vector<io::StoredRecordTable>> RunService::record_tables(std::int64_t run_id) {
  std::lock_guard<std::mutex> store_lock(store_mutex_);
  return store_->read_record_tables(run_id);
}

core::Result<std::string> RunService::file(std::int64_t run_id, const std::string& name) {
  if (auto a = in_memory(run_id)) {
    auto it = a->documents.files.find(name);
    if (it != a->documents.files.end()) return it->second;
  }
  std::lock_guard<std::mutex> store_lock(store_mutex_);
  return store_->read_file(run_id, name);
}

}  // namespace urbanmine::engine
