// SPDX-License-Identifier: Apache-2.0
// `urbanmine market rank` as a process.
#include <string>

#include <gtest/gtest.h>

#include "test_support.h"

namespace urbanmine {
namespace {

// Issue 17 papercut: `--weights feedstock=1` kept the other weights at their defaults, so the
// ranking was not the feedstock ranking the user asked for.
TEST(MarketCli, WeightsGivenReplaceTheDefaults) {
  const auto r = testing::run_cli("--quiet --format csv market rank --weights feedstock=1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("\"feedstock=1,policy=0,risk=0,growth=0\""), std::string::npos)
      << r.output.substr(0, 2000);
  EXPECT_EQ(r.output.find("policy=0.25"), std::string::npos) << r.output.substr(0, 2000);
}

}  // namespace
}  // namespace urbanmine
