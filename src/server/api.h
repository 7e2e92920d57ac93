// SPDX-License-Identifier: Apache-2.0
// Internal to server: the state shared by the endpoint groups and the functions that register
// each group's routes. Every handler calls the engine facade (the one the CLI uses); none holds a
// second copy of model logic.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/result.h"
#include "engine/service.h"
#include "server/routes.h"
#include "server/server.h"

namespace urbanmine::server {

// Answers of reads that never change once they succeeded (a finished run's summary, tables,
// records, report), keyed by request target. Bounded: cleared when full.
class ResponseCache {
 public:
  std::optional<Reply> get(const std::string& key) const;
  void put(const std::string& key, const Reply& reply);

 private:
  static constexpr std::size_t kMaxEntries = 2048;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Reply> entries_;
};

struct ApiState {
  ServerOptions options;
  std::string openapi_text;  // built once after every route is registered
  std::unique_ptr<engine::RunService> service;
  ResponseCache cache;
};

// Wraps a read handler so that its 200 answers are served from state.cache afterwards.
Handler cached(ApiState& state, Handler handler);

// {"error": {"code", "message", "hint", "location"}} for an Error.
std::string error_json(const core::Error& error);
// The same for a status the error codes do not cover (401, 404 route, 413, 429, ...).
std::string error_json(std::string_view code, const std::string& message, const std::string& hint,
                       const std::string& location = {});

// Parses the request body as JSON; errors name "request body" and the byte offset.
core::Result<nlohmann::json> parse_body(const ApiRequest& request);
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
