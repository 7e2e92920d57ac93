// SPDX-License-Identifier: Apache-2.0
// API tests of runs: start the baseline, poll progress to success, read summary, tables (JSON,
// CSV, filtered by region, element and year), record tables, the Sankey data and the report;
// compare with the engine facade's own outputs for the same scenario; 409 before a run finished,
// 404 for unknown runs and tables, 400 for bad filters, 429 beyond the run cap, 401 with a token.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/run.h"

#include "api/server_process.h"
#include "report/run_outputs.h"
#include "test_support.h"

namespace urbanmine::testing {
namespace {

using nlohmann::json;

json parse(const std::string& text) { return json::parse(text); }

void expect_error(const httplib::Result& res, int status, const std::string& code) {
  ASSERT_TRUE(res) << "no response";
  EXPECT_EQ(res->status, status) << res->body;
  auto body = json::parse(res->body, nullptr, false);
  ASSERT_TRUE(body.is_object() && body.contains("error")) << res->body;
  EXPECT_EQ(body["error"]["code"], code) << res->body;
}

// Starts a scenario (id or name) and waits until it finished; returns the final run object.
json run_scenario(httplib::Client& c, const std::string& scenario,
                  const httplib::Headers& headers = {}) {
  auto started =
      c.Post("/api/runs", headers, json{{"scenario_id", scenario}}.dump(), "application/json");
  EXPECT_TRUE(started);
  if (!started) return {};
  EXPECT_EQ(started->status, 202) << started->body;
  const std::string id = parse(started->body)["id"];
  double last_progress = -1.0;
  for (int i = 0; i < 3000; ++i) {
    auto res = c.Get(("/api/runs/" + id).c_str());
    EXPECT_TRUE(res);
    if (!res) return {};
    auto run = parse(res->body);
    const double p = run["progress_fraction"];
    EXPECT_GE(p, last_progress) << "progress went backwards";
    last_progress = p;
    if (run["state"] != "running") return run;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "run " << id << " did not finish";
  return {};
}

json run_baseline(httplib::Client& c, const httplib::Headers& headers = {}) {
  return run_scenario(c, "baseline", headers);
}

TEST(RunsApi, BaselineRunsToSuccessAndMatchesTheEngine) {
  TempDir dir;
  ServerProcess server({"--db", dir.path("api.db")});
  auto c = server.client();
  auto scenarios = c->Get("/api/scenarios");
  ASSERT_TRUE(scenarios);
  const auto scenario_list = parse(scenarios->body)["scenarios"];
  bool has_baseline = false;
  for (const auto& s : scenario_list) has_baseline |= s["name"] == "baseline";
  EXPECT_TRUE(has_baseline) << scenarios->body;

  auto run = run_baseline(*c);
  ASSERT_EQ(run["state"], "succeeded") << run.dump();
  EXPECT_EQ(run["progress_fraction"], 1.0);
  const std::string id = run["id"];
  const std::string base = "/api/runs/" + id;

  // The engine facade run in-process on the same scenario gives the same key figures and
  // findings (the server adds no logic of its own).
  auto summary = c->Get((base + "/summary").c_str());
  ASSERT_TRUE(summary);
  ASSERT_EQ(summary->status, 200);
  auto direct = engine::run_scenario_file(engine::default_scenario_path(), {});
  ASSERT_TRUE(direct) << direct.error().to_string();
  report::RenderOptions render;
  render.sankey_year = std::min(report::kDefaultSankeyYear, direct->meta.last_year);
  json cli_summary = json::parse(report::summary_json(*direct, render));
  json api_summary = parse(summary->body);
  EXPECT_EQ(api_summary["format"], cli_summary["format"]);
  EXPECT_EQ(api_summary["metadata"]["scenario_hash"], cli_summary["metadata"]["scenario_hash"]);
  EXPECT_EQ(api_summary["key_figures"], cli_summary["key_figures"]);
  EXPECT_EQ(api_summary["findings"], cli_summary["findings"]);

  // Tables: list, then one filtered by region, element and year as JSON and as CSV.
  auto tables = c->Get((base + "/tables").c_str());
  ASSERT_TRUE(tables);
  auto list = parse(tables->body);
  ASSERT_FALSE(list["tables"].empty());
  bool has_eol = false;
  for (auto& t : list["tables"]) has_eol |= t["name"] == "end_of_life_t";
  ASSERT_TRUE(has_eol);
  auto filtered = c->Get((base + "/tables/end_of_life_t?region=CHN&element=Li&year=2040").c_str());
  ASSERT_TRUE(filtered);
  ASSERT_EQ(filtered->status, 200) << filtered->body;
  auto rows = parse(filtered->body);
  ASSERT_EQ(rows["rows"].size(), 1u) << filtered->body;
  const auto& cols = rows["columns"];
  const auto row = rows["rows"][0];
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (cols[i] == "region") {
      EXPECT_EQ(row[i], "CHN");
    } else if (cols[i] == "element") {
      EXPECT_EQ(row[i], "Li");
    } else if (cols[i] == "year") {
      EXPECT_EQ(row[i], 2040);
    }
  }
  EXPECT_GT(row.back().get<double>(), 0.0);
  auto csv = c->Get((base + "/tables/end_of_life_t?region=CHN&element=Li&format=csv").c_str());
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_NE(csv->get_header_value("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_EQ(csv->body.rfind("region,", 0) == 0 || csv->body.find("element") != std::string::npos,
            true);
  EXPECT_NE(csv->body.find("CHN,Li,"), std::string::npos);
  EXPECT_EQ(csv->body.find("DEU,"), std::string::npos) << "region filter not applied";

  // Sankey: the stored default and another year/element.
  auto sankey = c->Get((base + "/sankey").c_str());
  ASSERT_TRUE(sankey);
  ASSERT_EQ(sankey->status, 200) << sankey->body;
  auto s = parse(sankey->body);
  EXPECT_EQ(s["format"], "urbanmine-sankey/1");
  EXPECT_FALSE(s["links"].empty());
  EXPECT_FALSE(s["years"].empty());
  auto other = c->Get((base + "/sankey?year=2030&element=Ni").c_str());
  ASSERT_TRUE(other);
  ASSERT_EQ(other->status, 200) << other->body;
  EXPECT_EQ(parse(other->body)["element"], "Ni");
  EXPECT_EQ(parse(other->body)["year"], 2030);
  expect_error(c->Get((base + "/sankey?year=1800").c_str()), 400, "invalid_input");
  expect_error(c->Get((base + "/sankey?element=Xx").c_str()), 400, "invalid_input");
  // One region's flows, and the regions to choose from.
  EXPECT_EQ(s["regions"][0], "WORLD");
  EXPECT_NE(std::find(s["regions"].begin(), s["regions"].end(), "KOR"), s["regions"].end());
  auto kor = c->Get((base + "/sankey?region=KOR&year=2030").c_str());
  ASSERT_TRUE(kor);
  ASSERT_EQ(kor->status, 200) << kor->body;
  const auto k = parse(kor->body);
  EXPECT_EQ(k["region"], "KOR");
  EXPECT_FALSE(k["links"].empty());
  const auto new_batteries = [](const nlohmann::json& doc) {
    for (const auto& l : doc["links"]) {
      if (l["source"] == "new_batteries") return l["value"].get<double>();
    }
    return 0.0;
  };
  auto world2030 = c->Get((base + "/sankey?year=2030").c_str());
  ASSERT_TRUE(world2030);
  EXPECT_GT(new_batteries(k), 0.0);
  EXPECT_LT(new_batteries(k), new_batteries(parse(world2030->body)));
  expect_error(c->Get((base + "/sankey?region=MARS").c_str()), 400, "invalid_input");

  // The run as an Excel workbook (a zip holding the workbook parts).
  auto xlsx = c->Get((base + "/xlsx").c_str());
  ASSERT_TRUE(xlsx);
  ASSERT_EQ(xlsx->status, 200) << xlsx->body.substr(0, 300);
  EXPECT_EQ(xlsx->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx->body.rfind("PK\x03\x04", 0), 0U);
  EXPECT_NE(xlsx->body.find("xl/workbook.xml"), std::string::npos);
  EXPECT_NE(xlsx->get_header_value("Content-Disposition").find(".xlsx"), std::string::npos);
  // ?lang=ko: the Korean workbook (another document; the unit test reads its cells).
  auto korean_xlsx = c->Get((base + "/xlsx?lang=ko").c_str());
  ASSERT_TRUE(korean_xlsx);
  ASSERT_EQ(korean_xlsx->status, 200) << korean_xlsx->body.substr(0, 300);
  EXPECT_EQ(korean_xlsx->body.rfind("PK\x03\x04", 0), 0U);
  EXPECT_NE(korean_xlsx->body, xlsx->body);
  expect_error(c->Get((base + "/xlsx?lang=fr").c_str()), 400, "invalid_input");

  auto report = c->Get((base + "/report").c_str());
  ASSERT_TRUE(report);
  EXPECT_EQ(report->status, 200);
  EXPECT_NE(report->body.find("<html lang=\"en\">"), std::string::npos);
  // ?lang=ko renders the stored results in Korean; another language is a 400 naming the query.
  auto korean = c->Get((base + "/report?lang=ko").c_str());
  ASSERT_TRUE(korean);
  ASSERT_EQ(korean->status, 200) << korean->body.substr(0, 300);
  EXPECT_NE(korean->body.find("<html lang=\"ko\">"), std::string::npos);
  EXPECT_NE(korean->body.find("주요 결과"), std::string::npos);
  EXPECT_EQ(korean->body.find("Main findings"), std::string::npos);
  // The findings in Korean, built again from the stored tables, as many as the English ones.
  auto en_findings = c->Get((base + "/findings").c_str());
  auto ko_findings = c->Get((base + "/findings?lang=ko").c_str());
  ASSERT_TRUE(en_findings && ko_findings);
  ASSERT_EQ(ko_findings->status, 200) << ko_findings->body.substr(0, 300);
  const auto en_list = parse(en_findings->body)["findings"];
  const auto ko_list = parse(ko_findings->body)["findings"];
  ASSERT_FALSE(en_list.empty());
  EXPECT_EQ(en_list.size(), ko_list.size());
  EXPECT_EQ(en_list[0]["text"], parse(summary->body)["findings"][0]["text"]);
  EXPECT_EQ(ko_list[0]["section_label"], "수명 종료");
  EXPECT_NE(ko_list[0]["text"].get<std::string>().find("폐배터리"), std::string::npos);
  // The catalogue the dashboard names things with.
  auto catalogue = c->Get("/api/messages?lang=ko");
  ASSERT_TRUE(catalogue);
  ASSERT_EQ(catalogue->status, 200);
  const auto messages = parse(catalogue->body)["messages"];
  EXPECT_EQ(messages["place.KOR"], "한국");
  EXPECT_EQ(messages["value.status.fail"], "미충족");
  expect_error(c->Get("/api/messages?lang=xx"), 400, "invalid_input");
  auto french = c->Get((base + "/report?lang=fr").c_str());
  expect_error(french, 400, "invalid_input");
  EXPECT_NE(french->body.find("query: lang"), std::string::npos) << french->body;

  // Record tables appended by the cooperation modules, when present.
  for (auto& r : list["records"]) {
    auto rec = c->Get((base + "/records/" + r["name"].get<std::string>()).c_str());
    ASSERT_TRUE(rec);
    EXPECT_EQ(rec->status, 200) << r["name"];
    EXPECT_EQ(parse(rec->body)["columns"], r["columns"]);
  }

  // Errors.
  expect_error(c->Get("/api/runs/999999"), 404, "not_found");
  expect_error(c->Get("/api/runs/abc/summary"), 404, "not_found");
  expect_error(c->Get((base + "/tables/no_such_table").c_str()), 404, "not_found");
  expect_error(c->Get((base + "/tables/end_of_life_t?year=20x0").c_str()), 400, "invalid_input");
  expect_error(c->Get((base + "/tables/end_of_life_t?format=xml").c_str()), 400, "invalid_input");
  // Unknown items and dimensions are errors naming the query, not empty tables (issue 17).
  auto mars = c->Get((base + "/tables/end_of_life_t?region=MARS").c_str());
  expect_error(mars, 404, "not_found");
  EXPECT_NE(mars->body.find("query: region"), std::string::npos) << mars->body;
  EXPECT_NE(mars->body.find("KOR"), std::string::npos) << mars->body;
  expect_error(c->Get((base + "/tables/end_of_life_t?element=Xx").c_str()), 404, "not_found");
  expect_error(c->Get((base + "/tables/end_of_life_t?year=1999").c_str()), 404, "not_found");
  auto no_dim = c->Get((base + "/tables/use_to_end_of_life_kwh?element=Li").c_str());
  expect_error(no_dim, 400, "invalid_input");
  EXPECT_NE(no_dim->body.find("has no element dimension"), std::string::npos) << no_dim->body;
  expect_error(c->Get((base + "/records/nope").c_str()), 404, "not_found");
  expect_error(c->Post("/api/runs", R"({"scenario_id": "nope"})", "application/json"), 404,
               "not_found");
  expect_error(c->Post("/api/runs", R"({"scenario_id": [1]})", "application/json"), 400,
               "invalid_input");
}

TEST(RunsApi, RunsBeyondTheCapGet429AndUnfinishedRunsGet409) {
  ServerProcess server({"--max-runs", "1"});
  auto c = server.client();
  auto first = c->Post("/api/runs", R"({"scenario_id": "baseline"})", "application/json");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 202) << first->body;
  const std::string id = parse(first->body)["id"];
  auto second = c->Post("/api/runs", R"({"scenario_id": "baseline"})", "application/json");
  // A run (about 0.2 s: model, outputs, one store transaction) takes hundreds of times longer
  // than two loopback requests.
  ASSERT_EQ(parse(c->Get(("/api/runs/" + id).c_str())->body)["state"], "running");
  expect_error(second, 429, "too_many_runs");
  expect_error(c->Get(("/api/runs/" + id + "/summary").c_str()), 409, "conflict");
}

// Cached answers are compressed once and sent gzip-compressed to clients that take gzip (a
// browser's "gzip, deflate, br"), never with httplib's own per-request brotli; clients that do
// not take gzip get the same bytes uncompressed.
TEST(RunsApi, CachedReadsAreSentGzippedToClientsThatTakeIt) {
  ServerProcess server;
  auto c = server.client();
  auto run = run_baseline(*c);
  ASSERT_EQ(run["state"], "succeeded") << run.dump();
  const std::string path = "/api/runs/" + run["id"].get<std::string>() + "/summary";
  auto raw_client = server.client();
  raw_client->set_decompress(false);  // see the bytes on the wire
  auto plain = raw_client->Get(path.c_str(), {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(plain);
  ASSERT_EQ(plain->status, 200);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  EXPECT_EQ(plain->get_header_value("Vary"), "Accept-Encoding");
  EXPECT_NO_THROW((void)parse(plain->body));
  for (int i = 0; i < 2; ++i) {  // the first answer computes and caches, the second is cached
    auto packed = raw_client->Get(path.c_str(), {{"Accept-Encoding", "gzip, deflate, br"}});
    ASSERT_TRUE(packed);
    EXPECT_EQ(packed->get_header_value("Content-Encoding"), "gzip");
    ASSERT_GE(packed->body.size(), 2U);
    EXPECT_EQ(static_cast<unsigned char>(packed->body[0]), 0x1f);  // gzip magic
    EXPECT_EQ(static_cast<unsigned char>(packed->body[1]), 0x8b);
    EXPECT_LT(packed->body.size() * 5, plain->body.size());
  }
  // A client that decompresses gets exactly the uncompressed answer.
  auto unpacked = c->Get(path.c_str(), {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(unpacked);
  EXPECT_EQ(unpacked->body, plain->body);
  // brotli alone, or gzip refused with q=0: sent as it is.
  for (const char* accept : {"br", "gzip;q=0, br"}) {
    auto other = raw_client->Get(path.c_str(), {{"Accept-Encoding", accept}});
    ASSERT_TRUE(other);
    EXPECT_FALSE(other->has_header("Content-Encoding")) << accept;
    EXPECT_EQ(other->body, plain->body) << accept;
  }
  // Small answers are never compressed; errors neither.
  auto health = raw_client->Get("/api/health", {{"Accept-Encoding", "gzip, br"}});
  ASSERT_TRUE(health);
  EXPECT_FALSE(health->has_header("Content-Encoding"));
  auto missing = raw_client->Get("/api/runs/999/summary", {{"Accept-Encoding", "gzip, br"}});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_FALSE(missing->has_header("Content-Encoding"));
  EXPECT_EQ(parse(missing->body)["error"]["code"], "not_found");
}

TEST(RunsApi, StartingARunNeedsTheTokenWhenOneIsSet) {
  ServerProcess server({"--token", "t0k"});
  auto c = server.client();
  expect_error(c->Post("/api/runs", R"({"scenario_id": "baseline"})", "application/json"), 401,
               "unauthorized");
  auto run = run_baseline(*c, {{"Authorization", "Bearer t0k"}});
  EXPECT_EQ(run["state"], "succeeded") << run.dump();
  EXPECT_EQ(c->Get("/api/runs")->status, 200);
}

// Issue 17: aggregate regions are reachable in the table API, and two runs compare in one GET.
TEST(RunsApi, AggregateRegionsAndCompareAnswerTheEuLithiumQuestion) {
  TempDir dir;
  ServerProcess server({"--db", dir.path("api.db")});
  auto c = server.client();
  std::ifstream in(source_path("examples/eu_circular.toml"));
  const std::string toml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto created =
      c->Post("/api/scenarios", json{{"name", "eu"}, {"toml", toml}}.dump(), "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  auto base = run_baseline(*c);
  auto eu = run_scenario(*c, "eu");
  ASSERT_EQ(base["state"], "succeeded") << base.dump();
  ASSERT_EQ(eu["state"], "succeeded") << eu.dump();
  const std::string a = base["id"];
  const std::string b = eu["id"];

  // EU27 and WORLD rows are the sums of their model regions' rows.
  auto value_of = [&](const std::string& query) {
    auto res = c->Get(("/api/runs/" + a + "/tables/end_of_life_t?" + query).c_str());
    EXPECT_TRUE(res);
    EXPECT_EQ(res->status, 200) << query << ": " << res->body;
    double sum = 0.0;
    const json body = parse(res->body);
    for (const auto& row : body["rows"]) sum += row.back().get<double>();
    return sum;
  };
  const double world = value_of("region=WORLD&element=Li&year=2040");
  const double all = value_of("element=Li&year=2040");
  EXPECT_GT(world, 0.0);
  EXPECT_NEAR(world, all, 1e-9 * all);
  const double eu27 = value_of("region=EU27&element=Li&year=2040");
  double members = 0.0;
  for (const char* r : {"CZE", "DEU", "FRA", "HUN", "POL", "SWE", "EU27_OTHER"}) {
    members += value_of(std::string("region=") + r + "&element=Li&year=2040");
  }
  EXPECT_NEAR(eu27, members, 1e-9 * members);
  auto unknown = c->Get(("/api/runs/" + a + "/tables/end_of_life_t?region=XYZ").c_str());
  expect_error(unknown, 404, "not_found");
  EXPECT_NE(unknown->body.find("EU27"), std::string::npos) << unknown->body;
  expect_error(c->Get(("/api/runs/" + a + "/tables/secondary_supply_share?region=EU27").c_str()),
               404, "not_found");

  // Compare: the answer, the headline figure and its delta.
  auto cmp =
      c->Get(("/api/compare?runs=" + a + "," + b + "&region=EU27&year=2040&element=Li").c_str());
  ASSERT_TRUE(cmp);
  ASSERT_EQ(cmp->status, 200) << cmp->body;
  auto comparison = parse(cmp->body);
  EXPECT_EQ(comparison["format"], "urbanmine-compare/1");
  EXPECT_NE(comparison["answer"].get<std::string>().find("EU27, 2040"), std::string::npos);
  bool seen = false;
  for (const auto& h : comparison["headline"]) {
    if (h["table"] == "end_of_life_t") {
      EXPECT_NEAR(h["values"][0].get<double>(), eu27, 1e-9 * eu27);
    }
    if (h["table"] == "recycling_to_secondary_metal_t") {
      seen = true;
      EXPECT_GT(h["deltas"][1].get<double>(), 0.0) << h.dump();
    }
  }
  EXPECT_TRUE(seen) << cmp->body;
  EXPECT_GT(comparison["differences_count"].get<long long>(), 0);
  auto page = c->Get(("/api/compare?runs=" + a + "," + b + "&region=EU27&format=html").c_str());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(page->body.find("Metal recovered by recycling, lithium, EU27"), std::string::npos);
  auto csv = c->Get(("/api/compare?runs=" + a + "," + b + "&format=csv").c_str());
  ASSERT_TRUE(csv);
  EXPECT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.rfind("table,unit,region,element,year,run,", 0), 0u);
  // The IAMC export holds the same EU27 figure.
  auto iamc = c->Get(("/api/runs/" + a + "/iamc").c_str());
  ASSERT_TRUE(iamc);
  ASSERT_EQ(iamc->status, 200) << iamc->body;
  EXPECT_EQ(iamc->body.rfind("Model,Scenario,Region,Variable,Unit,2010,", 0), 0u);
  EXPECT_NE(iamc->body.find(",EU27,Waste Batteries|End of Life|Lithium,t,"), std::string::npos);
  expect_error(c->Get(("/api/compare?runs=" + a).c_str()), 400, "invalid_input");
  expect_error(c->Get(("/api/compare?runs=" + a + ",x").c_str()), 400, "invalid_input");
  expect_error(c->Get(("/api/compare?runs=" + a + ",999").c_str()), 404, "not_found");
  expect_error(c->Get(("/api/compare?runs=" + a + "," + b + "&region=ATLANTIS").c_str()), 404,
               "not_found");
  expect_error(c->Get(("/api/compare?runs=" + a + "," + b + "&year=2090").c_str()), 400,
               "invalid_input");
}

}  // namespace
}  // namespace urbanmine::testing
