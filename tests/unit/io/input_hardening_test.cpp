// SPDX-License-Identifier: Apache-2.0
// Regression tests of issue 19's small input defects: a NUL inside a CSV number was read as the
// digits before it, "0x10" passed as 16 (CSV cells and CLI flags), and a 50 MB scenario file was
// read whole (1.5 GB of memory) instead of being refused.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "io/csv.h"
#include "io/files.h"
#include "io/json_reader.h"

#include "test_support.h"

namespace urbanmine::io {
namespace {

TEST(CsvHardening, NulInFieldIsRejectedWithFileRowColumn) {
  const std::string text = std::string("name,value_tonnes\nx,0") + '\0' + "5\n";
  const auto table = CsvTable::parse(text, "data/x.csv");
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_EQ(table.error().location, "data/x.csv:2:2");
  EXPECT_NE(table.error().message.find("0x00"), std::string::npos) << table.error().message;
}

TEST(CsvHardening, HexAndOtherNonDecimalNumbersAreRejected) {
  const auto table = CsvTable::parse("v\n0x10\n1e400\n inf\n12abc\n+.5\n-3e2\n", "t.csv");
  ASSERT_TRUE(table);
  for (std::size_t i = 0; i < 4; ++i) {
    const auto v = table->row(i).number("v");
    EXPECT_FALSE(v) << "row " << i;
    if (!v) {
      EXPECT_EQ(v.error().location, "t.csv:" + std::to_string(i + 2) + ":v");
    }
  }
  EXPECT_DOUBLE_EQ(*table->row(4).number("v"), 0.5);
  EXPECT_DOUBLE_EQ(*table->row(5).number("v"), -300.0);
}

TEST(ParseDecimal, AcceptsOnlyPlainDecimals) {
  for (const char* good : {"16", "-0.5", "1.5e3", "2E-2", ".5", "5.", "+7"}) {
    EXPECT_TRUE(parse_decimal(good)) << good;
  }
  for (const char* bad : {"0x10", "", "-", ".", "1e", "1e+", "inf", "nan", " 1", "1 ", "1,5",
                          "1e400", "0b1", "1.2.3"}) {
    EXPECT_FALSE(parse_decimal(bad)) << bad;
  }
  EXPECT_DOUBLE_EQ(*parse_decimal("1.5e3"), 1500.0);
}

TEST(InputLimits, MassTonnesHexIsRejected) {
  const auto hex = testing::run_cli("plant balance --chemistry NMC622 --mass-tonnes 0x10");
  EXPECT_EQ(hex.exit_code, 3) << hex.output;
  EXPECT_NE(hex.output.find("--mass-tonnes"), std::string::npos) << hex.output;
  const auto plain = testing::run_cli("plant balance --chemistry NMC622 --mass-tonnes 16");
  EXPECT_EQ(plain.exit_code, 0) << plain.output;
  // CLI11 number flags take plain decimals only, too.
  // (Were the port taken, the missing database folder would end the server with exit 4.)
  const auto port = testing::run_cli("serve --port 0x10 --db /nonexistent-dir/x.db");
  EXPECT_EQ(port.exit_code, 2) << port.output;
}

TEST(InputLimits, FiftyMegabyteScenarioIsRefusedBeforeReading) {
  testing::TempDir dir;
  const std::string path = dir.path("huge.toml");
  {
    std::ofstream out(path);
    out << "[scenario]\nname = \"huge\"\n# ";
    out << std::string(50 * 1024 * 1024, 'x') << "\n";
  }
  const auto result = testing::run_cli("validate " + path);
  EXPECT_EQ(result.exit_code, 3) << result.output.substr(0, 400);
  EXPECT_NE(result.output.find("huge.toml"), std::string::npos) << result.output.substr(0, 400);
  EXPECT_NE(result.output.find("bytes"), std::string::npos) << result.output.substr(0, 400);
}

// Messages that quote input are made printable before they are written as JSON: well-formed
// UTF-8 (Korean included) is kept; stray, truncated, overlong and surrogate bytes become '?'.
TEST(PrintableUtf8, KeepsWellFormedTextAndReplacesEveryBadByte) {
  EXPECT_EQ(io::printable_utf8("plain ASCII"), "plain ASCII");
  EXPECT_EQ(io::printable_utf8("\xed\x95\x9c\xea\xb5\xad KOR"), "\xed\x95\x9c\xea\xb5\xad KOR");
  EXPECT_EQ(io::printable_utf8("a\xa0"
                               "b"),
            "a?b");                                           // continuation byte alone
  EXPECT_EQ(io::printable_utf8("a\xed\x95"), "a??");          // cut short at the end
  EXPECT_EQ(io::printable_utf8("\xc0\xaf"), "??");            // overlong '/'
  EXPECT_EQ(io::printable_utf8("\xed\xa0\x80"), "???");       // a UTF-16 surrogate
  EXPECT_EQ(io::printable_utf8("\xf4\x90\x80\x80"), "????");  // above U+10FFFF
  const auto bad = io::parse_json("{\"k\xa0\": 1}", "x.json");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(io::printable_utf8(bad.error().message), bad.error().message);
  EXPECT_NO_THROW((void)io::dump_json(nlohmann::json{{"m", "\xa0"}}));
}

}  // namespace
}  // namespace urbanmine::io
