// SPDX-License-Identifier: Apache-2.0
// Crash test: the server is killed with SIGKILL while a run is going, then restarted on the same
// store. Every run that was reported succeeded (committed) must come back intact (same summary,
// same table rows, the same Sankey of another year and policy checks, loaded back from the
// store), the interrupted run must be reported failed, and the store must pass SQLite's
// integrity check and open cleanly.
#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/server_process.h"
#include "test_support.h"

namespace urbanmine::testing {
namespace {

using nlohmann::json;

std::string wait_for(httplib::Client& c, const std::string& id, const std::string& until) {
  for (int i = 0; i < 6000; ++i) {
    auto res = c.Get(("/api/runs/" + id).c_str());
    if (!res) return "no response";
    const std::string state = json::parse(res->body)["state"];
    if (state != "running" || until == "running") return state;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return "timeout";
}

std::string sqlite_integrity(const std::string& db) {
  FILE* pipe = popen(("sqlite3 '" + db + "' 'PRAGMA integrity_check;' 2>&1").c_str(), "r");
  if (pipe == nullptr) return "popen failed";
  std::string out;
  char buf[256];
  while (fgets(buf, sizeof buf, pipe) != nullptr) out += buf;
  pclose(pipe);
  return out;
}

TEST(ServerCrash, CommittedRunsSurviveSigkillDuringARun) {
  TempDir dir;
  const std::string db = dir.path("crash.db");
  std::vector<std::string> committed;
  std::map<std::string, std::string> summaries;
  std::map<std::string, std::string> tables;
  std::map<std::string, std::string> rerendered;  // a Sankey of another year, the policy checks
  std::string interrupted;
  const auto rerender = [](httplib::Client& c, const std::string& id) {
    auto sankey = c.Get(("/api/runs/" + id + "/sankey?year=2030&element=Ni").c_str());
    auto policy = c.Get(("/api/runs/" + id + "/policy").c_str());
    if (!sankey || !policy) return std::string("no answer");
    return std::to_string(sankey->status) + sankey->body + std::to_string(policy->status) +
           policy->body;
  };
  {
    ServerProcess server({"--db", db, "--max-runs", "4"});
    ASSERT_TRUE(server.running());
    auto c = server.client();
    for (int i = 0; i < 2; ++i) {
      auto started = c->Post("/api/runs", R"({"scenario_id": "baseline"})", "application/json");
      ASSERT_TRUE(started);
      ASSERT_EQ(started->status, 202) << started->body;
      const std::string id = json::parse(started->body)["id"];
      ASSERT_EQ(wait_for(*c, id, "done"), "succeeded");
      committed.push_back(id);
      summaries[id] = c->Get(("/api/runs/" + id + "/summary").c_str())->body;
      tables[id] = c->Get(("/api/runs/" + id + "/tables/end_of_life_t?format=csv").c_str())->body;
      ASSERT_FALSE(tables[id].empty());
      rerendered[id] = rerender(*c, id);
      ASSERT_EQ(rerendered[id].rfind("200", 0), 0U) << rerendered[id].substr(0, 300);
    }
    // Start more runs and kill the server while they are going.
    for (int i = 0; i < 3; ++i) {
      auto started = c->Post("/api/runs", R"({"scenario_id": "baseline"})", "application/json");
      ASSERT_TRUE(started);
      ASSERT_EQ(started->status, 202) << started->body;
      interrupted = json::parse(started->body)["id"];
    }
    ASSERT_EQ(wait_for(*c, interrupted, "running"), "running");
    server.kill_hard();
  }
  EXPECT_NE(sqlite_integrity(db).find("ok"), std::string::npos) << sqlite_integrity(db);

  ServerProcess restarted({"--db", db});
  ASSERT_TRUE(restarted.running()) << "the server did not start on the crashed store";
  auto c = restarted.client();
  for (const auto& id : committed) {
    auto run = c->Get(("/api/runs/" + id).c_str());
    ASSERT_TRUE(run);
    ASSERT_EQ(run->status, 200);
    EXPECT_EQ(json::parse(run->body)["state"], "succeeded") << run->body;
    auto summary = c->Get(("/api/runs/" + id + "/summary").c_str());
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->body, summaries[id]);
    auto table = c->Get(("/api/runs/" + id + "/tables/end_of_life_t?format=csv").c_str());
    ASSERT_TRUE(table);
    EXPECT_EQ(table->body, tables[id]);
    // Runs of the killed process are loaded back from the store whole: other Sankey years and
    // the cooperation routes answer exactly as they did before the crash.
    EXPECT_EQ(rerender(*c, id), rerendered[id]);
  }
  auto lost = c->Get(("/api/runs/" + interrupted).c_str());
  ASSERT_TRUE(lost);
  ASSERT_EQ(lost->status, 200) << lost->body;
  const auto lost_run = json::parse(lost->body);
  // Either it committed before the kill landed, or it is reported failed (never half-stored).
  if (lost_run["state"] == "succeeded") {
    EXPECT_EQ(c->Get(("/api/runs/" + interrupted + "/summary").c_str())->status, 200);
  } else {
    EXPECT_EQ(lost_run["state"], "failed") << lost->body;
    EXPECT_NE(lost_run["error"]["message"].get<std::string>().find("interrupted"),
              std::string::npos);
    EXPECT_EQ(c->Get(("/api/runs/" + interrupted + "/summary").c_str())->status, 409);
  }
  // The store still takes new runs.
  auto again = c->Post("/api/runs", R"({"scenario_id": "baseline"})", "application/json");
  ASSERT_TRUE(again);
  ASSERT_EQ(again->status, 202);
  EXPECT_EQ(wait_for(*c, json::parse(again->body)["id"], "done"), "succeeded");
  EXPECT_EQ(restarted.stop(), 0);
  EXPECT_NE(sqlite_integrity(db).find("ok"), std::string::npos);
}

}  // namespace
}  // namespace urbanmine::testing
