// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: the CSV reader (io/csv) and its typed cell reads on every cell.
#include "io/csv.h"

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto table = urbanmine::io::CsvTable::parse(urbanmine::fuzz::as_text(data, size), "fuzz.csv");
  if (!table) return 0;
  for (std::size_t i = 0; i < table->size(); ++i) {
    const auto row = table->row(i);
    for (const auto& column : table->header()) {
      (void)row.text(column);
      (void)row.number(column);
      (void)row.optional_number(column);
      (void)row.integer(column);
    }
  }
  return 0;
}
