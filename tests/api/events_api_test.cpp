// SPDX-License-Identifier: Apache-2.0
// API tests of events: upload the reference instance small-s1, schedule it and check the
// schedule is feasible with the objective the CLI's checker gives; reschedule after a
// cancellation (the cancelled participant loses every meeting, the rest is kept where it can
// be); agendas as CSV and ICS; errors (unknown event 404, no schedule 409, bad fields 400 with
// the JSON path, token on writes).
#include <chrono>
#include <fstream>
#include <map>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/pdf_print.h"

#include "api/server_process.h"
#include "test_support.h"

namespace urbanmine::testing {
namespace {

using nlohmann::json;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void expect_error(const httplib::Result& res, int status, const std::string& code) {
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, status) << res->body;
  EXPECT_EQ(json::parse(res->body)["error"]["code"], code) << res->body;
}

TEST(EventsApi, UploadScheduleRescheduleCheckAndAgendas) {
  ServerProcess server;
  auto c = server.client();
  const std::string instance = read_file(test_data("match/small-s1.json"));
  auto created = c->Post("/api/events", instance, "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const auto ev = json::parse(created->body);
  const std::string id = ev["id"];
  EXPECT_EQ(ev["participants"], 42);
  EXPECT_EQ(ev["pairs"], 186);
  EXPECT_EQ(ev["slots"].size(), 12u);

  expect_error(c->Get(("/api/events/" + id + "/schedule").c_str()), 409, "conflict");
  auto scheduled = c->Post(("/api/events/" + id + "/schedule").c_str(),
                           R"({"time_limit_seconds": 5, "seed": 1})", "application/json");
  ASSERT_TRUE(scheduled);
  ASSERT_EQ(scheduled->status, 200) << scheduled->body;
  const auto schedule = json::parse(scheduled->body);
  // The reference optimum of small-s1 is 20114 (tests/data/match/README.md).
  EXPECT_EQ(schedule["objective"], 20114);
  EXPECT_EQ(schedule["meetings"].size(), 96u);

  // The server's check of its own schedule, and the CLI's check of the same schedule.
  auto check = c->Post(("/api/events/" + id + "/check").c_str(), "", "application/json");
  ASSERT_TRUE(check);
  ASSERT_EQ(check->status, 200) << check->body;
  EXPECT_EQ(json::parse(check->body)["feasible"], true);
  EXPECT_EQ(json::parse(check->body)["objective"], 20114);
  TempDir dir;
  std::ofstream(dir.path("schedule.json")) << scheduled->body;
  auto cli = run_cli("--quiet match check " + test_data("match/small-s1.json") + " " +
                     dir.path("schedule.json"));
  EXPECT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_EQ(json::parse(cli.output)["objective"], 20114);
  // A broken schedule: the same meeting twice.
  json broken = schedule;
  broken["meetings"].push_back(schedule["meetings"][0]);
  auto bad = c->Post(("/api/events/" + id + "/check").c_str(), broken.dump(), "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(json::parse(bad->body)["feasible"], false) << bad->body;

  // Agendas.
  const std::string person = schedule["meetings"][0]["k"];
  auto ics = c->Get(("/api/events/" + id + "/agendas/" + person + ".ics?date=2026-11-30").c_str());
  ASSERT_TRUE(ics);
  ASSERT_EQ(ics->status, 200) << ics->body;
  EXPECT_NE(ics->get_header_value("Content-Type").find("text/calendar"), std::string::npos);
  EXPECT_EQ(ics->body.rfind("BEGIN:VCALENDAR", 0), 0u);
  EXPECT_NE(ics->body.find("BEGIN:VEVENT"), std::string::npos);
  auto csv = c->Get(("/api/events/" + id + "/agendas.csv?date=2026-11-30").c_str());
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_NE(csv->body.find(person), std::string::npos);
  auto mine = c->Get(("/api/events/" + id + "/agendas/" + person + ".csv?date=2026-11-30").c_str());
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->status, 200) << mine->body;
  expect_error(c->Get(("/api/events/" + id + "/agendas/NOBODY.ics?date=2026-11-30").c_str()), 404,
               "not_found");

  // Reschedule after a cancellation.
  const std::string gone = schedule["meetings"][0]["f"];
  auto re =
      c->Post(("/api/events/" + id + "/reschedule").c_str(),
              json{{"cancelled", {gone}}, {"keep_bonus", 40}, {"time_limit_seconds", 5}}.dump(),
              "application/json");
  ASSERT_TRUE(re);
  ASSERT_EQ(re->status, 200) << re->body;
  const auto after = json::parse(re->body);
  int kept = 0;
  for (const auto& m : after["meetings"]) {
    EXPECT_NE(m["f"], gone) << "a cancelled participant still has a meeting";
    for (const auto& p : schedule["meetings"]) {
      if (p["k"] == m["k"] && p["f"] == m["f"] && p["slot"] == m["slot"]) ++kept;
    }
  }
  EXPECT_GT(kept, 80) << "rescheduling kept few meetings in place";
  EXPECT_EQ(json::parse(c->Get(("/api/events/" + id).c_str())->body)["cancelled"][0], gone);

  // Errors.
  expect_error(c->Get("/api/events/e999"), 404, "not_found");
  auto no_keep = c->Post(("/api/events/" + id + "/reschedule").c_str(),
                         R"({"cancelled": ["K0001"]})", "application/json");
  ASSERT_TRUE(no_keep);
  // The variant now carries keep_bonus from the previous reschedule, so this one is accepted.
  EXPECT_EQ(no_keep->status, 200) << no_keep->body;
  auto unknown = c->Post(("/api/events/" + id + "/reschedule").c_str(),
                         R"({"cancelled": ["ZZZ"], "keep_bonus": 40})", "application/json");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(json::parse(unknown->body)["error"]["location"], "request body: $.cancelled[0]");
  auto too_long = c->Post(("/api/events/" + id + "/schedule").c_str(),
                          R"({"time_limit_seconds": 3600})", "application/json");
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->status, 400);
  EXPECT_EQ(json::parse(too_long->body)["error"]["location"], "request body: $.time_limit_seconds");
  auto garbage =
      c->Post("/api/events", R"({"format": "match-instance/1", "slots": 3})", "application/json");
  ASSERT_TRUE(garbage);
  EXPECT_EQ(garbage->status, 400) << garbage->body;
}

// The edit screen's two writes. PUT keeps a hand-edited schedule (method "manual", the latest
// schedule's bound) or refuses it with 422 naming the broken rule, leaving the kept one as it
// was. Reoptimise keeps the locked meetings where the edit put them and schedules the rest again.
TEST(EventsApi, EditedSchedulesAreKeptOrReoptimisedAroundLockedMeetings) {
  ServerProcess server;
  auto c = server.client();
  const std::string instance_text = read_file(test_data("match/small-s1.json"));
  auto created = c->Post("/api/events", instance_text, "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = json::parse(created->body)["id"];
  const std::string base = "/api/events/" + id;
  auto made =
      c->Post((base + "/schedule").c_str(), R"({"time_limit_seconds": 5})", "application/json");
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 200) << made->body;
  const json optimal = json::parse(made->body);
  ASSERT_EQ(optimal["objective"], 20114);
  ASSERT_EQ(optimal["upper_bound"], 20114);
  json meetings = json::array();
  for (const auto& m : optimal["meetings"]) {
    meetings.push_back({{"k", m["k"]}, {"f", m["f"]}, {"slot", m["slot"]}, {"table", m["table"]}});
  }

  // One meeting fewer: feasible, kept, scored as the checker scores it, gap against 20114.
  json fewer = meetings;
  fewer.erase(fewer.begin());
  auto check =
      c->Post((base + "/check").c_str(), json{{"meetings", fewer}}.dump(), "application/json");
  ASSERT_TRUE(check);
  const long long checked = json::parse(check->body)["objective"];
  EXPECT_LT(checked, 20114);
  auto saved =
      c->Put((base + "/schedule").c_str(), json{{"meetings", fewer}}.dump(), "application/json");
  ASSERT_TRUE(saved);
  ASSERT_EQ(saved->status, 200) << saved->body;
  const json kept = json::parse(saved->body);
  EXPECT_EQ(kept["solver"]["method"], "manual");
  EXPECT_EQ(kept["objective"], checked);
  EXPECT_EQ(kept["upper_bound"], 20114);
  EXPECT_EQ(kept["proven_optimal"], false);
  EXPECT_NEAR(kept["gap"].get<double>(), (20114.0 - static_cast<double>(checked)) / 20114.0, 1e-12);
  EXPECT_EQ(kept["meetings"].size(), 95u);
  EXPECT_EQ(json::parse(c->Get((base + "/schedule").c_str())->body)["objective"], checked);

  // Two meetings at one table: refused, the kept schedule stays.
  json clash = fewer;
  clash[1]["slot"] = clash[0]["slot"];
  clash[1]["table"] = clash[0]["table"];
  auto refused =
      c->Put((base + "/schedule").c_str(), json{{"meetings", clash}}.dump(), "application/json");
  expect_error(refused, 422, "infeasible");
  EXPECT_NE(json::parse(refused->body)["error"]["message"].get<std::string>().find(
                "table already used in this slot"),
            std::string::npos)
      << refused->body;
  EXPECT_EQ(json::parse(c->Get((base + "/schedule").c_str())->body)["objective"], checked);
  auto stranger = c->Put((base + "/schedule").c_str(),
                         R"({"meetings": [{"k": "K9999", "f": "F0001", "slot": 0, "table": 0}]})",
                         "application/json");
  expect_error(stranger, 400, "invalid_input");
  EXPECT_EQ(json::parse(stranger->body)["error"]["location"], "request body: $.meetings[0]");
  expect_error(c->Put((base + "/schedule").c_str(), R"({"meetings": 3})", "application/json"), 400,
               "invalid_input");

  // Lock the first meeting in another slot both its people can meet in, at the table of a
  // meeting there (which must move), and re-optimise the rest.
  auto instance = json::parse(instance_text);
  auto available = [&](const std::string& who, int slot) {
    for (const auto& p : instance["participants"]) {
      if (p["id"] != who) continue;
      for (const auto& s : p["available"]) {
        if (s == slot) return true;
      }
    }
    return false;
  };
  json edit = meetings;
  json& moved = edit[0];
  int target = -1;
  for (int s = 0; s < 12 && target < 0; ++s) {
    if (s != moved["slot"] && available(moved["k"], s) && available(moved["f"], s)) target = s;
  }
  ASSERT_GE(target, 0);
  moved["slot"] = target;
  moved["table"] = 7;
  moved["locked"] = true;
  auto redone =
      c->Post((base + "/reoptimise").c_str(),
              json{{"meetings", edit}, {"time_limit_seconds", 5}}.dump(), "application/json");
  ASSERT_TRUE(redone);
  ASSERT_EQ(redone->status, 200) << redone->body;
  const json after = json::parse(redone->body);
  int locked = 0;
  for (const auto& m : after["meetings"]) {
    if (!m.value("locked", false)) continue;
    ++locked;
    EXPECT_EQ(m["k"], moved["k"]);
    EXPECT_EQ(m["f"], moved["f"]);
    EXPECT_EQ(m["slot"], target);
    EXPECT_EQ(m["table"], 7);
  }
  EXPECT_EQ(locked, 1);
  EXPECT_LE(after["objective"].get<long long>(), 20114);
  EXPECT_GE(after["objective"].get<long long>(), checked) << "re-optimising lost value";
  auto verdict = c->Post((base + "/check").c_str(), "", "application/json");
  ASSERT_TRUE(verdict);
  EXPECT_EQ(json::parse(verdict->body)["feasible"], true) << verdict->body;

  // Locked meetings that cannot be kept: errors name the edited meeting.
  json nowhere = edit;
  nowhere[0]["table"] = 50;
  auto far = c->Post((base + "/reoptimise").c_str(), json{{"meetings", nowhere}}.dump(),
                     "application/json");
  expect_error(far, 400, "invalid_input");
  EXPECT_EQ(json::parse(far->body)["error"]["location"], "request body: $.meetings[0].table");
  json twice = edit;
  for (std::size_t i = 1; i < twice.size(); ++i) {
    if (twice[i]["k"] == edit[0]["k"] && twice[i]["slot"] != target) {
      twice[i]["slot"] = target;
      twice[i]["table"] = 6;
      twice[i]["locked"] = true;
      break;
    }
  }
  auto clashing =
      c->Post((base + "/reoptimise").c_str(), json{{"meetings", twice}}.dump(), "application/json");
  ASSERT_TRUE(clashing);
  EXPECT_TRUE(clashing->status == 400 || clashing->status == 422) << clashing->body;
  const std::string why = json::parse(clashing->body)["error"]["message"];
  EXPECT_NE(why.find(edit[0]["k"].get<std::string>()), std::string::npos) << why;
  EXPECT_EQ(why.find("previous_schedule"), std::string::npos) << why;
  expect_error(c->Post((base + "/reoptimise").c_str(),
                       json{{"meetings", edit}, {"keep_bonus", -1}}.dump(), "application/json"),
               400, "invalid_input");
  expect_error(
      c->Post("/api/events/e999/reoptimise", json{{"meetings", edit}}.dump(), "application/json"),
      404, "not_found");

  // Fairness first: the schedule says its guaranteed level; a mistyped flag names its path.
  auto fair = c->Post((base + "/schedule").c_str(), R"({"max_min": true, "time_limit_seconds": 5})",
                      "application/json");
  ASSERT_TRUE(fair);
  ASSERT_EQ(fair->status, 200) << fair->body;
  const json fairness = json::parse(fair->body)["fairness"];
  EXPECT_EQ(fairness["rule"], "max-min");
  EXPECT_GE(fairness["guaranteed_meetings"].get<int>(), 1);
  auto mistyped =
      c->Post((base + "/schedule").c_str(), R"({"max_min": "yes"})", "application/json");
  expect_error(mistyped, 400, "invalid_input");
  EXPECT_EQ(json::parse(mistyped->body)["error"]["location"], "request body: $.max_min");
}

// Events are kept in the SQLite store: a restarted server lists the event with its schedule and
// agendas unchanged, and reschedules it; each new schedule raises the agendas' ICS SEQUENCE.
TEST(EventsApi, EventsAndSchedulesSurviveARestart) {
  TempDir dir;
  const std::string db = dir.path("events.db");
  const std::string instance = read_file(test_data("match/small-s1.json"));
  std::string id;
  std::string schedule;
  std::string ics;
  const std::string ics_path_tail = ".ics?date=2026-11-30&dtstamp=20261126T000000Z";
  std::string person;
  {
    ServerProcess server({"--db", db});
    auto c = server.client();
    auto created = c->Post("/api/events", instance, "application/json");
    ASSERT_TRUE(created);
    ASSERT_EQ(created->status, 201) << created->body;
    id = json::parse(created->body)["id"];
    auto scheduled = c->Post(("/api/events/" + id + "/schedule").c_str(),
                             R"({"time_limit_seconds": 5, "seed": 1})", "application/json");
    ASSERT_TRUE(scheduled);
    ASSERT_EQ(scheduled->status, 200) << scheduled->body;
    schedule = scheduled->body;
    person = json::parse(schedule)["meetings"][0]["k"];
    ics = c->Get(("/api/events/" + id + "/agendas/" + person + ics_path_tail).c_str())->body;
    EXPECT_NE(ics.find("SEQUENCE:0"), std::string::npos);
    EXPECT_EQ(server.stop(), 0);
  }
  ServerProcess restarted({"--db", db});
  auto c = restarted.client();
  auto list = c->Get("/api/events");
  ASSERT_TRUE(list);
  const auto events = json::parse(list->body)["events"];
  ASSERT_EQ(events.size(), 1U) << list->body;
  EXPECT_EQ(events[0]["id"], id);
  EXPECT_EQ(events[0]["participants"], 42);
  EXPECT_EQ(events[0]["scheduled"], true);
  EXPECT_EQ(c->Get(("/api/events/" + id + "/schedule").c_str())->body, schedule);
  EXPECT_EQ(c->Get(("/api/events/" + id + "/agendas/" + person + ics_path_tail).c_str())->body,
            ics);
  auto again =
      c->Post(("/api/events/" + id + "/reschedule").c_str(),
              R"({"cancelled": [")" + person + R"("], "keep_bonus": 40})", "application/json");
  ASSERT_TRUE(again);
  ASSERT_EQ(again->status, 200) << again->body;
  const json rescheduled = json::parse(again->body);  // kept: the loop below reads into it
  for (const auto& m : rescheduled["meetings"]) {
    EXPECT_NE(m["k"], person);
    EXPECT_NE(m["f"], person);
  }
  auto event = json::parse(c->Get(("/api/events/" + id).c_str())->body);
  EXPECT_EQ(event["cancelled"], json::array({person}));
  const std::string other = rescheduled["meetings"][0]["k"];
  const auto rescheduled_ics =
      c->Get(("/api/events/" + id + "/agendas/" + other + ics_path_tail).c_str())->body;
  EXPECT_NE(rescheduled_ics.find("SEQUENCE:1"), std::string::npos) << rescheduled_ics;
}

TEST(EventsApi, CsvProfilesAreScoredLikeTheCli) {
  ServerProcess server;
  auto c = server.client();
  const std::string profiles = source_path("examples/event/profiles.csv");
  auto created = c->Post("/api/events", read_file(profiles), "text/csv");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = json::parse(created->body)["id"];
  auto instance = c->Get(("/api/events/" + id + "/instance").c_str());
  ASSERT_TRUE(instance);
  auto cli = run_cli("--quiet match score " + profiles);
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_EQ(json::parse(instance->body)["pairs"], json::parse(cli.output)["pairs"]);
  auto bad = c->Post("/api/events", "id,side\nK1,Z\n", "text/csv");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400) << bad->body;

  // Met before from the store: a second upload with ?met_before=<the first event> records the
  // pairs of its schedule, as `match score --met-before` with the schedule file does.
  expect_error(c->Post(("/api/events?met_before=" + id).c_str(), read_file(profiles), "text/csv"),
               409, "conflict");  // not scheduled yet
  auto scheduled = c->Post(("/api/events/" + id + "/schedule").c_str(),
                           R"({"time_limit_seconds": 2})", "application/json");
  ASSERT_TRUE(scheduled);
  ASSERT_EQ(scheduled->status, 200) << scheduled->body;
  auto again = c->Post(("/api/events?met_before=" + id + "&met_before_factor=0.5").c_str(),
                       read_file(profiles), "text/csv");
  ASSERT_TRUE(again);
  ASSERT_EQ(again->status, 201) << again->body;
  const std::string second = json::parse(again->body)["id"];
  const json with_history =
      json::parse(c->Get(("/api/events/" + second + "/instance").c_str())->body);
  const json schedule = json::parse(c->Get(("/api/events/" + id + "/schedule").c_str())->body);
  EXPECT_EQ(with_history["met_before"].size(), schedule["meetings"].size());
  EXPECT_EQ(with_history["met_before_factor"].get<double>(), 0.5);
  expect_error(c->Post("/api/events?met_before=e999", read_file(profiles), "text/csv"), 404,
               "not_found");
  expect_error(c->Post(("/api/events?met_before=" + id + "&met_before_factor=2").c_str(),
                       read_file(profiles), "text/csv"),
               400, "invalid_input");
  expect_error(c->Post(("/api/events?met_before=" + id).c_str(),
                       R"({"format": "match-instance/1"})", "application/json"),
               400, "invalid_input");
}

// Table sizes on a profiles upload: ?table_seats= gives each table its chairs (as `match score
// --table-seats`), the schedule seats every delegation, and bad lists are 400 naming the query.
TEST(EventsApi, TableSeatsOnAProfilesUpload) {
  ServerProcess server;
  auto c = server.client();
  const std::string profiles = read_file(source_path("examples/event/profiles.csv"));
  auto plain = c->Post("/api/events", profiles, "text/csv");
  ASSERT_TRUE(plain);
  ASSERT_EQ(plain->status, 201) << plain->body;
  const json inst = json::parse(
      c->Get(("/api/events/" + json::parse(plain->body)["id"].get<std::string>() + "/instance")
                 .c_str())
          ->body);
  int tables = 0;
  for (const auto& t : inst["tables_per_slot"]) tables = std::max(tables, t.get<int>());
  ASSERT_GT(tables, 1);
  std::string seats = "6";
  for (int t = 1; t < tables; ++t) seats += ",3";  // one big table, the rest for two or three
  auto created = c->Post(("/api/events?table_seats=" + seats).c_str(), profiles, "text/csv");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = json::parse(created->body)["id"];
  const json seated = json::parse(c->Get(("/api/events/" + id + "/instance").c_str())->body);
  ASSERT_EQ(seated["table_seats"].size(), static_cast<std::size_t>(tables));
  EXPECT_EQ(seated["table_seats"][0], 6);
  auto scheduled = c->Post(("/api/events/" + id + "/schedule").c_str(),
                           R"({"time_limit_seconds": 2})", "application/json");
  ASSERT_TRUE(scheduled);
  ASSERT_EQ(scheduled->status, 200) << scheduled->body;
  std::map<std::string, int> need;  // required chairs per participant
  for (const auto& p : seated["participants"]) {
    int required = 0;
    for (const auto& m : p.value("members", json::array())) {
      required += m.value("attendance", std::string("required")) == "required" ? 1 : 0;
    }
    need[p["id"].get<std::string>()] = std::max(1, required);
  }
  const json schedule = json::parse(scheduled->body);  // kept: the loop reads into it
  for (const auto& m : schedule["meetings"]) {
    const int chairs = seated["table_seats"][m["table"].get<int>()].get<int>();
    EXPECT_GE(chairs, need[m["k"].get<std::string>()] + need[m["f"].get<std::string>()])
        << m.dump();
  }
  auto one = c->Post("/api/events?table_seats=2,1", profiles, "text/csv");
  expect_error(one, 400, "invalid_input");
  EXPECT_NE(one->body.find("query: table_seats"), std::string::npos) << one->body;
  auto short_list = c->Post("/api/events?table_seats=4", profiles, "text/csv");
  expect_error(short_list, 400, "invalid_input");
  EXPECT_NE(short_list->body.find("query: table_seats"), std::string::npos) << short_list->body;
  expect_error(
      c->Post("/api/events?table_seats=4", R"({"format": "match-instance/1"})", "application/json"),
      400, "invalid_input");
}

// Deal sheets of the example event from a finished baseline run: JSON with a sheet per meeting
// whose figures are the run's, a participant's HTML page in Korean, and the errors (no run,
// a run id that is not a number, an unknown language) as 4xx with the query parameter named.
TEST(EventsApi, DealSheetsFromAFinishedRun) {
  ServerProcess server;
  auto c = server.client();
  auto created =
      c->Post("/api/events", read_file(source_path("examples/event/profiles.csv")), "text/csv");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = json::parse(created->body)["id"];
  const std::string base = "/api/events/" + id + "/dealsheets";
  expect_error(c->Get((base + "?run=1").c_str()), 409, "conflict");  // no schedule yet
  auto scheduled = c->Post(("/api/events/" + id + "/schedule").c_str(),
                           R"({"time_limit_seconds": 2})", "application/json");
  ASSERT_TRUE(scheduled);
  ASSERT_EQ(scheduled->status, 200) << scheduled->body;
  auto started = c->Post("/api/runs", json{{"scenario_id", "baseline"}}.dump(), "application/json");
  ASSERT_TRUE(started);
  ASSERT_EQ(started->status, 202) << started->body;
  const std::string run = json::parse(started->body)["id"];
  for (int i = 0; i < 3000; ++i) {
    auto r = c->Get(("/api/runs/" + run).c_str());
    ASSERT_TRUE(r);
    if (json::parse(r->body)["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  auto sheets = c->Get((base + "?run=" + run + "&years=2035").c_str());
  ASSERT_TRUE(sheets);
  ASSERT_EQ(sheets->status, 200) << sheets->body;
  const auto j = json::parse(sheets->body);
  EXPECT_EQ(j["format"], "urbanmine-dealsheets/2");
  EXPECT_EQ(j["years"], json::array({2035}));
  EXPECT_EQ(j["meetings"].size(), json::parse(scheduled->body)["meetings"].size());
  // The Korean side's waste lithium in 2035 is the run's end_of_life_t for KOR, Li, 2035.
  auto table = c->Get(
      ("/api/runs/" + run + "/tables/end_of_life_t?region=KOR&element=Li&year=2035").c_str());
  ASSERT_TRUE(table);
  ASSERT_EQ(table->status, 200) << table->body;
  const auto rows = json::parse(table->body)["rows"];
  ASSERT_EQ(rows.size(), 1u) << table->body;
  const double li_2035 = rows[0].back().get<double>();
  ASSERT_GT(li_2035, 0.0);
  const double sheet_li = j["meetings"][0]["k_country"]["years"][0]["waste_tonnes"]["Li"];
  EXPECT_NEAR(sheet_li, li_2035, 1e-6 * li_2035);

  auto page = c->Get((base + "?run=" + run + "&format=html&lang=ko&participant=F07").c_str());
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<html lang=\"ko\">"), std::string::npos);
  EXPECT_NE(page->body.find("Indonesia delegation"), std::string::npos);
  EXPECT_EQ(page->body.find("Why meet"), std::string::npos);

  // The same page printed by the server's Chromium: what the delegate carries.
  if (!io::pdf_browser().empty()) {
    auto pdf = c->Get((base + "?run=" + run + "&format=pdf&lang=ko&participant=F07").c_str());
    ASSERT_TRUE(pdf);
    ASSERT_EQ(pdf->status, 200) << pdf->body.substr(0, 300);
    EXPECT_EQ(pdf->get_header_value("Content-Type"), "application/pdf");
    EXPECT_EQ(pdf->body.rfind("%PDF-", 0), 0u);
    EXPECT_NE(pdf->get_header_value("Content-Disposition").find("F07-dealsheets.pdf"),
              std::string::npos);
  }
  auto whole = c->Get((base + "?run=" + run + "&format=pdf").c_str());
  expect_error(whole, 400, "invalid_input");
  EXPECT_EQ(json::parse(whole->body)["error"]["location"], "query: participant");
  expect_error(c->Get((base + "?run=" + run + "&format=html&participant=NOBODY").c_str()), 404,
               "not_found");

  expect_error(c->Get(base.c_str()), 400, "invalid_input");
  expect_error(c->Get((base + "?run=x1").c_str()), 400, "invalid_input");
  auto bad_lang = c->Get((base + "?run=" + run + "&lang=fr").c_str());
  expect_error(bad_lang, 400, "invalid_input");
  EXPECT_EQ(json::parse(bad_lang->body)["error"]["location"], "query: lang");
  expect_error(c->Get((base + "?run=999").c_str()), 404, "not_found");
}

TEST(EventsApi, WritesNeedTheToken) {
  ServerProcess server({"--token", "tok"});
  auto c = server.client();
  const std::string instance = read_file(test_data("match/small-s1.json"));
  expect_error(c->Post("/api/events", instance, "application/json"), 401, "unauthorized");
  httplib::Headers auth = {{"Authorization", "Bearer tok"}};
  auto created = c->Post("/api/events", auth, instance, "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201);
  const std::string id = json::parse(created->body)["id"];
  expect_error(c->Post(("/api/events/" + id + "/schedule").c_str(), "", "application/json"), 401,
               "unauthorized");
  EXPECT_EQ(c->Get("/api/events")->status, 200);
}

}  // namespace
}  // namespace urbanmine::testing
