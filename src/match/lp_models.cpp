// SPDX-License-Identifier: Apache-2.0
// COIN-OR CLP/CBC models of the meeting-scheduling problem. Exceptions from COIN-OR never leave
// this file: a failure is reported as an unsolved outcome.
#include "match/lp_models.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <string>

#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/ClpEventHandler.hpp>
#include <coin/ClpSimplex.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include "match/instance.h"

namespace urbanmine::match::detail {

namespace {

constexpr double kIntegralTolerance = 1e-6;

// Stops CLP when the caller's predicate says so (deadline of the whole solve).
class StopHandler : public ClpEventHandler {
 public:
  explicit StopHandler(std::function<bool()> stop) : stop_(std::move(stop)) {}
  int event(Event which) override {
    if (which == endOfIteration && stop_ && stop_()) return 0;
    return -1;
  }
  ClpEventHandler* clone() const override { return new StopHandler(*this); }

 private:
  std::function<bool()> stop_;
};

// Column-wise model of the time-indexed problem (x columns first, then u columns).
struct BuiltModel {
  int rows = 0;
  std::vector<CoinBigIndex> starts{0};  // column-wise sparse matrix
  std::vector<int> indices;
  std::vector<double> elements;
  std::vector<double> col_lower, col_upper, objective, row_lower, row_upper;
  std::vector<std::vector<int>> x_column;  // per pair and allowed slot
  int x_columns = 0;
  std::vector<int> link_row;  // per x column: its interpreter row (x - sum y = 0), or -1
  // Interpreter columns, after the x columns: (owner, class); the owner is the x column, or
  // -(j + 1) for the j-th fixed meeting that needs an interpreter (slot order).
  std::vector<std::pair<int, int>> y_column;
  int y_columns = 0;
};

bool pair_needs_interpreter(const ReducedProblem& prob, int pair) {
  return !prob.pair_slot_interpreters.empty() &&
         !prob.pair_slot_interpreters[static_cast<std::size_t>(pair)].empty();
}

// The distinct classes of a list of interpreters, ascending.
std::vector<int> classes_of(const ReducedProblem& prob, const std::vector<int>& interpreters) {
  std::vector<int> out;
  for (int i : interpreters) out.push_back(prob.interpreter_class[static_cast<std::size_t>(i)]);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

BuiltModel build_time_indexed(const ReducedProblem& prob) {
  BuiltModel m;
  const int pair_count = static_cast<int>(prob.pair_k.size());
  const int n = prob.participants;
  const int slot_count = prob.slots;
  // Count columns per (participant, slot), per slot and per participant to keep only rows that
  // can bind.
  std::vector<int> person_slot(static_cast<std::size_t>(n) * slot_count, 0);
  std::vector<int> per_slot(slot_count, 0);
  std::vector<int> per_person(n, 0);
  for (int p = 0; p < pair_count; ++p) {
    for (int s : prob.pair_slots[p]) {
      ++person_slot[static_cast<std::size_t>(prob.pair_k[p]) * slot_count + s];
      ++person_slot[static_cast<std::size_t>(prob.pair_f[p]) * slot_count + s];
      ++per_slot[s];
      ++per_person[prob.pair_k[p]];
      ++per_person[prob.pair_f[p]];
    }
  }
  int rows = 0;
  auto add_row = [&](double upper) {
    m.row_lower.push_back(-COIN_DBL_MAX);
    m.row_upper.push_back(upper);
    return rows++;
  };
  std::vector<int> pair_row(pair_count, -1);
  for (int p = 0; p < pair_count; ++p) {
    if (prob.pair_slots[p].size() > 1) pair_row[p] = add_row(1.0);
  }
  std::vector<int> person_slot_row(person_slot.size(), -1);
  for (std::size_t i = 0; i < person_slot.size(); ++i) {
    if (person_slot[i] > 1) person_slot_row[i] = add_row(1.0);
  }
  std::vector<int> slot_row(slot_count, -1);
  for (int s = 0; s < slot_count; ++s) {
    if (per_slot[s] > prob.free_tables[s]) slot_row[s] = add_row(prob.free_tables[s]);
  }
  std::vector<int> fair_row(n, -1);
  for (int i = 0; i < n; ++i) {
    if (per_person[i] > 0) fair_row[i] = add_row(prob.fixed_meetings[i]);
  }
  // Caps: a participant's free meetings <= what its cap leaves.
  std::vector<int> cap_row(n, -1);
  for (int i = 0; i < n; ++i) {
    const int left = prob.cap_left.empty() ? -1 : prob.cap_left[static_cast<std::size_t>(i)];
    if (left >= 0 && per_person[i] > left) cap_row[i] = add_row(std::max(0, left));
  }
  // Forced breaks: in every window of max_run + 1 consecutive slots a participant meets at most
  // max_run times, fixed meetings included (rows per participant and window start).
  const int run = prob.max_run;
  const int windows = run > 0 ? std::max(0, slot_count - run) : 0;
  std::vector<int> window_row(static_cast<std::size_t>(n) * std::max(windows, 1), -1);
  for (int i = 0; i < n && windows > 0; ++i) {
    if (per_person[i] == 0) continue;
    for (int a = 0; a < windows; ++a) {
      int free_columns = 0;
      int busy = 0;
      for (int s = a; s <= a + run; ++s) {
        const std::size_t cell = static_cast<std::size_t>(i) * slot_count + s;
        free_columns += person_slot[cell] > 0 ? 1 : 0;
        if (!prob.fixed_busy.empty()) busy += prob.fixed_busy[cell] != 0 ? 1 : 0;
      }
      if (free_columns + busy > run) {
        window_row[static_cast<std::size_t>(i) * windows + a] = add_row(std::max(0, run - busy));
      }
    }
  }
  // Interpreters, by class (interpreters with the same languages are interchangeable): in every
  // slot a class serves at most as many meetings as it has free interpreters, fixed meetings
  // first. A meeting that only one class can serve uses that class's row directly; one that
  // several classes can serve has x = sum of its y (one y per class). y may stay continuous: for
  // 0/1 meetings the assignment is a bipartite b-matching, whose polytope is integral.
  const int classes = prob.interpreter_classes;
  std::vector<double> class_left(static_cast<std::size_t>(classes) * slot_count, 0.0);
  for (std::size_t c = 0; c < class_left.size() && !prob.class_free.empty(); ++c) {
    class_left[c] = prob.class_free[c];
  }
  for (int s = 0; s < slot_count && !prob.fixed_interpreters.empty(); ++s) {
    for (const std::vector<int>& capable : prob.fixed_interpreters[s]) {
      const std::vector<int> own = classes_of(prob, capable);
      if (own.size() == 1) class_left[static_cast<std::size_t>(own[0]) * slot_count + s] -= 1.0;
    }
  }
  std::vector<int> class_row(class_left.size(), -1);
  auto class_slot_row = [&](int c, int s) {
    const std::size_t cell = static_cast<std::size_t>(c) * slot_count + s;
    if (class_row[cell] < 0) class_row[cell] = add_row(std::max(0.0, class_left[cell]));
    return class_row[cell];
  };
  // Table sizes: per slot and threshold q (a need above the smallest free table), the meetings
  // needing q seats or more get at most the tables seating q or more. The tables' sizes are
  // nested, so by Hall's theorem these rows are exactly "the slot's meetings can be seated".
  std::vector<std::vector<std::pair<int, int>>> seat_rows(slot_count);  // (threshold, row)
  if (!prob.pair_need.empty()) {
    std::vector<std::vector<int>> needs(slot_count);
    for (int p = 0; p < pair_count; ++p) {
      for (int s : prob.pair_slots[p]) needs[s].push_back(prob.pair_need[p]);
    }
    for (int s = 0; s < slot_count; ++s) {
      const std::vector<int>& seats = prob.slot_seats[s];
      if (seats.empty() || needs[s].empty()) continue;
      std::sort(needs[s].begin(), needs[s].end());
      for (std::size_t j = 0; j < needs[s].size(); ++j) {
        const int q = needs[s][j];
        if (q <= seats.front() || (j > 0 && needs[s][j - 1] == q)) continue;
        const auto columns = static_cast<int>(needs[s].size() - j);
        const auto tables =
            static_cast<int>(seats.end() - std::lower_bound(seats.begin(), seats.end(), q));
        if (columns > tables) seat_rows[s].push_back({q, add_row(tables)});
      }
    }
  }
  m.x_column.resize(pair_count);
  std::vector<int> idx;
  std::vector<double> val;
  for (int p = 0; p < pair_count; ++p) {
    const int k = prob.pair_k[p];
    const int f = prob.pair_f[p];
    for (std::size_t a = 0; a < prob.pair_slots[p].size(); ++a) {
      const int s = prob.pair_slots[p][a];
      idx.clear();
      val.clear();
      if (pair_row[p] >= 0) idx.push_back(pair_row[p]), val.push_back(1.0);
      for (int i : {k, f}) {
        const int r = person_slot_row[static_cast<std::size_t>(i) * slot_count + s];
        if (r >= 0) idx.push_back(r), val.push_back(1.0);
      }
      if (slot_row[s] >= 0) idx.push_back(slot_row[s]), val.push_back(1.0);
      for (const auto& [q, r] : seat_rows[s]) {
        if (prob.pair_need[p] >= q) idx.push_back(r), val.push_back(1.0);
      }
      idx.push_back(fair_row[k]), val.push_back(-1.0);
      idx.push_back(fair_row[f]), val.push_back(-1.0);
      for (int i : {k, f}) {
        if (cap_row[i] >= 0) idx.push_back(cap_row[i]), val.push_back(1.0);
        for (int w = std::max(0, s - run); w <= std::min(s, windows - 1); ++w) {
          const int r = window_row[static_cast<std::size_t>(i) * windows + w];
          if (r >= 0) idx.push_back(r), val.push_back(1.0);
        }
      }
      m.link_row.push_back(-1);
      if (pair_needs_interpreter(prob, p)) {
        const std::vector<int> own = classes_of(prob, prob.pair_slot_interpreters[p][a]);
        if (own.size() == 1) {
          idx.push_back(class_slot_row(own[0], s)), val.push_back(1.0);
        } else {
          m.link_row.back() = add_row(0.0);  // x - sum y = 0
          m.row_lower.back() = 0.0;
          idx.push_back(m.link_row.back()), val.push_back(1.0);
        }
      }
      m.indices.insert(m.indices.end(), idx.begin(), idx.end());
      m.elements.insert(m.elements.end(), val.begin(), val.end());
      m.starts.push_back(static_cast<CoinBigIndex>(m.indices.size()));
      m.col_lower.push_back(0.0);
      m.col_upper.push_back(1.0);
      m.objective.push_back(static_cast<double>(prob.pair_slot_value[p][a]));
      m.x_column[p].push_back(m.x_columns++);
    }
  }
  const auto add_y_column = [&](std::initializer_list<std::pair<int, double>> entries) {
    for (const auto& [r, v] : entries) m.indices.push_back(r), m.elements.push_back(v);
    m.starts.push_back(static_cast<CoinBigIndex>(m.indices.size()));
    m.col_lower.push_back(0.0);
    m.col_upper.push_back(1.0);
    m.objective.push_back(0.0);
  };
  for (int p = 0; p < pair_count; ++p) {
    if (!pair_needs_interpreter(prob, p)) continue;
    for (std::size_t a = 0; a < prob.pair_slots[p].size(); ++a) {
      const int s = prob.pair_slots[p][a];
      const int link = m.link_row[static_cast<std::size_t>(m.x_column[p][a])];
      if (link < 0) continue;
      for (int c : classes_of(prob, prob.pair_slot_interpreters[p][a])) {
        m.y_column.push_back({m.x_column[p][a], c});
        add_y_column({{link, -1.0}, {class_slot_row(c, s), 1.0}});
      }
    }
  }
  // Fixed meetings that several classes can serve: sum y = 1 each.
  int fixed_ordinal = 0;
  for (int s = 0; s < slot_count && !prob.fixed_interpreters.empty(); ++s) {
    for (const std::vector<int>& capable : prob.fixed_interpreters[s]) {
      ++fixed_ordinal;
      const std::vector<int> own = classes_of(prob, capable);
      if (own.size() == 1) continue;
      const int r = add_row(1.0);
      m.row_lower.back() = 1.0;
      for (int c : own) {
        m.y_column.push_back({-fixed_ordinal, c});
        add_y_column({{r, 1.0}, {class_slot_row(c, s), 1.0}});
      }
    }
  }
  m.rows = rows;
  m.y_columns = static_cast<int>(m.y_column.size());
  for (int i = 0; i < n; ++i) {
    if (fair_row[i] < 0) continue;
    for (long long bonus : prob.fairness_bonus) {
      m.indices.push_back(fair_row[i]);
      m.elements.push_back(1.0);
      m.starts.push_back(static_cast<CoinBigIndex>(m.indices.size()));
      m.col_lower.push_back(0.0);
      m.col_upper.push_back(1.0);
      m.objective.push_back(static_cast<double>(bonus));
    }
  }
  return m;
}

void set_incumbent_interpreters(const ReducedProblem& prob, const BuiltModel& m,
                                const std::vector<std::pair<int, int>>& incumbent,
                                std::vector<double>& start) {
  std::map<std::pair<int, int>, int> y_of;  // (owner, class) -> column
  for (int c = 0; c < m.y_columns; ++c)
    y_of[m.y_column[static_cast<std::size_t>(c)]] = m.x_columns + c;
  int fixed_ordinal = 0;
  for (int s = 0; s < prob.slots; ++s) {
    std::vector<std::vector<int>> lists;
    std::vector<int> owner;
    if (!prob.fixed_interpreters.empty()) {
      for (const std::vector<int>& capable : prob.fixed_interpreters[s]) {
        lists.push_back(capable);
        owner.push_back(-++fixed_ordinal);
      }
    }
    for (const auto& [p, slot] : incumbent) {
      if (slot != s || !pair_needs_interpreter(prob, p)) continue;
      const auto& slots = prob.pair_slots[static_cast<std::size_t>(p)];
      const auto at = std::find(slots.begin(), slots.end(), s);
      if (at == slots.end()) continue;
      const auto a = static_cast<std::size_t>(at - slots.begin());
      lists.push_back(prob.pair_slot_interpreters[static_cast<std::size_t>(p)][a]);
      owner.push_back(m.x_column[static_cast<std::size_t>(p)][a]);
    }
    if (lists.empty()) continue;
    std::vector<int> order(lists.size());
    for (std::size_t j = 0; j < order.size(); ++j) order[j] = static_cast<int>(j);
    const std::vector<int> served = serve_meetings(lists, order, prob.interpreters);
    for (std::size_t j = 0; j < lists.size(); ++j) {
      if (served[j] < 0) continue;
      const auto it =
          y_of.find({owner[j], prob.interpreter_class[static_cast<std::size_t>(served[j])]});
      if (it != y_of.end()) start[static_cast<std::size_t>(it->second)] = 1.0;
    }
  }
}

void read_solution(const ReducedProblem& prob, const BuiltModel& m, const double* sol,
                   LpOutcome& out) {
  const int pair_count = static_cast<int>(prob.pair_k.size());
  out.integral = true;
  out.x.assign(pair_count, {});
  out.chosen.clear();
  double value = 0.0;
  for (std::size_t c = 0; c < m.objective.size(); ++c) value += m.objective[c] * sol[c];
  out.value = value;
  for (int p = 0; p < pair_count; ++p) {
    for (std::size_t a = 0; a < m.x_column[p].size(); ++a) {
      const double v = sol[m.x_column[p][a]];
      out.x[p].push_back(v);
      if (v > kIntegralTolerance && v < 1.0 - kIntegralTolerance) out.integral = false;
      if (v > 0.5) out.chosen.push_back({p, prob.pair_slots[p][a]});
    }
  }
}

}  // namespace

long long time_indexed_columns(const ReducedProblem& problem) {
  long long columns = 0;
  for (const auto& slots : problem.pair_slots) columns += static_cast<long long>(slots.size());
  return columns;
}

LpOutcome solve_time_indexed_lp(const ReducedProblem& problem, double seconds,
                                const std::function<bool()>& stop) {
  LpOutcome out;
  try {
    BuiltModel m = build_time_indexed(problem);
    if (m.objective.empty()) {
      out.solved = true;
      out.integral = true;
      out.x.assign(problem.pair_k.size(), {});
      return out;
    }
    ClpSimplex clp;
    clp.setLogLevel(0);
    // CLP minimises the negated objective (its maximisation mode misbehaved in primal()).
    std::vector<double> cost(m.objective.size());
    for (std::size_t c = 0; c < cost.size(); ++c) cost[c] = -m.objective[c];
    clp.loadProblem(static_cast<int>(cost.size()), m.rows, m.starts.data(), m.indices.data(),
                    m.elements.data(), m.col_lower.data(), m.col_upper.data(), cost.data(),
                    m.row_lower.data(), m.row_upper.data());
    clp.setMaximumSeconds(seconds);
    clp.setMaximumWallSeconds(seconds);
    StopHandler handler(stop);
    clp.passInEventHandler(&handler);
    clp.primal();
    if (!clp.isProvenOptimal()) return out;
    out.solved = true;
    read_solution(problem, m, clp.primalColumnSolution(), out);
  } catch (const std::exception&) {
    out.solved = false;
  } catch (const CoinError&) {
    out.solved = false;
  }
  return out;
}

LpOutcome solve_time_indexed_mip(const ReducedProblem& problem, double seconds,
                                 const std::vector<std::pair<int, int>>& incumbent) {
  LpOutcome out;
  try {
    BuiltModel m = build_time_indexed(problem);
    if (m.objective.empty()) {
      out.solved = true;
      out.integral = true;
      out.x.assign(problem.pair_k.size(), {});
      return out;
    }
    OsiClpSolverInterface osi;
    osi.messageHandler()->setLogLevel(0);
    osi.loadProblem(static_cast<int>(m.objective.size()), m.rows, m.starts.data(), m.indices.data(),
                    m.elements.data(), m.col_lower.data(), m.col_upper.data(), m.objective.data(),
                    m.row_lower.data(), m.row_upper.data());
    {
      std::vector<double> cost(m.objective.size());
      for (std::size_t c = 0; c < cost.size(); ++c) cost[c] = -m.objective[c];
      osi.setObjective(cost.data());
    }
    for (int c = 0; c < m.x_columns; ++c) osi.setInteger(c);
    CbcModel model(osi);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    // Incumbent: x from the list, u filled greedily from the meeting counts.
    {
      std::vector<double> start(m.objective.size(), 0.0);
      std::vector<int> count(problem.fixed_meetings);
      for (const auto& [p, s] : incumbent) {
        for (std::size_t a = 0; a < problem.pair_slots[p].size(); ++a) {
          if (problem.pair_slots[p][a] == s) start[m.x_column[p][a]] = 1.0;
        }
        ++count[problem.pair_k[p]];
        ++count[problem.pair_f[p]];
      }
      // y: the incumbent's interpreters, slot by slot (fixed meetings first), as serve_meetings
      // assigns them; CBC drops an incumbent it finds infeasible, so a miss only costs time.
      if (m.y_columns > 0) set_incumbent_interpreters(problem, m, incumbent, start);
      int col = m.x_columns + m.y_columns;
      double value = 0.0;
      for (int c = 0; c < m.x_columns; ++c) value += start[c] * m.objective[c];
      // u columns exist only for participants with x columns, in participant order.
      std::vector<char> has_columns(problem.participants, 0);
      for (std::size_t p = 0; p < problem.pair_k.size(); ++p) {
        if (problem.pair_slots[p].empty()) continue;
        has_columns[problem.pair_k[p]] = 1;
        has_columns[problem.pair_f[p]] = 1;
      }
      for (int i = 0; i < problem.participants; ++i) {
        if (!has_columns[i]) continue;
        for (std::size_t l = 0; l < problem.fairness_bonus.size(); ++l, ++col) {
          if (static_cast<int>(l) < count[i]) {
            start[col] = 1.0;
            value += m.objective[col];
          }
        }
      }
      model.setBestSolution(start.data(), static_cast<int>(start.size()), -value, true);
    }
    CbcMain0(model);
    const std::string sec = std::to_string(seconds);
    const char* argv[] = {"urbanmine", "-log",      "0",      "-timeMode", "elapsed",
                          "-sec",      sec.c_str(), "-solve", "-quit"};
    CbcMain1(9, argv, model);
    if (model.bestSolution() == nullptr) return out;
    read_solution(problem, m, model.bestSolution(), out);
    out.best_bound = -model.getBestPossibleObjValue();
    out.solved = model.isProvenOptimal();
    out.integral = true;
  } catch (const std::exception&) {
    out.solved = false;
  } catch (const CoinError&) {
    out.solved = false;
  }
  return out;
}

LpOutcome solve_slot_free_lp(const ReducedProblem& problem, double seconds,
                             const std::function<bool()>& stop) {
  LpOutcome out;
  try {
    const int pair_count = static_cast<int>(problem.pair_k.size());
    const int n = problem.participants;
    // Allowed slots per participant: the union over its pairs.
    std::vector<std::vector<char>> allowed(n, std::vector<char>(problem.slots, 0));
    std::vector<int> degree(n, 0);
    for (int p = 0; p < pair_count; ++p) {
      if (problem.pair_slots[p].empty()) continue;
      for (int s : problem.pair_slots[p]) {
        allowed[problem.pair_k[p]][s] = 1;
        allowed[problem.pair_f[p]][s] = 1;
      }
      ++degree[problem.pair_k[p]];
      ++degree[problem.pair_f[p]];
    }
    std::vector<CoinBigIndex> starts{0};
    std::vector<int> indices;
    std::vector<double> elements;
    std::vector<double> col_lower, col_upper, objective, row_lower, row_upper;
    std::vector<int> cap_row(n, -1), fair_row(n, -1);
    int rows = 0;
    int total_tables = 0;
    for (int t : problem.free_tables) total_tables += t;
    for (int i = 0; i < n; ++i) {
      if (degree[i] == 0) continue;
      int slots = 0;
      for (char a : allowed[i]) slots += a;
      int most = slots;
      if (!problem.cap_left.empty() && problem.cap_left[static_cast<std::size_t>(i)] >= 0) {
        most = std::min(most, problem.cap_left[static_cast<std::size_t>(i)]);
      }
      if (problem.max_run > 0) {
        // Under the break rule a stretch of L usable slots holds L - floor(L / (run + 1))
        // meetings at most; fixed meetings sit in the stretches too.
        int total = 0;
        int stretch = 0;
        for (int s = 0; s <= problem.slots; ++s) {
          const std::size_t cell = static_cast<std::size_t>(i) * problem.slots + s;
          const bool usable =
              s < problem.slots && (allowed[i][s] != 0 ||
                                    (!problem.fixed_busy.empty() && problem.fixed_busy[cell] != 0));
          if (usable) {
            ++stretch;
          } else {
            total += stretch - stretch / (problem.max_run + 1);
            stretch = 0;
          }
        }
        most = std::min(most, total - problem.fixed_meetings[i]);
      }
      cap_row[i] = rows++;
      row_lower.push_back(-COIN_DBL_MAX);
      row_upper.push_back(std::max(0, most));
      fair_row[i] = rows++;
      row_lower.push_back(-COIN_DBL_MAX);
      row_upper.push_back(problem.fixed_meetings[i]);
    }
    const int total_row = rows++;
    row_lower.push_back(-COIN_DBL_MAX);
    row_upper.push_back(total_tables);
    std::vector<int> column_pair;
    for (int p = 0; p < pair_count; ++p) {
      if (problem.pair_slots[p].empty()) continue;
      column_pair.push_back(p);
      long long best = 0;
      for (long long v : problem.pair_slot_value[p]) best = std::max(best, v);
      const int k = problem.pair_k[p];
      const int f = problem.pair_f[p];
      const int idx[5] = {cap_row[k], cap_row[f], fair_row[k], fair_row[f], total_row};
      const double val[5] = {1.0, 1.0, -1.0, -1.0, 1.0};
      indices.insert(indices.end(), idx, idx + 5);
      elements.insert(elements.end(), val, val + 5);
      starts.push_back(static_cast<CoinBigIndex>(indices.size()));
      col_lower.push_back(0.0);
      col_upper.push_back(1.0);
      objective.push_back(static_cast<double>(best));
    }
    for (int i = 0; i < n; ++i) {
      if (fair_row[i] < 0) continue;
      for (long long bonus : problem.fairness_bonus) {
        indices.push_back(fair_row[i]);
        elements.push_back(1.0);
        starts.push_back(static_cast<CoinBigIndex>(indices.size()));
        col_lower.push_back(0.0);
        col_upper.push_back(1.0);
        objective.push_back(static_cast<double>(bonus));
      }
    }
    if (objective.empty()) {
      out.solved = true;
      return out;
    }
    ClpSimplex clp;
    clp.setLogLevel(0);
    std::vector<double> cost(objective.size());
    for (std::size_t c = 0; c < cost.size(); ++c) cost[c] = -objective[c];
    clp.loadProblem(static_cast<int>(cost.size()), rows, starts.data(), indices.data(),
                    elements.data(), col_lower.data(), col_upper.data(), cost.data(),
                    row_lower.data(), row_upper.data());
    clp.setMaximumSeconds(seconds);
    clp.setMaximumWallSeconds(seconds);
    StopHandler handler(stop);
    clp.passInEventHandler(&handler);
    clp.primal();
    if (!clp.isProvenOptimal()) return out;
    out.solved = true;
    const double* sol = clp.primalColumnSolution();
    double value = 0.0;
    for (std::size_t c = 0; c < objective.size(); ++c) value += objective[c] * sol[c];
    out.value = value;
    for (std::size_t c = 0; c < column_pair.size(); ++c) {
      if (sol[c] > 0.5) out.chosen.push_back({column_pair[c], -1});
    }
  } catch (const std::exception&) {
    out.solved = false;
  } catch (const CoinError&) {
    out.solved = false;
  }
  return out;
}

}  // namespace urbanmine::match::detail
