// app/delivery/mail_sink_desk.h: the messages captured by the local SMTP
// sink of `make run` (scripts/mail-sink), for the admin's Sent mail page,
// so a newcomer sees the quote that was "sent".
//
// The sink writes one folder per message (message.eml, summary.json, the
// attachments' bytes); this desk only reads them. The folder is the serve
// command's --mail-sink-dir; without one, no sink is configured.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/users/user.h"

namespace rapport::app {

struct SinkAttachment {
  std::string filename;
  std::string content_type;
  std::int64_t size = 0;
};

struct SinkMessage {
  std::string id;        // the message's folder name: "20261205T174502123456Z-3"
  std::string received;  // ISO 8601 UTC, when the sink received it
  std::string from;      // headers, decoded
  std::string to;
  std::vector<std::string> recipients;  // the envelope's
  std::string subject;
  std::string language;  // Content-Language
  std::string text;      // the plain text body
  std::vector<SinkAttachment> attachments;
};

struct SinkFile {
  std::string filename;
  std::string content_type;
  std::string bytes;
};

class MailSinkDesk {
 public:
  explicit MailSinkDesk(std::string folder) : folder_(std::move(folder)) {}

  bool configured() const { return !folder_.empty(); }
  const std::string& folder() const { return folder_; }

  // Newest first, at most `limit` (without their text). Admins only.
  // Errors: forbidden. No sink, or nothing received yet: none.
  Result<std::vector<SinkMessage>> list(const domain::User& actor, std::size_t limit = 200) const;
  // Errors: forbidden, not_found.
  Result<SinkMessage> get(const domain::User& actor, std::string_view id) const;
  // The n-th attachment (from 1). Errors: forbidden, not_found.
  Result<SinkFile> attachment(const domain::User& actor, std::string_view id, int n) const;

 private:
  std::string folder_;
};

}  // namespace rapport::app
