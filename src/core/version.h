// SPDX-License-Identifier: Apache-2.0
// The program version and the git hash it was built from (set by CMake).
#pragma once

#include <string_view>

namespace urbanmine::core {
std::string_view version();
std::string_view git_hash();
}  // namespace urbanmine::core
