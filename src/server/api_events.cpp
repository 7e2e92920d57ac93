// SPDX-License-Identifier: Apache-2.0
// Event endpoints (partnering sessions), over the engine's event service (engine/events.h), which
// keeps events in the store and owns scheduling and rescheduling: upload
// participant profiles (scored into candidate pairs, like `urbanmine match score`) or a
// match-instance/1 file, make the 1:1 schedule (`match schedule`), reschedule after
// cancellations (the instance's rescheduling variant: previous schedule, cancelled ids and a keep
// bonus), keep a schedule edited by hand or re-optimise around its locked meetings (the
// dashboard's edit screen), check any schedule (`match check`), and download agendas as CSV and ICS
// (`match agenda`). This file only reads the requests' JSON into the service's typed requests
// and writes its answers. Events live in the SQLite store (in memory when the server has no
// --db), so they survive a restart like runs do; every schedule made is kept.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <optional>
#include <string>

#include "engine/dealsheet.h"
#include "engine/events.h"
#include "engine/service.h"
#include "io/csv.h"
#include "io/json_reader.h"
#include "io/pdf_print.h"
#include "io/run_data.h"
#include "server/api.h"

namespace urbanmine::server {

namespace {

// Longest schedule search one request may ask for (the HTTP worker waits for it).
constexpr double kMaxScheduleSeconds = 60.0;

nlohmann::json event_json(const engine::Event& e) {
  auto parsed = io::parse_json(e.instance_json, "instance of " + e.id);
  const nlohmann::json inst = parsed ? std::move(*parsed) : nlohmann::json::object();
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
  if (r.has("max_min")) {
    auto v = r.boolean("max_min");
    if (!v) return v.error();
    req.max_min = *v;
  }
  return req;
}

// The body, or {} when empty (these POSTs take optional settings).
core::Result<nlohmann::json> optional_body(const ApiRequest& request) {
  if (request.body().empty()) return nlohmann::json::object();
  return parse_body(request);
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

core::Result<std::vector<match::AgendaFile>> agendas(ApiState& state, const std::string& id,
                                                     const ApiRequest& request) {
  match::AgendaOptions options;
  options.date = request.query("date");
  options.timezone = request.query("timezone");
  options.dtstamp = request.has_query("dtstamp") ? request.query("dtstamp") : utc_dtstamp();
  auto files = state.events->agendas(id, options);
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

core::Result<Reply> agenda_file(ApiState& state, const ApiRequest& request, const std::string& name,
                                const char* type) {
  const std::string id = request.path_param("id");
  auto files = agendas(state, id, request);
  if (!files) return files.error();
  for (const auto& f : *files) {
    if (f.name == name) return Reply::content(type, f.content, id + "-" + name);
  }
  return core::Error::not_found("no agenda file '" + name + "' in event " + id, name,
                                "participant ids are those of the schedule's meetings");
}

// ?met_before=e1,e2&met_before_factor=0.5 on a profiles upload: the pairs that met at those
// stored events' latest schedules met before (as `match score --met-before` with their files).
core::Status met_before_query(ApiState& state, const ApiRequest& request,
                              engine::ScoreRequest& score) {
  if (request.has_query("met_before_factor")) {
    const auto factor = io::parse_decimal(request.query("met_before_factor"));
    if (!factor || !(*factor >= 0.0 && *factor <= 1.0)) {
      return core::Error::invalid_input(
          "met_before_factor '" + request.query("met_before_factor") + "' is not between 0 and 1",
          "query: met_before_factor",
          "0 = a pair that met before is not proposed again, 1 = as if they never met");
    }
    score.met_before_factor = *factor;
  }
  if (!request.has_query("met_before")) return {};
  std::vector<engine::GivenId> ids;
  for (const auto& id : io::split_list(request.query("met_before"), ',')) {
    ids.push_back({id, "query: met_before"});
  }
  if (ids.empty()) {
    return core::Error::invalid_input("no event id in met_before", "query: met_before",
                                      "give stored event ids, e.g. met_before=e1,e2");
  }
  auto pairs = state.events->met_pairs(ids);
  if (!pairs) return pairs.error();
  score.met_before = std::move(*pairs);
  return {};
}

// ?table_seats=2,2,4,6 on a profiles upload: chairs per table number (`match score
// --table-seats`); the instance's checks then name `query: table_seats`.
core::Status table_seats_query(const ApiRequest& request, engine::ScoreRequest& score) {
  if (!request.has_query("table_seats")) return {};
  for (const auto& item : io::split_list(request.query("table_seats"), ',')) {
    const auto seats = io::parse_decimal(item);
    if (!seats || *seats != std::floor(*seats) || *seats < 2 || *seats > 1000) {
      return core::Error::invalid_input("table size '" + item + "' is not a whole number 2-1000",
                                        "query: table_seats",
                                        "give the chairs at each table, e.g. table_seats=2,2,4,6");
    }
    score.table_seats.push_back(static_cast<int>(*seats));
  }
  return {};
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
       {{"met_before",
         "profiles only: stored events (e1,e2) whose latest schedules' pairs met before"},
        {"met_before_factor",
         "0 (default: an unrequested pair that met before is not proposed again) to 1"},
        {"table_seats",
         "profiles only: chairs at each table number (2,2,4,6); a meeting needs a chair for "
         "each required member of both delegations"}},
       {kJsonType},
       [&state](const ApiRequest& request) -> core::Result<Reply> {
         engine::ScoreRequest score;
         URBANMINE_TRY_STATUS(met_before_query(state, request, score));
         URBANMINE_TRY_STATUS(table_seats_query(request, score));
         auto created = [&]() -> core::Result<engine::Event> {
           if (request.raw.get_header_value("Content-Type").rfind("text/csv", 0) == 0) {
             score.csv = true;
             return state.events->add_scored(request.body(), "request body", score);
           }
           auto body = parse_body(request);
           if (!body) return body.error();
           if (!body->is_object()) {
             return core::Error::invalid_input("expected a JSON object", "request body: $",
                                               "send participant profiles or a match instance");
           }
           if (body->value("format", std::string()) == "match-instance/1") {
             if (request.has_query("table_seats")) {
               return core::Error::invalid_input(
                   "table_seats applies to profiles; an instance gives its own table_seats",
                   "query: table_seats", "put \"table_seats\" in the instance instead");
             }
             if (request.has_query("met_before")) {
               return core::Error::invalid_input(
                   "met_before applies to profiles, which are scored here; an instance is "
                   "already scored",
                   "query: met_before",
                   "upload the profiles instead, or score them with `match score "
                   "--met-before-event` and upload that instance");
             }
             return state.events->add_instance(request.body(), "request body");
           }
           return state.events->add_scored(request.body(), "request body", score);
         }();
         if (!created) {
           core::Error e = created.error();
           if (e.location.find("--table-seats") != std::string::npos) {
             e.location = "query: table_seats";  // the CLI's spelling of the same list
           }
           return e;
         }
         return Reply::json(to_json_text(event_json(*created)), 201);
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
                auto e = state.events->get(request.path_param("id"));
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
                auto e = state.events->get(request.path_param("id"));
                if (!e) return e.error();
                return Reply::content(kJsonType, e->instance_json, e->id + "-instance.json");
              }});
  routes.add({"POST",
              "/api/events/{id}/schedule",
              "events",
              "Make the 1:1 schedule (like `urbanmine match schedule`); answers match-schedule/1",
              true,
              "optional {\"time_limit_seconds\": 10, \"seed\": 1, \"max_min\": false}",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto body = optional_body(request);
                if (!body) return body.error();
                auto req = schedule_request(*body);
                if (!req) return req.error();
                auto made = state.events->schedule(request.path_param("id"), *req);
                if (!made) return made.error();
                return Reply::json(made->schedule_json);
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
                auto e = state.events->get(request.path_param("id"));
                if (!e) return e.error();
                if (e->schedule_json.empty()) {
                  return core::Error{
                      core::ErrorCode::kConflict, "event " + e->id + " has no schedule yet",
                      "make one with POST /api/events/" + e->id + "/schedule", e->id};
                }
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
         auto body = parse_body(request);
         if (!body) return body.error();
         io::JsonReader r(*body, "request body");
         auto cancelled = r.string_array("cancelled");
         if (!cancelled) return cancelled.error();
         engine::RescheduleRequest re;
         for (std::size_t i = 0; i < cancelled->size(); ++i) {
           re.cancelled.push_back(
               {(*cancelled)[i], "request body: $.cancelled[" + std::to_string(i) + "]"});
         }
         re.keep_bonus_location = r.location("keep_bonus");
         if (r.has("keep_bonus")) {
           auto v = r.integer("keep_bonus");
           if (!v) return v.error();
           re.keep_bonus = *v;
         }
         auto req = schedule_request(*body);
         if (!req) return req.error();
         re.schedule = *req;
         auto made = state.events->reschedule(request.path_param("id"), re);
         if (!made) return made.error();
         return Reply::json(made->schedule_json);
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
                const bool own = request.body().empty();
                auto checked = state.events->check(request.path_param("id"), request.body(),
                                                   own ? "request body: $" : "request body");
                if (!checked) return checked.error();
                return Reply::json(checked->report_json);
              }});
  routes.add({"PUT",
              "/api/events/{id}/schedule",
              "events",
              "Keep a schedule edited by hand (the dashboard's edit screen) as the event's latest: "
              "answers it as match-schedule/1 (method manual, the latest schedule's bound), or 422 "
              "naming the rules it breaks",
              true,
              "match-schedule/1 ({\"meetings\": [{\"k\", \"f\", \"slot\", \"table\", "
              "\"locked\"?}]})",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto body = parse_body(request);
                if (!body) return body.error();
                auto saved = state.events->save_schedule(request.path_param("id"), request.body(),
                                                         "request body");
                if (!saved) return saved.error();
                return Reply::json(saved->schedule_json);
              }});
  routes.add(
      {"POST",
       "/api/events/{id}/reoptimise",
       "events",
       "Re-optimise the rest of an edited schedule: its meetings with \"locked\": true stay in "
       "their slot and table, every other meeting is scheduled again; kept as the latest",
       true,
       "{\"meetings\": [{\"k\", \"f\", \"slot\", \"table\", \"locked\": true}, ...], "
       "\"keep_bonus\": 0, \"time_limit_seconds\": 10, \"seed\": 1}",
       {},
       {kJsonType},
       [&state](const ApiRequest& request) -> core::Result<Reply> {
         auto body = parse_body(request);
         if (!body) return body.error();
         engine::ReoptimiseRequest re;
         if (body->is_object() && body->contains("keep_bonus")) {
           io::JsonReader r(*body, "request body");
           auto v = r.integer("keep_bonus");
           if (!v) return v.error();
           re.keep_bonus = *v;
         }
         auto req = schedule_request(*body);
         if (!req) return req.error();
         re.schedule = *req;
         auto made =
             state.events->reoptimise(request.path_param("id"), request.body(), "request body", re);
         if (!made) return made.error();
         return Reply::json(made->schedule_json);
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
                return agenda_file(state, request, "meetings.csv", kCsvType);
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
                return agenda_file(state, request,
                                   engine::agenda_file_stem(request.path_param("person")) + ".csv",
                                   kCsvType);
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
                return agenda_file(state, request,
                                   engine::agenda_file_stem(request.path_param("person")) + ".ics",
                                   kIcsType);
              }});
  routes.add(
      {"GET",
       "/api/events/{id}/dealsheets",
       "events",
       "Deal sheets of the event's schedule from a finished run (like `urbanmine match "
       "dealsheet`): why each pair meets and each party's country in the run (waste batteries, "
       "metal, capacity, surplus, policy checks, legal shipping both ways)",
       false,
       "",
       {{"run", "id of a succeeded run (GET /api/runs)"},
        {"lang", "en (default) or ko"},
        {"format",
         "json (default, urbanmine-dealsheets/2), html, or pdf (printed by the "
         "server's Chromium; needs participant)"},
        {"participant", "with format=html or pdf: one participant's agenda and sheets"},
        {"years", "sheet years, comma-separated (default 2030,2035,2040)"}},
       {kJsonType, kHtmlType, "application/pdf"},
       [&state](const ApiRequest& request) -> core::Result<Reply> {
         auto e = state.events->get(request.path_param("id"));
         if (!e) return e.error();
         if (e->schedule_json.empty()) {
           return core::Error{core::ErrorCode::kConflict, "event " + e->id + " has no schedule yet",
                              "make one with POST /api/events/" + e->id + "/schedule", e->id};
         }
         const std::string format = request.has_query("format") ? request.query("format") : "json";
         if (format != "json" && format != "html" && format != "pdf") {
           return core::Error::invalid_input("unknown format '" + format + "'", "query: format",
                                             "use format=json, html or pdf");
         }
         if (format == "pdf" && request.query("participant").empty()) {
           return core::Error::invalid_input(
               "format=pdf prints one participant's agenda", "query: participant",
               "add participant=ID (the organiser's page of every meeting is format=html)");
         }
         const std::string run_text = request.query("run");
         auto loaded = succeeded_run_results(state, run_text, "query: run");
         if (!loaded) return loaded.error();
         engine::DealSheetRequest dr;
         dr.run = "run " + run_text;
         dr.language = request.has_query("lang") ? request.query("lang") : "en";
         const std::string years = request.query("years");
         for (std::size_t start = 0; start < years.size();) {
           const auto comma = std::min(years.find(',', start), years.size());
           const std::string part = years.substr(start, comma - start);
           int y = 0;
           const auto [yp, yec] = std::from_chars(part.data(), part.data() + part.size(), y);
           if (part.empty() || yec != std::errc() || yp != part.data() + part.size()) {
             return core::Error::invalid_input("'" + part + "' is not a year", "query: years",
                                               "give years such as 2030,2035");
           }
           dr.years.push_back(y);
           start = comma + 1;
         }
         auto out =
             engine::dealsheet_match_text(e->instance_json, e->id + " instance", e->schedule_json,
                                          e->id + " schedule", (*loaded)->results, dr);
         if (!out) {
           core::Error err = out.error();
           if (err.location == "--language") err.location = "query: lang";
           if (err.location == "--years") err.location = "query: years";
           return err;
         }
         if (format == "json") return Reply::json(report::dealsheets_json(out->sheets));
         const std::string participant = request.query("participant");
         if (!participant.empty() &&
             std::none_of(out->sheets.sheets.begin(), out->sheets.sheets.end(), [&](const auto& s) {
               return s.k_id == participant || s.f_id == participant;
             })) {
           return core::Error::not_found("no meeting of '" + participant + "' in the schedule",
                                         "query: participant",
                                         "use the id of a participant with meetings");
         }
         std::string page = report::dealsheets_html(out->sheets, dr.language, participant);
         if (format == "html") return Reply::content(kHtmlType, std::move(page));
         // What a delegate carries: the agenda with its sheets, printed.
         auto printed = io::print_html_to_pdf({{participant + ".html", std::move(page)}});
         if (!printed) return printed.error();
         return Reply::content("application/pdf", std::move(printed->front().second),
                               engine::agenda_file_stem(participant) + "-dealsheets.pdf");
       }});
}

}  // namespace urbanmine::server
