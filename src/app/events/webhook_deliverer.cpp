#include "app/events/webhook_deliverer.h"

#include <mutex>

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include "app/events/webhook_signing.h"
#include "store/events/webhook_repository.h"

namespace rapport::app {
namespace {

std::size_t webhook_discard_answer(char*, std::size_t size, std::size_t count, void*) {
  return size * count;
}

}  // namespace

PostOutcome post_with_curl(const std::string& url,
                           const std::vector<std::pair<std::string, std::string>>& headers,
                           const std::string& body, std::chrono::milliseconds timeout) {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  PostOutcome out;
  CURL* curl = curl_easy_init();
  if (!curl) return {std::nullopt, "curl_easy_init failed"};
  curl_slist* list = nullptr;
  for (const auto& [name, value] : headers)
    list = curl_slist_append(list, (name + ": " + value).c_str());
  list = curl_slist_append(list, "Content-Type: application/json");
  list = curl_slist_append(list, "Expect:");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count() / 2 + 1));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "Rapport-Webhooks/1");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, webhook_discard_answer);
  CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    out.status = static_cast<int>(status);
    if (status < 200 || status >= 300) out.error = "HTTP " + std::to_string(status);
  } else {
    out.error = curl_easy_strerror(code);
  }
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return out;
}

WebhookDeliverer::WebhookDeliverer(store::Database& db, const Clock& clock, WebhookOptions options,
                                   WebhookPoster poster)
    : db_(db), clock_(clock), options_(options), poster_(std::move(poster)) {}

WebhookDeliverer::~WebhookDeliverer() { stop(); }

void WebhookDeliverer::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      // Rounds follow each other while there is work: the next event of a
      // record is due as soon as the one before it was delivered.
      for (;;) {
        auto posted = deliver_due();
        if (!posted) spdlog::warn("webhook deliveries: {}", posted.error().detail);
        if (!posted || *posted == 0) break;
        if (stopping_) break;
      }
      lock.lock();
      wake_.wait_for(lock, options_.poll, [this] { return stopping_.load(); });
    }
  });
}

void WebhookDeliverer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<int> WebhookDeliverer::deliver_due() {
  auto claimed = db_.write([&](store::Tx& tx) -> Result<std::vector<store::ClaimedDelivery>> {
    return store::WebhookDeliveryRepository::claim(tx, clock_.now(), options_.lease,
                                                   options_.batch);
  });
  if (!claimed) return claimed.error();
  int posted = 0;
  for (auto& c : *claimed) {
    if (stopping_) {
      // Not posted: its lease ends now, its state unchanged.
      auto released = db_.write([&](store::Tx& tx) -> Status {
        store::WebhookDeliveryRepository::record(tx, c.id, c.state, std::nullopt);
        return Ok{};
      });
      if (!released) return released.error();
      continue;
    }
    const std::string body = domain::event_body(c.event);
    const std::int64_t t = clock_.now().time_since_epoch().count();
    std::vector<std::pair<std::string, std::string>> headers{
        {domain::kEventIdHeader, std::to_string(c.event.id.value)},
        {domain::kEventTypeHeader, std::string(domain::event_name(c.event.type))},
        {domain::kSignatureHeader, webhook_signature(c.secret, t, body)}};
    PostOutcome outcome = poster_(c.url, headers, body, options_.timeout);
    ++posted;
    const Instant now = clock_.now();
    domain::record_attempt(c.state, options_.retry, now, outcome.status, outcome.error);
    if (c.state.status == domain::DeliveryStatus::failed)
      spdlog::warn("webhook delivery {} of event {} to {} failed after {} attempts: {}", c.id,
                   c.event.id.value, c.url, c.state.attempts, c.state.last_error);
    auto saved = db_.write([&](store::Tx& tx) -> Status {
      store::WebhookDeliveryRepository::record(tx, c.id, c.state, now);
      return Ok{};
    });
    if (!saved) return saved.error();
  }
  return posted;
}

}  // namespace rapport::app
