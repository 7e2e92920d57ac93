// SPDX-License-Identifier: Apache-2.0
// The supply-data loaders: the shipped files load, blanks stay blank, and bad rows are reported
// with file, line and column.
#include "io/risk_data.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "test_support.h"

namespace urbanmine::io {
namespace {

const std::string kData = std::string(URBANMINE_SOURCE_DIR) + "/data";

// A data folder with the shipped reserves and refining files and the given mine production.
std::string folder_with_mine_production(const testing::TempDir& dir, const std::string& csv) {
  for (const char* f : {"reserves.csv", "refining_share.csv"}) {
    std::filesystem::copy_file(kData + "/" + f, dir.path(f));
  }
  std::ofstream(dir.path("mine_production.csv")) << csv;
  return dir.path();
}

const std::string kHeader = "mineral,country,year,value,unit,basis,verification,source,notes\n";

TEST(RiskData, ShippedFilesLoadAndKeepBlanksBlank) {
  auto codes = load_country_codes(kData + "/country_codes.csv");
  ASSERT_TRUE(codes.has_value()) << codes.error().to_string();
  EXPECT_EQ(codes->eu27().size(), 27u);
  EXPECT_EQ(*codes->iso3_for_name("Congo (Kinshasa)"), "COD");
  EXPECT_EQ(codes->jurisdiction_members("KR"), std::vector<std::string>{"KOR"});
  auto supply = load_supply_data(kData, *codes);
  ASSERT_TRUE(supply.has_value()) << supply.error().to_string();
  bool blank_seen = false;
  for (const auto& r : supply->records()) {
    if (r.element == "Li" && r.country == "United States" && r.year == 2023 &&
        r.stage == risk::SupplyStage::kMine) {
      EXPECT_FALSE(r.value.has_value());
      EXPECT_TRUE(r.withheld);
      EXPECT_EQ(r.edition, "MCS2024");
      blank_seen = true;
    }
  }
  EXPECT_TRUE(blank_seen);
  auto wgi = load_wgi(kData + "/wgi.csv");
  ASSERT_TRUE(wgi.has_value());
  EXPECT_DOUBLE_EQ(*wgi->at("COD").wgi_scaled, 8.20);
  EXPECT_FALSE(wgi->at("NCL").wgi_scaled.has_value());  // not covered by WGI
}

TEST(RiskData, UnknownCountryIsNamedWithFileLineAndColumn) {
  testing::TempDir dir;
  auto codes = load_country_codes(kData + "/country_codes.csv");
  const std::string folder =
      folder_with_mine_production(dir, kHeader + "cobalt,Atlantis,2022,100,t,b,v,s,\n");
  auto supply = load_supply_data(folder, *codes);
  ASSERT_FALSE(supply.has_value());
  EXPECT_EQ(supply.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(supply.error().location, folder + "/mine_production.csv:2:country");
}

TEST(RiskData, NegativeOrNonNumericFiguresAreRejected) {
  testing::TempDir dir;
  auto codes = load_country_codes(kData + "/country_codes.csv");
  const std::string folder = folder_with_mine_production(
      dir, kHeader + "cobalt,Cuba,2022,-5,t,b,v,s,\ncobalt,Russia,2022,12x,t,b,v,s,\n");
  auto supply = load_supply_data(folder, *codes);
  ASSERT_FALSE(supply.has_value());
  EXPECT_NE(supply.error().message.find("mine_production.csv:2:value"), std::string::npos)
      << supply.error().message;
  EXPECT_NE(supply.error().message.find("mine_production.csv:3:value"), std::string::npos);
}

const std::string kHeaderW =
    "mineral,country,year,value,unit,basis,withheld,estimated,edition,verification,source,notes\n";

TEST(RiskData, ShareAboveOneIsRejectedNamingTheRow) {
  testing::TempDir dir;
  auto codes = load_country_codes(kData + "/country_codes.csv");
  const std::string folder =
      folder_with_mine_production(dir, kHeaderW + "cobalt,Cuba,2022,5000,t,b,,,E,v,s,\n" +
                                           "cobalt,World total (rounded),2022,4000,t,b,,,E,v,s,\n");
  auto supply = load_supply_data(folder, *codes);
  ASSERT_FALSE(supply.has_value());
  EXPECT_NE(supply.error().to_string().find("mine_production.csv:2:value"), std::string::npos)
      << supply.error().to_string();
  EXPECT_NE(supply.error().to_string().find("share above 1"), std::string::npos);
}

TEST(RiskData, CountryTwiceInOneYearIsRejectedEvenUnderTwoSpellings) {
  testing::TempDir dir;
  auto codes = load_country_codes(kData + "/country_codes.csv");
  const std::string folder =
      folder_with_mine_production(dir, kHeaderW + "cobalt,South Korea,2022,5,t,b,,,E,v,s,\n" +
                                           "cobalt,\"Korea, Republic of\",2022,6,t,b,,,E,v,s,\n");
  auto supply = load_supply_data(folder, *codes);
  ASSERT_FALSE(supply.has_value());
  EXPECT_EQ(supply.error().location, folder + "/mine_production.csv:3:country");
  EXPECT_NE(supply.error().message.find("duplicate"), std::string::npos);
}

TEST(RiskData, BlankProductionMustBeMarkedWithheld) {
  testing::TempDir dir;
  auto codes = load_country_codes(kData + "/country_codes.csv");
  const std::string folder =
      folder_with_mine_production(dir, kHeaderW + "cobalt,Cuba,2022,,t,b,,,E,v,s,\n");
  auto supply = load_supply_data(folder, *codes);
  ASSERT_FALSE(supply.has_value());
  EXPECT_EQ(supply.error().location, folder + "/mine_production.csv:2:value");
  testing::TempDir ok_dir;
  const std::string ok =
      folder_with_mine_production(ok_dir, kHeaderW + "cobalt,Cuba,2022,,t,b,W,,E,v,s,\n");
  auto withheld = load_supply_data(ok, *codes);
  ASSERT_TRUE(withheld.has_value()) << withheld.error().to_string();
  EXPECT_TRUE(withheld->records().front().withheld);
}

TEST(RiskData, ExportRestrictionsLoadAndBadRowsAreNamed) {
  auto codes = load_country_codes(kData + "/country_codes.csv");
  auto shipped = load_export_restrictions(kData + "/export_restrictions.csv", *codes);
  ASSERT_TRUE(shipped.has_value()) << shipped.error().to_string();
  ASSERT_EQ(shipped->size(), 3u);
  EXPECT_TRUE(shipped->back().annual_cap);
  EXPECT_DOUBLE_EQ(*shipped->back().quantity_t, 96600.0);
  EXPECT_EQ(shipped->back().iso3, "COD");
  testing::TempDir dir;
  const std::string header =
      "country,mineral,measure_type,period,year_from,year_to,annual_cap,quantity,source\n";
  std::ofstream(dir.path("e.csv")) << header << "Chile,lithium,quota,p,2026,2025,yes,5,s\n"
                                   << "Chile,lithium,quota,p,2026,2026,yes,-5,s\n"
                                   << "Chile,lithium,quota,p,2027,2027,yes,5,s\n"
                                   << "Chile,lithium,quota,p,2027,2028,yes,6,s\n";
  auto bad = load_export_restrictions(dir.path("e.csv"), *codes);
  ASSERT_FALSE(bad.has_value());
  const std::string msg = bad.error().to_string();
  EXPECT_NE(msg.find("e.csv:2:year_to"), std::string::npos) << msg;
  EXPECT_NE(msg.find("e.csv:3:quantity"), std::string::npos) << msg;
  EXPECT_NE(msg.find("e.csv:5:year_from"), std::string::npos) << msg;
}

}  // namespace
}  // namespace urbanmine::io
