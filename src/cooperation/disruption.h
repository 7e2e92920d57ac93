// SPDX-License-Identifier: Apache-2.0
// `urbanmine risk disruption`: the supply disruption test (risk/disruption.h) on the shipped
// supply data, alone (demand = world supply of the data year, no recycling) or on a run (the
// run's battery demand and secondary supply, by year). Two record tables:
// "supply_disruption" (coverage of demand by the remaining suppliers, without and with
// recycling) and "recycling_buys" (the gap, what the run's recycling closes, and the recycled
// tonnes that would close it). Built on CooperationData and run_indicators (cooperation.h);
// nothing in cooperation.* changes.
//
// Example:
//   DisruptionOptions o;  // drop the largest supplier, mine and refining stages
//   auto tables = disruption_tables(data, &run, o);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "risk/disruption.h"

#include "cooperation/cooperation.h"
#include "results/run_results.h"

namespace urbanmine::cooperation {

inline constexpr std::string_view kRecordsSupplyDisruption = results::kRecordsSupplyDisruption.name;
inline constexpr std::string_view kRecordsRecyclingBuys = results::kRecordsRecyclingBuys.name;

struct DisruptionOptions {
  risk::DropRule drop;                // default: the largest supplier
  std::vector<std::string> elements;  // empty = Li, Ni, Co, Mn, graphite
  // Run region whose demand and recycling are used; "WORLD" = every run region that is not an
  // aggregate (data/regions.csv kind "aggregate"), summed.
  std::string region = "WORLD";
  // Years: empty = the supply data years (no run) or every 5 years from the run's first year,
  // 2035 when inside the run, and its last year.
  std::vector<int> years;
  // Annual export caps (data/export_restrictions.csv rows with annual_cap) applied to the mine
  // stage in the years they cover: the country supplies at most its quota. Needs world demand,
  // so only without a run.
  std::vector<io::ExportRestriction> export_quotas;
};

// Errors: InvalidInput (unknown element, region not in the run, named supplier not listed for
// an element's stage), naming the flag.
core::Result<std::vector<RecordTable>> disruption_tables(const CooperationData& data,
                                                         const RunResults* run,
                                                         const DisruptionOptions& options);

// What `urbanmine risk disruption` and the Python module (`urbanmine.risk.disruption`) ask for,
// checked in one place. Locations name the CLI's flags.
struct DisruptionRequest {
  std::string element;            // a code or mineral name (Co, cobalt); empty = all
  std::optional<int> year;        // empty = the default years (DisruptionOptions::years)
  std::vector<std::string> drop;  // suppliers that drop out (country or ISO3)
  std::optional<int> top;         // the K largest drop out; default 1 (0 with export_quotas)
  bool export_quotas = false;     // cap suppliers at data/export_restrictions.csv quotas
  std::string region = "WORLD";   // a run region (needs a run)
};

// The element code of `text`, a code or a mineral name ("Co", "cobalt", "natural graphite").
core::Result<std::string> parse_element_code(const std::string& text);

// Checks `request` (element known, top 1-50 or 0-50 with export quotas, --drop or --top, a
// region only with a run), loads the export quotas when asked, and computes the two tables.
core::Result<std::vector<RecordTable>> disruption_for_request(const CooperationData& data,
                                                              const RunResults* run,
                                                              const DisruptionRequest& request);

// Appends the two tables for a finished run (largest supplier out, every run region that is not
// an aggregate summed, run years every 5 years plus 2035 and the last year), replacing tables of
// an earlier call. For the run pipeline and the report (the lead wires it in); errors as above.
core::Status add_disruption_records(RunResults& results, const CooperationData& data);

}  // namespace urbanmine::cooperation
