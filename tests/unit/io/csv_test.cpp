// SPDX-License-Identifier: Apache-2.0
// CSV reader: quoting, line numbers in errors, typed getters, blanks kept as missing.
#include "io/csv.h"

#include <gtest/gtest.h>

namespace urbanmine::io {
namespace {

TEST(CsvReader, ParsesQuotedFieldsAndKeepsLineNumbers) {
  const std::string text =
      "region,value,source\n"
      "KOR,1.5,\"IEA, 2024\"\n"
      "\n"
      "USA,,\"multi\nline \"\"quoted\"\"\"\n"
      "CHN,2,x\n";
  auto t = CsvTable::parse(text, "f.csv");
  ASSERT_TRUE(t.has_value()) << t.error().to_string();
  ASSERT_EQ(t->size(), 3U);
  EXPECT_EQ(*t->row(0).text("source"), "IEA, 2024");
  EXPECT_EQ(*t->row(1).text("source"), "multi\nline \"quoted\"");
  EXPECT_EQ(t->row(1).line(), 4U);
  EXPECT_EQ(t->row(2).line(), 6U);
  EXPECT_DOUBLE_EQ(*t->row(0).number("value"), 1.5);
  EXPECT_FALSE(t->row(1).optional_number("value")->has_value());
  EXPECT_FALSE(t->row(1).number("value").has_value());
  EXPECT_EQ(t->row(1).number("value").error().location, "f.csv:4:value");
}

TEST(CsvReader, RejectsRaggedRowsNamingTheLine) {
  auto t = CsvTable::parse("a,b\n1,2\n3\n", "g.csv");
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().location, "g.csv:3");
}

TEST(CsvReader, RejectsNonNumbersAndNaN) {
  auto t = CsvTable::parse("a\nabc\nnan\n", "h.csv");
  ASSERT_TRUE(t.has_value());
  EXPECT_FALSE(t->row(0).number("a").has_value());
  EXPECT_FALSE(t->row(1).number("a").has_value());
}

TEST(CsvReader, ReportsMissingColumns) {
  auto t = CsvTable::parse("a,b\n1,2\n", "m.csv");
  auto s = t->require_columns({"a", "c", "d"});
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("c, d"), std::string::npos);
}

TEST(CsvReader, ReadsEveryShippedDataFile) {
  for (const char* name : {"ev_sales", "material_intensity", "policy_rules", "mine_production",
                           "chemistry_share", "pack_size", "recovery_rates", "prices"}) {
    auto t = CsvTable::read_file(std::string(URBANMINE_SOURCE_DIR) + "/data/" + name + ".csv");
    ASSERT_TRUE(t.has_value()) << t.error().to_string();
    EXPECT_TRUE(t->has_column("source")) << name;
    EXPECT_GT(t->size(), 5U) << name;
  }
}

}  // namespace
}  // namespace urbanmine::io
