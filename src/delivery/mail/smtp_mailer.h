// delivery/mail/smtp_mailer.h: an e-mail with attachments sent through an
// SMTP server (libcurl).
//
// The message is UTF-8: its subject and the sender's name are encoded per
// RFC 2047, the text body as quoted-printable, attachments in base64. The
// server, port and sender come from the installation settings (smtp_host,
// smtp_port, smtp_sender). A failure is returned, never thrown.
//
//   delivery::MailServer server{settings.smtp_host, settings.smtp_port};
//   delivery::MailMessage m{.from = settings.smtp_sender, .to = "ana@example.com", …};
//   auto sent = delivery::send_mail(server, m, clock.now());
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace rapport::delivery {

struct MailServer {
  std::string host = "localhost";
  int port = 25;  // 465: TLS from the start (smtps); else plain, or STARTTLS with require_tls
  bool require_tls = false;  // refuse to send unless the server agrees to STARTTLS
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds timeout{60'000};  // the whole sending
};

struct MailAttachment {
  std::string filename;  // "Q-000012-2.pdf"; characters outside ASCII become '_'
  std::string content_type = "application/pdf";
  std::string data;  // the bytes
};

struct MailMessage {
  std::string from;       // the envelope's and the From header's address
  std::string from_name;  // shown beside it ("Télécom Éole"); may be empty
  std::string to;         // one recipient
  std::string subject;    // UTF-8
  std::string text;       // UTF-8 plain text
  std::string language;   // Content-Language ("fr"); may be empty
  std::vector<MailAttachment> attachments;
  // The Message-ID header ("<…@domain>"); empty: a new one (new_message_id).
  // A message sent again carries the first one's, so that the recipient's
  // mail system can recognise the duplicate.
  std::string message_id;
};

struct SentMail {
  std::string message_id;  // "<…@domain>", as in the Message-ID header
};

// Sends `message`, dated `now`. Errors (each with the technical detail for
// the log):
//   unavailable "mail.unreachable" {server}: nothing answers at host:port, or
//     the name is unknown;
//   unavailable "mail.timeout" {server}: no answer within the timeouts;
//   invalid_input "mail.recipient_refused" {address}, field "to";
//   invalid_input "mail.sender_refused" {address}, field "from";
//   unavailable "mail.failed" {server}: any other refusal or failure.
Result<SentMail> send_mail(const MailServer& server, const MailMessage& message, Instant now);

// A new, unique Message-ID for a message from `from`, dated `now`:
// "<time.random@domain of from>".
std::string new_message_id(std::string_view from, Instant now);

// "=?UTF-8?B?…?=" words of at most 75 characters for a header's text when it
// has a character outside printable ASCII; else the text itself.
std::string encode_header_words(std::string_view text);

// "Sat, 05 Dec 2026 17:45:02 +0000" (RFC 5322).
std::string mail_date(Instant t);

}  // namespace rapport::delivery
