// SPDX-License-Identifier: Apache-2.0
// `urbanmine risk hhi|score`: the cobalt reference values through the CLI, and bad flags ending
// with exit code 3 naming the flag.
#include <gtest/gtest.h>

#include "test_support.h"

namespace urbanmine::testing {
namespace {

const std::string kData = " --data-dir " + source_path("data");

TEST(RiskCli, HhiCobalt2022NamedShareAndResidualConventions) {
  auto named = run_cli("--format csv risk hhi --element Co --year 2022" + kData);
  ASSERT_EQ(named.exit_code, 0) << named.output;
  EXPECT_NE(named.output.find("Co,mine,2022,named-share,4762.9"), std::string::npos)
      << named.output;
  auto residual = run_cli(
      "--format csv risk hhi --element cobalt --year 2022 --convention "
      "residual-as-producer" +
      kData);
  ASSERT_EQ(residual.exit_code, 0) << residual.output;
  EXPECT_NE(residual.output.find("Co,mine,2022,residual-as-producer,4788.9"), std::string::npos)
      << residual.output;
  EXPECT_NE(residual.output.find("other countries (residual),,9700"), std::string::npos);
}

TEST(RiskCli, ScoreReportsMissingInputsAndComputesWhenGiven) {
  auto missing = run_cli("--format json risk score --element Co" + kData);
  ASSERT_EQ(missing.exit_code, 0) << missing.output;
  EXPECT_NE(missing.output.find("\"supply_risk\":null"), std::string::npos) << missing.output;
  EXPECT_NE(missing.output.find("substitution_index: no substitution index"), std::string::npos);
  auto full = run_cli(
      "--format json risk score --element Co --year 2022 --import-reliance 0.8 --eol-rir 0.2 "
      "--substitution-index 0.9 --hhi-wgi-sourcing 3" +
      kData);
  ASSERT_EQ(full.exit_code, 0) << full.output;
  EXPECT_EQ(full.output.find("\"supply_risk\":null"), std::string::npos) << full.output;
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
  for (const char* cmd : {"risk hhi --help", "risk score --help"}) {
    auto help = run_cli(cmd);
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.output.find("Example: urbanmine risk"), std::string::npos) << cmd;
  }
}

}  // namespace
}  // namespace urbanmine::testing
