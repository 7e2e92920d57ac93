// SPDX-License-Identifier: Apache-2.0
// Bad dsm-reference-v1 input through `urbanmine mfa dsm`: exit code 3, a message naming the file
// and the JSON path with a hint, and nothing written (a new --output is not created, an existing
// one is left untouched).
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace urbanmine {
namespace {

// A small valid case; each test breaks one thing.
nlohmann::json valid_case() {
  return nlohmann::json::parse(R"({
    "format": "dsm-reference-v1", "case_id": "bad", "mode": "inflow_driven",
    "negative_inflow_correction": false, "age_offset": 0.0,
    "time": [2020, 2021, 2022, 2023],
    "lifetime": {"type": "Normal", "mean": [5, 5, 6, 6], "std": [1.5, 1.5, 2, 2]},
    "input": {"inflow": [10, 12, 0, 9]}
  })");
}

struct BadCase {
  const char* name;
  const char* json_path;  // what the message must name
  std::function<void(nlohmann::json&)> breaks;
};

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

// Runs the CLI on `text`; checks exit 3, the file and `json_path` in the message, and that
// --output is neither created nor, when it exists, changed.
void expect_rejected(const std::string& name, const std::string& text,
                     const std::string& json_path) {
  SCOPED_TRACE(name);
  testing::TempDir dir;
  const std::string input = dir.path(name + ".json");
  write(input, text);
  const std::string fresh = dir.path("fresh.json");
  auto r = testing::run_cli("mfa dsm '" + input + "' --output '" + fresh + "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(input + ": " + json_path), std::string::npos)
      << "message should name '" << input << ": " << json_path << "':\n"
      << r.output;
  EXPECT_NE(r.output.find("hint: "), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(fresh)) << "--output was created";

  const std::string existing = dir.path("existing.json");
  write(existing, "previous result\n");
  r = testing::run_cli("mfa dsm '" + input + "' --output '" + existing + "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_EQ(read_all(existing), "previous result\n") << "an existing --output was changed";
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    const auto file = e.path().filename().string();
    EXPECT_TRUE(file == name + ".json" || file == "existing.json") << "left behind: " << file;
  }
}

TEST(DsmCliErrors, EachBadFieldExitsWithCode3NamingFileAndJsonPathAndWritesNothing) {
  const BadCase cases[] = {
      {"missing_lifetime", "$.lifetime", [](auto& j) { j.erase("lifetime"); }},
      {"missing_mode", "$.mode", [](auto& j) { j.erase("mode"); }},
      {"unknown_mode", "$.mode", [](auto& j) { j["mode"] = "flow_driven"; }},
      {"wrong_format", "$.format", [](auto& j) { j["format"] = "dsm-reference-v9"; }},
      {"missing_stock_in_stock_mode", "$.input.stock", [](auto& j) { j["mode"] = "stock_driven"; }},
      {"missing_inflow", "$.input.inflow", [](auto& j) { j["input"].erase("inflow"); }},
      {"inflow_too_short", "$.input.inflow",
       [](auto& j) {
         j["input"]["inflow"] = {1, 2, 3};
       }},
      {"mean_too_long", "$.lifetime.mean",
       [](auto& j) {
         j["lifetime"]["mean"] = {5, 5, 5, 5, 5};
       }},
      {"negative_inflow", "$.input.inflow[2]", [](auto& j) { j["input"]["inflow"][2] = -1.0; }},
      {"null_inflow", "$.input.inflow[1]", [](auto& j) { j["input"]["inflow"][1] = nullptr; }},
      {"nan_string_stock", "$.input.stock[1]",
       [](auto& j) {
         j["mode"] = "stock_driven";
         j["input"]["stock"] = {1.0, "NaN", 2.0, 3.0};
       }},
      {"negative_stock", "$.input.stock[0]",
       [](auto& j) {
         j["mode"] = "stock_driven";
         j["input"]["stock"] = {-1.0, 1.0, 2.0, 3.0};
       }},
      {"unknown_lifetime_type", "$.lifetime.type",
       [](auto& j) { j["lifetime"]["type"] = "Gamma"; }},
      {"zero_std", "$.lifetime.std[1]", [](auto& j) { j["lifetime"]["std"][1] = 0.0; }},
      {"negative_std", "$.lifetime.std[0]", [](auto& j) { j["lifetime"]["std"][0] = -2.0; }},
      {"negative_mean", "$.lifetime.mean[3]", [](auto& j) { j["lifetime"]["mean"][3] = -6.0; }},
      {"mean_not_array", "$.lifetime.mean", [](auto& j) { j["lifetime"]["mean"] = 5.0; }},
      {"weibull_zero_shape", "$.lifetime.shape[2]",
       [](auto& j) {
         j["lifetime"] = {
             {"type", "Weibull"}, {"shape", {2.0, 2.0, 0.0, 2.0}}, {"scale", {9.0, 9.0, 9.0, 9.0}}};
       }},
      {"weibull_negative_scale", "$.lifetime.scale[0]",
       [](auto& j) {
         j["lifetime"] = {{"type", "Weibull"},
                          {"shape", {2.0, 2.0, 2.0, 2.0}},
                          {"scale", {-9.0, 9.0, 9.0, 9.0}}};
       }},
      {"lognormal_without_parameterisation", "$.lifetime.lognormal_parameterisation",
       [](auto& j) { j["lifetime"]["type"] = "LogNormal"; }},
      {"lognormal_zero_mean", "$.lifetime.mean[0]",
       [](auto& j) {
         j["lifetime"]["type"] = "LogNormal";
         j["lifetime"]["lognormal_parameterisation"] = "moments";
         j["lifetime"]["mean"][0] = 0.0;
       }},
      {"fractional_year", "$.time[1]", [](auto& j) { j["time"][1] = 2020.5; }},
      {"time_not_increasing", "$.time[2]", [](auto& j) { j["time"][2] = 2021; }},
      {"time_string", "$.time[0]", [](auto& j) { j["time"][0] = "2020"; }},
      {"age_offset_out_of_range", "$.age_offset", [](auto& j) { j["age_offset"] = 1.5; }},
      {"age_offset_string", "$.age_offset", [](auto& j) { j["age_offset"] = "0.5"; }},
      {"correction_not_bool", "$.negative_inflow_correction",
       [](auto& j) { j["negative_inflow_correction"] = "yes"; }},
      {"input_not_object", "$.input",
       [](auto& j) {
         j["input"] = {1, 2, 3, 4};
       }},
  };
  for (const auto& bad : cases) {
    auto j = valid_case();
    bad.breaks(j);
    expect_rejected(bad.name, j.dump(), bad.json_path);
  }
}

TEST(DsmCliErrors, TheValidBaseCaseIsAccepted) {
  testing::TempDir dir;
  const std::string input = dir.path("ok.json");
  write(input, valid_case().dump());
  const auto r =
      testing::run_cli("mfa dsm '" + input + "' --output '" + dir.path("out.json") + "' --quiet");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(std::filesystem::exists(dir.path("out.json")));
}

TEST(DsmCliErrors, CheckWithoutExpectedOutputExitsWithCode3) {
  testing::TempDir dir;
  const std::string input = dir.path("no_output.json");
  write(input, valid_case().dump());
  const auto r =
      testing::run_cli("mfa dsm '" + input + "' --check --output '" + dir.path("out.json") + "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find(input + ": $.output"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("out.json")));
}

TEST(DsmCliErrors, MalformedJsonAndNonObjectsExitWithCode3) {
  expect_rejected("truncated", R"({"format": "dsm-reference-v1", "mode": )", "byte ");
  expect_rejected("nan_literal", R"({"format": "dsm-reference-v1", "age_offset": NaN})", "byte ");
  expect_rejected("empty", "", "byte ");
  expect_rejected("top_level_array", "[1, 2, 3]", "$");
}

// A stock the model cannot hold (first-year survival 0) is a warning; --strict makes it exit 3.
TEST(DsmCliErrors, UnholdableStockIsAWarningAndUnderStrictAnError) {
  auto j = valid_case();
  j["mode"] = "stock_driven";
  j["lifetime"] = {{"type", "Fixed"}, {"mean", {5.0, 0.0, 5.0, 5.0}}};
  j["input"] = {{"stock", {10.0, 12.0, 12.0, 12.0}}};
  testing::TempDir dir;
  const std::string input = dir.path("unholdable.json");
  write(input, j.dump());
  auto r = testing::run_cli("mfa dsm '" + input + "' --output '" + dir.path("out.json") + "'");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("warn"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(input + ": $.input.stock[1]"), std::string::npos) << r.output;
  r = testing::run_cli("--strict mfa dsm '" + input + "' --output '" + dir.path("strict.json") +
                       "'");
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir.path("strict.json")));
}

}  // namespace
}  // namespace urbanmine
