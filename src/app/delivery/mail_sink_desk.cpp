#include "app/delivery/mail_sink_desk.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "app/access.h"

namespace rapport::app {
namespace {

namespace fs = std::filesystem;

// A folder name the sink writes: digits, letters, '-'; never a path.
bool sink_id_valid(std::string_view id) {
  return !id.empty() && id.size() <= 64 && id.front() != '.' &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                  c == '-';
         });
}

std::optional<std::string> sink_read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string sink_string(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string())
                                                  : std::string();
}

// The message of one folder; nullopt when its summary is missing or broken.
std::optional<SinkMessage> sink_message(const fs::path& dir, bool with_text) {
  auto text = sink_read_file(dir / "summary.json");
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  auto value = boost::json::parse(*text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const auto& o = value.as_object();
  SinkMessage m;
  m.id = dir.filename().string();
  m.received = sink_string(o, "received");
  m.from = sink_string(o, "from");
  m.to = sink_string(o, "to");
  m.subject = sink_string(o, "subject");
  m.language = sink_string(o, "language");
  if (with_text) m.text = sink_string(o, "text");
  if (auto* to = o.if_contains("envelope_to"); to && to->is_array())
    for (const auto& r : to->as_array())
      if (r.is_string()) m.recipients.emplace_back(r.as_string());
  if (auto* list = o.if_contains("attachments"); list && list->is_array())
    for (const auto& a : list->as_array()) {
      if (!a.is_object()) continue;
      const auto& ao = a.as_object();
      SinkAttachment att{sink_string(ao, "filename"), sink_string(ao, "content_type"), 0};
      if (auto* size = ao.if_contains("size"); size && size->is_int64())
        att.size = size->as_int64();
      m.attachments.push_back(std::move(att));
    }
  return m;
}

}  // namespace

Result<std::vector<SinkMessage>> MailSinkDesk::list(const domain::User& actor,
                                                    std::size_t limit) const {
  if (auto ok = require(actor, Capability::manage_settings); !ok) return ok.error();
  std::vector<SinkMessage> out;
  if (!configured()) return out;
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder_, ec)) {
    const std::string name = entry.path().filename().string();
    if (sink_id_valid(name) && entry.is_directory(ec)) ids.push_back(name);
  }
  // Names start with the time received: newest first is the reverse order
  // (the counter after the time breaks ties within a microsecond).
  std::sort(ids.begin(), ids.end(), std::greater<>());
  for (const auto& id : ids) {
    if (out.size() >= limit) break;
    if (auto m = sink_message(fs::path(folder_) / id, false)) out.push_back(std::move(*m));
  }
  return out;
}

Result<SinkMessage> MailSinkDesk::get(const domain::User& actor, std::string_view id) const {
  if (auto ok = require(actor, Capability::manage_settings); !ok) return ok.error();
  if (!configured() || !sink_id_valid(id)) return Error::not_found();
  auto m = sink_message(fs::path(folder_) / std::string(id), true);
  if (!m) return Error::not_found();
  return std::move(*m);
}

Result<SinkFile> MailSinkDesk::attachment(const domain::User& actor, std::string_view id,
                                          int n) const {
  auto m = get(actor, id);
  if (!m) return m.error();
  if (n < 1 || static_cast<std::size_t>(n) > m->attachments.size()) return Error::not_found();
  auto bytes =
      sink_read_file(fs::path(folder_) / std::string(id) / "attachments" / std::to_string(n));
  if (!bytes) return Error::not_found();
  const auto& a = m->attachments[static_cast<std::size_t>(n) - 1];
  return SinkFile{a.filename, a.content_type, std::move(*bytes)};
}

}  // namespace rapport::app
