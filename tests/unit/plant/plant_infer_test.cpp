// SPDX-License-Identifier: Apache-2.0
// Inverse plant problem (CLP): round trip from a known mix, the SungEel-like output, target mode
// and its infeasible/unbounded cases.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "plant/infer.h"

#include "unit/plant/plant_test_support.h"

namespace urbanmine {
namespace {

using plant::Material;
using testing::plant_defaults;

plant::FeedComponent cells(const std::string& code) {
  auto c = plant::cell_feed(plant_defaults(), code, 1.0);
  EXPECT_TRUE(c.has_value()) << code;
  return *c;
}

// Output of a known mix through the forward model.
std::vector<std::pair<Material, double>> forward_output(
    const std::vector<plant::FeedComponent>& candidates, const std::vector<double>& tonnes,
    const plant::RouteParams& route, const std::vector<Material>& stated) {
  plant::Feed feed;
  for (std::size_t j = 0; j < candidates.size(); ++j) {
    plant::FeedComponent c = candidates[j];
    const double scale = tonnes[j] / c.mass_t;
    c.mass_t *= scale;
    for (auto& v : c.free_t) v *= scale;
    for (auto& v : c.cathode_t) v *= scale;
    feed.components.push_back(c);
  }
  auto b = plant::balance(feed, route, plant_defaults());
  EXPECT_TRUE(b.has_value());
  std::vector<std::pair<Material, double>> out;
  for (Material m : stated) {
    const auto& f = b->materials[plant::index(m)];
    out.emplace_back(m, f.recovered_t + f.in_cathode_powder_t);
  }
  return out;
}

TEST(PlantInfer, RecoversAKnownMixFromItsOwnOutput) {
  plant::InferRequest req;
  req.candidates = {cells("NMC111"), cells("NMC811"), cells("LFP")};
  const std::vector<double> truth = {300.0, 500.0, 200.0};
  req.output_t = forward_output(req.candidates, truth, req.route,
                                {Material::kLi, Material::kNi, Material::kCo, Material::kMn,
                                 Material::kCu, Material::kAl, Material::kGraphite});
  auto r = plant::infer_feed(req, plant_defaults());
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  ASSERT_EQ(r->candidates.size(), 3u);
  for (std::size_t j = 0; j < truth.size(); ++j) {
    EXPECT_NEAR(r->candidates[j].feed_t, truth[j], 1e-6 * truth[j]) << r->candidates[j].label;
  }
  EXPECT_EQ(r->fit_quality, "exact");
  EXPECT_TRUE(r->unique);
  for (const auto& o : r->outputs) EXPECT_NEAR(o.residual_t, 0.0, 1e-6 * o.stated_t);
}

TEST(PlantInfer, RecoversAMixWithBlackMassFromItsOwnOutput) {
  plant::MaterialTonnes bm{};
  bm[plant::index(Material::kLi)] = 0.05;
  bm[plant::index(Material::kNi)] = 0.30;
  bm[plant::index(Material::kCo)] = 0.10;
  bm[plant::index(Material::kGraphite)] = 0.35;
  auto scrap = plant::black_mass_feed(1.0, bm, "scrap");
  ASSERT_TRUE(scrap.has_value());
  plant::InferRequest req;
  req.candidates = {cells("NMC622"), *scrap};
  const std::vector<double> truth = {1234.5, 678.9};
  req.output_t = forward_output(req.candidates, truth, req.route,
                                {Material::kLi, Material::kNi, Material::kCo, Material::kMn});
  auto r = plant::infer_feed(req, plant_defaults());
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(r->candidates[0].feed_t, truth[0], 1e-6 * truth[0]);
  EXPECT_NEAR(r->candidates[1].feed_t, truth[1], 1e-6 * truth[1]);
}

TEST(PlantInfer, SungEelLikeOutputGetsABestMixResidualsAndWords) {
  plant::InferRequest req;
  for (const auto& c : plant_defaults().chemistries) {
    if (c.cell_free_fraction) req.candidates.push_back(cells(c.code));
  }
  req.output_t = {{Material::kCo, 1500.0}, {Material::kNi, 2900.0}, {Material::kLi, 1700.0}};
  auto r = plant::infer_feed(req, plant_defaults());
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->outputs.size(), 3u);
  double modelled_co = 0.0;
  for (std::size_t j = 0; j < r->candidates.size(); ++j) {
    modelled_co += r->candidates[j].feed_t *
                   plant::recovered_per_tonne(req.candidates[j], req.route,
                                              plant_defaults())[plant::index(Material::kCo)];
  }
  EXPECT_NEAR(modelled_co, r->outputs[0].modelled_t, 1e-6);
  EXPECT_FALSE(r->explanation.empty());
  EXPECT_NE(r->explanation.find("hydrometallurgy"), std::string::npos);

  // Pyrometallurgy recovers no Li: the fit must say so and be poor.
  req.route.route = plant::Route::kPyrometallurgy;
  auto pyro = plant::infer_feed(req, plant_defaults());
  ASSERT_TRUE(pyro.has_value());
  EXPECT_EQ(pyro->fit_quality, "poor");
  EXPECT_NE(pyro->explanation.find("recovers no Li"), std::string::npos);
  EXPECT_NEAR(pyro->outputs[2].residual_t, -1700.0, 1e-6);
}

TEST(PlantInfer, TargetModeFindsTheCheapestFeedUnderTheCap) {
  plant::InferRequest req;
  req.mode = plant::InferMode::kTarget;
  req.candidates = {cells("NMC622"), cells("NMC111")};
  // NMC111 costs 200 USD/t more (EverBatt 2019 Table 13): the cheapest feed is all NMC622.
  req.cost_per_t = {core::Money{0.0, "USD", 2019}, core::Money{200.0, "USD", 2019}};
  req.output_t = {{Material::kCo, 100.0}};
  req.max_feed_t = 50000.0;
  auto r = plant::infer_feed(req, plant_defaults());
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  const double co_per_t = plant::recovered_per_tonne(req.candidates[0], req.route,
                                                     plant_defaults())[plant::index(Material::kCo)];
  EXPECT_NEAR(r->candidates[0].feed_t, 100.0 / co_per_t, 1e-6);
  EXPECT_NEAR(r->candidates[1].feed_t, 0.0, 1e-9);

  req.max_feed_t = 10.0;
  auto capped = plant::infer_feed(req, plant_defaults());
  ASSERT_FALSE(capped.has_value());
  EXPECT_EQ(capped.error().code, core::ErrorCode::kInfeasible);

  req.max_feed_t.reset();
  req.cost_per_t = {core::Money{-2000.0, "USD", 2019}, core::Money{200.0, "USD", 2019}};
  auto unbounded = plant::infer_feed(req, plant_defaults());
  ASSERT_FALSE(unbounded.has_value());
  EXPECT_NE(unbounded.error().message.find("unbounded"), std::string::npos);
}

}  // namespace
}  // namespace urbanmine
