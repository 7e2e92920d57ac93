// SPDX-License-Identifier: Apache-2.0
// The EU 2023 supply-risk formula on the assessment's own inputs (data/eu_crm_2023.csv, WGI):
// one test per battery material against the SR the EU published in 2023. The import reliance
// and substitution index of the 2023 assessment are not in the shipped data (no stored copy was
// found), so each test checks what the inputs allow: the published SR must lie inside the range
// the formula gives over IR in 0-1 with SI <= 1 at some stage, or the output must say which
// input is missing.
#include <fstream>

#include <gtest/gtest.h>

#include "engine/cooperation.h"
#include "io/risk_data.h"
#include "risk/supply_risk.h"

#include "test_support.h"

namespace urbanmine::engine {
namespace {

const std::string kData = std::string(URBANMINE_SOURCE_DIR) + "/data";

struct Shipped {
  std::map<std::string, io::EuCrmMaterial> eu;
  std::map<std::string, risk::GovernanceScore> wgi;
};

const Shipped& shipped() {
  static const Shipped s = [] {
    auto codes = io::load_country_codes(kData + "/country_codes.csv");
    EXPECT_TRUE(codes.has_value());
    auto eu = io::load_eu_crm(kData + "/eu_crm_2023.csv", *codes);
    EXPECT_TRUE(eu.has_value()) << (eu ? "" : eu.error().to_string());
    auto wgi = io::load_wgi(kData + "/wgi.csv");
    EXPECT_TRUE(wgi.has_value());
    return Shipped{*eu, *wgi};
  }();
  return s;
}

std::size_t col(const RecordTable& t, const std::string& name) {
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

const std::vector<Cell>& stage_row(const RecordTable& t, const std::string& stage) {
  for (const auto& r : t.rows) {
    if (r[col(t, "stage")].text == stage) return r;
  }
  ADD_FAILURE() << "no stage " << stage;
  return t.rows.front();
}

RecordTable table_for(const std::string& element) {
  EuRiskRequest req;
  req.element = element;
  auto t = eu_supply_risk_table(shipped().eu, shipped().wgi, req);
  EXPECT_TRUE(t.has_value());
  return *t;
}

// The published SR (+-0.05 rounding) is inside [sr_low x 0, sr_high x 1]: the bottleneck stage
// reproduces it for some IR in 0-1 and SI_SR <= 1.
void expect_consistent(const RecordTable& t, const std::string& stage, double published) {
  const auto& r = stage_row(t, stage);
  EXPECT_DOUBLE_EQ(r[col(t, "sr_published_2023")].number, published);
  EXPECT_GE(r[col(t, "sr_high")].number, published - 0.05);
  EXPECT_EQ(r[col(t, "consistent_with_published")].text, "yes");
  EXPECT_NE(r[col(t, "missing_inputs")].text.find("import_reliance"), std::string::npos);
  EXPECT_NE(r[col(t, "missing_inputs")].text.find("substitution_index"), std::string::npos);
}

TEST(EuSupplyRisk2023, LithiumProcessingReproducesPublished1Point9WithSiNear0Point84) {
  const auto t = table_for("Li");
  expect_consistent(t, "P", 1.9);
  const auto& r = stage_row(t, "P");
  // HHI_WGI,t at processing: China 56.2 %, Chile 29.7 %, ... (Annex 7) with WGI 2022.
  EXPECT_NEAR(r[col(t, "hhi_wgi_t_global")].number, 2.225, 0.001);
  EXPECT_NEAR(r[col(t, "hhi_wgi_t_eu_sourcing")].number, 2.266, 0.001);
  EXPECT_NEAR(r[col(t, "implied_si_low")].number, 0.817, 0.001);
  EXPECT_NEAR(r[col(t, "implied_si_high")].number, 0.868, 0.001);
}

TEST(EuSupplyRisk2023, NickelIsConsistentWithPublished0Point5) {
  const auto t = table_for("Ni");
  expect_consistent(t, "P", 0.5);
  expect_consistent(t, "E", 0.5);
}

TEST(EuSupplyRisk2023, ManganeseExtractionIsConsistentWithPublished1Point2) {
  const auto t = table_for("Mn");
  expect_consistent(t, "E", 1.2);
  // EU sourcing of Mn ore is concentrated (South Africa 41 %, Gabon 39 %).
  EXPECT_NEAR(stage_row(t, "E")[col(t, "hhi_wgi_t_eu_sourcing")].number, 1.892, 0.001);
}

TEST(EuSupplyRisk2023, NaturalGraphiteExtractionIsConsistentWithPublished1Point8) {
  const auto t = table_for("graphite");
  expect_consistent(t, "E", 1.8);
  EXPECT_NEAR(stage_row(t, "E")[col(t, "eol_rir")].number, 0.03, 1e-12);
}

// Cobalt's published 2.8 cannot come from processing (at most 1.06 with these inputs); the
// extraction stage would need the EU's sourcing of cobalt ores, which the transcription lacks.
TEST(EuSupplyRisk2023, CobaltCannotBeReproducedAndSaysWhichInputIsMissing) {
  const auto t = table_for("Co");
  const auto& p = stage_row(t, "P");
  EXPECT_LT(p[col(t, "sr_high")].number, 2.75);
  EXPECT_EQ(p[col(t, "consistent_with_published")].text.rfind("no", 0), 0u);
  const auto& e = stage_row(t, "E");
  EXPECT_EQ(e[col(t, "consistent_with_published")].text, "not evaluable");
  EXPECT_NE(e[col(t, "missing_inputs")].text.find("no EU sourcing shares for stage E"),
            std::string::npos);
  EXPECT_NEAR(e[col(t, "hhi_wgi_t_global")].number, 3.624, 0.001);  // DRC 62.8 %, t 1.1
}

TEST(EuSupplyRisk2023, GivenIrAndSiTheFormulaIsComputedByHand) {
  EuRiskRequest req;
  req.element = "Li";
  req.import_reliance = 0.5;
  req.substitution_index = 0.9;
  auto t = eu_supply_risk_table(shipped().eu, shipped().wgi, req);
  ASSERT_TRUE(t.has_value());
  const auto& r = stage_row(*t, "P");
  const double gs = r[col(*t, "hhi_wgi_t_global")].number;
  const double eus = r[col(*t, "hhi_wgi_t_eu_sourcing")].number;
  EXPECT_NEAR(r[col(*t, "supply_risk")].number, (gs * 0.25 + eus * 0.75) * (1.0 - 0.0) * 0.9,
              1e-12);
  EXPECT_TRUE(r[col(*t, "missing_inputs")].text.empty());
  EXPECT_NE(r[col(*t, "sources")].text.find("SI_SR: user input"), std::string::npos);
}

TEST(EuCrmData, BadRowsAreRejectedNamingFileAndRow) {
  testing::TempDir dir;
  auto codes = io::load_country_codes(kData + "/country_codes.csv");
  const std::string header = "material,indicator,stage,country,value,unit,source,notes\n";
  std::ofstream(dir.path("a.csv")) << header << "cobalt,global_supply_share,E,China,120,%,s,\n";
  auto above = io::load_eu_crm(dir.path("a.csv"), *codes);
  ASSERT_FALSE(above.has_value());
  EXPECT_NE(above.error().to_string().find("a.csv:2:value"), std::string::npos)
      << above.error().to_string();
  std::ofstream(dir.path("b.csv")) << header << "cobalt,global_supply_share,E,China,12,%,s,\n"
                                   << "cobalt,global_supply_share,E,China,13,%,s,\n";
  auto twice = io::load_eu_crm(dir.path("b.csv"), *codes);
  ASSERT_FALSE(twice.has_value());
  EXPECT_NE(twice.error().to_string().find("b.csv:3:country"), std::string::npos);
  std::ofstream(dir.path("c.csv")) << header << "cobalt,EoL_RIR,,,-2,%,s,\n";
  EXPECT_FALSE(io::load_eu_crm(dir.path("c.csv"), *codes).has_value());
}

}  // namespace
}  // namespace urbanmine::engine
