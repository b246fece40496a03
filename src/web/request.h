// web/request.h: an HTTP request and response as the handlers see them —
// plain values, no Beast types, so pages and API handlers compile quickly
// and can be tested without a socket.
#pragma once

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/id.h"
#include "core/language.h"
#include "domain/users/user.h"

namespace rapport::web {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// Returns the first value of `name` in `pairs`, or "" when absent.
const std::string& find_value(const Pairs& pairs, std::string_view name);
// Decodes application/x-www-form-urlencoded text (also query strings).
Pairs parse_urlencoded(std::string_view text);

struct Request {
  std::string method;  // "GET", "POST", …
  std::string target;  // as sent: path and query
  std::string path;    // percent-decoded path
  Pairs query;
  Pairs headers;  // names in lower case
  std::string body;
  // An upload (a route taking_upload, admitted) is received into this
  // temporary file instead of `body`, which stays empty; the server removes
  // the file once the answer is made.
  std::string body_file;
  std::string client_address;

  // Filled while routing and authenticating.
  std::string route;  // the matched pattern, e.g. "/admin/users/{id}"
  std::unordered_map<std::string, std::string> params;
  std::optional<domain::User> user;
  std::string session_token;
  std::string csrf_token;
  bool bearer = false;  // authenticated by an API token
  Language language = Language::en;

  const std::string& header(std::string_view lower_name) const;
  std::string cookie(std::string_view name) const;
  const std::string& query_value(std::string_view name) const { return find_value(query, name); }
  const std::string& param(const std::string& name) const;
  // The body's size and the body as a stream, from `body_file` or `body`.
  std::uint64_t body_size() const;
  std::unique_ptr<std::istream> body_stream() const;
  // The urlencoded form body (parsed once).
  const Pairs& form() const;
  const std::string& form_value(std::string_view name) const { return find_value(form(), name); }
  bool is_api() const { return path.starts_with("/api/"); }
  bool is_htmx() const { return !header("hx-request").empty(); }

 private:
  mutable std::optional<Pairs> form_;
};

struct Response {
  int status = 200;
  Pairs headers;
  std::string body;

  void set_header(std::string name, std::string value);
  const std::string& header(std::string_view name) const;
};

Response text_response(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
Response html_response(int status, std::string body);
Response json_response(int status, std::string body);
// A stored file served as it is: its type, opened in the browser
// ("inline") or downloaded, its name in Content-Disposition (an ASCII
// fallback and the UTF-8 name as filename*), never sniffed.
Response file_response(std::string bytes, const std::string& content_type,
                       const std::string& file_name, bool inline_disposition);
// 303 See Other to `location` (after a form POST), or an HX-Redirect for htmx.
Response redirect(const Request& req, std::string location);

// "name=value; Path=/; HttpOnly; SameSite=Lax" (+ Max-Age when given).
std::string cookie_header(std::string_view name, std::string_view value, bool http_only,
                          std::optional<long> max_age_seconds = std::nullopt);

// A positive integer in decimal, nothing else; nullopt otherwise (ids in
// paths and query strings).
std::optional<long long> positive_int(std::string_view text);
// The route parameter `name` ("{id}") as an id of T.
template <typename T>
std::optional<Id<T>> id_param(const Request& req, const std::string& name = "id") {
  auto v = positive_int(req.param(name));
  if (!v) return std::nullopt;
  return Id<T>{*v};
}

// Percent-encodes everything but unreserved characters and "/", for a value in a
// query string ("next=/plan-entries?plan=1&status=10").
std::string url_encode(std::string_view text);

// Escapes text for HTML element content and attribute values.
std::string html_escape(std::string_view text);

}  // namespace rapport::web
