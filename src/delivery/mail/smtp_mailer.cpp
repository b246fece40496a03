#include "delivery/mail/smtp_mailer.h"

#include <array>
#include <cstdio>
#include <cstring>
#include <mutex>

#include <curl/curl.h>
#include <date/date.h>
#include <sodium.h>

namespace rapport::delivery {
namespace {

void smtp_init_curl() {
  static std::once_flag initialised;
  std::call_once(initialised, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string smtp_base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// A header's value on one line: line breaks (which would start another
// header) become spaces.
std::string smtp_one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '\r' || c == '\n') c = ' ';
  return out;
}

// An address fit for the envelope and the headers: no space, control
// character or angle bracket, one @ with something on each side.
bool smtp_plain_address(std::string_view address) {
  if (address.empty() || address.size() > 254) return false;
  for (unsigned char c : address)
    if (c <= ' ' || c == '<' || c == '>' || c == 0x7f) return false;
  auto at = address.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < address.size() &&
         address.find('@', at + 1) == std::string_view::npos;
}

std::string smtp_display_name(std::string_view name) {
  const std::string encoded = encode_header_words(smtp_one_line(name));
  if (encoded.rfind("=?", 0) == 0) return encoded;
  std::string quoted = "\"";
  for (char c : encoded) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string smtp_message_id(std::string_view from, Instant now) {
  std::array<unsigned char, 12> random{};
  randombytes_buf(random.data(), random.size());
  std::string hex(random.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
  hex.pop_back();
  return "<" + std::to_string(now.time_since_epoch().count()) + "." + hex + "@" +
         std::string(from.substr(from.find('@') + 1)) + ">";
}

// LF → CRLF, as SMTP wants its lines (and curl's quoted-printable encoder
// keeps only CRLF as a line break).
std::string smtp_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

std::string smtp_ascii_filename(std::string_view name) {
  std::string out;
  for (unsigned char c : name)
    out +=
        (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '/') ? '_' : static_cast<char>(c);
  return out.empty() ? "attachment" : out;
}

struct SmtpCurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
  void operator()(curl_mime* m) const { curl_mime_free(m); }
};

Error smtp_error(ErrorCode code, std::string key, MessageArgs args, std::string field,
                 std::string detail) {
  return {code, std::move(key), std::move(args), std::move(field), std::move(detail)};
}

}  // namespace

std::string encode_header_words(std::string_view text) {
  bool plain = text.find("=?") == std::string_view::npos;
  for (unsigned char c : text)
    if (c < 0x20 || c >= 0x7f) plain = false;
  if (plain) return std::string(text);
  // 45 bytes make 60 base64 characters: "=?UTF-8?B?" + 60 + "?=" is 72.
  constexpr std::size_t kChunk = 45;
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.size(), start + kChunk);
    // A character's bytes stay in one word: back off continuation bytes.
    while (end < text.size() && end > start + 1 &&
           (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    if (!out.empty()) out += ' ';
    out += "=?UTF-8?B?" + smtp_base64(text.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string mail_date(Instant t) {
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd(day);
  const date::hh_mm_ss time(t - day);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%s, %02u %s %04d %02d:%02d:%02d +0000",
                kDays[date::weekday(day).c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buffer;
}

Result<SentMail> send_mail(const MailServer& server, const MailMessage& message, Instant now) {
  const std::string where = server.host + ":" + std::to_string(server.port);
  if (!smtp_plain_address(message.to))
    return Error::invalid("mail.recipient_refused", "to", {{"address", message.to}});
  if (!smtp_plain_address(message.from))
    return Error::invalid("mail.sender_refused", "from", {{"address", message.from}});
  smtp_init_curl();
  std::unique_ptr<CURL, SmtpCurlFree> curl(curl_easy_init());
  if (!curl) return Error::internal("curl_easy_init failed");

  SentMail sent{message.message_id.empty() ? smtp_message_id(message.from, now)
                                           : smtp_one_line(message.message_id)};
  std::unique_ptr<curl_slist, SmtpCurlFree> headers;
  auto header = [&headers](const std::string& line) {
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  };
  header("Date: " + mail_date(now));
  header("From: " + (message.from_name.empty()
                         ? message.from
                         : smtp_display_name(message.from_name) + " <" + message.from + ">"));
  header("To: " + message.to);
  header("Subject: " + encode_header_words(smtp_one_line(message.subject)));
  header("Message-ID: " + sent.message_id);
  if (!message.language.empty()) header("Content-Language: " + smtp_one_line(message.language));

  std::unique_ptr<curl_mime, SmtpCurlFree> mime(curl_mime_init(curl.get()));
  curl_mimepart* body = curl_mime_addpart(mime.get());
  const std::string text = smtp_crlf(message.text);
  curl_mime_data(body, text.data(), text.size());
  curl_mime_type(body, "text/plain; charset=UTF-8");
  curl_mime_encoder(body, "quoted-printable");
  for (const auto& a : message.attachments) {
    curl_mimepart* part = curl_mime_addpart(mime.get());
    curl_mime_data(part, a.data.data(), a.data.size());
    curl_mime_type(part, smtp_one_line(a.content_type).c_str());
    curl_mime_filename(part, smtp_ascii_filename(a.filename).c_str());
    curl_mime_encoder(part, "base64");
  }

  std::unique_ptr<curl_slist, SmtpCurlFree> recipients(
      curl_slist_append(nullptr, ("<" + message.to + ">").c_str()));
  const std::string host =
      server.host.find(':') != std::string::npos ? "[" + server.host + "]" : server.host;
  const std::string url =
      (server.port == 465 ? "smtps://" : "smtp://") + host + ":" + std::to_string(server.port);
  const std::string envelope_from = "<" + message.from + ">";
  char error_text[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_USE_SSL, server.require_tls ? CURLUSESSL_ALL : CURLUSESSL_NONE);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(server.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(server.timeout.count()));
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, envelope_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);
  const CURLcode code = curl_easy_perform(c);
  if (code == CURLE_OK) return sent;

  long reply = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
  std::string detail = "SMTP " + where + ": " + curl_easy_strerror(code);
  if (error_text[0]) detail += std::string(" (") + error_text + ")";
  if (reply) detail += ", reply " + std::to_string(reply);
  const std::string_view said(error_text);
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
      return smtp_error(ErrorCode::unavailable, "mail.unreachable", {{"server", where}}, {},
                        detail);
    case CURLE_OPERATION_TIMEDOUT:
      return smtp_error(ErrorCode::unavailable, "mail.timeout", {{"server", where}}, {}, detail);
    default:
      break;
  }
  if (said.rfind("RCPT", 0) == 0)
    return smtp_error(ErrorCode::invalid_input, "mail.recipient_refused", {{"address", message.to}},
                      "to", detail);
  if (said.rfind("MAIL", 0) == 0)
    return smtp_error(ErrorCode::invalid_input, "mail.sender_refused", {{"address", message.from}},
                      "from", detail);
  return smtp_error(ErrorCode::unavailable, "mail.failed", {{"server", where}}, {}, detail);
}

std::string new_message_id(std::string_view from, Instant now) {
  return smtp_message_id(from, now);
}

}  // namespace rapport::delivery
