// SPDX-License-Identifier: Apache-2.0
// Domain validation of a meeting-scheduling instance.
#include "match/instance.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>

namespace urbanmine::match {

namespace {

std::string at(const std::string& list, std::size_t index) {
  return "$." + list + "[" + std::to_string(index) + "]";
}

bool two_digits(const std::string& text, std::size_t pos, int& value) {
  if (pos + 2 > text.size()) return false;
  const char a = text[pos];
  const char b = text[pos + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  value = (a - '0') * 10 + (b - '0');
  return true;
}

// a + b, or nullopt when the sum leaves 0..kMaxObjective (inputs are non-negative).
std::optional<long long> bounded_add(long long a, long long b) {
  long long sum = 0;
  if (__builtin_add_overflow(a, b, &sum) || sum > kMaxObjective) return std::nullopt;
  return sum;
}

}  // namespace

std::optional<int> parse_clock_minutes(const std::string& text) {
  int h = 0;
  int m = 0;
  if (text.size() != 5 || text[2] != ':' || !two_digits(text, 0, h) || !two_digits(text, 3, m)) {
    return std::nullopt;
  }
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

bool is_calendar_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  int y_hi = 0;
  int y_lo = 0;
  int mo = 0;
  int d = 0;
  if (!two_digits(text, 0, y_hi) || !two_digits(text, 2, y_lo) || !two_digits(text, 5, mo) ||
      !two_digits(text, 8, d)) {
    return false;
  }
  const int y = y_hi * 100 + y_lo;
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int days = kDays[mo - 1] + (mo == 2 && leap ? 1 : 0);
  return d <= days;
}

bool is_vetoed(const Instance& instance, int k, int f) {
  for (const Veto& v : instance.vetoes) {
    if ((v.from == k && v.to == f) || (v.from == f && v.to == k)) return true;
  }
  return false;
}

std::string languages_label(const std::vector<std::string>& languages) {
  std::string out;
  for (const auto& l : languages) out += (out.empty() ? "" : "/") + l;
  return out;
}

std::vector<std::string> spoken_languages(const Participant& participant) {
  std::vector<std::string> out = participant.languages;
  for (const Member& m : participant.members) {
    for (const auto& l : m.languages) {
      if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
    }
  }
  return out;
}

int seats_needed(const Participant& participant) {
  const auto required = std::count_if(participant.members.begin(), participant.members.end(),
                                      [](const Member& m) { return m.required; });
  return std::max(1, static_cast<int>(required));
}

int meeting_seats(const Instance& instance, int k, int f) {
  return seats_needed(instance.participants[k]) + seats_needed(instance.participants[f]);
}

int seats_at(const Instance& instance, int table) {
  if (instance.table_seats.empty()) return std::numeric_limits<int>::max();
  if (table < 0 || table >= static_cast<int>(instance.table_seats.size())) return 0;
  return instance.table_seats[static_cast<std::size_t>(table)];
}

bool needs_interpreter(const Instance& instance, int k, int f) {
  const auto a = spoken_languages(instance.participants[k]);
  const auto b = spoken_languages(instance.participants[f]);
  if (a.empty() || b.empty()) return false;
  for (const auto& l : a) {
    if (std::find(b.begin(), b.end(), l) != b.end()) return false;
  }
  return true;
}

bool can_interpret(const Instance& instance, int interpreter, int k, int f) {
  const auto& speaks = instance.interpreters[interpreter].languages;
  auto any = [&](const std::vector<std::string>& wanted) {
    return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& l) {
      return std::find(speaks.begin(), speaks.end(), l) != speaks.end();
    });
  };
  return any(spoken_languages(instance.participants[k])) &&
         any(spoken_languages(instance.participants[f]));
}

std::vector<std::vector<char>> interpreter_slots(const Instance& instance) {
  std::vector<std::vector<char>> out(instance.interpreters.size(),
                                     std::vector<char>(instance.slot_count(), 0));
  for (std::size_t i = 0; i < instance.interpreters.size(); ++i) {
    for (int s : instance.interpreters[i].available) {
      if (s >= 0 && s < instance.slot_count()) out[i][s] = 1;
    }
  }
  return out;
}

namespace {

// One augmenting path from meeting m (Kuhn's algorithm).
bool augment(int m, const std::vector<std::vector<int>>& capable, std::vector<int>& held_by,
             std::vector<int>& serves, std::vector<char>& seen) {
  for (int i : capable[m]) {
    if (seen[i]) continue;
    seen[i] = 1;
    if (held_by[i] < 0 || augment(held_by[i], capable, held_by, serves, seen)) {
      held_by[i] = m;
      serves[m] = i;
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<int> serve_meetings(const std::vector<std::vector<int>>& capable,
                                const std::vector<int>& order, int interpreter_count) {
  std::vector<int> serves(capable.size(), -1);
  std::vector<int> held_by(interpreter_count, -1);
  std::vector<char> seen(interpreter_count, 0);
  for (int m : order) {
    std::fill(seen.begin(), seen.end(), 0);
    augment(m, capable, held_by, serves, seen);
  }
  return serves;
}

bool assign_interpreters(const Instance& instance, std::vector<Meeting>& meetings) {
  const auto free_in = interpreter_slots(instance);
  const int count = static_cast<int>(instance.interpreters.size());
  const int n = instance.participant_count();
  std::map<int, std::vector<std::size_t>> by_slot;
  for (std::size_t q = 0; q < meetings.size(); ++q) {
    Meeting& m = meetings[q];
    const bool known =
        m.k >= 0 && m.k < n && m.f >= 0 && m.f < n && m.slot >= 0 && m.slot < instance.slot_count();
    if (known && needs_interpreter(instance, m.k, m.f)) {
      by_slot[m.slot].push_back(q);
    } else {
      m.interpreter = -1;
    }
  }
  bool all = true;
  for (auto& [slot, list] : by_slot) {
    // Locked meetings are tried first: they were placed on purpose.
    std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
      return meetings[a].locked && !meetings[b].locked;
    });
    bool served_all = false;
    for (const bool keep : {true, false}) {
      std::vector<std::vector<int>> capable(list.size());
      std::vector<int> order;
      for (std::size_t j = 0; j < list.size(); ++j) {
        const Meeting& m = meetings[list[j]];
        const int given = m.interpreter;
        if (keep && given >= 0 && given < count && free_in[given][slot] &&
            can_interpret(instance, given, m.k, m.f)) {
          capable[j] = {given};
        } else {
          for (int i = 0; i < count; ++i) {
            if (free_in[i][slot] && can_interpret(instance, i, m.k, m.f)) capable[j].push_back(i);
          }
        }
        order.push_back(static_cast<int>(j));
      }
      const std::vector<int> served = serve_meetings(capable, order, count);
      served_all = std::none_of(served.begin(), served.end(), [](int i) { return i < 0; });
      if (served_all || !keep) {
        for (std::size_t j = 0; j < list.size(); ++j) meetings[list[j]].interpreter = served[j];
        break;
      }
    }
    all = all && served_all;
  }
  return all;
}

std::vector<int> home_tables(const Instance& instance) {
  std::vector<int> home(instance.participants.size(), -1);
  if (!instance.host_keeps_table) return home;
  int next = 0;
  for (std::size_t i = 0; i < instance.participants.size(); ++i) {
    const Participant& p = instance.participants[i];
    if (p.side != Side::kKorean) continue;
    home[i] = p.home_table >= 0 ? p.home_table : next;
    ++next;
  }
  return home;
}

core::Diagnostics validate_instance(const Instance& instance) {
  core::Diagnostics diag;
  const int slot_count = instance.slot_count();
  if (slot_count == 0) {
    diag.add_error(core::Error::invalid_input("the instance has no slots", "$.slots",
                                              "give at least one slot {id, start, end}"));
  } else if (slot_count > kMaxSlots) {
    diag.add_error(core::Error::invalid_input(
        std::to_string(slot_count) + " slots, more than the limit " + std::to_string(kMaxSlots),
        "$.slots",
        "split the session into sessions of at most " + std::to_string(kMaxSlots) + " slots"));
  }
  if (static_cast<long long>(slot_count) * instance.participant_count() >
      kMaxParticipantSlotCells) {
    diag.add_error(core::Error::invalid_input(
        std::to_string(instance.participant_count()) + " participants x " +
            std::to_string(slot_count) + " slots exceed the limit of " +
            std::to_string(kMaxParticipantSlotCells) + " participant-slots",
        "$.participants", "split the event into smaller sessions"));
  }
  if (!instance.event.date.empty() && !is_calendar_date(instance.event.date)) {
    diag.add_error(core::Error::invalid_input(
        "event date '" + instance.event.date + "' is not a calendar date YYYY-MM-DD",
        "$.event.date", "give e.g. 2023-11-30"));
  }
  int previous_end = -1;
  for (std::size_t s = 0; s < instance.slots.size(); ++s) {
    const Slot& slot = instance.slots[s];
    if (slot.start.empty() && slot.end.empty()) continue;  // times are optional
    const auto start = parse_clock_minutes(slot.start);
    const auto end = parse_clock_minutes(slot.end);
    if (!start || !end) {
      diag.add_error(core::Error::invalid_input(
          "slot times '" + slot.start + "'-'" + slot.end + "' are not HH:MM (00:00..23:59)",
          at("slots", s) + (start ? ".end" : ".start"), "give times such as 14:00 and 14:15"));
      continue;
    }
    if (*end <= *start) {
      diag.add_error(core::Error::invalid_input(
          "slot ends at " + slot.end + ", not after its start " + slot.start,
          at("slots", s) + ".end", "give an end after the start, on the same day"));
    } else if (*start < previous_end) {
      diag.add_error(core::Error::invalid_input(
          "slot starts at " + slot.start + ", before the previous slot ends",
          at("slots", s) + ".start", "list slots in time order without overlaps"));
    }
    previous_end = std::max(previous_end, *end);
  }
  for (std::size_t s = 0; s < instance.slots.size(); ++s) {
    if (instance.slots[s].id != static_cast<int>(s)) {
      diag.add_error(
          core::Error::invalid_input("slot id " + std::to_string(instance.slots[s].id) +
                                         " out of order (expected " + std::to_string(s) + ")",
                                     at("slots", s) + ".id", "number slots 0..S-1 in time order"));
    }
  }
  if (instance.tables_per_slot.size() != instance.slots.size()) {
    diag.add_error(core::Error::invalid_input(
        "tables_per_slot has " + std::to_string(instance.tables_per_slot.size()) + " entries for " +
            std::to_string(slot_count) + " slots",
        "$.tables_per_slot", "give one table count per slot"));
  }
  for (std::size_t s = 0; s < instance.tables_per_slot.size(); ++s) {
    if (instance.tables_per_slot[s] < 0) {
      diag.add_error(core::Error::invalid_input(
          "negative table count " + std::to_string(instance.tables_per_slot[s]),
          at("tables_per_slot", s), "give 0 or more tables"));
    } else if (instance.tables_per_slot[s] > kMaxTablesPerSlot) {
      diag.add_error(core::Error::invalid_input(
          "table count " + std::to_string(instance.tables_per_slot[s]) + " above the limit " +
              std::to_string(kMaxTablesPerSlot),
          at("tables_per_slot", s), "give the tables the venue really has"));
    }
  }
  std::unordered_set<std::string> ids;
  ids.reserve(instance.participants.size());
  // seen[s] == i + 1 when participant i listed slot s (one array for all participants).
  std::vector<std::size_t> seen_by(static_cast<std::size_t>(std::max(slot_count, 0)), 0);
  for (std::size_t i = 0; i < instance.participants.size(); ++i) {
    const Participant& p = instance.participants[i];
    if (!ids.insert(p.id).second) {
      diag.add_error(core::Error::invalid_input("duplicate participant id '" + p.id + "'",
                                                at("participants", i) + ".id",
                                                "give every participant a unique id"));
    }
    for (std::size_t a = 0; a < p.available.size(); ++a) {
      const int s = p.available[a];
      if (s < 0 || s >= slot_count) {
        diag.add_error(core::Error::invalid_input(
            "slot id " + std::to_string(s) + " of " + p.id + " out of range 0.." +
                std::to_string(slot_count - 1),
            at("participants", i) + ".available[" + std::to_string(a) + "]",
            "use slot ids listed in $.slots"));
      } else if (seen_by[s] == i + 1) {
        diag.add_error(core::Error::invalid_input(
            "slot " + std::to_string(s) + " listed twice for " + p.id,
            at("participants", i) + ".available[" + std::to_string(a) + "]",
            "list each available slot once"));
      } else {
        seen_by[s] = i + 1;
      }
    }
  }
  std::unordered_set<long long> pair_keys;
  pair_keys.reserve(instance.pairs.size());
  const int n = instance.participant_count();
  for (std::size_t q = 0; q < instance.pairs.size(); ++q) {
    const CandidatePair& pair = instance.pairs[q];
    if (pair.k < 0 || pair.k >= n || pair.f < 0 || pair.f >= n) {
      diag.add_error(core::Error::invalid_input("pair refers to an unknown participant",
                                                at("pairs", q), "use ids from $.participants"));
      continue;
    }
    if (instance.participants[pair.k].side != Side::kKorean ||
        instance.participants[pair.f].side != Side::kForeign) {
      diag.add_error(core::Error::invalid_input(
          "pair " + instance.participants[pair.k].id + "-" + instance.participants[pair.f].id +
              " does not pair a Korean (side K) with a foreign (side F) participant",
          at("pairs", q), "put a side-K id in 'k' and a side-F id in 'f'"));
    }
    if (pair.weight < 0 || pair.weight > kMaxWeight) {
      diag.add_error(core::Error::invalid_input(
          "weight " + std::to_string(pair.weight) + " outside 0.." + std::to_string(kMaxWeight),
          at("pairs", q) + ".weight", "give a weight between 0 and " + std::to_string(kMaxWeight)));
    }
    if (!pair_keys.insert(static_cast<long long>(pair.k) * n + pair.f).second) {
      diag.add_error(core::Error::invalid_input("pair " + instance.participants[pair.k].id + "-" +
                                                    instance.participants[pair.f].id +
                                                    " listed twice",
                                                at("pairs", q), "list each candidate pair once"));
    }
  }
  for (std::size_t l = 0; l < instance.fairness_bonus.size(); ++l) {
    if (instance.fairness_bonus[l] < 0 || instance.fairness_bonus[l] > kMaxWeight ||
        (l > 0 && instance.fairness_bonus[l] > instance.fairness_bonus[l - 1])) {
      diag.add_error(
          core::Error::invalid_input("fairness bonus must be non-negative, non-increasing and at "
                                     "most " +
                                         std::to_string(kMaxWeight),
                                     "$.objective.fairness_bonus[" + std::to_string(l) + "]",
                                     "give a list such as [150, 75]"));
    }
  }
  if (instance.fairness_bonus.size() > static_cast<std::size_t>(kMaxSlots)) {
    diag.add_error(core::Error::invalid_input(
        "fairness bonus longer than " + std::to_string(kMaxSlots) + " entries",
        "$.objective.fairness_bonus", "give a short list"));
  }
  if (instance.keep_bonus < 0 || instance.keep_bonus > kMaxWeight) {
    diag.add_error(core::Error::invalid_input("keep_bonus outside 0.." + std::to_string(kMaxWeight),
                                              "$.objective.keep_bonus", "give 0 or more"));
  }
  if (instance.host_keeps_table) {
    const std::vector<int> home = home_tables(instance);
    int most_tables = 0;
    for (int t : instance.tables_per_slot) most_tables = std::max(most_tables, t);
    std::set<int> taken;
    for (std::size_t i = 0; i < home.size(); ++i) {
      if (home[i] < 0) continue;
      const std::string where = at("participants", i) + ".home_table";
      if (home[i] >= most_tables) {
        diag.add_error(core::Error::invalid_input(
            instance.participants[i].id + " keeps table " + std::to_string(home[i]) +
                ", but no slot has more than " + std::to_string(most_tables) + " tables",
            where, "give one table per Korean organisation, or drop host_keeps_table"));
      } else if (!taken.insert(home[i]).second) {
        diag.add_error(
            core::Error::invalid_input("table " + std::to_string(home[i]) + " is kept by two hosts",
                                       where, "give every host its own home_table"));
      }
    }
    for (std::size_t q = 0; q < instance.previous_schedule.size(); ++q) {
      const Meeting& m = instance.previous_schedule[q];
      if (m.locked && m.k >= 0 && m.k < static_cast<int>(home.size()) && home[m.k] >= 0 &&
          m.table != home[m.k]) {
        diag.add_error(core::Error::invalid_input(
            "locked meeting at table " + std::to_string(m.table) + ", but its host keeps table " +
                std::to_string(home[m.k]),
            at("previous_schedule", q) + ".table", "lock it at the host's table"));
      }
    }
  } else {
    for (std::size_t i = 0; i < instance.participants.size(); ++i) {
      if (instance.participants[i].home_table >= 0) {
        diag.add_error(core::Error::invalid_input(
            "home_table given without host_keeps_table", at("participants", i) + ".home_table",
            "set \"host_keeps_table\": true or drop home_table"));
      }
    }
  }
  if (!instance.table_seats.empty()) {
    int most_tables = 0;
    for (int t : instance.tables_per_slot) most_tables = std::max(most_tables, t);
    if (static_cast<int>(instance.table_seats.size()) < most_tables) {
      diag.add_error(core::Error::invalid_input(
          "table_seats has " + std::to_string(instance.table_seats.size()) +
              " entries, but a slot has " + std::to_string(most_tables) + " tables",
          "$.table_seats", "give the seats of every table number, 0 to the most tables - 1"));
    }
    for (std::size_t t = 0; t < instance.table_seats.size(); ++t) {
      if (instance.table_seats[t] < 2 || instance.table_seats[t] > 1000) {
        diag.add_error(core::Error::invalid_input(
            "a table seats 2 to 1000 people, not " + std::to_string(instance.table_seats[t]),
            at("table_seats", t), "give the number of chairs at that table"));
      }
    }
    if (instance.host_keeps_table) {
      diag.add_error(core::Error::invalid_input(
          "table_seats and host_keeps_table together are not supported", "$.table_seats",
          "drop one of them (a host's own table is not sized yet)"));
    }
  }
  const int n_people = instance.participant_count();
  for (std::size_t v = 0; v < instance.vetoes.size(); ++v) {
    const Veto& veto = instance.vetoes[v];
    if (veto.from < 0 || veto.from >= n_people || veto.to < 0 || veto.to >= n_people ||
        instance.participants[veto.from].side == instance.participants[veto.to].side) {
      diag.add_error(core::Error::invalid_input("a veto must name a K and an F participant",
                                                at("vetoes", v), "give {from, to} of both sides"));
    }
  }
  for (std::size_t m = 0; m < instance.met_before.size(); ++m) {
    const auto [k, f] = instance.met_before[m];
    if (k < 0 || k >= n_people || f < 0 || f >= n_people ||
        instance.participants[k].side != Side::kKorean ||
        instance.participants[f].side != Side::kForeign) {
      diag.add_error(core::Error::invalid_input("a met_before entry must name a K and an F",
                                                at("met_before", m), "give {k, f}"));
    }
  }
  for (std::size_t i = 0; i < instance.participants.size(); ++i) {
    const auto& members = instance.participants[i].members;
    for (std::size_t m = 0; m < members.size(); ++m) {
      if (members[m].name.empty()) {
        diag.add_error(core::Error::invalid_input(
            "a member without a name",
            at("participants", i) + ".members[" + std::to_string(m) + "]",
            "give each member of the delegation a name"));
      }
    }
    if (instance.participants[i].max_meetings < -1) {
      diag.add_error(core::Error::invalid_input("negative max_meetings",
                                                at("participants", i) + ".max_meetings",
                                                "give 0 or more, or leave it out"));
    }
  }
  {
    // Interpreters: unique ids (also against participants, whose agendas share the namespace),
    // two languages or more, slots in range without repeats.
    for (std::size_t i = 0; i < instance.interpreters.size(); ++i) {
      const Interpreter& it = instance.interpreters[i];
      const std::string where = at("interpreters", i);
      if (it.id.empty() || !ids.insert(it.id).second) {
        diag.add_error(core::Error::invalid_input(
            "interpreter id '" + it.id + "' is empty or used twice (participants included)",
            where + ".id", "give every interpreter its own id, e.g. I01"));
      }
      if (it.languages.size() < 2) {
        diag.add_error(core::Error::invalid_input("an interpreter needs two languages or more",
                                                  where + ".languages",
                                                  "list the languages, e.g. [\"ko\", \"id\"]"));
      }
      std::set<int> seen;
      for (std::size_t j = 0; j < it.available.size(); ++j) {
        const int s = it.available[j];
        if (s < 0 || s >= slot_count || !seen.insert(s).second) {
          diag.add_error(core::Error::invalid_input(
              "slot " + std::to_string(s) + " is out of range or repeated",
              where + ".available[" + std::to_string(j) + "]", "give slot ids listed in $.slots"));
        }
      }
    }
  }
  if (instance.max_consecutive_meetings < 0) {
    diag.add_error(core::Error::invalid_input("negative max_consecutive_meetings",
                                              "$.rules.max_consecutive_meetings",
                                              "give 1 or more, or 0 for no break rule"));
  }
  {
    // Locked meetings must obey the organiser's rules themselves.
    std::vector<int> locked_count(instance.participants.size(), 0);
    std::vector<std::vector<char>> locked_busy(instance.participants.size());
    for (std::size_t q = 0; q < instance.previous_schedule.size(); ++q) {
      const Meeting& m = instance.previous_schedule[q];
      if (!m.locked || m.k < 0 || m.k >= n_people || m.f < 0 || m.f >= n_people) continue;
      if (is_vetoed(instance, m.k, m.f)) {
        diag.add_error(core::Error::invalid_input("locked meeting of a vetoed pair",
                                                  at("previous_schedule", q),
                                                  "unlock it or withdraw the veto"));
      }
      for (int i : {m.k, m.f}) {
        ++locked_count[i];
        const int cap = instance.participants[i].max_meetings;
        if (cap >= 0 && locked_count[i] > cap) {
          diag.add_error(core::Error::invalid_input(
              instance.participants[i].id + " has more locked meetings than its max_meetings " +
                  std::to_string(cap),
              at("previous_schedule", q), "unlock a meeting or raise the cap"));
        }
        if (m.slot >= 0 && m.slot < slot_count) {
          locked_busy[i].resize(slot_count, 0);
          locked_busy[i][m.slot] = 1;
        }
      }
    }
    if (instance.max_consecutive_meetings > 0) {
      for (std::size_t i = 0; i < locked_busy.size(); ++i) {
        int run = 0;
        for (char b : locked_busy[i]) {
          run = b ? run + 1 : 0;
          if (run > instance.max_consecutive_meetings) {
            diag.add_error(core::Error::invalid_input(
                instance.participants[i].id + " has more consecutive locked meetings than "
                                              "max_consecutive_meetings",
                "$.previous_schedule", "unlock a meeting or relax the break rule"));
            break;
          }
        }
      }
    }
  }
  // Locked meetings stay exactly where they are: their slot and table must exist, once each.
  std::set<std::pair<int, int>> locked_places;
  for (std::size_t q = 0; q < instance.previous_schedule.size(); ++q) {
    const Meeting& m = instance.previous_schedule[q];
    if (!m.locked) continue;
    const std::string where = at("previous_schedule", q);
    if (m.slot < 0 || m.slot >= slot_count) {
      diag.add_error(core::Error::invalid_input(
          "locked meeting in slot " + std::to_string(m.slot) + ", which does not exist",
          where + ".slot", "unlock it or give a slot listed in $.slots"));
      continue;
    }
    const int tables = static_cast<std::size_t>(m.slot) < instance.tables_per_slot.size()
                           ? instance.tables_per_slot[m.slot]
                           : 0;
    if (m.table < 0 || m.table >= tables) {
      diag.add_error(core::Error::invalid_input(
          "locked meeting at table " + std::to_string(m.table) + ", which does not exist in slot " +
              std::to_string(m.slot) + " (tables 0.." + std::to_string(tables - 1) + ")",
          where + ".table", "unlock it, move it to an existing table, or add the table"));
    } else if (!locked_places.insert({m.slot, m.table}).second) {
      diag.add_error(core::Error::invalid_input(
          "two locked meetings at table " + std::to_string(m.table) + " in slot " +
              std::to_string(m.slot),
          where + ".table", "unlock one of them or move it to a free table"));
    }
  }
  // The largest objective any schedule could reach must stay exact (int64 and LP doubles).
  if (!diag.has_errors()) {
    std::optional<long long> total = 0;
    for (const CandidatePair& pair : instance.pairs) {
      if (total) total = bounded_add(*total, pair.weight);
    }
    long long per_person = 0;
    for (long long b : instance.fairness_bonus) per_person += b;  // <= kMaxSlots x kMaxWeight
    for (int i = 0; i < instance.participant_count() && total; ++i) {
      total = bounded_add(*total, per_person);
    }
    for (std::size_t q = 0; q < instance.previous_schedule.size() && total; ++q) {
      total = bounded_add(*total, instance.keep_bonus);
    }
    if (!total) {
      diag.add_error(core::Error::invalid_input(
          "the weights and bonuses could add up to more than 2^53, beyond exact arithmetic",
          "$.pairs", "scale the weights and bonuses down"));
    }
  }
  return diag;
}

}  // namespace urbanmine::match
