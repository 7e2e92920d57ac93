// SPDX-License-Identifier: Apache-2.0
// `match score --opportunity`: profiles give ISO alpha-2 country codes, `market rank` writes
// alpha-3; a score table in either spelling gives the same instance (issue 17).
#include <string>

#include <gtest/gtest.h>

#include "engine/match.h"
#include "io/files.h"

#include "test_support.h"

namespace urbanmine::engine {
namespace {

std::string instance_with(const std::string& opportunity_csv) {
  const auto profiles = io::read_text_file(testing::source_path("examples/event/profiles.csv"));
  EXPECT_TRUE(profiles);
  ScoreRequest request;
  request.csv = true;
  request.opportunity_csv = opportunity_csv;
  request.opportunity_source = "opportunity.csv";
  auto out = score_match_text(*profiles, "profiles.csv", request);
  EXPECT_TRUE(out) << out.error().to_string();
  return out ? out->instance_json : std::string();
}

TEST(MatchScore, OpportunityScoresByAlpha3CountAsTheirAlpha2Countries) {
  const std::string none = instance_with("");
  const std::string alpha2 = instance_with("country,opportunity_score\nPL,0.9\nID,0.5\n");
  const std::string alpha3 = instance_with("country,opportunity_score\nPOL,0.9\nIDN,0.5\n");
  EXPECT_NE(alpha2, none) << "the scores change the pair weights";
  EXPECT_EQ(alpha3, alpha2);
}

}  // namespace
}  // namespace urbanmine::engine
