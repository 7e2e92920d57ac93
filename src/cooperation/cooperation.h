// SPDX-License-Identifier: Apache-2.0
// Cooperation intelligence: supply risk (risk), policy rules checked against a run
// (policy) and the country opportunity ranking (market), computed on a RunResults and appended
// to it as RecordTables ("hhi", "supply_risk", "policy_checks", "market_ranking",
// "market_sensitivity"), Findings and assumptions, so that every writer (CSV, summary.json,
// report.html, SQLite, HTTP) shows them without change. Also the standalone entry points of
// `urbanmine risk hhi|score`, `urbanmine policy check` and `urbanmine market rank`.
//
// Example (in the run pipeline, after the model has filled `results`):
//   CooperationOptions coop;
//   coop.data_dir = options.data_dir;
//   URBANMINE_TRY_STATUS(add_cooperation_results(results, coop));
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "io/dataset.h"
#include "io/risk_data.h"
#include "market/ranking.h"
#include "policy/checker.h"
#include "policy/rules.h"
#include "risk/concentration.h"
#include "risk/supply_risk.h"

#include "results/registry.h"
#include "results/run_results.h"

namespace urbanmine::cooperation {

using results::Cell;
using results::RecordTable;
using results::ResultTable;
using results::RunResults;

// Upper end of the HHI_WGI scale (EU scaling of WGI).
inline constexpr double kHhiWgiMax = risk::kWgiScaleMax;

// Record table names added to a run (declared in results/registry.h).
inline constexpr std::string_view kRecordsHhi = results::kRecordsHhi.name;
inline constexpr std::string_view kRecordsHhiContributions = results::kRecordsHhiContributions.name;
inline constexpr std::string_view kRecordsSupplyRisk = results::kRecordsSupplyRisk.name;
inline constexpr std::string_view kRecordsPolicyChecks = results::kRecordsPolicyChecks.name;
inline constexpr std::string_view kRecordsMarketRanking = results::kRecordsMarketRanking.name;
inline constexpr std::string_view kRecordsMarketSensitivity =
    results::kRecordsMarketSensitivity.name;

struct CooperationOptions {
  // Folder with the sourced CSVs; empty = cooperation_data_dir("").
  std::string data_dir;
  // Policy rules file; empty = <data_dir>/policy_rules.csv.
  std::string rules_path;
  risk::HhiConvention hhi_convention = risk::HhiConvention::kNamedShare;
  // Ranking weights; the defaults (equal) are an assumption and are reported as such.
  market::Weights market_weights;
  bool market_weights_are_default = true;
  // Year of the market ranking; empty = the run's last year.
  std::optional<int> market_year;
  // Check every rule in this year instead of its effective year.
  std::optional<int> policy_check_year;
  // Supply-risk rows every `risk_year_step` years from the first run year, plus the last year.
  int risk_year_step = 5;
  // Substitution index SI_SR by element, supplied by the user (not in the shipped data).
  std::map<std::string, double> substitution_index;
  std::string substitution_source = "user input";
  // Use the global HHI_WGI as the region's sourcing HHI_WGI (an explicit assumption); otherwise
  // the sourcing term is missing, because sourcing by origin country is not in the shipped data.
  bool sourcing_as_global = false;
  // A user-supplied HHI_WGI of the regions' sourcing (0-10); takes precedence over
  // sourcing_as_global.
  std::optional<double> hhi_wgi_sourcing;
};

// The data folder: `given` when non-empty, else io::default_data_dir() (io/data_dir.h).
std::string cooperation_data_dir(const std::string& given);

// Every data file the cooperation modules read, loaded and validated (io/dataset.h; a run loads
// them with the rest of its dataset).
using CooperationData = io::CooperationInputs;
core::Result<CooperationData> load_cooperation_data(const CooperationOptions& options);

// Computes risk, policy and market results for `results` and appends record tables, findings and
// assumptions (replacing those of an earlier call). Errors: InvalidInput (bad data files or
// options), naming file/row/field.
core::Status add_cooperation_results(RunResults& results, const CooperationOptions& options);
// The same with data already loaded.
core::Status add_cooperation_results(RunResults& results, const CooperationData& data,
                                     const CooperationOptions& options);

// `urbanmine risk hhi`: the summary row ("hhi") and each producer's share ("hhi_contributions").
core::Result<std::vector<RecordTable>> risk_hhi_tables(const CooperationData& data,
                                                       const std::string& element, int year,
                                                       risk::SupplyStage stage,
                                                       risk::HhiConvention convention);

// `urbanmine risk score` without a run: the EU supply-risk formula for one element and region
// from the shipped data plus user inputs (missing ones are reported, never zero-filled).
struct RiskScoreRequest {
  std::string element;
  std::string region = "EU27";
  std::optional<int> year;  // supply data year; empty = latest
  std::optional<double> import_reliance;
  std::optional<double> eol_rir;
  std::optional<double> substitution_index;
  std::optional<double> hhi_wgi_sourcing;
};
core::Result<RecordTable> risk_score_table(const CooperationData& data,
                                           const RiskScoreRequest& request,
                                           const CooperationOptions& options);

// The model's elements (results/registry.h) that have supply data by country.
std::vector<std::string> risk_elements(const CooperationData& data);
// The value of a [region, element, year] array at those items; empty when absent.
std::optional<double> cell(const std::optional<core::DimArray>& a, const std::string& region,
                           const std::string& element, int year);

// Builds the checker's indicators from a run.
policy::RunIndicators run_indicators(const RunResults& results);

}  // namespace urbanmine::cooperation
