#include "web/api/paging.h"

#include <charconv>
#include <limits>

#include <sodium.h>

namespace rapport::web::api {
namespace {

// The first key says which shape of cursor this is, so a later release can
// change the keys and still refuse an old cursor cleanly.
constexpr const char* kVersion = "1";
constexpr std::size_t kMaxCursorLength = 512;

Error invalid_cursor() { return Error::invalid("page.cursor_invalid", "cursor"); }

}  // namespace

Result<int> page_limit(const Request& req, int default_size, int max) {
  const auto& text = req.query_value("limit");
  if (text.empty()) return default_size;
  int limit = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
  if (ec != std::errc() || p != text.data() + text.size()) limit = 0;
  if (auto ok = app::check_page_size(limit, max); !ok) return ok.error();
  return limit;
}

std::string encode_cursor(const std::vector<std::string>& keys) {
  std::string raw = kVersion;
  for (const auto& k : keys) raw += "\n" + k;
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

Result<std::vector<std::string>> cursor_keys(const Request& req, std::size_t count) {
  const auto& text = req.query_value("cursor");
  if (text.empty()) return std::vector<std::string>{};
  if (text.size() > kMaxCursorLength) return invalid_cursor();
  std::string raw(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return invalid_cursor();
  raw.resize(length);
  std::vector<std::string> keys;
  std::size_t start = 0;
  while (true) {
    auto end = raw.find('\n', start);
    keys.push_back(raw.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (keys.size() != count + 1 || keys.front() != kVersion) return invalid_cursor();
  keys.erase(keys.begin());
  return keys;
}

std::optional<long long> key_number(const std::string& key, long long minimum, long long maximum) {
  long long v = 0;
  auto [p, ec] = std::from_chars(key.data(), key.data() + key.size(), v);
  if (ec != std::errc() || p != key.data() + key.size() || v < minimum || v > maximum)
    return std::nullopt;
  return v;
}

}  // namespace rapport::web::api

namespace rapport::web::api {

std::string encode_time_id_cursor(const TimeIdKey& key) {
  return encode_cursor({format_instant(key.at), std::to_string(key.id)});
}

Result<std::optional<TimeIdKey>> time_id_cursor(const Request& req) {
  auto keys = cursor_keys(req, 2);
  if (!keys) return keys.error();
  if (keys->empty()) return std::optional<TimeIdKey>{};
  auto at = parse_instant((*keys)[0]);
  auto id = key_number((*keys)[1], 1, std::numeric_limits<std::int64_t>::max());
  if (!at || !id) return invalid_cursor();
  return std::optional<TimeIdKey>{TimeIdKey{*at, *id}};
}

}  // namespace rapport::web::api
