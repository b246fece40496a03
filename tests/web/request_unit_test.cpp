#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>
#include <unistd.h>

#include "web/api/paging.h"
#include "web/metrics.h"
#include "web/request.h"
#include "web/ui/form_view.h"

namespace rapport::web {
namespace {

TEST(Request, DecodesFormsAndQueries) {
  auto pairs = parse_urlencoded("name=H%C3%A9l%C3%A8ne+Dupont&empty=&flag&roles=csr&roles=admin");
  ASSERT_EQ(pairs.size(), 5u);
  EXPECT_EQ(find_value(pairs, "name"), "Hélène Dupont");
  EXPECT_EQ(find_value(pairs, "empty"), "");
  EXPECT_EQ(find_value(pairs, "flag"), "");
  EXPECT_EQ(find_value(pairs, "roles"), "csr");
  EXPECT_EQ(find_value(pairs, "missing"), "");
}

TEST(Request, KeepsMalformedEscapesAsTyped) {
  EXPECT_EQ(find_value(parse_urlencoded("q=100%"), "q"), "100%");
}

// A handler reads an upload received into a file as it reads a body.
TEST(Request, ReadsItsBodyFromItsFileOrItsText) {
  Request text;
  text.body = "kind\nperson\n";
  auto read = [](const Request& r) {
    auto in = r.body_stream();
    return std::string(std::istreambuf_iterator<char>(*in), {});
  };
  EXPECT_EQ(text.body_size(), 12u);
  EXPECT_EQ(read(text), "kind\nperson\n");

  Request upload;
  upload.body_file = (std::filesystem::temp_directory_path() /
                      ("rapport-request-test-" + std::to_string(::getpid()) + ".csv"))
                         .string();
  std::ofstream(upload.body_file, std::ios::binary) << "kind\ncompany\n";
  EXPECT_EQ(upload.body_size(), 13u);
  EXPECT_EQ(read(upload), "kind\ncompany\n");
  std::filesystem::remove(upload.body_file);
  EXPECT_EQ(upload.body_size(), 0u);  // gone: nothing to read
}

TEST(Request, ReadsCookies) {
  Request req;
  req.headers = {{"cookie", "a=1; rapport_session=xyz; b=2"}};
  EXPECT_EQ(req.cookie("rapport_session"), "xyz");
  EXPECT_EQ(req.cookie("b"), "2");
  EXPECT_EQ(req.cookie("rapport"), "");
}

TEST(Request, ParsesTheFormOnlyForUrlencodedBodies) {
  Request form;
  form.headers = {{"content-type", "application/x-www-form-urlencoded; charset=UTF-8"}};
  form.body = "a=1";
  EXPECT_EQ(form.form_value("a"), "1");
  Request json;
  json.headers = {{"content-type", "application/json"}};
  json.body = "a=1";
  EXPECT_EQ(json.form_value("a"), "");
}

TEST(Request, EscapesHtml) {
  EXPECT_EQ(html_escape("<a href=\"x\">O'Neil & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;");
}

TEST(Request, OnlyRedirectsToLocalPaths) {
  EXPECT_EQ(ui::safe_next("/admin/users?x=1"), "/admin/users?x=1");
  EXPECT_EQ(ui::safe_next("https://evil.example/"), "/");
  EXPECT_EQ(ui::safe_next("//evil.example/"), "/");
  EXPECT_EQ(ui::safe_next("/\\evil.example"), "/");
  EXPECT_EQ(ui::safe_next(""), "/");
}

TEST(Request, RefusesEveryWayOfLeavingTheSiteInNext) {
  using namespace std::string_literals;
  // Browsers drop tabs and line breaks inside a URL and read a backslash as a slash:
  // each of these would take the user to another site.
  for (std::string hostile : {
           "/\t/evil.example"s,
           "/\n/evil.example"s,
           "/\r\n/evil.example"s,
           "\t//evil.example"s,
           "/\\/evil.example"s,
           "\\\\evil.example"s,
           "/\t\\evil.example"s,
           "//evil.example"s,
           "///evil.example"s,
           "//\tevil.example"s,
           "/\x0B/evil.example"s,
           "/\0/evil.example"s,
           "https://evil.example"s,
           "http:evil.example"s,
           "javascript:alert(1)"s,
           "JavaScript:alert(1)"s,
           " /evil"s,
           "evil.example"s,
           "/%2F/evil.example"s,
           "/%5C/evil.example"s,
           "/%5c%5cevil.example"s,
           "/%09/evil.example"s,
           "/%0A/evil.example"s,
           "/%2f%2fevil.example"s,
           "/./%2F/evil.example"s,
           "/.//evil.example"s,
           "/a/..//evil.example"s,
           "/\xC0\xAF/evil.example"s,
           "/\xFF"s,
           "/ok#\n//evil"s,
       })
    EXPECT_EQ(ui::safe_next(hostile), "/") << ::testing::PrintToString(hostile);
}

TEST(Request, KeepsEveryPathOfTheSiteInNext) {
  for (std::string local : {"/", "/customers/5", "/plan-entries?plan=1&status=10&status=20",
                            "/customers?q=Dupr%C3%A9", "/customers/5#notes", "/login?next=%2F"})
    EXPECT_EQ(ui::safe_next(local), local);
}

TEST(Request, CookieHeadersCarryTheirFlags) {
  EXPECT_EQ(cookie_header("s", "v", true), "s=v; Path=/; SameSite=Lax; HttpOnly");
  EXPECT_EQ(cookie_header("s", "", true, 0), "s=; Path=/; SameSite=Lax; HttpOnly; Max-Age=0");
}

Request with_query(Pairs query) {
  Request req;
  req.query = std::move(query);
  return req;
}

TEST(Cursor, RoundTripsItsKeysAndRefusesForgeries) {
  auto c = api::encode_cursor({"2026-03-10T09:00:00Z", "3", "42"});
  EXPECT_EQ(c.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos)
      << "safe in a query string as it is";
  auto keys = api::cursor_keys(with_query({{"cursor", c}}), 3);
  ASSERT_TRUE(keys);
  EXPECT_EQ(*keys, (std::vector<std::string>{"2026-03-10T09:00:00Z", "3", "42"}));
  EXPECT_TRUE(api::cursor_keys(with_query({}), 3)->empty()) << "no cursor: the first page";
  // Another list's cursor (another number of keys), garbage, an over-long one.
  for (std::string forged :
       {api::encode_cursor({"17"}), std::string("17"), std::string("a1x"), std::string(600, 'A')}) {
    auto refused = api::cursor_keys(with_query({{"cursor", forged}}), 3);
    ASSERT_FALSE(refused) << forged;
    EXPECT_EQ(refused.error().key, "page.cursor_invalid");
    EXPECT_EQ(refused.error().field, "cursor");
  }
  EXPECT_EQ(api::key_number("42", 1, 100), 42);
  EXPECT_FALSE(api::key_number("0", 1, 100));
  EXPECT_FALSE(api::key_number("42x", 1, 100));
  EXPECT_FALSE(api::key_number("99999999999999999999999", 1, 100));
}

TEST(Cursor, OneLimitRuleForEveryList) {
  EXPECT_EQ(api::page_limit(with_query({})).value(), 50);
  EXPECT_EQ(api::page_limit(with_query({}), 20, 100).value(), 20);
  EXPECT_EQ(api::page_limit(with_query({{"limit", "200"}})).value(), 200);
  for (std::string bad : {"0", "201", "abc", "-1", "5x"}) {
    auto refused = api::page_limit(with_query({{"limit", bad}}));
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().key, "page.limit_invalid");
  }
  EXPECT_FALSE(api::page_limit(with_query({{"limit", "101"}}), 20, 100));
}

TEST(Metrics, CountsRequestsPerRouteAndStatusWithAHistogram) {
  Metrics m;
  m.observe("GET", "/health", 200, 0.0004);
  m.observe("GET", "/health", 200, 0.2);
  m.observe("POST", "/login", 401, 0.06);
  auto text = m.render();
  EXPECT_NE(
      text.find("rapport_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"} 2"),
      std::string::npos);
  EXPECT_NE(text.find("rapport_http_request_duration_seconds_bucket{method=\"GET\",route=\"/"
                      "health\",le=\"0.001\"} 1"),
            std::string::npos);
  EXPECT_NE(
      text.find("rapport_http_request_duration_seconds_count{method=\"POST\",route=\"/login\"} 1"),
      std::string::npos);
}

}  // namespace
}  // namespace rapport::web
