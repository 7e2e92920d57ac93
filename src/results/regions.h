// SPDX-License-Identifier: Apache-2.0
// Aggregate regions of a run's results. Result tables hold model regions only (countries and
// residual groups); an aggregate (EU27, EUROPE, NORTH_AMERICA, WORLD, data/regions.csv) is the
// sum over its member model regions, as the run's `regions` record table lists them. Only
// aggregates all of whose member regions the run holds are listed there, so a total is never
// partial. Used by `urbanmine compare`, the HTTP API and the report.
//
//   auto index = results::RegionIndex::of(run);
//   auto eu = index.members("EU27");                         // {CZE, DEU, ..., EU27_OTHER}
//   auto table = results::with_aggregates(*run.find("end_of_life_t"), index);  // + EU27, WORLD
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

#include "results/run_results.h"

namespace urbanmine::results {

class RegionIndex {
 public:
  // From the run's `regions` record table; without one (a run read from CSVs of an older
  // version), the model regions of its tables and WORLD over all of them.
  static RegionIndex of(const RunResults& run);

  // The model regions, in the run's order.
  const std::vector<std::string>& regions() const { return regions_; }
  // The aggregates, in the order of data/regions.csv as first met.
  const std::vector<std::string>& aggregates() const { return aggregates_; }
  bool is_region(std::string_view code) const;
  bool is_aggregate(std::string_view code) const;
  // The model regions a code stands for: itself for a model region, the members of an
  // aggregate. An unknown code is kNotFound naming the valid ones.
  core::Result<std::vector<std::string>> members(std::string_view code) const;
  // "AUS, CAN, ..., EU27, WORLD": every code members() accepts, for messages.
  std::string valid_codes() const;

 private:
  std::vector<std::string> regions_;
  std::vector<std::string> aggregates_;
  std::vector<std::vector<std::string>> aggregate_members_;  // parallel to aggregates_
};

// Whether a table's values add up over regions: quantities (tonnes, kWh, vehicles, USD) do,
// fractions (value column ending in "_fraction", e.g. secondary_supply_share) do not.
bool is_additive(const ResultTable& table);

// `table` with one more item on its region dimension per aggregate of `index` (the sum over
// the aggregate's members present in the table), after the model regions. A table without a
// region dimension, or whose values do not add up (is_additive), is returned unchanged.
core::Result<ResultTable> with_aggregates(const ResultTable& table, const RegionIndex& index);

// Whether aggregates_of(table, index) has rows: the table has a region dimension, its values
// add up, and at least one aggregate of `index` is not already among its regions.
bool has_aggregates(const ResultTable& table, const RegionIndex& index);

// `table` with only the aggregates of `index` on its region dimension (each the sum over its
// members present in the table): the rows of a run's aggregates/<table>.csv. nullopt for a
// table without a region dimension or whose values do not add up, and when there is no aggregate.
core::Result<std::optional<ResultTable>> aggregates_of(const ResultTable& table,
                                                       const RegionIndex& index);

// The sum of `table` over the model regions `regions` and over every dimension not fixed in
// `fixed` (dimension name, item). A fixed dimension the table lacks, or an item it lacks, is
// kNotFound naming it; regions the table lacks count as zero.
core::Result<double> table_total(const ResultTable& table, const std::vector<std::string>& regions,
                                 const std::vector<std::pair<std::string, std::string>>& fixed);

}  // namespace urbanmine::results
