// SPDX-License-Identifier: Apache-2.0
// Inverse plant problem as LPs solved with COIN-OR CLP (see infer.h and docs/plant.md).
#include "plant/infer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <limits>

#include <coin/ClpSimplex.hpp>
#include <coin/CoinPackedMatrix.hpp>

namespace urbanmine::plant {
namespace {

constexpr double kInf = std::numeric_limits<double>::max();
// Relative slack on the optimal objective when re-solving for the secondary criterion and the
// ranges (CLP's primal feasibility tolerance is 1e-7).
constexpr double kObjectiveSlack = 1e-8;
// Fit quality bands of the largest relative residual.
constexpr double kExactFit = 1e-6;
constexpr double kGoodFit = 0.05;
// A candidate whose range of equally good amounts is narrower than this share of the total feed
// counts as pinned (solver noise is far smaller).
constexpr double kPinnedShare = 1e-5;
// Amounts below this share of the total feed are solver noise and not named in the explanation.
constexpr double kNegligibleShare = 1e-6;
// Weight floor for outputs stated as zero: relative to the largest stated output.
constexpr double kZeroOutputWeightFloor = 1e-3;

struct Lp {
  int cols = 0;
  std::vector<double> obj, col_lb, col_ub;
  std::vector<std::vector<double>> rows;  // dense, cols wide
  std::vector<double> row_lb, row_ub;
};

struct LpOutcome {
  int status = 4;  // CLP: 0 optimal, 1 primal infeasible, 2 dual infeasible (unbounded), 3, 4
  std::vector<double> x;
  double objective = 0.0;
};

LpOutcome solve_lp(const Lp& lp) {
  LpOutcome out;
  std::vector<int> ri, ci;
  std::vector<double> el;
  for (std::size_t r = 0; r < lp.rows.size(); ++r) {
    for (int c = 0; c < lp.cols; ++c) {
      const double v = lp.rows[r][static_cast<std::size_t>(c)];
      if (v != 0.0) {
        ri.push_back(static_cast<int>(r));
        ci.push_back(c);
        el.push_back(v);
      }
    }
  }
  CoinPackedMatrix matrix(true, ri.data(), ci.data(), el.data(),
                          static_cast<CoinBigIndex>(el.size()));
  matrix.setDimensions(static_cast<int>(lp.rows.size()), lp.cols);
  ClpSimplex model;
  model.setLogLevel(0);
  model.loadProblem(matrix, lp.col_lb.data(), lp.col_ub.data(), lp.obj.data(), lp.row_lb.data(),
                    lp.row_ub.data());
  model.setOptimizationDirection(1.0);
  model.initialSolve();
  out.status = model.status();
  const double* x = model.primalColumnSolution();
  out.x.assign(x, x + lp.cols);
  out.objective = model.objectiveValue();
  return out;
}

std::string fmt_t(double t) {
  char buf[64];
  if (std::fabs(t) >= 100.0) {
    std::snprintf(buf, sizeof buf, "%.0f", t);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", t);
  }
  return buf;
}

std::string fmt_pct(double f) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%+.1f %%", f * 100.0);
  return buf;
}

// Min and max of column j subject to `base` (same rows), objective replaced.
std::pair<double, std::optional<double>> column_range(const Lp& base, int j) {
  Lp lp = base;
  std::fill(lp.obj.begin(), lp.obj.end(), 0.0);
  lp.obj[static_cast<std::size_t>(j)] = 1.0;
  const LpOutcome lo = solve_lp(lp);
  lp.obj[static_cast<std::size_t>(j)] = -1.0;
  const LpOutcome hi = solve_lp(lp);
  const double min_v = lo.status == 0 ? std::max(0.0, lo.x[static_cast<std::size_t>(j)]) : 0.0;
  std::optional<double> max_v;
  if (hi.status == 0) max_v = hi.x[static_cast<std::size_t>(j)];
  return {min_v, max_v};
}

}  // namespace

core::Result<InferResult> infer_feed(const InferRequest& req, const PlantDefaults& defaults) {
  URBANMINE_TRY_STATUS(validate(req.route));
  if (req.candidates.empty()) {
    return core::Error::invalid_input("candidates: none given", "candidates",
                                      "give at least one candidate feed (e.g. NMC622,LFP)");
  }
  if (req.output_t.empty()) {
    return core::Error::invalid_input("output: no element given", "output",
                                      "give stated tonnes per element, e.g. Co=1500,Ni=2900");
  }
  double max_output = 0.0;
  for (const auto& [m, t] : req.output_t) {
    if (!std::isfinite(t) || t < 0.0) {
      return core::Error::invalid_input(
          "output." + std::string(material_code(m)) + ": must be zero or more tonnes",
          "output." + std::string(material_code(m)),
          "give tonnes recovered per year, e.g. Co=1500");
    }
    max_output = std::max(max_output, t);
  }
  if (req.mode == InferMode::kTarget && req.cost_per_t.size() != req.candidates.size()) {
    return core::Error::internal("infer_feed: cost_per_t must have one entry per candidate");
  }

  const int n = static_cast<int>(req.candidates.size());
  const int m = static_cast<int>(req.output_t.size());
  // Recovered tonnes of each stated material per tonne of each candidate.
  std::vector<MaterialTonnes> per_t(req.candidates.size());
  for (std::size_t j = 0; j < req.candidates.size(); ++j) {
    if (!(req.candidates[j].mass_t > 0.0)) {
      return core::Error::invalid_input(
          "candidates." + req.candidates[j].label + ": mass must be positive", "candidates",
          "build candidates from a positive mass");
    }
    per_t[j] = recovered_per_tonne(req.candidates[j], req.route, defaults);
  }

  InferResult out;
  out.mode = req.mode;
  out.route = req.route.route;
  std::vector<std::string> unreachable;
  for (const auto& [mat, t] : req.output_t) {
    double col_max = 0.0;
    for (const auto& col : per_t) col_max = std::max(col_max, col[index(mat)]);
    if (!(col_max > 0.0) && t > 0.0) unreachable.emplace_back(material_code(mat));
  }

  try {
    Lp lp;
    std::vector<double> x_opt;
    if (req.mode == InferMode::kFit) {
      // Columns: x_j (n), over_e (m), under_e (m).
      lp.cols = n + 2 * m;
      lp.obj.assign(static_cast<std::size_t>(lp.cols), 0.0);
      lp.col_lb.assign(static_cast<std::size_t>(lp.cols), 0.0);
      lp.col_ub.assign(static_cast<std::size_t>(lp.cols), kInf);
      for (int e = 0; e < m; ++e) {
        const auto& [mat, stated] = req.output_t[static_cast<std::size_t>(e)];
        std::vector<double> row(static_cast<std::size_t>(lp.cols), 0.0);
        for (int j = 0; j < n; ++j) {
          row[static_cast<std::size_t>(j)] = per_t[static_cast<std::size_t>(j)][index(mat)];
        }
        row[static_cast<std::size_t>(n + e)] = -1.0;
        row[static_cast<std::size_t>(n + m + e)] = 1.0;
        lp.rows.push_back(std::move(row));
        lp.row_lb.push_back(stated);
        lp.row_ub.push_back(stated);
        const double w = 1.0 / std::max(stated, kZeroOutputWeightFloor * max_output);
        lp.obj[static_cast<std::size_t>(n + e)] = w;
        lp.obj[static_cast<std::size_t>(n + m + e)] = w;
      }
      const LpOutcome first = solve_lp(lp);
      if (first.status != 0) {
        return core::Error::internal("CLP did not solve the fit LP (status " +
                                     std::to_string(first.status) + ")");
      }
      out.objective = std::max(0.0, first.objective);
      // Keep the fit, then minimise total feed.
      std::vector<double> fit_row = lp.obj;
      lp.rows.push_back(fit_row);
      lp.row_lb.push_back(-kInf);
      lp.row_ub.push_back(out.objective + kObjectiveSlack * std::max(1.0, out.objective));
      std::fill(lp.obj.begin(), lp.obj.end(), 0.0);
      for (int j = 0; j < n; ++j) lp.obj[static_cast<std::size_t>(j)] = 1.0;
      const LpOutcome second = solve_lp(lp);
      x_opt = second.status == 0 ? second.x : first.x;
    } else {
      lp.cols = n;
      lp.obj.assign(static_cast<std::size_t>(n), 0.0);
      lp.col_lb.assign(static_cast<std::size_t>(n), 0.0);
      lp.col_ub.assign(static_cast<std::size_t>(n), kInf);
      std::optional<core::Money> basis;
      for (int j = 0; j < n; ++j) {
        const auto& cost = req.cost_per_t[static_cast<std::size_t>(j)];
        if (!cost) {
          return core::Error::invalid_input(
              "candidates." + req.candidates[static_cast<std::size_t>(j)].label +
                  ": no cost per tonne (no battery fee in the data)",
              "candidates", "give --gate-fee-usd-per-t, or leave this candidate out");
        }
        if (basis && (basis->currency != cost->currency || basis->price_year != cost->price_year)) {
          return core::Error::invalid_input("candidates: costs are in different price years",
                                            "candidates", "give every cost in one price year");
        }
        basis = cost;
        lp.obj[static_cast<std::size_t>(j)] = cost->amount;
      }
      if (!unreachable.empty()) {
        std::string list;
        for (const auto& u : unreachable) list += (list.empty() ? "" : ", ") + u;
        return core::Error::infeasible("target unreachable: no candidate yields " + list + " by " +
                                           std::string(route_code(req.route.route)),
                                       "choose a route that recovers " + list +
                                           " (e.g. hydrometallurgy) or add a feed "
                                           "that contains it");
      }
      for (const auto& [mat, target] : req.output_t) {
        std::vector<double> row(static_cast<std::size_t>(n), 0.0);
        for (int j = 0; j < n; ++j) {
          row[static_cast<std::size_t>(j)] = per_t[static_cast<std::size_t>(j)][index(mat)];
        }
        lp.rows.push_back(std::move(row));
        lp.row_lb.push_back(target);
        lp.row_ub.push_back(kInf);
      }
      if (req.max_feed_t) {
        lp.rows.emplace_back(static_cast<std::size_t>(n), 1.0);
        lp.row_lb.push_back(-kInf);
        lp.row_ub.push_back(*req.max_feed_t);
      }
      const LpOutcome first = solve_lp(lp);
      if (first.status == 1) {
        return core::Error::infeasible(
            "target unreachable within the feed cap of " + fmt_t(req.max_feed_t.value_or(0.0)) +
                " t",
            "raise --max-feed-tonnes (default: EverBatt's 50,000 t/yr cost-curve limit) or "
            "lower the target");
      }
      if (first.status == 2) {
        return core::Error::infeasible(
            "least cost is unbounded: some candidates come with a gate fee paid to the "
            "recycler, so more feed always lowers cost",
            "give --max-feed-tonnes, or leave out candidates with negative fees");
      }
      if (first.status != 0) {
        return core::Error::internal("CLP did not solve the target LP (status " +
                                     std::to_string(first.status) + ")");
      }
      out.objective = first.objective;
      std::vector<double> cost_row = lp.obj;
      lp.rows.push_back(cost_row);
      lp.row_lb.push_back(-kInf);
      lp.row_ub.push_back(out.objective +
                          kObjectiveSlack * std::max(1.0, std::fabs(out.objective)));
      std::fill(lp.obj.begin(), lp.obj.end(), 1.0);
      const LpOutcome second = solve_lp(lp);
      x_opt = second.status == 0 ? second.x : first.x;
      core::Money total = *basis;
      total.amount = out.objective;
      out.total_cost = total;
    }

    // Results per candidate, with the range of equally good solutions.
    for (int j = 0; j < n; ++j) {
      InferCandidateLine line;
      line.label = req.candidates[static_cast<std::size_t>(j)].label;
      line.feed_t = std::max(0.0, x_opt[static_cast<std::size_t>(j)]);
      auto [lo, hi] = column_range(lp, j);
      line.min_t = std::min(lo, line.feed_t);
      line.max_t = hi ? std::optional<double>(std::max(*hi, line.feed_t)) : std::nullopt;
      if (req.mode == InferMode::kTarget) {
        core::Money c = *req.cost_per_t[static_cast<std::size_t>(j)];
        c.amount *= line.feed_t;
        line.cost = c;
      }
      out.total_feed_t += line.feed_t;
      for (std::size_t i = 0; i < kMaterialCount; ++i) {
        out.modelled_all_t[i] += per_t[static_cast<std::size_t>(j)][i] * line.feed_t;
      }
      out.candidates.push_back(std::move(line));
    }
  } catch (const std::exception& e) {
    return core::Error::internal(std::string("CLP failed: ") + e.what());
  } catch (...) {
    return core::Error::internal("CLP failed with an unknown exception");
  }

  auto pinned = [&](const InferCandidateLine& c) {
    const double spread = c.max_t ? *c.max_t - c.min_t : kInf;
    return spread <= kPinnedShare * std::max(1.0, out.total_feed_t);
  };
  for (const auto& c : out.candidates) {
    if (!pinned(c)) out.unique = false;
  }
  double worst_rel = 0.0;
  const InferOutputLine* worst = nullptr;
  for (const auto& [mat, stated] : req.output_t) {
    InferOutputLine line;
    line.material = mat;
    line.stated_t = stated;
    line.modelled_t = out.modelled_all_t[index(mat)];
    line.residual_t = line.modelled_t - stated;
    if (stated > 0.0) line.relative_residual = line.residual_t / stated;
    out.outputs.push_back(line);
  }
  for (const auto& line : out.outputs) {
    const double rel = line.relative_residual ? std::fabs(*line.relative_residual)
                                              : (std::fabs(line.residual_t) > 0.0 ? kInf : 0.0);
    if (rel > worst_rel || worst == nullptr) {
      worst_rel = rel;
      worst = &line;
    }
  }

  // Explanation in words.
  std::string text;
  const std::string route(route_code(out.route));
  std::string mix;
  for (const auto& c : out.candidates) {
    if (c.feed_t > kNegligibleShare * out.total_feed_t) {
      mix += (mix.empty() ? "" : " + ") + fmt_t(c.feed_t) + " t " + c.label;
    }
  }
  if (mix.empty()) mix = "no feed at all";
  if (req.mode == InferMode::kFit) {
    out.fit_quality = worst_rel <= kExactFit ? "exact" : (worst_rel <= kGoodFit ? "good" : "poor");
    text = "By " + route + ", the mix that best explains the stated output is " + mix + " (" +
           fmt_t(out.total_feed_t) + " t of feed). ";
    if (out.fit_quality == "exact") {
      text += "It reproduces every stated output exactly. ";
    } else if (out.fit_quality == "good") {
      text += "It matches every stated output within 5 %; the largest gap is " +
              std::string(material_code(worst->material)) + " (" + fmt_t(worst->modelled_t) +
              " t modelled against " + fmt_t(worst->stated_t) + " t stated, " +
              fmt_pct(worst->relative_residual.value_or(0.0)) + "). ";
    } else {
      text += "No mix of these candidates fits well: the largest gap is " +
              std::string(material_code(worst->material)) + " (" + fmt_t(worst->modelled_t) +
              " t modelled against " + fmt_t(worst->stated_t) + " t stated, " +
              fmt_pct(worst->relative_residual.value_or(-1.0)) +
              "). The stated ratios between elements are not those of any non-negative mix of "
              "the candidates, so either the output has another basis (e.g. a compound instead "
              "of contained metal), the recoveries differ from the defaults, or other feeds "
              "(e.g. production scrap) were processed. ";
    }
    if (!unreachable.empty()) {
      std::string list;
      for (const auto& u : unreachable) list += (list.empty() ? "" : ", ") + u;
      text += route + " recovers no " + list +
              " from any candidate, so that output cannot be "
              "explained by this route. ";
    }
  } else {
    text = "By " + route + ", the least-cost feed that reaches the target is " + mix + " (" +
           fmt_t(out.total_feed_t) + " t of feed), at a feed cost of " +
           fmt_t(out.total_cost->amount) + " " + out.total_cost->currency + " (" +
           std::to_string(out.total_cost->price_year) +
           " prices; battery fees, plus operating cost if given). ";
    bool paid_feed = false;
    for (std::size_t j = 0; j < out.candidates.size(); ++j) {
      const auto& cost = req.cost_per_t[j];
      if (cost && cost->amount < 0.0 && out.candidates[j].feed_t > 0.0) paid_feed = true;
    }
    if (paid_feed && req.max_feed_t) {
      text +=
          "Some of this feed comes with a gate fee paid to the recycler, so the cheapest plan "
          "fills the feed cap of " +
          fmt_t(*req.max_feed_t) + " t with it. ";
    }
  }
  if (!out.unique) {
    text += "The mix is not unique: ";
    bool first = true;
    for (const auto& c : out.candidates) {
      if (pinned(c)) continue;
      text += std::string(first ? "" : "; ") + c.label + " can range from " + fmt_t(c.min_t) +
              (c.max_t ? " to " + fmt_t(*c.max_t) + " t"
                       : " t to any amount (it yields none of the stated elements)");
      first = false;
    }
    text += " with the same " + std::string(req.mode == InferMode::kFit ? "fit" : "cost") +
            "; the mix shown is the one with the least total feed.";
  } else {
    text += "The mix is unique among the candidates given.";
  }
  out.explanation = text;
  return out;
}

}  // namespace urbanmine::plant
