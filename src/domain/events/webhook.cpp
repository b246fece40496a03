#include "domain/events/webhook.h"

#include <algorithm>
#include <set>
#include <utility>

#include "domain/text_length.h"

namespace rapport::domain {
namespace {

// scheme://host[:port][/path…]: the host is not empty and nothing is blank.
bool webhook_url_shaped(const std::string& url) {
  std::string_view rest;
  if (url.starts_with("https://"))
    rest = std::string_view(url).substr(8);
  else if (url.starts_with("http://"))
    rest = std::string_view(url).substr(7);
  else
    return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c >= 0x7f) return false;
  auto host_end = rest.find_first_of("/?#");
  auto authority = rest.substr(0, host_end);
  if (authority.find('@') != std::string_view::npos) return false;  // no credentials in the URL
  std::string_view host = authority;
  if (!host.empty() && host.front() == '[') {
    auto close = host.find(']');
    if (close == std::string_view::npos) return false;
    host = host.substr(1, close - 1);
  } else if (auto colon = host.find(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  return !host.empty();
}

}  // namespace

bool subscribes(const WebhookEndpoint& endpoint, EventType type) {
  return std::find(endpoint.events.begin(), endpoint.events.end(), type) != endpoint.events.end();
}

FieldErrors validate_endpoint(const WebhookEndpoint& e) {
  FieldErrors errors;
  if (e.url.empty())
    errors.add(Error::invalid("field.required", "url"));
  else if (characters(e.url) > kMaxWebhookUrlLength)
    check_length(errors, e.url, kMaxWebhookUrlLength, "url");
  else if (!webhook_url_shaped(e.url))
    errors.add(Error::invalid("webhook.url_invalid", "url"));
  check_line(errors, e.description, kMaxWebhookDescriptionLength, "description");
  if (e.events.empty()) errors.add(Error::invalid("webhook.events_required", "events"));
  const bool printable = std::all_of(e.secret.begin(), e.secret.end(),
                                     [](unsigned char c) { return c > 0x20 && c < 0x7f; });
  if (!e.secret.empty() && (e.secret.size() < kMinWebhookSecretLength ||
                            e.secret.size() > kMaxWebhookSecretLength || !printable))
    errors.add(Error::invalid("webhook.secret_length", "secret",
                              {{"min", std::to_string(kMinWebhookSecretLength)},
                               {"max", std::to_string(kMaxWebhookSecretLength)}}));
  return errors;
}

std::vector<EventType> parse_event_names(const std::vector<std::string>& names, FieldErrors& errors,
                                         const std::string& field) {
  std::vector<EventType> out;
  for (const auto& name : names) {
    auto type = parse_event_name(name);
    if (!type) {
      // An over-long name is cut in the message: the field shows what was sent.
      errors.add(Error::invalid("webhook.event_unknown", field, {{"event", name.substr(0, 60)}}));
      continue;
    }
    if (std::find(out.begin(), out.end(), *type) == out.end()) out.push_back(*type);
  }
  return out;
}

std::chrono::seconds retry_delay(const RetryPolicy& policy, int failed_attempts) {
  auto delay = policy.base;
  for (int i = 1; i < failed_attempts && delay < policy.cap; ++i) delay *= 2;
  return std::min(delay, policy.cap);
}

void record_attempt(DeliveryState& state, const RetryPolicy& policy, Instant now,
                    std::optional<int> http_status, const std::string& error) {
  state.attempts += 1;
  state.last_status = http_status;
  if (http_status && *http_status >= 200 && *http_status < 300) {
    state.status = DeliveryStatus::delivered;
    state.delivered_at = now;
    state.last_error.clear();
    return;
  }
  state.last_error = error.substr(0, kMaxDeliveryErrorLength);
  if (state.attempts >= policy.max_attempts) {
    state.status = DeliveryStatus::failed;
    return;
  }
  state.next_attempt_at = now + retry_delay(policy, state.attempts);
}

Status retry_now(DeliveryState& state, Instant now) {
  if (state.status != DeliveryStatus::failed) return Error::invalid("webhook.delivery_not_failed");
  state.status = DeliveryStatus::pending;
  state.attempts = 0;
  state.next_attempt_at = now;
  return Ok{};
}

std::vector<DueDelivery> ready_in_order(const std::vector<DueDelivery>& due) {
  std::vector<DueDelivery> out;
  std::set<std::pair<std::int64_t, std::string>> taken;
  for (const auto& d : due) {
    if (d.event != d.chain_head) continue;
    if (!taken.insert({d.endpoint, d.record}).second) continue;
    out.push_back(d);
  }
  return out;
}

}  // namespace rapport::domain
