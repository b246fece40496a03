// app/events/webhook_deliverer.h: the worker that posts events to the
// endpoints subscribed to them (README, "Webhooks"). Every server runs one;
// they share the work through the database: a round claims due deliveries
// with a lease (store/events/webhook_repository.h), posts each one signed,
// and records the outcome — delivered, or tried again later with
// exponential backoff until the last attempt fails it. A record's events
// reach an endpoint in order; a crash mid-post leaves the lease to run out
// and the event is posted again (at least once: receivers dedupe on the
// Rapport-Event-Id header).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/events/webhook.h"
#include "store/database.h"

namespace rapport::app {

struct WebhookOptions {
  std::chrono::milliseconds poll{2000};  // how often the worker looks for due deliveries
  domain::RetryPolicy retry;
  std::chrono::milliseconds timeout{5000};  // one post, connection included
  std::chrono::seconds lease{120};          // longer than a post can take
  int batch = 20;
};

// What a post got: the HTTP status, or the error when no answer came.
struct PostOutcome {
  std::optional<int> status;
  std::string error;
};
using WebhookPoster = std::function<PostOutcome(
    const std::string& url, const std::vector<std::pair<std::string, std::string>>& headers,
    const std::string& body, std::chrono::milliseconds timeout)>;

// POSTs with libcurl: http and https only, no redirects followed, the
// answer's body ignored.
PostOutcome post_with_curl(const std::string& url,
                           const std::vector<std::pair<std::string, std::string>>& headers,
                           const std::string& body, std::chrono::milliseconds timeout);

class WebhookDeliverer {
 public:
  WebhookDeliverer(store::Database& db, const Clock& clock, WebhookOptions options,
                   WebhookPoster poster = post_with_curl);
  // Stops the worker (waits for the post in flight).
  ~WebhookDeliverer();
  WebhookDeliverer(const WebhookDeliverer&) = delete;
  WebhookDeliverer& operator=(const WebhookDeliverer&) = delete;

  // Runs rounds on a thread of its own every `poll` until stop().
  void start();
  void stop();
  // One round: claims what is due and posts it. The number of posts made.
  // On stop() the deliveries claimed but not yet posted are released for
  // the next round (of any server). Errors: unavailable (the database).
  Result<int> deliver_due();

 private:
  store::Database& db_;
  const Clock& clock_;
  WebhookOptions options_;
  WebhookPoster poster_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace rapport::app
