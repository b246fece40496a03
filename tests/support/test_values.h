// tests/support/test_values.h: the small helpers the test files share —
// dates and instants written as text, and the fields and keys of refused
// input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/time.h"
#include "domain/customers/search_query.h"
#include "store/audit_repository.h"

namespace rapport::testing {

inline CivilDate ymd(int y, unsigned m, unsigned d) {
  return CivilDate{date::year{y}, date::month{m}, date::day{d}};
}

// "2026-03-17T08:00:00Z" as an Instant; fails the test when malformed.
inline Instant utc(std::string_view text) {
  auto t = parse_instant(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(Instant{});
}

// The fields at fault, in order.
inline std::vector<std::string> fields_of(const FieldErrors& e) {
  std::vector<std::string> out;
  for (const auto& err : e.errors) out.push_back(err.field);
  return out;
}

// The message keys, in order.
inline std::vector<std::string> keys_of(const FieldErrors& e) {
  std::vector<std::string> out;
  for (const auto& err : e.errors) out.push_back(err.key);
  return out;
}

// "field key" for each fault, in order.
inline std::vector<std::string> problems(const FieldErrors& e) {
  std::vector<std::string> out;
  for (const auto& err : e.errors) out.push_back(err.field + " " + err.key);
  return out;
}

// The actor of the changes a test makes.
inline const store::Actor kSystem{std::nullopt, "test"};

// What the CSR typed: `text` in the one box, or in the field named `field`.
inline domain::SearchInput typed_in(std::string text, const std::string& field = "q") {
  domain::SearchInput in;
  if (field == "q") in.text = std::move(text);
  if (field == "name") in.name = std::move(text);
  if (field == "phone") in.phone = std::move(text);
  return in;
}

}  // namespace rapport::testing
