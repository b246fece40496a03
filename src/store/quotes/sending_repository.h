// store/quotes/sending_repository.h: quote sendings (e-mail, fax, letter)
// with the document each sent, and the print batches of letters.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/quotes/quote_sending.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

class SendingRepository {
 public:
  // Inserts the sending with its PDF and its document's JSON (what the
  // print queue draws again); the returned sending has its id and version 1.
  static domain::QuoteSending insert(Tx& tx, domain::QuoteSending s, const std::string& pdf,
                                     const std::string& document_json, const Actor& actor,
                                     Instant now);
  // Errors: not_found ("sending.not_found").
  static Result<domain::QuoteSending> find(Tx& tx, Id<domain::QuoteSending> id);
  // The PDF's bytes and the document's JSON of a sending ("" when none).
  static std::string pdf_of(Tx& tx, Id<domain::QuoteSending> id);
  static std::string document_json_of(Tx& tx, Id<domain::QuoteSending> id);
  // Newest first.
  static std::vector<domain::QuoteSending> of_quote(Tx& tx, Id<domain::Quote> quote);
  static std::vector<domain::QuoteSending> of_customer(Tx& tx, std::int64_t customer,
                                                       int limit = 100);
  // Writes status, attempts, errors, recipient and address, instants, print
  // batch, Message-ID, attempt in flight and takeover attempts at s.version
  // (stale_record_error when it moved on); returns the new version.
  static Result<Version> save(Tx& tx, domain::QuoteSending& s, const domain::QuoteSending& before,
                              const Actor& actor, Instant now);
  // Letters not posted yet (queued or printed), oldest first.
  static std::vector<domain::QuoteSending> unposted_letters(Tx& tx, int limit = 1000);
  // The letters printed in `batch`, oldest first.
  static std::vector<domain::QuoteSending> of_print_batch(Tx& tx, std::int64_t batch);
  // A new print batch; its id.
  static std::int64_t new_print_batch(Tx& tx, const Actor& actor, Instant now);
};

}  // namespace rapport::store
