// SPDX-License-Identifier: Apache-2.0
// The facade's cooperation entry points for the front ends: supply risk, policy checks, the
// market ranking and N-1 supply disruption on a run (src/cooperation/, docs/risk.md,
// docs/policy.md, docs/market.md). The run pipeline (engine/run.h) adds them to every run;
// `urbanmine risk|policy|market` and the HTTP API call them on their own.
#pragma once

#include "engine/run_results.h"

#include "cooperation/cooperation.h"
#include "cooperation/disruption.h"
#include "cooperation/eu_supply_risk.h"

namespace urbanmine::engine {

using cooperation::CooperationData;
using cooperation::CooperationOptions;
using cooperation::DisruptionOptions;
using cooperation::EuRiskRequest;
using cooperation::RiskScoreRequest;

using cooperation::add_cooperation_results;
using cooperation::add_disruption_records;
using cooperation::cell;
using cooperation::cooperation_data_dir;
using cooperation::disruption_for_request;
using cooperation::disruption_tables;
using cooperation::DisruptionRequest;
using cooperation::eu_supply_risk_table;
using cooperation::load_cooperation_data;
using cooperation::parse_element_code;
using cooperation::risk_elements;
using cooperation::risk_hhi_tables;
using cooperation::risk_score_table;
using cooperation::risk_score_tables;
using cooperation::run_indicators;
using cooperation::unknown_region;

using cooperation::kHhiWgiMax;
using cooperation::kRecordsEuSupplyRisk;
using cooperation::kRecordsHhi;
using cooperation::kRecordsHhiContributions;
using cooperation::kRecordsMarketRanking;
using cooperation::kRecordsMarketSensitivity;
using cooperation::kRecordsPolicyChecks;
using cooperation::kRecordsRecyclingBuys;
using cooperation::kRecordsSupplyDisruption;
using cooperation::kRecordsSupplyRisk;

}  // namespace urbanmine::engine
