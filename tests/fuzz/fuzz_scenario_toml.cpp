// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: scenario TOML (io/scenario_toml) never crashes; problems become diagnostics.
#include "core/error.h"
#include "io/scenario_toml.h"

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  urbanmine::core::Diagnostics diags;
  auto spec =
      urbanmine::io::parse_scenario_toml(urbanmine::fuzz::as_text(data, size), "fuzz.toml", diags);
  (void)spec;
  return 0;
}
