// SPDX-License-Identifier: Apache-2.0
// Stores a run, reads a stored run back, and writes a run's output folder: renders every
// document (report/run_report.h), stores the run in SQLite and swaps the folder into place
// atomically.
#include "report/run_outputs.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <tuple>

#include <unistd.h>

#include "io/files.h"
#include "io/run_writers.h"

#include "results/registry.h"

namespace urbanmine::report {
namespace {

namespace fs = std::filesystem;

// Progress fractions of write_run_outputs' stages (rendering is quick, storing is the bulk).
constexpr double kProgressRendered = 0.2;
constexpr double kProgressWritten = 0.3;
constexpr double kProgressStored = 0.95;

// What an output folder written with an external database depends on (kCommitFile).
struct CommitMarker {
  std::string db;  // absolute path
  std::int64_t run_id = 0;
  std::string token;
  long pid = -1;
};

std::string commit_token() {
  std::random_device rd;
  return std::to_string(::getpid()) + "-" + std::to_string(rd()) + "-" + std::to_string(rd()) +
         "-" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
}

core::Status write_commit_marker(const fs::path& dir, const CommitMarker& m) {
  std::ofstream out(dir / kCommitFile, std::ios::binary | std::ios::trunc);
  out << "db=" << m.db << "\nrun_id=" << m.run_id << "\ntoken=" << m.token << "\npid=" << m.pid
      << "\n";
  out.close();
  if (!out) {
    return core::Error::io("cannot write the commit marker", (dir / kCommitFile).string(),
                           "check free disk space");
  }
  return {};
}

// nullopt when the folder has no (readable, complete) marker.
std::optional<CommitMarker> read_commit_marker(const fs::path& dir) {
  std::ifstream in(dir / kCommitFile, std::ios::binary);
  if (!in) return std::nullopt;
  CommitMarker m;
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq);
    const std::string value = line.substr(eq + 1);
    try {
      if (key == "db") m.db = value;
      if (key == "run_id") m.run_id = std::stoll(value);
      if (key == "token") m.token = value;
      if (key == "pid") m.pid = std::stol(value);
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  if (m.db.empty() || m.token.empty() || m.run_id <= 0 || m.pid <= 0) return std::nullopt;
  return m;
}

}  // namespace

core::Status recover_outputs(const std::string& out_dir) {
  std::error_code ec;
  if (const auto m = read_commit_marker(out_dir);
      m && !io::process_running(m->pid) && fs::exists(m->db, ec)) {
    auto store = io::Store::open(m->db);
    if (!store) return store.error();
    auto token = (*store)->read_file(m->run_id, std::string(kCommitFile));
    if (!token && token.error().code != core::ErrorCode::kNotFound) return token.error();
    if (!token || *token != m->token) {
      // Killed between the swap and the commit: the database never took this run.
      URBANMINE_TRY_STATUS(io::undo_replace(out_dir, m->pid));
    }
  }
  return io::recover_dir(out_dir);
}

core::Status store_results_into_run(io::Store& store, std::int64_t run_id, const RunResults& r,
                                    const RunDocuments& documents,
                                    const core::ProgressCallback& progress) {
  return store.transaction([&]() -> core::Status {
    for (std::size_t i = 0; i < r.tables.size(); ++i) {
      const auto& t = r.tables[i];
      URBANMINE_TRY_STATUS(
          store.put_result_table(run_id, t.name, t.value_column, t.description, t.values, true));
      if (progress) {
        progress(static_cast<double>(i + 1) / static_cast<double>(r.tables.size()),
                 "storing " + t.name);
      }
    }
    for (const auto& t : r.records) {
      URBANMINE_TRY_STATUS(store.put_record_table(run_id, t));
    }
    URBANMINE_TRY_STATUS(store.put_findings(run_id, r.findings));
    for (auto name : {kSummaryFile, kSankeyFile, kReportFile}) {
      const auto it = documents.files.find(std::string(name));
      if (it != documents.files.end()) {
        URBANMINE_TRY_STATUS(store.put_file(run_id, it->first, it->second));
      }
    }
    io::RunFinish finish;
    finish.status = r.balance_ok() ? io::kRunOk : io::kRunChecksFailed;
    finish.elapsed_seconds = r.meta.elapsed_seconds;
    finish.balance_ok = r.balance_ok();
    finish.first_year = r.meta.first_year;
    finish.last_year = r.meta.last_year;
    return store.finish_run(run_id, finish);
  });
}

core::Result<std::int64_t> store_run(io::Store& store, const RunResults& r,
                                     const std::string& scenario_text,
                                     const RunDocuments& documents,
                                     const core::ProgressCallback& progress) {
  std::int64_t run_id = 0;
  auto status = store.transaction([&]() -> core::Status {
    auto scenario_id =
        store.put_scenario(r.meta.scenario_name, r.meta.scenario_hash, scenario_text);
    if (!scenario_id) return scenario_id.error();
    io::NewRun run;
    run.scenario_id = *scenario_id;
    run.scenario_name = r.meta.scenario_name;
    run.scenario_hash = r.meta.scenario_hash;
    run.code_version = r.meta.code_version;
    run.first_year = r.meta.first_year;
    run.last_year = r.meta.last_year;
    run.seed = r.meta.seed;
    auto id = store.create_run(run);
    if (!id) return id.error();
    run_id = *id;
    return store_results_into_run(store, run_id, r, documents, progress);
  });
  if (!status) return status.error();
  return run_id;
}

core::Result<RunResults> load_stored_run(io::Store& store, std::int64_t run_id) {
  auto record = store.get_run(run_id);
  if (!record) return record.error();
  RunResults r;
  r.meta.scenario_name = record->scenario_name;
  r.meta.scenario_path = "stored run " + std::to_string(run_id);
  r.meta.scenario_hash = record->scenario_hash;
  r.meta.code_version = record->code_version;
  r.meta.first_year = record->first_year;
  r.meta.last_year = record->last_year;
  r.meta.seed = record->seed;
  r.meta.elapsed_seconds = record->elapsed_seconds;
  auto tables = store.read_table_values(run_id);
  if (!tables) return tables.error();
  r.tables = std::move(*tables);
  // Runs the server started before their years were stored at the end have them only in
  // their tables.
  if (r.meta.first_year == 0 || r.meta.last_year == 0) {
    std::set<int> years;
    for (const auto& t : r.tables) {
      const auto d = t.values.dim_index(std::string(results::kDimYear));
      if (!d) continue;
      for (const auto& item : t.values.dims()[*d].items()) years.insert(std::stoi(item));
    }
    if (!years.empty()) {
      r.meta.first_year = *years.begin();
      r.meta.last_year = *years.rbegin();
    }
  }
  auto records = store.read_records(run_id);
  if (!records) return records.error();
  r.records = std::move(*records);
  auto findings = store.read_findings(run_id);
  if (!findings) return findings.error();
  r.findings = std::move(*findings);
  return r;
}

namespace {

core::Status write_documents(const fs::path& dir, const RunDocuments& docs) {
  for (const auto& [name, content] : docs.files) {
    const fs::path path = dir / name;
    if (path.parent_path() != dir) {  // aggregates/<table>.csv
      std::error_code ec;
      fs::create_directories(path.parent_path(), ec);
      if (ec) {
        return core::Error::io("cannot create output folder: " + ec.message(),
                               path.parent_path().string(),
                               "check free disk space and permissions");
      }
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) {
      return core::Error::io("cannot write output file", path.string(),
                             "check free disk space and permissions");
    }
  }
  return {};
}

}  // namespace

std::string workspace_db_path(const std::string& out_dir) {
  std::error_code ec;
  fs::path target = fs::absolute(out_dir, ec).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  return (target.parent_path() / kDefaultDbFile).string();
}

core::Result<WrittenOutputs> write_run_outputs(const RunResults& r, const OutputOptions& options) {
  if (options.out_dir.empty()) {
    return core::Error::invalid_input("no output folder given", "--out", "pass --out DIR");
  }
  const auto report = [&](double fraction, std::string_view stage) {
    if (options.progress) options.progress(fraction, stage);
  };
  report(0.0, "rendering outputs");
  auto docs = render_run_outputs(r, options.render);
  if (!docs) return docs.error();
  report(kProgressRendered, "writing files");

  std::error_code ec;
  const fs::path target = fs::absolute(options.out_dir, ec).lexically_normal();
  fs::path target_clean = target;
  if (target_clean.filename().empty()) target_clean = target_clean.parent_path();
  if (fs::exists(target_clean, ec) && !fs::is_directory(target_clean, ec)) {
    return core::Error::invalid_input("the output path exists and is not a folder",
                                      target_clean.string(), "pass a folder to --out");
  }
  // Replacing a folder deletes what was in it: only an earlier output folder (it has a
  // summary.json) or an empty one may be replaced, never the current folder or one above it.
  const fs::path cwd = fs::current_path(ec).lexically_normal();
  const auto [cwd_end, target_end] =
      std::mismatch(cwd.begin(), cwd.end(), target_clean.begin(), target_clean.end());
  if (target_end == target_clean.end() || target_clean == target_clean.root_path()) {
    return core::Error::invalid_input(
        "the output folder contains the current folder and would be replaced",
        target_clean.string(), "pass a new folder to --out, e.g. --out out/baseline");
  }
  (void)cwd_end;
  // A run killed mid-replace left the previous folder aside or temporaries beside it.
  URBANMINE_TRY_STATUS(recover_outputs(target_clean.string()));
  if (fs::is_directory(target_clean, ec) && !fs::is_empty(target_clean, ec) &&
      !fs::exists(target_clean / kSummaryFile, ec)) {
    return core::Error::invalid_input(
        "the output folder exists and is not an urbanmine output folder (it has no " +
            std::string(kSummaryFile) + "); it would be replaced",
        target_clean.string(), "pass a new or empty folder to --out");
  }
  // The default database is the workspace's: urbanmine.db beside the output folder, so the runs
  // made into sibling folders (out/baseline, out/eu_circular) are stored together and compared by
  // id without set-up. A folder written by an earlier version keeps the database it holds.
  // A database given inside the output folder is carried over with the folder.
  fs::path db_name(kDefaultDbFile);
  std::string db_path = options.db_path;
  if (db_path.empty()) {
    db_path = fs::exists(target_clean / db_name, ec) ? (target_clean / db_name).string()
                                                     : workspace_db_path(target_clean.string());
  }
  bool internal_db = false;
  {
    const fs::path db = fs::absolute(db_path, ec).lexically_normal();
    const auto [db_end, dir_end] =
        std::mismatch(target_clean.begin(), target_clean.end(), db.begin(), db.end());
    (void)dir_end;
    if (db_end == target_clean.end()) {
      if (db.parent_path() != target_clean) {
        return core::Error::invalid_input("the database is in a subfolder of the output folder",
                                          db_path, "put --db directly in --out, or outside it");
      }
      internal_db = true;
      db_name = db.filename();
    }
  }
  io::DirOwnership owned;
  owned.legacy_names = {std::string(kSummaryFile), std::string(kSankeyFile),
                        std::string(kReportFile)};
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    owned.legacy_names.push_back(db_name.string() + suffix);
  }
  // A folder from before the manifest: only the CSV names a run writes are the tool's (any
  // other .csv, e.g. the user's own budget.csv, is foreign and never deleted; issue 19).
  for (const auto* spec : results::run_table_specs()) {
    owned.legacy_names.push_back(std::string(spec->name) + ".csv");
  }
  for (const auto* spec : results::run_record_specs()) {
    owned.legacy_names.push_back(std::string(spec->name) + ".csv");
  }
  URBANMINE_TRY_STATUS(io::check_no_foreign_entries(target_clean.string(), owned));
  const fs::path parent = target_clean.parent_path();
  fs::create_directories(parent, ec);
  if (ec) {
    return core::Error::io("cannot create the output folder's parent: " + ec.message(),
                           parent.string(), "check permissions");
  }
  const fs::path staged = io::staging_dir_for(target_clean.string());
  fs::create_directory(staged, ec);
  if (ec) {
    return core::Error::io("cannot create a temporary output folder: " + ec.message(),
                           staged.string(), "check permissions on the output folder's parent");
  }
  WrittenOutputs written;
  auto fail = [&](core::Error e) -> core::Result<WrittenOutputs> {
    std::error_code ignored;
    fs::remove_all(staged, ignored);
    return e;
  };
  if (auto st = write_documents(staged, *docs); !st) return fail(st.error());
  report(kProgressWritten, "storing the run");
  const core::ProgressCallback storing = [&](double fraction, std::string_view stage) {
    report(kProgressWritten + (kProgressStored - kProgressWritten) * fraction, stage);
  };

  if (internal_db) {
    // The database inside the output folder keeps the earlier runs stored there.
    const fs::path old_db = target_clean / db_name;
    for (const char* suffix : {"", "-wal"}) {
      const fs::path from = old_db.string() + suffix;
      if (fs::exists(from, ec)) {
        fs::copy_file(from, (staged / db_name).string() + suffix, ec);
        if (ec) {
          return fail(
              core::Error::io("cannot copy the previous database: " + ec.message(), from.string()));
        }
      }
    }
    auto store = io::Store::open((staged / db_name).string());
    if (!store) return fail(store.error());
    auto id = store_run(**store, r, options.scenario_text, *docs, storing);
    if (!id) return fail(id.error());
    written.run_id = *id;
    report(kProgressStored, "closing the database");
    store->reset();  // closes the database (and folds its WAL back) before the rename
    if (auto st = io::replace_dir(staged.string(), target_clean.string(), owned); !st) {
      return fail(st.error());
    }
    written.db_path = (target_clean / db_name).string();
  } else {
    auto store = io::Store::open(db_path);
    if (!store) return fail(store.error());
    // The run is committed only once the outputs are in place, and the previous folder is kept
    // until then: a failed commit puts it back, and so does the next run after a kill
    // (recover_outputs, by the marker), so both exist or neither.
    CommitMarker marker;
    marker.db = fs::absolute(db_path, ec).lexically_normal().string();
    marker.token = commit_token();
    marker.pid = ::getpid();
    std::optional<std::string> previous;
    auto st = (*store)->transaction([&]() -> core::Status {
      auto id = store_run(**store, r, options.scenario_text, *docs, storing);
      if (!id) return id.error();
      written.run_id = *id;
      marker.run_id = *id;
      URBANMINE_TRY_STATUS((*store)->put_file(*id, std::string(kCommitFile), marker.token));
      URBANMINE_TRY_STATUS(write_commit_marker(staged, marker));
      auto kept = io::replace_dir_keeping_previous(staged.string(), target_clean.string(), owned);
      if (!kept) return kept.error();
      previous = *kept;
      return {};
    });
    if (!st) {
      if (previous) (void)io::undo_replace(target_clean.string(), marker.pid);
      return fail(st.error());
    }
    io::fault_point("replace:committed");
    if (previous && !previous->empty()) fs::remove_all(*previous, ec);
    written.db_path = db_path;
  }
  report(1.0, "done");
  written.out_dir = target_clean.string();
  written.report_path = (target_clean / kReportFile).string();
  written.summary_path = (target_clean / kSummaryFile).string();
  for (const auto& [name, content] : docs->files) written.files.push_back(name);
  if (internal_db) written.files.push_back(db_name.string());
  std::sort(written.files.begin(), written.files.end());
  return written;
}

}  // namespace urbanmine::report
