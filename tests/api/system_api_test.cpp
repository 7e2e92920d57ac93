// SPDX-License-Identifier: Apache-2.0
// API tests of the server's own behaviour: health, version, OpenAPI, JSON errors (400 with the
// JSON path, 404, 413, 401 with a token), the static dashboard and its path-traversal guard, and
// the mfa dsm endpoint against the CLI's answer for the same case.
#include <filesystem>
#include <fstream>
#include <set>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <sys/socket.h>
#include <unistd.h>

#include "api/server_process.h"
#include "test_support.h"

namespace urbanmine::testing {
namespace {

nlohmann::json parse(const std::string& text) { return nlohmann::json::parse(text); }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void expect_error(const httplib::Result& res, int status, const std::string& code) {
  ASSERT_TRUE(res) << "no response";
  EXPECT_EQ(res->status, status) << res->body;
  auto body = parse(res->body);
  ASSERT_TRUE(body.contains("error")) << res->body;
  EXPECT_EQ(body["error"]["code"], code) << res->body;
  EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
  EXPECT_TRUE(body["error"].contains("hint"));
}

TEST(ServerApi, HealthAndVersionAnswerJson) {
  ServerProcess server;
  ASSERT_TRUE(server.running());
  auto c = server.client();
  auto health = c->Get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(parse(health->body)["status"], "ok");
  auto version = c->Get("/api/version");
  ASSERT_TRUE(version);
  auto v = parse(version->body);
  EXPECT_EQ(v["name"], "urbanmine");
  EXPECT_FALSE(v["version"].get<std::string>().empty());
  EXPECT_TRUE(v.contains("git_hash"));
  // The same version as `urbanmine --version`.
  auto cli = run_cli("--version");
  EXPECT_NE(cli.output.find(v["version"].get<std::string>()), std::string::npos) << cli.output;
}

TEST(ServerApi, OpenApiDescribesEveryRouteWithErrorSchema) {
  ServerProcess server;
  auto c = server.client();
  auto res = c->Get("/api/openapi.json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  auto doc = parse(res->body);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  ASSERT_TRUE(doc["paths"].contains("/api/health"));
  ASSERT_TRUE(doc["paths"].contains("/api/mfa/dsm"));
  ASSERT_TRUE(doc["paths"].contains("/api/scenarios/{id}"));
  EXPECT_TRUE(doc["components"]["schemas"].contains("Error"));
  // Every documented GET route without path parameters answers something other than 404/405.
  for (auto& [path, ops] : doc["paths"].items()) {
    if (path.find('{') != std::string::npos || !ops.contains("get")) continue;
    auto r = c->Get(path.c_str());
    ASSERT_TRUE(r) << path;
    EXPECT_NE(r->status, 404) << path;
  }
}

TEST(ServerApi, UnknownRoutesAre404WithJsonError) {
  ServerProcess server;
  auto c = server.client();
  expect_error(c->Get("/api/no-such-thing"), 404, "not_found");
  expect_error(c->Post("/api/no-such-thing", "{}", "application/json"), 404, "not_found");
  expect_error(c->Delete("/api/health"), 404, "not_found");
}

TEST(ServerApi, MalformedJsonIs400NamingTheByte) {
  ServerProcess server;
  auto c = server.client();
  auto res = c->Post("/api/scenarios", "{\"name\": ", "application/json");
  expect_error(res, 400, "invalid_input");
  EXPECT_NE(parse(res->body)["error"]["location"].get<std::string>().find("request body: byte"),
            std::string::npos);
}

TEST(ServerApi, WrongTypeIs400NamingTheJsonPath) {
  ServerProcess server;
  auto c = server.client();
  auto res = c->Post("/api/scenarios", R"({"name": 12, "toml": "x = 1"})", "application/json");
  expect_error(res, 400, "invalid_input");
  EXPECT_EQ(parse(res->body)["error"]["location"], "request body: $.name");
  // A nested path from the dsm case reader.
  auto text = read_file(test_data("dsm/s01_inflow_fixed_const_T40.json"));
  auto dsm_case = parse(text);
  dsm_case["lifetime"] = "forty";
  auto dsm = c->Post("/api/mfa/dsm", dsm_case.dump(), "application/json");
  expect_error(dsm, 400, "invalid_input");
  EXPECT_NE(parse(dsm->body)["error"]["location"].get<std::string>().find("$.lifetime"),
            std::string::npos)
      << dsm->body;
}

TEST(ServerApi, BodyOverTheLimitIs413) {
  ServerProcess server({"--max-body-mb", "0.01"});
  auto c = server.client();
  const std::string big(20000, ' ');
  expect_error(c->Post("/api/scenarios", big, "application/json"), 413, "payload_too_large");
  // Just under the limit passes the size check (and fails on content instead).
  expect_error(c->Post("/api/scenarios", std::string(100, ' '), "application/json"), 400,
               "invalid_input");
}

// A POST without Content-Length (curl -X POST with no data) gets a 400 that says what is missing.
TEST(ServerApi, PostWithoutContentLengthIs400SayingSo) {
  ServerProcess server;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(server.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  const std::string request =
      "POST /api/events/e1/schedule HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  ASSERT_EQ(send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
  std::string answer;
  char buf[4096];
  // Read the head and the Content-Length bytes of body (the server may keep the socket open).
  const auto complete = [&answer] {
    const auto head_end = answer.find("\r\n\r\n");
    if (head_end == std::string::npos) return false;
    const auto at = answer.find("Content-Length: ");
    if (at == std::string::npos || at > head_end) return true;
    return answer.size() >= head_end + 4 + std::stoul(answer.substr(at + 16));
  };
  for (ssize_t n = 0; !complete() && (n = recv(fd, buf, sizeof(buf), 0)) > 0;) {
    answer.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0U) << answer;
  EXPECT_NE(answer.find("needs a Content-Length header"), std::string::npos) << answer;
}

TEST(ServerApi, TokenGuardsWritesButNotReads) {
  ServerProcess server({"--token", "s3cret"});
  auto c = server.client();
  const std::string body = R"({"name": "t", "toml": "[scenario]\nname = \"t\"\n"})";
  expect_error(c->Post("/api/scenarios", body, "application/json"), 401, "unauthorized");
  httplib::Headers wrong = {{"Authorization", "Bearer s3cre"}};
  expect_error(c->Post("/api/scenarios", wrong, body, "application/json"), 401, "unauthorized");
  httplib::Headers right = {{"Authorization", "Bearer s3cret"}};
  auto created = c->Post("/api/scenarios", right, body, "application/json");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 201) << created->body;
  // Reads stay open.
  auto list = c->Get("/api/scenarios");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  const std::string id = parse(created->body)["id"];
  const auto scenarios = parse(list->body)["scenarios"];
  bool listed = false;
  for (const auto& s : scenarios) listed |= s["id"] == id;
  EXPECT_TRUE(listed) << list->body;
}

TEST(ServerApi, ScenariosCreateListRead) {
  ServerProcess server;
  auto c = server.client();
  const std::string toml = "[scenario]\nname = \"high collection\"\n";
  auto created = c->Post("/api/scenarios", nlohmann::json{{"name", "hc"}, {"toml", toml}}.dump(),
                         "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string id = parse(created->body)["id"];
  auto one = c->Get(("/api/scenarios/" + id).c_str());
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 200);
  EXPECT_EQ(parse(one->body)["toml"], toml);
  EXPECT_EQ(parse(one->body)["name"], "hc");
  expect_error(c->Get("/api/scenarios/nope"), 404, "not_found");
  expect_error(c->Post("/api/scenarios", R"({"name": "", "toml": "x"})", "application/json"), 400,
               "invalid_input");
}

TEST(ServerApi, DsmEndpointMatchesTheCli) {
  ServerProcess server;
  auto c = server.client();
  const std::string path = test_data("dsm/s01_inflow_fixed_const_T40.json");
  auto res = c->Post("/api/mfa/dsm", read_file(path), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto cli = run_cli("--quiet mfa dsm " + path);
  ASSERT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_EQ(parse(res->body), parse(cli.output));
}

class StaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    namespace fs = std::filesystem;
    fs::create_directories(web_.path("web/assets"));
    std::ofstream(web_.path("web/index.html")) << "<!doctype html><title>urbanmine</title>";
    std::ofstream(web_.path("web/assets/app.js")) << "console.log(1)";
    std::ofstream(web_.path("secret.txt")) << "do not serve";
    fs::create_directory_symlink("/etc", web_.path("web/etc-link"));
  }
  TempDir web_;
};

TEST_F(StaticFiles, ServesTheDashboardAndFallsBackToIndex) {
  ServerProcess server({"--web-dir", web_.path("web")});
  auto c = server.client();
  auto index = c->Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_NE(index->body.find("urbanmine"), std::string::npos);
  EXPECT_NE(index->get_header_value("Content-Type").find("text/html"), std::string::npos);
  auto js = c->Get("/assets/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_NE(js->get_header_value("Content-Type").find("javascript"), std::string::npos);
  auto route = c->Get("/runs/r1");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->status, 200);
  expect_error(c->Get("/assets/missing.js"), 404, "not_found");
}

// Dashboard files are read once and kept with their gzip form, sent compressed to browsers, and
// read again when they change on disk (a rebuilt dashboard).
TEST_F(StaticFiles, SendsFilesGzippedAndRereadsChangedOnes) {
  const std::string script = web_.path("web/assets/big.js");
  std::string first(4000, ' ');
  first.replace(0, 12, "console.log(");
  std::ofstream(script) << first;
  ServerProcess server({"--web-dir", web_.path("web")});
  auto raw = server.client();
  raw->set_decompress(false);
  auto packed = raw->Get("/assets/big.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(packed);
  EXPECT_EQ(packed->status, 200);
  EXPECT_EQ(packed->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(packed->body.size(), first.size() / 4);
  auto c = server.client();
  EXPECT_EQ(c->Get("/assets/big.js", {{"Accept-Encoding", "gzip"}})->body, first);
  const std::string second = "console.log(2); // rebuilt";
  std::ofstream(script, std::ios::trunc) << second;
  auto changed = raw->Get("/assets/big.js", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(changed);
  EXPECT_FALSE(changed->has_header("Content-Encoding"));  // now under 1 KiB
  EXPECT_EQ(changed->body, second);
}

TEST_F(StaticFiles, RefusesPathTraversal) {
  ServerProcess server({"--web-dir", web_.path("web")});
  auto c = server.client();
  for (const char* path :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/etc-link/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/assets/..\\..\\secret.txt"}) {
    auto res = c->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_GE(res->status, 400) << path;
    EXPECT_EQ(res->body.find("do not serve"), std::string::npos) << path;
    EXPECT_EQ(res->body.find("root:"), std::string::npos) << path;
  }
}

}  // namespace
}  // namespace urbanmine::testing
