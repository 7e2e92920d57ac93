// SPDX-License-Identifier: Apache-2.0
// `urbanmine risk hhi|score`: the cobalt reference values through the CLI, and bad flags ending
// with exit code 3 naming the flag.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "test_support.h"

namespace urbanmine::testing {
namespace {

const std::string kData = " --data-dir " + source_path("data");

TEST(RiskCli, HhiCobalt2022NamedShareAndResidualConventions) {
  auto named = run_cli("--format csv risk hhi --element Co --year 2022" + kData);
  ASSERT_EQ(named.exit_code, 0) << named.output;
  EXPECT_NE(named.output.find("Co,mine,2022,named-share,5414.8"), std::string::npos)
      << named.output;
  auto residual = run_cli(
      "--format csv risk hhi --element cobalt --year 2022 --convention "
      "residual-as-producer" +
      kData);
  ASSERT_EQ(residual.exit_code, 0) << residual.output;
  EXPECT_NE(residual.output.find("Co,mine,2022,residual-as-producer,5426.2"), std::string::npos)
      << residual.output;
  EXPECT_NE(residual.output.find("other countries (residual),,6660"), std::string::npos);
}

TEST(RiskCli, ScoreReportsMissingInputsAndComputesWhenGiven) {
  auto missing = run_cli("--format json risk score --element Co" + kData);
  ASSERT_EQ(missing.exit_code, 0) << missing.output;
  EXPECT_NE(missing.output.find("\"supply_risk\":null"), std::string::npos) << missing.output;
  EXPECT_NE(missing.output.find("substitution_index: no substitution index"), std::string::npos);
  auto full = run_cli(
      "--format json risk score --element Li --year 2023 --import-reliance 0.8 --eol-rir 0.2 "
      "--substitution-index 0.9 --hhi-wgi-sourcing 3" +
      kData);
  ASSERT_EQ(full.exit_code, 0) << full.output;
  // The first table (USGS shares with the given inputs) has a value; the EU 2023 table follows.
  const auto eu = full.output.find("\"name\":\"eu_supply_risk\"");
  ASSERT_NE(eu, std::string::npos) << full.output;
  EXPECT_GT(full.output.find("\"supply_risk\":null"), eu) << full.output;
}

// The acceptance command of issue 18: every input of the EU 2023 formula with its source.
TEST(RiskCli, ScoreCobaltEu27PrintsEveryInputWithItsSource) {
  auto r = run_cli("--format csv risk score --element Co --region EU27" + kData);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("# eu_supply_risk"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("EU27,Co,E,3.62"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Annex 7"), std::string::npos);
  EXPECT_NE(r.output.find("World Bank Worldwide Governance Indicators"), std::string::npos);
  EXPECT_NE(r.output.find("EoL-RIR: European Commission (2023)"), std::string::npos);
}

TEST(RiskCli, BadFlagsExitWith3NamingTheFlag) {
  auto year = run_cli("risk hhi --element Co --year 20x2" + kData);
  EXPECT_EQ(year.exit_code, 3);
  EXPECT_NE(year.output.find("--year"), std::string::npos) << year.output;
  auto conv = run_cli("risk hhi --element Co --convention biggest" + kData);
  EXPECT_EQ(conv.exit_code, 3);
  EXPECT_NE(conv.output.find("--convention"), std::string::npos) << conv.output;
  auto element = run_cli("risk hhi --element Unobtainium" + kData);
  EXPECT_EQ(element.exit_code, 3);
  EXPECT_NE(element.output.find("--element"), std::string::npos);
  auto ir = run_cli("risk score --element Co --import-reliance 1.5" + kData);
  EXPECT_EQ(ir.exit_code, 3);
  EXPECT_NE(ir.output.find("--import-reliance"), std::string::npos) << ir.output;
}

TEST(RiskCli, HelpShowsAnExample) {
  for (const char* cmd : {"risk hhi --help", "risk score --help", "risk disruption --help"}) {
    auto help = run_cli(cmd);
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.output.find("Example: urbanmine risk"), std::string::npos) << cmd;
  }
}

TEST(RiskCli, BadSupplyDataExitsWith3NamingFileAndRow) {
  TempDir dir;
  for (const char* f : {"reserves.csv", "refining_share.csv", "country_codes.csv", "wgi.csv",
                        "regions.csv", "policy_rules.csv", "element_groups.csv"}) {
    std::filesystem::copy_file(source_path("data") + "/" + f, dir.path(f));
  }
  std::ofstream(dir.path("mine_production.csv"))
      << "mineral,country,year,value,unit,basis,withheld,estimated,edition,verification,source,"
         "notes\ncobalt,Cuba,2022,-3,t,b,,,E,v,s,\n";
  auto r = run_cli("risk hhi --element Co --data-dir " + dir.path());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("mine_production.csv:2:value"), std::string::npos) << r.output;
}

TEST(RiskCli, ScoreUnknownRegionExitsWith3NamingValidRegions) {
  auto r = run_cli("risk score --element Co --region MARS" + kData);
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("unknown region 'MARS'"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("EU27"), std::string::npos);
  EXPECT_NE(r.output.find("--region"), std::string::npos);
}

}  // namespace
}  // namespace urbanmine::testing
