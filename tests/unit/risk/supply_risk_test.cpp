// SPDX-License-Identifier: Apache-2.0
// The EU supply-risk formula against hand-computed cases, missing inputs reported (not
// zero-filled), range checks, and import reliance from run quantities.
#include "risk/supply_risk.h"

#include <gtest/gtest.h>

namespace urbanmine::risk {
namespace {

SupplyRiskInputs inputs(double gs, double eus, double ir, double rir, double si) {
  SupplyRiskInputs in;
  in.hhi_wgi_global = RiskInput::of(gs, "test");
  in.hhi_wgi_sourcing = RiskInput::of(eus, "test");
  in.import_reliance = RiskInput::of(ir, "test");
  in.eol_rir = RiskInput::of(rir, "test");
  in.substitution_index = RiskInput::of(si, "test");
  return in;
}

TEST(SupplyRisk, HandComputedCaseWithAllInputs) {
  // [4.0 * 0.8/2 + 2.0 * (1 - 0.8/2)] * (1 - 0.25) * 0.9 = (1.6 + 1.2) * 0.75 * 0.9 = 1.89
  auto r = compute_supply_risk(inputs(4.0, 2.0, 0.8, 0.25, 0.9));
  ASSERT_TRUE(r.has_value());
  ASSERT_TRUE(r->supply_risk.has_value());
  EXPECT_NEAR(*r->supply_risk, 1.89, 1e-12);
  EXPECT_NEAR(*r->before_substitution, 2.1, 1e-12);
  EXPECT_TRUE(r->missing.empty());
}

TEST(SupplyRisk, NoImportRelianceUsesOnlySourcing) {
  // IR = 0: SR = HHI_WGI,EUS * (1 - RIR) * SI = 3.0 * 0.9 * 1.0 = 2.7
  auto r = compute_supply_risk(inputs(9.0, 3.0, 0.0, 0.1, 1.0));
  EXPECT_NEAR(*r->supply_risk, 2.7, 1e-12);
}

TEST(SupplyRisk, FullImportRelianceWeighsBothHalves) {
  // IR = 1: SR = (GS/2 + EUS/2) * (1 - 0) * 0.5 = (3 + 1) * 0.5 = 2.0
  auto r = compute_supply_risk(inputs(6.0, 2.0, 1.0, 0.0, 0.5));
  EXPECT_NEAR(*r->supply_risk, 2.0, 1e-12);
}

TEST(SupplyRisk, RecyclingLowersRiskInProportion) {
  auto without = compute_supply_risk(inputs(5.0, 5.0, 0.6, 0.0, 0.8));
  auto with = compute_supply_risk(inputs(5.0, 5.0, 0.6, 0.3, 0.8));
  EXPECT_NEAR(*with->supply_risk / *without->supply_risk, 0.7, 1e-12);
}

TEST(SupplyRisk, MissingSubstitutionIndexIsReportedNotZeroFilled) {
  SupplyRiskInputs in = inputs(4.0, 2.0, 0.8, 0.25, 0.9);
  in.substitution_index = RiskInput::missing("no substitution index in the shipped data");
  auto r = compute_supply_risk(in);
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->supply_risk.has_value());
  ASSERT_TRUE(r->before_substitution.has_value());
  EXPECT_NEAR(*r->before_substitution, 2.1, 1e-12);
  ASSERT_EQ(r->missing.size(), 1u);
  EXPECT_EQ(r->missing[0], "substitution_index: no substitution index in the shipped data");
}

TEST(SupplyRisk, MissingSourcingAndRecyclingRateAreBothListed) {
  SupplyRiskInputs in = inputs(4.0, 2.0, 0.8, 0.25, 0.9);
  in.hhi_wgi_sourcing = RiskInput::missing("sourcing not in data");
  in.eol_rir = RiskInput::missing("not in data");
  auto r = compute_supply_risk(in);
  EXPECT_FALSE(r->supply_risk.has_value());
  EXPECT_FALSE(r->before_substitution.has_value());
  ASSERT_EQ(r->missing.size(), 2u);
  EXPECT_EQ(r->missing[0].rfind("hhi_wgi_sourcing", 0), 0u);
  EXPECT_EQ(r->missing[1].rfind("eol_rir", 0), 0u);
}

TEST(SupplyRisk, OutOfRangeInputIsInvalidInputNamingIt) {
  auto r = compute_supply_risk(inputs(4.0, 2.0, 1.2, 0.0, 0.9));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(r.error().location, "import_reliance");
  auto w = compute_supply_risk(inputs(11.0, 2.0, 0.5, 0.0, 0.9));
  ASSERT_FALSE(w.has_value());
  EXPECT_EQ(w.error().location, "hhi_wgi_global");
}

TEST(ImportReliance, HandComputed) {
  auto ir = import_reliance(core::Tonnes(100.0), core::Tonnes(20.0), core::Tonnes(30.0));
  ASSERT_TRUE(ir.has_value());
  EXPECT_DOUBLE_EQ(ir->without_recycling, 0.8);
  EXPECT_DOUBLE_EQ(ir->with_recycling, 0.5);
  EXPECT_DOUBLE_EQ(ir->eol_rir, 0.3);
}

TEST(ImportReliance, NetProducerIsZeroAndNoDemandIsUndefined) {
  auto ir = import_reliance(core::Tonnes(100.0), core::Tonnes(250.0), core::Tonnes(10.0));
  EXPECT_DOUBLE_EQ(ir->without_recycling, 0.0);
  EXPECT_DOUBLE_EQ(ir->with_recycling, 0.0);
  EXPECT_FALSE(import_reliance(core::Tonnes(0.0), core::Tonnes(1.0), core::Tonnes(0.0)));
}

}  // namespace
}  // namespace urbanmine::risk
