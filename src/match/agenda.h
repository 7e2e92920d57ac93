// SPDX-License-Identifier: Apache-2.0
// Agendas from a schedule: one CSV and one iCalendar file (RFC 5545) per participant, plus a CSV
// of every meeting. Events carry the event's time zone (with its VTIMEZONE) and stable UIDs made
// of the instance name and the pair, so that importing an updated schedule moves or replaces
// the same events instead of duplicating them; meetings of `previous_schedule` that no longer
// take place are published as STATUS:CANCELLED with their UID. Returns text only (no files).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "match/instance.h"

namespace urbanmine::match {

struct AgendaOptions {
  std::string date;      // "2023-11-30"; empty = instance.event.date
  std::string timezone;  // IANA name; empty = instance.event.timezone, else "Asia/Seoul"
  std::string dtstamp;   // UTC "YYYYMMDDTHHMMSSZ" of this publication (DTSTAMP)
  int sequence = 0;      // SEQUENCE of every event; raise it for each re-publication
  std::string uid_domain = "urbanmine.match";
};

struct AgendaFile {
  std::string name;     // relative file name, e.g. "K0003.ics", "K0003.csv", "meetings.csv"
  std::string content;  // ICS files use CRLF line ends, as RFC 5545 requires
};

// Time zones with a fixed UTC offset that agendas support (no daylight saving rules needed).
std::vector<std::string> supported_agenda_timezones();

// Errors: no date, a malformed date or dtstamp, an unsupported time zone.
core::Result<std::vector<AgendaFile>> build_agendas(const Instance& instance,
                                                    const std::vector<Meeting>& meetings,
                                                    const AgendaOptions& options);

}  // namespace urbanmine::match
