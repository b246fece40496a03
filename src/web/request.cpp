#include "web/request.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/url/decode_view.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/grammar/ci_string.hpp>
#include <boost/url/grammar/lut_chars.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace rapport::web {
namespace {

const std::string kEmpty;

std::string form_decode(std::string_view s) {
  std::string plus_as_space(s);
  for (char& c : plus_as_space)
    if (c == '+') c = ' ';
  try {
    boost::urls::decode_view decoded(plus_as_space);
    return std::string(decoded.begin(), decoded.end());
  } catch (const std::exception&) {
    return plus_as_space;  // malformed escapes are kept as typed
  }
}

}  // namespace

const std::string& find_value(const Pairs& pairs, std::string_view name) {
  for (const auto& [k, v] : pairs)
    if (k == name) return v;
  return kEmpty;
}

Pairs parse_urlencoded(std::string_view text) {
  Pairs out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('&', start);
    if (end == std::string_view::npos) end = text.size();
    auto part = text.substr(start, end - start);
    if (!part.empty()) {
      auto eq = part.find('=');
      if (eq == std::string_view::npos)
        out.emplace_back(form_decode(part), "");
      else
        out.emplace_back(form_decode(part.substr(0, eq)), form_decode(part.substr(eq + 1)));
    }
    start = end + 1;
  }
  return out;
}

const std::string& Request::header(std::string_view lower_name) const {
  return find_value(headers, lower_name);
}

std::uint64_t Request::body_size() const {
  if (body_file.empty()) return body.size();
  std::error_code ec;
  auto size = std::filesystem::file_size(body_file, ec);
  return ec ? 0 : size;
}

std::unique_ptr<std::istream> Request::body_stream() const {
  if (body_file.empty()) return std::make_unique<std::istringstream>(body);
  return std::make_unique<std::ifstream>(body_file, std::ios::binary);
}

std::string Request::cookie(std::string_view name) const {
  std::string_view all = header("cookie");
  while (!all.empty()) {
    auto semi = all.find(';');
    auto part = all.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name)
      return std::string(part.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    all.remove_prefix(semi + 1);
  }
  return {};
}

const std::string& Request::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

std::string url_encode(std::string_view text) {
  // "/" is allowed in a query (RFC 3986) and keeps "next=/customers/5" readable.
  static constexpr auto kKept = boost::urls::unreserved_chars + '/';
  return boost::urls::encode(text, kKept);
}

std::optional<long long> positive_int(std::string_view text) {
  long long v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size() || v <= 0)
    return std::nullopt;
  return v;
}

const Pairs& Request::form() const {
  if (!form_) {
    const auto& type = header("content-type");
    form_ =
        type.starts_with("application/x-www-form-urlencoded") ? parse_urlencoded(body) : Pairs{};
  }
  return *form_;
}

void Response::set_header(std::string name, std::string value) {
  for (auto& [k, v] : headers)
    if (boost::urls::grammar::ci_is_equal(k, name)) {
      v = std::move(value);
      return;
    }
  headers.emplace_back(std::move(name), std::move(value));
}

const std::string& Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (boost::urls::grammar::ci_is_equal(k, name)) return v;
  return kEmpty;
}

Response text_response(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", std::move(content_type));
  return r;
}

Response html_response(int status, std::string body) {
  return text_response(status, std::move(body), "text/html; charset=utf-8");
}

Response json_response(int status, std::string body) {
  return text_response(status, std::move(body), "application/json");
}

Response file_response(std::string bytes, const std::string& content_type,
                       const std::string& file_name, bool inline_disposition) {
  Response r = text_response(200, std::move(bytes), content_type);
  std::string ascii;
  for (char c : file_name) {
    const auto u = static_cast<unsigned char>(c);
    if ((u & 0xc0) == 0x80) continue;  // one "_" for a whole UTF-8 character
    ascii += (c == '"' || c == '\\' || u < 0x20 || u >= 0x7f) ? '_' : c;
  }
  r.set_header("Content-Disposition", std::string(inline_disposition ? "inline" : "attachment") +
                                          "; filename=\"" + ascii + "\"; filename*=UTF-8''" +
                                          url_encode(file_name));
  r.set_header("X-Content-Type-Options", "nosniff");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

Response redirect(const Request& req, std::string location) {
  Response r;
  if (req.is_htmx()) {
    r.status = 200;
    r.headers.emplace_back("HX-Redirect", std::move(location));
  } else {
    r.status = 303;
    r.headers.emplace_back("Location", std::move(location));
  }
  return r;
}

std::string cookie_header(std::string_view name, std::string_view value, bool http_only,
                          std::optional<long> max_age_seconds) {
  std::string out = std::string(name) + "=" + std::string(value) + "; Path=/; SameSite=Lax";
  if (http_only) out += "; HttpOnly";
  if (max_age_seconds) out += "; Max-Age=" + std::to_string(*max_age_seconds);
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace rapport::web
