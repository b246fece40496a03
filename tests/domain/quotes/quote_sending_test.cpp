// Which sendings may be sent again: a failed e-mail or fax, and one left
// queued by a server that stopped; never a letter (it is printed again).
#include "domain/quotes/quote_sending.h"

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

const Instant kNoon = Instant{} + std::chrono::hours(24 * 20000 + 12);

QuoteSending sending(QuoteChannel channel, SendingStatus status) {
  QuoteSending s;
  s.channel = channel;
  s.status = status;
  s.updated_at = kNoon;
  return s;
}

TEST(QuoteSendingRetry, AFailedEmailOrFaxMayBeSentAgain) {
  EXPECT_TRUE(may_retry(sending(QuoteChannel::email, SendingStatus::failed), kNoon));
  EXPECT_TRUE(may_retry(sending(QuoteChannel::fax, SendingStatus::failed), kNoon));
  EXPECT_FALSE(may_retry(sending(QuoteChannel::email, SendingStatus::sent), kNoon));
}

TEST(QuoteSendingRetry, AQueuedOneOnlyOnceItsDeliveryWasSurelyAbandoned) {
  const auto queued = sending(QuoteChannel::email, SendingStatus::queued);
  EXPECT_FALSE(may_retry(queued, kNoon + kAbandonedDelivery - std::chrono::seconds(1)));
  EXPECT_TRUE(may_retry(queued, kNoon + kAbandonedDelivery));
}

TEST(QuoteSendingRetry, ALetterIsNeverRetried) {
  for (auto status : {SendingStatus::queued, SendingStatus::failed, SendingStatus::printed})
    EXPECT_FALSE(may_retry(sending(QuoteChannel::letter, status), kNoon + std::chrono::hours(1)));
}

}  // namespace
}  // namespace rapport::domain
