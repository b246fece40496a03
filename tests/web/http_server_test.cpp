// The HTTP server in-process, on a real socket on loopback: limits,
// keep-alive, malformed input and graceful shutdown, and what needs a clock
// the test sets (what day it is, for the page and the API alike). (The
// black-box tests of pages and API are in tests/http.)
#include <chrono>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "app/crypto.h"
#include "app/users/token_desk.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
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
      {false, testing::source_dir() + "/static", testing::source_dir() + "/api/openapi.json", {}}};
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

// Near midnight the installation's day and UTC's differ: at 12:00 UTC on
// 10 March it is already 01:00 on 11 March in Auckland. The campaign list
// (page and API) and the order desk all take the installation's day, so a
// campaign starting on the 11th is offered and sold, and one that ended on
// the 10th is neither.
TEST_F(ServerTest, ThePageTheApiAndTheOrderDeskAgreeOnTodayNearMidnight) {
  auto admin = testing::add_user(t.db(), clock, "ada", domain::Role::admin);
  auto manager = testing::add_user(t.db(), clock, "mona", domain::Role::manager);
  auto s = settings.get(admin).value();
  s.time_zone = "Pacific/Auckland";
  ASSERT_TRUE(settings.update(admin, s));
  clock.advance(std::chrono::hours{3});
  auto campaign = [&](std::string code, CivilDate from, std::optional<CivilDate> to) {
    domain::Campaign c;
    c.code = std::move(code);
    c.description_en = "Campaign " + c.code;
    c.valid_from = from;
    c.valid_to = to;
    auto saved = campaigns.save_campaign(manager, c);
    EXPECT_TRUE(saved) << (saved ? "" : saved.error().key);
    return saved ? *saved : c;
  };
  using date::year;
  auto starts = campaign("STARTS", CivilDate{year{2026}, date::March, date::day{11}}, {});
  auto ended = campaign("ENDED", CivilDate{year{2026}, date::January, date::day{1}},
                        CivilDate{year{2026}, date::March, date::day{10}});

  auto token = app::TokenDesk(t.db(), clock).create("mona", "test");
  ASSERT_TRUE(token);
  auto s1 = connect();
  http::request<http::string_body> api{http::verb::get, "/api/v1/campaigns", 11};
  api.set(http::field::authorization, "Bearer " + token->token);
  auto listed = send(s1, api);
  ASSERT_EQ(listed.result_int(), 200) << listed.body();
  std::map<std::string, bool> offered;
  const auto body = boost::json::parse(listed.body());
  for (const auto& item : body.at("items").as_array())
    offered[std::string(item.at("code").as_string())] = item.at("offered").as_bool();
  EXPECT_TRUE(offered.at("STARTS"));
  EXPECT_FALSE(offered.at("ENDED"));

  auto session = auth.login({"mona", "password1", "127.0.0.1", "test"});
  ASSERT_TRUE(session);
  auto s2 = connect();
  http::request<http::string_body> page{http::verb::get, "/campaigns", 11};
  page.set(http::field::cookie, std::string(kSessionCookie) + "=" + session->token);
  auto html = send(s2, page).body();
  auto row_of = [&](const std::string& code) {
    auto at = html.find(">" + code + "</a>");
    return at == std::string::npos ? std::string{} : html.substr(at, html.find("</tr>", at) - at);
  };
  EXPECT_NE(row_of("STARTS").find("Offered today"), std::string::npos) << row_of("STARTS");
  EXPECT_NE(row_of("ENDED").find("Not offered today"), std::string::npos) << row_of("ENDED");

  auto csr = testing::add_user(t.db(), clock, "cora", domain::Role::csr);
  auto order_in = [&](const domain::Campaign& c) {
    app::OrderInput in;
    in.order.campaign = c.id;
    in.order.prospect.family_name = "Moreau";
    in.order.prospect.given_name = "Lucie";
    in.order.prospect.address = {"12 rue des Lilas", "", "69003", "Lyon", "", "FR"};
    in.typed_phone = "06 21 43 65 87";
    return in;
  };
  auto sold = orders.save(csr, order_in(starts));
  EXPECT_TRUE(sold) << (sold ? "" : sold.error().key);
  auto refused = orders.save(csr, order_in(ended));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "campaign.not_offered");
}

}  // namespace
}  // namespace rapport::web
