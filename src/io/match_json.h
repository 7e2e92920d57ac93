// SPDX-License-Identifier: Apache-2.0
// JSON I/O of the match module: `match-instance/1` instances, schedules (the reference
// `{"instance", "meetings"}` object plus objective, bound and solver fields), check reports.
// Formats: docs/formats/match-instance.md and docs/formats/match-schedule.md. Every error names
// the source and the JSON path of the offending entry (e.g. "inst.json: $.pairs[3].k").
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "match/instance.h"
#include "match/max_min.h"
#include "match/objective.h"
#include "match/scheduler.h"
#include "match/scoring.h"

namespace urbanmine::io {

core::Result<match::Instance> parse_match_instance(const std::string& json_text,
                                                   const std::string& source);

// Meetings whose ids are unknown keep index -1 (the checker reports them); structural errors
// (not an object, missing or mistyped fields) are errors.
core::Result<match::Schedule> parse_match_schedule(const std::string& json_text,
                                                   const std::string& source,
                                                   const match::Instance& instance);

// The (k, f) participant ids of every meeting of a match-schedule/1 document, without an
// instance (an earlier event's schedule read as "met before" history). Errors name the JSON path.
core::Result<std::vector<std::pair<std::string, std::string>>> schedule_meeting_ids(
    const std::string& json_text, const std::string& source);

// The instance as `match-instance/1` JSON (compact, one line per top-level list entry).
std::string match_instance_json(const match::Instance& instance);

struct ScheduleJsonExtras {
  std::uint64_t seed = 1;
  double time_limit_seconds = 0.0;
  bool fill_only = false;
  const match::MaxMinReport* max_min = nullptr;  // written as "fairness" when given
};

std::string match_schedule_json(const match::Instance& instance, const match::SolveResult& result,
                                const ScheduleJsonExtras& extras);

// {"instance", "feasible", "violations": [...], "objective", "pair_weight", "fairness", ...}
std::string match_check_json(const match::Instance& instance, const match::CheckReport& report);

// Participant profiles (docs/formats/match-profiles.md) with their meeting requests.
struct MatchProfiles {
  std::vector<match::Participant> participants;
  std::vector<match::Request> requests;
  std::vector<match::Veto> vetoes;  // "no thanks" lists of the participants
  match::SessionLayout layout;      // from the JSON "event" object; CSV leaves the defaults
  std::vector<match::Interpreter> interpreters;  // JSON "interpreters"; CSV: a file of its own
};

// Interpreters as CSV: columns id, languages (';'-separated ISO 639-1 codes), optional available
// (slot ids and ranges "0-7;10"; empty or "all" = every slot). Errors name "file:line:column".
core::Result<std::vector<match::Interpreter>> parse_interpreters_csv(const std::string& csv_text,
                                                                     const std::string& source,
                                                                     int slot_count);

// CSV: one row per participant; lists are ';'-separated; `available` holds slot ids and ranges
// ("0-7;10"), empty or "all" = every slot; `requests` holds "ID:PRIORITY" items. Errors name
// "file:line:column". `slot_count` resolves "all".
core::Result<MatchProfiles> parse_match_profiles_csv(const std::string& csv_text,
                                                     const std::string& source, int slot_count);
// JSON: {"format": "match-profiles/1", "event": {...}, "participants": [{..., "requests":
// [{"to", "priority"}]}]}; a missing `available` = every slot. `slot_count` is used when the
// file has no event.slots.
core::Result<MatchProfiles> parse_match_profiles_json(const std::string& json_text,
                                                      const std::string& source, int slot_count);

// Country opportunity scores: CSV with columns country, opportunity_score (0..1).
core::Result<std::map<std::string, double>> parse_opportunity_csv(const std::string& csv_text,
                                                                  const std::string& source);

}  // namespace urbanmine::io
