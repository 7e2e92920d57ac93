// SPDX-License-Identifier: Apache-2.0
// Partnering events over the store, with scheduling and rescheduling (see events.h).
#include "engine/events.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "io/match_json.h"

namespace urbanmine::engine {
namespace {

constexpr std::size_t kMaxIdDigits = 17;

std::optional<std::int64_t> store_id(const std::string& id) {
  if (id.size() < 2 || id.size() > kMaxIdDigits + 1 || id[0] != 'e') return std::nullopt;
  std::int64_t n = 0;
  for (std::size_t i = 1; i < id.size(); ++i) {
    if (id[i] < '0' || id[i] > '9') return std::nullopt;
    n = n * 10 + (id[i] - '0');
  }
  return n;
}

core::Error no_event(const std::string& id) {
  return core::Error::not_found("no event '" + id + "'", id,
                                "list the events with GET /api/events");
}

Event from_record(const io::EventRecord& r) {
  Event e;
  e.id = "e" + std::to_string(r.id);
  e.name = r.name;
  e.instance_json = r.instance_json;
  e.schedule_json = r.schedule_json;
  e.agenda_sequence = std::max(r.schedule_sequence, 0);
  return e;
}

// A schedule edited by hand, read against the event's instance. An id the event does not have
// is an error here: the checker would list it, but such a meeting can be neither kept nor
// locked.
core::Result<match::Schedule> edited_schedule(const std::string& schedule_json,
                                              const std::string& source, const std::string& id,
                                              const match::Instance& instance) {
  auto schedule = io::parse_match_schedule(schedule_json, source, instance);
  if (!schedule) return schedule.error();
  if (!schedule->unknown_ids.empty()) {
    const auto& [meeting, who] = schedule->unknown_ids.front();
    return core::Error::invalid_input(
        "no participant '" + who + "'", source + ": $.meetings[" + std::to_string(meeting) + "]",
        "use participant ids of the event (GET /api/events/" + id + "/instance)");
  }
  return schedule;
}

// The scheduler names locked meetings by their place in the instance's previous_schedule; the
// organiser sent them as the edited schedule's meetings, and reads them by who meets when.
core::Error as_edited_meeting(core::Error error, const std::string& event_source,
                              const std::string& source, const match::Instance& instance) {
  auto rename = [](std::string& text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  };
  const std::string from = "$.previous_schedule[";
  for (auto at = error.message.find(from); at != std::string::npos;
       at = error.message.find(from, at + 1)) {
    const auto close = error.message.find(']', at);
    if (close == std::string::npos) break;
    const std::string digits = error.message.substr(at + from.size(), close - at - from.size());
    if (digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    const std::size_t q = std::stoul(digits);
    if (q >= instance.previous_schedule.size()) continue;
    const match::Meeting& m = instance.previous_schedule[q];
    error.message.insert(close + 1, " (" + instance.participants[m.k].id + "-" +
                                        instance.participants[m.f].id + ", slot " +
                                        std::to_string(m.slot) + ", table " +
                                        std::to_string(m.table) + ")");
  }
  rename(error.location, event_source + ": $.previous_schedule", source + ": $.meetings");
  rename(error.location, "$.previous_schedule", source + ": $.meetings");
  rename(error.message, "$.previous_schedule", "$.meetings");
  return error;
}

}  // namespace

core::Result<std::unique_ptr<EventService>> EventService::open(const std::string& db_path) {
  auto store = io::Store::open(db_path.empty() ? ":memory:" : db_path);
  if (!store) return store.error();
  return std::unique_ptr<EventService>(new EventService(std::move(*store)));
}

core::Result<Event> EventService::store_instance(const std::string& instance_json,
                                                 const match::Instance& instance) {
  std::vector<io::EventParticipant> participants;
  participants.reserve(instance.participants.size());
  for (const auto& p : instance.participants) {
    participants.push_back(
        {p.id, p.side == match::Side::kKorean ? "K" : "F", p.country, p.org_type});
  }
  core::Result<std::int64_t> id = std::int64_t{0};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    id = store_->create_event(instance.name.empty() ? "event" : instance.name, instance_json,
                              participants);
  }
  if (!id) return id.error();
  return get("e" + std::to_string(*id));
}

core::Result<Event> EventService::add_instance(const std::string& instance_json,
                                               const std::string& source) {
  auto instance = io::parse_match_instance(instance_json, source);
  if (!instance) return instance.error();
  return store_instance(instance_json, *instance);
}

core::Result<Event> EventService::add_scored(const std::string& profiles_text,
                                             const std::string& source,
                                             const ScoreRequest& request) {
  auto scored = score_match_text(profiles_text, source, request);
  if (!scored) return scored.error();
  return store_instance(scored->instance_json, scored->instance);
}

core::Result<Event> EventService::get(const std::string& id) const {
  const auto number = store_id(id);
  if (!number) return no_event(id);
  core::Result<io::EventRecord> record = io::EventRecord{};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    record = store_->get_event(*number);
  }
  if (!record) {
    if (record.error().code == core::ErrorCode::kNotFound) return no_event(id);
    return record.error();
  }
  return from_record(*record);
}

core::Result<std::vector<Event>> EventService::list() const {
  core::Result<std::vector<io::EventRecord>> records = std::vector<io::EventRecord>{};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    records = store_->list_events();
  }
  if (!records) return records.error();
  std::vector<Event> out;
  out.reserve(records->size());
  for (const auto& r : *records) out.push_back(from_record(r));
  return out;
}

core::Result<std::vector<std::pair<std::string, std::string>>> EventService::met_pairs(
    const std::vector<GivenId>& ids) const {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& given : ids) {
    auto event = scheduled(given.id);
    if (!event) {
      core::Error e = event.error();
      e.location = given.location;
      return e;
    }
    auto met = io::schedule_meeting_ids(event->schedule_json, "event " + event->id);
    if (!met) return met.error();
    pairs.insert(pairs.end(), met->begin(), met->end());
  }
  return pairs;
}

core::Result<Event> EventService::scheduled(const std::string& id) const {
  auto e = get(id);
  if (!e) return e.error();
  if (e->schedule_json.empty()) {
    return core::Error{core::ErrorCode::kConflict, "event " + e->id + " has no schedule yet",
                       "make one with POST /api/events/" + e->id + "/schedule", e->id};
  }
  return e;
}

core::Result<ScheduleOutcome> EventService::schedule_and_keep(const Event& event,
                                                              const std::string& instance_json,
                                                              const ScheduleRequest& request) {
  auto outcome = schedule_match_text(instance_json, "event " + event.id, request);
  if (!outcome) return outcome.error();
  return keep(event, instance_json, std::move(*outcome));
}

core::Result<ScheduleOutcome> EventService::keep(const Event& event,
                                                 const std::string& instance_json,
                                                 ScheduleOutcome outcome) {
  const auto number = store_id(event.id);
  if (!number) return core::Error::internal("event id " + event.id + " is not a store id");
  core::Result<int> sequence = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    sequence = store_->add_event_schedule(*number, instance_json, outcome.schedule_json);
  }
  if (!sequence) return sequence.error();
  return outcome;
}

core::Result<ScheduleOutcome> EventService::schedule(const std::string& id,
                                                     const ScheduleRequest& request) {
  auto e = get(id);
  if (!e) return e.error();
  return schedule_and_keep(*e, e->instance_json, request);
}

core::Result<ScheduleOutcome> EventService::reschedule(const std::string& id,
                                                       const RescheduleRequest& request) {
  auto e = scheduled(id);
  if (!e) return e.error();
  auto instance = io::parse_match_instance(e->instance_json, "event " + e->id);
  if (!instance) return instance.error();
  match::Instance& inst = *instance;
  // The rescheduling variant of the instance format (tests/data/match/README.md): cancelled
  // participants have no slot left, the previous schedule's meetings may stay in place.
  for (const auto& given : request.cancelled) {
    const auto it = std::find_if(inst.participants.begin(), inst.participants.end(),
                                 [&](const match::Participant& p) { return p.id == given.id; });
    if (it == inst.participants.end()) {
      return core::Error::invalid_input(
          "no participant '" + given.id + "'", given.location,
          "use participant ids of the event (GET /api/events/" + e->id + "/instance)");
    }
    it->available.clear();
    const int index = static_cast<int>(it - inst.participants.begin());
    if (std::find(inst.cancelled.begin(), inst.cancelled.end(), index) == inst.cancelled.end()) {
      inst.cancelled.push_back(index);
    }
  }
  if (request.keep_bonus) {
    if (*request.keep_bonus < 0) {
      return core::Error::invalid_input("keep_bonus must be 0 or more", request.keep_bonus_location,
                                        "e.g. 40");
    }
    inst.keep_bonus = *request.keep_bonus;
  } else if (inst.keep_bonus == 0 && inst.previous_schedule.empty()) {
    return core::Error::invalid_input(
        "missing required field 'keep_bonus'", request.keep_bonus_location,
        "give the value of keeping a meeting in its slot, e.g. 40 (the reference rescheduling "
        "instance's value)");
  }
  auto previous = io::parse_match_schedule(e->schedule_json, "schedule of " + e->id, inst);
  if (!previous) return previous.error();
  inst.previous_schedule = previous->meetings;
  return schedule_and_keep(*e, io::match_instance_json(inst), request.schedule);
}

core::Result<ScheduleOutcome> EventService::save_schedule(const std::string& id,
                                                          const std::string& schedule_json,
                                                          const std::string& source) {
  auto e = get(id);
  if (!e) return e.error();
  auto instance = io::parse_match_instance(e->instance_json, "event " + e->id);
  if (!instance) return instance.error();
  auto edited = edited_schedule(schedule_json, source, e->id, *instance);
  if (!edited) return edited.error();
  const match::CheckReport report = match::check_schedule(*instance, edited->meetings);
  if (!report.feasible()) {
    const std::size_t n = report.violations.size();
    std::string message = "the schedule breaks " + std::to_string(n) +
                          (n == 1 ? " rule: " : " rules; the first: ") + report.violations.front();
    return core::Error{core::ErrorCode::kInfeasible, std::move(message),
                       "move or remove those meetings (POST /api/events/" + e->id +
                           "/check lists every one), or lock the ones to keep and re-optimise "
                           "the rest (POST /api/events/" +
                           e->id + "/reoptimise)",
                       source};
  }
  ScheduleOutcome out;
  out.result.meetings = edited->meetings;
  // The checker found interpreters for every meeting that needs one; name them (the edit's own
  // choices are kept when they still fit).
  if (!match::assign_interpreters(*instance, out.result.meetings)) {
    return core::Error::internal("no interpreters for a schedule the checker accepted");
  }
  std::sort(out.result.meetings.begin(), out.result.meetings.end(),
            [](const match::Meeting& a, const match::Meeting& b) {
              return std::tie(a.slot, a.table) < std::tie(b.slot, b.table);
            });
  out.result.objective = report.objective;
  out.result.method = "manual";
  out.result.bound_method = "none";
  // The latest schedule was made for this same instance, so its proven bound holds here too.
  if (!e->schedule_json.empty()) {
    auto latest = io::parse_match_schedule(e->schedule_json, "schedule of " + e->id, *instance);
    const long long total = report.objective.total();
    if (latest && !latest->bound_method.empty() && latest->upper_bound >= total) {
      out.result.upper_bound = latest->upper_bound;
      out.result.bound_method = latest->bound_method;
      out.result.proven_optimal = latest->upper_bound == total;
      out.result.gap = latest->upper_bound > 0 ? static_cast<double>(latest->upper_bound - total) /
                                                     static_cast<double>(latest->upper_bound)
                                               : 0.0;
    }
  }
  out.schedule_json = io::match_schedule_json(*instance, out.result, {});
  out.instance = std::move(*instance);
  return keep(*e, e->instance_json, std::move(out));
}

core::Result<ScheduleOutcome> EventService::reoptimise(const std::string& id,
                                                       const std::string& schedule_json,
                                                       const std::string& source,
                                                       const ReoptimiseRequest& request) {
  auto e = get(id);
  if (!e) return e.error();
  const std::string event_source = "event " + e->id;
  auto instance = io::parse_match_instance(e->instance_json, event_source);
  if (!instance) return instance.error();
  if (request.keep_bonus < 0 || request.keep_bonus > match::kMaxWeight) {
    return core::Error::invalid_input("keep_bonus must be 0 to 10^9", source + ": $.keep_bonus",
                                      "0 re-optimises the unlocked meetings freely; e.g. 40 "
                                      "prefers leaving them where they are");
  }
  auto edited = edited_schedule(schedule_json, source, e->id, *instance);
  if (!edited) return edited.error();
  // The rescheduling variant: the edit is the previous schedule, its locked meetings stay.
  match::Instance& inst = *instance;
  inst.previous_schedule = edited->meetings;
  inst.keep_bonus = request.keep_bonus;
  const std::string instance_json = io::match_instance_json(inst);
  auto outcome = schedule_match_text(instance_json, event_source, request.schedule);
  if (!outcome) return as_edited_meeting(outcome.error(), event_source, source, inst);
  return keep(*e, instance_json, std::move(*outcome));
}

core::Result<CheckOutcome> EventService::check(const std::string& id,
                                               const std::string& schedule_json,
                                               const std::string& source) const {
  auto e = get(id);
  if (!e) return e.error();
  if (!schedule_json.empty()) {
    return check_match_text(e->instance_json, "event " + e->id, schedule_json, source);
  }
  if (e->schedule_json.empty()) {
    return core::Error::invalid_input("no schedule to check", source,
                                      "send a schedule ({\"meetings\": [...]}) or make one first");
  }
  return check_match_text(e->instance_json, "event " + e->id, e->schedule_json,
                          "schedule of " + e->id);
}

core::Result<std::vector<match::AgendaFile>> EventService::agendas(
    const std::string& id, match::AgendaOptions options) const {
  auto e = scheduled(id);
  if (!e) return e.error();
  options.sequence = e->agenda_sequence;
  return agenda_match_text(e->instance_json, "event " + e->id, e->schedule_json,
                           "schedule of " + e->id, options);
}

}  // namespace urbanmine::engine
