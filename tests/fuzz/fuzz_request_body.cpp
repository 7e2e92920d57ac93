// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: what the server does with a JSON request body before any route logic:
// io::parse_json (numbers out of range included) and the typed path-aware reads of JsonReader.
#include "io/json_reader.h"

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace io = urbanmine::io;
  auto json = io::parse_json(urbanmine::fuzz::as_text(data, size), "request body");
  if (!json || !json->is_object()) return 0;
  io::JsonReader reader(*json, "request body");
  for (const auto& [key, value] : json->items()) {
    (void)value;
    (void)reader.string(key);
    (void)reader.number(key);
    (void)reader.integer(key);
    (void)reader.boolean(key);
    (void)reader.number_array(key);
    (void)reader.object(key);
  }
  return 0;
}
