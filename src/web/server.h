// web/server.h: the HTTP/1.1 server on Boost.Beast and Asio.
//
// Keep-alive connections served by a pool of I/O threads sized to the
// cores; handlers run on a separate worker pool because they block on the
// database and on password hashing. Limits on header and body size, a read
// timeout once a request has started and an idle timeout between requests.
// stop() (or SIGINT/SIGTERM in run()) stops accepting, lets in-flight
// requests finish and closes idle connections.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "web/metrics.h"
#include "web/request.h"

namespace rapport::web {

// The largest body an upload (a CSV import through the pages) may have; the
// import pages state it beside their own limits.
constexpr std::size_t kMaxUploadBytes = std::size_t{64} << 20;

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (tests)
  int io_threads = 0;          // 0: one per core
  int worker_threads = 0;      // 0: four per core
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 1024 * 1024;
  // Uploads (CSV imports) may be larger: POST bodies to paths starting with
  // one of `upload_paths` may reach `upload_limit`.
  std::size_t upload_limit = kMaxUploadBytes;
  std::vector<std::string> upload_paths{"/customers/import", "/plans/import"};
  // Requests that hash passwords (Argon2id: ~75 ms and 64 MiB each) run on
  // their own pool of one thread per core, so a burst of log-ins neither
  // starves other requests nor takes the memory of every worker at once.
  std::vector<std::string> slow_paths{"/login", "/account/password"};
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds idle_timeout{75};
  std::chrono::seconds shutdown_grace{15};
};

// Answers one parsed request.
using Dispatch = std::function<Response(Request&)>;
// Answers a request the server refused before dispatch (400, 413, 431),
// given its headers when they were read.
using Refusal = std::function<Response(int status, const Pairs& headers)>;

class HttpServer {
 public:
  HttpServer(ServerOptions options, Dispatch dispatch, Refusal refusal, Metrics& metrics);
  ~HttpServer();

  // Binds and listens. Errors: unavailable ("server.listen_failed" with
  // {address} and {reason}: the port is in use or the address is wrong).
  Status listen();
  // The bound port (useful with port 0). Requires: listen() succeeded.
  unsigned short port() const;
  // Serves until stop() or, when `handle_signals`, SIGINT/SIGTERM.
  void run(bool handle_signals = true);
  // Begins a graceful stop; safe from any thread.
  void stop();

  const ServerOptions& options() const { return options_; }

 private:
  struct Impl;
  ServerOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rapport::web
