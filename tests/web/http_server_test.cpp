// The HTTP server in-process, on a real socket on loopback: limits,
// keep-alive, malformed input and graceful shutdown, and what needs a clock
// the test sets (what day it is, for the page and the API alike). (The
// black-box tests of pages and API are in tests/http.)
#include <atomic>

#include <boost/json.hpp>

#include "app/users/token_desk.h"
#include "support/server_fixture.h"

namespace rapport::web {
namespace {

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

// A server behind a load balancer, stopped with a drain of 700 ms.
class DrainingServer : public ServerTest {
 protected:
  void tune(ServerOptions& o) override {
    o.drain = std::chrono::milliseconds(700);
    o.on_stop = [this] { stop_notified = true; };
  }
  std::atomic<bool> stop_notified{false};
};

// During the drain the server leaves the balancer's pool (/ready: 503) but
// still answers, on a connection kept from before (closing it then: the
// balancer may be sending a request on it) and on new ones; each answer
// closes its connection. Then it refuses new connections and run() ends.
TEST_F(DrainingServer, AnswersReadyWith503AndServesOnUntilTheDrainEnds) {
  const auto port = server->port();
  auto kept = connect();
  EXPECT_TRUE(send(kept, {http::verb::get, "/health", 11}).keep_alive());
  EXPECT_EQ(get("/ready").result_int(), 200);
  const auto stopped_at = std::chrono::steady_clock::now();
  server->stop();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(stop_notified) << "the job workers are told at once";

  auto ready = get("/ready");
  EXPECT_EQ(ready.result_int(), 503);
  EXPECT_EQ(ready.body(), "stopping\n");
  EXPECT_FALSE(ready.keep_alive());
  auto on_kept = send(kept, {http::verb::get, "/login", 11});
  EXPECT_EQ(on_kept.result_int(), 200) << "an idle connection is not closed during the drain";
  EXPECT_FALSE(on_kept.keep_alive());
  EXPECT_EQ(get("/login").result_int(), 200) << "new connections are still accepted";

  runner.join();
  EXPECT_GE(std::chrono::steady_clock::now() - stopped_at, std::chrono::milliseconds(700));
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
