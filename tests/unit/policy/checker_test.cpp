// SPDX-License-Identifier: Apache-2.0
// The policy checker on the synthetic run (DEU, FRA, POL, KOR, CHN) with the shipped rules:
// every EU Battery Regulation recovery and recycled-content rule has a result for each EU
// member; hand-computed pass/fail/gap cases; not-evaluable rules carry their reason; no silent
// pass.
#include "policy/checker.h"

#include <set>

#include <gtest/gtest.h>

#include "engine/cooperation.h"
#include "io/policy_rules.h"
#include "io/risk_data.h"

#include "unit/policy/run_fixture.h"

namespace urbanmine::policy {
namespace {

const std::string kData = std::string(URBANMINE_SOURCE_DIR) + "/data";

class CheckerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rules = io::load_policy_rules(kData + "/policy_rules.csv");
    ASSERT_TRUE(rules.has_value()) << rules.error().to_string();
    rules_ = *rules;
    auto groups = io::load_element_groups(kData + "/element_groups.csv");
    ASSERT_TRUE(groups.has_value());
    groups_ = *groups;
    auto codes = io::load_country_codes(kData + "/country_codes.csv");
    ASSERT_TRUE(codes.has_value());
    for (const auto& r : rules_)
      jur_.members[r.jurisdiction] = codes->jurisdiction_members(r.jurisdiction);
    ind_ = engine::run_indicators(testing::make_fixture_run());
    ind_.suppliers["Co"] = {{"Finland", "FIN", "refining", 2023, 0.80, "test"},
                            {"China", "CHN", "refining", 2023, 0.75, "test"}};
    checks_ = check_rules(rules_, ind_, jur_, groups_, {});
  }

  const RuleCheck& find(const std::string& id, const std::string& region,
                        const std::string& element) {
    for (const auto& c : checks_) {
      if (c.rule_id == id && c.region == region && c.element == element) return c;
    }
    ADD_FAILURE() << "no check " << id << " " << region << " " << element;
    static RuleCheck none;
    return none;
  }

  std::vector<PolicyRule> rules_;
  ElementGroups groups_;
  Jurisdictions jur_;
  RunIndicators ind_;
  std::vector<RuleCheck> checks_;
};

TEST_F(CheckerTest, EveryEuRecoveryAndRecycledContentRuleHasAResultForEachMember) {
  std::set<std::string> ids;
  for (const auto& r : rules_) {
    if (r.instrument != "Battery Regulation") continue;
    const auto kind = classify_metric(r);
    const bool recovery = kind == MetricKind::kMaterialRecovery;
    const bool content = kind == MetricKind::kRecycledContent ||
                         r.metric.find("recycled share") != std::string::npos;
    if (recovery || content) ids.insert(r.rule_id);
  }
  EXPECT_EQ(ids.size(), 19u);  // EU-BR-020..029 and EU-BR-030..038
  for (const auto& id : ids) {
    for (const std::string member : {"DEU", "FRA", "POL"}) {
      int n = 0;
      for (const auto& c : checks_) {
        if (c.rule_id != id || c.region != member) continue;
        ++n;
        if (c.status == CheckStatus::kNotEvaluable) {
          EXPECT_FALSE(c.reason.empty()) << id << " " << member;
        } else {
          EXPECT_TRUE(c.value_fraction && c.threshold_fraction && c.gap_fraction) << id;
        }
      }
      EXPECT_GE(n, 1) << id << " has no result for " << member;
    }
  }
}

TEST_F(CheckerTest, MaterialRecoveryAgainstConfiguredRoutes) {
  // Co: 0.7 * 0.98 + 0.3 * 0.98 = 0.98 >= 0.90 (2027).
  const auto& co = find("EU-BR-020", "DEU", "Co");
  EXPECT_EQ(co.status, CheckStatus::kPass);
  EXPECT_EQ(co.year, 2027);
  EXPECT_NEAR(*co.value_fraction, 0.98, 1e-12);
  EXPECT_DOUBLE_EQ(*co.gap_fraction, 0.0);
  // Li: 0.7 * 0.9 + 0.3 * 0 = 0.63 < 0.80 (2031): fails by 0.17.
  const auto& li = find("EU-BR-028", "FRA", "Li");
  EXPECT_EQ(li.status, CheckStatus::kFail);
  EXPECT_NEAR(*li.value_fraction, 0.63, 1e-12);
  EXPECT_NEAR(*li.gap_fraction, 0.17, 1e-12);
  // Cu: 0.7 * 0.9 + 0.3 * 0.5 = 0.78 < 0.90.
  EXPECT_NEAR(*find("EU-BR-021", "POL", "Cu").gap_fraction, 0.12, 1e-12);
  // Lead is not tracked.
  const auto& pb = find("EU-BR-022", "DEU", "Pb");
  EXPECT_EQ(pb.status, CheckStatus::kNotEvaluable);
  EXPECT_NE(pb.reason.find("Pb is not tracked"), std::string::npos);
}

TEST_F(CheckerTest, RecycledContentIsTheSecondaryShareProxy) {
  // Co: recovered / demand = 0.2 * 0.6 * 0.98 = 0.1176 < 0.16 (2031).
  const auto& co = find("EU-BR-031", "DEU", "Co");
  EXPECT_EQ(co.status, CheckStatus::kFail);
  EXPECT_NEAR(*co.value_fraction, 0.1176, 1e-12);
  EXPECT_NEAR(*co.gap_fraction, 0.16 - 0.1176, 1e-12);
  EXPECT_NE(co.basis.find("proxy"), std::string::npos);
  // Li: 0.2 * 0.6 * 0.63 = 0.0756 >= 0.06.
  EXPECT_EQ(find("EU-BR-033", "DEU", "Li").status, CheckStatus::kPass);
  // 2036 targets lie beyond the run (2020-2035).
  const auto& late = find("EU-BR-035", "DEU", "Co");
  EXPECT_EQ(late.status, CheckStatus::kNotEvaluable);
  EXPECT_NE(late.reason.find("outside the run"), std::string::npos);
  // The documentation duty is an obligation in words.
  const auto& doc = find("EU-BR-030", "DEU", "cobalt lead lithium nickel");
  EXPECT_EQ(doc.status, CheckStatus::kNotEvaluable);
  EXPECT_NE(doc.reason.find("declaration required"), std::string::npos);
  EXPECT_FALSE(doc.confidence_note.empty());  // medium confidence is flagged
}

TEST_F(CheckerTest, CrmaBenchmarksAreCheckedOnceForTheEuAggregate) {
  int eu_rows = 0;
  for (const auto& c : checks_) {
    if (c.rule_id == "EU-CRMA-003") {
      EXPECT_EQ(c.region, "EU27");
      ++eu_rows;
    }
  }
  EXPECT_EQ(eu_rows, 7);  // the seven strategic raw materials of element_groups.csv
  EXPECT_EQ(find("EU-CRMA-003", "EU27", "Al").status, CheckStatus::kNotEvaluable);
  // Li share over the three members: same 0.0756 in each, so 0.0756 overall.
  EXPECT_NEAR(*find("EU-CRMA-003", "EU27", "Li").value_fraction, 0.0756, 1e-12);
  // Diversification: largest third country (Finland is a member) China 0.75 x (1 - 0.1176).
  const auto& div = find("EU-CRMA-004", "EU27", "Co");
  EXPECT_EQ(div.status, CheckStatus::kFail);
  EXPECT_NEAR(*div.value_fraction, 0.75 * (1.0 - 0.1176), 1e-12);
  EXPECT_NE(div.basis.find("China"), std::string::npos);
  EXPECT_EQ(find("EU-CRMA-001", "EU27", "strategic raw materials").status,
            CheckStatus::kNotEvaluable);
}

TEST_F(CheckerTest, MultiElementRulesGiveOneRowPerElement) {
  EXPECT_EQ(find("CN-002", "CHN", "Ni").status, CheckStatus::kPass);
  const auto& mn = find("CN-002", "CHN", "Mn");
  EXPECT_EQ(mn.status, CheckStatus::kFail);
  EXPECT_NEAR(*mn.gap_fraction, 0.98 - 0.78, 1e-12);
  EXPECT_EQ(find("CN-001", "CHN", "Li").status, CheckStatus::kFail);
}

TEST_F(CheckerTest, RulesWithoutARegionOrModelQuantityAreNotEvaluableWithReason) {
  const auto& us =
      find("US-IRA-001", "USA", "lithium nickel cobalt manganese graphite and other listed");
  EXPECT_EQ(us.status, CheckStatus::kNotEvaluable);
  EXPECT_NE(us.reason.find("no region of jurisdiction US"), std::string::npos);
  const auto& portable = find("EU-BR-001", "DEU", "all");
  EXPECT_NE(portable.reason.find("portable"), std::string::npos);
  const auto& efficiency = find("EU-BR-010", "DEU", "all");
  EXPECT_NE(efficiency.reason.find("whole-battery mass"), std::string::npos);
  const auto& kr = find("KR-001", "KOR", "all");
  EXPECT_EQ(kr.status, CheckStatus::kNotEvaluable);
}

TEST_F(CheckerTest, NoPassOrFailWithoutBothNumbers) {
  for (const auto& c : checks_) {
    if (c.status == CheckStatus::kNotEvaluable) {
      EXPECT_FALSE(c.reason.empty()) << c.rule_id << " " << c.region;
    } else {
      EXPECT_TRUE(c.value_fraction.has_value() && c.threshold_fraction.has_value())
          << c.rule_id << " " << c.region;
      EXPECT_TRUE(c.reason.empty());
    }
  }
}

TEST_F(CheckerTest, CheckYearOverrideMarksRulesNotYetInForce) {
  CheckOptions options;
  options.check_year = 2025;
  const auto checks = check_rules(rules_, ind_, jur_, groups_, options);
  for (const auto& c : checks) {
    if (c.rule_id == "EU-BR-020" && c.region == "DEU") {
      EXPECT_EQ(c.status, CheckStatus::kNotEvaluable);
      EXPECT_NE(c.reason.find("not in force in 2025"), std::string::npos);
    }
    if (c.rule_id == "CN-002" && c.element == "Co") {
      EXPECT_EQ(c.year, 2025);
      EXPECT_EQ(c.status, CheckStatus::kPass);
    }
  }
}

}  // namespace
}  // namespace urbanmine::policy
