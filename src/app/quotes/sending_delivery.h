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

#include "core/result.h"
#include "domain/quotes/quote_sending.h"
#include "domain/settings/installation_settings.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::app {

// Logs a sending's step on its customer: the channel, the document (quote
// number, revision, file), where it went, and its status as the outcome
// ("sent", "failed: mail.unreachable"), related to the quote.
void log_quote_sending(store::Tx& tx, const domain::QuoteSending& s, const store::Actor& who,
                       Instant now);

// A failed (or retrying) sending's error with the arguments its message
// names (the installation's mail server and sender, the address); none
// when the last attempt succeeded.
std::optional<Error> last_error_of(const domain::QuoteSending& s,
                                   const domain::InstallationSettings& settings);

// The body of a "quote_sending" job: delivers the queued sending `id`,
// trying at most kMaxSendAttempts times; `cancelled` is asked between
// attempts (a cancelled delivery fails with "job.cancelled"). The result is
// recorded on the sending and logged on the customer; returns the sending.
// Errors: not_found; unavailable (the database).
Result<domain::QuoteSending> deliver_quote_sending(store::Database& db, const Clock& clock,
                                                   Id<domain::QuoteSending> id,
                                                   const std::function<bool()>& cancelled);

}  // namespace rapport::app
