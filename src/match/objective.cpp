// SPDX-License-Identifier: Apache-2.0
// Schedule checker and objective, mirroring the reference evaluator (milp.py eval).
#include "match/objective.h"

#include <map>
#include <set>
#include <string>
#include <utility>

namespace urbanmine::match {

long long fairness_for(const std::vector<long long>& bonus, int meetings) {
  long long sum = 0;
  for (int l = 0; l < meetings && l < static_cast<int>(bonus.size()); ++l) sum += bonus[l];
  return sum;
}

namespace {

std::string name_of(const Instance& instance, int index) {
  if (index < 0 || index >= instance.participant_count()) return "?";
  return instance.participants[index].id;
}

// Interpreters: an assigned one must exist, be available in the slot, speak a language of each
// party and serve one meeting per slot; a meeting whose parties share no language and that has
// none assigned must be servable by the interpreters left free in its slot (a hand-edited
// schedule need not name them: they are assigned when it is kept).
void check_interpreters(const Instance& instance, const std::vector<Meeting>& meetings,
                        std::vector<std::string>& violations) {
  const int slot_count = instance.slot_count();
  const int n = instance.participant_count();
  const auto free_in = interpreter_slots(instance);
  const int count = static_cast<int>(instance.interpreters.size());
  std::set<std::pair<int, int>> taken;              // (interpreter, slot)
  std::map<int, std::vector<std::size_t>> waiting;  // slot -> meetings needing one, none given
  for (std::size_t q = 0; q < meetings.size(); ++q) {
    const Meeting& m = meetings[q];
    if (m.k < 0 || m.k >= n || m.f < 0 || m.f >= n || m.slot < 0 || m.slot >= slot_count) continue;
    const std::string where = "meeting " + std::to_string(q) + " (" + name_of(instance, m.k) + "-" +
                              name_of(instance, m.f) + ", slot " + std::to_string(m.slot) +
                              ", table " + std::to_string(m.table) + "): ";
    if (m.interpreter >= count) {
      violations.push_back(where + "unknown interpreter");
    } else if (m.interpreter >= 0) {
      const std::string& who = instance.interpreters[m.interpreter].id;
      if (!free_in[m.interpreter][m.slot]) {
        violations.push_back(where + "interpreter " + who + " is not available in this slot");
      }
      if (!can_interpret(instance, m.interpreter, m.k, m.f)) {
        violations.push_back(where + "interpreter " + who + " speaks no language of " +
                             name_of(instance, m.k) + " or of " + name_of(instance, m.f));
      }
      if (!taken.insert({m.interpreter, m.slot}).second) {
        violations.push_back(where + "interpreter " + who +
                             " already serves a meeting in this slot");
      }
    } else if (needs_interpreter(instance, m.k, m.f)) {
      waiting[m.slot].push_back(q);
    }
  }
  for (const auto& [slot, list] : waiting) {
    std::vector<std::vector<int>> capable(list.size());
    std::vector<int> order;
    for (std::size_t j = 0; j < list.size(); ++j) {
      const Meeting& m = meetings[list[j]];
      for (int i = 0; i < count; ++i) {
        if (free_in[i][slot] && taken.count({i, slot}) == 0 && can_interpret(instance, i, m.k, m.f))
          capable[j].push_back(i);
      }
      order.push_back(static_cast<int>(j));
    }
    const std::vector<int> served = serve_meetings(capable, order, count);
    for (std::size_t j = 0; j < list.size(); ++j) {
      if (served[j] >= 0) continue;
      const Meeting& m = meetings[list[j]];
      violations.push_back("meeting " + std::to_string(list[j]) + " (" + name_of(instance, m.k) +
                           "-" + name_of(instance, m.f) + ", slot " + std::to_string(slot) +
                           ", table " + std::to_string(m.table) + "): " + name_of(instance, m.k) +
                           " (" + languages_label(spoken_languages(instance.participants[m.k])) +
                           ") and " + name_of(instance, m.f) + " (" +
                           languages_label(spoken_languages(instance.participants[m.f])) +
                           ") share no language and no interpreter for them is free in this slot");
    }
  }
}

}  // namespace

CheckReport check_schedule(const Instance& instance, const std::vector<Meeting>& meetings) {
  CheckReport report;
  std::map<std::pair<int, int>, const CandidatePair*> pair_of;
  for (const CandidatePair& p : instance.pairs) pair_of[{p.k, p.f}] = &p;
  const int slot_count = instance.slot_count();
  std::vector<std::vector<char>> available(instance.participants.size(),
                                           std::vector<char>(slot_count, 0));
  for (std::size_t i = 0; i < instance.participants.size(); ++i) {
    for (int s : instance.participants[i].available) {
      if (s >= 0 && s < slot_count) available[i][s] = 1;
    }
  }
  std::set<std::tuple<int, int, int>> previous;
  for (const Meeting& m : instance.previous_schedule) previous.insert({m.k, m.f, m.slot});

  const std::vector<int> home = home_tables(instance);
  std::set<std::pair<int, int>> vetoed;
  for (const Veto& v : instance.vetoes) {
    vetoed.insert({v.from, v.to});
    vetoed.insert({v.to, v.from});
  }
  std::set<std::pair<int, int>> busy;    // (participant, slot)
  std::set<std::pair<int, int>> tables;  // (slot, table)
  std::set<std::pair<int, int>> seen;    // (k, f)
  std::vector<int> count(instance.participants.size(), 0);
  ObjectiveParts& obj = report.objective;
  for (std::size_t n = 0; n < meetings.size(); ++n) {
    const Meeting& m = meetings[n];
    const std::string where = "meeting " + std::to_string(n) + " (" + name_of(instance, m.k) + "-" +
                              name_of(instance, m.f) + ", slot " + std::to_string(m.slot) +
                              ", table " + std::to_string(m.table) + "): ";
    auto it = pair_of.find({m.k, m.f});
    if (it == pair_of.end()) {
      report.violations.push_back(where + "not a candidate pair");
      continue;
    }
    const bool slot_ok = m.slot >= 0 && m.slot < slot_count;
    if (!slot_ok) {
      report.violations.push_back(where + "slot out of range 0.." + std::to_string(slot_count - 1));
    } else {
      for (int i : {m.k, m.f}) {
        if (!available[i][m.slot]) {
          report.violations.push_back(where + instance.participants[i].id +
                                      " is not available in slot " + std::to_string(m.slot));
        }
      }
      if (m.table < 0 || m.table >= instance.tables_per_slot[m.slot]) {
        report.violations.push_back(where + "table out of range 0.." +
                                    std::to_string(instance.tables_per_slot[m.slot] - 1));
      } else if (seats_at(instance, m.table) < meeting_seats(instance, m.k, m.f)) {
        report.violations.push_back(
            where + "table " + std::to_string(m.table) + " seats " +
            std::to_string(seats_at(instance, m.table)) + ", the meeting needs " +
            std::to_string(meeting_seats(instance, m.k, m.f)) + " (" +
            instance.participants[m.k].id + " " +
            std::to_string(seats_needed(instance.participants[m.k])) + ", " +
            instance.participants[m.f].id + " " +
            std::to_string(seats_needed(instance.participants[m.f])) + " required)");
      }
    }
    if (vetoed.count({m.k, m.f}) != 0) {
      report.violations.push_back(where + "vetoed pair (\"no thanks\")");
    }
    if (home[m.k] >= 0 && m.table != home[m.k]) {
      report.violations.push_back(where + instance.participants[m.k].id + " keeps table " +
                                  std::to_string(home[m.k]) + " (host_keeps_table)");
    }
    if (!tables.insert({m.slot, m.table}).second) {
      report.violations.push_back(where + "table already used in this slot");
    }
    for (int i : {m.k, m.f}) {
      if (!busy.insert({i, m.slot}).second) {
        report.violations.push_back(where + instance.participants[i].id +
                                    " already has a meeting in this slot");
      }
      ++count[i];
    }
    if (!seen.insert({m.k, m.f}).second) {
      report.violations.push_back(where + "pair already meets in another meeting");
    }
    obj.pair_weight += it->second->weight;
    ++obj.meetings;
    if (!it->second->requested_by.empty()) ++obj.requested_pairs_scheduled;
    if (previous.count({m.k, m.f, m.slot}) != 0) ++obj.kept_from_previous;
  }
  check_interpreters(instance, meetings, report.violations);
  // Per-person rules: caps on meetings and forced breaks (longest run of consecutive slots).
  for (std::size_t i = 0; i < count.size(); ++i) {
    const Participant& p = instance.participants[i];
    if (p.max_meetings >= 0 && count[i] > p.max_meetings) {
      report.violations.push_back(p.id + ": " + std::to_string(count[i]) +
                                  " meetings, more than max_meetings " +
                                  std::to_string(p.max_meetings));
    }
  }
  if (instance.max_consecutive_meetings > 0) {
    for (std::size_t i = 0; i < count.size(); ++i) {
      int run = 0;
      for (int s = 0; s < slot_count; ++s) {
        run = busy.count({static_cast<int>(i), s}) != 0 ? run + 1 : 0;
        if (run == instance.max_consecutive_meetings + 1) {
          report.violations.push_back(instance.participants[i].id + ": " + std::to_string(run) +
                                      " consecutive meetings up to slot " + std::to_string(s) +
                                      ", more than max_consecutive_meetings " +
                                      std::to_string(instance.max_consecutive_meetings) +
                                      " (no break)");
        }
      }
    }
  }
  for (std::size_t i = 0; i < count.size(); ++i) {
    obj.fairness += fairness_for(instance.fairness_bonus, count[i]);
    if (count[i] == 0 && !instance.participants[i].available.empty()) {
      ++obj.participants_without_meetings;
    }
  }
  std::vector<char> in_a_pair(instance.participants.size(), 0);
  for (const CandidatePair& p : instance.pairs) {
    if (p.k >= 0 && p.k < instance.participant_count()) in_a_pair[p.k] = 1;
    if (p.f >= 0 && p.f < instance.participant_count()) in_a_pair[p.f] = 1;
  }
  for (std::size_t i = 0; i < count.size(); ++i) {
    if (!in_a_pair[i] || instance.participants[i].available.empty()) continue;
    if (obj.min_meetings < 0 || count[i] < obj.min_meetings) obj.min_meetings = count[i];
  }
  obj.keep = instance.keep_bonus * obj.kept_from_previous;
  return report;
}

}  // namespace urbanmine::match
