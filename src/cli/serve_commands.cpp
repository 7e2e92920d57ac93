// SPDX-License-Identifier: Apache-2.0
// `urbanmine serve`: the HTTP JSON API and the web dashboard (src/server). Prints
// "urbanmine: serving http://HOST:PORT/" on stdout once the socket listens, then serves until
// SIGINT or SIGTERM.
#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include <pthread.h>
#include <signal.h>

#include "cli/commands.h"
#include "server/server.h"

namespace urbanmine::cli {

namespace {

int run_server(CliContext& ctx, const server::ServerOptions& options_in) {
  server::ServerOptions options = options_in;
  options.logger = &ctx.logger;
  if (options.bind_address != "127.0.0.1" && options.bind_address != "localhost" &&
      options.bind_address != "::1") {
    ctx.logger.warn("listening on " + options.bind_address +
                    ", not loopback: other machines can reach this server" +
                    (options.token.empty() ? " and write to it (set --token)" : ""));
  }
  // Block SIGINT/SIGTERM in every thread (the pool inherits the mask); one thread waits for them
  // and stops the server so that serve() returns and the store closes cleanly.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto created = server::HttpServer::create(options);
  if (!created) return report_error(ctx, created.error());
  std::unique_ptr<server::HttpServer> http = std::move(*created);
  auto port = http->bind();
  if (!port) return report_error(ctx, port.error());

  std::thread waiter([&http, signals] {
    int received = 0;
    sigwait(&signals, &received);
    http->stop();
  });
  const std::string host = options.bind_address.find(':') != std::string::npos
                               ? "[" + options.bind_address + "]"
                               : options.bind_address;
  std::cout << "urbanmine: serving http://" << host << ":" << *port << "/" << std::endl;
  ctx.logger.info("store: " +
                  (options.db_path.empty() ? std::string("in memory (no --db)") : options.db_path));
  auto served = http->serve();
  // Wake the waiter if serve() ended for another reason.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!served) return report_error(ctx, served.error());
  ctx.logger.info("server stopped");
  return core::kExitOk;
}

}  // namespace

void register_serve_commands(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<server::ServerOptions>();
  auto max_body_mb = std::make_shared<double>(static_cast<double>(server::kDefaultMaxBodyBytes) /
                                              (1024.0 * 1024.0));
  auto* serve = app.add_subcommand(
      "serve",
      "HTTP JSON API (/api/..., described at /api/openapi.json) and the web dashboard.\n"
      "Example: urbanmine serve --port 8080 --db urbanmine.db --token s3cret");
  serve->add_option("--port", options->port, "TCP port; 0 picks a free one")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve->add_option("--bind", options->bind_address, "Address to listen on (loopback by default)")
      ->capture_default_str();
  serve->add_option("--db", options->db_path,
                    "SQLite store shared with the CLI (WAL mode); without it, nothing persists");
  serve->add_option("--token", options->token,
                    "Token that every write endpoint requires (Authorization: Bearer TOKEN)");
  serve->add_option("--web-dir", options->web_dir,
                    "Folder of the dashboard bundle (default: web/dist or the installed copy)");
  serve->add_option("--max-body-mb", *max_body_mb, "Largest request body in MiB (413 beyond)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  serve->add_option("--max-runs", options->max_concurrent_runs, "Runs at once; more get HTTP 429")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve
      ->add_option("--max-compute", options->max_concurrent_compute,
                   "Compute requests at once (DSM, plant balance, validate, schedule); more get "
                   "HTTP 503 with Retry-After")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  serve->add_option("--allow-host", options->allowed_hosts,
                    "Host names the server answers besides IP addresses and localhost (repeat; "
                    "'*' = any); others get 421 (DNS-rebinding guard)");
  serve->add_option("--allow-origin", options->allowed_origins,
                    "Origins (http://host:port) whose pages may call the API besides loopback "
                    "and the server's own (repeat; '*' = any); others get 403");
  serve
      ->add_option("--header-timeout", options->header_timeout_seconds,
                   "Seconds a client has to send the request headers (408 beyond)")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve
      ->add_option("--request-timeout", options->request_timeout_seconds,
                   "Seconds a client has to send the request body after its headers")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  serve
      ->add_option("--threads", options->worker_threads,
                   "HTTP worker threads (one per keep-alive connection); 0 = default")
      ->check(CLI::Range(0, 1024));
  serve->callback([&ctx, options, max_body_mb] {
    options->max_body_bytes = static_cast<std::size_t>(*max_body_mb * 1024.0 * 1024.0);
    ctx.action = [&ctx, options]() -> int { return run_server(ctx, *options); };
  });
}

}  // namespace urbanmine::cli
