// The API's lists through the real server: a null item is refused at its
// path (found by fuzz/json_body, where it was read as left out).
#include <boost/json.hpp>

#include "app/users/token_desk.h"
#include "support/server_fixture.h"

namespace rapport::web {
namespace {

TEST_F(ServerTest, RefusesANullItemInAListOfTheApi) {
  testing::add_user(t.db(), clock, "mona", domain::Role::manager);
  auto token = app::TokenDesk(t.db(), clock).create("mona", "test");
  ASSERT_TRUE(token);
  auto post = [&](const char* target, const char* body) {
    auto s = connect();
    http::request<http::string_body> req{http::verb::post, target, 11};
    req.set(http::field::authorization, "Bearer " + token->token);
    req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    return send(s, req);
  };
  // [5, null] was an empty list: a generation for every plan.
  auto generation = post("/api/v1/plan-generations", R"({"plans": [null], "simulate": true})");
  EXPECT_EQ(generation.result_int(), 422) << generation.body();
  EXPECT_NE(generation.body().find("\"plans.0\""), std::string::npos) << generation.body();

  auto plan = post("/api/v1/contact-plans", R"({"code": "P1", "weekdays": [1, null]})");
  EXPECT_EQ(plan.result_int(), 422) << plan.body();
  EXPECT_NE(plan.body().find("\"weekdays.1\""), std::string::npos) << plan.body();
}

}  // namespace
}  // namespace rapport::web
