// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: match instances, schedules, profiles (JSON and CSV) and opportunity CSVs
// (io/match_json), the bodies of the /api/events routes. The first byte picks the reader.
#include <fstream>
#include <iterator>

#include "io/match_json.h"

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  namespace io = urbanmine::io;
  const std::string text = urbanmine::fuzz::as_text(data + 1, size - 1);
  constexpr int kSlots = 8;
  switch (data[0] % 5) {
    case 0:
      (void)io::parse_match_instance(text, "fuzz.json");
      break;
    case 1: {
      // A schedule against the small test instance.
      static const auto instance = [] {
        std::ifstream in(std::string(URBANMINE_TEST_DATA_DIR) + "/match/small-s1.json");
        return io::parse_match_instance(std::string(std::istreambuf_iterator<char>(in), {}),
                                        "small-s1.json");
      }();
      if (instance) (void)io::parse_match_schedule(text, "fuzz.json", *instance);
      break;
    }
    case 2:
      (void)io::parse_match_profiles_json(text, "fuzz.json", kSlots);
      break;
    case 3:
      (void)io::parse_match_profiles_csv(text, "fuzz.csv", kSlots);
      break;
    default:
      (void)io::parse_opportunity_csv(text, "fuzz.csv");
      break;
  }
  return 0;
}
