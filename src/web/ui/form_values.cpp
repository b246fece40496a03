#include "web/ui/form_values.h"

#include <algorithm>
#include <charconv>

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "core/text.h"

namespace rapport::web::ui {
namespace {

// Characters a browser drops from a URL (tabs, line breaks, other control
// characters) or reads as a slash (a backslash): "/\t/host" is "//host" to it.
bool has_dropped_characters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F || c == '\\';
  });
}

bool local_path(std::string_view path) {
  return path.starts_with('/') && path.find("//") == std::string_view::npos &&
         !has_dropped_characters(path) && text_fault(path) == TextFault::none;
}

}  // namespace

std::string safe_next(const std::string& next) {
  if (!next.starts_with('/') || has_dropped_characters(next) || text_fault(next) != TextFault::none)
    return "/";
  // A relative reference without scheme or authority whose path — dot
  // segments removed, and percent-escapes decoded as a server or a browser
  // may read them — is still a local path: not "/%2F/host", "/a/..//host".
  auto parsed = boost::urls::parse_relative_ref(next);
  if (!parsed || parsed->has_scheme() || parsed->has_authority()) return "/";
  boost::urls::url normal(*parsed);
  normal.normalize_path();
  std::string path = normal.path();
  if (path.starts_with("/./")) path.erase(0, 2);  // Boost.URL's guard against "//" there
  if (!local_path(parsed->encoded_path()) || !local_path(path)) return "/";
  return next;
}

int form_int(const Request& req, std::string_view name, int fallback) {
  const std::string& text = req.form_value(name);
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return fallback;
  return value;
}

}  // namespace rapport::web::ui
