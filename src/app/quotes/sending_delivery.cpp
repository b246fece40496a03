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

void log_quote_sending(store::Tx& tx, const QuoteSending& s, const store::Actor& who, Instant now) {
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
  if (!s.last_error.empty() && s.status == SendingStatus::failed) i.outcome += ": " + s.last_error;
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
  const store::Actor who = system_actor("rapport");
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
    delivery::MailMessage m;
    m.from = settings.smtp_sender;
    m.from_name = settings.company_name;
    m.to = s.address;
    m.subject = s.subject;
    m.text = s.body;
    m.language = s.language;
    m.attachments.push_back({s.filename, "application/pdf", std::move(pdf)});
    delivery::MailServer server{settings.smtp_host, settings.smtp_port};
    auto sent = delivery::send_mail(server, m, clock.now());
    // A refusal is final; a server down or slow is tried again, a few times.
    const bool last = sent || sent.error().code != ErrorCode::unavailable ||
                      attempt >= domain::kMaxSendAttempts || cancelled();
    if (!sent)
      spdlog::warn("quote sending {} to {}: attempt {} failed: {} {}", id.value, s.address, attempt,
                   sent.error().key, sent.error().detail);
    const Instant now = clock.now();
    auto saved = db.write([&](store::Tx& tx) -> Result<QuoteSending> {
      auto current = store::SendingRepository::find(tx, id);
      if (!current) return current.error();
      if (current->status != SendingStatus::queued) return std::move(*current);
      const QuoteSending before = *current;
      current->attempts += 1;
      if (sent) {
        current->status = SendingStatus::sent;
        current->sent_at = now;
        current->last_error.clear();
        current->last_error_detail.clear();
      } else {
        current->last_error = sent.error().key;
        current->last_error_detail = sent.error().detail;
        if (last) current->status = SendingStatus::failed;
      }
      if (auto ok = store::SendingRepository::save(tx, *current, before, who, now); !ok)
        return ok.error();
      if (current->status != SendingStatus::queued) log_quote_sending(tx, *current, who, now);
      return std::move(*current);
    });
    if (!saved || saved->status != SendingStatus::queued) return saved;
    sending_backoff(domain::kFirstSendBackoffMs << (attempt - 1), cancelled);
  }
}

}  // namespace rapport::app
