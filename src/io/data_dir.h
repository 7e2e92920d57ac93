// SPDX-License-Identifier: Apache-2.0
// Where a run finds its data and the shipped baseline scenario when none is given.
#pragma once

#include <string>

namespace urbanmine::io {

// The data folder used when none is given: $URBANMINE_DATA_DIR, else the source tree's data/
// (compiled in), else the installed share/urbanmine/data.
std::string default_data_dir();
// The shipped baseline scenario (examples/global.toml), used when no scenario is given.
std::string default_scenario_path();

}  // namespace urbanmine::io
