// SPDX-License-Identifier: Apache-2.0
// Regression tests of issue 19's server findings, each named after its defect: chunked bodies
// past the limit, text/plain and form bodies, cross-site writes, DNS-rebinding Host headers,
// slow-header clients, a full request queue, the listen backlog, the compute cap and JSON
// numbers out of range. Raw sockets stand in for the misbehaving clients.
#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "api/server_process.h"
#include "test_support.h"

namespace urbanmine::testing {
namespace {

using Clock = std::chrono::steady_clock;

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// Everything the server sends until it closes or `timeout_ms` passes.
std::string read_answer(int fd, int timeout_ms) {
  std::string out;
  const auto until = Clock::now() + std::chrono::milliseconds(timeout_ms);
  char buf[4096];
  while (Clock::now() < until) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

int status_of(const std::string& answer) {
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return -1;
  return std::atoi(answer.c_str() + 9);
}

long rss_kib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string dsm_case() { return read_text(test_data("dsm/s01_inflow_fixed_const_T40.json")); }

std::string error_code(const std::string& body) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.contains("error")) return {};
  return j["error"].value("code", "");
}

TEST(ServerHardening, ChunkedBodyOverLimitGets413) {
  ServerProcess server({"--max-body-mb", "1"});
  ASSERT_TRUE(server.running());
  const long before = rss_kib(server.pid());
  const int fd = connect_to(server.port());
  ASSERT_GE(fd, 0);
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
  ASSERT_TRUE(send_all(fd,
                       "POST /api/mfa/dsm HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
  // 100 MiB in 64 KiB chunks, stopping as soon as the server answers.
  const std::string payload(64 * 1024, '1');
  char size_line[32];
  std::snprintf(size_line, sizeof(size_line), "%zx\r\n", payload.size());
  const std::string chunk = std::string(size_line) + payload + "\r\n";
  std::size_t sent_bytes = 0;
  for (int i = 0; i < 1600; ++i) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) > 0) break;
    if (!send_all(fd, chunk)) break;
    sent_bytes += payload.size();
  }
  const std::string answer = read_answer(fd, 5000);
  ::close(fd);
  EXPECT_EQ(status_of(answer), 413) << answer.substr(0, 300);
  EXPECT_NE(answer.find("payload_too_large"), std::string::npos) << answer.substr(0, 300);
  EXPECT_LT(sent_bytes, 100u * 1024 * 1024) << "the server read the whole 100 MiB";
  const long after = rss_kib(server.pid());
  EXPECT_LT(after - before, 32 * 1024) << "RSS grew from " << before << " to " << after << " KiB";
  // The server still answers.
  auto health = server.client()->Get("/api/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST(ServerHardening, TextPlainAndFormBodiesGet415) {
  ServerProcess server;
  auto c = server.client();
  for (const char* type :
       {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
    auto res = c->Post("/api/mfa/dsm", dsm_case(), type);
    ASSERT_TRUE(res) << type;
    EXPECT_EQ(res->status, 415) << type << ": " << res->body;
    EXPECT_EQ(error_code(res->body), "unsupported_media_type") << res->body;
  }
  auto scenario = c->Post("/api/scenarios", R"({"name":"x","toml":""})", "text/plain");
  ASSERT_TRUE(scenario);
  EXPECT_EQ(scenario->status, 415);
  auto json = c->Post("/api/mfa/dsm", dsm_case(), "application/json; charset=utf-8");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 200) << json->body.substr(0, 300);
}

TEST(ServerHardening, CrossSiteWriteWithoutTokenGets403) {
  ServerProcess server;
  auto c = server.client();
  const std::string body = R"({"name":"cross","toml":"name = \"x\""})";
  auto evil =
      c->Post("/api/scenarios", {{"Origin", "http://evil.example"}}, body, "application/json");
  ASSERT_TRUE(evil);
  EXPECT_EQ(evil->status, 403) << evil->body;
  EXPECT_EQ(error_code(evil->body), "forbidden");
  auto null_origin = c->Post("/api/scenarios", {{"Origin", "null"}}, body, "application/json");
  ASSERT_TRUE(null_origin);
  EXPECT_EQ(null_origin->status, 403);
  auto fetch_meta =
      c->Post("/api/scenarios", {{"Sec-Fetch-Site", "cross-site"}}, body, "application/json");
  ASSERT_TRUE(fetch_meta);
  EXPECT_EQ(fetch_meta->status, 403);
  // Nothing was stored by the refused requests.
  auto list = c->Get("/api/scenarios");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->body.find("cross"), std::string::npos) << list->body;
  // The dashboard's own origin and loopback origins may write.
  const std::string own = "http://127.0.0.1:" + std::to_string(server.port());
  auto same = c->Post("/api/scenarios", {{"Origin", own}}, body, "application/json");
  ASSERT_TRUE(same);
  EXPECT_NE(same->status, 403) << same->body;
  auto local =
      c->Post("/api/scenarios", {{"Origin", "http://localhost:5173"}}, body, "application/json");
  ASSERT_TRUE(local);
  EXPECT_NE(local->status, 403) << local->body;
}

TEST(ServerHardening, AllowOriginFlagAdmitsListedOrigin) {
  ServerProcess server({"--allow-origin", "https://dash.example.org"});
  auto c = server.client();
  const std::string body = R"({"name":"ok","toml":"name = \"x\""})";
  auto listed =
      c->Post("/api/scenarios", {{"Origin", "https://dash.example.org"}}, body, "application/json");
  ASSERT_TRUE(listed);
  EXPECT_NE(listed->status, 403) << listed->body;
  auto other = c->Post("/api/scenarios", {{"Origin", "https://other.example.org"}}, body,
                       "application/json");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
}

TEST(ServerHardening, DnsRebindingHostGets421) {
  ServerProcess server;
  auto c = server.client();
  auto rebound = c->Get("/api/health", {{"Host", "evil.example"}});
  ASSERT_TRUE(rebound);
  EXPECT_EQ(rebound->status, 421) << rebound->body;
  EXPECT_EQ(error_code(rebound->body), "misdirected_request");
  auto local = c->Get("/api/health", {{"Host", "localhost:" + std::to_string(server.port())}});
  ASSERT_TRUE(local);
  EXPECT_EQ(local->status, 200);
  ServerProcess allowing({"--allow-host", "evil.example"});
  auto allowed = allowing.client()->Get("/api/health", {{"Host", "evil.example"}});
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->status, 200);
}

TEST(ServerHardening, SlowHeaderClientsDoNotStarveWorkers) {
  // 70 clients each sending one header byte every 2 s (the issue's attack) against 8 workers.
  ServerProcess server({"--threads", "8", "--header-timeout", "5"});
  ASSERT_TRUE(server.running());
  std::vector<int> slow;
  for (int i = 0; i < 70; ++i) {
    const int fd = connect_to(server.port());
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(send_all(fd, "G"));
    slow.push_back(fd);
  }
  auto c = server.client();
  c->set_read_timeout(2, 0);
  const std::string trickle = "ET /api/health HTTP/1.1\r\nHost: x\r\n";
  for (int round = 0; round < 2; ++round) {
    const auto t0 = Clock::now();
    auto health = c->Get("/api/health");
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    ASSERT_TRUE(health) << "round " << round;
    EXPECT_EQ(health->status, 200);
    EXPECT_LT(ms, 1000) << "a normal request waited behind the slow clients";
    std::this_thread::sleep_for(std::chrono::seconds(2));
    for (int fd : slow) send_all(fd, trickle.substr(static_cast<std::size_t>(round), 1));
  }
  // Past the header timeout each slow client got 408 and was closed.
  std::this_thread::sleep_for(std::chrono::milliseconds(1800));
  int timed_out = 0;
  for (int fd : slow) {
    if (status_of(read_answer(fd, 200)) == 408) ++timed_out;
    ::close(fd);
  }
  EXPECT_EQ(timed_out, 70);
}

TEST(ServerHardening, FullQueueGets503WithRetryAfter) {
  // One worker, held by a request whose body never comes; two more requests may wait for it.
  ServerProcess server({"--threads", "1", "--request-timeout", "5"});
  const int holder = connect_to(server.port());
  ASSERT_TRUE(send_all(holder,
                       "POST /api/mfa/dsm HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::vector<int> waiting;
  for (int i = 0; i < 3; ++i) {
    const int fd = connect_to(server.port());
    ASSERT_TRUE(send_all(fd, "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    waiting.push_back(fd);
  }
  const std::string refused = read_answer(waiting[2], 1000);
  EXPECT_EQ(status_of(refused), 503) << refused;
  EXPECT_NE(refused.find("Retry-After: "), std::string::npos) << refused;
  ::close(holder);  // frees the worker: the two queued requests are answered
  for (int i = 0; i < 2; ++i) {
    const std::string answer = read_answer(waiting[static_cast<std::size_t>(i)], 1500);
    EXPECT_EQ(status_of(answer), 200) << answer;
  }
  for (int fd : waiting) ::close(fd);
}

TEST(ServerHardening, ListenBacklogIsNotFive) {
  ServerProcess server;
  const std::string cmd = "ss -ltnH 'sport = :" + std::to_string(server.port()) + "' 2>/dev/null";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char line[512] = {};
  const bool got = fgets(line, sizeof(line), pipe) != nullptr;
  pclose(pipe);
  if (!got) GTEST_SKIP() << "ss (iproute2) not available";
  // State Recv-Q Send-Q ...: Send-Q of a listening socket is its backlog.
  char state[32] = {};
  int recv_q = 0;
  int send_q = 0;
  ASSERT_EQ(std::sscanf(line, "%31s %d %d", state, &recv_q, &send_q), 3) << line;
  EXPECT_GE(send_q, 512) << line;
}

TEST(ServerHardening, ConcurrentDsmRequestsAreCappedWith503) {
  ServerProcess server({"--max-compute", "1"});
  // A long case: 1000 cohorts make a 1000 x 1000 survival matrix per request.
  auto big = nlohmann::json::parse(dsm_case());
  const std::size_t years = 1000;
  std::vector<int> time(years);
  std::vector<double> inflow(years, 1.0);
  std::vector<double> mean(years, 12.0);
  std::vector<double> sd(years, 3.0);
  for (std::size_t i = 0; i < years; ++i) time[i] = 1000 + static_cast<int>(i);
  big["time"] = time;
  big["input"] = {{"inflow", inflow}};
  big["lifetime"] = {{"type", "Normal"}, {"mean", mean}, {"std", sd}};
  big.erase("output");
  const std::string body = big.dump();
  std::atomic<int> ok{0};
  std::atomic<int> busy{0};
  std::atomic<int> busy_with_retry{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      auto c = server.client();
      auto res = c->Post("/api/mfa/dsm", body, "application/json");
      if (!res) return;
      if (res->status == 200) ++ok;
      if (res->status == 503) {
        ++busy;
        if (!res->get_header_value("Retry-After").empty()) ++busy_with_retry;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_GE(ok.load(), 1);
  EXPECT_GE(busy.load(), 1);
  EXPECT_EQ(busy.load(), busy_with_retry.load());
  EXPECT_EQ(ok.load() + busy.load(), 16);
  EXPECT_LT(rss_kib(server.pid()), 600 * 1024);
}

TEST(ServerHardening, JsonNumberOutOfRangeGets400) {
  ServerProcess server;
  auto c = server.client();
  std::string body = dsm_case();
  const auto pos = body.find("\"age_offset\":0.0");
  ASSERT_NE(pos, std::string::npos);
  body.replace(pos, std::strlen("\"age_offset\":0.0"), "\"age_offset\":1e400");
  auto res = c->Post("/api/mfa/dsm", body, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  TempDir dir;
  std::ofstream(dir.path("case.json")) << body;
  auto cli = run_cli("mfa dsm " + dir.path("case.json"));
  EXPECT_EQ(cli.exit_code, 3) << cli.output;
}

TEST(ServerHardening, LogNormalHugeStdIsRejectedNamingThePath) {
  ServerProcess server;
  auto c = server.client();
  auto dsm =
      nlohmann::json::parse(read_text(test_data("dsm/s03_inflow_lognormal_odym_const_T50.json")));
  auto& sd = dsm["lifetime"]["std"];
  sd[0] = 1e200;
  auto res = c->Post("/api/mfa/dsm", dsm.dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body.substr(0, 300);
  EXPECT_NE(res->body.find("$.lifetime.std[0]"), std::string::npos) << res->body.substr(0, 300);
  TempDir dir;
  std::ofstream(dir.path("case.json")) << dsm.dump();
  auto cli = run_cli("mfa dsm " + dir.path("case.json"));
  EXPECT_EQ(cli.exit_code, 3) << cli.output;
  EXPECT_NE(cli.output.find("std[0]"), std::string::npos) << cli.output;
}

}  // namespace
}  // namespace urbanmine::testing
