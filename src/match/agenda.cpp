// SPDX-License-Identifier: Apache-2.0
// Per-participant CSV and ICS agendas (RFC 5545: CRLF lines folded at 75 octets, escaped TEXT,
// VTIMEZONE for the TZID used, stable UIDs).
#include "match/agenda.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace urbanmine::match {

namespace {

constexpr std::size_t kIcsLineOctets = 75;

struct Zone {
  const char* name;
  const char* offset;  // "+0900"
  const char* abbreviation;
};

// Fixed-offset zones (no daylight saving since at least 1988 for the Asian ones).
constexpr Zone kZones[] = {
    {"Asia/Seoul", "+0900", "KST"},    {"Asia/Tokyo", "+0900", "JST"},
    {"Asia/Jakarta", "+0700", "WIB"},  {"Asia/Kolkata", "+0530", "IST"},
    {"Asia/Shanghai", "+0800", "CST"}, {"UTC", "+0000", "UTC"},
};

const Zone* find_zone(const std::string& name) {
  for (const Zone& z : kZones) {
    if (name == z.name) return &z;
  }
  return nullptr;
}

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

std::string uid_safe(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    out += ok ? c : '_';
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

std::vector<std::string> supported_agenda_timezones() {
  std::vector<std::string> out;
  for (const Zone& z : kZones) out.push_back(z.name);
  return out;
}

core::Result<std::vector<AgendaFile>> build_agendas(const Instance& instance,
                                                    const std::vector<Meeting>& meetings,
                                                    const AgendaOptions& options) {
  const std::string date = options.date.empty() ? instance.event.date : options.date;
  std::string tz_name = options.timezone.empty() ? instance.event.timezone : options.timezone;
  if (tz_name.empty()) tz_name = "Asia/Seoul";
  int y = 0;
  int mo = 0;
  int d = 0;
  if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &mo, &d) != 3 || mo < 1 ||
      mo > 12 || d < 1 || d > 31) {
    return core::Error::invalid_input("meeting date '" + date + "' is not YYYY-MM-DD",
                                      "--date or $.event.date", "give e.g. --date 2023-11-30");
  }
  char ymd[9];
  std::snprintf(ymd, sizeof ymd, "%04d%02d%02d", y, mo, d);
  const Zone* zone = find_zone(tz_name);
  if (zone == nullptr) {
    std::string list;
    for (const auto& z : supported_agenda_timezones()) list += (list.empty() ? "" : ", ") + z;
    return core::Error::invalid_input("time zone '" + tz_name + "' is not supported",
                                      "--timezone or $.event.timezone", "use one of: " + list);
  }
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
      instance.event.title.empty() ? std::string("1:1 meeting") : instance.event.title;
  auto uid = [&](const Meeting& m) {
    return uid_safe(instance.name) + "-" + uid_safe(instance.participants[m.k].id) + "-" +
           uid_safe(instance.participants[m.f].id) + "@" + options.uid_domain;
  };

  std::vector<AgendaFile> files;
  const std::string header =
      "participant_id,participant,slot,start,end,table_number,partner_id,partner,partner_country,"
      "partner_org_type\n";
  std::string all = header;
  for (int i = 0; i < n; ++i) {
    const Participant& me = instance.participants[i];
    std::string csv = header;
    std::string ics;
    ics_line(ics, "BEGIN:VCALENDAR");
    ics_line(ics, "VERSION:2.0");
    ics_line(ics, "PRODID:-//urbanmine//match agenda//EN");
    ics_line(ics, "CALSCALE:GREGORIAN");
    ics_line(ics, "METHOD:PUBLISH");
    ics_line(ics, "X-WR-CALNAME:" + ics_text(title + " - " + label(me)));
    ics_line(ics, "BEGIN:VTIMEZONE");
    ics_line(ics, std::string("TZID:") + zone->name);
    ics_line(ics, "BEGIN:STANDARD");
    ics_line(ics, "DTSTART:19700101T000000");
    ics_line(ics, std::string("TZOFFSETFROM:") + zone->offset);
    ics_line(ics, std::string("TZOFFSETTO:") + zone->offset);
    ics_line(ics, std::string("TZNAME:") + zone->abbreviation);
    ics_line(ics, "END:STANDARD");
    ics_line(ics, "END:VTIMEZONE");
    auto event = [&](const Meeting& m, bool cancelled) {
      const Participant& other = instance.participants[m.k == i ? m.f : m.k];
      const Slot& slot = instance.slots[m.slot];
      std::string t0;
      std::string t1;
      ics_time(slot.start, t0);
      ics_time(slot.end, t1);
      ics_line(ics, "BEGIN:VEVENT");
      ics_line(ics, "UID:" + uid(m));
      ics_line(ics, "DTSTAMP:" + options.dtstamp);
      ics_line(ics, "SEQUENCE:" + std::to_string(options.sequence));
      ics_line(ics, std::string("DTSTART;TZID=") + zone->name + ":" + ymd + "T" + t0);
      ics_line(ics, std::string("DTEND;TZID=") + zone->name + ":" + ymd + "T" + t1);
      ics_line(ics, "SUMMARY:" + ics_text("1:1 meeting with " + label(other)));
      std::string where = "Table " + std::to_string(m.table + 1);
      if (!instance.event.location.empty()) where += ", " + instance.event.location;
      ics_line(ics, "LOCATION:" + ics_text(where));
      ics_line(ics,
               "DESCRIPTION:" +
                   ics_text(title + "\nPartner: " + label(other) + " (" + other.country +
                            (other.org_type.empty() ? "" : ", " + other.org_type) + ")\nSlot " +
                            std::to_string(m.slot) + ", table " + std::to_string(m.table + 1)));
      ics_line(ics, cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
      ics_line(ics, "TRANSP:OPAQUE");
      ics_line(ics, "END:VEVENT");
      if (cancelled) return;
      const std::string row = csv_field(me.id) + "," + csv_field(me.organisation) + "," +
                              std::to_string(m.slot) + "," + slot.start + "," + slot.end + "," +
                              std::to_string(m.table + 1) + "," + csv_field(other.id) + "," +
                              csv_field(other.organisation) + "," + csv_field(other.country) + "," +
                              csv_field(other.org_type) + "\n";
      csv += row;
      all += row;
    };
    for (const Meeting* m : by_person[i]) event(*m, false);
    for (const Meeting* m : dropped[i]) event(*m, true);
    ics_line(ics, "END:VCALENDAR");
    if (by_person[i].empty() && dropped[i].empty()) continue;
    files.push_back({uid_safe(me.id) + ".csv", csv});
    files.push_back({uid_safe(me.id) + ".ics", ics});
  }
  files.push_back({"meetings.csv", all});
  return files;
}

}  // namespace urbanmine::match
