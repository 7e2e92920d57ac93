// SPDX-License-Identifier: Apache-2.0
// The run results live in src/results/ (run_results.h: the types; registry.h: every table's
// declaration). This header brings them into the engine namespace for the facade's callers.
#pragma once

#include "results/balance.h"
#include "results/registry.h"
#include "results/run_results.h"

namespace urbanmine::engine {

using results::BalanceCheck;
using results::Cell;
using results::DataFile;
using results::Finding;
using results::RecordTable;
using results::ResultTable;
using results::RunMetadata;
using results::RunResults;

using results::kDimChemistry;
using results::kDimElement;
using results::kDimProduct;
using results::kDimRegion;
using results::kDimRoute;
using results::kDimSegment;
using results::kDimYear;

using results::kTableBatteryInflowKwh;
using results::kTableBatteryInflowT;
using results::kTableCollectedBatteryT;
using results::kTableCollectedT;
using results::kTableEndOfLifeDetailT;
using results::kTableEndOfLifeKwh;
using results::kTableEndOfLifeT;
using results::kTableFeedstockExportedT;
using results::kTableFeedstockImportedT;
using results::kTableFeedstockShipmentsT;
using results::kTableFeedstockStrandedT;
using results::kTableFeedstockSurplusT;
using results::kTableInUseStockKwh;
using results::kTableInUseStockT;
using results::kTableInUseVehicles;
using results::kTableLostOrExportedT;
using results::kTableMaterialDemandT;
using results::kTableProductionScrapT;
using results::kTableRecoveredT;
using results::kTableRecycledT;
using results::kTableRecyclingCapacityT;
using results::kTableRecyclingCo2eAvoidedT;
using results::kTableRecyclingCo2eEmittedT;
using results::kTableRecyclingProductsT;
using results::kTableRecyclingResidueT;
using results::kTableRecyclingRevenueUsd;
using results::kTableReplacementPacks;
using results::kTableSalesVehicles;
using results::kTableSecondaryShare;
using results::kTableSecondLifeInflowKwh;
using results::kTableSecondLifeInflowT;
using results::kTableSecondLifeOutflowKwh;
using results::kTableSecondLifeOutflowT;
using results::kTableSecondLifeStockKwh;
using results::kTableSecondLifeStockT;
using results::kTableUnrecycledT;
using results::kTableUseToEndOfLifeT;

// Record tables of the model (declared in results/registry.h).
inline constexpr std::string_view kRecordsRegions = results::kRecordsRegions.name;
inline constexpr std::string_view kRecordsDemandCheck = results::kRecordsDemandCheck.name;
inline constexpr std::string_view kRecordsReplacementPerVehicle =
    results::kRecordsReplacementPerVehicle.name;
inline constexpr std::string_view kRecordsDataFiles = results::kRecordsDataFiles.name;

}  // namespace urbanmine::engine
