// SPDX-License-Identifier: Apache-2.0
// Reports a failed internal assertion on stderr and aborts: a bug, never a user error.
#include "core/assert.h"

#include <cstdio>
#include <cstdlib>

namespace urbanmine::core {

void assertion_failed(const char* condition, const char* why, const char* file, int line) {
  std::fprintf(stderr, "urbanmine: internal error: assertion '%s' failed at %s:%d: %s\n", condition,
               file, line, why);
  std::abort();
}

}  // namespace urbanmine::core
