// SPDX-License-Identifier: Apache-2.0
// Agendas: per-participant CSV and RFC 5545 calendars with CRLF lines of at most 75 octets, the
// event time zone, and UIDs that stay the same when a meeting moves, so an update replaces it.
#include "match/agenda.h"

#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "io/files.h"
#include "io/match_json.h"
#include "io/match_timezone.h"

#include "test_support.h"

namespace urbanmine::match {
namespace {

Instance small() {
  const std::string path = testing::test_data("match/small-s1.json");
  auto text = io::read_text_file(path);
  auto inst = io::parse_match_instance(*text, path);
  EXPECT_TRUE(inst.has_value());
  return *inst;
}

std::vector<Meeting> optimum(const Instance& inst) {
  const std::string path = testing::test_data("match/small-s1.opt.json");
  auto text = io::read_text_file(path);
  auto s = io::parse_match_schedule(*text, path, inst);
  EXPECT_TRUE(s.has_value());
  return s->meetings;
}

AgendaOptions options() {
  AgendaOptions o;
  o.date = "2023-11-30";
  o.timezone = "Asia/Seoul";
  auto zone = io::agenda_zone("Asia/Seoul", o.date);
  EXPECT_TRUE(zone.has_value());
  o.zone = *zone;
  o.dtstamp = "20231130T000000Z";
  return o;
}

std::map<std::string, std::string> by_name(const std::vector<AgendaFile>& files) {
  std::map<std::string, std::string> out;
  for (const auto& f : files) out[f.name] = f.content;
  return out;
}

std::vector<std::string> uids(const std::string& ics) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = ics.find("\r\nUID:", pos)) != std::string::npos) {
    pos += 6;
    out.push_back(ics.substr(pos, ics.find("\r\n", pos) - pos));
  }
  return out;
}

// A whole calendar: it opens and closes as RFC 5545 says, and every line ends in CRLF and has
// at most 75 octets.
void expect_calendar_lines(const std::string& ics) {
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
  std::size_t start = 0;
  while (start < ics.size()) {
    const std::size_t end = ics.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    EXPECT_EQ(ics.substr(start, end - start).find('\n'), std::string::npos);
    start = end + 2;
  }
}

TEST(MatchAgenda, CalendarsFollowRfc5545) {
  const Instance inst = small();
  auto files = build_agendas(inst, optimum(inst), options());
  ASSERT_TRUE(files.has_value()) << files.error().to_string();
  const auto named = by_name(*files);
  ASSERT_EQ(named.count("K0003.ics"), 1u);
  const std::string& ics = named.at("K0003.ics");
  expect_calendar_lines(ics);
  EXPECT_NE(ics.find("BEGIN:VTIMEZONE\r\nTZID:Asia/Seoul\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;TZID=Asia/Seoul:20231130T"), std::string::npos);
  // One VEVENT per meeting of K0003, and as many CSV rows.
  int meetings = 0;
  for (const Meeting& m : optimum(inst)) meetings += inst.participants[m.k].id == "K0003";
  EXPECT_EQ(uids(ics).size(), static_cast<std::size_t>(meetings));
  const std::string& csv = named.at("K0003.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), meetings + 1);
  EXPECT_EQ(named.count("meetings.csv"), 1u);
}

TEST(MatchAgenda, UidsAreStableWhenAMeetingMovesAndDroppedMeetingsAreCancelled) {
  Instance inst = small();
  const std::vector<Meeting> before = optimum(inst);
  auto first = build_agendas(inst, before, options());
  ASSERT_TRUE(first.has_value());
  // Re-publish: meeting 0 moves to another slot's time (same pair), meeting 1 is dropped.
  std::vector<Meeting> after = before;
  const Meeting dropped = after[1];
  after[0].slot = (after[0].slot + 1) % inst.slot_count();
  after.erase(after.begin() + 1);
  inst.previous_schedule = before;
  AgendaOptions o = options();
  o.sequence = 1;
  auto second = build_agendas(inst, after, o);
  ASSERT_TRUE(second.has_value());
  const std::string k0 = inst.participants[before[0].k].id + ".ics";
  const auto u1 = uids(by_name(*first).at(k0));
  const auto u2 = uids(by_name(*second).at(k0));
  EXPECT_EQ(u1, u2);  // same events, updated in place
  const std::string kd = inst.participants[dropped.k].id + ".ics";
  const std::string ics = by_name(*second).at(kd);  // a copy: by_name() returns a temporary
  EXPECT_NE(ics.find("STATUS:CANCELLED"), std::string::npos);
  EXPECT_NE(ics.find("SEQUENCE:1"), std::string::npos);
}

// Interpreters get calendars too: one event per meeting they serve, with UIDs of their own, and a
// meeting handed to another interpreter is cancelled in the first one's calendar.
TEST(MatchAgenda, InterpretersGetTheirOwnCalendars) {
  const std::string ipath = testing::test_data("match/small-rules-s1.json");
  const std::string spath = testing::test_data("match/small-rules-s1.opt.json");
  auto inst = io::parse_match_instance(*io::read_text_file(ipath), ipath);
  ASSERT_TRUE(inst.has_value());
  auto sched = io::parse_match_schedule(*io::read_text_file(spath), spath, *inst);
  ASSERT_TRUE(sched.has_value());
  const std::vector<Meeting> before = sched->meetings;
  auto files = build_agendas(*inst, before, options());
  ASSERT_TRUE(files.has_value()) << files.error().to_string();
  const auto named = by_name(*files);
  ASSERT_EQ(named.count("I01.ics"), 1u);
  const std::string ics = named.at("I01.ics");
  expect_calendar_lines(ics);
  int served = 0;
  std::set<std::string> participant_uids;
  for (const Meeting& m : before) {
    served += m.interpreter == 0 ? 1 : 0;
    for (const std::string& u : uids(named.at(inst->participants[m.k].id + ".ics"))) {
      participant_uids.insert(u);
    }
  }
  ASSERT_GT(served, 0);
  const auto mine = uids(ics);
  EXPECT_EQ(mine.size(), static_cast<std::size_t>(served));
  for (const std::string& u : mine) {
    EXPECT_EQ(participant_uids.count(u), 0u) << u;  // its own events, not the parties'
    EXPECT_NE(u.find("-I01@urbanmine.match"), std::string::npos) << u;
  }
  EXPECT_NE(ics.find("SUMMARY:Interpreting: "), std::string::npos);
  EXPECT_NE(ics.find("STATUS:CONFIRMED"), std::string::npos);
  EXPECT_EQ(ics.find("STATUS:CANCELLED"), std::string::npos);

  // Re-publish with one of I01's meetings handed to I02: cancelled for I01, confirmed for I02.
  Instance again = *inst;
  again.previous_schedule = before;
  std::vector<Meeting> after = before;
  std::string moved_uid;
  for (Meeting& m : after) {
    if (m.interpreter != 0) continue;
    m.interpreter = 1;
    moved_uid = inst->name + "-" + inst->participants[m.k].id + "-" + inst->participants[m.f].id;
    break;
  }
  AgendaOptions o = options();
  o.sequence = 1;
  o.language = "ko";
  auto second = build_agendas(again, after, o);
  ASSERT_TRUE(second.has_value());
  const auto named2 = by_name(*second);
  const std::string i01 = named2.at("I01.ics");
  const std::string i02 = named2.at("I02.ics");
  const std::size_t cancelled = i01.find("UID:" + moved_uid + "-I01@");
  ASSERT_NE(cancelled, std::string::npos);
  EXPECT_NE(i01.find("STATUS:CANCELLED", cancelled), std::string::npos);
  const std::size_t added = i02.find("UID:" + moved_uid + "-I02@");
  ASSERT_NE(added, std::string::npos);
  EXPECT_LT(i02.find("STATUS:CONFIRMED", added), i02.find("END:VEVENT", added));
  EXPECT_NE(i02.find("SUMMARY:통역 지원: "), std::string::npos);
}

TEST(MatchAgenda, UnknownTimeZoneAndBadDateAreInputErrors) {
  const Instance inst = small();
  auto mars = io::agenda_zone("Mars/Olympus", "2023-11-30");
  ASSERT_FALSE(mars.has_value());
  EXPECT_EQ(mars.error().code, core::ErrorCode::kInvalidInput);
  AgendaOptions o = options();
  o.zone = AgendaZone{};
  auto a = build_agendas(inst, optimum(inst), o);
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().code, core::ErrorCode::kInvalidInput);
  o = options();
  o.date = "30.11.2023";
  EXPECT_FALSE(build_agendas(inst, optimum(inst), o).has_value());
}

}  // namespace
}  // namespace urbanmine::match

namespace urbanmine::match {
namespace {

// Participant ids that differ only in non-ASCII characters (김민수, 이민수) get different agenda
// files; ASCII ids keep their plain names.
TEST(MatchAgenda, NonAsciiIdsGetDistinctFiles) {
  Instance inst = small();
  const auto meetings = optimum(inst);
  inst.participants[meetings[0].k].id = "김민수";
  inst.participants[meetings[0].f].id = "이민수";
  auto files = build_agendas(inst, meetings, options());
  ASSERT_TRUE(files.has_value()) << files.error().to_string();
  const auto named = by_name(*files);
  const std::string a = agenda_file_stem("김민수");
  const std::string b = agenda_file_stem("이민수");
  EXPECT_NE(a, b);
  EXPECT_TRUE(named.count(a + ".ics") && named.count(b + ".ics") && named.count(a + ".csv"));
  EXPECT_EQ(agenda_file_stem("K0003"), "K0003");
  EXPECT_EQ(a, agenda_file_stem("김민수"));  // the same at every publication
}

}  // namespace
}  // namespace urbanmine::match
