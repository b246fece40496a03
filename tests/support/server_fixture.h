// tests/support/server_fixture.h: the HTTP server in-process on a real
// loopback socket, with the real WebApp over a test database; a test
// fixture may tune the server's options (caps, timeouts). A request with
// the header X-Test-Hold is held 800 ms in the handler, one to /test/slow
// 600 ms.
#pragma once

#include <chrono>
#include <memory>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include "app/crypto.h"
#include "app/jobs/job_kinds.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "web/server.h"
#include "web/web_app.h"

namespace rapport::web {

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
    app::define_jobs(jobs, t.db(), clock);
    ServerOptions options;
    options.port = 0;
    options.io_threads = 2;
    options.worker_threads = 4;
    options.shutdown_grace = std::chrono::seconds(5);
    options.classify = [this](Request& head) { return web_app.classify(head); };
    options.admit_upload = [this](Request& head) { return web_app.admit_upload(head); };
    tune(options);
    server = std::make_unique<HttpServer>(
        options,
        [this](Request& req) {
          // A slow handler, to catch a request in flight during shutdown.
          if (req.path == "/test/slow") {
            std::this_thread::sleep_for(std::chrono::milliseconds(600));
            return text_response(200, "slow done");
          }
          // A request held for a while, to fill a pool.
          if (!req.header("x-test-hold").empty())
            std::this_thread::sleep_for(std::chrono::milliseconds(800));
          return web_app.handle(req);
        },
        [this](int status, const Pairs& headers) { return web_app.refuse(status, headers); },
        metrics);
    ASSERT_TRUE(server->listen());
    runner = std::thread([this] { server->run(false); });
  }
  // Options of a test's own (lower caps, shorter timeouts).
  virtual void tune(ServerOptions&) {}

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
  app::CatalogDesk products{t.db(), clock};
  app::SalesOrderDesk sales{t.db(), clock};
  app::ContactOrderDesk contact_orders{t.db(), clock};
  app::ChangeOrderDesk changes{t.db(), clock};
  app::WebhookDesk webhooks{t.db(), clock};
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
      products,
      sales,
      contact_orders,
      changes,
      webhooks,
      {false, testing::source_dir() + "/static", testing::source_dir() + "/api/openapi.json", {}}};
  WebApp web_app{ctx};
  std::unique_ptr<HttpServer> server;
  std::thread runner;
  asio::io_context client_io;
};

}  // namespace rapport::web
