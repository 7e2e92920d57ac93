// SPDX-License-Identifier: Apache-2.0
// The 1:1 meeting-scheduling instance (`match-instance/1`, docs/formats/match-instance.md) and
// schedules, as plain data: participants, slots, tables per slot, candidate pairs with weights,
// the objective's fairness bonus, and the rescheduling inputs (previous schedule, cancellations,
// keep bonus, locked meetings). Participants and pairs are referred to by index; io maps ids.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace urbanmine::match {

enum class Side { kKorean, kForeign };  // "K" and "F" in files; meetings are always K-F

// One person of a delegation or a firm's team: the members of a participant attend its meetings
// together and share its one schedule (and agenda).
struct Member {
  std::string name;
  std::string role;                    // e.g. "director general", "expert"; may be empty
  std::vector<std::string> languages;  // ISO 639-1; spoken for the group (see Participant)
  // Required members must have a seat at every meeting of the group; preferred ones join when the
  // table has room (they take no seat in the scheduler's count).
  bool required = true;
};

struct Participant {
  std::string id;  // unique, e.g. "K0003"
  Side side = Side::kKorean;
  std::string organisation;  // display name; may be empty
  std::string country;       // ISO 3166 alpha-2 or an organisation code (IEA, EU)
  std::string org_type;
  std::vector<std::string> offers;
  std::vector<std::string> seeks;
  std::vector<std::string> materials;
  std::vector<std::string> processes;
  std::vector<std::string> target_countries;
  std::vector<int> available;  // slot ids; empty = absent or cancelled
  int home_table = -1;         // side K with host_keeps_table: the table it keeps (-1 = auto)
  int max_meetings = -1;       // organiser's cap on this person's meetings in the session (-1 none)
  // Languages spoken (ISO 639-1 codes, "ko", "en", "id"); empty = not given, and then no
  // meeting of this participant needs an interpreter. A delegation speaks its own languages and
  // every member's (spoken_languages).
  std::vector<std::string> languages;
  std::vector<Member> members;  // the delegation or team; empty = one person, unnamed
};

// Seats a participant takes at a meeting: its required members, at least one.
int seats_needed(const Participant& participant);

// Languages as people read them: "ko/en".
std::string languages_label(const std::vector<std::string>& languages);

// The languages a participant's meetings can be held in: its own and its members'.
std::vector<std::string> spoken_languages(const Participant& participant);

// An interpreter the organiser can send to meetings whose parties share no language: one meeting
// per slot, in the slots listed.
struct Interpreter {
  std::string id;                      // unique among interpreters and participants, e.g. "I01"
  std::vector<std::string> languages;  // at least two
  std::vector<int> available;          // slot ids
};

// "No thanks": `from` does not want to meet `to` (either side may veto). A vetoed pair never
// meets, whatever its score or requests.
struct Veto {
  int from = 0;
  int to = 0;
};

struct Slot {
  int id = 0;
  std::string start;  // local event time "HH:MM"
  std::string end;
};

struct CandidatePair {
  int k = 0;             // participant index, side K
  int f = 0;             // participant index, side F
  int fit = 0;           // 0..100
  long long weight = 0;  // value of holding the meeting (objective units)
  std::vector<std::pair<std::string, int>> requested_by;  // participant id -> priority 1..3
};

// One meeting of a schedule, by participant index. `slot` and `table` are as written in the
// file (they may be out of range in a schedule under check).
struct Meeting {
  int k = 0;
  int f = 0;
  int slot = 0;
  int table = 0;
  bool locked = false;   // rescheduling: the organiser fixed this meeting in place
  int interpreter = -1;  // index into Instance::interpreters; -1 = none assigned
};

// A participant asked to meet another one; priority 1 (high) .. 3 (low).
struct Request {
  int from = 0;
  int to = 0;
  int priority = 1;
};

// Calendar facts used by agendas; optional in instance files.
struct EventInfo {
  std::string title;     // e.g. "Battery recycling partnering session"
  std::string date;      // ISO date of the meetings, "2023-11-30"
  std::string timezone;  // IANA zone of the slot times, "Asia/Seoul"
  std::string location;
};

struct Instance {
  std::string name;
  EventInfo event;
  std::vector<Slot> slots;           // ids 0..S-1 in time order
  std::vector<int> tables_per_slot;  // one entry per slot, >= 0
  std::vector<Participant> participants;
  std::vector<CandidatePair> pairs;
  std::vector<Request> requests;  // informational: already folded into pair weights
  std::vector<long long> request_bonus = {60, 40, 20};  // by priority 1..3 (informational)
  long long mutual_bonus = 20;                          // informational
  std::vector<long long> fairness_bonus;                // non-increasing, >= 0; e.g. {150, 75}
  // Host-keeps-table rule: every side-K organisation holds all its meetings at one table (its
  // `home_table`, or by default the K participants' order 0, 1, 2, ...); it meets only in slots
  // that have that table.
  bool host_keeps_table = false;
  // Seats at each table number (0, 1, ...; one entry for every table any slot has); empty = any
  // table seats any meeting. A meeting needs the seats of both parties (seats_needed).
  std::vector<int> table_seats;
  std::vector<Veto> vetoes;
  // "Met before" (match::History): K-F pairs of this event that met at earlier events, and the
  // factor their unrequested weight got. Informational: already folded into pair weights.
  std::vector<std::pair<int, int>> met_before;
  double met_before_factor = 0.0;
  // Forced breaks: nobody meets in more than this many consecutive slots (0 = no rule).
  int max_consecutive_meetings = 0;
  // Interpreters for meetings whose parties share no language (both with languages given).
  std::vector<Interpreter> interpreters;
  // Rescheduling variant.
  long long keep_bonus = 0;  // per previous meeting kept in the same slot
  std::vector<Meeting> previous_schedule;
  std::vector<int> cancelled;  // participant indices

  int slot_count() const { return static_cast<int>(slots.size()); }
  int participant_count() const { return static_cast<int>(participants.size()); }
};

struct Schedule {
  std::string instance;  // instance name
  std::vector<Meeting> meetings;
  // Ids in the file that name no participant of the instance: (meeting index, id). Such
  // meetings carry index -1 and the checker reports them.
  std::vector<std::pair<int, std::string>> unknown_ids;
  // A match-schedule/1 file's proven bound and how it was found, as written by the scheduler
  // (-1 and "" when the file has none): still a bound for any schedule of the same instance.
  long long upper_bound = -1;
  std::string bound_method;
};

// Limits on sizes and values, checked before anything is allocated from them (docs/formats/
// match-instance.md). They keep memory proportional to the input and every objective sum exact
// in int64 and in the LP's doubles.
inline constexpr int kMaxSlots = 1000;                           // slots per session
inline constexpr int kMaxTablesPerSlot = 100000;                 // tables in one slot
inline constexpr long long kMaxParticipantSlotCells = 50000000;  // participants x slots
inline constexpr long long kMaxWeight = 1000000000;              // any pair weight or bonus
inline constexpr long long kMaxObjective = 1LL << 53;  // every objective exact in a double
inline constexpr int kMinutesPerDay = 24 * 60;

// "HH:MM" (two digits each, 00:00..23:59) -> minutes after midnight; nullopt when malformed.
std::optional<int> parse_clock_minutes(const std::string& text);
// "YYYY-MM-DD", a real calendar date (leap years included), year 1..9999.
bool is_calendar_date(const std::string& text);

// Seats a meeting of k and f needs: seats_needed of both.
int meeting_seats(const Instance& instance, int k, int f);
// Seats at table t (a large number when the instance gives no table sizes).
int seats_at(const Instance& instance, int table);

// True when either side of the pair vetoed the other.
bool is_vetoed(const Instance& instance, int k, int f);

// True when both parties have languages and share none: the meeting needs an interpreter.
bool needs_interpreter(const Instance& instance, int k, int f);
// True when the interpreter speaks one of k's languages and one of f's.
bool can_interpret(const Instance& instance, int interpreter, int k, int f);
// Per interpreter, 1 for each slot it is available in (interpreters x slots).
std::vector<std::vector<char>> interpreter_slots(const Instance& instance);

// Interpreters for the meetings of one slot: `capable[m]` lists the interpreters that can serve
// meeting m (in that slot); `order` is the order meetings are tried in (a meeting that cannot be
// served without unserving an earlier one is left out). Returns, per meeting, its interpreter or
// -1. Augmenting paths (Kuhn), so the served set is a largest one given the order's priority.
std::vector<int> serve_meetings(const std::vector<std::vector<int>>& capable,
                                const std::vector<int>& order, int interpreter_count);

// Gives every meeting that needs an interpreter one, slot by slot (locked meetings first;
// assignments already valid are kept when everything can still be served). Returns false when
// some meeting is left without one (its `interpreter` is then -1). Meetings that need none get -1.
bool assign_interpreters(const Instance& instance, std::vector<Meeting>& meetings);

// Per participant: the table a side-K host keeps under host_keeps_table, else -1.
std::vector<int> home_tables(const Instance& instance);

// Checks the domain rules that io cannot see from one field alone: slot ids 0..S-1 in order,
// tables_per_slot length and signs, availability within range, pairs K-F without duplicates,
// unique participant ids, fairness bonus non-negative and non-increasing. Every problem is
// listed (location = JSON path of the offending entry).
core::Diagnostics validate_instance(const Instance& instance);

}  // namespace urbanmine::match
