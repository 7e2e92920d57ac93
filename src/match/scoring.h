// SPDX-License-Identifier: Apache-2.0
// Pair scoring: participant profiles -> candidate pairs with fit and weight (a match-instance/1
// instance). The rules (docs/match.md) are those of the reference generator
// tools/reference/match-tools/gen_instance.py, so that its instances are reproduced exactly:
//   fit = 30 x overlap(materials) + 25 x overlap(processes) + 20 [F's country is a K target]
//       + 12.5 [K seeks what F offers] + 12.5 [F seeks what K offers]   (rounded half to even)
//   overlap(a, b) = |a & b| / min(|a|, |b|)
// plus, when country opportunity scores (0..1, from the market ranking) are given,
// opportunity_points x score of F's country, the total capped at 100.
// Candidates: every requested pair (weight = fit + request bonus per requesting side by priority
// 1/2/3 -> 60/40/20, + 20 when both asked), and each K's top `recommendations_per_k` partners by
// fit (ties by id) with fit >= `recommendation_min_fit` (weight = fit / 2, rounded down).
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "match/instance.h"

namespace urbanmine::match {

struct ScoringRules {
  double materials_points = 30.0;
  double processes_points = 25.0;
  double target_country_points = 20.0;
  double role_points = 12.5;  // each direction
  // Assumption (not from the generator): weight of the market's country opportunity score.
  double opportunity_points = 10.0;
  int recommendations_per_k = 4;
  int recommendation_min_fit = 45;
  std::array<long long, 3> request_bonus = {60, 40, 20};  // priority 1, 2, 3
  long long mutual_bonus = 20;
};

// How the session is laid out: `slot_count` slots of `slot_minutes` from `start` ("14:00"),
// `tables` tables in each.
struct SessionLayout {
  std::string name;
  EventInfo event;
  int slot_count = 16;
  std::string start = "14:00";
  int slot_minutes = 15;
  int tables = 40;
  bool host_keeps_table = false;     // every K organisation keeps one table (instance rule)
  int max_consecutive_meetings = 0;  // forced breaks (0 = no rule)
  std::vector<long long> fairness_bonus = {150, 75};
};

int fit_score(const Participant& k, const Participant& f, const ScoringRules& rules,
              const std::map<std::string, double>* opportunity);

// One kind of fact that scores in fit_score, with the items behind it (for deal sheets): kinds
// "materials" and "processes" (shared, in K's order), "target_country" ({F's country}),
// "k_seeks_f_offers" and "f_seeks_k_offers" (the roles, in the seeker's order).
struct FitFact {
  std::string kind;
  std::vector<std::string> items;
};

// The facts of fit_score that hold for the pair, in the formula's order; kinds that score
// nothing are left out. (The opportunity part is a country score, not a fact of the pair.)
std::vector<FitFact> fit_facts(const Participant& k, const Participant& f);

// Records the vetoes in the instance and drops every vetoed candidate pair ("no thanks"
// overrides any fit or request). Errors: a veto between two participants of the same side.
core::Status apply_vetoes(Instance& instance, const std::vector<Veto>& vetoes);

// "Met before": pairs of participant ids (K, F) that met at earlier events, and the factor on
// the weight of such a pair when neither asked for it again (0 = not proposed again, the
// default: new contacts first; 1 = as if they had never met). A pair either side requested
// keeps its weight (a follow-up someone wants). Ids not in this event are ignored.
struct History {
  std::vector<std::pair<std::string, std::string>> met_before;
  double factor = 0.0;
};

// Builds the instance. Errors name the participant or request at fault (e.g. a request between
// two participants of the same side, a priority outside 1..3, an unknown side), or a history
// factor outside 0..1. With `history`, recommendations skip pairs that met before when the
// factor is 0, and their weight is scaled by it otherwise (instance.met_before records them).
core::Result<Instance> score_profiles(const std::vector<Participant>& participants,
                                      const std::vector<Request>& requests,
                                      const SessionLayout& layout, const ScoringRules& rules,
                                      const std::map<std::string, double>* opportunity,
                                      const History* history = nullptr);

}  // namespace urbanmine::match
