// SPDX-License-Identifier: Apache-2.0
// Pair scoring rules (see scoring.h); reproduces gen_instance.py's fit and weights exactly.
#include "match/scoring.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

namespace urbanmine::match {

namespace {

constexpr int kMaxFit = 100;
constexpr int kMinutesPerHour = 60;

double overlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0.0;
  const std::set<std::string> sa(a.begin(), a.end());
  const std::set<std::string> sb(b.begin(), b.end());
  int common = 0;
  for (const auto& x : sa) common += sb.count(x) != 0 ? 1 : 0;
  // Divided by the list lengths (not the set sizes), as the generator does.
  return static_cast<double>(common) / static_cast<double>(std::min(a.size(), b.size()));
}

bool intersects(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const auto& x : a) {
    if (std::find(b.begin(), b.end(), x) != b.end()) return true;
  }
  return false;
}

std::string clock_text(int minutes) {
  const int h = minutes / kMinutesPerHour;
  const int m = minutes % kMinutesPerHour;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
  return buf;
}

}  // namespace

int fit_score(const Participant& k, const Participant& f, const ScoringRules& rules,
              const std::map<std::string, double>* opportunity) {
  // Summed in the generator's order so that the rounding matches it bit for bit.
  double s = rules.materials_points * overlap(k.materials, f.materials);
  s += rules.processes_points * overlap(k.processes, f.processes);
  s += std::find(k.target_countries.begin(), k.target_countries.end(), f.country) !=
               k.target_countries.end()
           ? rules.target_country_points
           : 0.0;
  s += intersects(k.seeks, f.offers) ? rules.role_points : 0.0;
  s += intersects(f.seeks, k.offers) ? rules.role_points : 0.0;
  if (opportunity != nullptr) {
    auto it = opportunity->find(f.country);
    if (it != opportunity->end()) s += rules.opportunity_points * it->second;
  }
  const int fit = static_cast<int>(std::nearbyint(s));  // round half to even, like Python
  return std::min(fit, kMaxFit);
}

std::vector<FitFact> fit_facts(const Participant& k, const Participant& f) {
  auto common = [](const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> out;
    for (const auto& x : a) {
      if (std::find(b.begin(), b.end(), x) != b.end() &&
          std::find(out.begin(), out.end(), x) == out.end()) {
        out.push_back(x);
      }
    }
    return out;
  };
  std::vector<FitFact> facts;
  auto add = [&](std::string kind, std::vector<std::string> items) {
    if (!items.empty()) facts.push_back({std::move(kind), std::move(items)});
  };
  add("materials", common(k.materials, f.materials));
  add("processes", common(k.processes, f.processes));
  if (std::find(k.target_countries.begin(), k.target_countries.end(), f.country) !=
      k.target_countries.end()) {
    add("target_country", {f.country});
  }
  add("k_seeks_f_offers", common(k.seeks, f.offers));
  add("f_seeks_k_offers", common(f.seeks, k.offers));
  return facts;
}

core::Status apply_vetoes(Instance& instance, const std::vector<Veto>& vetoes) {
  for (std::size_t v = 0; v < vetoes.size(); ++v) {
    const Participant& a = instance.participants[vetoes[v].from];
    const Participant& b = instance.participants[vetoes[v].to];
    if (a.side == b.side) {
      return core::Error::invalid_input(
          "veto between " + a.id + " and " + b.id + " of the same side", "vetoes of " + a.id,
          "veto a participant of the other side");
    }
  }
  instance.vetoes = vetoes;
  std::vector<CandidatePair> kept;
  for (CandidatePair& pair : instance.pairs) {
    if (!is_vetoed(instance, pair.k, pair.f)) kept.push_back(std::move(pair));
  }
  instance.pairs = std::move(kept);
  return {};
}

core::Result<Instance> score_profiles(const std::vector<Participant>& participants,
                                      const std::vector<Request>& requests,
                                      const SessionLayout& layout, const ScoringRules& rules,
                                      const std::map<std::string, double>* opportunity,
                                      const History* history) {
  if (history != nullptr && !(history->factor >= 0.0 && history->factor <= 1.0)) {
    return core::Error::invalid_input(
        "met-before factor " + std::to_string(history->factor) + " is outside 0-1",
        "--met-before-factor", "0 = not proposed again, 1 = as if they never met");
  }
  Instance inst;
  inst.name = layout.name;
  inst.event = layout.event;
  inst.participants = participants;
  inst.requests = requests;
  std::sort(inst.requests.begin(), inst.requests.end(), [&](const Request& a, const Request& b) {
    return std::tie(participants[a.from].id, participants[a.to].id) <
           std::tie(participants[b.from].id, participants[b.to].id);
  });
  inst.fairness_bonus = layout.fairness_bonus;
  inst.request_bonus.assign(rules.request_bonus.begin(), rules.request_bonus.end());
  inst.mutual_bonus = rules.mutual_bonus;
  if (layout.slot_count <= 0 || layout.slot_count > kMaxSlots) {
    return core::Error::invalid_input("the session needs 1.." + std::to_string(kMaxSlots) +
                                          " slots, got " + std::to_string(layout.slot_count),
                                      "--slots or event.slots", "give e.g. --slots 16");
  }
  if (layout.tables < 0 || layout.tables > kMaxTablesPerSlot) {
    return core::Error::invalid_input("the session needs 0.." + std::to_string(kMaxTablesPerSlot) +
                                          " tables, got " + std::to_string(layout.tables),
                                      "--tables or event.tables", "give e.g. --tables 40");
  }
  if (layout.slot_minutes <= 0 || layout.slot_minutes > kMinutesPerDay) {
    return core::Error::invalid_input("slot length " + std::to_string(layout.slot_minutes) +
                                          " minutes outside 1.." + std::to_string(kMinutesPerDay),
                                      "--slot-minutes or event.slot_minutes",
                                      "give e.g. --slot-minutes 15");
  }
  const auto start = parse_clock_minutes(layout.start);
  if (!start) {
    return core::Error::invalid_input("start time '" + layout.start + "' is not HH:MM",
                                      "--start or event.start", "give e.g. --start 14:00");
  }
  const int start_minutes = *start;
  // The whole session stays within the day: agendas carry one date and times never wrap.
  const long long end_minutes =
      start_minutes + static_cast<long long>(layout.slot_count) * layout.slot_minutes;
  if (end_minutes >= kMinutesPerDay) {
    return core::Error::invalid_input(
        std::to_string(layout.slot_count) + " slots of " + std::to_string(layout.slot_minutes) +
            " minutes from " + layout.start + " end after 23:59",
        "--slots/--slot-minutes/--start", "use fewer or shorter slots, or an earlier start");
  }
  if (!layout.event.date.empty() && !is_calendar_date(layout.event.date)) {
    return core::Error::invalid_input(
        "event date '" + layout.event.date + "' is not a calendar date YYYY-MM-DD",
        "--date or event.date", "give e.g. --date 2023-11-30");
  }
  for (int s = 0; s < layout.slot_count; ++s) {
    const int t0 = start_minutes + s * layout.slot_minutes;
    inst.slots.push_back({s, clock_text(t0), clock_text(t0 + layout.slot_minutes)});
  }
  inst.tables_per_slot.assign(layout.slot_count, layout.tables);
  inst.host_keeps_table = layout.host_keeps_table;
  inst.max_consecutive_meetings = layout.max_consecutive_meetings;

  std::vector<int> ks, fs;
  for (int i = 0; i < static_cast<int>(participants.size()); ++i) {
    (participants[i].side == Side::kKorean ? ks : fs).push_back(i);
  }
  // Requests per (k, f): requesting participant -> priority.
  std::map<std::pair<int, int>, std::map<std::string, int>> asked;
  for (std::size_t r = 0; r < requests.size(); ++r) {
    const Request& q = requests[r];
    const Participant& a = participants[q.from];
    const Participant& b = participants[q.to];
    const std::string where = "requests[" + std::to_string(r) + "] (" + a.id + " -> " + b.id + ")";
    if (a.side == b.side) {
      return core::Error::invalid_input("a request must join a K and an F participant", where,
                                        "ask for a participant of the other side");
    }
    if (q.priority < 1 || q.priority > 3) {
      return core::Error::invalid_input("priority " + std::to_string(q.priority) + " outside 1..3",
                                        where, "use 1 (high), 2 or 3 (low)");
    }
    const auto key = a.side == Side::kKorean ? std::pair{q.from, q.to} : std::pair{q.to, q.from};
    asked[key][a.id] = q.priority;
  }
  std::map<std::pair<int, int>, int> fit;
  for (int k : ks) {
    for (int f : fs) fit[{k, f}] = fit_score(participants[k], participants[f], rules, opportunity);
  }
  // Pairs of this event that met before (by index, K first).
  std::set<std::pair<int, int>> met;
  if (history != nullptr) {
    std::map<std::string, int> index;
    for (std::size_t i = 0; i < participants.size(); ++i) {
      index[participants[i].id] = static_cast<int>(i);
    }
    for (const auto& [a, b] : history->met_before) {
      const auto ia = index.find(a);
      const auto ib = index.find(b);
      if (ia == index.end() || ib == index.end()) continue;
      const Participant& pa = participants[ia->second];
      const Participant& pb = participants[ib->second];
      if (pa.side == pb.side) continue;
      met.insert(pa.side == Side::kKorean ? std::pair{ia->second, ib->second}
                                          : std::pair{ib->second, ia->second});
    }
    inst.met_before.assign(met.begin(), met.end());
    inst.met_before_factor = history->factor;
  }
  const bool drop_met = history != nullptr && history->factor == 0.0;
  std::set<std::pair<int, int>> candidates;
  for (const auto& [key, who] : asked) candidates.insert(key);
  for (int k : ks) {
    std::vector<int> ranked;
    for (int f : fs) {
      if (!(drop_met && met.count({k, f}) != 0)) ranked.push_back(f);
    }
    std::sort(ranked.begin(), ranked.end(), [&](int a, int b) {
      const int fa = fit[{k, a}];
      const int fb = fit[{k, b}];
      if (fa != fb) return fa > fb;
      return participants[a].id < participants[b].id;
    });
    for (int r = 0; r < rules.recommendations_per_k && r < static_cast<int>(ranked.size()); ++r) {
      if (fit[{k, ranked[r]}] >= rules.recommendation_min_fit) candidates.insert({k, ranked[r]});
    }
  }
  // Pairs in (K id, F id) order, as the generator writes them.
  std::vector<std::pair<int, int>> ordered(candidates.begin(), candidates.end());
  std::sort(ordered.begin(), ordered.end(), [&](const auto& x, const auto& y) {
    return std::tie(participants[x.first].id, participants[x.second].id) <
           std::tie(participants[y.first].id, participants[y.second].id);
  });
  for (const auto& key : ordered) {
    CandidatePair pair;
    pair.k = key.first;
    pair.f = key.second;
    pair.fit = fit[key];
    auto it = asked.find(key);
    if (it != asked.end()) {
      long long w = pair.fit;
      for (const auto& [id, priority] : it->second) {
        w += rules.request_bonus[priority - 1];
        pair.requested_by.push_back({id, priority});
      }
      if (it->second.size() == 2) w += rules.mutual_bonus;
      pair.weight = w;
    } else {
      pair.weight = pair.fit / 2;
      if (met.count(key) != 0) {
        pair.weight = static_cast<long long>(
            std::floor(static_cast<double>(pair.weight) * inst.met_before_factor));
        if (pair.weight == 0) continue;  // not proposed again
      }
    }
    inst.pairs.push_back(std::move(pair));
  }
  const core::Diagnostics diag = validate_instance(inst);
  if (diag.has_errors()) return diag.to_error();
  return inst;
}

}  // namespace urbanmine::match
