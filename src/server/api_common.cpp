// SPDX-License-Identifier: Apache-2.0
// Error bodies and JSON helpers shared by the endpoint groups.
#include <string>

#include "io/json_reader.h"
#include "server/api.h"

namespace urbanmine::server {

std::string error_json(std::string_view code, const std::string& message, const std::string& hint,
                       const std::string& location) {
  nlohmann::json error = {{"code", std::string(code)}, {"message", message}, {"hint", hint}};
  if (!location.empty()) error["location"] = location;
  return to_json_text(nlohmann::json{{"error", error}});
}

std::string error_json(const core::Error& error) {
  return error_json(core::error_code_name(error.code), error.message, error.hint, error.location);
}

core::Result<nlohmann::json> parse_body(const ApiRequest& request) {
  if (request.body().empty()) {
    return core::Error::invalid_input("the request has no body", "request body: $",
                                      "send a JSON object (Content-Type: application/json)");
  }
  return io::parse_json(request.body(), "request body");
}

std::optional<Reply> ResponseCache::get(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void ResponseCache::put(const std::string& key, const Reply& reply) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key] = reply;
}

Handler cached(ApiState& state, Handler handler) {
  return [&state, handler = std::move(handler)](const ApiRequest& request) -> core::Result<Reply> {
    const std::string key = request.raw.method + " " + request.raw.target;
    if (auto hit = state.cache.get(key)) return *hit;
    auto reply = handler(request);
    if (reply && reply->status == 200 && !reply->shared_body) {
      reply->shared_body = std::make_shared<const std::string>(std::move(reply->body));
      reply->body.clear();
      state.cache.put(key, *reply);
    }
    return reply;
  };
}

std::string to_json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace urbanmine::server
