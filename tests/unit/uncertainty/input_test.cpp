// SPDX-License-Identifier: Apache-2.0
// [uncertainty] parsing, the shipped default set, and draws applied to a copy of the inputs.
#include <cmath>

#include <gtest/gtest.h>

#include "engine/run.h"
#include "engine/uncertainty.h"
#include "io/uncertainty_input.h"

#include "model/run_model.h"
#include "test_support.h"

namespace urbanmine {
namespace {

TEST(UncertaintyInput, ParsesInputsAndCorrelations) {
  core::Diagnostics diags;
  const auto spec = io::parse_uncertainty_toml(R"(
[uncertainty]
defaults = false
[[uncertainty.input]]
name = "collection.fraction"
distribution = "beta"
alpha = 8
beta = 2
source = "test"
[[uncertainty.input]]
name = "pack_size.factor"
distribution = "choice"
options = ["0.9", 1.1]
weights = [1, 3]
[[uncertainty.correlation]]
inputs = ["collection.fraction", "pack_size.factor"]
rank_correlation = 0.4
)",
                                               "t.toml", &engine::is_share_input, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_error().to_string();
  EXPECT_TRUE(spec.present);
  EXPECT_FALSE(spec.use_defaults);
  ASSERT_EQ(spec.inputs.size(), 2U);
  EXPECT_EQ(spec.inputs[0].distribution.kind, uncertainty::DistributionKind::kBeta);
  EXPECT_EQ(spec.inputs[0].source, "test");
  EXPECT_EQ(spec.inputs[1].distribution.options, (std::vector<std::string>{"0.9", "1.1"}));
  ASSERT_EQ(spec.correlations.size(), 1U);
  EXPECT_DOUBLE_EQ(spec.correlations[0].spearman, 0.4);
}

TEST(UncertaintyInput, MissingParameterAndUnknownKeyNameTheEntry) {
  core::Diagnostics diags;
  io::parse_uncertainty_toml(R"([uncertainty]
[[uncertainty.input]]
name = "capacity.factor"
distribution = "triangular"
lower = 0.5
upper = 1.2
[[uncertainty.input]]
name = "pack_size.factor"
distribution = "uniform"
lower = 0.9
upper = 1.1
sd_percent = 3
)",
                             "t.toml", &engine::is_share_input, diags);
  ASSERT_EQ(diags.error_count(), 2U);
  const std::string all = diags.to_error().to_string();
  EXPECT_NE(all.find("'capacity.factor': a triangular needs 'mode'"), std::string::npos) << all;
  EXPECT_NE(all.find("t.toml:2"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown key 'sd_percent'"), std::string::npos) << all;
}

TEST(UncertaintyInput, ShippedDefaultsValidateAndStateTheirSource) {
  core::Diagnostics diags;
  const auto inputs = io::read_uncertainty_defaults(
      testing::source_path("data/uncertainty_defaults.csv"), &engine::is_share_input, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_error().to_string();
  EXPECT_GE(inputs.size(), 15U);
  for (const auto& in : inputs) EXPECT_FALSE(in.source.empty()) << in.name;
  // Every default binds to the baseline's inputs.
  auto plan = engine::prepare_uncertainty(testing::source_path("examples/global.toml"),
                                          testing::source_path("data"));
  ASSERT_TRUE(plan) << plan.error().to_string();
  EXPECT_EQ(plan->inputs.size(), inputs.size());
}

// Doubling every pack doubles new-battery kWh; the base inputs are left untouched.
TEST(UncertaintyDraw, AppliesToACopyOnly) {
  auto plan = engine::prepare_uncertainty(testing::source_path("examples/global.toml"),
                                          testing::source_path("data"));
  ASSERT_TRUE(plan);
  std::vector<double> values(plan->inputs.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = plan->inputs[i].distribution.median();
    if (plan->inputs[i].name == "pack_size.factor") values[i] = 2.0;
  }
  model::ModelInputs copy = plan->base;
  ASSERT_TRUE(engine::apply_draw(*plan, values, copy));
  const double base_pack = plan->base.pack_kwh[0][0].back();
  EXPECT_DOUBLE_EQ(copy.pack_kwh[0][0].back(), 2.0 * base_pack);
  EXPECT_EQ(plan->base.pack_kwh[0][0].back(), base_pack);
  for (const auto& segment : copy.chemistry_share[0]) {
    for (const auto& shares : segment) {
      double sum = 0;
      for (const double s : shares) sum += s;
      EXPECT_NEAR(sum, 1.0, 1e-12);
    }
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = plan->inputs[i].distribution.median();
    if (plan->inputs[i].name == "second_life.share") values[i] = 1.5;
  }
  model::ModelInputs bad = plan->base;
  const auto r = engine::apply_draw(*plan, values, bad);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'second_life.share' drew 1.5"), std::string::npos)
      << r.error().message;
}

// replacement.* inputs (issue 20): the default replaces every failed pack (empty rules); a draw
// spells the rule out per segment and sets the drawn segment only. Replacing fewer packs cuts
// new-battery demand in a run; a share above 1 is refused naming the input.
TEST(UncertaintyDraw, ReplacementRulesAreUncertainInputs) {
  auto plan = engine::prepare_uncertainty(testing::source_path("examples/global.toml"),
                                          testing::source_path("data"));
  ASSERT_TRUE(plan);
  ASSERT_TRUE(plan->base.replacement_probability.empty() ||
              plan->base.replacement_probability.front() == 1.0);
  std::vector<double> values(plan->inputs.size());
  std::size_t found = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = plan->inputs[i].distribution.median();
    if (plan->inputs[i].name == "replacement.probability") {
      values[i] = 0.25;
      ++found;
    }
  }
  ASSERT_EQ(found, 1U) << "replacement.probability is in data/uncertainty_defaults.csv";
  model::ModelInputs copy = plan->base;
  ASSERT_TRUE(engine::apply_draw(*plan, values, copy));
  ASSERT_EQ(copy.replacement_probability.size(), copy.segments.size());
  for (double p : copy.replacement_probability) EXPECT_EQ(p, 0.25);
  for (double a : copy.replacement_max_vehicle_age_years) EXPECT_TRUE(std::isinf(a));
  auto fewer = model::compute_run(copy, {});
  auto all = model::compute_run(plan->base, {});
  ASSERT_TRUE(fewer && all);
  const auto total = [](const engine::RunResults& r) {
    return r.find("new_batteries_kwh")->values.slice("year", "2040")->total();
  };
  EXPECT_LT(total(*fewer), total(*all));
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (plan->inputs[i].name == "replacement.probability") values[i] = 1.5;
  }
  model::ModelInputs bad = plan->base;
  const auto r = engine::apply_draw(*plan, values, bad);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'replacement.probability' drew 1.5"), std::string::npos)
      << r.error().message;
}

}  // namespace
}  // namespace urbanmine
