// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: policy rule tables (io/policy_rules) given as text.
#include "io/policy_rules.h"

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)urbanmine::io::parse_policy_rules(urbanmine::fuzz::as_text(data, size), "fuzz.csv");
  return 0;
}
