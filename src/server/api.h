// SPDX-License-Identifier: Apache-2.0
// Internal to server: the state shared by the endpoint groups and the functions that register
// each group's routes. Every handler calls the engine facade (the one the CLI uses); none holds a
// second copy of model logic.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/result.h"
#include "engine/events.h"
#include "engine/service.h"
#include "server/routes.h"
#include "server/server.h"

#include "report/messages.h"

namespace urbanmine::server {

// Answers of reads that never change once they succeeded (a finished run's summary, tables,
// records, report), keyed by request target. Bounded: cleared when full. Concurrent misses of the
// same key are coalesced: one request computes the answer, the others wait for it.
class ResponseCache {
 public:
  // The cached answer for `key`, or compute() run once for all concurrent callers of that key;
  // a 200 answer is kept (its body shared and gzip-compressed once), anything else is not.
  core::Result<Reply> get_or_compute(const std::string& key,
                                     const std::function<core::Result<Reply>()>& compute);
  // How many answers were computed (misses that ran compute()); for tests.
  std::size_t computed() const;

 private:
  static constexpr std::size_t kMaxEntries = 2048;
  mutable std::mutex mutex_;
  std::condition_variable done_;
  std::unordered_map<std::string, Reply> entries_;
  std::unordered_set<std::string> in_flight_;
  std::size_t computed_ = 0;
};

// zlib levels: best for answers compressed once and kept (cached reads, dashboard files), a fast
// one for answers compressed per request.
inline constexpr int kCachedGzipLevel = 9;
inline constexpr int kDynamicGzipLevel = 1;
// gzip (RFC 1952) of `text` at zlib `level` (1-9), or nullopt when zlib fails.
std::optional<std::string> gzip_compress(std::string_view text, int level);
// Whether an answer is worth compressing: text or JSON (not images or fonts) of >= 1 KiB.
bool worth_compressing(const std::string& content_type, std::size_t bytes);
// Whether an Accept-Encoding header value accepts gzip (a "gzip" or "*" token, q not 0).
bool accepts_gzip(std::string_view accept_encoding);

struct ApiState {
  ServerOptions options;
  std::string openapi_text;  // built once after every route is registered
  std::unique_ptr<engine::RunService> service;
  ResponseCache cache;
  std::unique_ptr<engine::EventService> events;  // opened by HttpServer::create
};

// The results of a succeeded run named in a query parameter (`id_text`, e.g. "3"): not a
// number -> 400 naming `location`; unknown -> 404; not succeeded -> 409. Used by the routes
// that take runs in their query (compare, deal sheets).
core::Result<std::shared_ptr<const engine::RunArtifacts>> succeeded_run_results(
    ApiState& state, const std::string& id_text, const std::string& location);

// Wraps a read handler so that its 200 answers are served from state.cache afterwards.
Handler cached(ApiState& state, Handler handler);

// {"error": {"code", "message", "hint", "location"}} for an Error.
std::string error_json(const core::Error& error);
// The same for a status the error codes do not cover (401, 404 route, 413, 429, ...).
std::string error_json(std::string_view code, const std::string& message, const std::string& hint,
                       const std::string& location = {});

// Parses the request body as JSON; errors name "request body" and the byte offset.
core::Result<nlohmann::json> parse_body(const ApiRequest& request);
// The `lang` query parameter: en (also when absent) or ko; anything else is a 400 naming it.
core::Result<report::Language> query_language(const ApiRequest& request);
// dump() that never throws on invalid UTF-8 (replaces bad bytes).
std::string to_json_text(const nlohmann::json& value);

void add_system_routes(RouteTable& routes, ApiState& state);
void add_mfa_routes(RouteTable& routes, ApiState& state);
void add_scenario_routes(RouteTable& routes, ApiState& state);
void add_plant_routes(RouteTable& routes, ApiState& state);
void add_run_routes(RouteTable& routes, ApiState& state);
void add_coop_routes(RouteTable& routes, ApiState& state);
void add_event_routes(RouteTable& routes, ApiState& state);

}  // namespace urbanmine::server
