// SPDX-License-Identifier: Apache-2.0
// IANA time zones for partnering-event agendas, from the machine's tz database (Debian tzdata,
// read through Howard Hinnant's date/tz library, Debian libhowardhinnant-date-dev): whether a
// zone name exists, and the observances (UTC offsets and their onsets, with daylight saving)
// that a VTIMEZONE needs for an event on a given date. The domain module (match/agenda.h) gets
// the result as plain data and reads no files.
// Example: auto zone = io::agenda_zone("Europe/Brussels", "2023-11-30");  // CET, +0100
#pragma once

#include <string>

#include "core/result.h"
#include "match/agenda.h"

namespace urbanmine::io {

// True when `name` is a zone (or link) of the installed IANA database.
bool is_known_timezone(const std::string& name);

// Observances of `name` covering the whole local day `date` (YYYY-MM-DD): the one in force at
// its start and every change until its end, each with its onset in local time before the
// change. Errors: an unknown zone or a malformed date (exit 3).
core::Result<match::AgendaZone> agenda_zone(const std::string& name, const std::string& date);

}  // namespace urbanmine::io
