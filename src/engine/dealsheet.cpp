// SPDX-License-Identifier: Apache-2.0
// `urbanmine match dealsheet`: the checked schedule, the run and the data files the sheets need
// (country codes, regions, shipping rules, prices), then cooperation::build_deal_sheets.
#include "engine/dealsheet.h"

#include "engine/compare.h"
#include "engine/match.h"
#include "io/data_dir.h"
#include "io/dataset.h"
#include "io/files.h"
#include "io/plan_data.h"

#include "cooperation/dealsheet.h"

namespace urbanmine::engine {

core::Result<DealSheetOutcome> dealsheet_match_text(const std::string& instance_json,
                                                    const std::string& instance_source,
                                                    const std::string& schedule_json,
                                                    const std::string& schedule_source,
                                                    const results::RunResults& run,
                                                    const DealSheetRequest& request) {
  URBANMINE_TRY_STATUS(report::check_dealsheet_language(request.language, "--language"));
  auto checked =
      feasible_schedule_text(instance_json, instance_source, schedule_json, schedule_source);
  if (!checked) return checked.error();

  const std::string data_dir = request.data_dir.empty() ? io::default_data_dir() : request.data_dir;
  auto coop = io::load_cooperation_inputs(data_dir);
  if (!coop) return coop.error();
  std::vector<std::string> iso3;
  for (const auto& c : coop->codes.all()) iso3.push_back(c.iso3);
  auto plan = io::load_plan_data(data_dir, iso3);
  if (!plan) return plan.error();
  cooperation::DealSheetData data;
  data.codes = coop->codes;
  data.regions = coop->regions;
  data.shipping_rules = plan->shipping_rules;
  data.prices = cooperation::latest_prices(*plan);
  cooperation::DealSheetOptions options;
  options.years = request.years;
  auto sheets =
      cooperation::build_deal_sheets(run, checked->instance, checked->schedule, data, options);
  if (!sheets) return sheets.error();
  DealSheetOutcome out;
  out.sheets = std::move(*sheets);
  if (!request.run.empty()) out.sheets.run_source = request.run;
  out.files = report::dealsheet_files(out.sheets, request.language);
  return out;
}

core::Result<DealSheetOutcome> dealsheet_match_files(const std::string& instance_path,
                                                     const std::string& schedule_path,
                                                     const DealSheetRequest& request) {
  URBANMINE_TRY_STATUS(report::check_dealsheet_language(request.language, "--language"));
  auto instance = io::read_text_file(instance_path);
  if (!instance) return instance.error();
  auto schedule = io::read_text_file(schedule_path);
  if (!schedule) return schedule.error();
  if (request.run.empty()) {
    return core::Error::invalid_input("no run given for the deal sheets' figures", "--run",
                                      "give --run examples/global.toml (a scenario, a run folder "
                                      "or a run id with --db)");
  }
  CompareLoadOptions load;
  load.data_dir = request.data_dir;
  load.db_path = request.db_path;
  load.logger = request.logger;
  load.strict = request.strict;
  auto run = load_compare_input(request.run, load);
  if (!run) return run.error();
  return dealsheet_match_text(*instance, instance_path, *schedule, schedule_path, run->run,
                              request);
}

}  // namespace urbanmine::engine
