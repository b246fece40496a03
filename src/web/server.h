// web/server.h: the HTTP/1.1 server on Boost.Beast and Asio.
//
// Keep-alive connections served by a pool of I/O threads sized to the
// cores; handlers run on a separate worker pool because they block on the
// database, and password hashing on a bounded pool of its own. Limits on
// header and body size (uploads only for those admitted before their body
// is read), connections in all and per address, a read timeout once a
// request has started and an idle timeout between requests.
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

// What the server must know of a request from its head alone, before it
// reads the body: decided by the router (WebApp::classify), never by the
// raw target, so "/%6Cogin" is "/login".
struct RequestClass {
  bool hashes_password = false;  // run on the bounded password-hashing pool
  bool upload = false;           // may carry up to upload_limit once admitted
};
// Cheap (no I/O), called on the connection's thread with the head parsed
// into `head` (no body).
using Classify = std::function<RequestClass(Request& head)>;
// Whether the sender of an upload may send it (logged in, with the role
// the route needs); may query the database, so it runs on a worker.
using AdmitUpload = std::function<bool(Request& head)>;

struct ServerOptions {
  std::string address = "127.0.0.1";
  unsigned short port = 8080;  // 0: any free port (tests)
  int io_threads = 0;          // 0: one per core
  int worker_threads = 0;      // 0: four per core
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 1024 * 1024;
  // An upload admitted by `admit_upload` may reach `upload_limit`; at most
  // `max_uploads` are received at once (the others get 503 + Retry-After).
  std::size_t upload_limit = kMaxUploadBytes;
  int max_uploads = 2;
  // Where an upload is received (a temporary file, removed once answered):
  // empty for TMPDIR, else /tmp.
  std::string upload_dir;
  // Password hashing (Argon2id: ~16 ms and 19 MiB each) runs on its own
  // pool of one thread per core, so a burst of log-ins neither starves
  // other requests nor takes the memory of every worker at once. At most
  // `max_hashing_queue` such requests wait or run; one that waited longer
  // than `hashing_wait_limit` is not run. Both get 503 + Retry-After.
  int max_hashing_queue =
      0;  // 0: 32 per hashing thread (a waiting request holds only its small body)
  std::chrono::seconds hashing_wait_limit{10};
  // Open connections in all and from one address; more are closed at once.
  // 0: three quarters of the process's descriptor limit, and a tenth of
  // that per address.
  int max_connections = 0;
  int max_connections_per_address = 0;
  // A request's head must arrive within read_timeout of its first byte; an
  // idle keep-alive connection waits idle_timeout for that first byte.
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds idle_timeout{75};
  std::chrono::seconds shutdown_grace{15};
  // On a stop, how long the server goes on accepting and answering while
  // /ready answers 503, so that a load balancer's health check takes it out
  // of the pool before its connections close (closing an idle keep-alive
  // connection races with a request the balancer is sending on it). Each
  // answer in that time closes its connection. 0: the stop begins at once.
  std::chrono::milliseconds drain{0};
  // Called once, on an IO thread, when a stop begins (before the drain):
  // the process's other work stops taking more (job workers hand their
  // partitions back). Must not block.
  std::function<void()> on_stop;
  Classify classify;         // empty: nothing hashes, nothing uploads
  AdmitUpload admit_upload;  // empty: every upload admitted
};

// Answers one parsed request.
using Dispatch = std::function<Response(Request&)>;
// Answers a request the server refused before dispatch (400, 413, 431, 503),
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
