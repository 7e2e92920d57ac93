// SPDX-License-Identifier: Apache-2.0
// RunService: scenarios and runs for a long-lived process (the HTTP server). Keeps scenarios
// (name + TOML text), starts runs on their own threads with a cap on how many run at once,
// tracks each run's state and progress, and keeps finished results for reading. The run itself
// is engine::run_scenario_text (engine/run.h), passed in as `run` so that the service holds no
// model logic of its own.
//
// Thread safety: every public method may be called from any thread. The destructor waits for
// running runs to finish.
//
// Example:
//   RunService service({.max_concurrent_runs = 2, .run = engine::run_scenario_text});
//   auto scenario = service.create_scenario("baseline", toml_text);
//   auto started = service.start_run(scenario->id);   // started->accepted == false: at the cap
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/error.h"
#include "core/logger.h"
#include "core/result.h"
#include "engine/run.h"
#include "engine/run_results.h"

namespace urbanmine::engine {

// Stored as text (run_state_name); never rename.
enum class RunState { kQueued, kRunning, kSucceeded, kFailed };
std::string_view run_state_name(RunState state);

struct ScenarioRecord {
  std::string id;    // "s1", "s2", ... (or the name given to a shipped scenario)
  std::string name;  // for people
  std::string toml_text;
  std::string created_at;  // ISO 8601 UTC
};

struct RunRecord {
  std::string id;  // "r1", "r2", ...
  std::string scenario_id;
  RunState state = RunState::kQueued;
  double progress_fraction = 0.0;  // 0..1
  std::string stage;               // last progress label
  std::optional<core::Error> error;
  std::string created_at;  // ISO 8601 UTC
  double elapsed_seconds = 0.0;
  std::shared_ptr<const RunResults> results;  // set when state == kSucceeded
};

using RunFunction = std::function<core::Result<RunResults>(
    const std::string& toml_text, const std::string& source, const RunOptions& options)>;

struct RunServiceOptions {
  int max_concurrent_runs = 2;
  RunFunction run;       // required
  std::string data_dir;  // passed to the run; empty = default_data_dir()
  core::Logger* logger = nullptr;
  // Called on the run's thread after a run succeeds, before it is reported succeeded (e.g. to
  // store it). An error fails the run.
  std::function<core::Status(const RunRecord&, const ScenarioRecord&)> on_success;
};

struct StartResult {
  bool accepted = false;  // false: max_concurrent_runs are already running
  std::string run_id;     // set when accepted
  int running = 0;        // runs in progress when asked
};

class RunService {
 public:
  explicit RunService(RunServiceOptions options);
  ~RunService();
  RunService(const RunService&) = delete;
  RunService& operator=(const RunService&) = delete;

  // Adds a scenario. An empty name or TOML text is invalid input. `id` empty = next "sN".
  core::Result<ScenarioRecord> create_scenario(const std::string& name,
                                               const std::string& toml_text,
                                               const std::string& id = {});
  std::vector<ScenarioRecord> list_scenarios() const;
  core::Result<ScenarioRecord> scenario(const std::string& id) const;

  // Starts a run of a scenario on its own thread. NotFound for an unknown scenario.
  core::Result<StartResult> start_run(const std::string& scenario_id);
  core::Result<RunRecord> run(const std::string& id) const;
  std::vector<RunRecord> list_runs() const;
  // Adds an already finished run (e.g. loaded from the store at start-up).
  void add_finished_run(RunRecord record);
  int running_count() const;

 private:
  void execute(const std::string& run_id, const ScenarioRecord& scenario);

  RunServiceOptions options_;
  mutable std::mutex mutex_;
  std::vector<ScenarioRecord> scenarios_;
  std::vector<std::shared_ptr<RunRecord>> runs_;
  std::vector<std::thread> threads_;
  std::uint64_t next_scenario_ = 1;
  std::uint64_t next_run_ = 1;
  int running_ = 0;
};

// Current UTC time as "2026-11-26T08:30:00Z".
std::string utc_now_iso8601();

}  // namespace urbanmine::engine
