// SPDX-License-Identifier: Apache-2.0
// API tests of supply risk, policy checks, the market ranking and scenario validation: the
// standalone risk answers equal the CLI's (one facade), the run-based tables have the columns a
// reader relies on (status, gap, legal reference; each score's parts), bad parameters are 400
// naming the query parameter, and validation lists problems with their location.
#include <chrono>
#include <set>
#include <thread>

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
  EXPECT_EQ(json::parse(res->body)["error"]["location"], location) << res->body;
}

std::string run_baseline(httplib::Client& c) {
  auto started = c.Post("/api/runs", R"({"scenario_id": "baseline"})", "application/json");
  if (!started || started->status != 202) return "";
  const std::string id = json::parse(started->body)["id"];
  for (int i = 0; i < 3000; ++i) {
    const auto run = json::parse(c.Get(("/api/runs/" + id).c_str())->body);
    if (run["state"] == "succeeded") return id;
    if (run["state"] == "failed") return "";
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return "";
}

int column(const json& table, const std::string& name) {
  const auto& cols = table["columns"];
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (cols[i] == name) return static_cast<int>(i);
  }
  return -1;
}

TEST(CoopApi, StandaloneRiskAnswersEqualTheCli) {
  ServerProcess server;
  auto c = server.client();
  auto hhi = c->Get("/api/risk/hhi?element=Co&stage=refining&format=csv");
  ASSERT_TRUE(hhi);
  ASSERT_EQ(hhi->status, 200) << hhi->body;
  auto cli = run_cli("--quiet --format csv risk hhi --element Co --stage refining");
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_EQ(hhi->body, cli.output);
  auto score = c->Get("/api/risk/score?element=Co&import_reliance=0.86&eol_rir=0.22&format=csv");
  ASSERT_TRUE(score);
  ASSERT_EQ(score->status, 200) << score->body;
  auto cli_score =
      run_cli("--quiet --format csv risk score --element Co --import-reliance 0.86 --eol-rir 0.22");
  EXPECT_EQ(score->body, cli_score.output);
  auto j = json::parse(c->Get("/api/risk/hhi?element=lithium")->body);
  ASSERT_EQ(j["tables"][0]["name"], "hhi");
  const int hhi_col = column(j["tables"][0], "hhi");
  ASSERT_GE(hhi_col, 0);
  const double value = j["tables"][0]["rows"][0][hhi_col];
  EXPECT_GT(value, 0.0);
  EXPECT_LE(value, 10000.0);

  expect_error(c->Get("/api/risk/hhi"), 400, "query: element");
  expect_error(c->Get("/api/risk/hhi?element=Xx"), 400, "query: element");
  expect_error(c->Get("/api/risk/hhi?element=Co&stage=moon"), 400, "query: stage");
  expect_error(c->Get("/api/risk/hhi?element=Co&year=19x"), 400, "query: year");
  expect_error(c->Get("/api/risk/score?element=Co&import_reliance=1.5"), 400,
               "query: import_reliance");
}

TEST(CoopApi, PolicyAndMarketOfABaselineRun) {
  ServerProcess server;
  auto c = server.client();
  const std::string id = run_baseline(*c);
  ASSERT_FALSE(id.empty());
  auto policy = c->Get(("/api/runs/" + id + "/policy").c_str());
  ASSERT_TRUE(policy);
  ASSERT_EQ(policy->status, 200) << policy->body;
  const auto checks = json::parse(policy->body)["tables"][0];
  EXPECT_EQ(checks["name"], "policy_checks");
  const int status = column(checks, "status");
  ASSERT_GE(status, 0);
  EXPECT_GE(column(checks, "gap_fraction"), 0);
  EXPECT_GE(column(checks, "legal_reference"), 0);
  std::set<std::string> statuses;
  for (const auto& row : checks["rows"]) statuses.insert(row[status].get<std::string>());
  EXPECT_FALSE(checks["rows"].empty());
  for (const auto& s : statuses) {
    EXPECT_TRUE(s == "pass" || s == "fail" || s == "not_evaluable") << s;
  }
  EXPECT_TRUE(statuses.count("pass") + statuses.count("fail") > 0) << "no rule evaluated";
  // lang=ko: the same rows, the checker's reasons and the rules' metric names in Korean; codes
  // and numbers as they are.
  auto korean = c->Get(("/api/runs/" + id + "/policy?lang=ko").c_str());
  ASSERT_TRUE(korean);
  ASSERT_EQ(korean->status, 200) << korean->body;
  const auto ko = json::parse(korean->body)["tables"][0];
  ASSERT_EQ(ko["rows"].size(), checks["rows"].size());
  const int reason = column(checks, "reason");
  const int rule_id = column(checks, "rule_id");
  ASSERT_GE(reason, 0);
  std::size_t translated = 0;
  for (std::size_t i = 0; i < checks["rows"].size(); ++i) {
    EXPECT_EQ(ko["rows"][i][rule_id], checks["rows"][i][rule_id]);
    // Codes stay codes: the dashboard colours and orders by the status it reads.
    EXPECT_EQ(ko["rows"][i][status], checks["rows"][i][status]);
    const std::string en_reason = checks["rows"][i][reason].get<std::string>();
    if (en_reason.find("is not a quantity of the run model") == std::string::npos) continue;
    EXPECT_NE(ko["rows"][i][reason].get<std::string>().find("실행 모델이 계산하는 양이 아님"),
              std::string::npos)
        << ko["rows"][i][reason];
    ++translated;
  }
  EXPECT_GT(translated, 10u);
  expect_error(c->Get(("/api/runs/" + id + "/policy?lang=fr").c_str()), 400, "query: lang");

  auto market = c->Get(("/api/runs/" + id + "/market").c_str());
  ASSERT_TRUE(market);
  ASSERT_EQ(market->status, 200) << market->body;
  const auto ranking = json::parse(market->body)["tables"][0];
  EXPECT_EQ(ranking["name"], "market_ranking");
  EXPECT_FALSE(ranking["rows"].empty());
  auto weighted = c->Get(
      ("/api/runs/" + id + "/market?weights=feedstock%3D1,policy%3D0,risk%3D0,growth%3D0").c_str());
  ASSERT_TRUE(weighted);
  ASSERT_EQ(weighted->status, 200) << weighted->body;
  EXPECT_NE(json::parse(weighted->body)["tables"][0]["rows"], ranking["rows"])
      << "weights changed nothing";
  auto risk = c->Get(("/api/runs/" + id + "/risk").c_str());
  ASSERT_TRUE(risk);
  EXPECT_EQ(risk->status, 200);
  EXPECT_EQ(json::parse(risk->body)["tables"][0]["name"], "supply_risk");

  expect_error(c->Get(("/api/runs/" + id + "/market?weights=taste%3D1").c_str()), 400,
               "query: weights");
  expect_error(c->Get(("/api/runs/" + id + "/policy?year=never").c_str()), 400, "query: year");
  auto missing = c->Get("/api/runs/424242/policy");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST(CoopApi, ValidateListsProblemsWithLocations) {
  ServerProcess server;
  auto c = server.client();
  auto ok = c->Post("/api/scenarios/baseline/validate", "", "application/json");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["ok"], true) << ok->body;
  const json bad = {
      {"name", "broken"},
      {"toml", "[scenario]\nname = \"broken\"\nfirst_year = 2050\nlast_year = 2010\n"}};
  auto created = c->Post("/api/scenarios", bad.dump(), "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201);
  const std::string id = json::parse(created->body)["id"];
  auto res = c->Post(("/api/scenarios/" + id + "/validate").c_str(), "", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const auto report = json::parse(res->body);
  EXPECT_EQ(report["ok"], false) << res->body;
  ASSERT_FALSE(report["problems"].empty());
  for (const auto& p : report["problems"]) {
    EXPECT_EQ(p["location"].get<std::string>().find("/tmp"), std::string::npos) << p.dump();
  }
  auto missing = c->Post("/api/scenarios/nope/validate", "", "application/json");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

}  // namespace
}  // namespace urbanmine::testing
