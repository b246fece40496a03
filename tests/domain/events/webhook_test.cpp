#include "domain/events/webhook.h"

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> webhook_test_fields(const FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors.errors) out.push_back(e.field + ":" + e.key);
  return out;
}

WebhookEndpoint webhook_test_endpoint(std::string url) {
  WebhookEndpoint e;
  e.url = std::move(url);
  e.events = {EventType::sales_order_submitted};
  return e;
}

TEST(WebhookEndpoint, AcceptsHttpAndHttpsUrlsWithAHost) {
  for (const char* url : {"https://billing.example.com/hooks/rapport", "http://127.0.0.1:8099/in",
                          "https://[::1]:443/x?y=1", "http://intranet"})
    EXPECT_TRUE(validate_endpoint(webhook_test_endpoint(url)).empty()) << url;
}

TEST(WebhookEndpoint, RefusesOtherSchemesBlanksAndCredentials) {
  for (const char* url : {"ftp://example.com/", "example.com/hook", "https://", "https:///path",
                          "https://exa mple.com/", "https://user:pw@example.com/", "http://:80/",
                          "javascript:alert(1)"})
    EXPECT_EQ(webhook_test_fields(validate_endpoint(webhook_test_endpoint(url))),
              std::vector<std::string>{"url:webhook.url_invalid"})
        << url;
  EXPECT_EQ(webhook_test_fields(validate_endpoint(webhook_test_endpoint(""))),
            std::vector<std::string>{"url:field.required"});
}

TEST(WebhookEndpoint, LimitsSizesAndNeedsAnEventAndALongSecret) {
  WebhookEndpoint e = webhook_test_endpoint("https://example.com/" + std::string(2000, 'a'));
  e.description = std::string(201, 'd');
  e.events.clear();
  e.secret = "short";
  EXPECT_EQ(
      webhook_test_fields(validate_endpoint(e)),
      (std::vector<std::string>{"url:field.too_long", "description:field.too_long",
                                "events:webhook.events_required", "secret:webhook.secret_length"}));
  e = webhook_test_endpoint("https://example.com/");
  e.secret = std::string(24, 's');
  EXPECT_TRUE(validate_endpoint(e).empty());
  e.secret = std::string(23, 's') + " ";
  EXPECT_FALSE(validate_endpoint(e).empty()) << "a space is not a printable secret character";
}

TEST(WebhookEndpoint, EventNamesAreKnownOnesWithoutDuplicates) {
  FieldErrors errors;
  auto types = parse_event_names(
      {"asset.created", "sales_order.submitted", "asset.created", "order.exploded"}, errors);
  EXPECT_EQ(types,
            (std::vector<EventType>{EventType::asset_created, EventType::sales_order_submitted}));
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].key, "webhook.event_unknown");
  EXPECT_EQ(errors.errors[0].args, (MessageArgs{{"event", "order.exploded"}}));
  for (auto type : all_event_types()) EXPECT_EQ(parse_event_name(event_name(type)), type);
}

TEST(WebhookRetry, DelaysDoubleFromTheBaseUpToTheCap) {
  RetryPolicy p{8, 30s, 600s};
  EXPECT_EQ(retry_delay(p, 1), 30s);
  EXPECT_EQ(retry_delay(p, 2), 60s);
  EXPECT_EQ(retry_delay(p, 3), 120s);
  EXPECT_EQ(retry_delay(p, 5), 480s);
  EXPECT_EQ(retry_delay(p, 6), 600s);
  EXPECT_EQ(retry_delay(p, 60), 600s) << "no overflow however many attempts";
}

TEST(WebhookRetry, FailuresRescheduleUntilTheLastAttemptThenFail) {
  RetryPolicy p{3, 10s, 3600s};
  const Instant t0{date::sys_days{date::year{2026} / 12 / 5}};
  DeliveryState s;
  record_attempt(s, p, t0, 500, "HTTP 500");
  EXPECT_EQ(s.status, DeliveryStatus::pending);
  EXPECT_EQ(s.attempts, 1);
  EXPECT_EQ(s.next_attempt_at, t0 + 10s);
  EXPECT_EQ(s.last_status, 500);
  record_attempt(s, p, t0 + 10s, std::nullopt, "connection refused");
  EXPECT_EQ(s.next_attempt_at, t0 + 30s);
  EXPECT_EQ(s.last_status, std::nullopt);
  EXPECT_EQ(s.last_error, "connection refused");
  record_attempt(s, p, t0 + 30s, 404, "HTTP 404");
  EXPECT_EQ(s.status, DeliveryStatus::failed);
  EXPECT_EQ(s.attempts, 3);

  EXPECT_TRUE(retry_now(s, t0 + 60s));
  EXPECT_EQ(s.status, DeliveryStatus::pending);
  EXPECT_EQ(s.attempts, 0);
  EXPECT_EQ(s.next_attempt_at, t0 + 60s);
  EXPECT_EQ(retry_now(s, t0).error().key, "webhook.delivery_not_failed");

  record_attempt(s, p, t0 + 61s, 204, "");
  EXPECT_EQ(s.status, DeliveryStatus::delivered);
  EXPECT_EQ(s.delivered_at, t0 + 61s);
  EXPECT_EQ(s.last_error, "");
}

TEST(WebhookOrder, OnlyTheOldestPendingEventOfARecordGoesToAnEndpoint) {
  // Endpoint 1: order 7 has events 10 (pending, leased elsewhere: not due
  // here) and 12; order 8 has 11 and 13. Endpoint 2 got event 10 already.
  std::vector<DueDelivery> due{{101, 11, 1, "sales_order:8", 11},
                               {102, 12, 1, "sales_order:7", 10},
                               {103, 13, 1, "sales_order:8", 11},
                               {104, 12, 2, "sales_order:7", 12},
                               {105, 14, 2, "asset:3", 14}};
  std::vector<std::int64_t> ids;
  for (const auto& d : ready_in_order(due)) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::int64_t>{101, 104, 105}));
}

TEST(WebhookSignature, SignsTheTimeAndTheBody) {
  EXPECT_EQ(signed_text(1764930000, R"({"id":1})"), R"(1764930000.{"id":1})");
  EXPECT_EQ(signature_header(1764930000, "ab12"), "t=1764930000,v1=ab12");
  Event e;
  e.id = Id<Event>{42};
  e.type = EventType::asset_created;
  e.record_kind = "asset";
  e.record_id = 7;
  e.occurred_at = Instant{date::sys_days{date::year{2026} / 12 / 5}} + 3600s;
  e.data = R"({"number":"AS-000007"})";
  EXPECT_EQ(event_body(e),
            R"({"id":42,"type":"asset.created","occurred_at":"2026-12-05T01:00:00Z",)"
            R"("record":{"kind":"asset","id":7},"data":{"number":"AS-000007"}})");
}

}  // namespace
}  // namespace rapport::domain
