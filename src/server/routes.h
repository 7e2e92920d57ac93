// SPDX-License-Identifier: Apache-2.0
// Internal to server: the route table. Each route is declared once (method, OpenAPI-style path,
// summary, whether it writes, its query parameters and body) and that one declaration drives
// both the httplib registration (server.cpp) and the OpenAPI description (openapi.cpp), so the
// description cannot drift from the routes that exist.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <httplib.h>

#include "core/result.h"

namespace urbanmine::server {

inline constexpr const char* kJsonType = "application/json";
inline constexpr const char* kCsvType = "text/csv; charset=utf-8";
inline constexpr const char* kHtmlType = "text/html; charset=utf-8";
inline constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr const char* kIcsType = "text/calendar; charset=utf-8";

// What a handler answers on success.
struct Reply {
  int status = 200;
  std::string content_type = kJsonType;
  std::string body;
  std::string download_name;  // non-empty: sent as Content-Disposition attachment
  // Set instead of `body` for cached answers: sent without copying (large summaries).
  std::shared_ptr<const std::string> shared_body;
  // The same answer gzip-compressed, made once when it was cached (null when not worth it):
  // sent to clients whose Accept-Encoding takes gzip, as browsers' does.
  std::shared_ptr<const std::string> shared_gzip;
  static Reply json(std::string text, int status = 200) {
    return Reply{status, kJsonType, std::move(text), {}, nullptr, nullptr};
  }
  // A 200 answer of `content_type`; a download (Content-Disposition) when `download_as` is set.
  static Reply content(std::string content_type, std::string text, std::string download_as = {}) {
    return Reply{200,    std::move(content_type), std::move(text), std::move(download_as), nullptr,
                 nullptr};
  }
};

// The parts of a request a handler reads. Path parameters by name ("id" for /api/runs/{id}).
struct ApiRequest {
  const httplib::Request& raw;
  std::map<std::string, std::string> path_params;

  const std::string& body() const { return raw.body; }
  std::string path_param(const std::string& name) const;
  // The query parameter or "" when absent.
  std::string query(const std::string& name) const;
  bool has_query(const std::string& name) const { return raw.has_param(name); }
};

using Handler = std::function<core::Result<Reply>(const ApiRequest&)>;

struct QueryParam {
  std::string name;
  std::string description;
};

struct Route {
  std::string method;  // GET, POST, DELETE
  std::string path;    // OpenAPI form, e.g. /api/runs/{id}/tables/{table}
  std::string tag;     // OpenAPI tag: system, mfa, scenarios, runs, plant, risk, ...
  std::string summary;
  bool write = false;        // needs the token when one is set
  std::string request_body;  // description of the JSON body; empty = no body
  std::vector<QueryParam> query;
  std::vector<std::string> produces = {kJsonType};
  Handler handler;
  // Media types of the request body (Content-Type without parameters); others get 415 before the
  // body is read.
  std::vector<std::string> consumes = {kJsonType};
  // Computes on the request's thread, so it counts against --max-compute. Default: every POST
  // and PUT except starting a run (which has its own cap); a GET that computes says so.
  bool computes_on_get = false;
};

class RouteTable {
 public:
  void add(Route route) { routes_.push_back(std::move(route)); }
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// The OpenAPI 3.0 document for `routes` (JSON text).
std::string openapi_json(const RouteTable& routes);

// Path parameter names of an OpenAPI path, in order ("/api/runs/{id}" -> {"id"}).
std::vector<std::string> path_param_names(const std::string& path);
// The regular expression httplib matches for an OpenAPI path.
std::string path_regex(const std::string& path);

}  // namespace urbanmine::server
