// SPDX-License-Identifier: Apache-2.0
// Internal to mfa: numbers in error messages, written so that they read back exactly.
#pragma once

#include <array>
#include <charconv>
#include <string>
#include <system_error>

namespace urbanmine::mfa::detail {

// Shortest text that reads back as the same double (e.g. "0.3", "-2", "1e-09").
inline std::string number_text(double v) {
  std::array<char, 32> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return ec == std::errc() ? std::string(buf.data(), end) : std::to_string(v);
}

}  // namespace urbanmine::mfa::detail
