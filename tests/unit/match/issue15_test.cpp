// SPDX-License-Identifier: Apache-2.0
// Regression tests of the bugs listed in issue 15 ("also found when tried"): ICS UIDs of events
// with non-ASCII names, IANA time zones with daylight saving (agendas parsed back as RFC 5545
// and their UTC instants checked), the host-keeps-table rule, and names in schedules.
#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/events.h"
#include "io/files.h"
#include "io/match_json.h"
#include "io/match_timezone.h"
#include "match/agenda.h"

#include "test_support.h"

namespace urbanmine {
namespace {

using nlohmann::json;
using testing::run_cli;
using testing::TempDir;
using testing::test_data;

// ---- A small RFC 5545 reader: enough to check structure and compute UTC instants. ----------

struct Observance {
  std::string onset_local;  // YYYYMMDDTHHMMSS
  int offset_to_minutes = 0;
};

struct ParsedCalendar {
  std::string tzid;
  std::vector<Observance> observances;
  std::vector<std::map<std::string, std::string>> events;  // property name (with params) -> value
  std::vector<std::string> errors;
};

int offset_minutes(const std::string& text) {  // "+0100"
  const int sign = text[0] == '-' ? -1 : 1;
  return sign * (std::stoi(text.substr(1, 2)) * 60 + std::stoi(text.substr(3, 2)));
}

ParsedCalendar parse_ics(const std::string& ics) {
  ParsedCalendar cal;
  // Physical lines: CRLF only, at most 75 octets.
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < ics.size()) {
    const std::size_t end = ics.find("\r\n", pos);
    if (end == std::string::npos) {
      cal.errors.push_back("last line without CRLF");
      break;
    }
    const std::string physical = ics.substr(pos, end - pos);
    if (physical.size() > 75) cal.errors.push_back("line over 75 octets: " + physical);
    if (physical.find('\n') != std::string::npos) cal.errors.push_back("bare LF");
    if (!physical.empty() && physical[0] == ' ') {
      if (lines.empty())
        cal.errors.push_back("continuation without a line");
      else
        lines.back() += physical.substr(1);  // unfold
    } else {
      lines.push_back(physical);
    }
    pos = end + 2;
  }
  std::vector<std::string> stack;
  std::map<std::string, std::string> props;
  Observance obs;
  for (const std::string& line : lines) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) {
      cal.errors.push_back("no colon: " + line);
      continue;
    }
    const std::string name = line.substr(0, colon);
    const std::string value = line.substr(colon + 1);
    if (name == "BEGIN") {
      stack.push_back(value);
      props.clear();
      obs = Observance{};
      continue;
    }
    if (name == "END") {
      if (stack.empty() || stack.back() != value) {
        cal.errors.push_back("END:" + value + " does not close " +
                             (stack.empty() ? "anything" : stack.back()));
        continue;
      }
      if (value == "VEVENT") cal.events.push_back(props);
      if (value == "STANDARD" || value == "DAYLIGHT") cal.observances.push_back(obs);
      stack.pop_back();
      continue;
    }
    if (stack.empty()) {
      cal.errors.push_back("property outside VCALENDAR: " + line);
      continue;
    }
    const std::string& in = stack.back();
    if (in == "VTIMEZONE" && name == "TZID") cal.tzid = value;
    if (in == "STANDARD" || in == "DAYLIGHT") {
      if (name == "DTSTART") obs.onset_local = value;
      if (name == "TZOFFSETTO") obs.offset_to_minutes = offset_minutes(value);
    }
    props[name] = value;
  }
  if (!stack.empty()) cal.errors.push_back("unclosed " + stack.back());
  return cal;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm, written out here).
long long days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<long long>(era) * 146097 + doe - 719468;
}

long long local_minutes(const std::string& stamp) {  // YYYYMMDDTHHMMSS -> minutes since epoch
  return days_from_civil(std::stoi(stamp.substr(0, 4)), std::stoi(stamp.substr(4, 2)),
                         std::stoi(stamp.substr(6, 2))) *
             1440 +
         std::stoi(stamp.substr(9, 2)) * 60 + std::stoi(stamp.substr(11, 2));
}

// UTC "YYYYMMDDTHHMM" of a DTSTART;TZID=... value under the calendar's observances.
std::string utc_of(const ParsedCalendar& cal, const std::string& local) {
  const long long t = local_minutes(local);
  int offset = 0;
  long long best = -1LL << 60;
  for (const Observance& o : cal.observances) {
    const long long onset = local_minutes(o.onset_local);
    if (onset <= t && onset > best) {
      best = onset;
      offset = o.offset_to_minutes;
    }
  }
  long long u = t - offset;
  const long long day = u >= 0 ? u / 1440 : (u - 1439) / 1440;
  const long long minute = u - day * 1440;
  // civil_from_days
  long long z = day + 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long y = yoe + era * 400;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2 ? 1 : 0;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld%02lld%02lldT%02lld%02lld", y, m, d, minute / 60,
                minute % 60);
  return buf;
}

// Agendas of small-s1's optimum for one date and zone, through the CLI; K0003's calendar.
ParsedCalendar agenda_for(const std::string& date, const std::string& zone) {
  TempDir dir;
  auto r = run_cli("match agenda " + test_data("match/small-s1.json") + " " +
                   test_data("match/small-s1.opt.json") + " --out-dir " + dir.path("a") +
                   " --date " + date + " --timezone " + zone + " --dtstamp 20230101T000000Z");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  auto text = io::read_text_file(dir.path("a/K0003.ics"));
  EXPECT_TRUE(text.has_value());
  return parse_ics(text ? *text : "");
}

TEST(Issue15TimeZones, BrusselsWinterAgendaIsValidAndOneHourAheadOfUtc) {
  const ParsedCalendar cal = agenda_for("2023-11-30", "Europe/Brussels");
  EXPECT_TRUE(cal.errors.empty()) << cal.errors.front();
  EXPECT_EQ(cal.tzid, "Europe/Brussels");
  ASSERT_FALSE(cal.events.empty());
  for (const auto& ev : cal.events) {
    for (const char* required : {"UID", "DTSTAMP", "SUMMARY"}) {
      EXPECT_EQ(ev.count(required), 1u) << required;
    }
    const std::string local = ev.at("DTSTART;TZID=Europe/Brussels");
    // small-s1's slots run from 14:00 local; CET is UTC+1.
    const std::string utc = utc_of(cal, local);
    EXPECT_EQ(std::stoi(local.substr(9, 2)) - 1, std::stoi(utc.substr(9, 2))) << local << utc;
    EXPECT_EQ(utc.substr(0, 8), "20231130");
  }
}

TEST(Issue15TimeZones, BrusselsSummerAgendaUsesDaylightSavingTime) {
  const ParsedCalendar cal = agenda_for("2023-07-03", "Europe/Brussels");
  EXPECT_TRUE(cal.errors.empty()) << cal.errors.front();
  ASSERT_FALSE(cal.events.empty());
  for (const auto& ev : cal.events) {
    const std::string local = ev.at("DTSTART;TZID=Europe/Brussels");
    EXPECT_EQ(std::stoi(local.substr(9, 2)) - 2, std::stoi(utc_of(cal, local).substr(9, 2)));
  }
}

TEST(Issue15TimeZones, ADayWithAChangeCarriesBothObservances) {
  // Brussels moves to summer time at 02:00 on 26 March 2023: 14:00 that day is 12:00 UTC.
  auto zone = io::agenda_zone("Europe/Brussels", "2023-03-26");
  ASSERT_TRUE(zone.has_value()) << zone.error().to_string();
  ASSERT_EQ(zone->observances.size(), 2u);
  EXPECT_FALSE(zone->observances[0].daylight);
  EXPECT_TRUE(zone->observances[1].daylight);
  EXPECT_EQ(zone->observances[1].onset_local, "20230326T020000");
  EXPECT_EQ(zone->observances[1].offset_from_minutes, 60);
  EXPECT_EQ(zone->observances[1].offset_to_minutes, 120);
  const ParsedCalendar cal = agenda_for("2023-03-26", "Europe/Brussels");
  EXPECT_TRUE(cal.errors.empty()) << cal.errors.front();
  for (const auto& ev : cal.events) {
    const std::string local = ev.at("DTSTART;TZID=Europe/Brussels");
    EXPECT_EQ(std::stoi(local.substr(9, 2)) - 2, std::stoi(utc_of(cal, local).substr(9, 2)));
  }
}

TEST(Issue15TimeZones, SeoulAndKolkataKeepTheirFixedOffsets) {
  const ParsedCalendar seoul = agenda_for("2023-11-30", "Asia/Seoul");
  EXPECT_TRUE(seoul.errors.empty());
  ASSERT_FALSE(seoul.events.empty());
  const std::string local = seoul.events[0].at("DTSTART;TZID=Asia/Seoul");
  EXPECT_EQ(std::stoi(local.substr(9, 2)) - 9, std::stoi(utc_of(seoul, local).substr(9, 2)));
  auto kolkata = io::agenda_zone("Asia/Kolkata", "2023-11-30");
  ASSERT_TRUE(kolkata.has_value());
  EXPECT_EQ(kolkata->observances.back().offset_to_minutes, 330);
  EXPECT_FALSE(io::is_known_timezone("Mars/Olympus"));
  EXPECT_TRUE(io::is_known_timezone("America/New_York"));
}

// ---- UIDs --------------------------------------------------------------------------------

std::set<std::string> uids_of(const std::string& name) {
  auto text = io::read_text_file(test_data("match/small-s1.json"));
  auto inst = io::parse_match_instance(*text, "small-s1.json");
  EXPECT_TRUE(inst.has_value());
  inst->name = name;
  auto sched_text = io::read_text_file(test_data("match/small-s1.opt.json"));
  auto sched = io::parse_match_schedule(*sched_text, "opt", *inst);
  match::AgendaOptions o;
  o.date = "2023-11-30";
  o.dtstamp = "20231130T000000Z";
  o.zone = match::fixed_offset_zone("Asia/Seoul", 540, "KST");
  auto files = match::build_agendas(*inst, sched->meetings, o);
  EXPECT_TRUE(files.has_value());
  std::set<std::string> out;
  for (const auto& f : *files) {
    std::size_t pos = 0;
    while ((pos = f.content.find("\r\nUID:", pos)) != std::string::npos) {
      pos += 6;
      out.insert(f.content.substr(pos, f.content.find("\r\n", pos) - pos));
    }
  }
  return out;
}

TEST(Issue15Uids, NonAsciiEventNamesGetDistinctStableUids) {
  const auto seoul = uids_of("서울-2023");
  const auto busan = uids_of("부산-2023");
  ASSERT_FALSE(seoul.empty());
  for (const auto& u : seoul) EXPECT_EQ(busan.count(u), 0u) << u;
  EXPECT_EQ(seoul, uids_of("서울-2023"));  // stable across runs
  // ASCII names keep the UIDs already published.
  const auto ascii = uids_of("small-s1");
  ASSERT_FALSE(ascii.empty());
  for (const auto& u : ascii) {
    EXPECT_EQ(u.rfind("small-s1-K", 0), 0u) << u;
    EXPECT_EQ(u.find('~'), std::string::npos) << u;
  }
  for (const auto& u : seoul) EXPECT_NE(u.find('~'), std::string::npos) << u;
}

// ---- Met before: history across events -----------------------------------------------------

TEST(Issue15MetBefore, ASecondEventRepeatsOnlyTheMeetingsSomeoneAskedFor) {
  TempDir dir;
  const std::string profiles = testing::source_path("examples/event/profiles.csv");
  const std::string layout = " --slots 12 --tables 6 --date 2023-11-30";
  ASSERT_EQ(
      run_cli("match score " + profiles + layout + " --output " + dir.path("i1.json")).exit_code,
      0);
  ASSERT_EQ(run_cli("match schedule " + dir.path("i1.json") + " --time-limit 2 --output " +
                    dir.path("s1.json"))
                .exit_code,
            0);
  auto scored = run_cli("match score " + profiles + layout + " --met-before " +
                        dir.path("s1.json") + " --output " + dir.path("i2.json"));
  ASSERT_EQ(scored.exit_code, 0) << scored.output;
  ASSERT_EQ(run_cli("match schedule " + dir.path("i2.json") + " --time-limit 2 --output " +
                    dir.path("s2.json"))
                .exit_code,
            0);
  const json i2 = json::parse(*io::read_text_file(dir.path("i2.json")));
  const json s1 = json::parse(*io::read_text_file(dir.path("s1.json")));
  const json s2 = json::parse(*io::read_text_file(dir.path("s2.json")));
  std::set<std::pair<std::string, std::string>> first, requested;
  const auto ids = [](const json& j) {
    return std::pair{j["k"].get<std::string>(), j["f"].get<std::string>()};
  };
  for (const auto& m : s1["meetings"]) first.insert(ids(m));
  for (const auto& p : i2["pairs"]) {
    if (!p["requested_by"].empty()) requested.insert(ids(p));
  }
  EXPECT_EQ(i2["met_before"].size(), first.size());
  EXPECT_EQ(i2["met_before_factor"].get<double>(), 0.0);
  int repeats = 0, fresh = 0;
  for (const auto& m : s2["meetings"]) {
    const auto key = ids(m);
    if (first.count(key) != 0) {
      ++repeats;
      EXPECT_EQ(requested.count(key), 1U) << key.first << "-" << key.second;
    } else {
      ++fresh;
    }
  }
  EXPECT_GT(fresh, 0);  // new contacts replace the unrequested repeats
  EXPECT_EQ(run_cli("match check " + dir.path("i2.json") + " " + dir.path("s2.json")).exit_code, 0);
  // A history file that is not a schedule is an input error naming the path.
  std::ofstream(dir.path("bad.json")) << R"({"meetings": [{"k": 1}]})";
  auto bad = run_cli("match score " + profiles + " --met-before " + dir.path("bad.json"));
  EXPECT_EQ(bad.exit_code, 3) << bad.output;
  EXPECT_NE(bad.output.find("$.meetings[0]"), std::string::npos) << bad.output;
}

TEST(Issue15MetBefore, StoredEventsGiveThePairsOfTheirLatestSchedule) {
  // An event kept by `urbanmine serve --db` (here through the same EventService) stands for
  // its schedule file: --met-before-event e1 --db scores exactly as --met-before s1.json.
  TempDir dir;
  const std::string profiles = testing::source_path("examples/event/profiles.csv");
  const std::string db = dir.path("events.db");
  {
    auto events = engine::EventService::open(db);
    ASSERT_TRUE(events.has_value()) << events.error().to_string();
    engine::ScoreRequest score;
    score.csv = true;
    score.slots = 12;
    score.tables = 6;
    auto event = (*events)->add_scored(*io::read_text_file(profiles), profiles, score);
    ASSERT_TRUE(event.has_value()) << event.error().to_string();
    engine::ScheduleRequest request;
    request.time_limit_seconds = 2.0;
    auto scheduled = (*events)->schedule(event->id, request);
    ASSERT_TRUE(scheduled.has_value()) << scheduled.error().to_string();
    ASSERT_TRUE(io::write_file_atomic(dir.path("s1.json"), scheduled->schedule_json).has_value());
    // Not scheduled yet: a conflict naming where the id was given.
    auto second = (*events)->add_scored(*io::read_text_file(profiles), profiles, score);
    ASSERT_TRUE(second.has_value());
    auto unscheduled = (*events)->met_pairs({{second->id, "--met-before-event"}});
    ASSERT_FALSE(unscheduled.has_value());
    EXPECT_EQ(unscheduled.error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(unscheduled.error().location, "--met-before-event");
  }
  const std::string layout = " --slots 12 --tables 6 --date 2023-11-30";
  auto stored = run_cli("match score " + profiles + layout + " --met-before-event e1 --db " + db +
                        " --output " + dir.path("i_store.json"));
  ASSERT_EQ(stored.exit_code, 0) << stored.output;
  auto filed = run_cli("match score " + profiles + layout + " --met-before " + dir.path("s1.json") +
                       " --output " + dir.path("i_file.json"));
  ASSERT_EQ(filed.exit_code, 0) << filed.output;
  const json a = json::parse(*io::read_text_file(dir.path("i_store.json")));
  const json b = json::parse(*io::read_text_file(dir.path("i_file.json")));
  EXPECT_FALSE(a["met_before"].empty());
  EXPECT_EQ(a["met_before"], b["met_before"]);
  EXPECT_EQ(a["pairs"], b["pairs"]);
  // An unknown event, or no --db: exit 3 naming the flag.
  auto unknown = run_cli("match score " + profiles + layout + " --met-before-event e9 --db " + db);
  EXPECT_EQ(unknown.exit_code, 3) << unknown.output;
  EXPECT_NE(unknown.output.find("--met-before-event"), std::string::npos) << unknown.output;
  auto no_db = run_cli("match score " + profiles + layout + " --met-before-event e1");
  EXPECT_EQ(no_db.exit_code, 3) << no_db.output;
  EXPECT_NE(no_db.output.find("--db"), std::string::npos) << no_db.output;
}

// ---- Host keeps table and names ------------------------------------------------------------

TEST(Issue15HostKeepsTable, EveryKoreanHostStaysAtOneTableAndCheckCatchesAMove) {
  TempDir dir;
  const std::string profiles = testing::source_path("examples/event/profiles.csv");
  auto scored = run_cli("match score " + profiles +
                        " --slots 12 --tables 6 --host-keeps-table --date 2023-11-30 --output " +
                        dir.path("i.json"));
  ASSERT_EQ(scored.exit_code, 0) << scored.output;
  auto r = run_cli("match schedule " + dir.path("i.json") + " --time-limit 5 --output " +
                   dir.path("s.json"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  json schedule = json::parse(*io::read_text_file(dir.path("s.json")));
  std::map<std::string, std::set<int>> tables_of;
  for (const auto& m : schedule["meetings"]) tables_of[m["k"]].insert(m["table"].get<int>());
  ASSERT_FALSE(tables_of.empty());
  std::set<int> homes;
  for (const auto& [k, tables] : tables_of) {
    EXPECT_EQ(tables.size(), 1u) << k;
    homes.insert(*tables.begin());
  }
  EXPECT_EQ(homes.size(), tables_of.size());  // one table per organisation
  // Names and organisations are in the schedule, not only ids.
  const json& first = schedule["meetings"][0];
  EXPECT_FALSE(first["k_organisation"].get<std::string>().empty());
  EXPECT_FALSE(first["f_organisation"].get<std::string>().empty());
  EXPECT_FALSE(first["start"].get<std::string>().empty());
  EXPECT_EQ(run_cli("match check " + dir.path("i.json") + " " + dir.path("s.json")).exit_code, 0);
  // Move one host's meeting to another free table of its slot: check names the rule.
  json& moved = schedule["meetings"][0];
  std::set<int> used;
  for (const auto& m : schedule["meetings"]) {
    if (m["slot"] == moved["slot"]) used.insert(m["table"].get<int>());
  }
  int free_table = 0;
  while (used.count(free_table) != 0) ++free_table;
  ASSERT_LT(free_table, 6) << "the slot is full; the example has fewer meetings per slot";
  moved["table"] = free_table;
  std::ofstream(dir.path("moved.json")) << schedule.dump();
  auto check = run_cli("match check " + dir.path("i.json") + " " + dir.path("moved.json"));
  EXPECT_EQ(check.exit_code, 1) << check.output;
  EXPECT_NE(check.output.find("(host_keeps_table)"), std::string::npos) << check.output;
  // Fewer tables than Korean organisations: refused at input.
  auto few = run_cli("match score " + profiles + " --tables 3 --host-keeps-table");
  EXPECT_EQ(few.exit_code, 3) << few.output;
  EXPECT_NE(few.output.find("home_table"), std::string::npos) << few.output;
}

}  // namespace
}  // namespace urbanmine
