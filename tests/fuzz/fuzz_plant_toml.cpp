// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: plant TOML documents (io/plant_data) against the project's plant defaults.
#include "io/plant_data.h"

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto defaults = urbanmine::io::load_plant_defaults(URBANMINE_DATA_DIR);
  if (!defaults) return 0;
  (void)urbanmine::io::parse_plant_toml(urbanmine::fuzz::as_text(data, size), "fuzz.toml",
                                        *defaults);
  return 0;
}
