// SPDX-License-Identifier: Apache-2.0
// SQLite store: connection set-up, migrations and the typed reads and writes of io/store.h.
#include "io/store.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <set>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "io/run_writers.h"

namespace urbanmine::io {
namespace {

constexpr int kBusyTimeoutMs = 5000;
const std::set<std::string> kColumnDims = {"region",  "segment", "chemistry",
                                           "element", "route",   "year"};

core::Error db_error(sqlite3* db, const std::string& what, const std::string& location) {
  return core::Error::io(what + ": " + (db != nullptr ? sqlite3_errmsg(db) : "out of memory"),
                         location, "check that the database file is writable and not corrupt");
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return rc_ == SQLITE_OK; }
  void bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void bind(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind_int(int i, int v) { sqlite3_bind_int(stmt_, i, v); }
  void bind_null(int i) { sqlite3_bind_null(stmt_, i); }
  void bind_blob(int i, const std::string& bytes) {
    sqlite3_bind_blob(stmt_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(stmt_); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string text(int c) const {
    const auto* p = sqlite3_column_text(stmt_, c);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
  }
  double real(int c) const { return sqlite3_column_double(stmt_, c); }
  std::int64_t int64(int c) const { return sqlite3_column_int64(stmt_, c); }
  bool is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  std::string_view blob(int c) const {
    const void* p = sqlite3_column_blob(stmt_, c);
    const int n = sqlite3_column_bytes(stmt_, c);
    return p == nullptr
               ? std::string_view()
               : std::string_view(static_cast<const char*>(p), static_cast<std::size_t>(n));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  int rc_ = SQLITE_OK;
};

RunRecord read_run_row(const Statement& st) {
  RunRecord r;
  r.id = st.int64(0);
  r.scenario_id = st.is_null(1) ? 0 : st.int64(1);
  r.scenario_name = st.text(2);
  r.scenario_hash = st.text(3);
  r.code_version = st.text(4);
  r.status = st.text(5);
  r.progress_fraction = st.real(6);
  r.progress_stage = st.text(7);
  r.started_at = st.text(8);
  r.finished_at = st.text(9);
  r.elapsed_seconds = st.real(10);
  r.error_message = st.text(11);
  r.first_year = static_cast<int>(st.int64(12));
  r.last_year = static_cast<int>(st.int64(13));
  r.seed = static_cast<std::uint64_t>(st.int64(14));
  r.balance_ok = st.int64(15) != 0;
  return r;
}

// Packed cells of a result table (result_tables.cells): for each stored cell, its row-major flat
// index as a little-endian uint32 and its value as a little-endian IEEE-754 binary64.
constexpr std::size_t kCellBytes = 12;

void put_le(std::string& out, std::uint64_t v, int bytes) {
  for (int b = 0; b < bytes; ++b) out += static_cast<char>((v >> (8 * b)) & 0xFFU);
}

std::uint64_t get_le(const char* p, int bytes) {
  std::uint64_t v = 0;
  for (int b = 0; b < bytes; ++b) {
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[b])) << (8 * b);
  }
  return v;
}

std::vector<std::string> string_array(const std::string& json_text) {
  std::vector<std::string> out;
  const auto j = nlohmann::json::parse(json_text, nullptr, false);
  if (j.is_array()) {
    for (const auto& v : j) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

constexpr const char* kRunColumns =
    "id, scenario_id, scenario_name, scenario_hash, code_version, status, progress_fraction, "
    "progress_stage, started_at, finished_at, elapsed_seconds, error_message, first_year, "
    "last_year, seed, balance_ok";

}  // namespace

core::Result<std::unique_ptr<Store>> Store::open_unmigrated(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    core::Error e = db_error(db, "cannot open database", path);
    sqlite3_close(db);
    return e;
  }
  std::unique_ptr<Store> store(new Store(db, path));
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  if (path != ":memory:") URBANMINE_TRY_STATUS(store->exec("PRAGMA journal_mode=WAL"));
  URBANMINE_TRY_STATUS(store->exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL"));
  URBANMINE_TRY_STATUS(store->exec(
      "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at TEXT NOT NULL)"));
  return store;
}

core::Result<std::unique_ptr<Store>> Store::open(const std::string& path) {
  auto store = open_unmigrated(path);
  if (!store) return store.error();
  auto applied = (*store)->migrate();
  if (!applied) return applied.error();
  return store;
}

Store::~Store() { sqlite3_close(db_); }

core::Status Store::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    return core::Error::io("database statement failed: " + text, path_,
                           "check that the database file is writable and not corrupt");
  }
  return {};
}

core::Status Store::transaction(const std::function<core::Status()>& body) {
  if (transaction_depth_ > 0) return body();
  URBANMINE_TRY_STATUS(exec("BEGIN IMMEDIATE"));
  ++transaction_depth_;
  core::Status result = body();
  --transaction_depth_;
  if (!result) {
    (void)exec("ROLLBACK");
    return result;
  }
  auto committed = exec("COMMIT");
  if (!committed) {
    (void)exec("ROLLBACK");
    return committed;
  }
  return {};
}

core::Result<int> Store::schema_version() {
  Statement st(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!st.ok() || st.step() != SQLITE_ROW)
    return db_error(db_, "cannot read schema version", path_);
  return static_cast<int>(st.int64(0));
}

core::Result<int> Store::migrate() {
  auto current = schema_version();
  if (!current) return current.error();
  const auto& migrations = store_migrations();
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (*current > latest) {
    return core::Error{core::ErrorCode::kConflict,
                       "database schema version " + std::to_string(*current) +
                           " is newer than this program knows (" + std::to_string(latest) + ")",
                       "use a newer urbanmine", path_};
  }
  int applied = 0;
  for (const auto& m : migrations) {
    if (m.version <= *current) continue;
    auto status = transaction([&]() -> core::Status {
      URBANMINE_TRY_STATUS(exec(m.sql));
      Statement st(db_, "INSERT INTO schema_version (version, name, applied_at) VALUES (?,?,?)");
      st.bind_int(1, m.version);
      st.bind(2, m.name);
      st.bind(3, utc_now());
      if (st.step() != SQLITE_DONE) return db_error(db_, "cannot record migration", path_);
      return {};
    });
    if (!status) return status.error();
    ++applied;
  }
  return applied;
}

core::Result<std::int64_t> Store::put_scenario(const std::string& name, const std::string& hash,
                                               const std::string& text) {
  std::int64_t id = 0;
  auto status = transaction([&]() -> core::Status {
    Statement find(db_, "SELECT id FROM scenarios WHERE name = ? AND hash = ?");
    find.bind(1, name);
    find.bind(2, hash);
    if (find.step() == SQLITE_ROW) {
      id = find.int64(0);
      return {};
    }
    Statement ins(db_, "INSERT INTO scenarios (name, hash, text, created_at) VALUES (?,?,?,?)");
    ins.bind(1, name);
    ins.bind(2, hash);
    ins.bind(3, text);
    ins.bind(4, utc_now());
    if (ins.step() != SQLITE_DONE) return db_error(db_, "cannot store scenario", path_);
    id = sqlite3_last_insert_rowid(db_);
    return {};
  });
  if (!status) return status.error();
  return id;
}

core::Result<ScenarioRecord> Store::get_scenario(std::int64_t id) {
  Statement st(db_, "SELECT id, name, hash, text, created_at FROM scenarios WHERE id = ?");
  st.bind(1, id);
  const int rc = st.step();
  if (rc == SQLITE_DONE) {
    return core::Error::not_found("no scenario with id " + std::to_string(id), path_,
                                  "list scenarios to see the ids");
  }
  if (rc != SQLITE_ROW) return db_error(db_, "cannot read scenario", path_);
  return ScenarioRecord{st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4)};
}

core::Result<std::vector<ScenarioRecord>> Store::list_scenarios() {
  Statement st(db_, "SELECT id, name, hash, created_at FROM scenarios ORDER BY id DESC");
  std::vector<ScenarioRecord> out;
  int rc = 0;
  while ((rc = st.step()) == SQLITE_ROW) {
    out.push_back(ScenarioRecord{st.int64(0), st.text(1), st.text(2), {}, st.text(3)});
  }
  if (rc != SQLITE_DONE) return db_error(db_, "cannot list scenarios", path_);
  return out;
}

core::Result<std::int64_t> Store::create_run(const NewRun& run) {
  std::int64_t id = 0;
  auto status = transaction([&]() -> core::Status {
    Statement st(db_,
                 "INSERT INTO runs (scenario_id, scenario_name, scenario_hash, code_version, "
                 "status, started_at, first_year, last_year, seed) VALUES (?,?,?,?,?,?,?,?,?)");
    if (run.scenario_id > 0) {
      st.bind(1, run.scenario_id);
    } else {
      st.bind_null(1);
    }
    st.bind(2, run.scenario_name);
    st.bind(3, run.scenario_hash);
    st.bind(4, run.code_version);
    st.bind(5, run.status);
    st.bind(6, utc_now());
    st.bind_int(7, run.first_year);
    st.bind_int(8, run.last_year);
    st.bind(9, static_cast<std::int64_t>(run.seed));
    if (st.step() != SQLITE_DONE) return db_error(db_, "cannot create run", path_);
    id = sqlite3_last_insert_rowid(db_);
    return {};
  });
  if (!status) return status.error();
  return id;
}

core::Status Store::update_progress(std::int64_t run_id, double fraction,
                                    const std::string& stage) {
  return transaction([&]() -> core::Status {
    Statement st(db_, "UPDATE runs SET progress_fraction = ?, progress_stage = ? WHERE id = ?");
    st.bind(1, fraction);
    st.bind(2, stage);
    st.bind(3, run_id);
    if (st.step() != SQLITE_DONE) return db_error(db_, "cannot update run progress", path_);
    if (sqlite3_changes(db_) == 0) {
      return core::Error::not_found("no run with id " + std::to_string(run_id), path_);
    }
    return {};
  });
}

core::Status Store::finish_run(std::int64_t run_id, const RunFinish& finish) {
  return transaction([&]() -> core::Status {
    Statement st(db_,
                 "UPDATE runs SET status = ?, finished_at = ?, elapsed_seconds = ?, "
                 "error_message = ?, balance_ok = ?, progress_fraction = 1, first_year = "
                 "CASE WHEN ? > 0 THEN ? ELSE first_year END, last_year = CASE WHEN ? > 0 THEN "
                 "? ELSE last_year END WHERE id = ?");
    st.bind(1, finish.status);
    st.bind(2, utc_now());
    st.bind(3, finish.elapsed_seconds);
    st.bind(4, finish.error_message);
    st.bind_int(5, finish.balance_ok ? 1 : 0);
    st.bind_int(6, finish.first_year);
    st.bind_int(7, finish.first_year);
    st.bind_int(8, finish.last_year);
    st.bind_int(9, finish.last_year);
    st.bind(10, run_id);
    if (st.step() != SQLITE_DONE) return db_error(db_, "cannot finish run", path_);
    if (sqlite3_changes(db_) == 0) {
      return core::Error::not_found("no run with id " + std::to_string(run_id), path_);
    }
    return {};
  });
}

core::Result<RunRecord> Store::get_run(std::int64_t run_id) {
  Statement st(db_, std::string("SELECT ") + kRunColumns + " FROM runs WHERE id = ?");
  st.bind(1, run_id);
  const int rc = st.step();
  if (rc == SQLITE_DONE) {
    return core::Error::not_found("no run with id " + std::to_string(run_id), path_,
                                  "list runs to see the ids");
  }
  if (rc != SQLITE_ROW) return db_error(db_, "cannot read run", path_);
  return read_run_row(st);
}

core::Result<std::vector<RunRecord>> Store::list_runs(int limit) {
  std::string sql = std::string("SELECT ") + kRunColumns + " FROM runs ORDER BY id DESC";
  if (limit > 0) sql += " LIMIT " + std::to_string(limit);
  Statement st(db_, sql);
  std::vector<RunRecord> out;
  int rc = 0;
  while ((rc = st.step()) == SQLITE_ROW) out.push_back(read_run_row(st));
  if (rc != SQLITE_DONE) return db_error(db_, "cannot list runs", path_);
  return out;
}

core::Status Store::put_result_table(std::int64_t run_id, const std::string& name,
                                     const std::string& value_column,
                                     const std::string& description, const core::DimArray& values,
                                     bool skip_zero_rows) {
  const auto& dims = values.dims();
  const auto data = values.data();
  if (data.size() > 0xFFFFFFFFULL) {
    return core::Error::internal("table " + name + " has more cells than the store can index");
  }
  nlohmann::json dim_names = nlohmann::json::array();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : dims) {
    dim_names.push_back(d.name());
    items.push_back(d.items());
  }
  std::string cells;
  cells.reserve(data.size() * kCellBytes);
  std::int64_t row_count = 0;
  for (std::size_t flat = 0; flat < data.size(); ++flat) {
    if (skip_zero_rows && data[flat] == 0.0) continue;
    put_le(cells, flat, 4);
    std::uint64_t bits = 0;
    static_assert(sizeof(bits) == sizeof(double));
    std::memcpy(&bits, &data[flat], sizeof(bits));
    put_le(cells, bits, 8);
    ++row_count;
  }
  return transaction([&]() -> core::Status {
    Statement head(db_,
                   "INSERT INTO result_tables (run_id, name, value_column, description, "
                   "dims_json, items_json, cells, row_count) VALUES (?,?,?,?,?,?,?,?)");
    head.bind(1, run_id);
    head.bind(2, name);
    head.bind(3, value_column);
    head.bind(4, description);
    head.bind(5, dim_names.dump());
    head.bind(6, items.dump());
    head.bind_blob(7, cells);
    head.bind(8, row_count);
    if (head.step() != SQLITE_DONE) return db_error(db_, "cannot store table " + name, path_);
    return {};
  });
}

core::Result<std::vector<TableInfo>> Store::list_tables(std::int64_t run_id) {
  Statement st(db_,
               "SELECT t.name, t.value_column, t.description, t.dims_json, "
               "COALESCE(t.row_count, (SELECT COUNT(*) FROM result_rows r WHERE r.run_id = "
               "t.run_id AND r.table_name = t.name)) FROM result_tables t WHERE t.run_id = ? "
               "ORDER BY t.rowid");
  st.bind(1, run_id);
  std::vector<TableInfo> out;
  int rc = 0;
  while ((rc = st.step()) == SQLITE_ROW) {
    out.push_back(
        TableInfo{st.text(0), st.text(1), st.text(2), string_array(st.text(3)), st.int64(4)});
  }
  if (rc != SQLITE_DONE) return db_error(db_, "cannot list tables", path_);
  return out;
}

namespace {

// Rows of a table stored by schema version 1 (one result_rows row per cell). `wanted` holds only
// dimensions the table has.
core::Result<std::vector<ResultRow>> read_row_table(
    sqlite3* db, const std::string& path, std::int64_t run_id, const std::string& name,
    const std::map<std::string, std::string>& wanted) {
  std::string sql =
      "SELECT region, segment, chemistry, element, route, year, other_dims_json, value FROM "
      "result_rows WHERE run_id = ? AND table_name = ?";
  std::vector<std::pair<std::string, std::string>> column_filters;
  std::map<std::string, std::string> other_filters;
  for (const auto& [dim, item] : wanted) {
    if (kColumnDims.count(dim)) {
      sql += " AND " + dim + " = ?";
      column_filters.emplace_back(dim, item);
    } else {
      other_filters[dim] = item;
    }
  }
  sql += " ORDER BY rowid";
  Statement st(db, sql);
  st.bind(1, run_id);
  st.bind(2, name);
  int bind_index = 3;
  for (const auto& [dim, item] : column_filters) {
    if (dim == "year") {
      st.bind(bind_index++, static_cast<std::int64_t>(std::strtoll(item.c_str(), nullptr, 10)));
    } else {
      st.bind(bind_index++, item);
    }
  }
  static const std::vector<std::string> kCols = {"region",  "segment", "chemistry",
                                                 "element", "route",   "year"};
  std::vector<ResultRow> out;
  int rc = 0;
  while ((rc = st.step()) == SQLITE_ROW) {
    ResultRow r;
    for (std::size_t c = 0; c < kCols.size(); ++c) {
      if (!st.is_null(static_cast<int>(c))) r.coords[kCols[c]] = st.text(static_cast<int>(c));
    }
    if (!st.is_null(6)) {
      const auto other = nlohmann::json::parse(st.text(6), nullptr, false);
      if (other.is_object()) {
        for (const auto& [k, v] : other.items()) r.coords[k] = v.get<std::string>();
      }
    }
    bool keep = true;
    for (const auto& [dim, item] : other_filters) {
      auto it = r.coords.find(dim);
      keep = keep && it != r.coords.end() && it->second == item;
    }
    r.value = st.real(7);
    if (keep) out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return db_error(db, "cannot read table " + name, path);
  return out;
}

// A packed table's items (from items_json) and a walk over its cells (schema version 2).
struct PackedTable {
  std::vector<std::vector<std::string>> items;  // per dimension
  std::uint64_t total = 1;                      // cells of the dense array

  // Calls visit(flat index, value) for each stored cell, in stored order.
  template <typename Visit>
  core::Status each_cell(std::string_view cells, const core::Error& corrupt, Visit visit) const {
    if (cells.size() % kCellBytes != 0) return corrupt;
    for (std::size_t at = 0; at < cells.size(); at += kCellBytes) {
      const std::uint64_t flat = get_le(cells.data() + at, 4);
      if (flat >= total) return corrupt;
      const std::uint64_t bits = get_le(cells.data() + at + 4, 8);
      double value = 0.0;
      std::memcpy(&value, &bits, sizeof(value));
      visit(flat, value);
    }
    return {};
  }
};

core::Error corrupt_table(const std::string& path, const std::string& name,
                          const std::string& what) {
  return core::Error::io("stored table " + name + " is corrupt: " + what, path,
                         "re-run the scenario into a new database");
}

core::Result<PackedTable> parse_packed_items(const std::string& path, const std::string& name,
                                             const std::vector<std::string>& dims,
                                             const std::string& items_json) {
  const auto items = nlohmann::json::parse(items_json, nullptr, false);
  if (!items.is_array() || items.size() != dims.size()) {
    return corrupt_table(path, name, "items do not match dims");
  }
  PackedTable table;
  table.items.resize(dims.size());
  for (std::size_t d = 0; d < dims.size(); ++d) {
    if (!items[d].is_array())
      return corrupt_table(path, name, "items of " + dims[d] + " are not a list");
    std::set<std::string> seen;
    for (const auto& v : items[d]) {
      if (!v.is_string())
        return corrupt_table(path, name, "an item of " + dims[d] + " is not text");
      if (!seen.insert(v.get<std::string>()).second) {
        return corrupt_table(path, name, "an item of " + dims[d] + " is repeated");
      }
      table.items[d].push_back(v.get<std::string>());
    }
    table.total *= table.items[d].size();
  }
  return table;
}

// Rows of a packed table, filtered by `wanted` (dimensions the table has).
core::Result<std::vector<ResultRow>> read_packed_table(
    const std::string& path, const std::string& name, const std::vector<std::string>& dims,
    const std::string& items_json, std::string_view cells,
    const std::map<std::string, std::string>& wanted) {
  auto table = parse_packed_items(path, name, dims, items_json);
  if (!table) return table.error();
  const auto& items = table->items;
  // The wanted item index of each filtered dimension (-1: any).
  std::vector<std::ptrdiff_t> want(dims.size(), -1);
  for (const auto& [dim, item] : wanted) {
    const auto d =
        static_cast<std::size_t>(std::find(dims.begin(), dims.end(), dim) - dims.begin());
    const auto it = std::find(items[d].begin(), items[d].end(), item);
    if (it == items[d].end()) return std::vector<ResultRow>{};  // no such item: no rows
    want[d] = it - items[d].begin();
  }
  std::vector<ResultRow> out;
  std::vector<std::size_t> index(dims.size(), 0);
  auto status = table->each_cell(
      cells, corrupt_table(path, name, "cells are not whole or out of range"),
      [&](std::uint64_t flat, double value) {
        bool keep = true;
        for (std::size_t d = dims.size(); d-- > 0;) {
          index[d] = static_cast<std::size_t>(flat % items[d].size());
          flat /= items[d].size();
          keep = keep && (want[d] < 0 || static_cast<std::size_t>(want[d]) == index[d]);
        }
        if (!keep) return;
        ResultRow r;
        for (std::size_t d = 0; d < dims.size(); ++d) r.coords[dims[d]] = items[d][index[d]];
        r.value = value;
        out.push_back(std::move(r));
      });
  if (!status) return status.error();
  return out;
}

}  // namespace

core::Result<std::vector<ResultRow>> Store::read_table(std::int64_t run_id, const std::string& name,
                                                       const TableFilter& filter) {
  Statement head(db_,
                 "SELECT dims_json, items_json, cells FROM result_tables WHERE run_id = ? AND "
                 "name = ?");
  head.bind(1, run_id);
  head.bind(2, name);
  const int hrc = head.step();
  if (hrc == SQLITE_DONE) {
    return core::Error::not_found("run " + std::to_string(run_id) + " has no table " + name, path_,
                                  "list the run's tables to see their names");
  }
  if (hrc != SQLITE_ROW) return db_error(db_, "cannot read table " + name, path_);
  const std::vector<std::string> dims = string_array(head.text(0));
  // Equality filters, on the table's own dimensions only.
  std::map<std::string, std::string> wanted = filter.dims;
  if (filter.region) wanted["region"] = *filter.region;
  if (filter.element) wanted["element"] = *filter.element;
  if (filter.year) wanted["year"] = std::to_string(*filter.year);
  for (const auto& [dim, item] : wanted) {
    if (std::find(dims.begin(), dims.end(), dim) == dims.end()) {
      return core::Error::invalid_input("table " + name + " has no dimension " + dim, path_,
                                        "filter only on the table's dimensions");
    }
    if (dim == "year") {
      char* end = nullptr;
      (void)std::strtoll(item.c_str(), &end, 10);
      if (item.empty() || end == item.c_str() || *end != '\0') {
        return core::Error::invalid_input("year filter is not a number: " + item, path_);
      }
    }
  }
  if (head.is_null(2)) return read_row_table(db_, path_, run_id, name, wanted);
  return read_packed_table(path_, name, dims, head.text(1), head.blob(2), wanted);
}

core::Result<std::int64_t> Store::tidy_run(std::int64_t run_id) {
  auto run = get_run(run_id);
  if (!run) return run.error();
  auto tables = read_table_values(run_id);
  if (!tables) return tables.error();
  static constexpr std::array<std::string_view, 8> kColumns{
      "region", "segment", "chemistry", "element", "route", "product", "destination", "year"};
  std::int64_t written = 0;
  auto st = transaction([&]() -> core::Status {
    Statement del(db_, "DELETE FROM result_values WHERE run_id = ?");
    del.bind(1, run_id);
    if (del.step() != SQLITE_DONE) return db_error(db_, "cannot clear result_values", path_);
    Statement ins(db_,
                  "INSERT INTO result_values (run_id, table_name, region, segment, chemistry, "
                  "element, route, product, destination, year, value, unit) "
                  "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!ins.ok()) return db_error(db_, "cannot prepare result_values insert", path_);
    for (const auto& t : *tables) {
      const auto& dims = t.values.dims();
      // Column (0..7 of kColumns) of each dimension; -1 for one the schema has no column for.
      std::vector<int> column(dims.size(), -1);
      for (std::size_t d = 0; d < dims.size(); ++d) {
        for (std::size_t c = 0; c < kColumns.size(); ++c) {
          if (dims[d].name() == kColumns[c]) column[d] = static_cast<int>(c);
        }
        if (column[d] < 0) {
          return core::Error::internal("table " + t.name + " has dimension " + dims[d].name() +
                                       ", which result_values has no column for");
        }
      }
      const auto data = t.values.data();
      std::vector<std::size_t> idx(dims.size(), 0);
      for (std::size_t flat = 0; flat < data.size(); ++flat) {
        if (data[flat] != 0.0) {
          ins.reset();
          ins.bind(1, run_id);
          ins.bind(2, t.name);
          for (std::size_t d = 0; d < dims.size(); ++d) {
            const std::string& item = dims[d].items()[idx[d]];
            const int c = column[d];
            if (kColumns[static_cast<std::size_t>(c)] == "year") {
              ins.bind(3 + c, static_cast<std::int64_t>(std::stoll(item)));
            } else {
              ins.bind(3 + c, item);
            }
          }
          ins.bind(11, data[flat]);
          ins.bind(12, t.value_column);
          if (ins.step() != SQLITE_DONE) return db_error(db_, "cannot store result_values", path_);
          ++written;
        }
        for (std::size_t d = dims.size(); d-- > 0;) {
          if (++idx[d] < dims[d].size()) break;
          idx[d] = 0;
        }
      }
    }
    return {};
  });
  if (!st) return st.error();
  return written;
}

core::Result<std::vector<std::int64_t>> Store::tidy_runs() {
  Statement st(db_, "SELECT DISTINCT run_id FROM result_values ORDER BY run_id");
  std::vector<std::int64_t> out;
  int rc = 0;
  while ((rc = st.step()) == SQLITE_ROW) out.push_back(st.int64(0));
  if (rc != SQLITE_DONE) return db_error(db_, "cannot read result_values", path_);
  return out;
}

core::Result<std::vector<results::ResultTable>> Store::read_table_values(std::int64_t run_id) {
  Statement st(db_,
               "SELECT name, value_column, description, dims_json, items_json, cells, row_count "
               "FROM result_tables WHERE run_id = ? ORDER BY rowid");
  st.bind(1, run_id);
  std::vector<results::ResultTable> out;
  int rc = 0;
  while ((rc = st.step()) == SQLITE_ROW) {
    results::ResultTable t;
    t.name = st.text(0);
    t.value_column = st.text(1);
    t.description = st.text(2);
    const std::vector<std::string> dim_names = string_array(st.text(3));
    if (st.is_null(5)) {
      return core::Error{core::ErrorCode::kConflict,
                         "run " + std::to_string(run_id) +
                             " was stored by an older urbanmine "
                             "(one row per value) and cannot be loaded whole",
                         "run the scenario again to store it in the current form", path_};
    }
    auto packed = parse_packed_items(path_, t.name, dim_names, st.text(4));
    if (!packed) return packed.error();
    std::vector<core::Dimension> dims;
    for (std::size_t d = 0; d < dim_names.size(); ++d) {
      dims.emplace_back(dim_names[d], packed->items[d]);
    }
    auto values = core::DimArray::zeros(std::move(dims));
    if (!values) return corrupt_table(path_, t.name, values.error().message);
    auto data = values->data();
    auto status = packed->each_cell(
        st.blob(5), corrupt_table(path_, t.name, "cells are not whole or out of range"),
        [&](std::uint64_t flat, double value) { data[flat] = value; });
    if (!status) return status.error();
    t.values = std::move(*values);
    out.push_back(std::move(t));
  }
  if (rc != SQLITE_DONE)
    return db_error(db_, "cannot read the tables of run " + std::to_string(run_id), path_);
  return out;
}

core::Result<results::RecordTable> parse_record_table(const StoredRecordTable& table) {
  const auto bad = [&](const std::string& what) {
    return core::Error::io("stored record table " + table.name + " is corrupt: " + what, "",
                           "re-run the scenario into a new database");
  };
  results::RecordTable out{table.name, table.title, table.description, {}, {}};
  const auto columns = nlohmann::json::parse(table.columns_json, nullptr, false);
  if (!columns.is_array()) return bad("columns are not a list");
  for (const auto& c : columns) {
    if (!c.is_string()) return bad("a column name is not text");
    out.columns.push_back(c.get<std::string>());
  }
  const auto rows = nlohmann::json::parse(table.rows_json, nullptr, false);
  if (!rows.is_array()) return bad("rows are not a list");
  for (const auto& row : rows) {
    if (!row.is_array() || row.size() != out.columns.size()) {
      return bad("a row does not have one cell per column");
    }
    std::vector<results::Cell> cells;
    for (const auto& v : row) {
      if (v.is_null()) {
        cells.push_back(results::Cell::empty());
      } else if (v.is_string()) {
        cells.push_back(results::Cell::of(v.get<std::string>()));
      } else if (v.is_number()) {
        cells.push_back(results::Cell::of(v.get<double>()));
      } else {
        return bad("a cell is neither null, text nor a number");
      }
    }
    out.rows.push_back(std::move(cells));
  }
  return out;
}

core::Status Store::put_record_table(std::int64_t run_id, const results::RecordTable& records) {
  const StoredRecordTable table{records.name, records.title, records.description,
                                record_columns_json(records), record_rows_json(records)};
  return transaction([&]() -> core::Status {
    Statement st(db_,
                 "INSERT INTO record_tables (run_id, name, title, description, columns_json, "
                 "rows_json, seq) VALUES (?,?,?,?,?,?, (SELECT COUNT(*) FROM record_tables "
                 "WHERE run_id = ?))");
    st.bind(1, run_id);
    st.bind(2, table.name);
    st.bind(3, table.title);
    st.bind(4, table.description);
    st.bind(5, table.columns_json);
    st.bind(6, table.rows_json);
    st.bind(7, run_id);
    if (st.step() != SQLITE_DONE) {
      return db_error(db_, "cannot store record table " + table.name, path_);
    }
    return {};
  });
}

core::Result<std::vector<results::RecordTable>> Store::read_records(std::int64_t run_id) {
  auto stored = read_record_tables(run_id);
  if (!stored) return stored.error();
  std::vector<results::RecordTable> out;
  for (const auto& t : *stored) {
    auto parsed = parse_record_table(t);
    if (!parsed) return parsed.error();
    out.push_back(std::move(*parsed));
  }
  return out;
}

core::Result<std::vector<StoredRecordTable>> Store::read_record_tables(std::int64_t run_id) {
  Statement st(db_,
               "SELECT name, title, description, columns_json, rows_json FROM record_tables "
               "WHERE run_id = ? ORDER BY seq");
  st.bind(1, run_id);
  std::vector<StoredRecordTable> out;
  int rc = 0;
  while ((rc = st.step()) == SQLITE_ROW) {
    out.push_back({st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)});
  }
  if (rc != SQLITE_DONE) return db_error(db_, "cannot read record tables", path_);
  return out;
}

core::Status Store::put_findings(std::int64_t run_id,
                                 const std::vector<results::Finding>& findings) {
  return transaction([&]() -> core::Status {
    Statement st(db_, "INSERT INTO findings (run_id, seq, section, text) VALUES (?,?,?,?)");
    for (std::size_t i = 0; i < findings.size(); ++i) {
      st.reset();
      st.bind(1, run_id);
      st.bind(2, static_cast<std::int64_t>(i));
      st.bind(3, findings[i].section);
      st.bind(4, findings[i].text);
      if (st.step() != SQLITE_DONE) return db_error(db_, "cannot store findings", path_);
    }
    return {};
  });
}

core::Result<std::vector<results::Finding>> Store::read_findings(std::int64_t run_id) {
  Statement st(db_, "SELECT section, text FROM findings WHERE run_id = ? ORDER BY seq");
  st.bind(1, run_id);
  std::vector<results::Finding> out;
  int rc = 0;
  while ((rc = st.step()) == SQLITE_ROW) out.push_back({st.text(0), st.text(1)});
  if (rc != SQLITE_DONE) return db_error(db_, "cannot read findings", path_);
  return out;
}

core::Result<std::int64_t> Store::create_event(const std::string& name,
                                               const std::string& instance_json,
                                               const std::vector<EventParticipant>& participants) {
  std::int64_t id = 0;
  auto status = transaction([&]() -> core::Status {
    const std::string now = utc_now();
    Statement st(db_,
                 "INSERT INTO events (name, instance_json, created_at, updated_at) VALUES "
                 "(?,?,?,?)");
    st.bind(1, name);
    st.bind(2, instance_json);
    st.bind(3, now);
    st.bind(4, now);
    if (st.step() != SQLITE_DONE) return db_error(db_, "cannot store event " + name, path_);
    id = sqlite3_last_insert_rowid(db_);
    Statement p(db_,
                "INSERT INTO event_participants (event_id, participant_id, side, country, "
                "org_type) VALUES (?,?,?,?,?)");
    for (const auto& participant : participants) {
      p.reset();
      p.bind(1, id);
      p.bind(2, participant.id);
      p.bind(3, participant.side);
      p.bind(4, participant.country);
      p.bind(5, participant.org_type);
      if (p.step() != SQLITE_DONE) {
        return db_error(db_, "cannot store participant " + participant.id, path_);
      }
    }
    return {};
  });
  if (!status) return status.error();
  return id;
}

namespace {

constexpr const char* kEventSelect =
    "SELECT e.id, e.name, COALESCE(s.instance_json, e.instance_json), "
    "COALESCE(s.schedule_json, ''), COALESCE(s.sequence, -1), e.created_at, e.updated_at "
    "FROM events e LEFT JOIN event_schedules s ON s.event_id = e.id AND s.sequence = "
    "(SELECT MAX(sequence) FROM event_schedules WHERE event_id = e.id)";

EventRecord read_event_row(const Statement& st) {
  return EventRecord{st.int64(0), st.text(1), st.text(2), st.text(3), static_cast<int>(st.int64(4)),
                     st.text(5),  st.text(6)};
}

}  // namespace

core::Result<EventRecord> Store::get_event(std::int64_t id) {
  Statement st(db_, std::string(kEventSelect) + " WHERE e.id = ?");
  st.bind(1, id);
  const int rc = st.step();
  if (rc == SQLITE_DONE) {
    return core::Error::not_found("no event " + std::to_string(id), path_,
                                  "list the events to see their ids");
  }
  if (rc != SQLITE_ROW) return db_error(db_, "cannot read event", path_);
  return read_event_row(st);
}

core::Result<std::vector<EventRecord>> Store::list_events() {
  Statement st(db_, std::string(kEventSelect) + " ORDER BY e.id");
  std::vector<EventRecord> out;
  int rc = 0;
  while ((rc = st.step()) == SQLITE_ROW) out.push_back(read_event_row(st));
  if (rc != SQLITE_DONE) return db_error(db_, "cannot list events", path_);
  return out;
}

core::Result<int> Store::add_event_schedule(std::int64_t event_id, const std::string& instance_json,
                                            const std::string& schedule_json) {
  int sequence = 0;
  auto status = transaction([&]() -> core::Status {
    const std::string now = utc_now();
    Statement up(db_, "UPDATE events SET updated_at = ? WHERE id = ?");
    up.bind(1, now);
    up.bind(2, event_id);
    if (up.step() != SQLITE_DONE) return db_error(db_, "cannot update event", path_);
    if (sqlite3_changes(db_) == 0) {
      return core::Error::not_found("no event " + std::to_string(event_id), path_);
    }
    Statement next(db_,
                   "SELECT COALESCE(MAX(sequence) + 1, 0) FROM event_schedules WHERE event_id = ?");
    next.bind(1, event_id);
    if (next.step() != SQLITE_ROW) return db_error(db_, "cannot number the schedule", path_);
    sequence = static_cast<int>(next.int64(0));
    Statement ins(db_,
                  "INSERT INTO event_schedules (event_id, sequence, instance_json, schedule_json, "
                  "created_at) VALUES (?,?,?,?,?)");
    ins.bind(1, event_id);
    ins.bind_int(2, sequence);
    ins.bind(3, instance_json);
    ins.bind(4, schedule_json);
    ins.bind(5, now);
    if (ins.step() != SQLITE_DONE) return db_error(db_, "cannot store the schedule", path_);
    return {};
  });
  if (!status) return status.error();
  return sequence;
}

core::Result<std::vector<EventParticipant>> Store::event_participants(std::int64_t event_id) {
  Statement st(db_,
               "SELECT participant_id, side, country, org_type FROM event_participants WHERE "
               "event_id = ? ORDER BY rowid");
  st.bind(1, event_id);
  std::vector<EventParticipant> out;
  int rc = 0;
  while ((rc = st.step()) == SQLITE_ROW) {
    out.push_back({st.text(0), st.text(1), st.text(2), st.text(3)});
  }
  if (rc != SQLITE_DONE) return db_error(db_, "cannot read participants", path_);
  return out;
}

core::Status Store::put_file(std::int64_t run_id, const std::string& name,
                             const std::string& content) {
  return transaction([&]() -> core::Status {
    Statement st(db_, "INSERT OR REPLACE INTO run_files (run_id, name, content) VALUES (?,?,?)");
    st.bind(1, run_id);
    st.bind(2, name);
    st.bind(3, content);
    if (st.step() != SQLITE_DONE) return db_error(db_, "cannot store file " + name, path_);
    return {};
  });
}

core::Result<std::string> Store::read_file(std::int64_t run_id, const std::string& name) {
  Statement st(db_, "SELECT content FROM run_files WHERE run_id = ? AND name = ?");
  st.bind(1, run_id);
  st.bind(2, name);
  const int rc = st.step();
  if (rc == SQLITE_DONE) {
    return core::Error::not_found("run " + std::to_string(run_id) + " has no file " + name, path_);
  }
  if (rc != SQLITE_ROW) return db_error(db_, "cannot read file " + name, path_);
  return st.text(0);
}

}  // namespace urbanmine::io
