// SPDX-License-Identifier: Apache-2.0
// Domain validation of a meeting-scheduling instance.
#include "match/instance.h"

#include <set>
#include <string>
#include <unordered_set>

namespace urbanmine::match {

namespace {

std::string at(const std::string& list, std::size_t index) {
  return "$." + list + "[" + std::to_string(index) + "]";
}

}  // namespace

core::Diagnostics validate_instance(const Instance& instance) {
  core::Diagnostics diag;
  const int slot_count = instance.slot_count();
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
    }
  }
  std::unordered_set<std::string> ids;
  for (std::size_t i = 0; i < instance.participants.size(); ++i) {
    const Participant& p = instance.participants[i];
    if (!ids.insert(p.id).second) {
      diag.add_error(core::Error::invalid_input("duplicate participant id '" + p.id + "'",
                                                at("participants", i) + ".id",
                                                "give every participant a unique id"));
    }
    std::set<int> seen;
    for (std::size_t a = 0; a < p.available.size(); ++a) {
      const int s = p.available[a];
      if (s < 0 || s >= slot_count) {
        diag.add_error(core::Error::invalid_input(
            "slot id " + std::to_string(s) + " of " + p.id + " out of range 0.." +
                std::to_string(slot_count - 1),
            at("participants", i) + ".available[" + std::to_string(a) + "]",
            "use slot ids listed in $.slots"));
      } else if (!seen.insert(s).second) {
        diag.add_error(core::Error::invalid_input(
            "slot " + std::to_string(s) + " listed twice for " + p.id,
            at("participants", i) + ".available[" + std::to_string(a) + "]",
            "list each available slot once"));
      }
    }
  }
  std::set<std::pair<int, int>> pair_keys;
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
              " is not a K-F pair",
          at("pairs", q), "put a side-K id in 'k' and a side-F id in 'f'"));
    }
    if (pair.weight < 0) {
      diag.add_error(core::Error::invalid_input("negative weight " + std::to_string(pair.weight),
                                                at("pairs", q) + ".weight",
                                                "give a weight of 0 or more"));
    }
    if (!pair_keys.insert({pair.k, pair.f}).second) {
      diag.add_error(core::Error::invalid_input("pair " + instance.participants[pair.k].id + "-" +
                                                    instance.participants[pair.f].id +
                                                    " listed twice",
                                                at("pairs", q), "list each candidate pair once"));
    }
  }
  for (std::size_t l = 0; l < instance.fairness_bonus.size(); ++l) {
    if (instance.fairness_bonus[l] < 0 ||
        (l > 0 && instance.fairness_bonus[l] > instance.fairness_bonus[l - 1])) {
      diag.add_error(
          core::Error::invalid_input("fairness bonus must be non-negative and non-increasing",
                                     "$.objective.fairness_bonus[" + std::to_string(l) + "]",
                                     "give a list such as [150, 75]"));
    }
  }
  if (instance.keep_bonus < 0) {
    diag.add_error(core::Error::invalid_input("negative keep_bonus", "$.objective.keep_bonus",
                                              "give 0 or more"));
  }
  return diag;
}

}  // namespace urbanmine::match
