// Raw bytes of an HTTP request through Beast's parser (as the server reads
// them), then what the server does with a request before a handler runs:
// to_request (the target split and percent-decoded), routing, the cookies,
// the form body, X-Forwarded-For and the "next" of a log-in.
#include <algorithm>
#include <string>
#include <vector>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "core/text.h"
#include "fuzz_check.h"
#include "web/beast_request.h"
#include "web/client_address.h"
#include "web/request.h"
#include "web/router.h"
#include "web/ui/form_values.h"

namespace http = boost::beast::http;
using namespace rapport;
using namespace rapport::web;

namespace {

// Patterns shaped like the application's (web/ui/routes.cpp, web/api/routes.cpp).
const Router& router() {
  static const Router r = [] {
    Router made;
    Handler none = [](Request&) { return Response{}; };
    for (const char* p :
         {"/", "/login", "/logout", "/health", "/metrics", "/customers", "/customers/{id}",
          "/customers/{id}/edit", "/customers/{id}/orders/{order}", "/admin/users/{id}",
          "/plan-entries", "/plan-entries/{id}/status", "/api/v1/customers",
          "/api/v1/customers/{id}", "/api/v1/customers/{id}/contact-info/{info}",
          "/static/{file}"}) {
      made.get(p, Access::staff, none);
      made.post(p, Access::staff, none);
    }
    made.add("DELETE", "/api/v1/customers/{id}", Access::staff, none);
    return made;
  }();
  return r;
}

// The pattern with its {name} segments replaced by the captured values.
std::string fill(std::string_view pattern, const Request& req) {
  std::string out;
  while (!pattern.empty()) {
    auto open = pattern.find('{');
    out += pattern.substr(0, open);
    if (open == std::string_view::npos) break;
    auto close = pattern.find('}', open);
    out += req.param(std::string(pattern.substr(open + 1, close - open - 1)));
    pattern.remove_prefix(close + 1);
  }
  return out;
}

void check_request(Request& req) {
  FUZZ_CHECK(!req.method.empty());
  const auto q = req.target.find('?');
  const std::string raw_path = req.target.substr(0, q);
  FUZZ_CHECK(req.path.size() <= raw_path.size());
  if (raw_path.find('%') == std::string::npos) FUZZ_CHECK(req.path == raw_path);
  for (const auto& [name, value] : req.headers)
    FUZZ_CHECK(std::none_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));

  Match m = router().match(req);
  if (m.route) {
    FUZZ_CHECK(req.route == m.route->pattern);
    FUZZ_CHECK(fill(m.route->pattern, req) == req.path);
    for (const auto& [name, value] : req.params)
      FUZZ_CHECK(!value.empty() && value.find('/') == std::string::npos);
    if (auto id = positive_int(req.param("id"))) {
      FUZZ_CHECK(*id > 0);
      std::string digits = req.param("id");
      digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));
      FUZZ_CHECK(std::to_string(*id) == digits);
    }
  } else if (m.path_known) {
    FUZZ_CHECK(!m.allowed.empty());
  }

  for (const char* name : {"rapport_session", "csrf", "lang"})
    FUZZ_CHECK(req.cookie(name).find(';') == std::string::npos);

  const auto& form = req.form();
  if (!req.header("content-type").starts_with("application/x-www-form-urlencoded"))
    FUZZ_CHECK(form.empty());
  FUZZ_CHECK(form.size() <=
             static_cast<std::size_t>(std::count(req.body.begin(), req.body.end(), '&')) + 1);

  // Behind a trusted proxy: the client is an address in its canonical text.
  const std::vector<std::string> trusted{"10.0.0.1", "::1"};
  for (const char* peer : {"10.0.0.1", "192.0.2.7"}) {
    std::string client = client_address(peer, req.header("x-forwarded-for"), trusted);
    FUZZ_CHECK(client == peer || canonical_address(client) == client);
  }

  for (const std::string* next : {&req.query_value("next"), &req.form_value("next")}) {
    std::string to = ui::safe_next(*next);
    FUZZ_CHECK(to == "/" || to == *next);
    FUZZ_CHECK(to.starts_with('/') && !to.starts_with("//") && !to.starts_with("/\\"));
    FUZZ_CHECK(text_fault(to, Lines::one) == TextFault::none);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Nothing read is the end of the stream to the server, not a request
  // (Beast's put_eof alone would call it a complete message).
  if (size == 0) return 0;
  http::request_parser<http::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(64 * 1024);
  parser.eager(true);
  boost::beast::error_code ec;
  std::size_t used = 0;
  while (used < size && !parser.is_done()) {
    std::size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    if (ec || n == 0) break;
    used += n;
  }
  if (ec == http::error::need_more || (!ec && !parser.is_done())) {
    ec = {};
    parser.put_eof(ec);
  }
  if (!parser.is_header_done()) return 0;
  Request req = to_request(parser.get(), "192.0.2.7");
  req.body = parser.get().body();
  check_request(req);
  return 0;
}
