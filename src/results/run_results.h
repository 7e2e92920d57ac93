// SPDX-License-Identifier: Apache-2.0
// RunResults: everything one `urbanmine run` produces, as named long-form tables over named
// dimensions, plus run metadata and the mass-balance report. This is the contract between the
// model (model/run_model, on fleet and chain), the renderers (report: CSV, summary.json,
// sankey.json, report.html), the store (io), the cooperation modules (risk, policy, market) and
// the HTTP server. It sits below io and report, so neither mirrors it with types of its own.
//
// Table names follow flodym's `from => to` flow naming in docs/glossary.md; each table states its
// unit in `value_column` (mass_tonnes, capacity_kwh, vehicles, share_fraction, ...). Dimension
// names are the ones in the kDim* constants; their items are region codes (ISO 3166 alpha-3 or
// an aggregate code from data/regions.csv), segment codes, chemistry codes, element codes,
// route codes and years as text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/dim_array.h"

namespace urbanmine::results {

// Dimension names and the table names of every run are declared once, in results/registry.h.

struct ResultTable {
  std::string name;          // e.g. "use_to_end_of_life_kwh"
  std::string value_column;  // unit-suffixed value column, e.g. "capacity_kwh", "mass_tonnes"
  std::string description;   // one sentence for people (CSV header comment, report, API docs)
  core::DimArray values;
};

// One mass-balance check: a process (e.g. "use", "second_life", "collection", "recycling"),
// region, year and element, with inputs, outputs and stock change.
struct BalanceCheck {
  std::string process;
  std::string region;
  std::string element;  // "kwh" for capacity balances
  int year = 0;
  double inputs = 0.0;
  double outputs = 0.0;
  double stock_change = 0.0;
  double residual = 0.0;  // inputs - outputs - stock_change
  bool ok = true;
};

// A table of heterogeneous records (policy checks, country rankings with their parts, supply-risk
// indicators): named columns, unit-suffixed where numeric, and rows of cells. Writers render any
// RecordTable generically (CSV, summary.json, report.html, SQLite, HTTP), so a module adds its
// results to a run by appending RecordTables, without changing the writers.
struct Cell {
  enum class Kind { kEmpty, kText, kNumber };
  Kind kind = Kind::kEmpty;
  std::string text;
  double number = 0.0;

  static Cell empty() { return Cell{}; }
  static Cell of(std::string t) { return Cell{Kind::kText, std::move(t), 0.0}; }
  static Cell of(double v) { return Cell{Kind::kNumber, {}, v}; }
};

struct RecordTable {
  std::string name;         // file and API name, e.g. "policy_checks"
  std::string title;        // heading for people, e.g. "Policy rules checked against this run"
  std::string description;  // what the table shows, its conventions and sources
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;  // each row has columns.size() cells
};

// A sentence a policy analyst can read, with the section it belongs to ("end_of_life",
// "recycling", "supply_risk", "policy", "market", ...). Shown in summary.json and report.html.
struct Finding {
  std::string section;
  std::string text;
};

// One data file a run read, with its SHA-256 (hex) and size: the run's provenance.
struct DataFile {
  std::string name;    // path relative to the data folder, e.g. "ev_sales.csv"
  std::string sha256;  // hex digest of the bytes read
  std::size_t bytes = 0;
};

struct RunMetadata {
  std::string scenario_name;
  std::string scenario_path;
  std::string scenario_description;
  std::string scenario_hash;         // hex SHA-256 of the scenario text plus every data file read
  std::vector<DataFile> data_files;  // every data file the run read (io::load_dataset)
  std::string code_version;          // core::version() and git hash
  int first_year = 0;
  int last_year = 0;
  unsigned long long seed = 0;
  double elapsed_seconds = 0.0;
};

struct RunResults {
  RunMetadata meta;
  std::vector<ResultTable> tables;
  std::vector<RecordTable> records;
  std::vector<Finding> findings;
  std::vector<BalanceCheck> balance;     // every check made; the run fails if any is not ok
  std::vector<std::string> assumptions;  // defaults and assumptions the run relied on, for reports

  const ResultTable* find(std::string_view name) const {
    for (const auto& t : tables) {
      if (t.name == name) return &t;
    }
    return nullptr;
  }
  const RecordTable* find_records(std::string_view name) const {
    for (const auto& t : records) {
      if (t.name == name) return &t;
    }
    return nullptr;
  }
  bool balance_ok() const {
    for (const auto& b : balance) {
      if (!b.ok) return false;
    }
    return true;
  }
};

}  // namespace urbanmine::results
