#include <gtest/gtest.h>

#include "domain/users/user.h"
#include "web/api/json_io.h"

namespace rapport::web::api {
namespace {

boost::json::object parsed_body(std::string text) {
  Request req;
  req.body = std::move(text);
  auto parsed = parse_object(req);
  EXPECT_TRUE(parsed);
  return parsed ? *parsed : boost::json::object{};
}

// Found by fuzz/json_body: a null item was read as a member left out, so
// the list came back empty with no error — a plan generation given
// {"plans": [5, null]} then ran for every plan.
TEST(JsonIo, RefusesANullIdInAList) {
  FieldErrors errors;
  EXPECT_FALSE(get_ids(parsed_body(R"({"plans": [5, null]})"), "plans", errors));
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].key, "json.type_integer");
  EXPECT_EQ(errors.errors[0].field, "plans.1");
}

TEST(JsonIo, RefusesANullCodeInAList) {
  FieldErrors errors;
  EXPECT_FALSE(
      get_codes<domain::Role>(parsed_body(R"({"roles": [null, "csr"]})"), "roles", errors));
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].key, "json.type_string");
  EXPECT_EQ(errors.errors[0].field, "roles.0");
}

TEST(JsonIo, ReadsListsOfIdsAndCodes) {
  FieldErrors errors;
  auto o = parsed_body(R"({"plans": [5, 7], "roles": ["csr", "admin"], "none": null})");
  EXPECT_EQ(get_ids(o, "plans", errors), (std::vector<std::int64_t>{5, 7}));
  EXPECT_EQ(get_codes<domain::Role>(o, "roles", errors),
            (std::vector<domain::Role>{domain::Role::csr, domain::Role::admin}));
  EXPECT_FALSE(get_ids(o, "none", errors));  // null: left out
  EXPECT_TRUE(errors.empty());
}

}  // namespace
}  // namespace rapport::web::api

namespace rapport::web::api {
namespace {

// Found by the route fuzzer: {"version": 1, "version": "x"} was read as
// its last member, and a route that reads no version took it.
TEST(JsonIo, RefusesAMemberGivenTwice) {
  Request req;
  req.body =
      R"({"version": 1, "a": {"k": "x, \"version\": 2", "k2": [{"k": 1}, {"k": 2}]}, "version": "x"})";
  auto refused = parse_object(req);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "json.member_repeated");
  EXPECT_EQ(refused.error().field, "version");
  req.body = R"({"a": {"k": 1}, "b": {"k": 2}, "s": "{\"k\":1,\"k\":2}"})";
  EXPECT_TRUE(parse_object(req));
  req.body = R"({"a": {"k": 1, "k": 2}})";
  EXPECT_EQ(parse_object(req).error().field, "k");
}

}  // namespace
}  // namespace rapport::web::api
