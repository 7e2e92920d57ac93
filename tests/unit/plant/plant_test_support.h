// SPDX-License-Identifier: Apache-2.0
// Shared fixture for plant tests: the plant defaults loaded once from the repository's data/.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "io/plant_data.h"

#include "test_support.h"

namespace urbanmine::testing {

inline const plant::PlantDefaults& plant_defaults() {
  static const plant::PlantDefaults defaults = [] {
    auto d = io::load_plant_defaults(source_path("data"));
    if (!d) {
      ADD_FAILURE() << d.error().to_string();
      return plant::PlantDefaults{};
    }
    return std::move(*d);
  }();
  return defaults;
}

}  // namespace urbanmine::testing
