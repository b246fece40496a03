#include "web/server.h"

#include <array>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "web/access_log.h"
#include "web/beast_request.h"

namespace rapport::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

int cores() { return std::max(1u, std::thread::hardware_concurrency()); }

// The descriptors this process may open (RLIMIT_NOFILE's soft limit).
int descriptor_limit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur == RLIM_INFINITY) return 65536;
  return static_cast<int>(std::min<rlim_t>(r.rlim_cur, 1 << 20));
}

// Connections are capped below the descriptor limit, so the database, the
// log and the static files always find one.
int connection_cap(const ServerOptions& o) {
  return o.max_connections > 0 ? o.max_connections : std::max(16, descriptor_limit() * 3 / 4);
}
int per_address_cap(const ServerOptions& o, int all) {
  return o.max_connections_per_address > 0 ? o.max_connections_per_address : std::max(8, all / 10);
}

http::response<http::string_body> to_beast(Response&& in, unsigned version, bool keep_alive,
                                           bool head) {
  http::response<http::string_body> out{static_cast<http::status>(in.status), version};
  for (auto& [k, v] : in.headers) out.insert(k, v);  // several Set-Cookie may repeat
  out.set(http::field::server, "Rapport");
  out.keep_alive(keep_alive);
  if (head) {
    out.content_length(in.body.size());
  } else {
    out.body() = std::move(in.body);
    out.prepare_payload();
  }
  return out;
}

}  // namespace

// Named, not anonymous: HttpServer::Impl, which has external linkage, holds them.
namespace serving {

// A warning written at most once per interval, with the count of those
// left out since: a flood of failures must not flood the log.
class RateLimitedWarning {
 public:
  explicit RateLimitedWarning(std::chrono::seconds interval) : interval_(interval) {}
  template <typename... Args>
  void warn(fmt::format_string<Args...> format, Args&&... args) {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < interval_) {
      ++left_out_;
      return;
    }
    std::string text = fmt::format(format, std::forward<Args>(args)...);
    if (left_out_ > 0) text += fmt::format(" ({} more like this left out)", left_out_);
    spdlog::warn("{}", text);
    last_ = now;
    left_out_ = 0;
  }

 private:
  std::mutex mutex_;
  std::chrono::seconds interval_;
  std::chrono::steady_clock::time_point last_{};
  unsigned long long left_out_ = 0;
};

// One place of a bounded kind of work (an upload being received, a
// password being hashed); the place is given back when the last copy goes.
class Slot {
 public:
  // A place when fewer than `max` are taken, else null.
  static std::shared_ptr<Slot> take(std::atomic<int>& taken, int max) {
    if (taken.fetch_add(1) >= max) {
      taken.fetch_sub(1);
      return nullptr;
    }
    return std::shared_ptr<Slot>(new Slot(taken));
  }
  ~Slot() { taken_.fetch_sub(1); }
  Slot(const Slot&) = delete;
  Slot& operator=(const Slot&) = delete;

 private:
  explicit Slot(std::atomic<int>& taken) : taken_(taken) {}
  std::atomic<int>& taken_;
};

// The temporary file an upload is received into, removed when the last
// copy goes: once the answer is made, or when the connection ends first.
class UploadFile {
 public:
  // A new empty file in `dir` (empty: TMPDIR, else /tmp), open for writing
  // in `file`; null when it cannot be made (then `error` says why).
  static std::shared_ptr<UploadFile> create(const std::string& dir, beast::file& file,
                                            std::string& error) {
    std::error_code ec;
    std::filesystem::path base =
        dir.empty() ? std::filesystem::temp_directory_path(ec) : std::filesystem::path(dir);
    if (ec) base = "/tmp";
    std::string name = (base / "rapport-upload-XXXXXX").string();
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) {
      error = name + ": " + std::strerror(errno);
      return nullptr;
    }
    file.native_handle(fd);
    return std::shared_ptr<UploadFile>(new UploadFile(std::move(name)));
  }
  ~UploadFile() { ::unlink(path_.c_str()); }
  UploadFile(const UploadFile&) = delete;
  UploadFile& operator=(const UploadFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  explicit UploadFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace serving
using serving::RateLimitedWarning;
using serving::Slot;
using serving::UploadFile;

struct HttpServer::Impl {
  class Session;

  Impl(const ServerOptions& o, Dispatch d, Refusal r, Metrics& m)
      : options(o),
        dispatch(std::move(d)),
        refusal(std::move(r)),
        metrics(m),
        io(o.io_threads > 0 ? o.io_threads : cores()),
        workers(o.worker_threads > 0 ? o.worker_threads : 4 * cores()),
        hashing_threads(o.io_threads > 0 ? o.io_threads : cores()),
        hashing_workers(hashing_threads),
        max_hashing(o.max_hashing_queue > 0 ? o.max_hashing_queue : 32 * hashing_threads),
        max_connections(connection_cap(o)),
        max_per_address(per_address_cap(o, max_connections)),
        acceptor(asio::make_strand(io)),
        accept_timer(acceptor.get_executor()) {}

  void accept();
  void accept_later();
  // Counts a new connection from `address`; false when a cap is reached.
  bool admit_connection(const std::string& address);
  void begin_stop();
  void close_for_stop();
  void watch_drain();
  // Whether an answer may keep its connection open.
  bool keeps_connections() const { return !stopping && !draining; }

  ServerOptions options;
  Dispatch dispatch;
  Refusal refusal;
  Metrics& metrics;
  asio::io_context io;
  asio::thread_pool workers;
  int hashing_threads;
  asio::thread_pool hashing_workers;  // routes that hash a password
  int max_hashing;
  std::atomic<int> hashing{0};  // waiting or running on hashing_workers
  std::atomic<int> uploads{0};  // admitted uploads being received or handled
  int max_connections;
  int max_per_address;
  std::map<std::string, int> connections_per_address;  // under sessions_mutex
  RateLimitedWarning accept_warning{std::chrono::seconds(5)};
  RateLimitedWarning refused_warning{std::chrono::seconds(5)};
  RateLimitedWarning upload_warning{std::chrono::seconds(5)};
  std::chrono::milliseconds accept_backoff{0};
  tcp::acceptor acceptor;
  asio::steady_timer accept_timer;
  std::atomic<bool> stop_begun{false};
  // A stop's drain (ServerOptions::drain): /ready answers 503 and every
  // answer closes its connection, but connections are still accepted.
  std::atomic<bool> draining{false};
  // Then no new connections; idle ones close, busy ones after their answer.
  std::atomic<bool> stopping{false};
  std::mutex sessions_mutex;
  std::set<std::shared_ptr<Session>> sessions;
  std::optional<asio::steady_timer> drain_timer;
  std::chrono::steady_clock::time_point stop_deadline;
};

// One keep-alive connection: read a request, hand it to a worker, write the
// answer, repeat. All socket work happens on the connection's strand.
class HttpServer::Impl::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Impl& server, tcp::socket socket, std::string client)
      : server_(server), stream_(std::move(socket)), client_(std::move(client)) {}

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
  }

  // Closes the connection if it is waiting for a request; a busy one closes
  // after its answer is written.
  void close_if_idle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->close();
    });
  }

  const std::string& client() const { return client_; }

 private:
  // An idle connection waits idle_timeout for the first byte of a request;
  // from there its head must arrive within read_timeout (a slow sender may
  // not hold a connection for the idle time with every byte).
  void read_header() {
    if (server_.stopping) return close();
    head_ = Request{};
    file_parser_.reset();
    upload_file_.reset();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    // The body's limit is decided once the head is read (on_header); until
    // then Beast must not refuse a Content-Length an admitted upload may have.
    parser_->body_limit(std::max(server_.options.body_limit, server_.options.upload_limit));
    if (buffer_.size() > 0) return read_head();
    stream_.expires_after(server_.options.idle_timeout);
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              if (ec) return self->on_read_error(ec);
                              self->buffer_.commit(n);
                              self->read_head();
                            });
  }

  void read_head() {
    stream_.expires_after(server_.options.read_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    busy_ = true;
    started_ = std::chrono::steady_clock::now();
    head_ = to_request(parser_->get(), client_);
    RequestClass kind = server_.options.classify ? server_.options.classify(head_) : RequestClass{};
    hashes_password_ = kind.hashes_password;
    if (!kind.upload) return read_body(false);
    // Who sends an upload is known before its body is read: an anonymous
    // or unauthorised sender is held to the ordinary body limit.
    if (!server_.options.admit_upload) return read_body(true);
    asio::post(server_.workers, [self = shared_from_this()] {
      bool admitted = self->server_.options.admit_upload(self->head_);
      asio::post(self->stream_.get_executor(), [self, admitted] { self->read_body(admitted); });
    });
  }

  void read_body(bool upload) {
    std::size_t limit = server_.options.body_limit;
    if (upload) {
      upload_slot_ = Slot::take(server_.uploads, server_.options.max_uploads);
      if (!upload_slot_) return refuse(503);
      limit = server_.options.upload_limit;
    }
    if (auto length = parser_->content_length(); length && *length > limit) return refuse(413);
    stream_.expires_after(server_.options.read_timeout);
    auto done = [self = shared_from_this()](beast::error_code ec, std::size_t) {
      self->on_body(ec);
    };
    if (upload) {
      // An upload goes to a temporary file as it arrives, never to memory.
      beast::file file;
      std::string error;
      upload_file_ = UploadFile::create(server_.options.upload_dir, file, error);
      if (!upload_file_) {
        server_.upload_warning.warn("upload refused: no temporary file: {}", error);
        return refuse(503);
      }
      file_parser_.emplace(std::move(*parser_));
      beast::error_code ec;
      file_parser_->get().body().reset(std::move(file), ec);
      if (ec) return refuse(503);
      file_parser_->body_limit(limit);
      return http::async_read(stream_, buffer_, *file_parser_, std::move(done));
    }
    parser_->body_limit(limit);
    http::async_read(stream_, buffer_, *parser_, std::move(done));
  }

  void on_read_error(beast::error_code ec) {
    upload_slot_.reset();
    // Writing the upload's file failed (a full disk): the server's fault.
    const bool file_failed =
        upload_file_ &&
        ec.category() != http::make_error_code(http::error::end_of_stream).category();
    upload_file_.reset();
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof || !stream_.socket().is_open())
      return close();
    int status = 400;
    if (file_failed) {
      server_.upload_warning.warn("upload refused: writing its temporary file: {}", ec.message());
      status = 503;
    }
    if (ec == http::error::body_limit) status = 413;
    if (ec == http::error::header_limit) status = 431;
    refuse(status);
  }

  // Answers `status` without dispatching (400, 413, 431, 503) and closes
  // the connection after draining what the client still sends.
  void refuse(int status) {
    upload_slot_.reset();
    upload_file_.reset();
    // The head's headers (lower-case names) when it was read: the answer
    // speaks the client's language.
    Response res = server_.refusal(status, head_.headers);
    if (status == 503) res.set_header("Retry-After", "5");
    log_access("-", "-", "-", status, 0.0, "-", client_);
    server_.metrics.observe("-", "(refused)", status, 0.0);
    busy_ = true;
    lingering_ = true;
    write(to_beast(std::move(res), 11, false, false), false);
  }

  void on_body(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    Request req;
    bool keep_alive = false;
    unsigned version = 11;
    bool head = false;
    auto take = [&](auto& raw) {
      keep_alive = raw.keep_alive();
      version = raw.version();
      head = raw.method() == http::verb::head;
      req = to_request(raw, client_);
    };
    if (file_parser_) {
      auto raw = file_parser_->release();
      raw.body().close();
      take(raw);
      req.body_file = upload_file_->path();
    } else {
      auto raw = parser_->release();
      take(raw);
      req.body = std::move(raw.body());
    }
    if (is_liveness_probe(req) || (server_.draining && is_readiness_probe(req)))
      return answer_here(req, keep_alive, version, head);
    std::shared_ptr<Slot> hashing;
    if (hashes_password_) {
      hashing = Slot::take(server_.hashing, server_.max_hashing);
      if (!hashing) return refuse(503);
    }
    const auto queued = std::chrono::steady_clock::now();
    // The handler may block (database, password hashing): run it on a worker.
    auto& pool = hashing ? server_.hashing_workers : server_.workers;
    asio::post(pool, [self = shared_from_this(), req = std::move(req), keep_alive, version, head,
                      queued, hashing = std::move(hashing), upload = std::move(upload_slot_),
                      file = std::move(upload_file_)]() mutable {
      if (hashing &&
          std::chrono::steady_clock::now() - queued > self->server_.options.hashing_wait_limit) {
        hashing.reset();
        asio::post(self->stream_.get_executor(), [self] { self->refuse(503); });
        return;
      }
      Response res = self->server_.dispatch(req);
      hashing.reset();
      upload.reset();
      file.reset();
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - self->started_).count();
      log_access(req.method, req.path, req.route, res.status, seconds,
                 req.user ? req.user->login : "-", self->client_);
      self->server_.metrics.observe(req.method, req.route.empty() ? "(none)" : req.route,
                                    res.status, seconds);
      bool again = keep_alive && self->server_.keeps_connections();
      auto out = to_beast(std::move(res), version, again, head);
      asio::post(self->stream_.get_executor(), [self, out = std::move(out), again]() mutable {
        self->write(std::move(out), again);
      });
    });
  }

  // GET /health without a session: whether the process answers. It needs
  // neither the database nor a worker, so it is answered on the
  // connection's own thread: a probe must not time out behind a queue of
  // slow requests (the workers' being busy is /ready's business).
  static bool is_liveness_probe(const Request& req) {
    return req.path == "/health" && (req.method == "GET" || req.method == "HEAD") &&
           req.header("cookie").empty() && req.header("authorization").empty();
  }

  // GET /ready during a stop's drain: the server is leaving the pool,
  // whatever its database says.
  static bool is_readiness_probe(const Request& req) {
    return req.path == "/ready" && (req.method == "GET" || req.method == "HEAD");
  }

  void answer_here(Request& req, bool keep_alive, unsigned version, bool head) {
    upload_slot_.reset();
    upload_file_.reset();
    Response res =
        is_readiness_probe(req) ? text_response(503, "stopping\n") : server_.dispatch(req);
    if (is_readiness_probe(req)) req.route = "/ready";
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    log_access(req.method, req.path, req.route, res.status, seconds, "-", client_);
    server_.metrics.observe(req.method, req.route.empty() ? "(none)" : req.route, res.status,
                            seconds);
    bool again = keep_alive && server_.keeps_connections();
    write(to_beast(std::move(res), version, again, head), again);
  }

  void write(http::response<http::string_body>&& res, bool keep_alive) {
    auto shared = std::make_shared<http::response<http::string_body>>(std::move(res));
    stream_.expires_after(server_.options.read_timeout);
    http::async_write(
        stream_, *shared,
        [self = shared_from_this(), shared, keep_alive](beast::error_code ec, std::size_t) {
          self->busy_ = false;
          if (!ec && self->lingering_) return self->linger();
          if (ec || !keep_alive) return self->close();
          self->read_header();
        });
  }

  // After refusing a request the client may still be sending its body:
  // closing with unread data would reset the connection and lose our
  // answer, so stop sending and drain what arrives for a moment first.
  void linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(2));
    if (!drain_) drain_ = std::make_unique<std::array<char, 16 * 1024>>();
    stream_.async_read_some(asio::buffer(*drain_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->linger();
                            });
  }

  void close() {
    upload_slot_.reset();
    upload_file_.reset();  // removed; its descriptor closes with the parser
    beast::error_code ignored;
    if (stream_.socket().is_open()) {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      stream_.socket().close(ignored);
    }
    std::lock_guard lock(server_.sessions_mutex);
    if (server_.sessions.erase(shared_from_this()) == 0) return;
    auto n = server_.connections_per_address.find(client_);
    if (n != server_.connections_per_address.end() && --n->second <= 0)
      server_.connections_per_address.erase(n);
  }

  Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  // An admitted upload's body goes to upload_file_ through this parser.
  std::optional<http::request_parser<http::file_body>> file_parser_;
  std::shared_ptr<UploadFile> upload_file_;
  std::string client_;
  Request head_;  // the current request's head, for classify and admit_upload
  bool hashes_password_ = false;
  std::shared_ptr<Slot> upload_slot_;
  bool busy_ = false;
  bool lingering_ = false;
  // Only for a refused request's remains: an idle connection costs little.
  std::unique_ptr<std::array<char, 16 * 1024>> drain_;
  std::chrono::steady_clock::time_point started_;
};

void HttpServer::Impl::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping || !acceptor.is_open()) return;
    if (ec) {
      // Out of descriptors (or memory) the next accept fails at once: wait,
      // longer each time, instead of spinning, and say so at a bounded rate.
      accept_backoff = std::clamp(accept_backoff * 2, std::chrono::milliseconds(10),
                                  std::chrono::milliseconds(1000));
      accept_warning.warn("accept failed: {}; retrying in {} ms", ec.message(),
                          accept_backoff.count());
      return accept_later();
    }
    accept_backoff = std::chrono::milliseconds(0);
    beast::error_code ignored;
    auto endpoint = socket.remote_endpoint(ignored);
    std::string client = ignored ? "unknown" : endpoint.address().to_string();
    if (!admit_connection(client)) {
      refused_warning.warn("connection from {} closed: too many connections", client);
      socket.close(ignored);
      return accept();
    }
    auto session = std::make_shared<Session>(*this, std::move(socket), client);
    {
      std::lock_guard lock(sessions_mutex);
      sessions.insert(session);
    }
    session->start();
    accept();
  });
}

void HttpServer::Impl::accept_later() {
  accept_timer.expires_after(accept_backoff);
  accept_timer.async_wait([this](beast::error_code ec) {
    if (!ec) accept();
  });
}

bool HttpServer::Impl::admit_connection(const std::string& address) {
  std::lock_guard lock(sessions_mutex);
  if (static_cast<int>(sessions.size()) >= max_connections) return false;
  int& from = connections_per_address[address];
  if (from >= max_per_address) {
    if (from == 0) connections_per_address.erase(address);
    return false;
  }
  ++from;
  return true;
}

void HttpServer::Impl::begin_stop() {
  if (stop_begun.exchange(true)) return;
  if (options.on_stop) options.on_stop();
  if (options.drain.count() <= 0) return close_for_stop();
  draining = true;
  spdlog::info("stopping: /ready answers 503 for {} ms, then no new connections",
               options.drain.count());
  drain_timer.emplace(io);
  drain_timer->expires_after(options.drain);
  drain_timer->async_wait([this](beast::error_code) { close_for_stop(); });
}

void HttpServer::Impl::close_for_stop() {
  if (stopping.exchange(true)) return;
  draining = false;
  spdlog::info("stopping: no new connections; finishing requests in flight");
  asio::post(acceptor.get_executor(), [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
    accept_timer.cancel();
  });
  {
    std::lock_guard lock(sessions_mutex);
    for (const auto& s : sessions) s->close_if_idle();
  }
  stop_deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
  if (!drain_timer) drain_timer.emplace(io);
  watch_drain();
}

// Polls until every connection is gone or the grace period ends.
void HttpServer::Impl::watch_drain() {
  drain_timer->expires_after(std::chrono::milliseconds(50));
  drain_timer->async_wait([this](beast::error_code) {
    bool empty;
    {
      std::lock_guard lock(sessions_mutex);
      empty = sessions.empty();
    }
    if (empty || std::chrono::steady_clock::now() >= stop_deadline) {
      if (!empty) spdlog::warn("grace period over: closing remaining connections");
      io.stop();
      return;
    }
    watch_drain();
  });
}

HttpServer::HttpServer(ServerOptions options, Dispatch dispatch, Refusal refusal, Metrics& metrics)
    : options_(std::move(options)),
      impl_(std::make_unique<Impl>(options_, std::move(dispatch), std::move(refusal), metrics)) {}

HttpServer::~HttpServer() {
  impl_->workers.join();
  impl_->hashing_workers.join();
}

Status HttpServer::listen() {
  beast::error_code ec;
  auto address = asio::ip::make_address(options_.address, ec);
  auto fail = [&](const std::string& reason) {
    return Error{
        ErrorCode::unavailable,
        "server.listen_failed",
        {{"address", options_.address + ":" + std::to_string(options_.port)}, {"reason", reason}},
        "listen",
        reason};
  };
  if (ec) return fail(ec.message());
  tcp::endpoint endpoint{address, options_.port};
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail(ec.message());
  return Ok{};
}

unsigned short HttpServer::port() const { return impl_->acceptor.local_endpoint().port(); }

void HttpServer::run(bool handle_signals) {
  std::optional<asio::signal_set> signals;
  if (handle_signals) {
    signals.emplace(impl_->io, SIGINT, SIGTERM);
    signals->async_wait([this](beast::error_code ec, int) {
      if (!ec) impl_->begin_stop();
    });
  }
  impl_->accept();
  const int n = options_.io_threads > 0 ? options_.io_threads : cores();
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i) threads.emplace_back([this] { impl_->io.run(); });
  impl_->io.run();
  for (auto& t : threads) t.join();
  impl_->workers.join();
  impl_->hashing_workers.join();
}

void HttpServer::stop() {
  asio::post(impl_->io, [this] { impl_->begin_stop(); });
}

}  // namespace rapport::web
