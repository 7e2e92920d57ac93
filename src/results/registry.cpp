// SPDX-License-Identifier: Apache-2.0
#include "results/registry.h"

#include <algorithm>

namespace urbanmine::results {

namespace {

constexpr std::array<const TableSpec*, 47> kRunTables = {
    &kSalesVehicles,        &kReplacementPacks,
    &kInUseVehicles,        &kBatteryInflowKwh,
    &kInUseStockKwh,        &kEndOfLifeKwh,
    &kSecondLifeInflowKwh,  &kSecondLifeStockKwh,
    &kSecondLifeOutflowKwh, &kUsedVehicleTradeVehicles,
    &kUsedVehicleExportKwh, &kUsedVehicleImportKwh,
    &kBatteryInflowT,       &kEndOfLifeDetailT,
    &kMaterialDemandT,      &kInUseStockT,
    &kUseToEndOfLifeT,      &kSecondLifeInflowT,
    &kSecondLifeStockT,     &kSecondLifeOutflowT,
    &kUsedVehicleExportT,   &kUsedVehicleImportT,
    &kEndOfLifeT,           &kCollectedT,
    &kLostOrExportedT,      &kRecycledT,
    &kRecoveredT,           &kRecyclingResidueT,
    &kUnrecycledT,          &kCollectedBatteryT,
    &kRecyclingCapacityT,   &kFeedstockSurplusT,
    &kProductionScrapKwh,   &kProductionScrapT,
    &kFeedstockAvailableT,  &kRecycledAtHomeT,
    &kFeedstockExportedT,   &kFeedstockImportedT,
    &kFeedstockShipmentsT,  &kFeedstockStrandedBatteryT,
    &kTransportCostUsd,     &kTransportCo2T,
    &kSecondaryShare,       &kRecyclingProductsT,
    &kRecyclingRevenueUsd,  &kRecyclingCo2eAvoidedT,
    &kRecyclingCo2eEmittedT};

constexpr std::array<const RecordSpec*, 15> kRunRecords = {&kRecordsRegions,
                                                           &kRecordsDemandCheck,
                                                           &kRecordsReplacementPerVehicle,
                                                           &kRecordsDataFiles,
                                                           &kRecordsHhi,
                                                           &kRecordsHhiContributions,
                                                           &kRecordsSupplyRisk,
                                                           &kRecordsPolicyChecks,
                                                           &kRecordsMarketRanking,
                                                           &kRecordsMarketSensitivity,
                                                           &kRecordsSupplyDisruption,
                                                           &kRecordsRecyclingBuys,
                                                           &kRecordsPassportFleetCoverage,
                                                           &kRecordsPassportFleetChemistry,
                                                           &kRecordsPassportFleetIntensity};

}  // namespace

std::optional<std::size_t> element_index(std::string_view code) {
  for (std::size_t e = 0; e < kElementCount; ++e) {
    if (code == kElementCodes[e]) return e;
  }
  return std::nullopt;
}

std::string element_name(std::string_view code) {
  if (const auto e = element_index(code)) return kElementNames[*e];
  return std::string(code);
}

std::vector<std::string> TableSpec::dim_names() const {
  std::vector<std::string> out;
  for (const auto d : dims) {
    if (!d.empty()) out.emplace_back(d);
  }
  return out;
}

std::span<const TableSpec* const> run_table_specs() { return kRunTables; }

const TableSpec* find_table_spec(std::string_view name) {
  for (const TableSpec* t : kRunTables) {
    if (t->name == name) return t;
  }
  return nullptr;
}

core::Result<ResultTable> make_table(const TableSpec& spec, core::DimArray values,
                                     std::string_view note) {
  const std::vector<std::string> want = spec.dim_names();
  std::vector<std::string> have;
  for (const auto& d : values.dims()) have.push_back(d.name());
  if (want != have) {
    std::string w, h;
    for (const auto& d : want) w += (w.empty() ? "" : ", ") + d;
    for (const auto& d : have) h += (h.empty() ? "" : ", ") + d;
    return core::Error::internal("table " + std::string(spec.name) + " is declared over [" + w +
                                 "] but was built over [" + h + "]");
  }
  ResultTable t;
  t.name = std::string(spec.name);
  t.value_column = std::string(spec.value_column);
  t.description = std::string(spec.description) + std::string(note);
  t.values = std::move(values);
  return t;
}

std::span<const RecordSpec* const> run_record_specs() { return kRunRecords; }

const RecordSpec* find_record_spec(std::string_view name) {
  const auto it = std::find_if(kRunRecords.begin(), kRunRecords.end(),
                               [&](const RecordSpec* r) { return r->name == name; });
  return it == kRunRecords.end() ? nullptr : *it;
}

}  // namespace urbanmine::results
