// SPDX-License-Identifier: Apache-2.0
// RunService: scenario registry, run threads with a concurrency cap, progress tracking.
#include "engine/service.h"

#include <chrono>
#include <ctime>
#include <exception>

namespace urbanmine::engine {

std::string_view run_state_name(RunState state) {
  switch (state) {
    case RunState::kQueued:
      return "queued";
    case RunState::kRunning:
      return "running";
    case RunState::kSucceeded:
      return "succeeded";
    case RunState::kFailed:
      return "failed";
  }
  return "failed";
}

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

RunService::RunService(RunServiceOptions options) : options_(std::move(options)) {}

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

core::Result<ScenarioRecord> RunService::create_scenario(const std::string& name,
                                                         const std::string& toml_text,
                                                         const std::string& id) {
  if (name.empty()) {
    return core::Error::invalid_input("the scenario has no name", "name",
                                      "give a short name such as \"baseline\"");
  }
  if (toml_text.empty()) {
    return core::Error::invalid_input("the scenario has no TOML text", "toml",
                                      "give the scenario.toml text (see examples/global.toml)");
  }
  std::lock_guard<std::mutex> lock(mutex_);
  ScenarioRecord record;
  record.id = id.empty() ? "s" + std::to_string(next_scenario_++) : id;
  for (const auto& s : scenarios_) {
    if (s.id == record.id) {
      return core::Error{core::ErrorCode::kConflict, "scenario '" + record.id + "' exists",
                         "choose another id", "id"};
    }
  }
  record.name = name;
  record.toml_text = toml_text;
  record.created_at = utc_now_iso8601();
  scenarios_.push_back(record);
  return record;
}

std::vector<ScenarioRecord> RunService::list_scenarios() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return scenarios_;
}

core::Result<ScenarioRecord> RunService::scenario(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& s : scenarios_) {
    if (s.id == id) return s;
  }
  return core::Error::not_found("no scenario '" + id + "'", id,
                                "list the scenarios with GET /api/scenarios");
}

core::Result<StartResult> RunService::start_run(const std::string& scenario_id) {
  auto found = scenario(scenario_id);
  if (!found) return found.error();
  std::lock_guard<std::mutex> lock(mutex_);
  StartResult result;
  result.running = running_;
  if (running_ >= options_.max_concurrent_runs) return result;
  auto record = std::make_shared<RunRecord>();
  record->id = "r" + std::to_string(next_run_++);
  record->scenario_id = scenario_id;
  record->created_at = utc_now_iso8601();
  runs_.push_back(record);
  ++running_;
  result.accepted = true;
  result.run_id = record->id;
  threads_.emplace_back([this, id = record->id, s = *found] { execute(id, s); });
  return result;
}

void RunService::execute(const std::string& run_id, const ScenarioRecord& scenario) {
  std::shared_ptr<RunRecord> record;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& r : runs_) {
      if (r->id == run_id) record = r;
    }
    record->state = RunState::kRunning;
  }
  RunOptions run_options;
  run_options.data_dir = options_.data_dir;
  run_options.logger = options_.logger;
  run_options.progress = [this, record](double fraction, std::string_view stage) {
    std::lock_guard<std::mutex> lock(mutex_);
    record->progress_fraction = fraction;
    record->stage = std::string(stage);
  };
  const auto start = std::chrono::steady_clock::now();
  core::Result<RunResults> results = core::Error::internal("the run did not start");
  try {
    results = options_.run(scenario.toml_text, "scenario " + scenario.id, run_options);
  } catch (const std::exception& e) {
    results = core::Error::internal(std::string("run threw: ") + e.what());
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  RunRecord finished;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    record->elapsed_seconds = elapsed;
    if (results) {
      record->results = std::make_shared<const RunResults>(std::move(*results));
    } else {
      record->error = results.error();
    }
    finished = *record;
  }
  core::Status stored;
  if (finished.results && options_.on_success) stored = options_.on_success(finished, scenario);
  std::lock_guard<std::mutex> lock(mutex_);
  if (finished.results && stored) {
    record->state = RunState::kSucceeded;
    record->progress_fraction = 1.0;
    record->stage = "done";
  } else {
    record->state = RunState::kFailed;
    if (!stored) record->error = stored.error();
    record->results.reset();
  }
  --running_;
  if (options_.logger != nullptr) {
    options_.logger->info("run " + run_id + " " + std::string(run_state_name(record->state)) +
                          (record->error ? ": " + record->error->to_string() : ""));
  }
}

core::Result<RunRecord> RunService::run(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& r : runs_) {
    if (r->id == id) return *r;
  }
  return core::Error::not_found("no run '" + id + "'", id, "list the runs with GET /api/runs");
}

std::vector<RunRecord> RunService::list_runs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<RunRecord> out;
  out.reserve(runs_.size());
  for (const auto& r : runs_) out.push_back(*r);
  return out;
}

void RunService::add_finished_run(RunRecord record) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Keep ids unique when runs come back from the store: continue after the largest "rN".
  if (record.id.size() > 1 && record.id[0] == 'r') {
    try {
      const std::uint64_t n = std::stoull(record.id.substr(1));
      if (n >= next_run_) next_run_ = n + 1;
    } catch (const std::exception&) {
    }
  }
  runs_.push_back(std::make_shared<RunRecord>(std::move(record)));
}

int RunService::running_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return running_;
}

}  // namespace urbanmine::engine
