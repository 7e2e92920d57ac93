// SPDX-License-Identifier: Apache-2.0
// HttpServer: registers the route table with cpp-httplib, adds the token check, the JSON error
// bodies for every failure status, the static dashboard and the worker pool.
#include "server/server.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <arpa/inet.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <httplib.h>

#include "server/api.h"
#include "server/front_door.h"
#include "server/routes.h"
#include "server/static_files.h"

namespace urbanmine::server {

namespace {

// Request-handling threads. Idle keep-alive connections and requests whose headers are still
// arriving hold none (front_door.h), so this bounds requests in progress, not clients.
constexpr int kDefaultWorkerThreads = 32;
// Requests one keep-alive connection may send before httplib closes it.
constexpr std::size_t kKeepAliveMaxRequests = 100000;
constexpr time_t kKeepAliveTimeoutSeconds = 5;

constexpr int kMillisPerSecond = 1000;
// Seconds a client is told to wait (Retry-After) when the compute cap or the queue is full.
constexpr int kRetryAfterSeconds = 1;

// The request media types a body-taking route accepts (Route::consumes), matched before the body
// is read.
struct RouteMedia {
  std::regex pattern;
  std::string method;
  std::vector<std::string> consumes;
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// "application/json; charset=utf-8" -> "application/json".
std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  const auto first = type.find_first_not_of(" \t");
  const auto last = type.find_last_not_of(" \t");
  if (first == std::string::npos) return {};
  return lower(type.substr(first, last - first + 1));
}

// The host part of a Host header or an origin's authority ("[::1]:8080" -> "::1",
// "Example.org:80" -> "example.org").
std::string host_part(const std::string& authority) {
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    return close == std::string::npos ? std::string() : lower(authority.substr(1, close - 1));
  }
  const auto colon = authority.find(':');
  return lower(colon == std::string::npos ? authority : authority.substr(0, colon));
}

bool is_ip_literal(const std::string& host) {
  unsigned char buffer[sizeof(in6_addr)];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

bool is_loopback_name(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  const std::string suffix = ".localhost";
  if (host.size() > suffix.size() &&
      host.compare(host.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return true;
  }
  in_addr v4{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127;
}

bool listed(const std::vector<std::string>& allowed, const std::string& value) {
  for (const auto& a : allowed) {
    if (a == "*" || lower(a) == value) return true;
  }
  return false;
}

// "http://localhost:5173/" -> "localhost:5173" (the authority), or "" when not an http(s) origin.
std::string origin_authority(const std::string& origin) {
  const std::string o = lower(origin);
  std::string rest;
  if (o.rfind("http://", 0) == 0) {
    rest = o.substr(7);
  } else if (o.rfind("https://", 0) == 0) {
    rest = o.substr(8);
  } else {
    return {};
  }
  return rest.substr(0, rest.find('/'));
}

std::string trim_slash(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  return lower(text);
}

bool has_body(const httplib::Request& req) {
  if (req.has_header("Transfer-Encoding")) return true;
  return req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0";
}

bool token_matches(const std::string& expected, const std::string& given) {
  // Constant-time over the expected length so that timing does not reveal a prefix.
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const char g = i < given.size() ? given[i] : '\0';
    diff = static_cast<unsigned char>(diff | static_cast<unsigned char>(expected[i] ^ g));
  }
  return diff == 0;
}

std::string bearer_token(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.compare(0, prefix.size(), prefix) == 0) return header.substr(prefix.size());
  return req.get_header_value("X-Urbanmine-Token");
}

const char* status_code_name(int status) {
  switch (status) {
    case 400:
      return "invalid_input";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 408:
      return "timeout";
    case 413:
      return "payload_too_large";
    case 414:
      return "uri_too_long";
    case 415:
      return "unsupported_media_type";
    case 421:
      return "misdirected_request";
    case 429:
      return "too_many_runs";
    case 503:
      return "busy";
    default:
      return status >= 500 ? "internal" : "invalid_input";
  }
}

std::optional<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

using SharedText = std::shared_ptr<const std::string>;

// Every answer leaves through here, as a content provider of known length, which httplib sends
// as it is. Left to itself, httplib compresses each set_content() answer for a browser with
// brotli at its slowest setting: about 1 s for the dashboard's script bundle, and a tenth of
// the throughput for the smallest JSON answer (/api/version). Instead, answers worth it (>= 1 KiB
// of text or JSON) are gzip-compressed here, once for cached answers (`gzip` given) and per request
// for the rest, and sent compressed to clients whose Accept-Encoding takes gzip.
void send_body(const httplib::Request& req, httplib::Response& res, const std::string& content_type,
               SharedText body, SharedText gzip = nullptr) {
  if (worth_compressing(content_type, body->size())) {
    res.set_header("Vary", "Accept-Encoding");
    if (accepts_gzip(req.get_header_value("Accept-Encoding"))) {
      if (!gzip) {
        if (auto packed = gzip_compress(*body, kDynamicGzipLevel)) {
          gzip = std::make_shared<const std::string>(std::move(*packed));
        }
      }
      if (gzip) {
        body = std::move(gzip);
        res.set_header("Content-Encoding", "gzip");
      }
    }
  }
  const std::size_t size = body->size();
  res.set_content_provider(
      size, content_type.c_str(),
      [body = std::move(body)](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        return sink.write(body->data() + offset, length);
      });
}

void send_text(const httplib::Request& req, httplib::Response& res, const std::string& content_type,
               std::string text) {
  send_body(req, res, content_type, std::make_shared<const std::string>(std::move(text)));
}

// A static file of the dashboard, read once and kept with its gzip form; re-read when the file
// changes on disk (size or modification time), as after `make` rebuilt the dashboard.
struct StaticFile {
  std::filesystem::file_time_type mtime;
  std::uintmax_t size = 0;
  SharedText body;
  SharedText gzip;
};

}  // namespace

std::string default_web_dir() {
  if (const char* env = std::getenv("URBANMINE_WEB_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(URBANMINE_WEB_DIST_DIR, ec)) return URBANMINE_WEB_DIST_DIR;
  return URBANMINE_INSTALLED_WEB_DIR;
}

struct HttpServer::Impl {
  ApiState state;
  RouteTable routes;
  std::unique_ptr<GuardedHttpServer> http;
  std::atomic<int> computing{0};  // compute requests in progress
  std::vector<RouteMedia> route_media;
  int port = 0;
  bool bound = false;
  std::mutex static_mutex;
  std::map<std::string, StaticFile> static_files;

  void log(core::LogLevel level, const std::string& message) const {
    if (state.options.logger != nullptr) state.options.logger->log(level, message);
  }

  void send_error(const httplib::Request& req, httplib::Response& res, int status,
                  std::string body) const {
    res.status = status;
    send_text(req, res, kJsonType, std::move(body));
  }

  void refuse(const httplib::Request& req, httplib::Response& res, int status,
              const std::string& message, const std::string& hint) const {
    // The body, if any, is not read: the connection cannot carry another request.
    if (auto* flags = current_connection_flags()) flags->close_after = true;
    send_error(req, res, status, error_json(status_code_name(status), message, hint, req.path));
  }

  // Checks made before the body is read; false = answered already (403, 415, 421).
  bool guard_request(const httplib::Request& req, httplib::Response& res) const {
    const ServerOptions& o = state.options;
    // DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 sends
    // Host: evil.example. IP literals cannot be rebound; names must be loopback or listed.
    const std::string host_header = req.get_header_value("Host");
    if (!host_header.empty()) {
      const std::string host = host_part(host_header);
      if (!is_ip_literal(host) && !is_loopback_name(host) && !listed(o.allowed_hosts, host)) {
        res.status = 421;
        refuse(req, res, 421, "host '" + host + "' is not served here",
               "use http://127.0.0.1 or http://localhost, or start the server with "
               "--allow-host " +
                   host);
        return false;
      }
    }
    // Cross-site requests: a page from another site may not call the API (writes especially);
    // same-origin pages (the dashboard), loopback origins and --allow-origin ones may.
    const std::string origin = req.get_header_value("Origin");
    const bool writes = req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
    if (req.has_header("Origin")) {
      const std::string authority = origin_authority(origin);
      const bool allowed = listed(o.allowed_origins, trim_slash(origin)) ||
                           (!authority.empty() && (authority == lower(host_header) ||
                                                   is_loopback_name(host_part(authority))));
      if (!allowed) {
        refuse(req, res, 403, "requests from origin '" + origin + "' are not allowed",
               "open the dashboard from this server, or start it with --allow-origin " + origin);
        return false;
      }
    } else if (writes && lower(req.get_header_value("Sec-Fetch-Site")) == "cross-site") {
      refuse(req, res, 403, "cross-site requests may not write",
             "call the API from the dashboard or a program, not from another site's page");
      return false;
    }
    // httplib would read a length-less body until the client closes (the read timeout, 10 s).
    if ((req.method == "POST" || req.method == "PUT") && !req.has_header("Content-Length") &&
        !req.has_header("Transfer-Encoding")) {
      refuse(req, res, 400, "a " + req.method + " request needs a Content-Length header",
             "send a body (a JSON object such as {}), or Content-Length: 0 for none");
      return false;
    }
    // Bodies are JSON (a few routes take CSV too): a form or text/plain body is refused unread.
    if ((req.method == "POST" || req.method == "PUT") && has_body(req)) {
      for (const auto& route : route_media) {
        if (route.method != req.method || !std::regex_match(req.path, route.pattern)) continue;
        const std::string type = media_type(req.get_header_value("Content-Type"));
        if (std::find(route.consumes.begin(), route.consumes.end(), type) == route.consumes.end()) {
          std::string accepted;
          for (const auto& c : route.consumes) accepted += (accepted.empty() ? "" : " or ") + c;
          refuse(req, res, 415,
                 "Content-Type '" + req.get_header_value("Content-Type") + "' is not accepted here",
                 "send the body with Content-Type: " + accepted);
          return false;
        }
        break;
      }
    }
    return true;
  }

  // The dashboard file at `path` from the in-memory copy, loading it when new or changed.
  std::optional<StaticFile> static_file(const std::string& path) {
    std::error_code ec;
    const auto mtime = std::filesystem::last_write_time(path, ec);
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return std::nullopt;
    {
      std::lock_guard<std::mutex> lock(static_mutex);
      auto it = static_files.find(path);
      if (it != static_files.end() && it->second.mtime == mtime && it->second.size == size) {
        return it->second;
      }
    }
    auto content = read_whole_file(path);
    if (!content) return std::nullopt;
    StaticFile file{mtime, size, std::make_shared<const std::string>(std::move(*content)), nullptr};
    if (worth_compressing(content_type_for(path), file.body->size())) {
      if (auto packed = gzip_compress(*file.body, kCachedGzipLevel)) {
        file.gzip = std::make_shared<const std::string>(std::move(*packed));
      }
    }
    std::lock_guard<std::mutex> lock(static_mutex);
    static_files[path] = file;
    return file;
  }

  void register_route(const Route& route) {
    const auto names = path_param_names(route.path);
    const bool needs_token = route.write && !state.options.token.empty();
    const Handler handler = route.handler;
    // Every body-taking route but run submission (capped by the run service) computes on the
    // request's thread: those run at most max_concurrent_compute at once.
    const bool compute =
        ((route.method == "POST" || route.method == "PUT") && route.path != "/api/runs") ||
        route.computes_on_get;
    auto wrapped = [this, names, needs_token, handler, compute](const httplib::Request& req,
                                                                httplib::Response& res) {
      if (needs_token && !token_matches(state.options.token, bearer_token(req))) {
        send_error(req, res, 401,
                   error_json("unauthorized", "this endpoint writes and needs the server's token",
                              "send the header 'Authorization: Bearer TOKEN' (the --token given "
                              "to `urbanmine serve`)"));
        return;
      }
      // Chunked bodies are counted while read (front_door.h) up to twice the limit for their
      // framing; the decoded body is held to the limit itself here.
      if (req.body.size() > state.options.max_body_bytes) {
        send_error(req, res, 413,
                   error_json("payload_too_large", "request body is larger than the server's limit",
                              "send a smaller body, or start the server with a larger "
                              "--max-body-mb"));
        return;
      }
      struct ComputeSlot {
        std::atomic<int>* counter = nullptr;
        ~ComputeSlot() {
          if (counter == nullptr) return;
          counter->fetch_sub(1);
#if defined(__GLIBC__)
          // Hand the freed memory of a large computation back to the system.
          malloc_trim(0);
#endif
        }
      } slot;
      if (compute) {
        if (computing.fetch_add(1) >= state.options.max_concurrent_compute) {
          computing.fetch_sub(1);
          res.set_header("Retry-After", std::to_string(kRetryAfterSeconds));
          send_error(req, res, 503,
                     error_json("busy",
                                "the server is computing as many requests as it takes (" +
                                    std::to_string(state.options.max_concurrent_compute) + ")",
                                "retry after the Retry-After seconds, or start the server with "
                                "a larger --max-compute"));
          return;
        }
        slot.counter = &computing;
      }
      ApiRequest request{req, {}};
      for (std::size_t i = 0; i < names.size() && i + 1 < req.matches.size(); ++i) {
        request.path_params[names[i]] = req.matches[static_cast<int>(i + 1)].str();
      }
      core::Result<Reply> reply = core::Error::internal("handler did not run");
      try {
        reply = handler(request);
      } catch (const std::exception& e) {
        reply = core::Error::internal(std::string("unexpected exception: ") + e.what());
      }
      if (!reply) {
        const int status = core::http_status_for(reply.error().code);
        if (status >= 500) log(core::LogLevel::kError, reply.error().to_string());
        send_error(req, res, status, error_json(reply.error()));
        return;
      }
      res.status = reply->status;
      if (!reply->download_name.empty()) {
        res.set_header("Content-Disposition",
                       "attachment; filename=\"" + reply->download_name + "\"");
      }
      if (reply->shared_body) {
        // Cached answer: sent from the shared buffer without copying, compressed once already.
        send_body(req, res, reply->content_type, reply->shared_body, reply->shared_gzip);
        return;
      }
      send_text(req, res, reply->content_type, std::move(reply->body));
    };
    const std::string pattern = path_regex(route.path);
    if (route.method == "GET") {
      http->Get(pattern, wrapped);
    } else if (route.method == "POST") {
      http->Post(pattern, wrapped);
    } else if (route.method == "DELETE") {
      http->Delete(pattern, wrapped);
    } else if (route.method == "PUT") {
      http->Put(pattern, wrapped);
    }
  }

  void serve_static(const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/api" || req.path.rfind("/api/", 0) == 0) {
      send_error(req, res, 404,
                 error_json("not_found", "no API route " + req.method + " " + req.path,
                            "see /api/openapi.json for the routes that exist", req.path));
      return;
    }
    const std::string web_dir =
        state.options.web_dir.empty() ? default_web_dir() : state.options.web_dir;
    const auto file = resolve_static_path(web_dir, req.path);
    if (!file) {
      send_error(
          req, res, 404,
          error_json("not_found", "no file " + req.path + " in the dashboard",
                     "open / for the dashboard (build it with `make` if it is missing)", req.path));
      return;
    }
    auto content = static_file(*file);
    if (!content) {
      send_error(req, res, 404, error_json("not_found", "cannot read " + req.path, "", req.path));
      return;
    }
    // Hashed bundle files never change; index.html must be revalidated.
    if (file->find("/assets/") != std::string::npos) {
      res.set_header("Cache-Control", "public, max-age=31536000, immutable");
    } else {
      res.set_header("Cache-Control", "no-cache");
    }
    send_body(req, res, content_type_for(*file), content->body, content->gzip);
  }

  void configure() {
    const ServerOptions& o = state.options;
    FrontDoorOptions door;
    door.workers = o.worker_threads > 0 ? o.worker_threads : kDefaultWorkerThreads;
    door.header_timeout_ms = o.header_timeout_seconds * kMillisPerSecond;
    door.request_timeout_ms = o.request_timeout_seconds * kMillisPerSecond;
    door.read_timeout_ms = o.read_timeout_seconds * kMillisPerSecond;
    door.write_timeout_ms = o.write_timeout_seconds * kMillisPerSecond;
    door.keep_alive_timeout_ms = static_cast<int>(kKeepAliveTimeoutSeconds) * kMillisPerSecond;
    door.keep_alive_max_requests = kKeepAliveMaxRequests;
    door.max_connections = o.max_connections;
    door.max_queued = static_cast<std::size_t>(door.workers) * 2;
    door.max_body_bytes = o.max_body_bytes;
    door.backlog = o.listen_backlog;
    http = std::make_unique<GuardedHttpServer>(door);
    http->set_read_timeout(o.read_timeout_seconds, 0);
    http->set_write_timeout(o.write_timeout_seconds, 0);
    http->set_keep_alive_timeout(kKeepAliveTimeoutSeconds);
    http->set_tcp_nodelay(true);
    for (const auto& route : routes.routes()) {
      if (route.method == "POST" || route.method == "PUT") {
        route_media.push_back({std::regex(path_regex(route.path)), route.method, route.consumes});
      }
    }
    http->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      return guard_request(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                     : httplib::Server::HandlerResponse::Handled;
    });
    for (const auto& route : routes.routes()) register_route(route);
    http->Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      serve_static(req, res);
    });
    // Unmatched methods and paths, oversized bodies, malformed requests: a JSON body for every
    // failure status httplib produces itself.
    http->set_error_handler([](const httplib::Request& req, httplib::Response& res) {
      // Answers already given (by a handler, through send_body) are left alone.
      if (!res.body.empty() || res.content_length_ > 0) return;
      if (auto* flags = current_connection_flags(); flags != nullptr && flags->body_over_limit) {
        res.status = 413;
      }
      std::string message;
      std::string hint;
      if (res.status == 404) {
        message = "no route " + req.method + " " + req.path;
        hint = "see /api/openapi.json for the routes that exist";
      } else if (res.status == 400 && (req.method == "POST" || req.method == "PUT") &&
                 !req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
        message = "a " + req.method + " request needs a Content-Length header";
        hint = "send a body (a JSON object such as {}), or Content-Length: 0 for none";
      } else if (res.status == 413) {
        message = "request body is larger than the server's limit";
        hint = "send a smaller body, or start the server with a larger --max-body-mb";
      } else {
        message = "request failed with HTTP status " + std::to_string(res.status);
        hint = "check the method, path and body against /api/openapi.json";
      }
      send_text(req, res, kJsonType,
                error_json(status_code_name(res.status), message, hint, req.path));
    });
    http->set_exception_handler([this](const httplib::Request& req, httplib::Response& res,
                                       std::exception_ptr ep) {
      std::string what = "unknown exception";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      log(core::LogLevel::kError, "request failed: " + what);
      send_error(req, res, 500, error_json(core::Error::internal("unexpected exception: " + what)));
    });
    http->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      if (state.options.logger != nullptr) {
        log(core::LogLevel::kDebug,
            req.method + " " + req.path + " -> " + std::to_string(res.status));
      }
    });
  }
};

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() {
  if (impl_ && impl_->http->is_running()) impl_->http->stop();
}

core::Result<std::unique_ptr<HttpServer>> HttpServer::create(const ServerOptions& options) {
  if (options.max_concurrent_runs < 1) {
    return core::Error::invalid_input("max concurrent runs must be at least 1", "--max-runs",
                                      "give a positive number");
  }
  auto impl = std::make_unique<Impl>();
  impl->state.options = options;
  engine::RunServiceOptions service_options;
  service_options.db_path = options.db_path;
  service_options.max_concurrent_runs = options.max_concurrent_runs;
  service_options.logger = options.logger;
  auto service = engine::RunService::open(std::move(service_options));
  if (!service) return service.error();
  impl->state.service = std::move(*service);
  auto events = engine::EventService::open(options.db_path);
  if (!events) return events.error();
  impl->state.events = std::move(*events);
  add_system_routes(impl->routes, impl->state);
  add_mfa_routes(impl->routes, impl->state);
  add_scenario_routes(impl->routes, impl->state);
  add_plant_routes(impl->routes, impl->state);
  add_run_routes(impl->routes, impl->state);
  add_coop_routes(impl->routes, impl->state);
  add_event_routes(impl->routes, impl->state);
  impl->state.openapi_text = openapi_json(impl->routes);
  impl->configure();
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

core::Result<int> HttpServer::bind() {
  const ServerOptions& o = impl_->state.options;
  int port = -1;
  if (o.port == 0) {
    port = impl_->http->bind_to_any_port(o.bind_address);
  } else if (impl_->http->bind_to_port(o.bind_address, o.port)) {
    port = o.port;
  }
  if (port <= 0) {
    return core::Error::io("cannot listen on " + o.bind_address + ":" + std::to_string(o.port),
                           "--port",
                           "choose a free port (--port 0 picks one) or stop the program using it");
  }
  // httplib listens with a backlog of 5: bursts of connections were reset instead of queued.
  if (!impl_->http->raise_backlog()) {
    return core::Error::io("cannot set the listen backlog on " + o.bind_address, "--port",
                           "restart the server");
  }
  impl_->port = port;
  impl_->bound = true;
  return port;
}

core::Status HttpServer::serve() {
  if (!impl_->bound) return core::Error::internal("serve() before bind()");
  if (!impl_->http->listen_after_bind()) {
    return core::Error::io("the HTTP server stopped with an error", "",
                           "see the log above; restart the server");
  }
  return {};
}

void HttpServer::stop() { impl_->http->stop(); }

int HttpServer::port() const { return impl_->port; }

}  // namespace urbanmine::server
