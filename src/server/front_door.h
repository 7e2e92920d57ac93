// SPDX-License-Identifier: Apache-2.0
// Internal to server: how connections reach the request handlers. cpp-httplib alone gives each
// accepted connection a worker thread from the first byte on, so clients that send a header byte
// every few seconds (or keep idle keep-alive connections) hold every worker. GuardedHttpServer
// replaces that part of httplib:
//   - one reader thread (epoll) holds every connection until its request line and headers have
//     arrived in full; only then does a worker take it. Idle keep-alive connections go back to the
//     reader, so they hold no worker either;
//   - the headers must arrive within header_timeout_ms of the first byte (408 and closed
//     otherwise), and the whole request (body included) within request_timeout_ms;
//   - at most max_connections connections are held; beyond it, and when max_queued requests
//     already wait for a worker, the new one is answered 503 with Retry-After and closed;
//   - request bodies are counted as they are read, chunked ones included: past max_body_bytes the
//     read fails and the answer is 413 (the request's body_over_limit() is then true);
//   - the listen backlog is `backlog` (httplib's own is 5).
// The request parsing, routing and response writing stay httplib's (Server::process_request).
//
// Thread safety: configure before listen; stop() from any thread.
#pragma once

#include <cstddef>
#include <memory>

#include <httplib.h>

namespace urbanmine::server {

struct FrontDoorOptions {
  int workers = 16;                              // request-handling threads
  int header_timeout_ms = 5000;                  // first byte to end of headers
  int request_timeout_ms = 30000;                // end of headers to end of body
  int read_timeout_ms = 10000;                   // one socket read
  int write_timeout_ms = 30000;                  // one socket write
  int keep_alive_timeout_ms = 5000;              // idle time between two requests of a connection
  std::size_t keep_alive_max_requests = 100000;  // requests per connection
  std::size_t max_connections = 1024;            // connections held by the reader and the workers
  std::size_t max_queued = 64;                   // complete requests waiting for a worker
  std::size_t max_header_bytes = 64 * 1024;      // request line and headers
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  int backlog = 1024;           // listen(2) backlog
  int retry_after_seconds = 1;  // sent with every 503
};

// Per-request facts the front door knows and a handler may need.
struct ConnectionFlags {
  bool body_over_limit = false;  // the body was longer than max_body_bytes
  bool close_after = false;      // close the connection after this answer (set by handlers)
};
// The flags of the request being handled on this thread (null outside a request).
ConnectionFlags* current_connection_flags();

class GuardedHttpServer : public httplib::Server {
 public:
  explicit GuardedHttpServer(const FrontDoorOptions& options);
  ~GuardedHttpServer() override;
  GuardedHttpServer(const GuardedHttpServer&) = delete;
  GuardedHttpServer& operator=(const GuardedHttpServer&) = delete;

  // Re-issues listen(2) on the bound socket with options.backlog. Call after bind_to_port.
  bool raise_backlog();

  struct State;

 private:
  bool process_and_close_socket(socket_t sock) override;
  // One request of a connection through httplib's parser, router and writer.
  bool run_request(httplib::Stream& stream, bool close_connection, bool& connection_closed);
  std::shared_ptr<State> state_;
};

}  // namespace urbanmine::server
