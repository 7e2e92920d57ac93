// SPDX-License-Identifier: Apache-2.0
// URBANMINE_ASSERT catches bugs only; user input must never trip it (validate at the edges).
#pragma once

namespace urbanmine::core {
[[noreturn]] void assertion_failed(const char* condition, const char* why, const char* file,
                                   int line);
}  // namespace urbanmine::core

#define URBANMINE_ASSERT(cond, why)                                                   \
  do {                                                                                \
    if (!(cond)) ::urbanmine::core::assertion_failed(#cond, why, __FILE__, __LINE__); \
  } while (false)
