// SPDX-License-Identifier: Apache-2.0
// Golden test of the baseline: runs examples/global.toml on the shipped data and compares its
// summary.json with tests/golden/baseline/expected/summary.json within tolerance.json. The
// expected file changes only through an explicit update (tools/update-golden.sh, or
// URBANMINE_UPDATE_GOLDEN=1 when running this test), followed by a review of its git diff.
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/run.h"
#include "io/files.h"

#include "golden_compare.h"
#include "report/run_outputs.h"
#include "test_support.h"

namespace urbanmine::testing {
namespace {

constexpr std::size_t kMaxDifferencesShown = 40;

TEST(GoldenBaseline, SummaryMatchesTheReviewedCopy) {
  engine::RunOptions options;
  options.data_dir = source_path("data");
  auto results = engine::run_scenario_file(source_path("examples/global.toml"), options);
  ASSERT_TRUE(results.has_value()) << results.error().to_string();
  const std::string actual = report::summary_json(*results, report::RenderOptions{});

  const std::string expected_path = source_path("tests/golden/baseline/expected/summary.json");
  const char* update = std::getenv("URBANMINE_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    ASSERT_TRUE(io::write_file_atomic(expected_path, actual).has_value());
    GTEST_SKIP() << "updated " << expected_path << "; review it with git diff before committing";
  }
  const auto expected_text = io::read_text_file(expected_path);
  ASSERT_TRUE(expected_text.has_value()) << expected_text.error().to_string();
  const auto tolerance_text =
      io::read_text_file(source_path("tests/golden/baseline/tolerance.json"));
  ASSERT_TRUE(tolerance_text.has_value()) << tolerance_text.error().to_string();

  const auto diff =
      golden_diff(nlohmann::json::parse(*expected_text), nlohmann::json::parse(actual),
                  GoldenTolerance::from_json(nlohmann::json::parse(*tolerance_text)));
  std::string shown;
  for (std::size_t i = 0; i < diff.size() && i < kMaxDifferencesShown; ++i) {
    shown += "  " + diff[i] + "\n";
  }
  EXPECT_TRUE(diff.empty()) << diff.size() << " difference(s) from " << expected_path << ":\n"
                            << shown
                            << "If the change is intended, run tools/update-golden.sh and review "
                               "the diff of tests/golden.";
}

}  // namespace
}  // namespace urbanmine::testing
