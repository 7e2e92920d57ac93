// SPDX-License-Identifier: Apache-2.0
// Agendas from a schedule: one CSV and one iCalendar file (RFC 5545) per participant and per
// interpreter with meetings, plus a CSV of every meeting. Events carry the event's time zone (with
// its VTIMEZONE) and stable UIDs made of the instance name and the pair, so that importing an
// updated schedule moves or replaces the same events instead of duplicating them; meetings of
// `previous_schedule` that no longer take place are published as STATUS:CANCELLED with their UID.
// Returns text only (no files).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "match/instance.h"

namespace urbanmine::match {

// One observance of a VTIMEZONE: from `onset_local` (local time before the change,
// "YYYYMMDDTHHMMSS") the zone's UTC offset is `offset_to_minutes` (was `offset_from_minutes`).
struct ZoneObservance {
  bool daylight = false;  // DAYLIGHT (summer time) or STANDARD
  std::string onset_local;
  int offset_from_minutes = 0;
  int offset_to_minutes = 0;
  std::string abbreviation;  // "CET", "KST"
};

// The event's time zone as agendas need it: its IANA name and the observances in force on the
// event's date (io::agenda_zone derives them from the IANA database; the domain reads no files).
struct AgendaZone {
  std::string tzid;
  std::vector<ZoneObservance> observances;  // in onset order; the last onset before an event
                                            // time gives its offset
};

struct AgendaOptions {
  std::string date;             // "2023-11-30"; empty = instance.event.date
  std::string timezone;         // IANA name the engine resolves into `zone`; empty =
                                // instance.event.timezone, else "Asia/Seoul" (unused here)
  AgendaZone zone;              // required: tzid and at least one observance
  std::string language = "en";  // agenda text: "en" or "ko"
  std::string dtstamp;          // UTC "YYYYMMDDTHHMMSSZ" of this publication (DTSTAMP)
  int sequence = 0;             // SEQUENCE of every event; raise it for each re-publication
  std::string uid_domain = "urbanmine.match";
};

struct AgendaFile {
  std::string name;     // relative file name, e.g. "K0003.ics", "K0003.csv", "meetings.csv"
  std::string content;  // ICS files use CRLF line ends, as RFC 5545 requires
};

// The file name (without extension) of a participant's agenda: the id itself when it is made of
// [A-Za-z0-9._-] only, otherwise its safe spelling plus "~" and a hash of the exact id, so that
// ids differing only in other characters (김민수, 이민수) get different files.
std::string agenda_file_stem(const std::string& participant_id);

// A zone with one fixed offset (tests and zones without transitions), e.g. ("UTC", 0, "UTC").
AgendaZone fixed_offset_zone(const std::string& tzid, int offset_minutes,
                             const std::string& abbreviation);

// Errors: no date, a malformed date or dtstamp, no zone observances, an unknown language.
core::Result<std::vector<AgendaFile>> build_agendas(const Instance& instance,
                                                    const std::vector<Meeting>& meetings,
                                                    const AgendaOptions& options);

}  // namespace urbanmine::match
