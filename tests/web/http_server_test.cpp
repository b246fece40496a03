// The HTTP server in-process, on a real socket on loopback: limits,
// keep-alive, malformed input and graceful shutdown. (The black-box tests of
// pages and API are in tests/http.)
#include <chrono>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include "app/crypto.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "web/server.h"
#include "web/web_app.h"

namespace rapport::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(app::init_crypto());
    ASSERT_TRUE(t.ok());
    ASSERT_TRUE(views.load());
    ServerOptions options;
    options.port = 0;
    options.io_threads = 2;
    options.worker_threads = 4;
    options.shutdown_grace = std::chrono::seconds(5);
    server = std::make_unique<HttpServer>(
        options,
        [this](Request& req) {
          // A slow handler, to catch a request in flight during shutdown.
          if (req.path == "/test/slow") {
            std::this_thread::sleep_for(std::chrono::milliseconds(600));
            return text_response(200, "slow done");
          }
          return web_app.handle(req);
        },
        [this](int status, const Pairs& headers) { return web_app.refuse(status, headers); },
        metrics);
    ASSERT_TRUE(server->listen());
    runner = std::thread([this] { server->run(false); });
  }
  void TearDown() override {
    if (runner.joinable()) {
      server->stop();
      runner.join();
    }
  }

  tcp::socket connect() {
    tcp::socket s(client_io);
    s.connect({asio::ip::make_address("127.0.0.1"), server->port()});
    return s;
  }
  http::response<http::string_body> send(tcp::socket& s, http::request<http::string_body> req) {
    req.set(http::field::host, "127.0.0.1");
    req.prepare_payload();
    http::write(s, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(s, buffer, res);
    return res;
  }
  http::response<http::string_body> get(const std::string& target) {
    auto s = connect();
    return send(s, {http::verb::get, target, 11});
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  i18n::Catalog catalog{testing::test_locale_dir()};
  Views views{testing::source_dir() + "/templates", catalog};
  Metrics metrics;
  app::AuthDesk auth{t.db(), clock};
  app::UserDesk users{t.db(), clock};
  app::SettingsDesk settings{t.db(), clock};
  app::IdempotencyDesk idempotency{t.db(), clock};
  app::CustomerDesk customers{t.db(), clock};
  app::JobRunner jobs{t.db(), clock};
  app::ContactPlanner planner{t.db(), clock};
  app::CampaignDesk campaigns{t.db(), clock};
  app::ServiceOrderDesk orders{t.db(), clock};
  WebContext ctx{
      t.db(),
      clock,
      catalog,
      views,
      metrics,
      auth,
      users,
      settings,
      idempotency,
      customers,
      jobs,
      planner,
      campaigns,
      orders,
      {false, testing::source_dir() + "/static", testing::source_dir() + "/api/openapi.json"}};
  WebApp web_app{ctx};
  std::unique_ptr<HttpServer> server;
  std::thread runner;
  asio::io_context client_io;
};

TEST_F(ServerTest, KeepsTheConnectionAliveAcrossRequests) {
  auto s = connect();
  for (int i = 0; i < 3; ++i) {
    auto res = send(s, {http::verb::get, "/health", 11});
    EXPECT_EQ(res.result_int(), 200);
    EXPECT_EQ(res.body(), "ok\n");
    EXPECT_TRUE(res.keep_alive());
  }
}

TEST_F(ServerTest, RefusesABodyOverTheLimitWith413) {
  auto s = connect();
  http::request<http::string_body> req{http::verb::post, "/api/v1/users", 11};
  req.set(http::field::host, "127.0.0.1");
  req.body() = std::string(2 * 1024 * 1024, 'x');
  req.prepare_payload();
  beast::error_code ec;
  http::write(s, req, ec);  // the server may stop reading before the end
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(s, buffer, res);
  EXPECT_EQ(res.result_int(), 413);
  EXPECT_EQ(res[http::field::content_type], "application/problem+json");
}

TEST_F(ServerTest, AnswersGarbageWith400AndKeepsServing) {
  auto s = connect();
  asio::write(s, asio::buffer(std::string("THIS IS NOT HTTP\r\n\r\n")));
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(s, buffer, res);
  EXPECT_EQ(res.result_int(), 400);
  EXPECT_EQ(get("/health").result_int(), 200);
}

TEST_F(ServerTest, AnswersUnknownRoutesWithATranslated404Page) {
  auto s = connect();
  http::request<http::string_body> req{http::verb::get, "/no/such/page", 11};
  req.set(http::field::accept_language, "fr-FR,fr;q=0.9");
  auto res = send(s, req);
  EXPECT_EQ(res.result_int(), 404);
  EXPECT_NE(res.body().find("Page introuvable"), std::string::npos);
  EXPECT_EQ(res.body().find("http.404"), std::string::npos);
}

TEST_F(ServerTest, SendsSecurityHeadersOnEveryAnswer) {
  auto res = get("/login");
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_NE(std::string(res["Content-Security-Policy"]).find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
}

TEST_F(ServerTest, CountsRequestsInMetrics) {
  get("/health");
  auto res = get("/metrics");
  EXPECT_NE(res.body().find("route=\"/health\",status=\"200\""), std::string::npos);
}

TEST_F(ServerTest, FinishesARequestInFlightWhenStoppingAndRefusesNewOnes) {
  const auto port = server->port();
  auto s = connect();
  http::request<http::string_body> req{http::verb::get, "/test/slow", 11};
  req.set(http::field::host, "127.0.0.1");
  http::write(s, req);
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  server->stop();
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(s, buffer, res);
  EXPECT_EQ(res.result_int(), 200);
  EXPECT_EQ(res.body(), "slow done");
  EXPECT_FALSE(res.keep_alive());
  runner.join();
  tcp::socket late(client_io);
  beast::error_code ec;
  late.connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  EXPECT_TRUE(ec);
}

}  // namespace
}  // namespace rapport::web
