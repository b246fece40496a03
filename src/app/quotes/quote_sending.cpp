#include "app/quotes/quote_sending.h"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "app/access.h"
#include "app/field_errors.h"
#include "app/quotes/quote_desk.h"
#include "app/quotes/quote_document.h"
#include "app/quotes/sending_delivery.h"
#include "delivery/fax/fax_gateway.h"
#include "delivery/pdf/letters_pdf.h"
#include "delivery/pdf/quote_pdf.h"
#include "i18n/format.h"
#include "store/quotes/quote_repository.h"
#include "store/quotes/sending_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {
namespace {

using domain::QuoteChannel;
using domain::QuoteSending;
using domain::SendingStatus;

// Where the quote goes by `channel`: the e-mail address (the quote's
// contact's, else the customer's first) or the fax number, and the address
// the mail is sent to; a letter goes to the customer's postal address.
Status find_recipient(const QuoteView& v, QuoteChannel channel,
                      const domain::InstallationSettings& settings, QuoteSending& s) {
  switch (channel) {
    case QuoteChannel::email:
      if (v.contact && !v.contact->email.empty())
        s.recipient = v.contact->email;
      else if (!v.customer.emails.empty() && !v.customer.emails.front().empty())
        s.recipient = v.customer.emails.front();
      else
        return Error::invalid("quote.no_email", "channel");
      s.address = s.recipient;
      return Ok{};
    case QuoteChannel::fax: {
      for (const auto& p : v.customer.phones)
        if (p.type == domain::PhoneType::fax && (s.recipient.empty() || p.primary))
          s.recipient = p.e164;
      if (s.recipient.empty()) return Error::invalid("quote.no_fax", "channel");
      auto gateway =
          delivery::fax_gateway_address(s.recipient, settings.fax_gateway_domain, settings.country);
      if (!gateway) return gateway.error();
      s.address = *gateway;
      return Ok{};
    }
    case QuoteChannel::letter:
      s.recipient = v.customer.display_name();
      return Ok{};
    case QuoteChannel::other:
    case QuoteChannel::web:
      break;
  }
  return Error::invalid("sending.channel_invalid", "channel");
}

// The message's subject and text in the customer's language.
void compose_message(const QuoteView& v, const domain::InstallationSettings& settings,
                     const i18n::Catalog& catalog, QuoteSending& s) {
  const Language lang = v.customer.language;
  const auto& q = v.quote;
  const std::string total = is_known_currency(q.currency)
                                ? i18n::format_money(lang, Money{v.totals.gross, q.currency})
                                : std::to_string(v.totals.gross) + " " + q.currency;
  MessageArgs args{{"number", q.number},
                   {"revision", std::to_string(q.revision)},
                   {"company", settings.company_name},
                   {"name", v.contact ? v.contact->given_name + " " + v.contact->family_name
                                      : v.customer.display_name()},
                   {"total", total},
                   {"date", i18n::format_civil_date(lang, q.valid_until)}};
  s.language = std::string(code(lang));
  s.subject = catalog.text(lang, "quote.mail.subject", args);
  s.body = catalog.text(lang, "quote.mail.greeting", args) + "\n\n" +
           catalog.text(lang, "quote.mail.text", args) + "\n\n" +
           catalog.text(lang, "quote.mail.closing", args) + "\n" + settings.company_name + "\n";
  s.filename = quote_file_name(q);
}

}  // namespace

Result<QuoteChannel> QuoteSendingDesk::default_channel(const domain::User& actor,
                                                       Id<domain::Quote> id) {
  auto v = QuoteDesk(db_, clock_).view(actor, id);
  if (!v) return v.error();
  const auto& c = v->customer;
  if ((v->contact && !v->contact->email.empty()) || (!c.emails.empty() && !c.emails[0].empty()))
    return QuoteChannel::email;
  for (const auto& p : c.phones)
    if (p.type == domain::PhoneType::fax) return QuoteChannel::fax;
  return QuoteChannel::letter;
}

// Everything a sending needs, checked and made outside the transaction
// (the PDF takes tens of milliseconds): the quote at `version` sendable
// and verified, the recipient, the message, the document and its PDF.
Result<QuoteSending> QuoteSendingDesk::prepare(const domain::User& actor, Id<domain::Quote> id,
                                               Version version, QuoteChannel channel,
                                               std::string& pdf, std::string& document_json,
                                               FieldErrors* errors_out) {
  QuoteDesk quotes(db_, clock_);
  auto v = quotes.view(actor, id);
  if (!v) return v.error();
  if (v->quote.version != version)
    return db_.read([&](store::Tx& tx) -> Result<QuoteSending> {
      return stale_record_error(tx, "quotes", id.value);
    });
  if (channel == QuoteChannel::other || channel == QuoteChannel::web)
    return refuse_fields({{Error::invalid("sending.channel_invalid", "channel")}}, errors_out);
  domain::Quote probe = v->quote;
  if (auto ok = domain::mark_sent(probe, channel, clock_.now()); !ok) return ok.error();
  auto problems = quotes.verify(actor, id);
  if (!problems) return problems.error();
  if (!problems->empty()) return refuse_fields(std::move(*problems), errors_out);
  auto loaded = db_.read([](store::Tx& tx) -> Result<domain::InstallationSettings> {
    return store::SettingsRepository::load(tx);
  });
  if (!loaded) return loaded.error();
  const auto& settings = *loaded;
  QuoteSending s;
  if (auto ok = find_recipient(*v, channel, settings, s); !ok)
    return refuse_fields({{ok.error()}}, errors_out);
  s.quote = id;
  s.quote_number = v->quote.number;
  s.revision = v->quote.revision;
  s.customer = v->quote.customer;
  s.channel = channel;
  compose_message(*v, settings, catalog_, s);
  const auto document = quote_document_of(*v, settings, catalog_);
  auto rendered = delivery::render_quote_pdf(document);
  if (!rendered) return rendered.error();
  pdf = std::move(*rendered);
  document_json = quote_document_json(document);
  return s;
}

Result<QuoteSending> QuoteSendingDesk::send(const domain::User& actor, Id<domain::Quote> id,
                                            Version version, QuoteChannel channel,
                                            FieldErrors* errors_out) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  std::string pdf, document_json;
  auto prepared = prepare(actor, id, version, channel, pdf, document_json, errors_out);
  if (!prepared) return prepared.error();
  const QuoteSending& s = *prepared;
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  auto stored = db_.write([&](store::Tx& tx) -> Result<QuoteSending> {
    auto quote = store::QuoteRepository::find(tx, id);
    if (!quote) return quote.error();
    if (quote->version != version) return stale_record_error(tx, "quotes", id.value);
    const domain::Quote before = *quote;
    if (auto ok = domain::mark_sent(*quote, channel, now); !ok) return ok.error();
    if (auto saved = store::QuoteRepository::save(tx, *quote, before, who, now); !saved)
      return saved.error();
    auto sending = store::SendingRepository::insert(tx, s, pdf, document_json, who, now);
    log_quote_sending(tx, sending, who, now);
    return sending;
  });
  if (!stored) return stored.error();
  if (auto started = start_delivery(actor, *stored); !started) return started.error();
  return stored;
}

// E-mails and faxes go out through a job; a job that cannot start leaves
// the sending failed with the reason, to be retried.
Status QuoteSendingDesk::start_delivery(const domain::User& actor, const QuoteSending& s) {
  if (s.channel == QuoteChannel::letter) return Ok{};
  const std::string params = boost::json::serialize(boost::json::object{{"sending", s.id.value}});
  auto job = jobs_.start(actor, "quote_sending", params, "");
  if (job) return Ok{};
  spdlog::error("quote sending {}: the delivery job did not start: {} {}", s.id.value,
                job.error().key, job.error().detail);
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Status {
    auto current = store::SendingRepository::find(tx, s.id);
    if (!current) return current.error();
    const QuoteSending before = *current;
    current->status = SendingStatus::failed;
    current->last_error = job.error().key;
    current->last_error_detail = job.error().detail;
    if (auto saved = store::SendingRepository::save(tx, *current, before, actor_of(actor), now);
        !saved)
      return saved.error();
    return Ok{};
  });
}

bool QuoteSendingDesk::may_retry(const domain::User& actor, const QuoteSending& s) const {
  return allowed(actor, Capability::take_orders) && domain::may_retry(s, clock_.now());
}

Result<QuoteSending> QuoteSendingDesk::retry(const domain::User& actor, Id<QuoteSending> id,
                                             Version version) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  auto current = find(actor, id);
  if (!current) return current.error();
  if (!domain::may_retry(*current, clock_.now())) return Error::invalid("sending.not_retryable");
  // The address is read again: a retry after the customer's e-mail or fax
  // number was corrected goes to the corrected one, with the same document.
  auto v = QuoteDesk(db_, clock_).view(actor, current->quote);
  if (!v) return v.error();
  auto settings = db_.read([](store::Tx& tx) -> Result<domain::InstallationSettings> {
    return store::SettingsRepository::load(tx);
  });
  if (!settings) return settings.error();
  QuoteSending target;
  if (auto ok = find_recipient(*v, current->channel, *settings, target); !ok) return ok.error();
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  auto queued = db_.write([&](store::Tx& tx) -> Result<QuoteSending> {
    auto s = store::SendingRepository::find(tx, id);
    if (!s) return s.error();
    if (s->version != version) return stale_record_error(tx, "quote_sendings", id.value);
    if (!domain::may_retry(*s, now)) return Error::invalid("sending.not_retryable");
    const QuoteSending before = *s;
    s->status = SendingStatus::queued;
    s->recipient = target.recipient;
    s->address = target.address;
    if (auto saved = store::SendingRepository::save(tx, *s, before, who, now); !saved)
      return saved.error();
    log_quote_sending(tx, *s, who, now);
    return std::move(*s);
  });
  if (!queued) return queued.error();
  if (auto started = start_delivery(actor, *queued); !started) return started.error();
  return queued;
}

Result<QuoteSending> QuoteSendingDesk::find(const domain::User& actor, Id<QuoteSending> id) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) { return store::SendingRepository::find(tx, id); });
}

Result<std::string> QuoteSendingDesk::pdf(const domain::User& actor, Id<QuoteSending> id) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::string> {
    if (auto s = store::SendingRepository::find(tx, id); !s) return s.error();
    return store::SendingRepository::pdf_of(tx, id);
  });
}

Result<std::vector<QuoteSending>> QuoteSendingDesk::of_quote(const domain::User& actor,
                                                             Id<domain::Quote> id) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<QuoteSending>> {
    if (auto q = store::QuoteRepository::find(tx, id); !q) return q.error();
    return store::SendingRepository::of_quote(tx, id);
  });
}

Result<std::vector<QuoteSending>> QuoteSendingDesk::of_customer(const domain::User& actor,
                                                                std::int64_t customer) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<QuoteSending>> {
    return store::SendingRepository::of_customer(tx, customer);
  });
}

domain::InstallationSettings QuoteSendingDesk::mail_settings() {
  auto loaded = db_.read([](store::Tx& tx) -> Result<domain::InstallationSettings> {
    return store::SettingsRepository::load(tx);
  });
  return loaded ? *loaded : domain::InstallationSettings{};
}

Result<std::vector<QuoteSending>> QuoteSendingDesk::print_queue(const domain::User& actor) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<QuoteSending>> {
    return store::SendingRepository::unposted_letters(tx);
  });
}

Result<std::string> QuoteSendingDesk::letters_pdf(store::Tx& tx, const domain::User& actor,
                                                  const std::vector<QuoteSending>& letters,
                                                  std::int64_t batch) {
  std::vector<delivery::QuoteDocument> documents;
  for (const auto& letter : letters) {
    auto document =
        quote_document_from_json(store::SendingRepository::document_json_of(tx, letter.id));
    if (!document) return document.error();
    documents.push_back(std::move(*document));
  }
  return delivery::render_letters_pdf(
      documents,
      catalog_.text(actor.language, "sending.letters_title", {{"batch", std::to_string(batch)}}));
}

Result<PrintedLetters> QuoteSendingDesk::print_all(const domain::User& actor) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  return db_.write([&](store::Tx& tx) -> Result<PrintedLetters> {
    PrintedLetters out;
    auto letters = store::SendingRepository::unposted_letters(tx);
    if (letters.empty()) return Error::invalid("sending.queue_empty");
    out.batch = store::SendingRepository::new_print_batch(tx, who, now);
    auto pdf = letters_pdf(tx, actor, letters, out.batch);
    if (!pdf) return pdf.error();
    out.pdf = std::move(*pdf);
    for (auto& letter : letters) {
      const QuoteSending before = letter;
      letter.status = SendingStatus::printed;
      letter.printed_at = now;
      letter.print_batch = out.batch;
      if (auto saved = store::SendingRepository::save(tx, letter, before, who, now); !saved)
        return saved.error();
    }
    out.letters = std::move(letters);
    return out;
  });
}

Result<PrintedLetters> QuoteSendingDesk::batch_letters(const domain::User& actor,
                                                       std::int64_t batch) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<PrintedLetters> {
    PrintedLetters out;
    out.batch = batch;
    out.letters = store::SendingRepository::of_print_batch(tx, batch);
    if (out.letters.empty()) return Error::not_found("sending.batch_unknown");
    auto pdf = letters_pdf(tx, actor, out.letters, batch);
    if (!pdf) return pdf.error();
    out.pdf = std::move(*pdf);
    return out;
  });
}

Result<int> QuoteSendingDesk::mark_posted(const domain::User& actor, std::int64_t batch) {
  if (auto ok = require(actor, Capability::take_orders); !ok) return ok.error();
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  return db_.write([&](store::Tx& tx) -> Result<int> {
    int posted = 0;
    for (auto& letter : store::SendingRepository::unposted_letters(tx)) {
      if (letter.status != SendingStatus::printed || letter.print_batch != batch) continue;
      const QuoteSending before = letter;
      letter.status = SendingStatus::posted;
      letter.posted_at = now;
      if (auto saved = store::SendingRepository::save(tx, letter, before, who, now); !saved)
        return saved.error();
      log_quote_sending(tx, letter, who, now);
      ++posted;
    }
    if (posted == 0) return Error::invalid("sending.batch_unknown", "batch");
    return posted;
  });
}

}  // namespace rapport::app
