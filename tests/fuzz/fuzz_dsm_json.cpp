// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: dsm-reference-v1 cases (io/dsm_json), the body of POST /api/mfa/dsm.
#include "io/dsm_json.h"

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)urbanmine::io::parse_dsm_case(urbanmine::fuzz::as_text(data, size), "fuzz.json");
  return 0;
}
