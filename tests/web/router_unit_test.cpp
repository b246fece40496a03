#include <gtest/gtest.h>

#include "web/router.h"

namespace rapport::web {
namespace {

Router sample_router() {
  Router r;
  r.get("/admin/users/new", Access::staff, [](Request&) { return text_response(200, "new"); });
  r.get("/admin/users/{id}", Access::staff, [](Request&) { return text_response(200, "show"); });
  r.post("/admin/users/{id}", Access::staff, [](Request&) { return text_response(200, "save"); });
  return r;
}

Request make(std::string method, std::string path) {
  Request req;
  req.method = std::move(method);
  req.path = std::move(path);
  return req;
}

TEST(Router, CapturesPathParameters) {
  auto r = sample_router();
  auto req = make("GET", "/admin/users/42");
  auto m = r.match(req);
  ASSERT_TRUE(m.route);
  EXPECT_EQ(req.param("id"), "42");
  EXPECT_EQ(req.route, "/admin/users/{id}");
}

TEST(Router, PrefersTheRouteRegisteredFirst) {
  auto r = sample_router();
  auto req = make("GET", "/admin/users/new");
  EXPECT_EQ(r.match(req).route->handler(req).body, "new");
}

TEST(Router, TellsAWrongMethodFromAnUnknownPath) {
  auto r = sample_router();
  auto put = make("PUT", "/admin/users/1");
  auto m = r.match(put);
  EXPECT_FALSE(m.route);
  EXPECT_TRUE(m.path_known);
  auto unknown = make("GET", "/admin/users/1/extra");
  m = r.match(unknown);
  EXPECT_FALSE(m.route);
  EXPECT_FALSE(m.path_known);
}

TEST(Router, AnswersHeadWithTheGetRoute) {
  auto r = sample_router();
  auto head = make("HEAD", "/admin/users/7");
  EXPECT_TRUE(r.match(head).route);
}

TEST(Router, RefusesEmptyParameters) {
  EXPECT_FALSE(match_pattern("/a/{id}", "/a/", nullptr));
  EXPECT_TRUE(match_pattern("/", "/", nullptr));
  EXPECT_FALSE(match_pattern("/a", "/a/", nullptr));
}

}  // namespace
}  // namespace rapport::web
