// SPDX-License-Identifier: Apache-2.0
// Event endpoints (partnering sessions), over the engine's match facade (engine/match.h): upload
// participant profiles (scored into candidate pairs, like `urbanmine match score`) or a
// match-instance/1 file, make the 1:1 schedule (`match schedule`), reschedule after
// cancellations (the instance's rescheduling variant: previous schedule, cancelled ids and a keep
// bonus), check any schedule (`match check`), and download agendas as CSV and ICS
// (`match agenda`). Events are kept in the SQLite store (io::Store, schema version 3: events,
// event_participants, event_schedules; in memory when the server has no --db), so they survive
// a restart like runs do; every schedule made is kept, the latest is the event's.
#include <algorithm>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "engine/match.h"
#include "io/json_reader.h"
#include "server/api.h"

namespace urbanmine::server {

namespace {

// Longest schedule search one request may ask for (the HTTP worker waits for it).
constexpr double kMaxScheduleSeconds = 60.0;

struct Event {
  std::string id;  // "e" + the store's event id
  std::string name;
  std::string instance_json;  // match-instance/1 of the latest schedule (or as uploaded)
  nlohmann::json instance;    // parsed, for slots and participants
  std::string schedule_json;  // match-schedule/1; empty until scheduled
  int agenda_sequence = 0;    // ICS SEQUENCE: the schedule's number (0 first, +1 each new one)
};

}  // namespace

// Events over the store. One connection, guarded by a mutex (io::Store is one per thread).
class EventStore {
 public:
  explicit EventStore(std::unique_ptr<io::Store> store) : store_(std::move(store)) {}

  core::Result<Event> add(const std::string& instance_json, const nlohmann::json& instance) {
    std::vector<io::EventParticipant> participants;
    for (const auto& p : instance.value("participants", nlohmann::json::array())) {
      participants.push_back({p.value("id", std::string()), p.value("side", std::string()),
                              p.value("country", std::string()),
                              p.value("org_type", std::string())});
    }
    core::Result<std::int64_t> id = std::int64_t{0};
    {
      std::lock_guard<std::mutex> lock(mutex_);
      id = store_->create_event(instance.value("name", std::string("event")), instance_json,
                                participants);
    }
    if (!id) return id.error();
    return get("e" + std::to_string(*id));
  }

  core::Result<Event> get(const std::string& id) const {
    const auto number = parse_id(id);
    if (!number) {
      return core::Error::not_found("no event '" + id + "'", id,
                                    "list the events with GET /api/events");
    }
    core::Result<io::EventRecord> record = io::EventRecord{};
    {
      std::lock_guard<std::mutex> lock(mutex_);
      record = store_->get_event(*number);
    }
    if (!record) {
      if (record.error().code == core::ErrorCode::kNotFound) {
        return core::Error::not_found("no event '" + id + "'", id,
                                      "list the events with GET /api/events");
      }
      return record.error();
    }
    return from_record(*record);
  }

  core::Result<std::vector<Event>> list() const {
    core::Result<std::vector<io::EventRecord>> records = std::vector<io::EventRecord>{};
    {
      std::lock_guard<std::mutex> lock(mutex_);
      records = store_->list_events();
    }
    if (!records) return records.error();
    std::vector<Event> out;
    for (const auto& r : *records) {
      auto e = from_record(r);
      if (!e) return e.error();
      out.push_back(std::move(*e));
    }
    return out;
  }

  // Keeps a new schedule (made for `instance_json`) as the event's latest.
  core::Result<Event> add_schedule(const Event& event, const std::string& instance_json,
                                   const std::string& schedule_json) {
    const auto number = parse_id(event.id);
    if (!number) return core::Error::internal("event id " + event.id + " is not a store id");
    core::Result<int> sequence = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      sequence = store_->add_event_schedule(*number, instance_json, schedule_json);
    }
    if (!sequence) return sequence.error();
    return get(event.id);
  }

 private:
  static std::optional<std::int64_t> parse_id(const std::string& id) {
    if (id.size() < 2 || id.size() > 18 || id[0] != 'e') return std::nullopt;
    std::int64_t n = 0;
    for (std::size_t i = 1; i < id.size(); ++i) {
      if (id[i] < '0' || id[i] > '9') return std::nullopt;
      n = n * 10 + (id[i] - '0');
    }
    return n;
  }

  static core::Result<Event> from_record(const io::EventRecord& r) {
    Event e;
    e.id = "e" + std::to_string(r.id);
    e.name = r.name;
    e.instance_json = r.instance_json;
    auto parsed = io::parse_json(r.instance_json, "stored instance of " + e.id);
    if (!parsed) return parsed.error();
    e.instance = std::move(*parsed);
    e.schedule_json = r.schedule_json;
    e.agenda_sequence = std::max(r.schedule_sequence, 0);
    return e;
  }

  mutable std::mutex mutex_;
  std::unique_ptr<io::Store> store_;
};

core::Result<std::shared_ptr<EventStore>> open_event_store(const std::string& db_path) {
  auto store = io::Store::open(db_path.empty() ? ":memory:" : db_path);
  if (!store) return store.error();
  return std::make_shared<EventStore>(std::move(*store));
}

namespace {

nlohmann::json event_json(const Event& e) {
  const auto& inst = e.instance;
  return {{"id", e.id},
          {"name", e.name},
          {"participants", inst.value("participants", nlohmann::json::array()).size()},
          {"pairs", inst.value("pairs", nlohmann::json::array()).size()},
          {"slots", inst.value("slots", nlohmann::json::array())},
          {"tables_per_slot", inst.value("tables_per_slot", nlohmann::json::array())},
          {"event", inst.value("event", nlohmann::json::object())},
          {"cancelled", inst.value("cancelled", nlohmann::json::array())},
          {"scheduled", !e.schedule_json.empty()}};
}

core::Result<Event> event_of(ApiState& state, const ApiRequest& request) {
  return state.events->get(request.path_param("id"));
}

core::Result<Event> scheduled_event(ApiState& state, const ApiRequest& request) {
  auto e = event_of(state, request);
  if (!e) return e.error();
  if (e->schedule_json.empty()) {
    return core::Error{core::ErrorCode::kConflict, "event " + e->id + " has no schedule yet",
                       "make one with POST /api/events/" + e->id + "/schedule", e->id};
  }
  return e;
}

core::Result<engine::ScheduleRequest> schedule_request(const nlohmann::json& body) {
  engine::ScheduleRequest req;
  if (!body.is_object()) return req;
  io::JsonReader r(body, "request body");
  if (r.has("time_limit_seconds")) {
    auto v = r.number("time_limit_seconds");
    if (!v) return v.error();
    if (*v <= 0.0 || *v > kMaxScheduleSeconds) {
      return r.error("time_limit_seconds", "time limit must be above 0 and at most 60 s",
                     "give e.g. 5");
    }
    req.time_limit_seconds = *v;
  }
  if (r.has("seed")) {
    auto v = r.integer("seed");
    if (!v) return v.error();
    if (*v < 0) return r.error("seed", "seed must be 0 or more", "give e.g. 1");
    req.seed = static_cast<std::uint64_t>(*v);
  }
  return req;
}

// The body, or {} when empty (these POSTs take optional settings).
core::Result<nlohmann::json> optional_body(const ApiRequest& request) {
  if (request.body().empty()) return nlohmann::json::object();
  return parse_body(request);
}

core::Result<Reply> schedule_reply(ApiState& state, const Event& event,
                                   const std::string& instance_json,
                                   const engine::ScheduleRequest& req) {
  auto outcome = engine::schedule_match_text(instance_json, "event " + event.id, req);
  if (!outcome) return outcome.error();
  auto stored = state.events->add_schedule(event, instance_json, outcome->schedule_json);
  if (!stored) return stored.error();
  return Reply::json(outcome->schedule_json);
}

// Now in UTC as an iCalendar DTSTAMP ("20261130T093000Z"): when the agenda was published.
std::string utc_dtstamp() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

core::Result<std::vector<match::AgendaFile>> agendas(const Event& e, const ApiRequest& request) {
  match::AgendaOptions options;
  options.date = request.query("date");
  options.timezone = request.query("timezone");
  options.sequence = e.agenda_sequence;
  options.dtstamp = request.has_query("dtstamp") ? request.query("dtstamp") : utc_dtstamp();
  auto files = engine::agenda_match_text(e.instance_json, "event " + e.id, e.schedule_json,
                                         "schedule of " + e.id, options);
  if (!files) {
    core::Error err = files.error();
    if (err.location.find("date") != std::string::npos ||
        err.message.find("date") != std::string::npos) {
      err.location = "query: date";
      if (err.hint.empty()) err.hint = "add ?date=YYYY-MM-DD (the day of the event)";
    }
    return err;
  }
  return files;
}

core::Result<Reply> agenda_file(const Event& e, const ApiRequest& request, const std::string& name,
                                const char* type) {
  auto files = agendas(e, request);
  if (!files) return files.error();
  for (const auto& f : *files) {
    if (f.name == name) return Reply::content(type, f.content, e.id + "-" + name);
  }
  return core::Error::not_found("no agenda file '" + name + "' in event " + e.id, name,
                                "participant ids are those of the schedule's meetings");
}

}  // namespace

void add_event_routes(RouteTable& routes, ApiState& state) {
  routes.add(
      {"POST",
       "/api/events",
       "events",
       "Upload an event: participant profiles (match-profiles, scored into candidate pairs like "
       "`urbanmine match score`) or a match-instance/1 file; answers 201 with the event",
       true,
       "match-profiles JSON or CSV (Content-Type: text/csv), or a match-instance/1 object "
       "(\"format\": \"match-instance/1\")",
       {},
       {kJsonType},
       [&state](const ApiRequest& request) -> core::Result<Reply> {
         std::string instance_json;
         nlohmann::json instance;
         // Profiles (CSV or JSON) are scored into an instance by the same facade as `match score`.
         auto adopt_scored = [&](const engine::ScoreRequest& options) -> core::Status {
           auto scored = engine::score_match_text(request.body(), "request body", options);
           if (!scored) return scored.error();
           instance_json = scored->instance_json;
           auto parsed = io::parse_json(scored->instance_json, "instance");
           if (!parsed) return parsed.error();
           instance = std::move(*parsed);
           return {};
         };
         auto store_event = [&]() -> core::Result<Reply> {
           auto stored = state.events->add(instance_json, instance);
           if (!stored) return stored.error();
           return Reply::json(to_json_text(event_json(*stored)), 201);
         };
         if (request.raw.get_header_value("Content-Type").rfind("text/csv", 0) == 0) {
           engine::ScoreRequest score;
           score.csv = true;
           URBANMINE_TRY_STATUS(adopt_scored(score));
           return store_event();
         }
         auto body = parse_body(request);
         if (!body) return body.error();
         if (!body->is_object()) {
           return core::Error::invalid_input("expected a JSON object", "request body: $",
                                             "send participant profiles or a match instance");
         }
         if (body->value("format", std::string()) == "match-instance/1") {
           // Validated by the facade's own reader (the same as `match check` uses).
           auto checked = engine::check_match_text(request.body(), "request body",
                                                   R"({"meetings": []})", "empty schedule");
           if (!checked) return checked.error();
           instance_json = request.body();
           instance = std::move(*body);
         } else {
           URBANMINE_TRY_STATUS(adopt_scored({}));
         }
         return store_event();
       },
       {kJsonType, "text/csv"}});
  routes.add({"GET",
              "/api/events",
              "events",
              "List events",
              false,
              "",
              {},
              {kJsonType},
              [&state](const ApiRequest&) -> core::Result<Reply> {
                auto events = state.events->list();
                if (!events) return events.error();
                nlohmann::json list = nlohmann::json::array();
                for (const auto& e : *events) list.push_back(event_json(e));
                return Reply::json(to_json_text({{"events", list}}));
              }});
  routes.add({"GET",
              "/api/events/{id}",
              "events",
              "One event: participants, pairs, slots, tables per slot, cancellations",
              false,
              "",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto e = event_of(state, request);
                if (!e) return e.error();
                return Reply::json(to_json_text(event_json(*e)));
              }});
  routes.add({"GET",
              "/api/events/{id}/instance",
              "events",
              "The event's match-instance/1 (scored candidate pairs with fit and weight)",
              false,
              "",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto e = event_of(state, request);
                if (!e) return e.error();
                return Reply::content(kJsonType, e->instance_json, e->id + "-instance.json");
              }});
  routes.add({"POST",
              "/api/events/{id}/schedule",
              "events",
              "Make the 1:1 schedule (like `urbanmine match schedule`); answers match-schedule/1",
              true,
              "optional {\"time_limit_seconds\": 10, \"seed\": 1}",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto e = event_of(state, request);
                if (!e) return e.error();
                auto body = optional_body(request);
                if (!body) return body.error();
                auto req = schedule_request(*body);
                if (!req) return req.error();
                return schedule_reply(state, *e, e->instance_json, *req);
              }});
  routes.add({"GET",
              "/api/events/{id}/schedule",
              "events",
              "The event's current schedule",
              false,
              "",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto e = scheduled_event(state, request);
                if (!e) return e.error();
                return Reply::json(e->schedule_json);
              }});
  routes.add(
      {"POST",
       "/api/events/{id}/reschedule",
       "events",
       "Reschedule after cancellations, keeping what it can: the cancelled participants lose "
       "their slots, every meeting kept in its slot earns keep_bonus",
       true,
       "{\"cancelled\": [\"F0007\", \"K0010\"], \"keep_bonus\": 40, \"time_limit_seconds\": 10}",
       {},
       {kJsonType},
       [&state](const ApiRequest& request) -> core::Result<Reply> {
         auto e = scheduled_event(state, request);
         if (!e) return e.error();
         auto body = parse_body(request);
         if (!body) return body.error();
         io::JsonReader r(*body, "request body");
         auto cancelled = r.string_array("cancelled");
         if (!cancelled) return cancelled.error();
         nlohmann::json inst = e->instance;
         long long keep_bonus = inst.value("objective", nlohmann::json::object())
                                    .value("keep_bonus", static_cast<long long>(-1));
         if (r.has("keep_bonus")) {
           auto v = r.integer("keep_bonus");
           if (!v) return v.error();
           if (*v < 0) return r.error("keep_bonus", "keep_bonus must be 0 or more", "e.g. 40");
           keep_bonus = *v;
         }
         if (keep_bonus < 0) {
           return r.error("keep_bonus", "missing required field 'keep_bonus'",
                          "give the value of keeping a meeting in its slot, e.g. 40 (the "
                          "reference rescheduling instance's value)");
         }
         auto req = schedule_request(*body);
         if (!req) return req.error();
         // The rescheduling variant of the instance format (tests/data/match/README.md).
         std::vector<std::string> all_cancelled =
             inst.value("cancelled", std::vector<std::string>{});
         for (std::size_t i = 0; i < cancelled->size(); ++i) {
           const std::string& who = (*cancelled)[i];
           bool known = false;
           for (auto& p : inst["participants"]) {
             if (p.value("id", std::string()) == who) {
               p["available"] = nlohmann::json::array();
               known = true;
             }
           }
           if (!known) {
             return core::Error::invalid_input(
                 "no participant '" + who + "'",
                 "request body: $.cancelled[" + std::to_string(i) + "]",
                 "use participant ids of the event (GET /api/events/" + e->id + "/instance)");
           }
           if (std::find(all_cancelled.begin(), all_cancelled.end(), who) == all_cancelled.end()) {
             all_cancelled.push_back(who);
           }
         }
         inst["cancelled"] = all_cancelled;
         inst["objective"]["keep_bonus"] = keep_bonus;
         auto previous = io::parse_json(e->schedule_json, "schedule");
         if (!previous) return previous.error();
         inst["previous_schedule"] = (*previous)["meetings"];
         return schedule_reply(state, *e, to_json_text(inst), *req);
       }});
  routes.add({"POST",
              "/api/events/{id}/check",
              "events",
              "Feasibility and objective of any schedule for the event (like `urbanmine match "
              "check`); without a body, of the event's own schedule",
              false,
              "optional match-schedule/1 ({\"meetings\": [...]})",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto e = event_of(state, request);
                if (!e) return e.error();
                std::string schedule = request.body();
                std::string source = "request body";
                if (schedule.empty()) {
                  if (e->schedule_json.empty()) {
                    return core::Error::invalid_input(
                        "no schedule to check", "request body: $",
                        "send a schedule ({\"meetings\": [...]}) or make one first");
                  }
                  schedule = e->schedule_json;
                  source = "schedule of " + e->id;
                }
                auto checked =
                    engine::check_match_text(e->instance_json, "event " + e->id, schedule, source);
                if (!checked) return checked.error();
                return Reply::json(checked->report_json);
              }});
  routes.add({"GET",
              "/api/events/{id}/agendas.csv",
              "events",
              "Every meeting of the schedule with times and tables, as CSV",
              false,
              "",
              {{"date", "event day YYYY-MM-DD (default: the event's date)"},
               {"timezone",
                "IANA time zone with a fixed offset (default: the event's, or "
                "Asia/Seoul)"}},
              {kCsvType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto e = scheduled_event(state, request);
                if (!e) return e.error();
                return agenda_file(*e, request, "meetings.csv", kCsvType);
              }});
  routes.add({"GET",
              "/api/events/{id}/agendas/{person}.csv",
              "events",
              "One participant's agenda as CSV",
              false,
              "",
              {{"date", "event day YYYY-MM-DD (default: the event's date)"}},
              {kCsvType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto e = scheduled_event(state, request);
                if (!e) return e.error();
                return agenda_file(*e, request, request.path_param("person") + ".csv", kCsvType);
              }});
  routes.add({"GET",
              "/api/events/{id}/agendas/{person}.ics",
              "events",
              "One participant's agenda as an iCalendar file (RFC 5545)",
              false,
              "",
              {{"date", "event day YYYY-MM-DD (default: the event's date)"},
               {"timezone", "IANA time zone with a fixed offset"},
               {"dtstamp", "publication time YYYYMMDDTHHMMSSZ (default: now)"}},
              {kIcsType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto e = scheduled_event(state, request);
                if (!e) return e.error();
                return agenda_file(*e, request, request.path_param("person") + ".ics", kIcsType);
              }});
}

}  // namespace urbanmine::server
