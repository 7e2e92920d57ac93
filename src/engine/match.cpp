// SPDX-License-Identifier: Apache-2.0
// Engine facade of the match module: parses, solves or checks, and renders JSON.
#include "engine/match.h"

#include <chrono>

#include "io/files.h"
#include "io/match_json.h"

namespace urbanmine::engine {

core::Result<ScheduleOutcome> schedule_match_text(const std::string& instance_json,
                                                  const std::string& source,
                                                  const ScheduleRequest& request) {
  if (!(request.time_limit_seconds > 0.0)) {
    return core::Error::invalid_input("time limit must be positive", "--time-limit",
                                      "give seconds, e.g. --time-limit 2");
  }
  if (request.threads < 1 || request.search_rounds < 0) {
    return core::Error::invalid_input("threads must be >= 1 and search rounds >= 0",
                                      "--threads/--rounds", "give e.g. --threads 2");
  }
  const auto start = std::chrono::steady_clock::now();
  auto instance = io::parse_match_instance(instance_json, source);
  if (!instance) return instance.error();
  // The search stops at 95% of the limit so that tables, checks and output fit inside it.
  const auto deadline =
      start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                  std::chrono::duration<double>(0.95 * request.time_limit_seconds));
  match::SolveOptions options;
  options.time_limit_seconds = request.time_limit_seconds;
  options.seed = request.seed;
  options.threads = request.threads;
  options.fill_only = request.fill_only;
  options.lns_rounds = request.search_rounds;
  options.use_lp = request.use_lp;
  options.should_stop = [deadline] { return std::chrono::steady_clock::now() >= deadline; };
  auto solved = match::solve_schedule(*instance, options);
  if (!solved) return solved.error();
  ScheduleOutcome out;
  out.instance = std::move(*instance);
  out.result = std::move(*solved);
  io::ScheduleJsonExtras extras;
  extras.seed = request.seed;
  extras.time_limit_seconds = request.time_limit_seconds;
  extras.fill_only = request.fill_only;
  out.schedule_json = io::match_schedule_json(out.instance, out.result, extras);
  out.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

core::Result<ScheduleOutcome> schedule_match_file(const std::string& path,
                                                  const ScheduleRequest& request) {
  auto text = io::read_text_file(path);
  if (!text) return text.error();
  return schedule_match_text(*text, path, request);
}

core::Result<CheckOutcome> check_match_text(const std::string& instance_json,
                                            const std::string& instance_source,
                                            const std::string& schedule_json,
                                            const std::string& schedule_source) {
  auto instance = io::parse_match_instance(instance_json, instance_source);
  if (!instance) return instance.error();
  auto schedule = io::parse_match_schedule(schedule_json, schedule_source, *instance);
  if (!schedule) return schedule.error();
  CheckOutcome out;
  out.report = match::check_schedule(*instance, schedule->meetings);
  if (!schedule->instance.empty() && schedule->instance != instance->name) {
    out.report.violations.insert(
        out.report.violations.begin(),
        "schedule is for instance '" + schedule->instance + "', not '" + instance->name + "'");
  }
  out.instance = std::move(*instance);
  out.report_json = io::match_check_json(out.instance, out.report);
  return out;
}

core::Result<CheckOutcome> check_match_files(const std::string& instance_path,
                                             const std::string& schedule_path) {
  auto instance = io::read_text_file(instance_path);
  if (!instance) return instance.error();
  auto schedule = io::read_text_file(schedule_path);
  if (!schedule) return schedule.error();
  return check_match_text(*instance, instance_path, *schedule, schedule_path);
}

}  // namespace urbanmine::engine
