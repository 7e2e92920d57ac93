// SPDX-License-Identifier: Apache-2.0
// Every dsm-reference-v1 case in tests/data/dsm (and in $URBANMINE_DSM_CASES_DIR, if set) is
// reproduced to 1e-9 of each array's largest absolute value, through the library and the CLI.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/dsm.h"

#include "test_support.h"

namespace urbanmine {
namespace {

constexpr double kGate = 1e-9;
const char* const kArrays[] = {"survival", "stock_by_cohort", "outflow_by_cohort", "stock",
                               "outflow",  "inflow",          "stock_change"};

std::vector<std::string> case_files() {
  std::vector<std::string> out;
  std::vector<std::string> dirs = {testing::test_data("dsm")};
  if (const char* extra = std::getenv("URBANMINE_DSM_CASES_DIR")) dirs.emplace_back(extra);
  for (const auto& dir : dirs) {
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() == ".json") out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void flatten(const nlohmann::json& j, std::vector<double>& out) {
  if (j.is_array()) {
    for (const auto& x : j) flatten(x, out);
  } else {
    out.push_back(j.get<double>());
  }
}

nlohmann::json load(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// Compares every output array of `got` with the reference `want`; reports the scaled error.
void expect_matches(const nlohmann::json& want, const nlohmann::json& got,
                    const std::string& label) {
  for (const char* key : kArrays) {
    ASSERT_TRUE(got.contains(key)) << label << ": missing output." << key;
    std::vector<double> a;
    std::vector<double> b;
    flatten(want.at(key), a);
    flatten(got.at(key), b);
    ASSERT_EQ(a.size(), b.size()) << label << ": output." << key << " has the wrong shape";
    double scale = 1.0;
    for (double v : a) scale = std::max(scale, std::fabs(v));
    double worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::fabs(a[i] - b[i]));
    EXPECT_LE(worst / scale, kGate) << label << ": output." << key;
  }
  // Matrices: entries with c > t are exactly 0.
  for (const char* key : {"survival", "stock_by_cohort", "outflow_by_cohort"}) {
    const auto& m = got.at(key);
    for (std::size_t t = 0; t < m.size(); ++t) {
      ASSERT_EQ(m[t].size(), m.size()) << label << ": " << key << " is not square";
      for (std::size_t c = t + 1; c < m[t].size(); ++c) {
        ASSERT_EQ(m[t][c].get<double>(), 0.0)
            << label << ": " << key << "[" << t << "][" << c << "] is above the diagonal";
      }
    }
  }
}

TEST(DsmReference, ThereAreReferenceCases) { EXPECT_GE(case_files().size(), 8U); }

TEST(DsmReference, LibraryReproducesEveryCase) {
  for (const auto& path : case_files()) {
    const auto ref = load(path);
    auto outcome = engine::solve_dsm_file(path);
    ASSERT_TRUE(outcome.has_value()) << path << ": " << outcome.error().to_string();
    const auto got = nlohmann::json::parse(engine::dsm_result_json(*outcome));
    EXPECT_EQ(got.at("format"), "dsm-result-v1");
    expect_matches(ref.at("output"), got.at("output"), path);
    EXPECT_TRUE(outcome->solution.balance.ok) << path;
  }
}

TEST(DsmReference, CliReproducesEveryCase) {
  testing::TempDir dir;
  for (const auto& path : case_files()) {
    const auto out = dir.path("result.json");
    const auto r = testing::run_cli("mfa dsm '" + path + "' --output '" + out + "' --quiet");
    ASSERT_EQ(r.exit_code, 0) << path << ": " << r.output;
    const auto ref = load(path);
    const auto got = load(out);
    expect_matches(ref.at("output"), got.at("output"), path);
  }
}

TEST(DsmReference, CorrectedStockDrivenCaseReportsCorrectionYears) {
  auto outcome = engine::solve_dsm_file(
      testing::test_data("dsm/s07_stock_normal_negative_inflow_corrected_T60.json"));
  ASSERT_TRUE(outcome.has_value());
  const auto ref =
      load(testing::test_data("dsm/s07_stock_normal_negative_inflow_corrected_T60.json"));
  std::vector<std::size_t> want;
  for (const auto& v : ref.at("notes").at("negative_inflow_years_index")) {
    want.push_back(v.get<std::size_t>());
  }
  EXPECT_EQ(outcome->solution.result.negative_inflow_years, want);
}

}  // namespace
}  // namespace urbanmine
