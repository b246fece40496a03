// tests/support/fixed_clock.h: a clock the test moves by hand.
#pragma once

#include <atomic>

#include "core/time.h"

namespace rapport::testing {

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant now() const override { return Instant{std::chrono::seconds{now_.load()}}; }
  void advance(std::chrono::seconds by) { now_ += by.count(); }

 private:
  std::atomic<long long> now_;
};

// 2026-03-10 09:00:00 UTC, a Tuesday.
inline Instant test_epoch() {
  return date::sys_days{date::year{2026} / 3 / 10} + std::chrono::hours{9};
}

}  // namespace rapport::testing
