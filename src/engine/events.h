// SPDX-License-Identifier: Apache-2.0
// Partnering events kept in the SQLite store (io::Store, schema 3): an event is a scored
// match-instance/1 (from participant profiles, like `urbanmine match score`, or uploaded as is)
// with every schedule made for it. The service owns scheduling and rescheduling after
// cancellations (the instance's rescheduling variant: cancelled participants lose their slots,
// the previous schedule and a keep bonus for each meeting left in place), so every front end
// reschedules the same way; the HTTP server's /api/events routes call it.
//
// Example: auto events = EventService::open("urbanmine.db");
//          auto e = (*events)->add_scored(profiles_csv, "profiles.csv", {.csv = true});
//          auto s = (*events)->schedule(e->id, {});
//          auto r = (*events)->reschedule(e->id, {.cancelled = {{"F0007", "cancelled[0]"}},
//                                                 .keep_bonus = 40});
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "engine/match.h"
#include "io/store.h"

namespace urbanmine::engine {

struct Event {
  std::string id;  // "e" + the store's event id
  std::string name;
  std::string instance_json;  // match-instance/1 the latest schedule was made for (or uploaded)
  std::string schedule_json;  // match-schedule/1 of the latest schedule; empty until scheduled
  int agenda_sequence = 0;    // ICS SEQUENCE: the schedule's number (0 first, +1 each new one)
};

// A participant id as given, with where it came from ("request body: $.cancelled[0]").
struct GivenId {
  std::string id;
  std::string location;
};

struct RescheduleRequest {
  std::vector<GivenId> cancelled;
  // Value of keeping a meeting in its slot; empty = the instance's own (an error when it has
  // none: the first reschedule must give one).
  std::optional<long long> keep_bonus;
  std::string keep_bonus_location = "keep_bonus";
  ScheduleRequest schedule;
};

// The organiser's edit screen: "re-optimise the rest" of a schedule edited by hand.
struct ReoptimiseRequest {
  // Value of leaving an unlocked meeting in the slot the edit gave it; 0 (default) re-optimises
  // the unlocked meetings freely.
  long long keep_bonus = 0;
  ScheduleRequest schedule;
};

class EventService {
 public:
  // ":memory:" or an empty path keeps the events for the process only.
  static core::Result<std::unique_ptr<EventService>> open(const std::string& db_path);

  // A match-instance/1 document, checked by the same reader as `match check`.
  core::Result<Event> add_instance(const std::string& instance_json, const std::string& source);
  // Participant profiles (CSV or JSON) scored into an instance as `match score` does.
  core::Result<Event> add_scored(const std::string& profiles_text, const std::string& source,
                                 const ScoreRequest& request);
  // Errors: NotFound for an unknown id.
  core::Result<Event> get(const std::string& id) const;
  // "Met before" from the store: the (K id, F id) pairs of the latest schedule of each event of
  // `ids` (match::History). Errors name the id's location: NotFound for an unknown event,
  // Conflict for one not scheduled yet.
  core::Result<std::vector<std::pair<std::string, std::string>>> met_pairs(
      const std::vector<GivenId>& ids) const;
  core::Result<std::vector<Event>> list() const;

  // Makes a schedule for the event's instance and keeps it as the event's latest.
  core::Result<ScheduleOutcome> schedule(const std::string& id, const ScheduleRequest& request);
  // The rescheduling variant of the event's instance solved again and kept. Errors: Conflict
  // when the event has no schedule yet, InvalidInput naming an unknown participant's location
  // or a missing keep bonus.
  core::Result<ScheduleOutcome> reschedule(const std::string& id, const RescheduleRequest& request);
  // A schedule edited by hand (match-schedule/1 or {"meetings": [...]}, ids of the event) kept
  // as the event's latest when it breaks no rule; its bound is the latest schedule's (the same
  // instance), its method "manual". Errors: InvalidInput for an unreadable schedule or an
  // unknown id (the JSON path under `source`), Infeasible listing the rules it breaks.
  core::Result<ScheduleOutcome> save_schedule(const std::string& id,
                                              const std::string& schedule_json,
                                              const std::string& source);
  // The edited schedule's meetings flagged `locked` stay in their slot and table, the rest of
  // the event is scheduled again around them, and the result kept as the latest. Errors as
  // save_schedule's for the file; Infeasible when locked meetings clash or break a rule (the
  // location names the meeting under `source`).
  core::Result<ScheduleOutcome> reoptimise(const std::string& id, const std::string& schedule_json,
                                           const std::string& source,
                                           const ReoptimiseRequest& request);
  // Feasibility and objective of `schedule_json` for the event (empty: its own schedule).
  core::Result<CheckOutcome> check(const std::string& id, const std::string& schedule_json,
                                   const std::string& source) const;
  // Agenda files (CSV and ICS) of the event's schedule; the options' sequence is the event's.
  core::Result<std::vector<match::AgendaFile>> agendas(const std::string& id,
                                                       match::AgendaOptions options) const;

 private:
  explicit EventService(std::unique_ptr<io::Store> store) : store_(std::move(store)) {}
  core::Result<Event> store_instance(const std::string& instance_json,
                                     const match::Instance& instance);
  core::Result<Event> scheduled(const std::string& id) const;
  core::Result<ScheduleOutcome> schedule_and_keep(const Event& event,
                                                  const std::string& instance_json,
                                                  const ScheduleRequest& request);
  // Stores the outcome as the event's latest schedule (with the instance it was made for).
  core::Result<ScheduleOutcome> keep(const Event& event, const std::string& instance_json,
                                     ScheduleOutcome outcome);

  mutable std::mutex mutex_;  // one store connection, used by one thread at a time
  std::unique_ptr<io::Store> store_;
};

}  // namespace urbanmine::engine
