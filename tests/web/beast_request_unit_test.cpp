#include <boost/beast/http/string_body.hpp>
#include <gtest/gtest.h>

#include "web/beast_request.h"

namespace rapport::web {
namespace {

namespace http = boost::beast::http;

Request request_for_target(std::string target) {
  http::request<http::string_body> in{http::verb::get, target, 11};
  in.set("X-Forwarded-For", "203.0.113.9");
  return to_request(in, "192.0.2.7");
}

TEST(BeastRequest, DecodesThePathAndSplitsTheQuery) {
  Request req = request_for_target("/customers/%34%32?q=Dupont+75001&next=%2Fplan-entries");
  EXPECT_EQ(req.method, "GET");
  EXPECT_EQ(req.path, "/customers/42");
  EXPECT_EQ(req.query_value("q"), "Dupont 75001");
  EXPECT_EQ(req.query_value("next"), "/plan-entries");
  EXPECT_EQ(req.header("x-forwarded-for"), "203.0.113.9");
  EXPECT_EQ(req.client_address, "192.0.2.7");
}

TEST(BeastRequest, KeepsMalformedEscapesInThePath) {
  EXPECT_EQ(request_for_target("/a%zz/b%4").path, "/a%zz/b%4");
  // A byte above 0x7F after '%' is not a hex digit (std::isxdigit is given
  // it as unsigned char, not as a negative char).
  EXPECT_EQ(request_for_target("/%\xC3\xA9").path, "/%\xC3\xA9");
  EXPECT_EQ(request_for_target("/%C3%A9").path, "/\xC3\xA9");
}

}  // namespace
}  // namespace rapport::web
