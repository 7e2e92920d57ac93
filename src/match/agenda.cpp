// SPDX-License-Identifier: Apache-2.0
// Per-participant CSV and ICS agendas (RFC 5545: CRLF lines folded at 75 octets, escaped TEXT,
// VTIMEZONE for the TZID used, stable UIDs).
#include "match/agenda.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

namespace urbanmine::match {

namespace {

constexpr std::size_t kIcsLineOctets = 75;

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string ics_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out;
}

// Folds a content line at 75 octets without splitting a UTF-8 sequence.
void ics_line(std::string& out, const std::string& line) {
  std::size_t pos = 0;
  bool first = true;
  while (pos < line.size()) {
    std::size_t limit = first ? kIcsLineOctets : kIcsLineOctets - 1;
    std::size_t end = std::min(line.size(), pos + limit);
    while (end < line.size() && end > pos &&
           (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!first) out += ' ';
    out.append(line, pos, end - pos);
    out += "\r\n";
    pos = end;
    first = false;
  }
}

bool uid_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

// 64-bit FNV-1a: a stable hash of the exact bytes (the same on every platform and run).
std::uint64_t fnv1a64(const std::string& s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// File names: characters outside [A-Za-z0-9._-] become '_'.
std::string uid_safe(const std::string& s) {
  std::string out;
  for (char c : s) out += uid_char(c) ? c : '_';
  return out;
}

// UID parts: kept as they are when every character is safe (UIDs of earlier publications stay
// the same); otherwise the safe spelling plus a hash of the exact name, so that names differing
// only in non-ASCII characters (서울-2023, 부산-2023) get different UIDs.
std::string uid_part(const std::string& s) {
  if (!s.empty() && std::all_of(s.begin(), s.end(), uid_char)) return s;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(fnv1a64(s)));
  return uid_safe(s) + "~" + hash;
}

// Minutes east of UTC -> "+0900".
std::string utc_offset(int minutes) {
  const char sign = minutes < 0 ? '-' : '+';
  const int a = std::abs(minutes) % (24 * 60);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d%02d", sign, a / 60, a % 60);
  return buf;
}

struct Words {
  const char* meeting_with;
  const char* partner;
  const char* slot;
  const char* table;
  const char* default_title;
  const char* interpreter;
  const char* attending;
  const char* delegation;
  const char* interpreting;  // an interpreter's event: "Interpreting: A - B"
  const char* languages;
  const char* preferred;  // a member who attends when the table has room
};

constexpr Words kEnglish = {"1:1 meeting with ",
                            "Partner: ",
                            "Slot ",
                            "Table ",
                            "1:1 meeting",
                            "Interpreter: ",
                            "Their delegation: ",
                            "Our delegation: ",
                            "Interpreting: ",
                            "Languages: ",
                            "if seats allow"};
constexpr Words kKorean = {"1:1 미팅: ",  "상대: ", "슬롯 ",         "테이블 ",
                           "1:1 미팅",    "통역: ", "상대 참석자: ", "우리 참석자: ",
                           "통역 지원: ", "언어: ", "좌석 여유 시"};

// "Name (role), Name (if seats allow)": the people of a delegation, as its agenda names them.
std::string members_text(const Participant& p, const Words& words) {
  std::string out;
  for (const Member& m : p.members) {
    std::string note = m.role;
    if (!m.required) note += (note.empty() ? "" : ", ") + std::string(words.preferred);
    out += (out.empty() ? "" : ", ") + m.name + (note.empty() ? "" : " (" + note + ")");
  }
  return out;
}

// "14:15" -> "141500"; false when malformed.
bool ics_time(const std::string& hhmm, std::string& out) {
  int h = 0;
  int m = 0;
  if (std::sscanf(hhmm.c_str(), "%d:%d", &h, &m) != 2 || h < 0 || h > 23 || m < 0 || m > 59) {
    return false;
  }
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d%02d00", h, m);
  out = buf;
  return true;
}

std::string label(const Participant& p) {
  return p.organisation.empty() ? p.id : p.organisation + " (" + p.id + ")";
}

}  // namespace

AgendaZone fixed_offset_zone(const std::string& tzid, int offset_minutes,
                             const std::string& abbreviation) {
  AgendaZone zone;
  zone.tzid = tzid;
  ZoneObservance o;
  o.onset_local = "19700101T000000";
  o.offset_from_minutes = offset_minutes;
  o.offset_to_minutes = offset_minutes;
  o.abbreviation = abbreviation;
  zone.observances.push_back(o);
  return zone;
}

core::Result<std::vector<AgendaFile>> build_agendas(const Instance& instance,
                                                    const std::vector<Meeting>& meetings,
                                                    const AgendaOptions& options) {
  const std::string date = options.date.empty() ? instance.event.date : options.date;
  if (!is_calendar_date(date)) {
    return core::Error::invalid_input(
        "meeting date '" + date + "' is not a calendar date YYYY-MM-DD", "--date or $.event.date",
        "give e.g. --date 2023-11-30");
  }
  const std::string ymd = date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
  if (options.zone.tzid.empty() || options.zone.observances.empty()) {
    return core::Error::invalid_input("no time zone rules for the agendas",
                                      "--timezone or $.event.timezone",
                                      "give an IANA time zone such as Asia/Seoul");
  }
  const AgendaZone& zone = options.zone;
  if (options.language != "en" && options.language != "ko") {
    return core::Error::invalid_input("agenda language '" + options.language + "' is not en or ko",
                                      "--language", "give en or ko");
  }
  const Words& words = options.language == "ko" ? kKorean : kEnglish;
  if (options.dtstamp.size() != 16 || options.dtstamp[8] != 'T' || options.dtstamp[15] != 'Z') {
    return core::Error::invalid_input("DTSTAMP '" + options.dtstamp + "' is not YYYYMMDDTHHMMSSZ",
                                      "--dtstamp", "give a UTC time such as 20231130T000000Z");
  }
  for (const Slot& s : instance.slots) {
    std::string t;
    if (!ics_time(s.start, t) || !ics_time(s.end, t)) {
      return core::Error::invalid_input("slot " + std::to_string(s.id) + " has no HH:MM times",
                                        "$.slots[" + std::to_string(s.id) + "]",
                                        "give start and end as HH:MM");
    }
  }
  const int n = instance.participant_count();
  std::vector<std::vector<const Meeting*>> by_person(n);
  std::vector<Meeting> sorted = meetings;
  std::sort(sorted.begin(), sorted.end(), [](const Meeting& a, const Meeting& b) {
    return std::tie(a.slot, a.table) < std::tie(b.slot, b.table);
  });
  std::set<std::pair<int, int>> current;
  for (const Meeting& m : sorted) {
    by_person[m.k].push_back(&m);
    by_person[m.f].push_back(&m);
    current.insert({m.k, m.f});
  }
  std::vector<std::vector<const Meeting*>> dropped(n);
  for (const Meeting& m : instance.previous_schedule) {
    if (current.count({m.k, m.f}) != 0) continue;
    dropped[m.k].push_back(&m);
    dropped[m.f].push_back(&m);
  }
  const std::string title =
      instance.event.title.empty() ? std::string(words.default_title) : instance.event.title;
  auto uid = [&](const Meeting& m) {
    return uid_part(instance.name) + "-" + uid_part(instance.participants[m.k].id) + "-" +
           uid_part(instance.participants[m.f].id) + "@" + options.uid_domain;
  };

  std::vector<AgendaFile> files;
  const std::string header =
      "participant_id,participant,slot,start,end,table_number,partner_id,partner,partner_country,"
      "partner_org_type,interpreter,partner_members\n";
  std::string all = header;
  // A calendar's head: its name and the event's time zone.
  auto calendar_head = [&](const std::string& name) {
    std::string ics;
    ics_line(ics, "BEGIN:VCALENDAR");
    ics_line(ics, "VERSION:2.0");
    ics_line(ics, options.language == "ko" ? "PRODID:-//urbanmine//match agenda//KO"
                                           : "PRODID:-//urbanmine//match agenda//EN");
    ics_line(ics, "CALSCALE:GREGORIAN");
    ics_line(ics, "METHOD:PUBLISH");
    ics_line(ics, "X-WR-CALNAME:" + ics_text(title + " - " + name));
    ics_line(ics, "BEGIN:VTIMEZONE");
    ics_line(ics, "TZID:" + zone.tzid);
    for (const ZoneObservance& o : zone.observances) {
      const char* kind = o.daylight ? "DAYLIGHT" : "STANDARD";
      ics_line(ics, std::string("BEGIN:") + kind);
      ics_line(ics, "DTSTART:" + o.onset_local);
      ics_line(ics, "TZOFFSETFROM:" + utc_offset(o.offset_from_minutes));
      ics_line(ics, "TZOFFSETTO:" + utc_offset(o.offset_to_minutes));
      if (!o.abbreviation.empty()) ics_line(ics, "TZNAME:" + ics_text(o.abbreviation));
      ics_line(ics, std::string("END:") + kind);
    }
    ics_line(ics, "END:VTIMEZONE");
    return ics;
  };
  // An event's timing lines: UID, stamp, sequence, start and end in the event's zone.
  auto event_head = [&](std::string& ics, const std::string& event_uid, const Slot& slot) {
    std::string t0;
    std::string t1;
    ics_time(slot.start, t0);
    ics_time(slot.end, t1);
    ics_line(ics, "BEGIN:VEVENT");
    ics_line(ics, "UID:" + event_uid);
    ics_line(ics, "DTSTAMP:" + options.dtstamp);
    ics_line(ics, "SEQUENCE:" + std::to_string(options.sequence));
    ics_line(ics, "DTSTART;TZID=" + zone.tzid + ":" + ymd + "T" + t0);
    ics_line(ics, "DTEND;TZID=" + zone.tzid + ":" + ymd + "T" + t1);
  };
  auto location = [&](const Meeting& m) {
    std::string where = words.table + std::to_string(m.table + 1);
    if (!instance.event.location.empty()) where += ", " + instance.event.location;
    return where;
  };
  for (int i = 0; i < n; ++i) {
    const Participant& me = instance.participants[i];
    std::string csv = header;
    std::string ics = calendar_head(label(me));
    auto event = [&](const Meeting& m, bool cancelled) {
      const Participant& other = instance.participants[m.k == i ? m.f : m.k];
      const bool interpreted =
          m.interpreter >= 0 && m.interpreter < static_cast<int>(instance.interpreters.size());
      const std::string interpreter = interpreted ? instance.interpreters[m.interpreter].id : "";
      const Slot& slot = instance.slots[m.slot];
      event_head(ics, uid(m), slot);
      ics_line(ics, "SUMMARY:" + ics_text(words.meeting_with + label(other)));
      ics_line(ics, "LOCATION:" + ics_text(location(m)));
      ics_line(
          ics,
          "DESCRIPTION:" +
              ics_text(title + "\n" + words.partner + label(other) + " (" + other.country +
                       (other.org_type.empty() ? "" : ", " + other.org_type) + ")\n" + words.slot +
                       std::to_string(m.slot) + ", " + words.table + std::to_string(m.table + 1) +
                       (other.members.empty()
                            ? std::string()
                            : "\n" + std::string(words.attending) + members_text(other, words)) +
                       (me.members.empty()
                            ? std::string()
                            : "\n" + std::string(words.delegation) + members_text(me, words)) +
                       (interpreted
                            ? "\n" + std::string(words.interpreter) + interpreter + " (" +
                                  languages_label(instance.interpreters[m.interpreter].languages) +
                                  ")"
                            : std::string())));
      ics_line(ics, cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
      ics_line(ics, "TRANSP:OPAQUE");
      ics_line(ics, "END:VEVENT");
      if (cancelled) return;
      const std::string row = csv_field(me.id) + "," + csv_field(me.organisation) + "," +
                              std::to_string(m.slot) + "," + slot.start + "," + slot.end + "," +
                              std::to_string(m.table + 1) + "," + csv_field(other.id) + "," +
                              csv_field(other.organisation) + "," + csv_field(other.country) + "," +
                              csv_field(other.org_type) + "," + csv_field(interpreter) + "," +
                              csv_field(members_text(other, words)) + "\n";
      csv += row;
      all += row;
    };
    for (const Meeting* m : by_person[i]) event(*m, false);
    for (const Meeting* m : dropped[i]) event(*m, true);
    ics_line(ics, "END:VCALENDAR");
    if (by_person[i].empty() && dropped[i].empty()) continue;
    files.push_back({agenda_file_stem(me.id) + ".csv", csv});
    files.push_back({agenda_file_stem(me.id) + ".ics", ics});
  }
  // Each interpreter's own list and calendar: where to be, when, for whom. An interpreter's
  // events have UIDs of their own (the meeting's plus the interpreter id), so a meeting handed
  // to another interpreter is cancelled in the first one's calendar and added to the other's.
  const std::string interpreter_header =
      "interpreter_id,languages,slot,start,end,table_number,k_id,"
      "k_participant,f_id,f_participant\n";
  std::set<std::tuple<int, int, int>> interpreted_now;  // (k, f, interpreter)
  for (const Meeting& m : meetings) {
    if (m.interpreter >= 0) interpreted_now.insert({m.k, m.f, m.interpreter});
  }
  for (std::size_t j = 0; j < instance.interpreters.size(); ++j) {
    const Interpreter& it = instance.interpreters[j];
    const int me = static_cast<int>(j);
    std::vector<const Meeting*> mine;
    for (const Meeting& m : sorted) {
      if (m.interpreter == me) mine.push_back(&m);
    }
    std::vector<const Meeting*> given_up;
    for (const Meeting& m : instance.previous_schedule) {
      if (m.interpreter == me && interpreted_now.count({m.k, m.f, me}) == 0) {
        given_up.push_back(&m);
      }
    }
    if (mine.empty() && given_up.empty()) continue;
    std::string ics = calendar_head(it.id + " (" + languages_label(it.languages) + ")");
    auto event = [&](const Meeting& m, bool cancelled) {
      const Participant& k = instance.participants[m.k];
      const Participant& f = instance.participants[m.f];
      std::string event_uid = uid(m);
      event_uid.insert(event_uid.find('@'), "-" + uid_part(it.id));
      event_head(ics, event_uid, instance.slots[m.slot]);
      ics_line(ics, "SUMMARY:" + ics_text(words.interpreting + label(k) + " - " + label(f)));
      ics_line(ics, "LOCATION:" + ics_text(location(m)));
      ics_line(
          ics,
          "DESCRIPTION:" +
              ics_text(title + "\n" + label(k) + " (" + languages_label(spoken_languages(k)) +
                       ")\n" + label(f) + " (" + languages_label(spoken_languages(f)) + ")\n" +
                       words.languages + languages_label(it.languages) + "\n" + words.slot +
                       std::to_string(m.slot) + ", " + words.table + std::to_string(m.table + 1)));
      ics_line(ics, cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
      ics_line(ics, "TRANSP:OPAQUE");
      ics_line(ics, "END:VEVENT");
    };
    for (const Meeting* m : mine) event(*m, false);
    for (const Meeting* m : given_up) event(*m, true);
    ics_line(ics, "END:VCALENDAR");
    files.push_back({agenda_file_stem(it.id) + ".ics", ics});
    if (mine.empty()) continue;
    std::string csv = interpreter_header;
    for (const Meeting* m : mine) {
      const Participant& k = instance.participants[m->k];
      const Participant& f = instance.participants[m->f];
      const Slot& slot = instance.slots[m->slot];
      csv += csv_field(it.id) + "," + csv_field(languages_label(it.languages)) + "," +
             std::to_string(m->slot) + "," + slot.start + "," + slot.end + "," +
             std::to_string(m->table + 1) + "," + csv_field(k.id) + "," +
             csv_field(k.organisation) + "," + csv_field(f.id) + "," + csv_field(f.organisation) +
             "\n";
    }
    files.push_back({agenda_file_stem(it.id) + ".csv", csv});
  }
  files.push_back({"meetings.csv", all});
  return files;
}

std::string agenda_file_stem(const std::string& participant_id) { return uid_part(participant_id); }

}  // namespace urbanmine::match
