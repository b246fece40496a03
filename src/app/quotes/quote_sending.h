// app/quotes/quote_sending.h: sending a quote (quotes-orders-assets.md,
// "Quote", Output) by e-mail, fax or letter, and the print queue.
//
// Send verifies the quote (every problem refused at once), finds the
// customer's address for the channel (the quote's contact's e-mail, else the
// customer's first; the customer's fax number), lays the quote out in the
// customer's language (quote_document.h), renders the PDF, and in one
// transaction marks the quote sent, stores the sending with its PDF and logs
// it as an interaction on the customer. An e-mail or a fax is then delivered
// by a "quote_sending" job (job_kinds.h): at most kMaxSendAttempts attempts,
// waiting kFirstSendBackoffMs, then twice as long, between them; a refusal
// by the server (a recipient refused) is not tried again. A failed sending
// shows its error and may be retried (a new job). A letter waits in the
// print queue: Print all makes one PDF of every letter not yet posted and
// records them as one print batch; Mark as posted posts the letters of that
// batch only, so a letter queued after the print stays waiting.
#pragma once

#include <string>
#include <vector>

#include "app/jobs/job_runner.h"
#include "app/quotes/sending_delivery.h"
#include "core/result.h"
#include "domain/quotes/quote.h"
#include "domain/quotes/quote_sending.h"
#include "domain/settings/installation_settings.h"
#include "domain/users/user.h"
#include "i18n/catalog.h"
#include "store/database.h"

namespace rapport::app {

// The print queue's PDF: the letters printed, as batch `batch`.
struct PrintedLetters {
  std::int64_t batch = 0;
  std::string pdf;
  std::vector<domain::QuoteSending> letters;
};

class QuoteSendingDesk {
 public:
  QuoteSendingDesk(store::Database& db, const Clock& clock, const i18n::Catalog& catalog,
                   JobRunner& jobs)
      : db_(db), clock_(clock), catalog_(catalog), jobs_(jobs) {}

  // The channel the send form proposes for the quote's customer: e-mail
  // when there is an address, else fax when there is a fax number, else a
  // letter. Errors: forbidden, not_found.
  Result<domain::QuoteChannel> default_channel(const domain::User& actor, Id<domain::Quote> id);
  // Whether `actor` may retry `s` now — the Retry button and the API's
  // "retryable": one who takes orders, and domain::may_retry at the desk's
  // clock (what retry() checks).
  bool may_retry(const domain::User& actor, const domain::QuoteSending& s) const;

  // Sends the quote at `version` through `channel` (email, fax, letter);
  // CSRs, managers, admins. Errors: forbidden; not_found; conflict (stale);
  // invalid_input: every verify_quote problem in `errors`;
  // "sending.channel_invalid" (channel); "quote.no_email" / "quote.no_fax"
  // (channel) when the customer has none; fax_gateway_address's;
  // domain::mark_sent's. Nothing is changed on an error.
  Result<domain::QuoteSending> send(const domain::User& actor, Id<domain::Quote> id,
                                    Version version, domain::QuoteChannel channel,
                                    FieldErrors* errors = nullptr);
  // A failed e-mail or fax at `version` (or one left queued by a server
  // that stopped: domain::may_retry) queued again and delivered by a new
  // job. Errors: forbidden, not_found, conflict (stale),
  // invalid_input "sending.not_retryable".
  Result<domain::QuoteSending> retry(const domain::User& actor, Id<domain::QuoteSending> id,
                                     Version version);

  Result<domain::QuoteSending> find(const domain::User& actor, Id<domain::QuoteSending> id);
  // The PDF as it was sent. Errors: forbidden, not_found.
  Result<std::string> pdf(const domain::User& actor, Id<domain::QuoteSending> id);
  // Newest first.
  Result<std::vector<domain::QuoteSending>> of_quote(const domain::User& actor,
                                                     Id<domain::Quote> id);
  Result<std::vector<domain::QuoteSending>> of_customer(const domain::User& actor,
                                                        std::int64_t customer);

  // The installation settings the sendings' errors name (last_error_of);
  // the defaults when they cannot be read.
  domain::InstallationSettings mail_settings();

  // Letters not posted yet, oldest first.
  Result<std::vector<domain::QuoteSending>> print_queue(const domain::User& actor);
  // One PDF of every letter not posted yet, which become printed in a new
  // batch. Errors: forbidden; invalid_input "sending.queue_empty"; internal.
  Result<PrintedLetters> print_all(const domain::User& actor);
  // The letters of print batch `batch` as one PDF again (a lost or jammed
  // print). Errors: forbidden; not_found "sending.batch_unknown"; internal.
  Result<PrintedLetters> batch_letters(const domain::User& actor, std::int64_t batch);
  // The printed letters of `batch` become posted; returns how many.
  // Errors: forbidden; invalid_input "sending.batch_unknown" (no letter of
  // that batch waits to be posted).
  Result<int> mark_posted(const domain::User& actor, std::int64_t batch);

 private:
  Result<domain::QuoteSending> prepare(const domain::User& actor, Id<domain::Quote> id,
                                       Version version, domain::QuoteChannel channel,
                                       std::string& pdf, std::string& document_json,
                                       FieldErrors* errors_out);
  // The PDF of `letters` (their stored documents), titled for `batch`.
  Result<std::string> letters_pdf(store::Tx& tx, const domain::User& actor,
                                  const std::vector<domain::QuoteSending>& letters,
                                  std::int64_t batch);
  Status start_delivery(const domain::User& actor, const domain::QuoteSending& s);

  store::Database& db_;
  const Clock& clock_;
  const i18n::Catalog& catalog_;
  JobRunner& jobs_;
};

}  // namespace rapport::app
