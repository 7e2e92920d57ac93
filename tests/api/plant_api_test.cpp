// SPDX-License-Identifier: Apache-2.0
// API tests of the plant endpoints: the balance and the inverse problem answer what the CLI
// answers for the same settings (one facade, one JSON schema per result), as JSON and CSV; the
// body takes JSON objects ({"recovery": {"Li": 0.9}}), not the CLI's KEY=VALUE strings; bad
// fields are 400 naming the JSON path; an unreachable target is 422 (infeasible).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/server_process.h"
#include "test_support.h"

namespace urbanmine::testing {
namespace {

using nlohmann::json;

void expect_error(const httplib::Result& res, int status, const std::string& location) {
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, status) << res->body;
  auto body = json::parse(res->body);
  EXPECT_EQ(body["error"]["location"], location) << res->body;
}

TEST(PlantApi, BalanceMatchesTheCliAsJsonAndCsv) {
  ServerProcess server;
  auto c = server.client();
  const json request = {
      {"chemistry", "NMC622"}, {"mass_tonnes", 1000}, {"route", "pyrometallurgy"}};
  auto res = c->Post("/api/plant/balance", request.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto cli = run_cli(
      "--quiet --format json plant balance --chemistry NMC622 --mass-tonnes 1000 --route "
      "pyrometallurgy");
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_EQ(json::parse(res->body), json::parse(cli.output));

  auto csv = c->Post("/api/plant/balance?format=csv", request.dump(), "application/json");
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_NE(csv->get_header_value("Content-Type").find("text/csv"), std::string::npos);
  auto cli_csv = run_cli(
      "--quiet --format csv plant balance --chemistry NMC622 --mass-tonnes 1000 --route "
      "pyrometallurgy");
  EXPECT_EQ(csv->body, cli_csv.output);
}

TEST(PlantApi, EveryOverrideAsAJsonObjectMatchesTheCliFlags) {
  ServerProcess server;
  auto c = server.client();
  const json request = json::parse(R"({
      "elements": {"Li": 23.2, "Ni": 117.7, "Co": 39.4},
      "black_mass_tonnes": 500,
      "black_mass_composition": {"Li": 0.04, "Ni": 0.2, "Co": 0.06, "graphite": 0.4},
      "route": "hydrometallurgy",
      "recovery": {"Li": 0.9, "cathode_active_material": 0.85},
      "pretreatment_yield": {"Li": 0.95},
      "prices": {"Ni": {"usd_per_t": 16814, "price_year": 2024}},
      "co2_factors": {"Electricity": 0.12},
      "opex": {"usd_per_t": 500, "price_year": 2019},
      "gate_fee": {"usd_per_t": -1000, "price_year": 2019}})");
  auto res = c->Post("/api/plant/balance", request.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto cli = run_cli(
      "--quiet --format json plant balance --elements Li=23.2,Ni=117.7,Co=39.4 "
      "--black-mass-tonnes 500 --black-mass-composition Li=0.04,Ni=0.2,Co=0.06,graphite=0.4 "
      "--route hydrometallurgy --recovery Li=0.9 --recovery cathode_active_material=0.85 "
      "--pretreatment-yield Li=0.95 --price Ni=16814@2024 --co2-factor Electricity=0.12 "
      "--opex-usd-per-t 500@2019 --gate-fee-usd-per-t=-1000@2019");
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  // User-given values name where they came from: the flag, or the JSON path.
  json api = json::parse(res->body);
  json from_cli = json::parse(cli.output);
  EXPECT_EQ(api["products"][1]["price_source"], "user (request body: $.prices.Ni)");
  EXPECT_EQ(from_cli["products"][1]["price_source"], "user (--price Ni)");
  for (auto* j : {&api, &from_cli}) {
    for (auto& p : (*j)["products"]) p["price_source"] = "";
    for (auto& p : (*j)["process_inputs"]) p["co2_source"] = "";
  }
  EXPECT_EQ(api, from_cli);
}

TEST(PlantApi, BadFieldsAre400NamingTheJsonPath) {
  ServerProcess server;
  auto c = server.client();
  expect_error(c->Post("/api/plant/balance", R"({"chemistry": "NMC622", "mass_tonnes": "lots"})",
                       "application/json"),
               400, "request body: $.mass_tonnes");
  expect_error(c->Post("/api/plant/balance",
                       R"({"chemistry": "NMC622", "mass_tonnes": 10, "recovery": {"Li": 1.2}})",
                       "application/json"),
               400, "request body: $.recovery.Li");
  // The CLI's mini-language is not accepted inside JSON.
  expect_error(c->Post("/api/plant/balance",
                       R"({"chemistry": "NMC622", "mass_tonnes": 10, "recovery": ["Li=0.9"]})",
                       "application/json"),
               400, "request body: $.recovery");
  expect_error(c->Post("/api/plant/balance",
                       R"({"chemistry": "NMC622", "mass_tonnes": 10, "recovery": {"Xx": 0.5}})",
                       "application/json"),
               400, "request body: $.recovery.Xx");
  expect_error(c->Post("/api/plant/balance",
                       R"({"chemistry": "NMC622", "mass_tonnes": 10,
                           "prices": {"Ni": {"usd_per_t": 16000}}})",
                       "application/json"),
               400, "request body: $.prices.Ni.price_year");
  expect_error(c->Post("/api/plant/balance", R"({"chemistry": "NMC999", "mass_tonnes": 10})",
                       "application/json"),
               400, "request body: $.chemistry");
  expect_error(c->Post("/api/plant/balance",
                       R"({"black_mass_tonnes": 10, "black_mass_composition": {"Li": 2}})",
                       "application/json"),
               400, "request body: $.black_mass_composition.Li");
  expect_error(c->Post("/api/plant/balance", "[1, 2]", "application/json"), 400, "request body: $");
  // A misspelt key is an error naming it (it used to be ignored, giving "no feed given").
  expect_error(c->Post("/api/plant/balance", R"({"chemistry": "NMC622", "mass_tonne": 10})",
                       "application/json"),
               400, "request body: $.mass_tonne");
  expect_error(c->Post("/api/plant/infer", R"({"output": {"Co": 1}, "candidate": ["LFP"]})",
                       "application/json"),
               400, "request body: $.candidate");
  expect_error(c->Post("/api/plant/infer", R"({"target": true})", "application/json"), 400,
               "request body: $.output");
}

TEST(PlantApi, InferMatchesTheCliAndUnreachableTargetsAre422) {
  ServerProcess server;
  auto c = server.client();
  auto cli = run_cli("--quiet plant infer --output Co=1500,Li=1700,Ni=2900 --format csv");
  auto res = c->Post("/api/plant/infer?format=csv",
                     R"({"output": {"Co": 1500, "Ni": 2900, "Li": 1700}})", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->body, cli.output);
  auto j = c->Post("/api/plant/infer", R"({"output": {"Co": 1500, "Ni": 2900, "Li": 1700}})",
                   "application/json");
  ASSERT_TRUE(j);
  auto body = json::parse(j->body);
  EXPECT_EQ(body["mode"], "fit");
  EXPECT_GT(body["total_feed_tonnes"].get<double>(), 0.0);
  EXPECT_EQ(body["outputs"].size(), 3u);
  // One schema for the result: the server answers exactly what `plant infer --format json` does
  // (a JSON object's members come in key order).
  auto cli_json = run_cli("--quiet --format json plant infer --output Co=1500,Li=1700,Ni=2900");
  ASSERT_EQ(cli_json.exit_code, 0) << cli_json.output;
  EXPECT_EQ(body, json::parse(cli_json.output));
  // Candidates as a list and extra black-mass candidates as objects, like --candidates and
  // --candidate.
  auto mixed = c->Post("/api/plant/infer",
                       R"({"output": {"Co": 1500, "Ni": 2900}, "candidates": ["NMC622", "LFP"],
                           "extra_candidates": {"scrap": {"Li": 0.07, "Ni": 0.36, "Co": 0.12}}})",
                       "application/json");
  ASSERT_TRUE(mixed);
  ASSERT_EQ(mixed->status, 200) << mixed->body;
  auto cli_mixed = run_cli(
      "--quiet --format json plant infer --output Co=1500,Ni=2900 --candidates NMC622,LFP "
      "--candidate scrap:Li=0.07,Ni=0.36,Co=0.12");
  ASSERT_EQ(cli_mixed.exit_code, 0) << cli_mixed.output;
  EXPECT_EQ(json::parse(mixed->body), json::parse(cli_mixed.output));
  auto unreachable = c->Post(
      "/api/plant/infer", R"({"output": {"Co": 1000000}, "target": true, "max_feed_tonnes": 10})",
      "application/json");
  ASSERT_TRUE(unreachable);
  EXPECT_EQ(unreachable->status, 422) << unreachable->body;
  EXPECT_EQ(json::parse(unreachable->body)["error"]["code"], "infeasible");
}

}  // namespace
}  // namespace urbanmine::testing
