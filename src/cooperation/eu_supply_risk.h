// SPDX-License-Identifier: Apache-2.0
// The EU 2023 criticality supply-risk formula for the EU27 from the assessment's own inputs
// (data/eu_crm_2023.csv: global supply and EU sourcing shares by stage with the trade variable t,
// EoL-RIR; import reliance and substitution index where shipped) and WGI (data/wgi.csv):
//
//   SR_stage = [HHI_WGI,t,GS * IR/2 + HHI_WGI,t,EUS * (1 - IR/2)] * (1 - EoL_RIR) * SI_SR
//
// for extraction (E) and processing (P). Every input is printed with its source. Where IR is
// not known the row gives the range SR before substitution takes over IR in [0, 1]; beside it,
// the SR the EU published in 2023 and the substitution index range it implies (derived, with
// the published value's rounding of +-0.05), so a reader sees whether the inputs are consistent.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "io/risk_data.h"
#include "risk/concentration.h"

#include "cooperation/cooperation.h"
#include "results/run_results.h"

namespace urbanmine::cooperation {

inline constexpr std::string_view kRecordsEuSupplyRisk = "eu_supply_risk";

struct EuRiskRequest {
  std::string element;
  std::optional<double> import_reliance;     // user input, overrides the file
  std::optional<double> substitution_index;  // user input, overrides the file
  std::optional<double> eol_rir;             // user input, overrides the file
};

// Errors: NotFound when the element is not in eu_crm_2023.csv.
core::Result<RecordTable> eu_supply_risk_table(
    const std::map<std::string, io::EuCrmMaterial>& eu,
    const std::map<std::string, risk::GovernanceScore>& wgi, const EuRiskRequest& request);

// `urbanmine risk score` and GET /api/risk/score without a run: the table of
// risk_score_table (cooperation.h) and, for EU27, eu_supply_risk_table on
// <data_dir>/eu_crm_2023.csv. Errors: InvalidInput "--region" when the region is not EU27, a
// code of data/regions.csv or a country's ISO3 code (the hint lists the valid regions); errors
// of the two tables and of the file.
core::Result<std::vector<RecordTable>> risk_score_tables(const CooperationData& data,
                                                         const RiskScoreRequest& request,
                                                         const CooperationOptions& options);

// The region check above alone (nullopt when valid).
std::optional<core::Error> unknown_region(const std::string& region, const CooperationData& data);

}  // namespace urbanmine::cooperation
