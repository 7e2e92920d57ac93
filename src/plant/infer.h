// SPDX-License-Identifier: Apache-2.0
// The inverse plant problem, solved as linear programs with COIN-OR CLP:
//  - fit: which non-negative mix of candidate feeds (chemistries as cells, black mass, production
//    scrap, ...) best explains a stated output (tonnes recovered per element)? Minimises the sum
//    of relative absolute residuals, then (among equally good mixes) the total feed, and reports
//    how far each candidate can move without worsening the fit (identifiability).
//  - target: the cheapest mix whose recovered output reaches at least a target per element
//    (cost = battery fee + operating cost per tonne, under a feed cap), then the least feed.
// The plant model is linear in the feed, so one tonne of each candidate through plant::balance's
// route gives the LP's columns (recovered_per_tonne).
//
// Example: infer_feed({.candidates = {cells NMC622, cells LFP}, .output_t = {{kCo, 1500}, ...}},
//                     defaults) -> InferResult with feed_t per candidate, residuals, explanation.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "plant/plant.h"

namespace urbanmine::plant {

enum class InferMode { kFit, kTarget };

struct InferRequest {
  InferMode mode = InferMode::kFit;
  // Candidate feeds; any mass (they are scaled to one tonne internally).
  std::vector<FeedComponent> candidates;
  // Stated (fit) or minimum (target) recovered tonnes per material; each >= 0.
  std::vector<std::pair<Material, double>> output_t;
  RouteParams route;
  // Target mode: cost per tonne of each candidate (same order), all in one price year.
  std::vector<std::optional<core::Money>> cost_per_t;
  std::optional<double> max_feed_t;  // target mode feed cap (tonnes)
};

struct InferOutputLine {
  Material material = Material::kLi;
  double stated_t = 0.0;
  double modelled_t = 0.0;
  double residual_t = 0.0;                  // modelled - stated
  std::optional<double> relative_residual;  // residual / stated; nullopt when stated is 0
};

struct InferCandidateLine {
  std::string label;
  double feed_t = 0.0;
  double min_t = 0.0;               // smallest amount with an equally good fit / cost
  std::optional<double> max_t;      // largest; nullopt = unbounded
  std::optional<core::Money> cost;  // target mode
};

struct InferResult {
  InferMode mode = InferMode::kFit;
  Route route = Route::kHydrometallurgy;
  std::vector<InferCandidateLine> candidates;
  std::vector<InferOutputLine> outputs;
  MaterialTonnes modelled_all_t{};  // every recovered material of the chosen mix
  double total_feed_t = 0.0;
  double objective = 0.0;  // fit: sum of |relative residual|; target: cost
  std::optional<core::Money> total_cost;
  bool unique = true;       // every candidate's range collapses to its value
  std::string fit_quality;  // "exact", "good", "poor" (fit mode)
  std::string explanation;  // sentences for people
};

// Solves the request. Errors: invalid input (no candidates, negative output, missing cost),
// Infeasible (target unreachable, or unbounded cost: the hint says what to add).
core::Result<InferResult> infer_feed(const InferRequest& request, const PlantDefaults& defaults);

}  // namespace urbanmine::plant
