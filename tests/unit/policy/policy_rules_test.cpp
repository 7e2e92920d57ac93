// SPDX-License-Identifier: Apache-2.0
// The policy rules loader: the shipped file loads; bad rows are rejected with file, row and
// field named, every problem at once; vocabulary helpers.
#include "io/policy_rules.h"

#include <gtest/gtest.h>

namespace urbanmine::io {
namespace {

const std::string kHeader =
    "rule_id,jurisdiction,instrument,legal_reference,rule,scope,metric,element,threshold,unit,"
    "comparator,effective_date,status,confidence,source,notes\n";
const std::string kGoodRow =
    "EU-X-1,EU,Reg,Art 1,recovery,recyclers,recovery rate,cobalt,90,percent,>=,2027-12-31,in "
    "force,high,src,\n";

TEST(PolicyRules, ShippedFileLoadsWithEveryRule) {
  auto rules = load_policy_rules(std::string(URBANMINE_SOURCE_DIR) + "/data/policy_rules.csv");
  ASSERT_TRUE(rules.has_value()) << rules.error().to_string();
  EXPECT_EQ(rules->size(), 84u);
  const auto crma = std::find_if(rules->begin(), rules->end(),
                                 [](const auto& r) { return r.rule_id == "EU-CRMA-007"; });
  ASSERT_NE(crma, rules->end());
  EXPECT_FALSE(crma->threshold.has_value());  // "SR>=1 and EI>=2.8" is kept as text
  EXPECT_EQ(crma->threshold_text, "SR>=1 and EI>=2.8");
  const auto co = std::find_if(rules->begin(), rules->end(),
                               [](const auto& r) { return r.rule_id == "EU-BR-025"; });
  EXPECT_DOUBLE_EQ(*co->threshold, 95.0);
  EXPECT_EQ(co->comparator, policy::Comparator::kGe);
  EXPECT_EQ(co->effective.year, 2031);
}

TEST(PolicyRules, GoodSyntheticRowParses) {
  auto rules = parse_policy_rules(kHeader + kGoodRow, "rules.csv");
  ASSERT_TRUE(rules.has_value()) << rules.error().to_string();
  ASSERT_EQ(rules->size(), 1u);
  EXPECT_EQ((*rules)[0].line, 2u);
}

struct BadCase {
  std::string row;
  std::string location;  // file:line:field
};

TEST(PolicyRules, EachBadFieldIsNamedWithFileRowAndField) {
  const std::vector<BadCase> cases{
      {"EU-X-2,EU,R,A,r,s,recovery rate,cobalt,90,percent,=>,2027-12-31,x,high,s,\n",
       "rules.csv:3:comparator"},
      {"EU-X-2,EU,R,A,r,s,recovery rate,cobalt,9O,percent,>=,2027-12-31,x,high,s,\n",
       "rules.csv:3:threshold"},
      {"EU-X-2,EU,R,A,r,s,recovery rate,cobalt,150,percent,>=,2027-12-31,x,high,s,\n",
       "rules.csv:3:threshold"},
      {"EU-X-2,EU,R,A,r,s,recovery rate,cobalt,90,percent,>=,2027-02-30,x,high,s,\n",
       "rules.csv:3:effective_date"},
      {"EU-X-2,EU,R,A,r,s,recovery rate,cobalt,90,percent,>=,2027-12-31,x,certain,s,\n",
       "rules.csv:3:confidence"},
      {"EU-X-1,EU,R,A,r,s,recovery rate,cobalt,90,percent,>=,2027-12-31,x,high,s,\n",
       "rules.csv:3:rule_id"},
      {",EU,R,A,r,s,recovery rate,cobalt,90,percent,>=,2027-12-31,x,high,s,\n",
       "rules.csv:3:rule_id"},
      {"EU-X-2,eu!,R,A,r,s,recovery rate,cobalt,90,percent,>=,2027-12-31,x,high,s,\n",
       "rules.csv:3:jurisdiction"},
      {"EU-X-2,EU,R,A,r,s,,cobalt,90,percent,>=,2027-12-31,x,high,s,\n", "rules.csv:3:metric"},
  };
  for (const auto& c : cases) {
    auto rules = parse_policy_rules(kHeader + kGoodRow + c.row, "rules.csv");
    ASSERT_FALSE(rules.has_value()) << c.row;
    EXPECT_EQ(rules.error().code, core::ErrorCode::kInvalidInput);
    EXPECT_EQ(rules.error().location, c.location) << c.row << rules.error().to_string();
  }
}

TEST(PolicyRules, AllProblemsAreReportedAtOnce) {
  const std::string text = kHeader + kGoodRow +
                           "A,EU,R,A,r,s,m,cobalt,9O,percent,>=,2027-12-31,x,high,s,\n" +
                           "B,EU,R,A,r,s,m,cobalt,90,percent,>=,2027-13-01,x,high,s,\n";
  auto rules = parse_policy_rules(text, "rules.csv");
  ASSERT_FALSE(rules.has_value());
  EXPECT_NE(rules.error().message.find("rules.csv:3:threshold"), std::string::npos);
  EXPECT_NE(rules.error().message.find("rules.csv:4:effective_date"), std::string::npos);
}

TEST(PolicyRules, MissingColumnIsReported) {
  auto rules = parse_policy_rules("rule_id,jurisdiction\nA,EU\n", "rules.csv");
  ASSERT_FALSE(rules.has_value());
  EXPECT_NE(rules.error().message.find("metric"), std::string::npos);
}

TEST(PolicyVocabulary, ElementsAndGroupsResolve) {
  const policy::ElementGroups groups{{"strategic raw materials", {"Li", "Co"}}};
  auto multi = policy::resolve_elements("nickel cobalt manganese", groups);
  EXPECT_EQ(multi.elements, (std::vector<std::string>{"Ni", "Co", "Mn"}));
  EXPECT_TRUE(multi.unresolved.empty());
  EXPECT_TRUE(policy::resolve_elements("all", groups).all);
  EXPECT_EQ(policy::resolve_elements("strategic raw materials", groups).elements,
            (std::vector<std::string>{"Li", "Co"}));
  EXPECT_FALSE(policy::resolve_elements("electrode powder", groups).unresolved.empty());
  EXPECT_EQ(policy::resolve_elements("lead", groups).elements, std::vector<std::string>{"Pb"});
}

TEST(PolicyVocabulary, ComparatorsAndDates) {
  EXPECT_EQ(policy::parse_comparator(">="), policy::Comparator::kGe);
  EXPECT_EQ(policy::parse_comparator("=="), policy::Comparator::kEq);
  EXPECT_EQ(policy::parse_comparator("declaration required"), policy::Comparator::kQualitative);
  EXPECT_FALSE(policy::parse_comparator("=>").has_value());
  EXPECT_FALSE(policy::parse_comparator(">>").has_value());
  EXPECT_TRUE(policy::parse_iso_date("2024-02-29").has_value());
  EXPECT_FALSE(policy::parse_iso_date("2023-02-29").has_value());
  EXPECT_FALSE(policy::parse_iso_date("2023-1-01").has_value());
}

}  // namespace
}  // namespace urbanmine::io
