// SPDX-License-Identifier: Apache-2.0
// Meeting scheduler: slot-wise exact re-optimisation (large-neighbourhood search) plus LP/MIP
// bounds with COIN-OR. See scheduler.h for the method and docs/match.md for the reasoning.
#include "match/scheduler.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <queue>
#include <set>
#include <thread>
#include <tuple>
#include <utility>

#include "match/lp_models.h"

namespace urbanmine::match {

namespace {

// Gains are scaled so that integer noise can be finer than one objective unit.
constexpr long long kGainScale = 16;
// Perturbation noise: up to this many objective units per arc.
constexpr long long kNoiseUnits = 40;
// Extra gain for pairs of the slot-free LP optimum in the guided descent (objective units);
// on large-s1, 0 / 10 / 30 / 80 / 400 gave 99.75 / 99.79 / 99.82 / 99.83 / 99.83% of the optimum.
constexpr long long kGuideUnits = 80;
// LP relative tolerance used when turning an LP value into an integer bound.
constexpr double kBoundRelTolerance = 1e-7;
constexpr double kBoundAbsTolerance = 1e-4;
// Empirical CLP primal cost on this model: about 0.4 s for 20,000 columns, growing as
// columns^1.6 (measured on medium-s1 and large-s1); the LP is attempted when its estimate
// fits in this share of the time limit.
constexpr double kLpReferenceColumns = 20000.0;
constexpr double kLpReferenceSeconds = 0.4;
constexpr double kLpGrowthExponent = 1.6;
constexpr double kLpTimeShare = 0.6;
// CBC is tried on fractional LPs up to this many columns.
constexpr long long kMipColumnLimit = 6000;

// splitmix64: a portable deterministic generator (std distributions are not portable).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound).
  std::uint64_t below(std::uint64_t bound) { return bound == 0 ? 0 : next() % bound; }

 private:
  std::uint64_t state_;
};

// The instance after fixed meetings are taken out: what the search and the LPs optimise.
struct Model {
  int n = 0;
  int slot_count = 0;
  std::vector<long long> bonus;
  long long keep_bonus = 0;
  std::vector<int> pair_k, pair_f;
  std::vector<long long> pair_weight;
  std::vector<int> previous_slot;              // per pair, -1 when not in the previous schedule
  std::vector<std::vector<int>> pair_slots;    // allowed slots per free pair
  std::vector<std::vector<int>> slot_pairs;    // free pairs allowed in each slot
  std::vector<std::vector<int>> person_slots;  // slots in which each participant can meet
  std::vector<int> free_tables;
  std::vector<int> fixed_count;  // fixed meetings per participant
  std::vector<int> cap;          // most meetings per participant (fixed ones included)
  int max_run = 0;               // most consecutive meetings (0 = no break rule)
  std::vector<char> fixed_busy;  // n x S: a fixed meeting holds the participant
  std::vector<Meeting> fixed;    // fixed meetings, tables as kept
  long long fixed_weight = 0;    // weights + keep bonus of fixed meetings
  // Interpreters: per pair whose parties share no language, the interpreters able to serve it
  // (empty: it needs none); which interpreter is free in which slot; and, per slot, the
  // interpreters each fixed meeting there could take (they are served first).
  bool interpreting = false;
  std::vector<std::vector<int>> pair_interpreters;
  std::vector<char> needs;
  std::vector<std::vector<char>> interpreter_free;
  std::vector<std::vector<std::vector<int>>> fixed_capable;
  int interpreter_count = 0;
  std::vector<int> interpreter_class;  // interpreters with the same languages share a class
  // Table sizes: per pair the seats its meeting needs, per slot the seats of its free tables
  // (ascending; tables held by fixed meetings are not free).
  bool seating = false;
  std::vector<int> pair_need;
  std::vector<std::vector<int>> slot_seats;

  // Per pair that needs an interpreter and per slot: the interpreters able to serve it there.
  std::vector<std::vector<std::vector<int>>> capable_in_slot;

  // The interpreters able to serve pair p in slot s.
  const std::vector<int>& capable(int p, int s) const { return capable_in_slot[p][s]; }
  // Of `pairs` meeting in slot s (tried in the given order, after the fixed meetings there), the
  // positions of those no interpreter is left for.
  std::vector<std::size_t> unserved(int s, const std::vector<int>& pairs) const {
    std::vector<std::vector<int>> lists = fixed_capable[s];
    std::vector<std::size_t> position;
    for (std::size_t j = 0; j < pairs.size(); ++j) {
      if (!needs[pairs[j]]) continue;
      lists.push_back(capable(pairs[j], s));
      position.push_back(j);
    }
    std::vector<std::size_t> out;
    if (position.empty()) return out;
    std::vector<int> order(lists.size());
    for (std::size_t j = 0; j < order.size(); ++j) order[j] = static_cast<int>(j);
    const std::vector<int> served = serve_meetings(lists, order, interpreter_count);
    const std::size_t first = fixed_capable[s].size();
    for (std::size_t j = 0; j < position.size(); ++j) {
      if (served[first + j] < 0) out.push_back(position[j]);
    }
    return out;
  }

  // Of `pairs` meeting in slot s, tried in the given order, the positions of those that find no
  // seat (each takes the smallest free table big enough, which seats a set whenever any
  // assignment can, the tables' sizes being nested) or then no interpreter.
  std::vector<std::size_t> left_out(int s, const std::vector<int>& pairs) const {
    std::vector<std::size_t> out;
    std::vector<int> seated_pairs;
    std::vector<std::size_t> seated_position;
    if (seating) {
      std::multiset<int> free(slot_seats[s].begin(), slot_seats[s].end());
      for (std::size_t j = 0; j < pairs.size(); ++j) {
        const auto table = free.lower_bound(pair_need[pairs[j]]);
        if (table == free.end()) {
          out.push_back(j);
          continue;
        }
        free.erase(table);
        seated_pairs.push_back(pairs[j]);
        seated_position.push_back(j);
      }
    } else {
      seated_pairs = pairs;
      for (std::size_t j = 0; j < pairs.size(); ++j) seated_position.push_back(j);
    }
    if (interpreting) {
      for (std::size_t j : unserved(s, seated_pairs)) out.push_back(seated_position[j]);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  long long value(int p, int s) const {
    return pair_weight[p] + (previous_slot[p] == s ? keep_bonus : 0);
  }
  long long marginal(int count) const {
    return count < static_cast<int>(bonus.size()) ? bonus[count] : 0;
  }
};

core::Result<Model> build_model(const Instance& inst, bool fill_only) {
  Model m;
  m.n = inst.participant_count();
  m.slot_count = inst.slot_count();
  m.bonus = inst.fairness_bonus;
  m.keep_bonus = inst.keep_bonus;
  const int S = m.slot_count;
  std::vector<char> avail(static_cast<std::size_t>(m.n) * S, 0);
  std::vector<char> cancelled(m.n, 0);
  for (int i : inst.cancelled) cancelled[i] = 1;
  const std::vector<int> home = home_tables(inst);
  for (int i = 0; i < m.n; ++i) {
    if (cancelled[i]) continue;
    for (int s : inst.participants[i].available) {
      // A host that keeps its table meets only in slots that have that table.
      if (home[i] >= 0 && home[i] >= inst.tables_per_slot[s]) continue;
      avail[static_cast<std::size_t>(i) * S + s] = 1;
    }
  }
  auto is_available = [&](int i, int s) {
    return s >= 0 && s < S && avail[static_cast<std::size_t>(i) * S + s] != 0;
  };
  std::map<std::pair<int, int>, int> pair_index;  // only needed for the previous schedule
  const int P = static_cast<int>(inst.pairs.size());
  for (int p = 0; p < P; ++p) {
    if (!inst.previous_schedule.empty()) pair_index[{inst.pairs[p].k, inst.pairs[p].f}] = p;
    m.pair_k.push_back(inst.pairs[p].k);
    m.pair_f.push_back(inst.pairs[p].f);
    m.pair_weight.push_back(inst.pairs[p].weight);
  }
  m.interpreter_count = static_cast<int>(inst.interpreters.size());
  m.interpreter_free = interpreter_slots(inst);
  {
    std::map<std::vector<std::string>, int> class_of;
    for (const Interpreter& it : inst.interpreters) {
      std::vector<std::string> key = it.languages;
      std::sort(key.begin(), key.end());
      const auto found = class_of.emplace(key, static_cast<int>(class_of.size())).first;
      m.interpreter_class.push_back(found->second);
    }
  }
  m.needs.assign(P, 0);
  m.pair_interpreters.assign(P, {});
  m.capable_in_slot.assign(P, {});
  m.fixed_capable.assign(S, {});
  for (int p = 0; p < P; ++p) {
    if (!needs_interpreter(inst, m.pair_k[p], m.pair_f[p])) continue;
    m.needs[p] = 1;
    m.interpreting = true;
    for (int i = 0; i < m.interpreter_count; ++i) {
      if (can_interpret(inst, i, m.pair_k[p], m.pair_f[p])) m.pair_interpreters[p].push_back(i);
    }
    m.capable_in_slot[p].assign(S, {});
    for (int s = 0; s < S; ++s) {
      for (int i : m.pair_interpreters[p]) {
        if (m.interpreter_free[i][s]) m.capable_in_slot[p][s].push_back(i);
      }
    }
  }
  m.previous_slot.assign(P, -1);
  std::vector<char> pair_fixed(P, 0);
  std::vector<char> busy(static_cast<std::size_t>(m.n) * S, 0);
  std::set<std::pair<int, int>> tables_taken;
  std::vector<int> fixed_in_slot(S, 0);
  m.fixed_count.assign(m.n, 0);
  for (std::size_t q = 0; q < inst.previous_schedule.size(); ++q) {
    const Meeting& mt = inst.previous_schedule[q];
    auto it = pair_index.find({mt.k, mt.f});
    const bool survives =
        it != pair_index.end() && is_available(mt.k, mt.slot) && is_available(mt.f, mt.slot);
    if (it != pair_index.end() && mt.slot >= 0 && mt.slot < S && m.previous_slot[it->second] < 0) {
      m.previous_slot[it->second] = mt.slot;
    }
    if (!(mt.locked || fill_only)) continue;
    const std::string where = "$.previous_schedule[" + std::to_string(q) + "]";
    if (!survives) {
      if (mt.locked) {
        return core::Error::infeasible("locked meeting " + where +
                                           " is no longer possible (not a candidate pair, or a "
                                           "participant is unavailable or cancelled in its slot)",
                                       "unlock it or restore the participant's availability");
      }
      continue;
    }
    const int p = it->second;
    // A kept meeting that needs an interpreter takes one of the slot's (fixed ones first).
    bool interpreted = true;
    if (m.needs[p]) {
      const std::vector<int> single = {p};
      interpreted = m.unserved(mt.slot, single).empty();
    }
    const bool seated = seats_at(inst, mt.table) >= meeting_seats(inst, mt.k, mt.f);
    const bool clash = pair_fixed[p] || busy[static_cast<std::size_t>(mt.k) * S + mt.slot] ||
                       busy[static_cast<std::size_t>(mt.f) * S + mt.slot] ||
                       fixed_in_slot[mt.slot] >= inst.tables_per_slot[mt.slot] || !interpreted ||
                       !seated;
    if (clash) {
      if (mt.locked) {
        return core::Error::infeasible("locked meeting " + where +
                                           " clashes with another kept meeting (same pair, "
                                           "same person in the slot, no table or no "
                                           "interpreter left) or its table is too small",
                                       "unlock one of the clashing meetings");
      }
      continue;
    }
    pair_fixed[p] = 1;
    if (m.needs[p]) m.fixed_capable[mt.slot].push_back(m.capable(p, mt.slot));
    busy[static_cast<std::size_t>(mt.k) * S + mt.slot] = 1;
    busy[static_cast<std::size_t>(mt.f) * S + mt.slot] = 1;
    ++fixed_in_slot[mt.slot];
    ++m.fixed_count[mt.k];
    ++m.fixed_count[mt.f];
    Meeting kept = mt;
    kept.locked = mt.locked;
    m.fixed.push_back(kept);
    m.fixed_weight += m.value(p, mt.slot);
  }
  m.cap.assign(m.n, std::numeric_limits<int>::max());
  for (int i = 0; i < m.n; ++i) {
    if (inst.participants[i].max_meetings >= 0) m.cap[i] = inst.participants[i].max_meetings;
  }
  m.max_run = inst.max_consecutive_meetings;
  m.fixed_busy = busy;
  std::set<std::pair<int, int>> vetoed;
  for (const Veto& v : inst.vetoes) {
    vetoed.insert({v.from, v.to});
    vetoed.insert({v.to, v.from});
  }
  m.free_tables.resize(S);
  for (int s = 0; s < S; ++s)
    m.free_tables[s] = std::max(0, inst.tables_per_slot[s] - fixed_in_slot[s]);
  m.seating = !inst.table_seats.empty();
  if (m.seating) {
    std::set<std::pair<int, int>> held;  // (slot, table) of fixed meetings
    for (const Meeting& f : m.fixed) held.insert({f.slot, f.table});
    m.slot_seats.assign(S, {});
    for (int s = 0; s < S; ++s) {
      for (int t = 0; t < inst.tables_per_slot[s]; ++t) {
        if (held.count({s, t}) == 0) m.slot_seats[s].push_back(seats_at(inst, t));
      }
      std::sort(m.slot_seats[s].begin(), m.slot_seats[s].end());
    }
    m.pair_need.resize(P);
    for (int p = 0; p < P; ++p) m.pair_need[p] = meeting_seats(inst, m.pair_k[p], m.pair_f[p]);
  }
  m.pair_slots.assign(P, {});
  m.slot_pairs.assign(S, {});
  m.person_slots.assign(m.n, {});
  std::vector<char> person_slot_seen(static_cast<std::size_t>(m.n) * S, 0);
  for (int p = 0; p < P; ++p) {
    if (pair_fixed[p]) continue;
    const int k = m.pair_k[p];
    const int f = m.pair_f[p];
    if (vetoed.count({k, f}) != 0) continue;  // "no thanks" overrides any weight
    for (int s = 0; s < S; ++s) {
      if (m.free_tables[s] <= 0 || !is_available(k, s) || !is_available(f, s)) continue;
      if (busy[static_cast<std::size_t>(k) * S + s] || busy[static_cast<std::size_t>(f) * S + s]) {
        continue;
      }
      if (m.needs[p] && m.capable(p, s).empty()) continue;  // no interpreter for it here
      if (m.seating && (m.slot_seats[s].empty() || m.slot_seats[s].back() < m.pair_need[p])) {
        continue;  // no table in this slot seats both delegations
      }
      m.pair_slots[p].push_back(s);
      m.slot_pairs[s].push_back(p);
      person_slot_seen[static_cast<std::size_t>(k) * S + s] = 1;
      person_slot_seen[static_cast<std::size_t>(f) * S + s] = 1;
    }
  }
  for (int i = 0; i < m.n; ++i) {
    for (int s = 0; s < S; ++s) {
      if (person_slot_seen[static_cast<std::size_t>(i) * S + s]) m.person_slots[i].push_back(s);
    }
  }
  return m;
}

// Maximum-weight bipartite matching with at most `limit` arcs, by successive shortest paths on
// non-negative reduced costs (each augmenting path adds exactly one net K-F arc, so arc cost
// M - gain keeps every path cost non-negative while preserving the order of paths).
class SlotMatcher {
 public:
  static constexpr int kStopCheckPaths = 16;
  struct Arc {
    int f_local;
    int k_local;
    long long gain;  // > 0, scaled
  };

  // Returns the indices (into `arcs`) of the chosen arcs. `stop` is asked every kStopCheckPaths
  // augmenting paths (one slot of a large event takes seconds, longer than a time limit); when
  // it fires, `complete` is false and the arcs are those of the paths found so far: a matching of
  // the best weight for its size, not the best overall.
  template <typename Stop>
  std::vector<int> solve(int nf, int nk, const std::vector<Arc>& arcs, int limit, Stop&& stop,
                         bool& complete) {
    std::vector<int> chosen;
    complete = true;
    if (arcs.empty() || limit <= 0) return chosen;
    const int src = 0;
    const int sink = nf + nk + 1;
    const int nodes = sink + 1;
    head_.assign(nodes, -1);
    to_.clear();
    cap_.clear();
    cost_.clear();
    next_.clear();
    long long max_gain = 0;
    for (const Arc& a : arcs) max_gain = std::max(max_gain, a.gain);
    const long long big = max_gain + 1;
    for (int j = 0; j < nf; ++j) add_edge(src, 1 + j, 0);
    const int first_arc_edge = static_cast<int>(to_.size());
    for (const Arc& a : arcs) add_edge(1 + a.f_local, 1 + nf + a.k_local, big - a.gain);
    for (int i = 0; i < nk; ++i) add_edge(1 + nf + i, sink, 0);
    dual_.assign(nodes, 0);
    dist_.assign(nodes, 0);
    prev_edge_.assign(nodes, -1);
    visited_.assign(nodes, 0);
    using Item = std::pair<long long, int>;
    for (int flow = 0; flow < limit; ++flow) {
      if (flow % kStopCheckPaths == kStopCheckPaths - 1 && stop()) {
        complete = false;
        break;
      }
      std::fill(dist_.begin(), dist_.end(), std::numeric_limits<long long>::max());
      std::fill(visited_.begin(), visited_.end(), 0);
      std::priority_queue<Item, std::vector<Item>, std::greater<Item>> heap;
      dist_[src] = 0;
      heap.push({0, src});
      while (!heap.empty()) {
        const auto [d, v] = heap.top();
        heap.pop();
        if (visited_[v]) continue;
        visited_[v] = 1;
        if (v == sink) break;
        for (int e = head_[v]; e >= 0; e = next_[e]) {
          if (cap_[e] == 0) continue;
          const int w = to_[e];
          if (visited_[w]) continue;
          const long long nd = d + cost_[e] - dual_[w] + dual_[v];
          if (nd < dist_[w]) {
            dist_[w] = nd;
            prev_edge_[w] = e;
            heap.push({nd, w});
          }
        }
      }
      if (!visited_[sink]) break;
      long long path_cost = 0;
      for (int v = sink; v != src; v = to_[prev_edge_[v] ^ 1]) path_cost += cost_[prev_edge_[v]];
      if (path_cost >= big) break;  // the path no longer adds value
      for (int v = sink; v != src; v = to_[prev_edge_[v] ^ 1]) {
        --cap_[prev_edge_[v]];
        ++cap_[prev_edge_[v] ^ 1];
      }
      for (int v = 0; v < nodes; ++v) {
        if (visited_[v]) dual_[v] -= dist_[sink] - dist_[v];
      }
    }
    for (std::size_t a = 0; a < arcs.size(); ++a) {
      if (cap_[first_arc_edge + 2 * static_cast<int>(a)] == 0)
        chosen.push_back(static_cast<int>(a));
    }
    return chosen;
  }

 private:
  void add_edge(int from, int to, long long cost) {
    to_.push_back(to);
    cap_.push_back(1);
    cost_.push_back(cost);
    next_.push_back(head_[from]);
    head_[from] = static_cast<int>(to_.size()) - 1;
    to_.push_back(from);
    cap_.push_back(0);
    cost_.push_back(-cost);
    next_.push_back(head_[to]);
    head_[to] = static_cast<int>(to_.size()) - 1;
  }

  std::vector<int> head_, to_, cap_, next_, prev_edge_;
  std::vector<long long> cost_, dual_, dist_;
  std::vector<char> visited_;
};

// The search state: which slot each free pair meets in, who is busy when, meeting counts.
struct State {
  std::vector<int> pair_slot;  // -1 = not scheduled
  std::vector<int> occupant;   // n x S: pair index or -1
  std::vector<int> count;      // meetings per participant, fixed ones included
  std::vector<int> used;       // free tables used per slot
  long long value = 0;         // objective of the whole schedule
};

class Search {
 public:
  // `shuffle_order`: visit slots in a seeded random order instead of time order (diversity for
  // the second search thread).
  Search(const Model& model, std::uint64_t seed, const std::function<bool()>& should_stop,
         bool shuffle_order = false)
      : m_(model), rng_(seed), should_stop_(should_stop) {
    const int S = m_.slot_count;
    st_.pair_slot.assign(m_.pair_k.size(), -1);
    st_.occupant.assign(static_cast<std::size_t>(m_.n) * S, -1);
    st_.count = m_.fixed_count;
    st_.used.assign(S, 0);
    st_.value = m_.fixed_weight;
    for (int i = 0; i < m_.n; ++i) {
      for (int c = 0; c < st_.count[i]; ++c) st_.value += m_.marginal(c);
    }
    dirty_.assign(S, 1);
    local_k_.assign(m_.n, -1);
    delta_.assign(m_.n, 0);
    for (int s = 0; s < S; ++s) order_.push_back(s);
    if (shuffle_order) {
      for (int s = S - 1; s > 0; --s) {
        std::swap(order_[s],
                  order_[static_cast<int>(rng_.below(static_cast<std::uint64_t>(s) + 1))]);
      }
    }
    local_f_.assign(m_.n, -1);
    rules_ = rules_active();
  }

  // Starts from a given list of (pair, slot); conflicting entries are skipped.
  void seed_with(const std::vector<std::pair<int, int>>& placements) {
    for (const auto& [p, s] : placements) {
      if (st_.pair_slot[p] >= 0 || st_.used[s] >= m_.free_tables[s]) continue;
      if (occ(m_.pair_k[p], s) >= 0 || occ(m_.pair_f[p], s) >= 0) continue;
      if (!can_join(m_.pair_k[p], s) || !can_join(m_.pair_f[p], s)) continue;
      if (std::find(m_.pair_slots[p].begin(), m_.pair_slots[p].end(), s) ==
          m_.pair_slots[p].end()) {
        continue;
      }
      assign(p, s);
    }
    if (!m_.interpreting && !m_.seating) return;
    // Seats and interpreters: in each slot, the most valuable placed meetings keep theirs.
    for (int s = 0; s < m_.slot_count; ++s) {
      std::vector<int> placed;
      for (int p : m_.slot_pairs[s]) {
        if (st_.pair_slot[p] == s) placed.push_back(p);
      }
      std::stable_sort(placed.begin(), placed.end(),
                       [&](int a, int b) { return m_.value(a, s) > m_.value(b, s); });
      for (std::size_t j : m_.left_out(s, placed)) unassign(placed[j]);
    }
  }

  // Slot-wise re-optimisation until a full pass over the changed slots gains nothing. Stops as
  // soon as asked, even in the first pass: every intermediate state is a feasible schedule (the
  // slots not solved yet are empty), so the time limit holds on any instance size.
  void descend() {
    for (;;) {
      long long gained = 0;
      for (int s : order_) {
        if (!dirty_[s]) continue;
        if (stopped()) return;
        const long long before = st_.value;
        reoptimise(s, 0, false);
        gained += st_.value - before;
      }
      if (gained <= 0) return;
    }
  }

  // Perturb-and-descend rounds; a round that loses value is undone.
  int improve(int rounds) {
    int done = 0;
    if (m_.slot_count == 0) return done;
    State best = st_;
    for (; done < rounds && !stopped(); ++done) {
      const int perturbed = 1 + static_cast<int>(rng_.below(2));
      for (int r = 0; r < perturbed; ++r) {
        reoptimise(static_cast<int>(rng_.below(m_.slot_count)), kNoiseUnits * kGainScale, true);
      }
      descend();
      if (st_.value >= best.value) {
        best = st_;
      } else {
        st_ = best;
        std::fill(dirty_.begin(), dirty_.end(), 0);
      }
    }
    st_ = best;
    return done;
  }

  // Extra gain (objective units) for the listed pairs while guiding a descent; `clear_bias`
  // returns to the true objective and marks every slot for re-solving.
  void set_bias(const std::vector<std::pair<int, int>>& pairs, long long units) {
    bias_.assign(m_.pair_k.size(), 0);
    for (const auto& entry : pairs) bias_[entry.first] = units * kGainScale;
    std::fill(dirty_.begin(), dirty_.end(), 1);
  }
  void clear_bias() {
    bias_.clear();
    std::fill(dirty_.begin(), dirty_.end(), 1);
  }

  const State& state() const { return st_; }
  bool was_stopped() const { return stopped_; }

  std::vector<std::pair<int, int>> placements() const {
    std::vector<std::pair<int, int>> out;
    for (std::size_t p = 0; p < st_.pair_slot.size(); ++p) {
      if (st_.pair_slot[p] >= 0) out.push_back({static_cast<int>(p), st_.pair_slot[p]});
    }
    return out;
  }

 private:
  int& occ(int i, int s) { return st_.occupant[static_cast<std::size_t>(i) * m_.slot_count + s]; }

  bool busy(int i, int s) {
    return occ(i, s) >= 0 || m_.fixed_busy[static_cast<std::size_t>(i) * m_.slot_count + s] != 0;
  }

  // The organiser's per-person rules for a new meeting of i in slot s (i free in s): the cap on
  // meetings and the longest run of consecutive meetings. Both depend only on the other slots,
  // so a slot's subproblem stays an exact matching.
  bool can_join(int i, int s) {
    if (st_.count[i] >= m_.cap[i]) return false;
    if (m_.max_run <= 0) return true;
    int run = 1;
    for (int t = s - 1; t >= 0 && busy(i, t); --t) ++run;
    for (int t = s + 1; t < m_.slot_count && busy(i, t); ++t) ++run;
    return run <= m_.max_run;
  }

  bool rules_active() const {
    return m_.max_run > 0 || std::any_of(m_.cap.begin(), m_.cap.end(), [](int c) {
             return c != std::numeric_limits<int>::max();
           });
  }

  bool stopped() {
    if (!stopped_ && should_stop_ && should_stop_()) stopped_ = true;
    return stopped_;
  }

  // A count change of participant i alters arc gains in i's other slots only while the count
  // is within reach of the fairness bonus (both the marginal of a new meeting, B[c], and that
  // of a meeting already held elsewhere, B[c-1], are 0 beyond it).
  void touch_count(int i, int before, int after) {
    // Under caps or break rules a change anywhere can free or block i's other slots.
    if (!rules_ && std::min(before, after) > static_cast<int>(m_.bonus.size())) return;
    for (int s : m_.person_slots[i]) dirty_[s] = 1;
  }

  void assign(int p, int s) {
    const int k = m_.pair_k[p];
    const int f = m_.pair_f[p];
    st_.pair_slot[p] = s;
    occ(k, s) = p;
    occ(f, s) = p;
    st_.value += m_.value(p, s) + m_.marginal(st_.count[k]) + m_.marginal(st_.count[f]);
    ++st_.count[k];
    ++st_.count[f];
    ++st_.used[s];
  }

  void unassign(int p) {
    const int s = st_.pair_slot[p];
    const int k = m_.pair_k[p];
    const int f = m_.pair_f[p];
    st_.pair_slot[p] = -1;
    occ(k, s) = -1;
    occ(f, s) = -1;
    --st_.count[k];
    --st_.count[f];
    st_.value -= m_.value(p, s) + m_.marginal(st_.count[k]) + m_.marginal(st_.count[f]);
    --st_.used[s];
  }

  // Re-solves slot s exactly (noise 0) or with noise and relocation arcs (perturbation).
  //
  // Afterwards only the slots whose subproblem changed are marked dirty: a pair that left slot s
  // may now meet in its other slots; a pair that joined s had unused arcs elsewhere (dropping
  // them keeps those slots optimal); a participant whose meeting count changed alters gains in
  // its other slots while the count is within reach of the fairness bonus; a slot that lost a
  // relocated meeting has free people and a table.
  void reoptimise(int s, long long noise, bool relocate) {
    old_pairs_.clear();
    for (int p : m_.slot_pairs[s]) {
      if (st_.pair_slot[p] == s) old_pairs_.push_back(p);
    }
    for (int p : old_pairs_) unassign(p);
    arcs_.clear();
    arc_pair_.clear();
    int nf = 0;
    int nk = 0;
    std::vector<int> touched;
    for (int p : m_.slot_pairs[s]) {
      const int k = m_.pair_k[p];
      const int f = m_.pair_f[p];
      long long gain = 0;
      if (st_.pair_slot[p] < 0) {
        if (!can_join(k, s) || !can_join(f, s)) continue;
        gain =
            (m_.value(p, s) + m_.marginal(st_.count[k]) + m_.marginal(st_.count[f])) * kGainScale;
        if (!bias_.empty()) gain += bias_[p];
      } else if (relocate && !rules_) {
        gain = (m_.value(p, s) - m_.value(p, st_.pair_slot[p])) * kGainScale;
      } else {
        continue;
      }
      if (noise > 0) gain += static_cast<long long>(rng_.below(static_cast<std::uint64_t>(noise)));
      if (gain <= 0) continue;
      if (local_k_[k] < 0) local_k_[k] = nk++, touched.push_back(k);
      if (local_f_[f] < 0) local_f_[f] = nf++, touched.push_back(f);
      arcs_.push_back({local_f_[f], local_k_[k], gain});
      arc_pair_.push_back(p);
    }
    for (int i : touched) local_k_[i] = local_f_[i] = -1;
    bool complete = true;
    std::vector<int> chosen = matcher_.solve(
        nf, nk, arcs_, m_.free_tables[s], [this] { return stopped(); }, complete);
    if (!complete && !old_pairs_.empty()) {
      // Stopped inside a slot that had meetings: it keeps them (a person meets once per slot,
      // so putting them back restores the value exactly). An empty slot takes the partial
      // matching, which only adds value.
      for (int p : old_pairs_) assign(p, s);
      return;
    }
    if (m_.interpreting || m_.seating) repair_slot(s, nf, nk, complete, chosen);
    for (int a : chosen) {
      const int p = arc_pair_[a];
      if (st_.pair_slot[p] >= 0) {
        dirty_[st_.pair_slot[p]] = 1;
        unassign(p);
        moved_.push_back(p);
      }
    }
    for (int a : chosen) assign(arc_pair_[a], s);
    // Net change of meeting counts in this slot (relocated pairs keep their counts).
    for (int p : old_pairs_) {
      if (st_.pair_slot[p] != s) {
        for (int t : m_.pair_slots[p]) dirty_[t] = 1;
      }
      --delta_[m_.pair_k[p]];
      --delta_[m_.pair_f[p]];
      changed_.push_back(m_.pair_k[p]);
      changed_.push_back(m_.pair_f[p]);
    }
    for (int a : chosen) {
      const int p = arc_pair_[a];
      ++delta_[m_.pair_k[p]];
      ++delta_[m_.pair_f[p]];
      changed_.push_back(m_.pair_k[p]);
      changed_.push_back(m_.pair_f[p]);
    }
    for (int p : moved_) {
      --delta_[m_.pair_k[p]];
      --delta_[m_.pair_f[p]];
    }
    for (int i : changed_) {
      if (delta_[i] != 0) touch_count(i, st_.count[i] - delta_[i], st_.count[i]);
      delta_[i] = 0;
    }
    changed_.clear();
    moved_.clear();
    dirty_[s] = 0;
  }

  // Seats and interpreters in slot s: the chosen meetings no seat or interpreter is left for
  // (tried by gain) are taken out of the arcs and the slot solved again, a few times; what still
  // cannot be served is dropped, so the slot stays feasible (a subset of a matching is a
  // matching).
  void repair_slot(int s, int nf, int nk, bool complete, std::vector<int>& chosen) {
    constexpr int kRounds = 10;
    for (int round = 0;; ++round) {
      std::vector<int> order = chosen;
      std::stable_sort(order.begin(), order.end(),
                       [&](int a, int b) { return arcs_[a].gain > arcs_[b].gain; });
      std::vector<int> pairs;
      for (int a : order) pairs.push_back(arc_pair_[a]);
      const std::vector<std::size_t> left_out = m_.left_out(s, pairs);
      if (left_out.empty()) return;
      std::vector<char> drop(arcs_.size(), 0);
      for (std::size_t j : left_out) drop[order[j]] = 1;
      if (!complete || round + 1 >= kRounds) {
        std::vector<int> kept;
        for (int a : chosen) {
          if (!drop[a]) kept.push_back(a);
        }
        chosen = std::move(kept);
        return;
      }
      std::vector<SlotMatcher::Arc> arcs;
      std::vector<int> arc_pair;
      for (std::size_t a = 0; a < arcs_.size(); ++a) {
        if (drop[a]) continue;
        arcs.push_back(arcs_[a]);
        arc_pair.push_back(arc_pair_[a]);
      }
      arcs_ = std::move(arcs);
      arc_pair_ = std::move(arc_pair);
      chosen = matcher_.solve(
          nf, nk, arcs_, m_.free_tables[s], [this] { return stopped(); }, complete);
    }
  }

  const Model& m_;
  Rng rng_;
  const std::function<bool()>& should_stop_;
  State st_;
  std::vector<char> dirty_;
  std::vector<int> local_k_, local_f_;
  std::vector<int> old_pairs_, moved_, changed_, delta_, order_;
  std::vector<long long> bias_;
  std::vector<SlotMatcher::Arc> arcs_;
  std::vector<int> arc_pair_;
  SlotMatcher matcher_;
  bool stopped_ = false;
  bool rules_ = false;  // caps or a break rule apply
};

detail::ReducedProblem reduced_problem(const Model& m) {
  detail::ReducedProblem r;
  r.participants = m.n;
  r.slots = m.slot_count;
  r.pair_k = m.pair_k;
  r.pair_f = m.pair_f;
  r.pair_slots = m.pair_slots;
  r.pair_slot_value.resize(m.pair_k.size());
  for (std::size_t p = 0; p < m.pair_k.size(); ++p) {
    for (int s : m.pair_slots[p]) r.pair_slot_value[p].push_back(m.value(static_cast<int>(p), s));
  }
  r.free_tables = m.free_tables;
  r.fairness_bonus = m.bonus;
  r.fixed_meetings = m.fixed_count;
  r.cap_left.assign(static_cast<std::size_t>(m.n), -1);
  for (int i = 0; i < m.n; ++i) {
    if (m.cap[i] != std::numeric_limits<int>::max()) {
      r.cap_left[i] = std::max(0, m.cap[i] - m.fixed_count[i]);
    }
  }
  r.max_run = m.max_run;
  r.fixed_busy = m.fixed_busy;
  if (m.seating) {
    r.pair_need = m.pair_need;
    r.slot_seats = m.slot_seats;
  }
  if (m.interpreting) {
    r.interpreters = m.interpreter_count;
    r.pair_slot_interpreters.resize(m.pair_k.size());
    for (std::size_t p = 0; p < m.pair_k.size(); ++p) {
      if (!m.needs[p]) continue;
      for (int s : m.pair_slots[p]) {
        r.pair_slot_interpreters[p].push_back(m.capable(static_cast<int>(p), s));
      }
    }
    r.fixed_interpreters = m.fixed_capable;
    r.interpreter_class = m.interpreter_class;
    r.interpreter_classes = 0;
    for (int c : m.interpreter_class)
      r.interpreter_classes = std::max(r.interpreter_classes, c + 1);
    const std::size_t S = static_cast<std::size_t>(m.slot_count);
    r.class_free.assign(static_cast<std::size_t>(r.interpreter_classes) * S, 0);
    for (int i = 0; i < m.interpreter_count; ++i) {
      for (std::size_t s = 0; s < S; ++s) {
        if (m.interpreter_free[i][s]) ++r.class_free[m.interpreter_class[i] * S + s];
      }
    }
  }
  return r;
}

// Objective terms outside an LP of the reduced problem: fixed weights, and fairness of
// participants without any free column (their counts are fixed).
long long outside_lp_value(const Model& m) {
  std::vector<char> has_columns(m.n, 0);
  for (std::size_t p = 0; p < m.pair_k.size(); ++p) {
    if (m.pair_slots[p].empty()) continue;
    has_columns[m.pair_k[p]] = 1;
    has_columns[m.pair_f[p]] = 1;
  }
  long long v = m.fixed_weight;
  for (int i = 0; i < m.n; ++i) {
    if (!has_columns[i]) v += fairness_for(m.bonus, m.fixed_count[i]);
  }
  return v;
}

// The LP's placements in the order a rounding should try them: by LP value (fractional ones
// too, down to a tenth), then by their objective value.
std::vector<std::pair<int, int>> lp_rounding(const detail::ReducedProblem& reduced,
                                             const detail::LpOutcome& lp) {
  struct Candidate {
    double x;
    long long value;
    int pair;
    int slot;
  };
  std::vector<Candidate> candidates;
  for (std::size_t p = 0; p < lp.x.size(); ++p) {
    for (std::size_t a = 0; a < lp.x[p].size(); ++a) {
      if (lp.x[p][a] < 0.1) continue;
      candidates.push_back({lp.x[p][a], reduced.pair_slot_value[p][a], static_cast<int>(p),
                            reduced.pair_slots[p][a]});
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     return std::tie(b.x, b.value) < std::tie(a.x, a.value);
                   });
  std::vector<std::pair<int, int>> out;
  out.reserve(candidates.size());
  for (const Candidate& c : candidates) out.push_back({c.pair, c.slot});
  return out;
}

long long lp_bound(double lp_value, long long outside) {
  const double slack = kBoundAbsTolerance + kBoundRelTolerance * std::fabs(lp_value);
  return outside + static_cast<long long>(std::floor(lp_value + slack));
}

// Assigns tables: fixed and kept meetings keep their previous table when it is free and valid,
// the others take the lowest free tables in (k, f) order.
std::vector<Meeting> with_tables(const Instance& inst, const Model& m,
                                 const std::vector<std::pair<int, int>>& placements) {
  const int S = m.slot_count;
  std::map<std::tuple<int, int, int>, int> previous_table;
  for (const Meeting& mt : inst.previous_schedule) previous_table[{mt.k, mt.f, mt.slot}] = mt.table;
  std::vector<Meeting> all = m.fixed;
  for (const auto& [p, s] : placements) {
    Meeting mt;
    mt.k = m.pair_k[p];
    mt.f = m.pair_f[p];
    mt.slot = s;
    mt.table = -1;
    all.push_back(mt);
  }
  std::sort(all.begin(), all.end(), [](const Meeting& a, const Meeting& b) {
    return std::tie(a.slot, a.k, a.f) < std::tie(b.slot, b.k, b.f);
  });
  // Tables in use per slot: a set, so memory follows the meetings, not the table counts.
  std::vector<std::set<int>> taken(S);
  std::vector<char> placed(all.size(), 0);
  std::set<std::tuple<int, int, int>> fixed_keys;
  for (const Meeting& f : m.fixed) fixed_keys.insert({f.k, f.f, f.slot});
  std::vector<char> fixed(all.size(), 0);
  for (std::size_t a = 0; a < all.size(); ++a) {
    fixed[a] = fixed_keys.count({all[a].k, all[a].f, all[a].slot}) != 0 ? 1 : 0;
  }
  // Hosts that keep their table sit there (distinct per host, within every slot they meet in).
  const std::vector<int> home = home_tables(inst);
  for (std::size_t a = 0; a < all.size(); ++a) {
    if (home[all[a].k] < 0) continue;
    all[a].table = home[all[a].k];
    taken[all[a].slot].insert(all[a].table);
    placed[a] = 1;
  }
  // Locked meetings first (validated: each at its own existing table), then kept ones. With
  // table sizes only fixed meetings keep their table (the free tables' seats were counted
  // without them), and the rest are seated below.
  const bool seating = !inst.table_seats.empty();
  for (const bool locked_pass : {true, false}) {
    for (std::size_t a = 0; a < all.size(); ++a) {
      if (placed[a] || all[a].locked != locked_pass) continue;
      if (seating && !fixed[a]) continue;
      auto it = previous_table.find({all[a].k, all[a].f, all[a].slot});
      if (it == previous_table.end()) continue;
      const int t = it->second;
      const int s = all[a].slot;
      if (t >= 0 && t < inst.tables_per_slot[s] && taken[s].insert(t).second) {
        all[a].table = t;
        placed[a] = 1;
      }
    }
  }
  if (seating) {
    // Largest delegations first, each at the smallest free table that seats it: this seats every
    // set the scheduler kept (the tables' sizes are nested).
    std::vector<std::size_t> order;
    for (std::size_t a = 0; a < all.size(); ++a) {
      if (!placed[a]) order.push_back(a);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return meeting_seats(inst, all[a].k, all[a].f) > meeting_seats(inst, all[b].k, all[b].f);
    });
    for (std::size_t a : order) {
      const int s = all[a].slot;
      const int need = meeting_seats(inst, all[a].k, all[a].f);
      int best = -1;
      for (int t = 0; t < inst.tables_per_slot[s]; ++t) {
        if (taken[s].count(t) != 0 || seats_at(inst, t) < need) continue;
        if (best < 0 || seats_at(inst, t) < seats_at(inst, best)) best = t;
      }
      all[a].table = best;  // -1 only if the scheduler broke the rule: the checker reports it
      if (best >= 0) taken[s].insert(best);
      placed[a] = 1;
    }
  }
  std::vector<int> next_free(S, 0);
  for (std::size_t a = 0; a < all.size(); ++a) {
    if (placed[a]) continue;
    const int s = all[a].slot;
    int& t = next_free[s];
    while (taken[s].count(t) != 0) ++t;
    all[a].table = t;
    taken[s].insert(t);
  }
  std::sort(all.begin(), all.end(), [](const Meeting& a, const Meeting& b) {
    return std::tie(a.slot, a.table) < std::tie(b.slot, b.table);
  });
  if (m.interpreting) assign_interpreters(inst, all);
  return all;
}

}  // namespace

core::Result<SolveResult> solve_schedule(const Instance& instance, const SolveOptions& options) {
  const core::Diagnostics diag = validate_instance(instance);
  if (diag.has_errors()) return diag.to_error();
  auto built = build_model(instance, options.fill_only);
  if (!built) return built.error();
  const Model& model = *built;
  const detail::ReducedProblem reduced = reduced_problem(model);
  const long long outside = outside_lp_value(model);
  const long long columns = detail::time_indexed_columns(reduced);
  const double time_limit = std::max(0.01, options.time_limit_seconds);
  const double lp_estimate =
      kLpReferenceSeconds *
      std::pow(static_cast<double>(columns) / kLpReferenceColumns, kLpGrowthExponent);
  const bool try_lp = options.use_lp && lp_estimate <= kLpTimeShare * time_limit;
  const bool two_threads = options.threads >= 2;

  // Thread A: the search from the empty schedule. Thread B: the LP (or, when the LP does not
  // fit, the slot-free bound and a second search with another seed).
  // An integral LP optimum ends the search at once (nothing can beat it).
  std::atomic<bool> lp_optimal{false};
  const std::function<bool()> search_stop = [&] {
    return lp_optimal.load(std::memory_order_relaxed) ||
           (options.should_stop && options.should_stop());
  };
  Search search_a(model, options.seed, search_stop);
  Search search_b(model, options.seed ^ 0xA5A5A5A5ULL, search_stop, true);
  detail::LpOutcome lp;
  detail::LpOutcome slot_free;
  // A fractional LP too large for CBC guides a search started from its rounding.
  Search guided(model, options.seed + 1, options.should_stop);
  bool ran_guided = false;
  int rounds_a = 0;
  int rounds_b = 0;
  int rounds_guided = 0;
  const auto run_guided = [&](int rounds) {
    guided.seed_with(lp_rounding(reduced, lp));
    guided.descend();
    rounds_guided = guided.improve(rounds);
    ran_guided = true;
  };
  bool ran_b_search = false;
  auto work_a = [&] {
    if (!options.use_search) return;
    // With one thread the bounds ran first, so this search can use the slot-free guide.
    if (!two_threads && slot_free.solved && !lp.solved) {
      search_a.set_bias(slot_free.chosen, kGuideUnits);
      search_a.descend();
      search_a.clear_bias();
    }
    search_a.descend();
    rounds_a = search_a.improve(options.lns_rounds);
  };
  auto work_b = [&] {
    // Nothing more to start once the deadline passed (e.g. reading a huge input took it all).
    if (options.should_stop && options.should_stop()) return;
    // The slot-free bound first: it is cheap and guarantees a bound if the big LP is cut.
    if (options.use_lp) {
      slot_free = detail::solve_slot_free_lp(reduced, time_limit, options.should_stop);
    }
    if (try_lp) {
      lp = detail::solve_time_indexed_lp(reduced, time_limit, options.should_stop);
      if (lp.solved && lp.integral) {
        lp_optimal.store(true, std::memory_order_relaxed);
      }
    }
    // A fractional LP that CBC will not take: this thread follows it with the guided search
    // while the first search goes on (both stop at the deadline).
    if (lp.solved && !lp.integral && columns > kMipColumnLimit && two_threads &&
        options.use_search) {
      run_guided(options.lns_rounds);
    }
    if (!lp.solved && two_threads && options.use_search) {
      ran_b_search = true;
      if (slot_free.solved && kGuideUnits > 0) {
        // Guided descent: prefer the pairs the slot-free relaxation picks, then the truth.
        search_b.set_bias(slot_free.chosen, kGuideUnits);
        search_b.descend();
        search_b.clear_bias();
      }
      search_b.descend();
      rounds_b = search_b.improve(options.lns_rounds);
    }
  };
  if (two_threads) {
    std::thread helper(work_b);
    work_a();
    helper.join();
  } else {
    work_b();
    work_a();
  }

  SolveResult result;
  std::vector<std::pair<int, int>> best = search_a.placements();
  long long best_value = search_a.state().value;
  result.method = "lns";
  result.lns_rounds_done = rounds_a + rounds_b + rounds_guided;
  result.stopped_early = !lp_optimal.load() && (search_a.was_stopped() || search_b.was_stopped());
  if (ran_b_search && search_b.state().value > best_value) {
    best = search_b.placements();
    best_value = search_b.state().value;
  }
  long long upper = std::numeric_limits<long long>::max();
  if (lp.solved) {
    upper = lp_bound(lp.value, outside);
    result.bound_method = "time-indexed-lp";
    if (lp.integral) {
      // An integral LP optimum is optimal; re-scored exactly below.
      Search exact(model, options.seed, options.should_stop);
      exact.seed_with(lp.chosen);
      if (exact.state().value > best_value) {
        best = exact.placements();
        best_value = exact.state().value;
        result.method = "lp-integral";
      }
    } else if (columns <= kMipColumnLimit && best_value < upper) {
      detail::LpOutcome mip = detail::solve_time_indexed_mip(reduced, time_limit, best);
      if (!mip.chosen.empty()) {
        Search exact(model, options.seed, options.should_stop);
        exact.seed_with(mip.chosen);
        if (exact.state().value > best_value) {
          best = exact.placements();
          best_value = exact.state().value;
          result.method = "cbc";
        }
      }
      if (mip.solved) {
        upper = std::min(upper, best_value);
        result.bound_method = "cbc";
      } else if (mip.best_bound > 0) {
        upper = std::min(upper, lp_bound(mip.best_bound, outside));
      }
    } else {
      // Use the LP as a guide: round it and let the search repair and improve it (done already
      // by the second thread when there is one).
      if (!ran_guided && options.use_search) run_guided(options.lns_rounds / 4);
      result.lns_rounds_done = rounds_a + rounds_b + rounds_guided;
      if (guided.state().value > best_value) {
        best = guided.placements();
        best_value = guided.state().value;
        result.method = "lp-guided-lns";
      }
    }
  } else if (slot_free.solved) {
    upper = lp_bound(slot_free.value, outside);
    result.bound_method = "slot-free-lp";
  }
  result.meetings = with_tables(instance, model, best);
  const CheckReport report = check_schedule(instance, result.meetings);
  if (!report.feasible()) {
    return core::Error::internal("scheduler produced an infeasible schedule: " +
                                 report.violations.front());
  }
  result.objective = report.objective;
  if (report.objective.total() != best_value) {
    return core::Error::internal("scheduler objective bookkeeping mismatch");
  }
  if (upper == std::numeric_limits<long long>::max()) {
    // Trivial bound: every candidate pair's best value plus every fairness bonus.
    upper = model.fixed_weight;
    for (std::size_t p = 0; p < model.pair_k.size(); ++p) {
      long long v = 0;
      for (int s : model.pair_slots[p]) v = std::max(v, model.value(static_cast<int>(p), s));
      upper += v;
    }
    for (int i = 0; i < model.n; ++i) {
      upper += fairness_for(model.bonus, static_cast<int>(model.bonus.size()));
    }
    result.bound_method = "trivial";
  }
  upper = std::max(upper, best_value);
  result.upper_bound = upper;
  result.proven_optimal = upper == best_value;
  result.gap =
      upper > 0 ? static_cast<double>(upper - best_value) / static_cast<double>(upper) : 0.0;
  return result;
}

}  // namespace urbanmine::match
