// SPDX-License-Identifier: Apache-2.0
// API tests of the plant endpoints: the balance and the inverse problem answer what the CLI
// answers for the same settings (one facade), as JSON and CSV; bad fields are 400 naming the
// JSON path; an unreachable target is 422 (infeasible).
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

TEST(PlantApi, BadFieldsAre400NamingTheJsonPath) {
  ServerProcess server;
  auto c = server.client();
  expect_error(c->Post("/api/plant/balance", R"({"chemistry": "NMC622", "mass_tonnes": "lots"})",
                       "application/json"),
               400, "request body: $.mass_tonnes");
  expect_error(c->Post("/api/plant/balance",
                       R"({"chemistry": "NMC622", "mass_tonnes": 10, "recovery": ["Li=1.2"]})",
                       "application/json"),
               400, "request body: $.recovery (Li)");
  expect_error(c->Post("/api/plant/balance", "[1, 2]", "application/json"), 400, "request body: $");
  expect_error(c->Post("/api/plant/infer", R"({"target": true})", "application/json"), 400,
               "request body: $.output");
}

TEST(PlantApi, InferMatchesTheCliAndUnreachableTargetsAre422) {
  ServerProcess server;
  auto c = server.client();
  auto cli = run_cli("--quiet plant infer --output Co=1500,Ni=2900,Li=1700 --format csv");
  auto res = c->Post("/api/plant/infer?format=csv", R"({"output": "Co=1500,Ni=2900,Li=1700"})",
                     "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->body, cli.output);
  auto j =
      c->Post("/api/plant/infer", R"({"output": "Co=1500,Ni=2900,Li=1700"})", "application/json");
  ASSERT_TRUE(j);
  auto body = json::parse(j->body);
  EXPECT_EQ(body["mode"], "fit");
  EXPECT_GT(body["total_feed_tonnes"].get<double>(), 0.0);
  EXPECT_EQ(body["outputs"].size(), 3u);
  auto unreachable = c->Post("/api/plant/infer",
                             R"({"output": "Co=1000000", "target": true, "max_feed_tonnes": 10})",
                             "application/json");
  ASSERT_TRUE(unreachable);
  EXPECT_EQ(unreachable->status, 422) << unreachable->body;
  EXPECT_EQ(json::parse(unreachable->body)["error"]["code"], "infeasible");
}

}  // namespace
}  // namespace urbanmine::testing
