// SPDX-License-Identifier: Apache-2.0
// Error bodies and JSON helpers shared by the endpoint groups.
#include <string>

#include <zlib.h>

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

std::size_t ResponseCache::computed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return computed_;
}

bool worth_compressing(const std::string& content_type, std::size_t bytes) {
  // Bodies smaller than 1 KiB are sent as they are: gzip would save less than a packet.
  constexpr std::size_t kMinGzipBytes = 1024;
  if (bytes < kMinGzipBytes) return false;
  for (const char* prefix : {"text/", "application/json", "application/javascript",
                             "application/xml", "image/svg+xml"}) {
    if (content_type.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

core::Result<Reply> ResponseCache::get_or_compute(
    const std::string& key, const std::function<core::Result<Reply>()>& compute) {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      auto it = entries_.find(key);
      if (it != entries_.end()) return it->second;
      if (in_flight_.count(key) == 0) break;
      done_.wait(lock);  // another request computes this answer; take it from the cache after
    }
    in_flight_.insert(key);
    ++computed_;
  }
  core::Result<Reply> reply = core::Error::internal("cached handler did not run");
  try {
    reply = compute();
    if (reply && reply->status == 200 && !reply->shared_body) {
      reply->shared_body = std::make_shared<const std::string>(std::move(reply->body));
      reply->body.clear();
      if (worth_compressing(reply->content_type, reply->shared_body->size())) {
        if (auto packed = gzip_compress(*reply->shared_body, kCachedGzipLevel)) {
          reply->shared_gzip = std::make_shared<const std::string>(std::move(*packed));
        }
      }
    }
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    in_flight_.erase(key);
    done_.notify_all();
    throw;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  in_flight_.erase(key);
  if (reply && reply->status == 200) {
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[key] = *reply;
  }
  done_.notify_all();  // waiters recompute themselves when this one failed
  return reply;
}

std::optional<std::string> gzip_compress(std::string_view text, int level) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer rather than a raw zlib stream.
  if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  const auto written = static_cast<std::size_t>(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  out.resize(written);
  return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::size_t start = 0;
  while (start <= accept_encoding.size()) {
    std::size_t end = accept_encoding.find(',', start);
    if (end == std::string_view::npos) end = accept_encoding.size();
    std::string_view item = accept_encoding.substr(start, end - start);
    const std::size_t semi = item.find(';');
    std::string_view token = item.substr(0, semi);
    std::string_view params = semi == std::string_view::npos ? "" : item.substr(semi + 1);
    const auto trim = [](std::string_view v) {
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
      return v;
    };
    token = trim(token);
    params = trim(params);
    if (token == "gzip" || token == "*") {
      // "q=0", "q=0.0", "q=0.000": explicitly refused.
      bool refused = false;
      if (params.rfind("q=", 0) == 0) {
        refused = params.substr(2).find_first_not_of("0.") == std::string_view::npos;
      }
      if (!refused) return true;
    }
    start = end + 1;
  }
  return false;
}

Handler cached(ApiState& state, Handler handler) {
  return [&state, handler = std::move(handler)](const ApiRequest& request) -> core::Result<Reply> {
    return state.cache.get_or_compute(request.raw.method + " " + request.raw.target,
                                      [&] { return handler(request); });
  };
}

core::Result<report::Language> query_language(const ApiRequest& request) {
  return report::parse_language(request.has_query("lang") ? request.query("lang") : "en",
                                "query: lang");
}

std::string to_json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace urbanmine::server
