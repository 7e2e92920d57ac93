// SPDX-License-Identifier: Apache-2.0
// The generic workbook writer: sheet names made valid and unique, sheets over the row limit
// continued on further sheets with the header, read back with openpyxl.
#include "io/xlsx_writer.h"

#include <cstdio>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "test_support.h"

namespace urbanmine {
namespace {

io::XlsxSheet numbers_sheet(const std::string& name, std::size_t rows) {
  io::XlsxSheet s;
  s.name = name;
  s.header = {"year", "mass_tonnes"};
  s.number_formats = {"0", "#,##0.000"};
  s.row_count = rows;
  s.row = [](std::size_t row, std::vector<io::XlsxCell>& cells) {
    cells[0] = {io::XlsxCell::Kind::kNumber, {}, 2000.0 + static_cast<double>(row)};
    cells[1] = {io::XlsxCell::Kind::kNumber, {}, 0.5 * static_cast<double>(row)};
  };
  return s;
}

TEST(XlsxWriter, SheetNamesAreValidUniqueAndSplitAtTheRowLimit) {
  std::vector<io::XlsxSheet> sheets = {
      numbers_sheet("collection_to_black_mass_surplus_t", 7),  // 34 characters
      numbers_sheet("collection_to_black_mass_surplus_kwh", 1), numbers_sheet("a[b]:c", 0)};
  auto names = io::xlsx_sheet_parts(sheets, 4);  // 3 data rows per sheet
  ASSERT_TRUE(names.has_value());
  ASSERT_EQ((*names)[0].size(), 3u);
  EXPECT_EQ((*names)[0][0], "collection_to_black_mass_surplu");
  EXPECT_EQ((*names)[0][1], "collection_to_black_mass_surp~2");
  EXPECT_EQ((*names)[0][2], "collection_to_black_mass_surp~3");
  ASSERT_EQ((*names)[1].size(), 1u);
  EXPECT_EQ((*names)[1][0], "collection_to_black_mass_surp~4");  // ~2, ~3 are taken
  EXPECT_EQ((*names)[2][0], "a_b__c");
}

TEST(XlsxWriter, SplitSheetsReadBackWithEveryRowOnce) {
  testing::TempDir dir;
  io::XlsxWorkbook wb;
  wb.max_rows = 4;
  wb.sheets.push_back(numbers_sheet("t", 7));
  const std::string path = dir.path("t.xlsx");
  ASSERT_TRUE(io::write_xlsx(wb, path).has_value());
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  const std::string cmd =
      "/usr/bin/python3 -c \"import openpyxl; wb = openpyxl.load_workbook('" + path +
      "'); print(';'.join(ws.title + ':' + ','.join(str(r[1]) for r in ws.iter_rows(values_only="
      "True)) for ws in wb))\" 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[512];
  std::size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  ASSERT_EQ(pclose(pipe), 0) << out;
  EXPECT_EQ(out, "t:mass_tonnes,0,0.5,1;t~2:mass_tonnes,1.5,2,2.5;t~3:mass_tonnes,3\n");
}

TEST(XlsxWriter, UnwritableFolderIsAnIoError) {
  io::XlsxWorkbook wb;
  wb.sheets.push_back(numbers_sheet("t", 1));
  const auto status = io::write_xlsx(wb, "/nonexistent-folder/x.xlsx");
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().code, core::ErrorCode::kIo);
  EXPECT_EQ(status.error().location, "/nonexistent-folder/x.xlsx");
}

}  // namespace
}  // namespace urbanmine
