// SPDX-License-Identifier: Apache-2.0
// The server's response cache and compression: concurrent misses of one key compute the answer
// once, failures are not cached, cached answers carry a gzip form that inflates back to the
// body, and Accept-Encoding is read as RFC 9110 says (tokens, q=0 refuses).
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <zlib.h>

#include "server/api.h"

namespace urbanmine::server {
namespace {

std::string gunzip(const std::string& packed) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

std::string big_json() {
  std::string text = "[";
  for (int i = 0; i < 5000; ++i) text += (i > 0 ? "," : "") + std::to_string(i % 97);
  return text + "]";
}

TEST(ResponseCache, ConcurrentMissesComputeOnce) {
  ResponseCache cache;
  std::atomic<int> calls{0};
  const auto compute = [&]() -> core::Result<Reply> {
    ++calls;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return Reply::json(big_json());
  };
  std::vector<std::thread> threads;
  std::vector<std::string> bodies(8);
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    threads.emplace_back([&, i] {
      auto reply = cache.get_or_compute("GET /api/runs/1/summary", compute);
      ASSERT_TRUE(reply.has_value());
      ASSERT_TRUE(reply->shared_body);
      bodies[i] = *reply->shared_body;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(cache.computed(), 1U);
  for (const auto& b : bodies) EXPECT_EQ(b, big_json());
  // Another key is computed on its own.
  ASSERT_TRUE(cache.get_or_compute("GET /other", compute).has_value());
  EXPECT_EQ(calls.load(), 2);
}

TEST(ResponseCache, FailuresAndNon200AnswersAreNotKept) {
  ResponseCache cache;
  int calls = 0;
  const auto failing = [&]() -> core::Result<Reply> {
    ++calls;
    return core::Error::not_found("no run 9");
  };
  EXPECT_FALSE(cache.get_or_compute("k", failing).has_value());
  EXPECT_FALSE(cache.get_or_compute("k", failing).has_value());
  EXPECT_EQ(calls, 2);
  const auto accepted = [&]() -> core::Result<Reply> {
    ++calls;
    return Reply::json("{}", 202);
  };
  EXPECT_EQ(cache.get_or_compute("a", accepted)->status, 202);
  EXPECT_EQ(cache.get_or_compute("a", accepted)->status, 202);
  EXPECT_EQ(calls, 4);
}

TEST(ResponseCache, KeepsAGzipFormOfLargeTextAnswersOnly) {
  ResponseCache cache;
  auto large =
      cache.get_or_compute("large", [] { return core::Result<Reply>(Reply::json(big_json())); });
  ASSERT_TRUE(large && large->shared_gzip);
  EXPECT_LT(large->shared_gzip->size(), large->shared_body->size() / 3);
  EXPECT_EQ(gunzip(*large->shared_gzip), big_json());
  auto small =
      cache.get_or_compute("small", [] { return core::Result<Reply>(Reply::json("{\"a\":1}")); });
  ASSERT_TRUE(small.has_value());
  EXPECT_FALSE(small->shared_gzip);
  auto binary = cache.get_or_compute("png", [] {
    return core::Result<Reply>(Reply::content("image/png", std::string(4096, 'x')));
  });
  ASSERT_TRUE(binary.has_value());
  EXPECT_FALSE(binary->shared_gzip);
}

TEST(Compression, GzipRoundTripsAtEveryLevel) {
  const std::string text = big_json();
  for (int level : {kDynamicGzipLevel, kCachedGzipLevel}) {
    auto packed = gzip_compress(text, level);
    ASSERT_TRUE(packed.has_value());
    EXPECT_EQ(gunzip(*packed), text);
  }
  auto empty = gzip_compress("", kDynamicGzipLevel);
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(gunzip(*empty), "");
}

TEST(Compression, ReadsAcceptEncodingTokens) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, gzip;q=0.8"));
  EXPECT_TRUE(accepts_gzip(" deflate ,\tgzip "));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("br"));
  EXPECT_FALSE(accepts_gzip("x-gzip2"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000, br"));
  EXPECT_TRUE(accepts_gzip("gzip;q=0.5"));
}

TEST(Compression, OnlyTextOfAKibibyteOrMoreIsWorthIt) {
  EXPECT_TRUE(worth_compressing("application/json", 1024));
  EXPECT_TRUE(worth_compressing("text/csv; charset=utf-8", 5000));
  EXPECT_TRUE(worth_compressing("text/javascript; charset=utf-8", 5000));
  EXPECT_FALSE(worth_compressing("application/json", 1023));
  EXPECT_FALSE(worth_compressing("image/png", 1 << 20));
  EXPECT_FALSE(worth_compressing("font/woff2", 1 << 20));
}

}  // namespace
}  // namespace urbanmine::server
