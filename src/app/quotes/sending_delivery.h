// app/quotes/sending_delivery.h: how a quote's e-mail or fax is delivered
// (the body of the "quote_sending" job, job_kinds.h) and how a sending's
// steps are logged on the customer.
//
// One delivery run tries at most kMaxSendAttempts times while the mail
// server is unreachable or slow (unavailable), waiting kFirstSendBackoffMs,
// then twice as long, between attempts; a refusal (a recipient or sender
// refused) ends it at once. The sending ends sent or failed with the last
// error, and the outcome is logged as an interaction on the customer.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/quotes/quote_sending.h"
#include "domain/settings/installation_settings.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::app {

// Logs a sending's step on its customer: the channel, the document (quote
// number, revision, file), where it went, and its status as the outcome
// ("sent", "failed: mail.unreachable"; with a `note`, a catalog key, the
// status and the note: "queued: sending.attempt_after_takeover"), related
// to the quote.
void log_quote_sending(store::Tx& tx, const domain::QuoteSending& s, const store::Actor& who,
                       Instant now, const std::string& note = "");

// A failed (or retrying) sending's error with the arguments its message
// names (the installation's mail server and sender, the address); none
// when the last attempt succeeded.
std::optional<Error> last_error_of(const domain::QuoteSending& s,
                                   const domain::InstallationSettings& settings);

struct DeliveryHooks {
  // Asked between attempts and before each exchange: true ends the
  // delivery (the sending fails with the last error, or "job.cancelled").
  std::function<bool()> cancelled;
  // Inside each transaction that records an attempt or its outcome: an
  // Error (the job's partition was taken over by another server) rolls it
  // back, and this run stops without another word.
  std::function<Status(store::Tx&)> guard;
  // After an attempt was recorded, before its exchange.
  std::function<void()> attempt_recorded;
};

// The body of a "quote_sending" job: delivers the queued sending `id`,
// trying at most kMaxSendAttempts times. Each attempt is recorded on the
// sending before the SMTP exchange, with the Message-ID chosen at the first
// and kept, and cleared with its outcome. A run that finds an attempt
// recorded without outcome (its server died mid-exchange, the job was taken
// over) cannot know whether the message left: it sends it again with the
// same Message-ID — so the recipient's mail system can recognise the
// duplicate — and records "attempt after a takeover" on the sending
// (takeover_attempts) and in the customer's history. A sending already
// sent, failed or cancelled is never sent again by a run. The result is
// recorded on the sending and logged on the customer; returns the sending.
// Errors: not_found; unavailable (the database; the guard's).
Result<domain::QuoteSending> deliver_quote_sending(store::Database& db, const Clock& clock,
                                                   Id<domain::QuoteSending> id,
                                                   const DeliveryHooks& hooks);
Result<domain::QuoteSending> deliver_quote_sending(store::Database& db, const Clock& clock,
                                                   Id<domain::QuoteSending> id,
                                                   const std::function<bool()>& cancelled);

}  // namespace rapport::app
