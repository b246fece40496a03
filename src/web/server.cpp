#include "web/server.h"

#include <array>
#include <atomic>
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
#include <spdlog/spdlog.h>

#include "web/access_log.h"

namespace rapport::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

int cores() { return std::max(1u, std::thread::hardware_concurrency()); }

Request to_request(const http::request<http::string_body>& in, const std::string& client) {
  Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  auto q = r.target.find('?');
  std::string raw_path = r.target.substr(0, q);
  // Percent-decode the path; a malformed escape keeps the raw text (→ 404).
  std::string decoded;
  for (std::size_t i = 0; i < raw_path.size(); ++i) {
    if (raw_path[i] == '%' && i + 2 < raw_path.size() && std::isxdigit(raw_path[i + 1]) &&
        std::isxdigit(raw_path[i + 2])) {
      decoded += static_cast<char>(std::stoi(raw_path.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      decoded += raw_path[i];
    }
  }
  r.path = decoded;
  if (q != std::string::npos) r.query = parse_urlencoded(std::string_view(r.target).substr(q + 1));
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  r.body = in.body();
  r.client_address = client;
  return r;
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

struct HttpServer::Impl {
  class Session;

  Impl(const ServerOptions& o, Dispatch d, Refusal r, Metrics& m)
      : options(o),
        dispatch(std::move(d)),
        refusal(std::move(r)),
        metrics(m),
        io(o.io_threads > 0 ? o.io_threads : cores()),
        workers(o.worker_threads > 0 ? o.worker_threads : 4 * cores()),
        slow_workers(o.io_threads > 0 ? o.io_threads : cores()),
        acceptor(asio::make_strand(io)) {}

  void accept();
  void begin_stop();
  void watch_drain();

  ServerOptions options;
  Dispatch dispatch;
  Refusal refusal;
  Metrics& metrics;
  asio::io_context io;
  asio::thread_pool workers;
  asio::thread_pool slow_workers;  // password hashing (ServerOptions::slow_paths)
  tcp::acceptor acceptor;
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
  Session(Impl& server, tcp::socket socket) : server_(server), stream_(std::move(socket)) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    client_ = ec ? "unknown" : ep.address().to_string();
  }

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

 private:
  void read_header() {
    if (server_.stopping) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(server_.options.header_limit));
    parser_->body_limit(server_.options.body_limit);
    stream_.expires_after(server_.options.idle_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    busy_ = true;
    started_ = std::chrono::steady_clock::now();
    const auto& head = parser_->get();
    if (head.method() == http::verb::post)
      for (const auto& prefix : server_.options.upload_paths)
        if (head.target().starts_with(prefix)) parser_->body_limit(server_.options.upload_limit);
    stream_.expires_after(server_.options.read_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
  }

  void on_read_error(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
        ec == asio::error::eof || !stream_.socket().is_open())
      return close();
    int status = 400;
    if (ec == http::error::body_limit) status = 413;
    if (ec == http::error::header_limit) status = 431;
    Pairs headers;
    if (parser_ && parser_->is_header_done())
      for (const auto& f : parser_->get())
        headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    for (auto& [k, v] : headers)
      for (auto& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Response res = server_.refusal(status, headers);
    log_access("-", "-", "-", status, 0.0, "-", client_);
    server_.metrics.observe("-", "(refused)", status, 0.0);
    busy_ = true;
    lingering_ = true;
    write(to_beast(std::move(res), 11, false, false), false);
  }

  void on_body(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    auto raw = parser_->release();
    const bool keep_alive = raw.keep_alive();
    const unsigned version = raw.version();
    const bool head = raw.method() == http::verb::head;
    bool slow = false;
    if (raw.method() == http::verb::post)
      for (const auto& path : server_.options.slow_paths)
        slow = slow || raw.target() == path || raw.target().starts_with(path + "?");
    // The handler may block (database, password hashing): run it on a worker.
    asio::post(slow ? server_.slow_workers : server_.workers, [self = shared_from_this(),
                                                               raw = std::move(raw), keep_alive,
                                                               version, head]() mutable {
      Request req = to_request(raw, self->client_);
      Response res = self->server_.dispatch(req);
      double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - self->started_).count();
      log_access(req.method, req.path, req.route, res.status, seconds,
                 req.user ? req.user->login : "-", self->client_);
      self->server_.metrics.observe(req.method, req.route.empty() ? "(none)" : req.route,
                                    res.status, seconds);
      bool again = keep_alive && !self->server_.stopping;
      auto out = to_beast(std::move(res), version, again, head);
      asio::post(self->stream_.get_executor(), [self, out = std::move(out), again]() mutable {
        self->write(std::move(out), again);
      });
    });
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
    stream_.async_read_some(asio::buffer(drain_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->linger();
                            });
  }

  void close() {
    beast::error_code ignored;
    if (stream_.socket().is_open()) {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      stream_.socket().close(ignored);
    }
    std::lock_guard lock(server_.sessions_mutex);
    server_.sessions.erase(shared_from_this());
  }

  Impl& server_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::string client_;
  bool busy_ = false;
  bool lingering_ = false;
  std::array<char, 16 * 1024> drain_{};
  std::chrono::steady_clock::time_point started_;
};

void HttpServer::Impl::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping || !acceptor.is_open()) return;
    if (!ec) {
      auto session = std::make_shared<Session>(*this, std::move(socket));
      {
        std::lock_guard lock(sessions_mutex);
        sessions.insert(session);
      }
      session->start();
    } else {
      spdlog::warn("accept failed: {}", ec.message());
    }
    accept();
  });
}

void HttpServer::Impl::begin_stop() {
  if (stopping.exchange(true)) return;
  spdlog::info("stopping: no new connections; finishing requests in flight");
  asio::post(acceptor.get_executor(), [this] {
    beast::error_code ignored;
    acceptor.close(ignored);
  });
  {
    std::lock_guard lock(sessions_mutex);
    for (const auto& s : sessions) s->close_if_idle();
  }
  stop_deadline = std::chrono::steady_clock::now() + options.shutdown_grace;
  drain_timer.emplace(io);
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
  impl_->slow_workers.join();
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
  impl_->slow_workers.join();
}

void HttpServer::stop() {
  asio::post(impl_->io, [this] { impl_->begin_stop(); });
}

}  // namespace rapport::web
