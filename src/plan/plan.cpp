// SPDX-License-Identifier: Apache-2.0
// Plant siting MILP (see plan.h and docs/plan.md): model building, CBC solve, brute force and
// the epsilon-constraint Pareto front.
#include "plan/plan.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>

#include <coin/CbcModel.hpp>
#include <coin/CbcSolver.hpp>
#include <coin/ClpSimplex.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>

namespace urbanmine::plan {
namespace {

using core::Error;

constexpr double kFlowEpsilonT = 1e-6;  // flows below this are reported as zero
constexpr double kTonnesPerKg = 1e-3;

// Column-major model in the shape CLP and CBC load.
struct Model {
  std::vector<CoinBigIndex> starts{0};
  std::vector<int> indices;
  std::vector<double> elements;
  std::vector<double> col_lower, col_upper;
  std::vector<double> objective;  // maximised
  std::vector<double> row_lower, row_upper;
  int rows = 0;
  // Column bookkeeping.
  std::vector<int> build_site, build_module, build_year;  // per integer column (first columns)
  std::vector<int> flow_region, flow_site, flow_year;     // per flow column
  int flow_first = 0;
  int unserved_first = 0;  // one per region x year
  // Per-column coefficients for reporting.
  std::vector<double> revenue, cost, co2;
};

struct Weights {
  double value = 1.0;  // weight of npv (max_npv) or of -cost (min_cost)
  double co2 = 0.0;    // subtracted per tonne of CO2
  std::optional<double> cap_t;
};

double discount(const PlanInput& in, int year_idx) {
  return 1.0 / std::pow(1.0 + in.discount_rate, year_idx);
}

void add_column(Model& m, const std::vector<std::pair<int, double>>& entries, double lo, double hi,
                double obj) {
  for (const auto& [row, value] : entries) {
    m.indices.push_back(row);
    m.elements.push_back(value);
  }
  m.starts.push_back(static_cast<CoinBigIndex>(m.indices.size()));
  m.col_lower.push_back(lo);
  m.col_upper.push_back(hi);
  m.objective.push_back(obj);
}

bool allowed(const PlanInput& in, std::size_t r, std::size_t s, std::size_t t) {
  return in.allowed.empty() || in.allowed[r][s][t] != 0;
}

// First year index in which a module can serve.
int first_service_idx(const PlanInput& in) { return std::max(0, in.lead_years); }

Model build_model(const PlanInput& in, const Weights& w) {
  Model m;
  const std::size_t R = in.regions.size(), S = in.sites.size(), K = in.modules.size(),
                    T = in.years.size();
  // Rows: supply (R*T), capacity (S*T), optional CO2 cap.
  const int supply_row0 = 0;
  const int cap_row0 = static_cast<int>(R * T);
  m.rows = static_cast<int>(R * T + S * T);
  const int co2_row = w.cap_t ? m.rows++ : -1;
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t t = 0; t < T; ++t) {
      m.row_lower.push_back(in.feedstock_t[r][t]);
      m.row_upper.push_back(in.feedstock_t[r][t]);
    }
  }
  for (std::size_t i = 0; i < S * T; ++i) {
    m.row_lower.push_back(-COIN_DBL_MAX);
    m.row_upper.push_back(0.0);
  }
  if (w.cap_t) {
    m.row_lower.push_back(-COIN_DBL_MAX);
    m.row_upper.push_back(*w.cap_t);
  }
  const bool npv = in.objective == Objective::kMaxNpv;
  // Build columns.
  for (std::size_t s = 0; s < S; ++s) {
    for (std::size_t k = 0; k < K; ++k) {
      const auto& mod = in.modules[k];
      const double capex = mod.capex_usd * in.sites[s].capex_factor;
      const double annual = capex * annuity_factor(in.discount_rate, mod.life_years) +
                            mod.jobs * in.sites[s].labour_usd_per_job_year;
      for (std::size_t b = 0; b < T; ++b) {
        const std::size_t first = b + static_cast<std::size_t>(in.lead_years);
        if (first >= T) continue;
        const std::size_t last = std::min(T - 1, first + mod.life_years - 1);
        std::vector<std::pair<int, double>> entries;
        double cost = 0.0;
        for (std::size_t t = first; t <= last; ++t) {
          entries.emplace_back(cap_row0 + static_cast<int>(s * T + t), -mod.capacity_t_per_year);
          cost += discount(in, static_cast<int>(t)) * annual;
        }
        add_column(m, entries, 0.0, in.max_builds_per_site_year, -w.value * cost);
        m.build_site.push_back(static_cast<int>(s));
        m.build_module.push_back(static_cast<int>(k));
        m.build_year.push_back(static_cast<int>(b));
        m.revenue.push_back(0.0);
        m.cost.push_back(cost);
        m.co2.push_back(0.0);
      }
    }
  }
  // Flow columns.
  m.flow_first = static_cast<int>(m.col_lower.size());
  const std::size_t t0 = static_cast<std::size_t>(first_service_idx(in));
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t s = 0; s < S; ++s) {
      const double d = in.distance_km[r][s];
      const double transport_usd = d * in.transport_usd_per_tkm;
      const double co2 =
          in.sites[s].process_co2_t_per_t + d * in.transport_kg_co2_per_tkm * kTonnesPerKg;
      for (std::size_t t = t0; t < T; ++t) {
        if (in.feedstock_t[r][t] <= 0.0 || !allowed(in, r, s, t)) continue;
        const double df = discount(in, static_cast<int>(t));
        const double rev = npv ? df * in.revenue_usd_per_t[r][t] : 0.0;
        const double cost = df * (in.sites[s].variable_cost_usd_per_t + transport_usd);
        std::vector<std::pair<int, double>> entries{
            {supply_row0 + static_cast<int>(r * T + t), 1.0},
            {cap_row0 + static_cast<int>(s * T + t), 1.0}};
        if (w.cap_t) entries.emplace_back(co2_row, co2);
        add_column(m, entries, 0.0, COIN_DBL_MAX, w.value * (rev - cost) - w.co2 * co2);
        m.flow_region.push_back(static_cast<int>(r));
        m.flow_site.push_back(static_cast<int>(s));
        m.flow_year.push_back(static_cast<int>(t));
        // Revenue is reported under min_cost too (it is just not optimised there).
        m.revenue.push_back(df * in.revenue_usd_per_t[r][t]);
        m.cost.push_back(cost);
        m.co2.push_back(co2);
      }
    }
  }
  // Unserved feedstock: free under max_npv; under min_cost only before service is possible or
  // where no site may legally take it.
  m.unserved_first = static_cast<int>(m.col_lower.size());
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t t = 0; t < T; ++t) {
      bool reachable = t >= t0;
      if (reachable) {
        reachable = false;
        for (std::size_t s = 0; s < S; ++s) reachable = reachable || allowed(in, r, s, t);
      }
      const double hi = (npv || !reachable) ? COIN_DBL_MAX : 0.0;
      add_column(m, {{supply_row0 + static_cast<int>(r * T + t), 1.0}}, 0.0, hi, 0.0);
      m.revenue.push_back(0.0);
      m.cost.push_back(0.0);
      m.co2.push_back(0.0);
    }
  }
  return m;
}

PlanSolution read_solution(const PlanInput& in, const Model& m, const double* x) {
  PlanSolution out;
  const std::size_t S = in.sites.size(), T = in.years.size(), R = in.regions.size();
  std::vector<double> capacity(S * T, 0.0), processed(S * T, 0.0);
  for (std::size_t c = 0; c < m.build_site.size(); ++c) {
    const int count = static_cast<int>(std::lround(x[c]));
    if (count <= 0) continue;
    const auto s = static_cast<std::size_t>(m.build_site[c]);
    const auto& mod = in.modules[static_cast<std::size_t>(m.build_module[c])];
    const auto b = static_cast<std::size_t>(m.build_year[c]);
    const std::size_t first = b + static_cast<std::size_t>(in.lead_years);
    const std::size_t last = std::min(T - 1, first + mod.life_years - 1);
    for (std::size_t t = first; t <= last; ++t)
      capacity[s * T + t] += count * mod.capacity_t_per_year;
    Build build;
    build.site = in.sites[s].code;
    build.size = mod.size;
    build.year = in.years[b];
    build.first_service_year = in.years[first];
    build.last_service_year = in.years.front() + static_cast<int>(first) + mod.life_years - 1;
    build.count = count;
    build.capex_usd = count * mod.capex_usd * in.sites[s].capex_factor;
    out.builds.push_back(build);
    out.discounted_cost_usd += count * m.cost[c];
  }
  for (std::size_t i = 0; i < m.flow_region.size(); ++i) {
    const std::size_t c = static_cast<std::size_t>(m.flow_first) + i;
    const double v = x[c];
    if (v <= kFlowEpsilonT) continue;
    const auto s = static_cast<std::size_t>(m.flow_site[i]);
    const auto t = static_cast<std::size_t>(m.flow_year[i]);
    out.flows.push_back(Flow{in.regions[static_cast<std::size_t>(m.flow_region[i])],
                             in.sites[s].code, in.years[t], v});
    processed[s * T + t] += v;
    out.processed_t += v;
    out.discounted_revenue_usd += v * m.revenue[c];
    out.discounted_cost_usd += v * m.cost[c];
    out.co2_t += v * m.co2[c];
  }
  for (std::size_t i = 0; i < R * T; ++i) {
    out.unprocessed_t += std::max(0.0, x[static_cast<std::size_t>(m.unserved_first) + i]);
  }
  for (std::size_t s = 0; s < S; ++s) {
    for (std::size_t t = 0; t < T; ++t) {
      const double cap = capacity[s * T + t];
      if (cap <= 0.0) continue;
      out.site_years.push_back(SiteYear{in.sites[s].code, in.years[t], cap, processed[s * T + t],
                                        processed[s * T + t] / cap});
    }
  }
  out.npv_usd = out.discounted_revenue_usd - out.discounted_cost_usd;
  out.integer_variables = static_cast<int>(m.build_site.size());
  out.continuous_variables = static_cast<int>(m.col_lower.size() - m.build_site.size());
  return out;
}

double objective_value(const Model& m, const double* x) {
  double v = 0.0;
  for (std::size_t c = 0; c < m.objective.size(); ++c) v += m.objective[c] * x[c];
  return v;
}

double gap_of(double objective, double bound) {
  return std::max(0.0, bound - objective) / std::max(1.0, std::abs(objective));
}

// Solves the LP with the given column bounds; the primal solution, or empty when not optimal.
std::vector<double> solve_lp(const Model& m, const std::vector<double>& cost,
                             const std::vector<double>& lower, const std::vector<double>& upper) {
  ClpSimplex clp;
  clp.setLogLevel(0);
  clp.loadProblem(static_cast<int>(cost.size()), m.rows, m.starts.data(), m.indices.data(),
                  m.elements.data(), lower.data(), upper.data(), cost.data(), m.row_lower.data(),
                  m.row_upper.data());
  clp.dual();
  if (!clp.isProvenOptimal()) return {};
  const double* x = clp.primalColumnSolution();
  return std::vector<double>(x, x + cost.size());
}

// A first plan for CBC: solve the LP relaxation, then give each site, year by year, whole
// modules (the cheapest per tonne of capacity that covers the deficit) until its integer
// capacity covers the LP's flows there, and re-solve the flows with those builds fixed.
// Empty when the rounding does not give a feasible plan.
std::vector<double> rounded_start(const PlanInput& in, const Model& m,
                                  const std::vector<double>& cost) {
  const std::size_t S = in.sites.size(), T = in.years.size(), K = in.modules.size();
  const std::vector<double> lp = solve_lp(m, cost, m.col_lower, m.col_upper);
  if (lp.empty()) return {};
  std::vector<double> need(S * T, 0.0);
  for (std::size_t i = 0; i < m.flow_region.size(); ++i) {
    const auto s = static_cast<std::size_t>(m.flow_site[i]);
    const auto t = static_cast<std::size_t>(m.flow_year[i]);
    need[s * T + t] += lp[static_cast<std::size_t>(m.flow_first) + i];
  }
  // Column of (s, k, b), or -1.
  std::vector<int> column(S * K * T, -1);
  for (std::size_t c = 0; c < m.build_site.size(); ++c) {
    column[(static_cast<std::size_t>(m.build_site[c]) * K +
            static_cast<std::size_t>(m.build_module[c])) *
               T +
           static_cast<std::size_t>(m.build_year[c])] = static_cast<int>(c);
  }
  std::vector<double> lower = m.col_lower, upper = m.col_upper;
  for (std::size_t c = 0; c < m.build_site.size(); ++c) lower[c] = upper[c] = 0.0;
  constexpr double kSlackT = 1e-6;
  for (std::size_t s = 0; s < S; ++s) {
    std::vector<double> online(T, 0.0);
    for (std::size_t t = 0; t < T; ++t) {
      while (online[t] + kSlackT < need[s * T + t]) {
        const double deficit = need[s * T + t] - online[t];
        if (t < static_cast<std::size_t>(in.lead_years)) return {};
        const std::size_t b = t - static_cast<std::size_t>(in.lead_years);
        int best = -1;
        double best_score = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < K; ++k) {
          const int c = column[(s * K + k) * T + b];
          if (c < 0 || upper[static_cast<std::size_t>(c)] >= in.max_builds_per_site_year) continue;
          const double cap = in.modules[k].capacity_t_per_year;
          // Cost per useful tonne: the whole module is paid, at most `deficit` is used now.
          const double score = cost[static_cast<std::size_t>(c)] / std::min(cap, deficit);
          if (score < best_score) {
            best_score = score;
            best = static_cast<int>(k);
          }
        }
        if (best < 0) return {};
        const auto c = static_cast<std::size_t>(column[(s * K + best) * T + b]);
        lower[c] = upper[c] = upper[c] + 1.0;
        const auto& mod = in.modules[static_cast<std::size_t>(best)];
        for (std::size_t u = t; u < std::min(T, t + mod.life_years); ++u) {
          online[u] += mod.capacity_t_per_year;
        }
      }
    }
  }
  return solve_lp(m, cost, lower, upper);
}

core::Result<PlanSolution> solve_mip(const PlanInput& in, const Weights& w) {
  const auto start = std::chrono::steady_clock::now();
  const Model m = build_model(in, w);
  try {
    OsiClpSolverInterface osi;
    osi.messageHandler()->setLogLevel(0);
    std::vector<double> cost(m.objective.size());
    for (std::size_t c = 0; c < cost.size(); ++c) cost[c] = -m.objective[c];
    osi.loadProblem(static_cast<int>(cost.size()), m.rows, m.starts.data(), m.indices.data(),
                    m.elements.data(), m.col_lower.data(), m.col_upper.data(), cost.data(),
                    m.row_lower.data(), m.row_upper.data());
    for (std::size_t c = 0; c < m.build_site.size(); ++c) osi.setInteger(static_cast<int>(c));
    CbcModel model(osi);
    model.setLogLevel(0);
    model.messageHandler()->setLogLevel(0);
    const std::vector<double> first = rounded_start(in, m, cost);
    if (!first.empty()) {
      double value = 0.0;
      for (std::size_t c = 0; c < cost.size(); ++c) value += cost[c] * first[c];
      model.setBestSolution(first.data(), static_cast<int>(first.size()), value, true);
    }
    CbcMain0(model);
    const std::string sec = std::to_string(in.time_limit_seconds);
    const std::string gap = std::to_string(in.relative_gap);
    const char* argv[] = {"urbanmine", "-log",      "0",         "-timeMode", "elapsed", "-sec",
                          sec.c_str(), "-ratioGap", gap.c_str(), "-solve",    "-quit"};
    CbcMain1(11, argv, model);
    if (model.bestSolution() == nullptr) {
      if (model.isProvenInfeasible() || w.cap_t) {
        return Error::infeasible(
            "no plan meets the constraints (the CO2 cap or the requirement to process every "
            "tonne of feedstock)",
            "raise the CO2 cap, allow more builds per site and year, or use max_npv");
      }
      return Error::internal("CBC found no plan within the time limit; raise --time-limit");
    }
    PlanSolution out = read_solution(in, m, model.bestSolution());
    out.objective = objective_value(m, model.bestSolution());
    out.best_bound = std::max(out.objective, -model.getBestPossibleObjValue());
    out.relative_gap = gap_of(out.objective, out.best_bound);
    out.proven_optimal = model.isProvenOptimal() || out.relative_gap <= in.relative_gap;
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
  } catch (const CoinError& e) {
    return Error::internal("CBC failed: " + e.message());
  } catch (const std::exception& e) {
    return Error::internal(std::string("CBC failed: ") + e.what());
  }
}

}  // namespace

std::string_view objective_code(Objective objective) {
  return objective == Objective::kMaxNpv ? "max_npv" : "min_cost";
}

std::optional<Objective> parse_objective(std::string_view code) {
  if (code == "max_npv") return Objective::kMaxNpv;
  if (code == "min_cost") return Objective::kMinCost;
  return std::nullopt;
}

double annuity_factor(double rate, int years) {
  if (years <= 0) return 0.0;
  if (rate <= 0.0) return 1.0 / years;
  const double g = std::pow(1.0 + rate, years);
  return rate * g / (g - 1.0);
}

core::Status validate(const PlanInput& in) {
  core::Diagnostics diag;
  auto bad = [&](const std::string& field, const std::string& what) {
    diag.add_error(Error::invalid_input("plan input: " + field + ": " + what, field));
  };
  const std::size_t R = in.regions.size(), S = in.sites.size(), T = in.years.size();
  if (R == 0) bad("regions", "no feedstock region");
  if (S == 0) bad("sites", "no candidate site");
  if (in.modules.empty()) bad("modules", "no module size");
  if (T == 0) bad("years", "no year");
  for (std::size_t t = 1; t < T; ++t) {
    if (in.years[t] != in.years[t - 1] + 1) {
      bad("years", "years must be consecutive; " + std::to_string(in.years[t - 1]) +
                       " is followed by " + std::to_string(in.years[t]));
    }
  }
  if (!(in.discount_rate >= 0.0 && in.discount_rate < 1.0)) {
    bad("discount_rate", "must be in [0, 1); got " + std::to_string(in.discount_rate));
  }
  if (in.lead_years < 0) bad("lead_years", "must be >= 0");
  if (in.max_builds_per_site_year < 0) bad("max_builds_per_site_year", "must be >= 0");
  if (!(in.relative_gap >= 0.0)) bad("relative_gap", "must be >= 0");
  if (!(in.time_limit_seconds > 0.0)) bad("time_limit_seconds", "must be > 0");
  if (!(in.transport_usd_per_tkm >= 0.0)) bad("transport_usd_per_tkm", "must be >= 0");
  if (!(in.transport_kg_co2_per_tkm >= 0.0)) bad("transport_kg_co2_per_tkm", "must be >= 0");
  if (in.co2_cap_t && !(*in.co2_cap_t >= 0.0)) bad("co2_cap_t", "must be >= 0");
  if (!(in.co2_price_usd_per_t >= 0.0)) bad("co2_price_usd_per_t", "must be >= 0");
  for (const auto& m : in.modules) {
    const std::string f = "modules[" + m.size + "]";
    if (!(m.capacity_t_per_year > 0.0)) bad(f + ".capacity_t_per_year", "must be > 0");
    if (!(m.capex_usd >= 0.0)) bad(f + ".capex_usd", "must be >= 0");
    if (!(m.jobs >= 0.0)) bad(f + ".jobs", "must be >= 0");
    if (m.life_years <= 0) bad(f + ".life_years", "must be > 0");
  }
  for (const auto& s : in.sites) {
    const std::string f = "sites[" + s.code + "]";
    if (!(s.capex_factor > 0.0)) bad(f + ".capex_factor", "must be > 0");
    if (!std::isfinite(s.variable_cost_usd_per_t))
      bad(f + ".variable_cost_usd_per_t", "not finite");
    if (!(s.labour_usd_per_job_year >= 0.0)) bad(f + ".labour_usd_per_job_year", "must be >= 0");
    if (!(s.process_co2_t_per_t >= 0.0)) bad(f + ".process_co2_t_per_t", "must be >= 0");
  }
  auto check_matrix = [&](const std::vector<std::vector<double>>& a, std::size_t cols,
                          const std::string& name, bool non_negative) {
    if (a.size() != R) {
      bad(name, "needs one row per region");
      return;
    }
    for (std::size_t r = 0; r < R; ++r) {
      if (a[r].size() != cols) {
        bad(name + "[" + in.regions[r] + "]", "wrong length");
        continue;
      }
      for (double v : a[r]) {
        if (!std::isfinite(v) || (non_negative && v < 0.0)) {
          bad(name + "[" + in.regions[r] + "]", "values must be finite and >= 0");
          break;
        }
      }
    }
  };
  check_matrix(in.feedstock_t, T, "feedstock_t", true);
  check_matrix(in.revenue_usd_per_t, T, "revenue_usd_per_t", false);
  check_matrix(in.distance_km, S, "distance_km", true);
  if (!in.allowed.empty()) {
    bool ok = in.allowed.size() == R;
    for (std::size_t r = 0; ok && r < R; ++r) {
      ok = in.allowed[r].size() == S;
      for (std::size_t s = 0; ok && s < S; ++s) ok = in.allowed[r][s].size() == T;
    }
    if (!ok) bad("allowed", "needs [region][site][year]");
  }
  if (diag.has_errors()) return diag.to_error();
  return {};
}

core::Result<PlanSolution> solve_plan(const PlanInput& input) {
  URBANMINE_TRY_STATUS(validate(input));
  return solve_mip(input, Weights{1.0, input.co2_price_usd_per_t, input.co2_cap_t});
}

core::Result<PlanSolution> solve_plan_brute_force(const PlanInput& input, long max_cases) {
  URBANMINE_TRY_STATUS(validate(input));
  const Model m = build_model(input, Weights{1.0, input.co2_price_usd_per_t, input.co2_cap_t});
  const std::size_t n = m.build_site.size();
  const long base = input.max_builds_per_site_year + 1;
  long cases = 1;
  for (std::size_t i = 0; i < n; ++i) {
    if (cases > max_cases / base) {
      return Error::invalid_input("too many build combinations to enumerate", "",
                                  "use a smaller case");
    }
    cases *= base;
  }
  std::vector<double> cost(m.objective.size());
  for (std::size_t c = 0; c < cost.size(); ++c) cost[c] = -m.objective[c];
  std::vector<double> best_x;
  double best = -std::numeric_limits<double>::infinity();
  std::vector<double> lower = m.col_lower, upper = m.col_upper;
  for (long code = 0; code < cases; ++code) {
    long rest = code;
    for (std::size_t i = 0; i < n; ++i) {
      lower[i] = upper[i] = static_cast<double>(rest % base);
      rest /= base;
    }
    ClpSimplex clp;
    clp.setLogLevel(0);
    clp.loadProblem(static_cast<int>(cost.size()), m.rows, m.starts.data(), m.indices.data(),
                    m.elements.data(), lower.data(), upper.data(), cost.data(), m.row_lower.data(),
                    m.row_upper.data());
    clp.dual();
    if (!clp.isProvenOptimal()) continue;
    const double* x = clp.primalColumnSolution();
    const double v = objective_value(m, x);
    if (v > best) {
      best = v;
      best_x.assign(x, x + m.objective.size());
    }
  }
  if (best_x.empty()) {
    return Error::infeasible("no build combination gives a feasible plan");
  }
  PlanSolution out = read_solution(input, m, best_x.data());
  out.objective = best;
  out.best_bound = best;
  out.proven_optimal = true;
  return out;
}

core::Result<std::vector<ParetoPoint>> pareto_front(const PlanInput& input, int points) {
  URBANMINE_TRY_STATUS(validate(input));
  if (points < 2) {
    return Error::invalid_input("a Pareto front needs at least 2 points", "",
                                "pass --pareto 2 or more");
  }
  std::vector<ParetoPoint> out;
  auto first = solve_mip(input, Weights{1.0, 0.0, std::nullopt});
  if (!first) return first.error();
  const double co2_max = first->co2_t;
  // Least CO2: CO2 only, then the best value at (almost) that CO2.
  auto low = solve_mip(input, Weights{0.0, 1.0, std::nullopt});
  if (!low) return low.error();
  constexpr double kCapSlack = 1e-6;
  const double co2_min = low->co2_t;
  auto cheapest_low = solve_mip(input, Weights{1.0, 0.0, co2_min * (1.0 + kCapSlack) + kCapSlack});
  if (!cheapest_low) return cheapest_low.error();
  out.push_back(ParetoPoint{co2_max, std::move(*first)});
  for (int i = 1; i < points - 1; ++i) {
    const double cap = co2_max - (co2_max - co2_min) * i / (points - 1);
    auto sol = solve_mip(input, Weights{1.0, 0.0, cap});
    if (!sol) return sol.error();
    out.push_back(ParetoPoint{cap, std::move(*sol)});
  }
  out.push_back(ParetoPoint{co2_min, std::move(*cheapest_low)});
  return out;
}

}  // namespace urbanmine::plan
