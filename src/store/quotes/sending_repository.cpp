#include "store/quotes/sending_repository.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include <soci/soci.h>

#include "store/actor_column.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

using domain::QuoteSending;
using domain::SendingStatus;

// PDFs are kept as base64 text: the one column type both databases read
// and write the same way through SOCI (a PDF holds NUL bytes).
constexpr char kSendingBase64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string sending_base64(const std::string& bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < 3; ++k)
      v = v << 8 | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    for (std::size_t k = 0; k < 4; ++k)
      out += k <= n ? kSendingBase64[(v >> (18 - 6 * k)) & 63] : '=';
  }
  return out;
}

std::string sending_unbase64(const std::string& text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  std::uint32_t v = 0;
  int bits = 0;
  for (char c : text) {
    const char* at = std::strchr(kSendingBase64, c);
    if (c == '\0' || !at) continue;  // '=' and anything else end nothing: skipped
    v = v << 6 | static_cast<std::uint32_t>(at - kSendingBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xff);
    }
  }
  return out;
}

constexpr const char* kSendingSelect =
    "SELECT id, quote_id, quote_number, revision, customer_id, channel, recipient, address, "
    "language, subject, body, filename, status, attempts, last_error, last_error_detail, "
    "created_at, sent_at, printed_at, posted_at, print_batch_id, version, updated_at, "
    "message_id, attempt_started_at, takeover_attempts FROM quote_sendings ";

std::optional<Instant> sending_instant(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return parse_instant(*text);
}

QuoteSending sending_from(const soci::row& r) {
  QuoteSending s;
  s.id = Id<QuoteSending>{int64_at(r, 0)};
  s.quote = Id<domain::Quote>{int64_at(r, 1)};
  s.quote_number = text_at(r, 2);
  s.revision = int_at(r, 3);
  s.customer = int64_at(r, 4);
  s.channel =
      enum_from_code<domain::QuoteChannel>(text_at(r, 5)).value_or(domain::QuoteChannel::email);
  s.recipient = text_at(r, 6);
  s.address = text_at(r, 7);
  s.language = text_at(r, 8);
  s.subject = text_at(r, 9);
  s.body = text_at(r, 10);
  s.filename = text_at(r, 11);
  s.status = enum_from_code<SendingStatus>(text_at(r, 12)).value_or(SendingStatus::queued);
  s.attempts = int_at(r, 13);
  s.last_error = text_at(r, 14);
  s.last_error_detail = text_at(r, 15);
  s.created_at = parse_instant(text_at(r, 16)).value_or(Instant{});
  s.sent_at = sending_instant(optional_text_at(r, 17));
  s.printed_at = sending_instant(optional_text_at(r, 18));
  s.posted_at = sending_instant(optional_text_at(r, 19));
  s.print_batch = optional_int64_at(r, 20);
  s.version = int64_at(r, 21);
  s.updated_at = parse_instant(text_at(r, 22)).value_or(Instant{});
  s.message_id = text_at(r, 23);
  s.attempt_started_at = sending_instant(optional_text_at(r, 24));
  s.takeover_attempts = int_at(r, 25);
  return s;
}

std::vector<QuoteSending> sendings_where(Tx& tx, const std::string& where, long long value,
                                         int limit) {
  std::vector<QuoteSending> out;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string(kSendingSelect) + where + " LIMIT :l", soci::use(value),
       soci::use(limit));
  for (const auto& r : rs) out.push_back(sending_from(r));
  return out;
}

std::optional<std::string> sending_instant_text(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return format_instant(*t);
}

std::string sending_column(Tx& tx, const char* column, Id<QuoteSending> id) {
  std::string value;
  soci::indicator ind = soci::i_null;
  long long sid = id.value;
  tx.sql() << std::string("SELECT ") + column + " FROM quote_sendings WHERE id = :id",
      soci::into(value, ind), soci::use(sid);
  return tx.sql().got_data() && ind == soci::i_ok ? value : std::string();
}

}  // namespace

QuoteSending SendingRepository::insert(Tx& tx, QuoteSending s, const std::string& pdf,
                                       const std::string& document_json, const Actor& actor,
                                       Instant now) {
  const std::string when = format_instant(now), channel(enum_code(s.channel)),
                    status(enum_code(s.status)), encoded = sending_base64(pdf);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), quote = s.quote.value, customer = s.customer, id = 0;
  int revision = s.revision;
  tx.sql() << "INSERT INTO quote_sendings (quote_id, quote_number, revision, customer_id, channel, "
              "recipient, address, language, subject, body, filename, pdf_base64, document_json, "
              "status, created_at, updated_at, updated_by) VALUES (:q, :n, :r, :c, :ch, :rc, :a, "
              ":l, :s, :b, :f, :p, :d, :st, :at, :up, :by) RETURNING id",
      soci::use(quote), soci::use(s.quote_number), soci::use(revision), soci::use(customer),
      soci::use(channel), soci::use(s.recipient), soci::use(s.address), soci::use(s.language),
      soci::use(s.subject), soci::use(s.body), soci::use(s.filename), soci::use(encoded),
      soci::use(document_json), soci::use(status), soci::use(when), soci::use(when),
      soci::use(by, by_ind), soci::into(id);
  s.id = Id<QuoteSending>{id};
  s.created_at = now;
  s.updated_at = now;
  s.version = 1;
  AuditRepository::record(tx, actor, now, "quote_sending", id,
                          {{"quote", std::nullopt, s.quote_number + "/" + std::to_string(revision)},
                           {"channel", std::nullopt, channel},
                           {"recipient", std::nullopt, s.recipient},
                           {"status", std::nullopt, status}});
  return s;
}

Result<QuoteSending> SendingRepository::find(Tx& tx, Id<QuoteSending> id) {
  auto found = sendings_where(tx, "WHERE id = :id", id.value, 1);
  if (found.empty()) return Error::not_found("sending.not_found");
  return std::move(found.front());
}

std::string SendingRepository::pdf_of(Tx& tx, Id<QuoteSending> id) {
  return sending_unbase64(sending_column(tx, "pdf_base64", id));
}

std::string SendingRepository::document_json_of(Tx& tx, Id<QuoteSending> id) {
  return sending_column(tx, "document_json", id);
}

std::vector<QuoteSending> SendingRepository::of_quote(Tx& tx, Id<domain::Quote> quote) {
  return sendings_where(tx, "WHERE quote_id = :q ORDER BY id DESC", quote.value, 200);
}

std::vector<QuoteSending> SendingRepository::of_customer(Tx& tx, std::int64_t customer, int limit) {
  return sendings_where(tx, "WHERE customer_id = :c ORDER BY id DESC", customer, limit);
}

Result<Version> SendingRepository::save(Tx& tx, QuoteSending& s, const QuoteSending& before,
                                        const Actor& actor, Instant now) {
  const std::string when = format_instant(now), status(enum_code(s.status));
  auto sent = sending_instant_text(s.sent_at), printed = sending_instant_text(s.printed_at),
       posted = sending_instant_text(s.posted_at);
  soci::indicator sent_ind = sent ? soci::i_ok : soci::i_null,
                  printed_ind = printed ? soci::i_ok : soci::i_null,
                  posted_ind = posted ? soci::i_ok : soci::i_null,
                  batch_ind = s.print_batch ? soci::i_ok : soci::i_null, by_ind;
  std::string sent_text = sent.value_or(""), printed_text = printed.value_or(""),
              posted_text = posted.value_or("");
  long long batch = s.print_batch.value_or(0), by = actor_id(actor, by_ind), id = s.id.value,
            version = s.version;
  int attempts = s.attempts, takeover_attempts = s.takeover_attempts;
  auto attempt = sending_instant_text(s.attempt_started_at);
  soci::indicator attempt_ind = attempt ? soci::i_ok : soci::i_null;
  std::string attempt_text = attempt.value_or("");
  soci::statement st =
      (tx.sql().prepare << "UPDATE quote_sendings SET status = :st, attempts = :a, last_error = "
                           ":e, last_error_detail = :ed, recipient = :rc, address = :ad, sent_at = "
                           ":sa, printed_at = :pa, "
                           "posted_at = :po, print_batch_id = :b, message_id = :mi, "
                           "attempt_started_at = :as, takeover_attempts = :ta, "
                           "version = version + 1, "
                           "updated_at = :up, updated_by = :by WHERE id = :id AND version = :v",
       soci::use(status), soci::use(attempts), soci::use(s.last_error),
       soci::use(s.last_error_detail), soci::use(s.recipient), soci::use(s.address),
       soci::use(sent_text, sent_ind), soci::use(printed_text, printed_ind),
       soci::use(posted_text, posted_ind), soci::use(batch, batch_ind), soci::use(s.message_id),
       soci::use(attempt_text, attempt_ind), soci::use(takeover_attempts), soci::use(when),
       soci::use(by, by_ind), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "quote_sendings", id);
  std::vector<FieldChange> changes;
  note_change(changes, "status", std::string(enum_code(before.status)), status);
  note_change(changes, "attempts", std::to_string(before.attempts), std::to_string(attempts));
  note_change(changes, "last_error", before.last_error, s.last_error);
  note_change(changes, "recipient", before.recipient, s.recipient);
  note_change(changes, "takeover_attempts", std::to_string(before.takeover_attempts),
              std::to_string(takeover_attempts));
  if (!changes.empty()) AuditRepository::record(tx, actor, now, "quote_sending", id, changes);
  s.version = version + 1;
  s.updated_at = now;
  return s.version;
}

std::vector<QuoteSending> SendingRepository::unposted_letters(Tx& tx, int limit) {
  std::vector<QuoteSending> out;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string(kSendingSelect) +
                               "WHERE channel = 'letter' AND status IN ('queued', 'printed') "
                               "ORDER BY id LIMIT :l",
       soci::use(limit));
  for (const auto& r : rs) out.push_back(sending_from(r));
  return out;
}

std::vector<QuoteSending> SendingRepository::of_print_batch(Tx& tx, std::int64_t batch) {
  return sendings_where(tx, "WHERE print_batch_id = :b ORDER BY id", batch, 1000);
}

std::int64_t SendingRepository::new_print_batch(Tx& tx, const Actor& actor, Instant now) {
  const std::string when = format_instant(now);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = 0;
  tx.sql() << "INSERT INTO print_batches (printed_at, printed_by) VALUES (:at, :by) RETURNING id",
      soci::use(when), soci::use(by, by_ind), soci::into(id);
  return id;
}

}  // namespace rapport::store
