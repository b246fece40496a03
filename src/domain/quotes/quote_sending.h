// domain/quotes/quote_sending.h: one sending of a quote revision
// (quotes-orders-assets.md, "Quote", Output) by e-mail, fax or letter.
//
//   e-mail, fax: queued ──deliver──▶ sent
//                  │  └─(every attempt refused or kMaxSendAttempts down)─▶ failed ──retry──▶ queued
//   letter:      queued ──print all──▶ printed ──mark posted──▶ posted
//
// The document (PDF) is made once, when the sending is asked for, and kept
// with it: a retry sends the same bytes, a letter prints the same pages.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "core/enum_codes.h"
#include "core/id.h"
#include "core/time.h"
#include "domain/quotes/quote.h"

namespace rapport::domain {

enum class SendingStatus { queued, sent, failed, printed, posted };
BOOST_DESCRIBE_ENUM(SendingStatus, queued, sent, failed, printed, posted)

// The most attempts one delivery run makes before the sending fails; the
// waits between them double from kFirstSendBackoffMs.
constexpr int kMaxSendAttempts = 3;
constexpr int kFirstSendBackoffMs = 1000;
// A delivery run lasts at most about 3.5 minutes (3 attempts of at most
// 70 s: the mail server's connect and whole-sending timeouts, and the
// waits); an e-mail or fax still queued this long after its last change
// was left by a server that stopped, and may be retried.
constexpr std::chrono::minutes kAbandonedDelivery{10};

struct PrintBatch;

struct QuoteSending {
  Id<QuoteSending> id;
  Id<Quote> quote;
  std::string quote_number;
  int revision = 1;
  std::int64_t customer = 0;
  QuoteChannel channel = QuoteChannel::email;  // email, fax or letter
  std::string recipient;  // the e-mail address, the fax number (E.164), the postal name
  std::string address;    // where the mail goes (e-mail or fax gateway); empty for letters
  std::string language;   // "fr": the document's and the message's
  std::string subject;
  std::string body;
  std::string filename;  // "Q-000012-2.pdf"
  SendingStatus status = SendingStatus::queued;
  int attempts = 0;
  std::string last_error;         // a catalog key ("mail.recipient_refused"); empty: none
  std::string last_error_detail;  // the technical detail for the log
  Instant created_at{};
  std::optional<Instant> sent_at;
  std::optional<Instant> printed_at;
  std::optional<Instant> posted_at;
  std::optional<std::int64_t> print_batch;
  // E-mail and fax: the Message-ID every attempt carries ("<…@domain>";
  // empty until the first), the start of an attempt whose outcome is not
  // recorded yet (in flight, or lost with the server that made it), and
  // the attempts made after a takeover found one such.
  std::string message_id;
  std::optional<Instant> attempt_started_at;
  int takeover_attempts = 0;
  Instant updated_at{};
  Version version = 0;
};

// A failed e-mail or fax may be sent again, and one left queued by a
// server that stopped (kAbandonedDelivery after its last change, at `now`).
inline bool may_retry(const QuoteSending& s, Instant now) {
  if (s.channel == QuoteChannel::letter) return false;
  return s.status == SendingStatus::failed ||
         (s.status == SendingStatus::queued && now - s.updated_at >= kAbandonedDelivery);
}

}  // namespace rapport::domain
