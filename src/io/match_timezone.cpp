// SPDX-License-Identifier: Apache-2.0
// IANA time zones for agendas (see match_timezone.h).
#include "io/match_timezone.h"

#include <chrono>
#include <exception>

#include <date/tz.h>

namespace urbanmine::io {

namespace {

// Transitions before this year are not written: the observance in force then is given an onset
// of 1970-01-01 (zones whose rules have not changed since, e.g. UTC).
constexpr int kEarliestOnsetYear = 1970;

const date::time_zone* find_zone(const std::string& name) {
  if (name.empty()) return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

int minutes_of(std::chrono::seconds s) {
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(s).count());
}

// Local "YYYYMMDDTHHMMSS" of a UTC instant under a UTC offset.
std::string local_stamp(date::sys_seconds t, std::chrono::seconds offset) {
  return date::format("%Y%m%dT%H%M%S", t + offset);
}

}  // namespace

bool is_known_timezone(const std::string& name) { return find_zone(name) != nullptr; }

core::Result<match::AgendaZone> agenda_zone(const std::string& name, const std::string& date) {
  const date::time_zone* zone = find_zone(name);
  if (zone == nullptr) {
    return core::Error::invalid_input(
        "time zone '" + name + "' is not in the IANA time zone database",
        "--timezone or $.event.timezone",
        "give an IANA name such as Asia/Seoul or Europe/Brussels");
  }
  if (!match::is_calendar_date(date)) {
    return core::Error::invalid_input(
        "meeting date '" + date + "' is not a calendar date YYYY-MM-DD", "--date or $.event.date",
        "give e.g. --date 2023-11-30");
  }
  const date::year_month_day ymd{date::year{std::stoi(date.substr(0, 4))},
                                 date::month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))},
                                 date::day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}};
  // The local day lies within [00:00 UTC - 14 h, 24:00 UTC + 12 h] for every zone on Earth.
  const date::sys_seconds day_start = date::sys_days{ymd};
  const date::sys_seconds first = day_start - std::chrono::hours{14};
  const date::sys_seconds last = day_start + std::chrono::hours{24 + 12};
  match::AgendaZone out;
  out.tzid = name;
  date::sys_info info = zone->get_info(first);
  for (;;) {
    match::ZoneObservance o;
    o.daylight = info.save != std::chrono::minutes{0};
    o.offset_to_minutes = minutes_of(info.offset);
    o.abbreviation = info.abbrev;
    const date::year_month_day onset_day{date::floor<date::days>(info.begin)};
    if (onset_day.year() < date::year{kEarliestOnsetYear}) {
      o.onset_local = "19700101T000000";
      o.offset_from_minutes = o.offset_to_minutes;
    } else {
      const date::sys_info before = zone->get_info(info.begin - std::chrono::seconds{1});
      o.offset_from_minutes = minutes_of(before.offset);
      o.onset_local = local_stamp(info.begin, before.offset);
    }
    out.observances.push_back(o);
    if (info.end >= last) break;
    info = zone->get_info(info.end);
  }
  return out;
}

}  // namespace urbanmine::io
