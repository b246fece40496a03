// web/metrics.h: request counts and latency histograms per route, in the
// Prometheus text format served at /metrics.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>

namespace rapport::web {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 11> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                   0.1,   0.25,   0.5,   1.0,  2.5};

  // `route` is a route's pattern or a fixed label ("(none)", "(refused)");
  // a method HTTP does not define is counted as "other".
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  // The metrics as Prometheus text exposition format 0.0.4.
  std::string render() const;

 private:
  struct Series {
    std::array<unsigned long long, kBuckets.size()> buckets{};
    unsigned long long count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, unsigned long long> requests_;  // key: method|route|status
  std::map<std::string, Series> latency_;               // key: method|route
};

}  // namespace rapport::web
