// SPDX-License-Identifier: Apache-2.0
// RunService: scenarios and runs for a long-lived process (the HTTP server), over the SQLite store
// shared with the CLI (io::Store, WAL mode; ":memory:" when no file is given). Starts runs on
// their own threads with a cap on how many run at once, records progress in the store, renders
// and stores each finished run in one transaction (report/run_outputs.h) and keeps the results of
// the results of recent runs in memory for fast reads (this process's, and earlier processes'
// loaded back from the store on demand). The run itself is engine::run_scenario_text
// (engine/run.h); the service holds no model logic.
//
// Crash safety: a run is reported "succeeded" only after its transaction committed. A run that
// was still going when the process died is found "running" in the store at the next start and
// marked failed ("interrupted") there.
//
// Thread safety: every public method may be called from any thread (one store connection behind
// a mutex). The destructor waits for running runs to finish.
//
// Example:
//   auto service = RunService::open({.db_path = "urbanmine.db", .max_concurrent_runs = 2});
//   auto started = (*service)->start_run("baseline");  // started->accepted == false: at the cap
#pragma once

#include <cstdint>
#include <functional>
#include <map>
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
#include "io/store.h"

#include "report/run_outputs.h"

namespace urbanmine::engine {

// API states of a run (the store's statuses: running; ok; checks_failed and failed).
enum class RunState { kRunning, kSucceeded, kFailed };
std::string_view run_state_name(RunState state);

// The name under which the shipped baseline scenario (default_scenario_path()) is registered.
inline constexpr std::string_view kBaselineScenarioName = "baseline";

struct ServiceScenario {
  std::int64_t id = 0;
  std::string name;
  std::string text;  // scenario TOML (empty in lists)
  std::string created_at;
};

struct ServiceRun {
  std::int64_t id = 0;
  std::int64_t scenario_id = 0;
  std::string scenario_name;
  RunState state = RunState::kRunning;
  double progress_fraction = 0.0;
  std::string stage;
  std::string started_at;
  double elapsed_seconds = 0.0;
  std::optional<core::Error> error;
};

// The finished results of a run of this process, shared read-only with readers.
struct RunArtifacts {
  RunResults results;
  report::RunDocuments documents;  // summary.json, sankey.json, report.html
};

using RunFunction = std::function<core::Result<RunResults>(
    const std::string& toml_text, const std::string& source, const RunOptions& options)>;

struct RunServiceOptions {
  std::string db_path;  // empty = ":memory:" (nothing persists)
  int max_concurrent_runs = 2;
  std::string data_dir;  // passed to runs; empty = default_data_dir()
  core::Logger* logger = nullptr;
  RunFunction run;  // empty = engine::run_scenario_text
};

struct StartResult {
  bool accepted = false;  // false: max_concurrent_runs are already running
  std::int64_t run_id = 0;
  int running = 0;  // runs in progress when asked
};

class RunService {
 public:
  // Opens (creating and migrating) the store, registers the shipped baseline scenario under the
  // name "baseline" when it exists, and marks runs left "running" by a dead process as failed.
  static core::Result<std::unique_ptr<RunService>> open(RunServiceOptions options);
  ~RunService();
  RunService(const RunService&) = delete;
  RunService& operator=(const RunService&) = delete;

  // Stores a scenario (the same name and text are stored once). Empty name/text: InvalidInput.
  core::Result<ServiceScenario> create_scenario(const std::string& name,
                                                const std::string& toml_text);
  core::Result<std::vector<ServiceScenario>> list_scenarios();
  // By numeric id, or by name (the newest scenario of that name).
  core::Result<ServiceScenario> scenario(const std::string& id_or_name);

  // Starts a run of a scenario on its own thread. NotFound for an unknown scenario.
  core::Result<StartResult> start_run(const std::string& scenario_id_or_name);
  core::Result<ServiceRun> run(std::int64_t id);
  core::Result<std::vector<ServiceRun>> list_runs();
  int running_count() const;

  // The full results of a succeeded run: from memory, or loaded back from the store (runs of an
  // earlier process, or evicted ones; documents then hold summary.json, sankey.json and
  // report.html only). The last kRunsInMemory runs used stay in memory. kNotFound for an
  // unknown run, kConflict for a run that has not succeeded or was stored by an older urbanmine.
  core::Result<std::shared_ptr<const RunArtifacts>> results(std::int64_t id);
  static constexpr std::size_t kRunsInMemory = 8;

  // Store reads for any finished run (of this process or an earlier one).
  core::Result<std::vector<io::TableInfo>> tables(std::int64_t run_id);
  core::Result<std::vector<io::ResultRow>> read_table(std::int64_t run_id, const std::string& name,
                                                      const io::TableFilter& filter);
  core::Result<std::vector<io::StoredRecordTable>> record_tables(std::int64_t run_id);
  core::Result<std::string> file(std::int64_t run_id, const std::string& name);

 private:
  explicit RunService(RunServiceOptions options, std::unique_ptr<io::Store> store);
  void execute(std::int64_t run_id, ServiceScenario scenario);
  ServiceRun from_store(const io::RunRecord& record) const;
  void set_progress(std::int64_t run_id, double fraction, const std::string& stage);

  RunServiceOptions options_;
  mutable std::mutex store_mutex_;  // guards store_
  std::unique_ptr<io::Store> store_;
  mutable std::mutex mutex_;                 // guards everything below
  std::map<std::int64_t, ServiceRun> live_;  // runs of this process
  // Results in memory, with the use counter of their last use (the least recent is evicted).
  struct Kept {
    std::shared_ptr<const RunArtifacts> artifacts;
    std::uint64_t last_use = 0;
  };
  std::shared_ptr<const RunArtifacts> in_memory(std::int64_t id);  // nullptr when not; locks
  void keep(std::int64_t id, std::shared_ptr<const RunArtifacts> artifacts);  // mutex_ held
  std::map<std::int64_t, Kept> artifacts_;
  std::uint64_t uses_ = 0;
  std::vector<std::thread> threads_;
  int running_ = 0;
};

}  // namespace urbanmine::engine
