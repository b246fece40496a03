#include "app/quotes/sending_delivery.h"

#include <chrono>
#include <thread>

#include <spdlog/spdlog.h>

#include "app/access.h"
#include "delivery/mail/smtp_mailer.h"
#include "store/customers/interaction_repository.h"
#include "store/quotes/sending_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {

using domain::QuoteChannel;
using domain::QuoteSending;
using domain::SendingStatus;

void log_quote_sending(store::Tx& tx, const QuoteSending& s, const store::Actor& who, Instant now,
                       const std::string& note) {
  domain::Interaction i;
  i.customer = Id<domain::Customer>{s.customer};
  i.at = now;
  i.user_name = who.name;
  i.channel = s.channel == QuoteChannel::email ? domain::InteractionChannel::email
              : s.channel == QuoteChannel::fax ? domain::InteractionChannel::fax
                                               : domain::InteractionChannel::letter;
  i.direction = domain::InteractionDirection::outbound;
  i.summary = s.filename;  // the quote's number and revision: "Q-000012-2.pdf"
  if (!s.recipient.empty()) i.summary += " → " + s.recipient;
  i.outcome = std::string(enum_code(s.status));
  if (!note.empty())
    i.outcome += ": " + note;
  else if (!s.last_error.empty() && s.status == SendingStatus::failed)
    i.outcome += ": " + s.last_error;
  i.related_type = "quote";
  i.related_id = s.quote.value;
  store::InteractionRepository::insert(tx, i, who);
}

std::optional<Error> last_error_of(const QuoteSending& s,
                                   const domain::InstallationSettings& settings) {
  if (s.last_error.empty()) return std::nullopt;
  const bool sender = s.last_error == "mail.sender_refused";
  Error e =
      Error::invalid(s.last_error, "",
                     {{"server", settings.smtp_host + ":" + std::to_string(settings.smtp_port)},
                      {"address", sender ? settings.smtp_sender : s.address}});
  e.detail = s.last_error_detail;
  return e;
}

namespace {

// The history's word for an attempt made after a takeover.
constexpr const char* kAttemptAfterTakeover = "sending.attempt_after_takeover";
// The error of a delivery stopped before its exchange (a cancel).
constexpr const char* kDeliveryCancelled = "job.cancelled";

// Waits `ms`, in short slices so a cancel is seen within 50 ms.
void sending_backoff(int ms, const std::function<bool()>& cancelled) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < until && !cancelled())
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

}  // namespace

Result<QuoteSending> deliver_quote_sending(store::Database& db, const Clock& clock,
                                           Id<QuoteSending> id,
                                           const std::function<bool()>& cancelled) {
  DeliveryHooks hooks;
  hooks.cancelled = cancelled;
  return deliver_quote_sending(db, clock, id, hooks);
}

Result<QuoteSending> deliver_quote_sending(store::Database& db, const Clock& clock,
                                           Id<QuoteSending> id, const DeliveryHooks& hooks) {
  const store::Actor who = system_actor("rapport");
  auto cancelled = [&hooks] { return hooks.cancelled && hooks.cancelled(); };
  auto guard = [&hooks](store::Tx& tx) -> Status { return hooks.guard ? hooks.guard(tx) : Ok{}; };
  for (int attempt = 1;; ++attempt) {
    QuoteSending s;
    std::string pdf;
    domain::InstallationSettings settings;
    auto loaded = db.read([&](store::Tx& tx) -> Status {
      auto found = store::SendingRepository::find(tx, id);
      if (!found) return found.error();
      s = std::move(*found);
      pdf = store::SendingRepository::pdf_of(tx, id);
      settings = store::SettingsRepository::load(tx);
      return Ok{};
    });
    if (!loaded) return loaded.error();
    if (s.status != SendingStatus::queued || s.channel == QuoteChannel::letter) return s;
    // The attempt is recorded before the exchange. One recorded without an
    // outcome was in flight when the server making it died: whether the
    // message left is unknown. Never sending it again would lose a quote the
    // customer waits for; the rule of mail systems is to send it again under
    // the same Message-ID (RFC 5322 §3.6.4: one message, one identifier),
    // which lets the recipient's system see a duplicate — and the attempt is
    // said on the sending and in the customer's history.
    const Instant started = clock.now();
    auto recorded = db.write([&](store::Tx& tx) -> Result<QuoteSending> {
      auto current = store::SendingRepository::find(tx, id);
      if (!current) return current.error();
      if (current->status != SendingStatus::queued) return std::move(*current);
      const QuoteSending before = *current;
      const bool unknown = current->attempt_started_at.has_value();
      if (current->message_id.empty())
        current->message_id = delivery::new_message_id(settings.smtp_sender, started);
      current->attempt_started_at = started;
      if (unknown) current->takeover_attempts += 1;
      if (auto ok = store::SendingRepository::save(tx, *current, before, who, started); !ok)
        return ok.error();
      if (unknown) log_quote_sending(tx, *current, who, started, kAttemptAfterTakeover);
      if (auto ok = guard(tx); !ok) return ok.error();
      return std::move(*current);
    });
    if (!recorded) return recorded.error();
    if (recorded->status != SendingStatus::queued) return recorded;
    s.message_id = recorded->message_id;
    if (hooks.attempt_recorded) hooks.attempt_recorded();
    // Stopped before the exchange: nothing left; the attempt is cleared.
    const bool stop = cancelled();
    Result<delivery::SentMail> sent = Error::invalid(kDeliveryCancelled);
    if (!stop) {
      delivery::MailMessage m;
      m.from = settings.smtp_sender;
      m.from_name = settings.company_name;
      m.to = s.address;
      m.subject = s.subject;
      m.text = s.body;
      m.language = s.language;
      m.message_id = s.message_id;
      m.attachments.push_back({s.filename, "application/pdf", std::move(pdf)});
      delivery::MailServer server{settings.smtp_host, settings.smtp_port};
      sent = delivery::send_mail(server, m, clock.now());
    }
    // A refusal is final; a server down or slow is tried again, a few times.
    const bool last = sent || sent.error().code != ErrorCode::unavailable ||
                      attempt >= domain::kMaxSendAttempts || cancelled();
    if (!sent && !stop)
      spdlog::warn("quote sending {} to {}: attempt {} failed: {} {}", id.value, s.address, attempt,
                   sent.error().key, sent.error().detail);
    const Instant now = clock.now();
    auto saved = db.write([&](store::Tx& tx) -> Result<QuoteSending> {
      auto current = store::SendingRepository::find(tx, id);
      if (!current) return current.error();
      if (current->status != SendingStatus::queued) return std::move(*current);
      const QuoteSending before = *current;
      current->attempt_started_at.reset();
      if (!stop) current->attempts += 1;
      if (sent) {
        current->status = SendingStatus::sent;
        current->sent_at = now;
        current->last_error.clear();
        current->last_error_detail.clear();
      } else {
        if (!stop || current->last_error.empty()) {
          current->last_error = sent.error().key;
          current->last_error_detail = sent.error().detail;
        }
        if (last) current->status = SendingStatus::failed;
      }
      if (auto ok = store::SendingRepository::save(tx, *current, before, who, now); !ok)
        return ok.error();
      if (current->status != SendingStatus::queued) log_quote_sending(tx, *current, who, now);
      if (auto ok = guard(tx); !ok) return ok.error();
      return std::move(*current);
    });
    if (!saved || saved->status != SendingStatus::queued) return saved;
    sending_backoff(domain::kFirstSendBackoffMs << (attempt - 1), cancelled);
  }
}

}  // namespace rapport::app
