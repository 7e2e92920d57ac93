// SPDX-License-Identifier: Apache-2.0
// Scoring reproduces the reference generator: the profiles of small-s1 and medium-s1 (their
// participants and requests) give exactly the instance files' candidate pairs, fits, weights and
// requesters. Plus the opportunity term and profile input errors.
#include "match/scoring.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/match.h"
#include "io/files.h"
#include "io/match_json.h"

#include "test_support.h"

namespace urbanmine {
namespace {

using nlohmann::json;

// The instance's participants with their requests folded back in, as a profiles document.
std::string profiles_of(const json& inst) {
  json parts = inst["participants"];
  std::map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < parts.size(); ++i) at[parts[i]["id"]] = i;
  for (const auto& r : inst["requests"]) {
    parts[at[r["from"]]]["requests"].push_back({{"to", r["to"]}, {"priority", r["priority"]}});
  }
  json doc = {{"format", "match-profiles/1"},
              {"event",
               {{"name", inst["name"]},
                {"slots", inst["slots"].size()},
                {"tables", inst["tables_per_slot"][0]}}},
              {"participants", parts}};
  return doc.dump();
}

class GeneratorInstances : public ::testing::TestWithParam<std::string> {};

TEST_P(GeneratorInstances, ScoringReproducesEveryPairFitAndWeight) {
  const std::string path = testing::test_data("match/" + GetParam() + ".json");
  auto text = io::read_text_file(path);
  ASSERT_TRUE(text.has_value());
  const json expected = json::parse(*text);
  auto out = engine::score_match_text(profiles_of(expected), "profiles.json", {});
  ASSERT_TRUE(out.has_value()) << out.error().to_string();
  const json got = json::parse(out->instance_json);
  ASSERT_EQ(got["pairs"].size(), expected["pairs"].size());
  EXPECT_EQ(got["pairs"], expected["pairs"]);
  EXPECT_EQ(got["requests"], expected["requests"]);
  EXPECT_EQ(got["slots"], expected["slots"]);
  EXPECT_EQ(got["tables_per_slot"], expected["tables_per_slot"]);
  EXPECT_EQ(got["objective"]["fairness_bonus"], expected["objective"]["fairness_bonus"]);
}

INSTANTIATE_TEST_SUITE_P(Reference, GeneratorInstances, ::testing::Values("small-s1", "medium-s1"));

match::Participant person(const std::string& id, match::Side side, const std::string& country) {
  match::Participant p;
  p.id = id;
  p.side = side;
  p.country = country;
  return p;
}

TEST(MatchScoring, FitAddsTheDocumentedPoints) {
  match::Participant k = person("K1", match::Side::kKorean, "KR");
  match::Participant f = person("F1", match::Side::kForeign, "SE");
  k.materials = {"lithium", "nickel"};
  f.materials = {"nickel", "cobalt", "graphite"};  // overlap 1 / min(2, 3) = 0.5 -> 15
  k.processes = {"hydrometallurgy"};
  f.processes = {"hydrometallurgy", "refining"};  // 1 / 1 -> 25
  k.target_countries = {"SE"};                    // 20
  k.seeks = {"buyer"};
  f.offers = {"buyer"};  // 12.5
  k.offers = {"seller"};
  f.seeks = {"investor"};  // 0
  const match::ScoringRules rules;
  EXPECT_EQ(match::fit_score(k, f, rules, nullptr), 72);  // 72.5 rounds half to even
  const std::map<std::string, double> opportunity = {{"SE", 0.8}};
  EXPECT_EQ(match::fit_score(k, f, rules, &opportunity), 80);  // + 10 x 0.8
}

TEST(MatchScoring, CsvProfilesWithBadAvailabilityNameTheCell) {
  const std::string csv =
      "id,side,country,available\n"
      "K1,K,KR,0-3\n"
      "F1,F,SE,2-40\n";
  auto out = io::parse_match_profiles_csv(csv, "p.csv", 16);
  ASSERT_FALSE(out.has_value());
  EXPECT_NE(out.error().location.find("p.csv:3"), std::string::npos) << out.error().to_string();
}

TEST(MatchScoring, CsvRequestsToUnknownIdsAreErrors) {
  const std::string csv =
      "id,side,country,requests\n"
      "K1,K,KR,F9:1\n"
      "F1,F,SE,\n";
  auto out = io::parse_match_profiles_csv(csv, "p.csv", 16);
  ASSERT_FALSE(out.has_value());
  EXPECT_NE(out.error().message.find("'F9'"), std::string::npos);
}

TEST(MatchScoring, CsvProfilesScoreRequestedPairs) {
  const std::string csv =
      "id,side,organisation,country,offers,seeks,materials,processes,target_countries,"
      "available,requests\n"
      "K1,K,Korea Co,KR,seller,buyer,lithium,refining,SE,all,F1:1\n"
      "F1,F,Sweden,SE,buyer,seller,lithium;nickel,refining,,0-3,K1:2\n";
  auto profiles = io::parse_match_profiles_csv(csv, "p.csv", 8);
  ASSERT_TRUE(profiles.has_value()) << profiles.error().to_string();
  ASSERT_EQ(profiles->participants[1].available, (std::vector<int>{0, 1, 2, 3}));
  ASSERT_EQ(profiles->participants[0].available.size(), 8u);
  match::SessionLayout layout;
  layout.name = "t";
  layout.slot_count = 8;
  auto inst =
      match::score_profiles(profiles->participants, profiles->requests, layout, {}, nullptr);
  ASSERT_TRUE(inst.has_value()) << inst.error().to_string();
  ASSERT_EQ(inst->pairs.size(), 1u);
  // fit = 30 + 25 + 20 + 12.5 + 12.5 = 100; weight = 100 + 60 + 40 + 20 (mutual).
  EXPECT_EQ(inst->pairs[0].fit, 100);
  EXPECT_EQ(inst->pairs[0].weight, 220);
}

// "Met before": K1 met F1 and F2 at an earlier event; K1 asked to meet F1 again.
TEST(MatchScoring, PairsThatMetBeforeAreNotProposedAgainUnlessRequested) {
  const std::string csv =
      "id,side,organisation,country,offers,seeks,materials,processes,target_countries,"
      "available,requests\n"
      "K1,K,Korea Co,KR,seller,buyer,lithium,refining,SE,all,F1:1\n"
      "F1,F,Sweden,SE,buyer,seller,lithium,refining,,all,\n"
      "F2,F,Sweden 2,SE,buyer,seller,lithium,refining,,all,\n"
      "F3,F,Sweden 3,SE,buyer,seller,lithium,,,all,\n";
  auto profiles = io::parse_match_profiles_csv(csv, "p.csv", 8);
  ASSERT_TRUE(profiles.has_value()) << profiles.error().to_string();
  match::SessionLayout layout;
  layout.name = "t";
  layout.slot_count = 8;
  const auto weight_of = [](const match::Instance& inst, const std::string& f) -> long long {
    for (const auto& p : inst.pairs) {
      if (inst.participants[p.f].id == f) return p.weight;
    }
    return -1;  // not a candidate
  };
  auto fresh =
      match::score_profiles(profiles->participants, profiles->requests, layout, {}, nullptr);
  ASSERT_TRUE(fresh.has_value()) << fresh.error().to_string();
  ASSERT_GT(weight_of(*fresh, "F2"), 0);
  match::History history;
  history.met_before = {{"K1", "F1"}, {"F2", "K1"}, {"K1", "X9"}};  // either order; X9 unknown
  auto again = match::score_profiles(profiles->participants, profiles->requests, layout, {},
                                     nullptr, &history);
  ASSERT_TRUE(again.has_value()) << again.error().to_string();
  EXPECT_EQ(weight_of(*again, "F1"), weight_of(*fresh, "F1"));  // requested: a wanted follow-up
  EXPECT_EQ(weight_of(*again, "F2"), -1);                       // not proposed again
  EXPECT_EQ(again->met_before.size(), 2U);
  // Factor 0.5: proposed at half the weight.
  history.factor = 0.5;
  auto half = match::score_profiles(profiles->participants, profiles->requests, layout, {}, nullptr,
                                    &history);
  ASSERT_TRUE(half.has_value());
  EXPECT_EQ(weight_of(*half, "F2"), weight_of(*fresh, "F2") / 2);
  // Written and read back.
  auto back = io::parse_match_instance(io::match_instance_json(*half), "i.json");
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  EXPECT_EQ(back->met_before, half->met_before);
  EXPECT_DOUBLE_EQ(back->met_before_factor, 0.5);
  history.factor = 1.5;
  auto bad = match::score_profiles(profiles->participants, profiles->requests, layout, {}, nullptr,
                                   &history);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().location, "--met-before-factor");
}

TEST(MatchScoring, ScheduleMeetingIdsAreReadWithoutAnInstance) {
  auto ids = io::schedule_meeting_ids(
      R"({"format": "match-schedule/1", "meetings": [{"k": "K1", "f": "F2", "slot": 0}]})",
      "s.json");
  ASSERT_TRUE(ids.has_value()) << ids.error().to_string();
  ASSERT_EQ(ids->size(), 1U);
  EXPECT_EQ((*ids)[0], (std::pair<std::string, std::string>{"K1", "F2"}));
  auto bad = io::schedule_meeting_ids(R"({"meetings": [{"k": 3}]})", "s.json");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().location, "s.json: $.meetings[0]");
}

}  // namespace
}  // namespace urbanmine
