// SPDX-License-Identifier: Apache-2.0
// A previous run read back from its output folder or the SQLite store (see run_reader.h).
#include "report/run_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <utility>

#include "io/csv.h"
#include "io/files.h"
#include "io/json_reader.h"

#include "report/run_outputs.h"
#include "results/registry.h"

namespace urbanmine::report {

using results::kDimChemistry;
using results::kDimElement;
using results::kDimRegion;
using results::kDimRoute;
using results::kDimSegment;
using results::kDimYear;
using results::kTableCollectedT;
using results::kTableEndOfLifeT;
using results::kTableFeedstockSurplusT;
using results::kTableMaterialDemandT;
using results::kTableRecoveredT;
using results::kTableRecycledT;
using results::kTableRecyclingCapacityT;
using results::ResultTable;
using results::RunResults;

namespace {

std::string join_path(const std::string& dir, const std::string& file) {
  if (dir.empty()) return file;
  return dir.back() == '/' ? dir + file : dir + "/" + file;
}

}  // namespace

namespace {

// A long-form table read back from a run's CSV or store (zero rows may be left out).
struct LongTable {
  std::string name;
  std::string value_column;
  std::string description;
  std::vector<std::string> dims;
  std::vector<std::pair<std::vector<std::string>, double>> rows;
};

// Builds the ResultTables over the union of each dimension's items across all tables, so that
// rows left out because they were zero come back as 0 (as the writers intend).
core::Result<RunResults> assemble(const std::vector<LongTable>& tables) {
  std::map<std::string, std::vector<std::string>> items;
  for (const auto& t : tables) {
    for (const auto& [coords, value] : t.rows) {
      for (std::size_t d = 0; d < t.dims.size(); ++d) {
        auto& list = items[t.dims[d]];
        if (std::find(list.begin(), list.end(), coords[d]) == list.end()) {
          list.push_back(coords[d]);
        }
      }
    }
  }
  RunResults results;
  for (const auto& t : tables) {
    std::vector<core::Dimension> dimensions;
    for (const auto& d : t.dims) dimensions.emplace_back(d, items[d]);
    auto array = core::DimArray::zeros(dimensions);
    if (!array) return array.error();
    for (const auto& [coords, value] : t.rows) {
      std::vector<std::pair<std::string, std::string>> named;
      for (std::size_t d = 0; d < t.dims.size(); ++d) named.emplace_back(t.dims[d], coords[d]);
      auto current = array->get(named);
      if (!current) return current.error();
      URBANMINE_TRY_STATUS(array->set(named, *current + value));
    }
    results.tables.push_back({t.name, t.value_column, t.description, std::move(*array)});
  }
  return results;
}

const std::vector<std::string_view>& run_tables_read() {
  static const std::vector<std::string_view> kTables{
      kTableMaterialDemandT, kTableEndOfLifeT,        kTableCollectedT,        kTableRecycledT,
      kTableRecoveredT,      kTableFeedstockSurplusT, kTableRecyclingCapacityT};
  return kTables;
}

}  // namespace

namespace {

// Strips leading comment lines ("# ...") of a run CSV.
std::string without_comments(std::string body) {
  while (!body.empty() && body.front() == '#') {
    const auto nl = body.find('\n');
    body = nl == std::string::npos ? std::string() : body.substr(nl + 1);
  }
  return body;
}

core::Result<io::CsvTable> read_run_csv(const std::string& path) {
  auto text = io::read_text_file(path);
  if (!text) return text.error();
  return io::CsvTable::parse(without_comments(*text), path);
}

core::Status require_dir(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return core::Error::not_found("run folder '" + dir + "' does not exist", dir,
                                  "give a scenario .toml or the --out folder of `urbanmine run`");
  }
  return {};
}

// The tables `names` of the run folder `dir` (those it has).
core::Result<RunResults> read_dir_tables(const std::string& dir,
                                         const std::vector<std::string_view>& names) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::vector<std::string> dims{std::string(kDimRegion),
                                      std::string(kDimSegment),
                                      std::string(kDimChemistry),
                                      std::string(kDimElement),
                                      std::string(kDimRoute),
                                      std::string(kDimYear),
                                      std::string(results::kDimProduct),
                                      std::string(results::kDimDestination)};
  std::vector<LongTable> tables;
  for (const auto name : names) {
    const std::string path = join_path(dir, std::string(name) + ".csv");
    if (!fs::exists(path, ec)) continue;
    auto table = read_run_csv(path);
    if (!table) return table.error();
    LongTable t;
    t.name = std::string(name);
    t.description = "read from " + path;
    for (const auto& h : table->header()) {
      if (std::find(dims.begin(), dims.end(), h) != dims.end()) {
        t.dims.push_back(h);
      } else if (t.value_column.empty() && h != "unit" && h != "source") {
        t.value_column = h;
      }
    }
    if (t.value_column.empty() || t.dims.empty()) {
      return core::Error::invalid_input("no dimension or value column", path + ":1",
                                        "expected long form: region,element,year,...,value");
    }
    for (std::size_t i = 0; i < table->size(); ++i) {
      const auto row = table->row(i);
      std::vector<std::string> coords;
      for (const auto& d : t.dims) {
        auto v = row.required_text(d);
        if (!v) return v.error();
        coords.push_back(*v);
      }
      auto v = row.number(t.value_column);
      if (!v) return v.error();
      t.rows.emplace_back(std::move(coords), *v);
    }
    tables.push_back(std::move(t));
  }
  auto results = assemble(tables);
  if (!results) return results;
  if (results->find(kTableMaterialDemandT) == nullptr) {
    return core::Error::not_found(
        "run folder '" + dir + "' has no " + std::string(kTableMaterialDemandT) + ".csv", dir,
        "give the --out folder of `urbanmine run`");
  }
  return results;
}

// The scenario's name, description, hash and years from a run's summary.json text.
core::Status read_summary_metadata(const std::string& text, const std::string& source,
                                   results::RunMetadata& meta) {
  auto json = io::parse_json(text, source);
  if (!json) return json.error();
  if (!json->is_object() || !json->contains("metadata") || !(*json)["metadata"].is_object()) {
    return core::Error::invalid_input("no metadata object", source + ": $.metadata",
                                      "give the summary.json that `urbanmine run` wrote");
  }
  const auto& m = (*json)["metadata"];
  auto text_of = [&](const char* key) {
    return m.contains(key) && m[key].is_string() ? m[key].get<std::string>() : std::string();
  };
  auto int_of = [&](const char* key) {
    return m.contains(key) && m[key].is_number_integer() ? m[key].get<int>() : 0;
  };
  meta.scenario_name = text_of("scenario_name");
  meta.scenario_description = text_of("scenario_description");
  meta.scenario_hash = text_of("scenario_hash");
  meta.code_version = text_of("code_version");
  meta.first_year = int_of("first_year");
  meta.last_year = int_of("last_year");
  return {};
}

}  // namespace

core::Result<RunResults> load_run_dir(const std::string& dir) {
  URBANMINE_TRY_STATUS(require_dir(dir));
  return read_dir_tables(dir, run_tables_read());
}

core::Result<RunResults> load_run_folder(const std::string& dir) {
  URBANMINE_TRY_STATUS(require_dir(dir));
  std::vector<std::string_view> names;
  for (const auto* spec : results::run_table_specs()) names.push_back(spec->name);
  auto run = read_dir_tables(dir, names);
  if (!run) return run;
  run->meta.scenario_path = dir;
  std::error_code ec;
  const std::string summary = join_path(dir, std::string(kSummaryFile));
  if (std::filesystem::exists(summary, ec)) {
    auto text = io::read_text_file(summary);
    if (!text) return text.error();
    URBANMINE_TRY_STATUS(read_summary_metadata(*text, summary, run->meta));
    // The tables' descriptions (price years and notes), as the run wrote them.
    auto json = io::parse_json(*text, summary);
    if (json && json->contains("tables") && (*json)["tables"].is_array()) {
      for (const auto& t : (*json)["tables"]) {
        if (!t.is_object() || !t.contains("name") || !t["name"].is_string() ||
            !t.contains("description") || !t["description"].is_string()) {
          continue;
        }
        for (auto& table : run->tables) {
          if (table.name == t["name"].get<std::string>()) {
            table.description = t["description"].get<std::string>();
          }
        }
      }
    }
  }
  // Record tables (regions, policy checks, the market ranking, ...): every CSV the folder has,
  // columns as written; a cell that is a whole finite number reads back as a number (the regions
  // table stays text), an empty cell as empty.
  for (const auto* spec : results::run_record_specs()) {
    const std::string path = join_path(dir, std::string(spec->name) + ".csv");
    if (!std::filesystem::exists(path, ec)) continue;
    auto table = read_run_csv(path);
    if (!table) return table.error();
    const bool all_text = spec->name == results::kRecordsRegions.name;
    results::RecordTable rec{std::string(spec->name),
                             std::string(spec->title),
                             "read from " + path,
                             table->header(),
                             {}};
    for (std::size_t i = 0; i < table->size(); ++i) {
      const auto row = table->row(i);
      std::vector<results::Cell> cells;
      for (const auto& column : rec.columns) {
        auto v = row.text(column);
        if (!v) return v.error();
        if (v->empty()) {
          cells.push_back(results::Cell::empty());
          continue;
        }
        char* stop = nullptr;
        const double number = std::strtod(v->c_str(), &stop);
        if (!all_text && stop != nullptr && *stop == '\0' && std::isfinite(number)) {
          cells.push_back(results::Cell::of(number));
        } else {
          cells.push_back(results::Cell::of(*v));
        }
      }
      rec.rows.push_back(std::move(cells));
    }
    run->records.push_back(std::move(rec));
  }
  return run;
}

namespace {

// The run's tables from rows of schema version 1, reassembled (zero rows were not stored).
core::Result<RunResults> assemble_stored_rows(io::Store& store, std::int64_t run_id) {
  auto infos = store.list_tables(run_id);
  if (!infos) return infos.error();
  const auto& wanted = run_tables_read();
  std::vector<LongTable> tables;
  for (const auto& info : *infos) {
    if (std::find(wanted.begin(), wanted.end(), info.name) == wanted.end()) continue;
    auto rows = store.read_table(run_id, info.name);
    if (!rows) return rows.error();
    LongTable t{info.name, info.value_column, info.description, info.dims, {}};
    for (const auto& row : *rows) {
      std::vector<std::string> coords;
      for (const auto& d : info.dims) {
        const auto it = row.coords.find(d);
        if (it == row.coords.end()) {
          return core::Error::internal("stored row of " + info.name + " lacks dimension " + d);
        }
        coords.push_back(it->second);
      }
      t.rows.emplace_back(std::move(coords), row.value);
    }
    tables.push_back(std::move(t));
  }
  return assemble(tables);
}

}  // namespace

core::Result<RunResults> load_run_store(const std::string& db_path, std::int64_t run_id) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db_path, ec)) {
    return core::Error::not_found("database '" + db_path + "' does not exist", db_path,
                                  "give the --db file that `urbanmine run` stored the run in");
  }
  auto store = io::Store::open(db_path);
  if (!store) return store.error();
  // Runs stored packed (schema version 2 on) load back exactly: the tables read here, with the
  // run's metadata. Those stored as rows by version 1 are reassembled.
  auto results = load_stored_run(**store, run_id);
  if (results) {
    const auto& wanted = run_tables_read();
    std::erase_if(results->tables, [&](const ResultTable& t) {
      return std::find(wanted.begin(), wanted.end(), t.name) == wanted.end();
    });
    results->records.clear();
    results->findings.clear();
  } else if (results.error().code == core::ErrorCode::kConflict) {
    results = assemble_stored_rows(**store, run_id);
  }
  if (!results) return results;
  if (results->find(kTableMaterialDemandT) == nullptr) {
    return core::Error::not_found("run " + std::to_string(run_id) + " in " + db_path + " has no " +
                                      std::string(kTableMaterialDemandT) + " table",
                                  db_path, "check the run id (runs are listed by the HTTP API)");
  }
  return results;
}

core::Result<RunResults> load_run_store_whole(const std::string& db_path, std::int64_t run_id) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db_path, ec)) {
    return core::Error::not_found("database '" + db_path + "' does not exist", db_path,
                                  "give the --db file that `urbanmine run` stored the run in");
  }
  auto store = io::Store::open(db_path);
  if (!store) return store.error();
  auto run = load_stored_run(**store, run_id);
  if (!run) {
    if (run.error().code == core::ErrorCode::kConflict) {
      return core::Error::invalid_input(
          "run " + std::to_string(run_id) + " in " + db_path +
              " was stored by an older version without its full tables",
          db_path, "run its scenario again, or give its --out folder");
    }
    return run;
  }
  run->meta.scenario_path = "run " + std::to_string(run_id) + " in " + db_path;
  auto summary = (*store)->read_file(run_id, std::string(kSummaryFile));
  if (summary) {
    std::string name = run->meta.scenario_name;
    URBANMINE_TRY_STATUS(read_summary_metadata(
        *summary, db_path + " run " + std::to_string(run_id) + " " + std::string(kSummaryFile),
        run->meta));
    if (run->meta.scenario_name.empty()) run->meta.scenario_name = name;
  } else if (summary.error().code != core::ErrorCode::kNotFound) {
    return summary.error();
  }
  return run;
}

core::Result<std::string> store_for_run_id(const std::string& db_path, const std::string& id) {
  if (!db_path.empty()) return db_path;
  std::error_code ec;
  for (const std::string_view candidate : {kDefaultWorkspaceDb, kFolderWorkspaceDb}) {
    if (std::filesystem::is_regular_file(std::string(candidate), ec)) {
      return std::string(candidate);
    }
  }
  return core::Error::invalid_input(
      "run id " + id + " needs --db FILE: there is no workspace database " +
          std::string(kDefaultWorkspaceDb) + " (nor " + std::string(kFolderWorkspaceDb) +
          ") in the current folder",
      "--db",
      "give the SQLite file that `urbanmine run` stored it in (urbanmine.db beside the run's "
      "--out folder unless --db was given to run)");
}

}  // namespace urbanmine::report
