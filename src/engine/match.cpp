// SPDX-License-Identifier: Apache-2.0
// Engine facade of the match module: parses, solves or checks, and renders JSON.
#include "engine/match.h"

#include <chrono>
#include <cstdio>

#include "io/data_dir.h"
#include "io/files.h"
#include "io/match_json.h"
#include "io/match_timezone.h"
#include "io/risk_data.h"

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
  ScheduleOutcome out;
  if (request.max_min) {
    auto solved = match::solve_max_min(*instance, options);
    if (!solved) return solved.error();
    out.result = std::move(solved->result);
    out.max_min = std::move(solved->report);
  } else {
    auto solved = match::solve_schedule(*instance, options);
    if (!solved) return solved.error();
    out.result = std::move(*solved);
  }
  out.instance = std::move(*instance);
  io::ScheduleJsonExtras extras;
  extras.seed = request.seed;
  extras.time_limit_seconds = request.time_limit_seconds;
  extras.fill_only = request.fill_only;
  if (out.max_min) extras.max_min = &*out.max_min;
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
  for (auto it = schedule->unknown_ids.rbegin(); it != schedule->unknown_ids.rend(); ++it) {
    out.report.violations.insert(
        out.report.violations.begin(),
        "meeting " + std::to_string(it->first) + ": unknown participant id '" + it->second + "'");
  }
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

namespace urbanmine::engine {

namespace {

constexpr int kDefaultSlots = 16;
constexpr int kDefaultSlotMinutes = 15;
constexpr int kDefaultTables = 40;
constexpr const char* kDefaultTimezone = "Asia/Seoul";

}  // namespace

core::Result<ScoreOutcome> score_match_text(const std::string& profiles_text,
                                            const std::string& source,
                                            const ScoreRequest& request) {
  // The slot count must be known before availability "all" can be resolved: CLI first, then
  // the profiles file's event.slots (JSON), then the default.
  int slots = request.slots > 0 ? request.slots : kDefaultSlots;
  if (request.slots > match::kMaxSlots) {
    return core::Error::invalid_input("--slots " + std::to_string(request.slots) +
                                          " is above the limit " + std::to_string(match::kMaxSlots),
                                      "--slots", "give e.g. --slots 16");
  }
  if (request.tables > match::kMaxTablesPerSlot) {
    return core::Error::invalid_input(
        "--tables " + std::to_string(request.tables) + " is above the limit " +
            std::to_string(match::kMaxTablesPerSlot),
        "--tables", "give the tables the venue has, e.g. --tables 40");
  }
  if (!request.csv && request.slots <= 0) {
    auto probe = io::parse_match_profiles_json(profiles_text, source, kDefaultSlots);
    if (!probe) return probe.error();
    slots = probe->layout.slot_count;
  }
  auto profiles = request.csv ? io::parse_match_profiles_csv(profiles_text, source, slots)
                              : io::parse_match_profiles_json(profiles_text, source, slots);
  if (!profiles) return profiles.error();
  match::SessionLayout layout = profiles->layout;
  layout.slot_count = slots;
  if (!request.name.empty()) layout.name = request.name;
  if (layout.name.empty()) layout.name = "event";
  if (!request.start.empty()) layout.start = request.start;
  if (request.slot_minutes > 0) layout.slot_minutes = request.slot_minutes;
  if (layout.slot_minutes <= 0) layout.slot_minutes = kDefaultSlotMinutes;
  if (request.tables >= 0) layout.tables = request.tables;
  if (request.host_keeps_table) layout.host_keeps_table = true;
  if (request.max_consecutive_meetings >= 0) {
    layout.max_consecutive_meetings = request.max_consecutive_meetings;
  }
  if (layout.tables < 0) layout.tables = kDefaultTables;
  if (!request.date.empty()) layout.event.date = request.date;
  if (!request.timezone.empty()) layout.event.timezone = request.timezone;
  if (!request.title.empty()) layout.event.title = request.title;
  if (!request.location.empty()) layout.event.location = request.location;
  if (!layout.event.timezone.empty() && !io::is_known_timezone(layout.event.timezone)) {
    return core::Error::invalid_input(
        "time zone '" + layout.event.timezone + "' is not in the IANA time zone database",
        "--timezone or event.timezone", "give an IANA name such as Asia/Seoul or Europe/Brussels");
  }
  std::map<std::string, double> opportunity;
  if (!request.opportunity_csv.empty()) {
    auto parsed = io::parse_opportunity_csv(request.opportunity_csv, request.opportunity_source);
    if (!parsed) return parsed.error();
    opportunity = std::move(*parsed);
    // Profiles give ISO alpha-2 codes (KR), `market rank` writes alpha-3 (KOR): each score is
    // found under both spellings (data/country_codes.csv).
    auto codes = io::load_country_codes(io::default_data_dir() + "/country_codes.csv");
    if (!codes) return codes.error();
    std::map<std::string, double> both = opportunity;
    for (const auto& c : codes->all()) {
      if (auto it = opportunity.find(c.iso3); it != opportunity.end())
        both.emplace(c.iso2, it->second);
      if (auto it = opportunity.find(c.iso2); it != opportunity.end())
        both.emplace(c.iso3, it->second);
    }
    opportunity = std::move(both);
  }
  match::History history;
  history.met_before = request.met_before;
  history.factor = request.met_before_factor;
  const bool has_history = !request.met_before_schedules.empty() || !request.met_before.empty();
  auto instance = match::score_profiles(
      profiles->participants, profiles->requests, layout, request.rules,
      request.opportunity_csv.empty() ? nullptr : &opportunity, has_history ? &history : nullptr);
  if (!instance) {
    core::Error e = instance.error();
    e.location = source + ": " + e.location;
    return e;
  }
  if (auto vetoed = match::apply_vetoes(*instance, profiles->vetoes); !vetoed) {
    core::Error e = vetoed.error();
    e.location = source + ": " + e.location;
    return e;
  }
  // Interpreters: the profiles' own, then the table's; checked as the instance checks them.
  instance->interpreters = profiles->interpreters;
  if (!request.interpreters_csv.empty()) {
    auto table =
        io::parse_interpreters_csv(request.interpreters_csv, request.interpreters_source, slots);
    if (!table) return table.error();
    instance->interpreters.insert(instance->interpreters.end(), table->begin(), table->end());
  }
  instance->table_seats = request.table_seats;
  if (const core::Diagnostics diag = match::validate_instance(*instance); diag.has_errors()) {
    core::Error e = diag.to_error();
    // "$.interpreters[N]..." past the profiles' own interpreters is a row of the table.
    const std::string prefix = "$.interpreters[";
    const std::size_t own = profiles->interpreters.size();
    std::size_t n = 0;
    if (e.location.rfind("$.table_seats", 0) == 0) {
      e.location = "--table-seats (" + e.location + ")";
    } else if (e.location.rfind(prefix, 0) == 0 &&
               std::sscanf(e.location.c_str() + prefix.size(), "%zu", &n) == 1 && n >= own) {
      e.location = request.interpreters_source + ": interpreter row " +
                   std::to_string(n - own + 1) + " (" + e.location + ")";
    } else {
      e.location = source + ": " + e.location;
    }
    return e;
  }
  ScoreOutcome out;
  out.instance = std::move(*instance);
  out.instance_json = io::match_instance_json(out.instance);
  return out;
}

core::Result<ScoreOutcome> score_match_file(const std::string& path,
                                            const std::string& opportunity_path,
                                            ScoreRequest request) {
  auto text = io::read_text_file(path);
  if (!text) return text.error();
  const auto dot = path.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (ext != "csv" && ext != "json") {
    return core::Error::invalid_input("profiles file must end in .csv or .json", path,
                                      "rename the file or convert it");
  }
  request.csv = ext == "csv";
  if (!opportunity_path.empty()) {
    auto opp = io::read_text_file(opportunity_path);
    if (!opp) return opp.error();
    request.opportunity_csv = *opp;
    request.opportunity_source = opportunity_path;
  }
  if (!request.interpreters_source.empty() && request.interpreters_csv.empty()) {
    auto table = io::read_text_file(request.interpreters_source);
    if (!table) return table.error();
    request.interpreters_csv = *table;
  }
  for (const auto& schedule_path : request.met_before_schedules) {
    auto schedule = io::read_text_file(schedule_path);
    if (!schedule) return schedule.error();
    auto pairs = io::schedule_meeting_ids(*schedule, schedule_path);
    if (!pairs) return pairs.error();
    request.met_before.insert(request.met_before.end(), pairs->begin(), pairs->end());
  }
  return score_match_text(*text, path, request);
}

core::Result<FeasibleSchedule> feasible_schedule_text(const std::string& instance_json,
                                                      const std::string& instance_source,
                                                      const std::string& schedule_json,
                                                      const std::string& schedule_source) {
  auto checked = check_match_text(instance_json, instance_source, schedule_json, schedule_source);
  if (!checked) return checked.error();
  if (!checked->report.feasible()) {
    return core::Error::invalid_input(
        "the schedule violates " + std::to_string(checked->report.violations.size()) +
            " constraint(s), first: " + checked->report.violations.front(),
        schedule_source, "run `urbanmine match check` and fix or re-run the schedule");
  }
  auto schedule = io::parse_match_schedule(schedule_json, schedule_source, checked->instance);
  if (!schedule) return schedule.error();
  return FeasibleSchedule{std::move(checked->instance), std::move(*schedule)};
}

core::Result<std::vector<match::AgendaFile>> agenda_match_text(
    const std::string& instance_json, const std::string& instance_source,
    const std::string& schedule_json, const std::string& schedule_source,
    const match::AgendaOptions& options) {
  auto checked =
      feasible_schedule_text(instance_json, instance_source, schedule_json, schedule_source);
  if (!checked) return checked.error();
  match::AgendaOptions resolved = options;
  if (resolved.zone.tzid.empty()) {
    std::string tz = options.timezone.empty() ? checked->instance.event.timezone : options.timezone;
    if (tz.empty()) tz = kDefaultTimezone;
    const std::string date = options.date.empty() ? checked->instance.event.date : options.date;
    auto zone = io::agenda_zone(tz, date);
    if (!zone) return zone.error();
    resolved.zone = std::move(*zone);
  }
  return match::build_agendas(checked->instance, checked->schedule.meetings, resolved);
}

core::Result<std::vector<match::AgendaFile>> agenda_match_files(
    const std::string& instance_path, const std::string& schedule_path,
    const match::AgendaOptions& options) {
  auto instance = io::read_text_file(instance_path);
  if (!instance) return instance.error();
  auto schedule = io::read_text_file(schedule_path);
  if (!schedule) return schedule.error();
  return agenda_match_text(*instance, instance_path, *schedule, schedule_path, options);
}

}  // namespace urbanmine::engine
