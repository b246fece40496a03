// Events and webhooks on a real database (SQLite and PostgreSQL): the
// outbox row is written with the change and not when the change is
// refused; fulfilment writes the line, asset and completion events; the
// delivery worker posts a record's events in order, retries with backoff,
// fails after the last attempt and is retried by an admin; bad endpoints
// are refused with nothing stored.
#include <algorithm>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "app/catalog/catalog_desk.h"
#include "app/crypto.h"
#include "app/customers/customer_desk.h"
#include "app/events/webhook_deliverer.h"
#include "app/events/webhook_desk.h"
#include "app/events/webhook_signing.h"
#include "app/sales/sales_order_desk.h"
#include "store/events/outbox_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using namespace domain;
using namespace std::chrono_literals;
using rapport::testing::fields_of;
using rapport::testing::ymd;

// What the fake receiver got.
struct HookPost {
  std::string url;
  std::string body;
  std::string signature;
  std::string event_id;
};

class WebhookEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    ASSERT_TRUE(init_crypto());
    meter = hook_product("HOOK-METER", true);
    visit = hook_product("HOOK-VISIT", false);
    PriceList list;
    list.code = "HOOKS";
    list.name_en = "Hooks";
    list.currency = "EUR";
    list.valid_from = ymd(2026, 1, 1);
    list.is_default = true;
    auto stored = catalog.create_price_list(manager, list);
    ASSERT_TRUE(stored) << stored.error().key;
    ASSERT_TRUE(catalog.set_price(manager, stored->id, {meter.id, 10'000, {}}));
    ASSERT_TRUE(catalog.set_price(manager, stored->id, {visit.id, 5'000, {}}));
    NewCustomer n;
    n.customer.family_name = "Girard";
    n.customer.given_name = "Hugo";
    n.customer.address = {"4 quai Saint-Antoine", "", "69002", "Lyon", "", "FR"};
    n.save_despite_duplicates = true;
    auto added = CustomerDesk(t.db(), clock).add(csr, n);
    ASSERT_TRUE(added && added->created);
    customer = added->created->customer.id.value;
  }

  Product hook_product(std::string code, bool trackable) {
    Product p;
    p.code = std::move(code);
    p.name_en = p.name_fr = p.code;
    p.trackable = trackable;
    p.vat_rate = 2000;
    p.orderable_from = ymd(2026, 1, 1);
    auto stored = catalog.create_product(manager, p);
    EXPECT_TRUE(stored);
    return stored ? *stored : p;
  }

  WebhookEndpoint endpoint(const std::string& url, std::vector<std::string> events) {
    auto e = webhooks.create(admin, {url, "", std::move(events), "", true});
    EXPECT_TRUE(e) << (e ? "" : e.error().key + " " + e.error().field);
    return e ? *e : WebhookEndpoint{};
  }

  // An order with a meter and a visit line, not yet submitted.
  SalesOrder order_with_lines() {
    SalesOrderHeader h;
    h.customer = customer;
    h.requested_delivery = ymd(2026, 3, 20);
    auto o = sales.create(csr, h);
    EXPECT_TRUE(o);
    o = sales.add_line(csr, o->id, o->version, {meter.id, "", 1000, 0});
    EXPECT_TRUE(o);
    o = sales.add_line(csr, o->id, o->version, {visit.id, "", 1000, 0});
    EXPECT_TRUE(o);
    return *o;
  }

  std::vector<std::string> events_of(const std::string& kind, std::int64_t id) {
    auto events = t.db().read([&](store::Tx& tx) -> Result<std::vector<Event>> {
      return store::OutboxRepository::of_record(tx, kind, id);
    });
    std::vector<std::string> out;
    for (const auto& e : *events) out.push_back(event_name(e.type));
    return out;
  }

  std::vector<store::DeliveryRow> deliveries(std::optional<std::int64_t> endpoint = {}) {
    store::DeliveryFilter f;
    f.endpoint = endpoint;
    f.limit = 200;
    return *webhooks.deliveries(admin, f);
  }

  // A worker whose posts go to `posts`, answered by `answer`.
  WebhookDeliverer deliverer(std::function<PostOutcome(const HookPost&)> answer) {
    WebhookOptions o;
    o.retry = {3, 10s, 3600s};
    return WebhookDeliverer(t.db(), clock, o,
                            [this, answer](const std::string& url, const auto& headers,
                                           const std::string& body, std::chrono::milliseconds) {
                              HookPost p{url, body, {}, {}};
                              for (const auto& [k, v] : headers) {
                                if (k == kSignatureHeader) p.signature = v;
                                if (k == kEventIdHeader) p.event_id = v;
                              }
                              posts.push_back(p);
                              return answer(p);
                            });
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  SalesOrderDesk sales{t.db(), clock};
  CatalogDesk catalog{t.db(), clock};
  WebhookDesk webhooks{t.db(), clock};
  User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
  User manager = testing::add_user(t.db(), clock, "mona", Role::manager, "Mona");
  User admin = testing::add_user(t.db(), clock, "ada", Role::admin, "Ada");
  User fulfiller = testing::add_user(t.db(), clock, "fred", Role::fulfilment, "Fred");
  Product meter, visit;
  std::int64_t customer = 0;
  std::vector<HookPost> posts;
};

TEST_F(WebhookEventsTest, SubmitWritesItsEventWithTheChangeAndARefusalWritesNone) {
  auto hook = endpoint("https://billing.example.com/in", {"sales_order.submitted"});
  SalesOrderHeader h;
  h.customer = customer;
  auto empty = sales.create(csr, h);
  ASSERT_TRUE(empty);
  EXPECT_FALSE(sales.submit(csr, empty->id, empty->version)) << "no lines";
  EXPECT_TRUE(events_of("sales_order", empty->id.value).empty());

  auto o = order_with_lines();
  EXPECT_EQ(sales.submit(csr, o.id, o.version - 1).error().code, ErrorCode::conflict);
  EXPECT_TRUE(events_of("sales_order", o.id.value).empty()) << "a stale submit writes nothing";
  EXPECT_TRUE(deliveries().empty());

  ASSERT_TRUE(sales.submit(csr, o.id, o.version));
  EXPECT_EQ(events_of("sales_order", o.id.value),
            std::vector<std::string>{"sales_order.submitted"});
  auto queued = deliveries();
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0].endpoint, hook.id.value);
  EXPECT_EQ(queued[0].record, "sales_order:" + std::to_string(o.id.value));
  EXPECT_EQ(queued[0].state.status, DeliveryStatus::pending);
  auto stored = t.db().read(
      [&](store::Tx& tx) { return store::OutboxRepository::find(tx, Id<Event>{queued[0].event}); });
  ASSERT_TRUE(stored);
  auto data = boost::json::parse(stored->data).as_object();
  EXPECT_EQ(data["status"].as_string(), "open");
  EXPECT_EQ(data["number"].as_string(), o.number);
  EXPECT_EQ(data["lines"].as_array().size(), 2u);
}

TEST_F(WebhookEventsTest, FulfilmentWritesLineAssetAndCompletionEvents) {
  auto lines_hook =
      endpoint("https://billing.example.com/in", {"sales_order.line_fulfilled", "asset.created"});
  auto orders_hook =
      endpoint("https://erp.example.com/in", {"sales_order.line_failed", "sales_order.completed"});
  auto o = order_with_lines();
  o = *sales.submit(csr, o.id, o.version);
  ASSERT_TRUE(sales.complete_line(fulfiller, o.id, std::nullopt, o.lines[0].id));
  // A line that is not open: refused, nothing written.
  EXPECT_FALSE(sales.complete_line(fulfiller, o.id, std::nullopt, o.lines[0].id));
  auto done = sales.fail_line(fulfiller, o.id, std::nullopt, o.lines[1].id, "No access");
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, SalesOrderStatus::complete);
  // Every subscribed type is written, in the order of the changes; the
  // submit, which no endpoint wants, is not.
  EXPECT_EQ(events_of("sales_order", o.id.value),
            (std::vector<std::string>{"sales_order.line_fulfilled", "sales_order.line_failed",
                                      "sales_order.completed"}));
  ASSERT_TRUE(done->lines[0].asset);
  EXPECT_EQ(events_of("asset", *done->lines[0].asset), std::vector<std::string>{"asset.created"});
  // Each endpoint gets the types it subscribed to.
  auto queued_for = [&](const WebhookEndpoint& e) {
    std::vector<std::string> out;
    for (const auto& d : deliveries(e.id.value)) out.push_back(event_name(d.event_type));
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(queued_for(lines_hook),
            (std::vector<std::string>{"asset.created", "sales_order.line_fulfilled"}));
  EXPECT_EQ(queued_for(orders_hook),
            (std::vector<std::string>{"sales_order.completed", "sales_order.line_failed"}));
  // A line's event carries the order's header and that line only.
  for (const auto& d : deliveries(orders_hook.id.value)) {
    auto stored = t.db().read(
        [&](store::Tx& tx) { return store::OutboxRepository::find(tx, Id<Event>{d.event}); });
    ASSERT_TRUE(stored);
    auto data = boost::json::parse(stored->data).as_object();
    EXPECT_EQ(data["number"].as_string(), o.number);
    if (d.event_type == EventType::sales_order_line_failed) {
      EXPECT_FALSE(data.contains("lines"));
      EXPECT_EQ(data["line"].as_object()["id"].as_int64(), o.lines[1].id.value);
      EXPECT_EQ(data["line"].as_object()["fail_reason"].as_string(), "No access");
    } else {
      EXPECT_EQ(data["status"].as_string(), "complete");
      EXPECT_EQ(data["lines"].as_array().size(), 2u);
    }
  }
}

TEST_F(WebhookEventsTest, NoEventIsWrittenThatNoActiveEndpointWants) {
  auto hook = endpoint("https://billing.example.com/in", {"asset.created"});
  ASSERT_TRUE(
      webhooks.update(admin, hook.id, hook.version, {hook.url, "", {"asset.created"}, "", false}));
  auto o = order_with_lines();
  o = *sales.submit(csr, o.id, o.version);
  auto done = sales.complete_line(fulfiller, o.id, std::nullopt, o.lines[0].id);
  ASSERT_TRUE(done);
  ASSERT_TRUE(done->lines[0].asset) << "the change itself is made";
  EXPECT_TRUE(events_of("sales_order", o.id.value).empty());
  EXPECT_TRUE(events_of("asset", *done->lines[0].asset).empty()) << "its endpoint is inactive";
  EXPECT_TRUE(deliveries().empty());
}

TEST_F(WebhookEventsTest, TheWorkerDeliversARecordsEventsInOrderAndRetriesWithBackoff) {
  auto hook =
      endpoint("http://127.0.0.1:9/hook", {"sales_order.submitted", "sales_order.line_fulfilled"});
  auto o = order_with_lines();
  o = *sales.submit(csr, o.id, o.version);
  ASSERT_TRUE(sales.complete_line(fulfiller, o.id, std::nullopt, o.lines[0].id));

  bool up = false;
  auto worker = deliverer([&](const HookPost&) {
    return up ? PostOutcome{204, ""} : PostOutcome{500, "HTTP 500"};
  });
  // The receiver fails: only the first event is tried; the second waits.
  EXPECT_EQ(*worker.deliver_due(), 1);
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_NE(posts[0].body.find("\"type\":\"sales_order.submitted\""), std::string::npos);
  auto first = deliveries(hook.id.value).back();
  EXPECT_EQ(first.state.attempts, 1);
  EXPECT_EQ(first.state.last_status, 500);
  EXPECT_EQ(first.state.next_attempt_at, clock.now() + 10s);
  EXPECT_EQ(*worker.deliver_due(), 0) << "not due before its backoff";

  // It recovers: the same event again (at least once), then the next one.
  up = true;
  clock.advance(10s);
  EXPECT_EQ(*worker.deliver_due(), 1);
  EXPECT_EQ(*worker.deliver_due(), 1);
  ASSERT_EQ(posts.size(), 3u);
  EXPECT_EQ(posts[1].body, posts[0].body) << "the same bytes at every attempt";
  EXPECT_EQ(posts[1].event_id, posts[0].event_id);
  EXPECT_NE(posts[2].body.find("\"type\":\"sales_order.line_fulfilled\""), std::string::npos);
  // Signed with the endpoint's secret over "<t>.<body>".
  const auto t_at = posts[2].signature.find("t="), v1 = posts[2].signature.find(",v1=");
  const std::string unix_time = posts[2].signature.substr(t_at + 2, v1 - t_at - 2);
  auto stored_secret = t.db().read(
      [&](store::Tx& tx) { return store::WebhookEndpointRepository::find(tx, hook.id); });
  EXPECT_EQ(posts[2].signature.substr(v1 + 4),
            hmac_sha256_hex(stored_secret->secret, unix_time + "." + posts[2].body));
  for (const auto& d : deliveries(hook.id.value))
    EXPECT_EQ(d.state.status, DeliveryStatus::delivered);
}

TEST_F(WebhookEventsTest, AfterTheLastAttemptADeliveryFailsUntilAnAdminRetriesIt) {
  endpoint("http://127.0.0.1:9/hook", {"sales_order.submitted"});
  auto o = order_with_lines();
  ASSERT_TRUE(sales.submit(csr, o.id, o.version));
  bool up = false;
  auto worker = deliverer([&](const HookPost&) {
    return up ? PostOutcome{200, ""} : PostOutcome{std::nullopt, "Couldn't connect to server"};
  });
  for (auto wait : {0s, 10s, 20s}) {
    clock.advance(wait);
    EXPECT_EQ(*worker.deliver_due(), 1);
  }
  auto failed = deliveries().front();
  EXPECT_EQ(failed.state.status, DeliveryStatus::failed);
  EXPECT_EQ(failed.state.attempts, 3);
  EXPECT_EQ(failed.state.last_error, "Couldn't connect to server");
  clock.advance(3600s);
  EXPECT_EQ(*worker.deliver_due(), 0) << "a failed delivery is not tried again by itself";

  EXPECT_EQ(webhooks.retry(csr, failed.id).error().code, ErrorCode::forbidden);
  ASSERT_TRUE(webhooks.retry(admin, failed.id));
  EXPECT_EQ(webhooks.retry(admin, failed.id).error().key, "webhook.delivery_not_failed");
  up = true;
  EXPECT_EQ(*worker.deliver_due(), 1);
  EXPECT_EQ(deliveries().front().state.status, DeliveryStatus::delivered);
}

TEST_F(WebhookEventsTest, AStoppingWorkerReleasesWhatItClaimedButDidNotPost) {
  endpoint("http://127.0.0.1:9/hook", {"sales_order.submitted"});
  for (int i = 0; i < 2; ++i) {
    auto o = order_with_lines();
    ASSERT_TRUE(sales.submit(csr, o.id, o.version));
  }
  WebhookDeliverer* self = nullptr;
  auto worker = deliverer([&](const HookPost&) {
    self->stop();  // the server shuts down during the first post
    return PostOutcome{200, ""};
  });
  self = &worker;
  EXPECT_EQ(*worker.deliver_due(), 1);
  auto next = deliverer([](const HookPost&) { return PostOutcome{200, ""}; });
  EXPECT_EQ(*next.deliver_due(), 1) << "the second order's event is free at once, not leased";
  EXPECT_EQ(posts.size(), 2u);
}

TEST_F(WebhookEventsTest, BadEndpointsAreRefusedWithNothingStored) {
  FieldErrors errors;
  auto bad = webhooks.create(admin,
                             {"ftp://example.com",
                              std::string(201, 'd'),
                              {"sales_order.submitted", "order.exploded"},
                              "short",
                              true},
                             &errors);
  ASSERT_FALSE(bad);
  EXPECT_EQ(fields_of(errors),
            (std::vector<std::string>{"url", "description", "secret", "events"}));
  EXPECT_EQ(
      webhooks.create(csr, {"https://example.com", "", {"asset.created"}, "", true}).error().code,
      ErrorCode::forbidden);
  EXPECT_TRUE(webhooks.list(admin)->empty());

  auto hook = endpoint("https://example.com/a", {"asset.created"});
  EXPECT_EQ(hook.secret.substr(0, 6), "whsec_") << "generated and shown once";
  EXPECT_TRUE(webhooks.get(admin, hook.id)->secret.empty()) << "never read back";
  auto stale = webhooks.update(admin, hook.id, hook.version + 1,
                               {"https://example.com/b", "", {"asset.created"}, "", true});
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  auto saved = webhooks.update(admin, hook.id, hook.version,
                               {"https://example.com/b", "", {"asset.changed"}, "", false});
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->version, hook.version + 1);
  EXPECT_FALSE(webhooks.list(admin)->front().endpoint.active);
}

}  // namespace
}  // namespace rapport::app
