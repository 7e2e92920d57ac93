// SPDX-License-Identifier: Apache-2.0
// Engine facade of the match module, used by `urbanmine match ...` and the HTTP server: text in
// (JSON or CSV documents with a `source` name for error locations), structs and text out. No
// function here writes files.
// Example: auto out = engine::schedule_match_file("tests/data/match/small-s1.json", {});
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "match/agenda.h"
#include "match/instance.h"
#include "match/max_min.h"
#include "match/objective.h"
#include "match/scheduler.h"
#include "match/scoring.h"

namespace urbanmine::engine {

using match::agenda_file_stem;  // an agenda's file name for a participant id

struct ScheduleRequest {
  double time_limit_seconds = 10.0;  // wall-clock cap, > 0
  std::uint64_t seed = 1;
  int threads = 2;          // 1 or 2
  bool fill_only = false;   // rescheduling: keep surviving previous meetings, fill gaps
  int search_rounds = 400;  // perturbation rounds per search thread
  bool use_lp = true;       // false: search only, trivial bound (benchmarks)
  // Max-min fairness first (match/max_min.h): the most meetings every participant is
  // guaranteed, then the objective.
  bool max_min = false;
};

struct ScheduleOutcome {
  match::Instance instance;
  match::SolveResult result;
  std::optional<match::MaxMinReport> max_min;  // with ScheduleRequest::max_min
  std::string schedule_json;                   // the schedule file (docs/formats/match-schedule.md)
  double wall_seconds = 0.0;
};

core::Result<ScheduleOutcome> schedule_match_text(const std::string& instance_json,
                                                  const std::string& source,
                                                  const ScheduleRequest& request);
core::Result<ScheduleOutcome> schedule_match_file(const std::string& path,
                                                  const ScheduleRequest& request);

struct CheckOutcome {
  match::Instance instance;
  match::CheckReport report;
  std::string report_json;
};

core::Result<CheckOutcome> check_match_text(const std::string& instance_json,
                                            const std::string& instance_source,
                                            const std::string& schedule_json,
                                            const std::string& schedule_source);
core::Result<CheckOutcome> check_match_files(const std::string& instance_path,
                                             const std::string& schedule_path);

// `match score`: profiles (CSV or JSON) -> match-instance/1 JSON text.
struct ScoreRequest {
  bool csv = false;             // profiles format; the file helper picks it by extension
  std::string opportunity_csv;  // optional country,opportunity_score table (text)
  std::string opportunity_source;
  // Optional interpreters table (text; io::parse_interpreters_csv), added to the profiles' own.
  std::string interpreters_csv;
  std::string interpreters_source;
  // Session layout: fields left at their "unset" value keep what the profiles file says.
  std::string name;                   // instance name; empty = profiles event name or "event"
  int slots = 0;                      // 0 = profiles file or 16
  std::string start;                  // "" = profiles file or 14:00
  int slot_minutes = 0;               // 0 = profiles file or 15
  int tables = -1;                    // -1 = profiles file or 40
  bool host_keeps_table = false;      // true: every K keeps one table (else the profiles file's)
  int max_consecutive_meetings = -1;  // forced breaks; -1 = profiles file or none
  std::vector<int> table_seats;       // chairs per table number; empty = sizes not given
  std::string date, timezone, title, location;
  match::ScoringRules rules;
  // "Met before": match-schedule/1 files of earlier events (their meetings' k and f ids), and
  // the factor on the weight of an unrequested pair that met there (match::History).
  std::vector<std::string> met_before_schedules;  // file paths (score_match_file reads them)
  std::vector<std::pair<std::string, std::string>> met_before;  // (K id, F id), filled from them
  double met_before_factor = 0.0;
};

struct ScoreOutcome {
  match::Instance instance;
  std::string instance_json;
};

core::Result<ScoreOutcome> score_match_text(const std::string& profiles_text,
                                            const std::string& source, const ScoreRequest& request);
// Reads PROFILES (.csv or .json) and, if `opportunity_path` is not empty, the opportunity CSV.
core::Result<ScoreOutcome> score_match_file(const std::string& path,
                                            const std::string& opportunity_path,
                                            ScoreRequest request);

// An instance and a schedule that `match check` finds feasible, parsed; an infeasible schedule
// is kInvalidInput naming its first violation (agendas and deal sheets are made only of these).
struct FeasibleSchedule {
  match::Instance instance;
  match::Schedule schedule;
};
core::Result<FeasibleSchedule> feasible_schedule_text(const std::string& instance_json,
                                                      const std::string& instance_source,
                                                      const std::string& schedule_json,
                                                      const std::string& schedule_source);

// `match agenda`: files (name and content) for a schedule; nothing is written here.
core::Result<std::vector<match::AgendaFile>> agenda_match_text(const std::string& instance_json,
                                                               const std::string& instance_source,
                                                               const std::string& schedule_json,
                                                               const std::string& schedule_source,
                                                               const match::AgendaOptions& options);
core::Result<std::vector<match::AgendaFile>> agenda_match_files(
    const std::string& instance_path, const std::string& schedule_path,
    const match::AgendaOptions& options);

}  // namespace urbanmine::engine
