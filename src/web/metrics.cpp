#include "web/metrics.h"

#include <fmt/format.h>

namespace rapport::web {
namespace {

std::string labels(const std::string& key, bool with_status) {
  auto a = key.find('|');
  auto b = key.find('|', a + 1);
  std::string out = fmt::format("method=\"{}\",route=\"{}\"", key.substr(0, a),
                                key.substr(a + 1, (with_status ? b : key.size()) - a - 1));
  if (with_status) out += fmt::format(",status=\"{}\"", key.substr(b + 1));
  return out;
}

// The methods HTTP defines; any other is counted as "other", so a client
// inventing methods cannot add series without end.
std::string method_label(const std::string& method) {
  static const char* const known[] = {"GET",    "HEAD",    "POST",  "PUT",     "PATCH",
                                      "DELETE", "OPTIONS", "TRACE", "CONNECT", "-"};
  for (const char* m : known)
    if (method == m) return method;
  return "other";
}

}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  std::string series = method_label(method) + "|" + route;
  std::lock_guard lock(mutex_);
  ++requests_[series + "|" + std::to_string(status)];
  Series& s = latency_[series];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
  ++s.count;
  s.sum += seconds;
}

std::string Metrics::render() const {
  // Copied under the lock and written without it: requests being counted
  // wait for a copy, never for the text.
  std::map<std::string, unsigned long long> requests;
  std::map<std::string, Series> latency;
  {
    std::lock_guard lock(mutex_);
    requests = requests_;
    latency = latency_;
  }
  std::string out =
      "# HELP rapport_http_requests_total HTTP requests answered, by route and status.\n"
      "# TYPE rapport_http_requests_total counter\n";
  for (const auto& [key, n] : requests)
    out += fmt::format("rapport_http_requests_total{{{}}} {}\n", labels(key, true), n);
  out +=
      "# HELP rapport_http_request_duration_seconds Time to answer HTTP requests.\n"
      "# TYPE rapport_http_request_duration_seconds histogram\n";
  for (const auto& [key, s] : latency) {
    std::string l = labels(key, false);
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out += fmt::format("rapport_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", l,
                         kBuckets[i], s.buckets[i]);
    out += fmt::format("rapport_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", l,
                       s.count);
    out += fmt::format("rapport_http_request_duration_seconds_sum{{{}}} {}\n", l, s.sum);
    out += fmt::format("rapport_http_request_duration_seconds_count{{{}}} {}\n", l, s.count);
  }
  return out;
}

}  // namespace rapport::web
