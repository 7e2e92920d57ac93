// SPDX-License-Identifier: Apache-2.0
// HttpServer: `urbanmine serve`, the HTTP JSON API over the engine facade plus the web dashboard.
// The API mirrors the CLI under /api/... (described at /api/openapi.json and in docs/api.md).
// Errors are JSON {"error": {"code", "message", "hint", "location"}} with the HTTP status of
// core::http_status_for. Loopback by default; with a token every write endpoint needs
// `Authorization: Bearer TOKEN` (reads stay open).
//
// Thread safety: start()/serve()/stop() from one owner thread; stop() may be called from any
// thread (a signal-waiting thread, a test). Requests run on a pool of worker threads; runs run on
// the engine's run service, capped at max_concurrent_runs (429 beyond it).
//
// Example:
//   ServerOptions options;  options.port = 0;  // any free port
//   auto server = HttpServer::create(options);  (*server)->bind();  (*server)->serve();
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/logger.h"
#include "core/result.h"

namespace urbanmine::server {

inline constexpr int kDefaultPort = 8080;
inline constexpr std::size_t kDefaultMaxBodyBytes = 8 * 1024 * 1024;
inline constexpr int kDefaultMaxConcurrentRuns = 2;
// Compute requests (POST /api/mfa/dsm, plant balance, validation, scheduling, ...) at once.
inline constexpr int kDefaultMaxConcurrentCompute = 2;

struct ServerOptions {
  std::string bind_address = "127.0.0.1";             // loopback unless told otherwise
  int port = kDefaultPort;                            // 0 = any free port (see HttpServer::port())
  std::string db_path;                                // SQLite store; empty = kept in memory only
  std::string token;                                  // empty = writes are open too
  std::string web_dir;                                // dashboard bundle; empty = default_web_dir()
  std::size_t max_body_bytes = kDefaultMaxBodyBytes;  // larger bodies get 413
  int worker_threads = 0;                             // 0 = a default sized for keep-alive clients
  int max_concurrent_runs = kDefaultMaxConcurrentRuns;        // runs beyond it get 429
  int max_concurrent_compute = kDefaultMaxConcurrentCompute;  // compute requests beyond: 503
  int read_timeout_seconds = 10;                              // per socket read
  int write_timeout_seconds = 30;                             // per socket write
  int header_timeout_seconds = 5;      // first byte to end of headers (408 beyond)
  int request_timeout_seconds = 30;    // end of headers to end of body
  std::size_t max_connections = 1024;  // open connections held; beyond: 503 + Retry-After
  int listen_backlog = 1024;           // listen(2) backlog
  // Host header names accepted besides IP literals and loopback names ("*" = any): DNS
  // rebinding protection (421 otherwise).
  std::vector<std::string> allowed_hosts;
  // Origins (scheme://host[:port]) whose pages may call the API, besides loopback and the
  // server's own origin ("*" = any); others get 403.
  std::vector<std::string> allowed_origins;
  core::Logger* logger = nullptr;  // nullptr = no logs
};

// The dashboard bundle folder used when ServerOptions::web_dir is empty: $URBANMINE_WEB_DIR, else
// the source tree's web/dist, else the installed share/urbanmine/web.
std::string default_web_dir();

class HttpServer {
 public:
  // Opens the store (when db_path is set) and registers every route. Fails with an Io error when
  // the store cannot be opened.
  static core::Result<std::unique_ptr<HttpServer>> create(const ServerOptions& options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds the listening socket; returns the port (the chosen one when options.port is 0).
  core::Result<int> bind();
  // Serves until stop(). Precondition: bind() succeeded.
  core::Status serve();
  // Stops accepting requests and makes serve() return; safe from any thread.
  void stop();
  int port() const;

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace urbanmine::server
