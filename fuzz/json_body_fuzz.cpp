// A JSON request body through the API's one reader (web/api/json_io.h):
// parse_object, then every get_* reader over every member, at every depth.
#include <algorithm>
#include <cmath>
#include <string>

#include <boost/json.hpp>

#include "core/text.h"
#include "core/time.h"
#include "domain/users/user.h"
#include "fuzz_check.h"
#include "web/api/json_io.h"

namespace json = boost::json;
using namespace rapport;
using namespace rapport::web;
using namespace rapport::web::api;

namespace {

// Every string and member name of an accepted body is text Rapport keeps.
void check_text(const json::value& v) {
  if (v.is_string()) FUZZ_CHECK(text_fault(v.get_string()) == TextFault::none);
  if (v.is_array())
    for (const auto& item : v.get_array()) check_text(item);
  if (v.is_object())
    for (const auto& m : v.get_object()) {
      FUZZ_CHECK(text_fault(m.key()) == TextFault::none);
      check_text(m.value());
    }
}

bool has_non_finite(const json::value& v) {
  if (v.is_double()) return !std::isfinite(v.get_double());
  if (v.is_array()) return std::any_of(v.get_array().begin(), v.get_array().end(), has_non_finite);
  if (v.is_object())
    return std::any_of(v.get_object().begin(), v.get_object().end(),
                       [](const auto& m) { return has_non_finite(m.value()); });
  return false;
}

// Equal, but for the last bit of a double: Boost.JSON 1.81 reads decimals
// quickly rather than exactly (118446744073709551615 is read back one unit
// in the last place apart once written).
bool same(const json::value& a, const json::value& b) {
  if (a.is_double() && b.is_double())
    return std::abs(a.get_double() - b.get_double()) <= 1e-15 * std::abs(a.get_double());
  if (a.is_array() && b.is_array()) {
    const auto &x = a.get_array(), &y = b.get_array();
    return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), same);
  }
  if (a.is_object() && b.is_object()) {
    const auto &x = a.get_object(), &y = b.get_object();
    return x.size() == y.size() && std::all_of(x.begin(), x.end(), [&](const auto& m) {
             const auto* other = y.if_contains(m.key());
             return other && same(m.value(), *other);
           });
  }
  return a == b;
}

// Reads every member of `o` with every reader; their errors go to `all`.
void read_all(const json::object& o, const std::string& at, int depth, FieldErrors& all) {
  for (const auto& member : o) {
    const std::string name(member.key());
    const std::string path = member_path(at, name);
    const bool present = get_member(o, name) != nullptr;
    FUZZ_CHECK(present != member.value().is_null());
    FUZZ_CHECK(is_null_member(o, name) == member.value().is_null());
    FieldErrors errors;
    // A reader that returned nothing for a present, non-null member said
    // why, at the member's path.
    auto read = [&](auto reader) {
      const std::size_t before = errors.errors.size();
      auto got = reader();
      if (!got && present) {
        FUZZ_CHECK(errors.errors.size() > before);
        FUZZ_CHECK(errors.errors.back().field.starts_with(path));
      }
      return got;
    };

    auto text = read([&] { return get_string(o, name, errors, at); });
    if (text) FUZZ_CHECK(*text == member.value().get_string());
    if (read([&] { return get_integer(o, name, errors, at); }))
      FUZZ_CHECK(member.value().is_int64() || member.value().is_uint64());
    read([&] { return get_int(o, name, errors, at); });
    read([&] { return get_bool(o, name, errors, at); });
    if (auto id = read([&] { return get_id(o, name, errors, at); })) FUZZ_CHECK(*id > 0);
    if (auto date = read([&] { return get_date(o, name, errors, at); }))
      FUZZ_CHECK(format_date(*date) == *text);
    if (auto instant = read([&] { return get_instant(o, name, errors, at); })) {
      std::string typed = *text;
      typed[10] = 'T';
      FUZZ_CHECK(format_instant(*instant) == typed);
    }
    if (auto role = read([&] { return get_code<domain::Role>(o, name, errors, at); }))
      FUZZ_CHECK(enum_code(*role) == *text);
    read([&] { return get_strings(o, name, errors, at); });
    if (auto ids = read([&] { return get_ids(o, name, errors, at); }))
      for (auto i : *ids) FUZZ_CHECK(i > 0);
    read([&] { return get_codes<domain::Role>(o, name, errors, at); });

    const auto* array = get_array(o, name, errors, at);
    if (array && depth < 8)
      for (std::size_t i = 0; i < array->size(); ++i)
        if ((*array)[i].is_object())
          read_all((*array)[i].get_object(), member_path(path, std::to_string(i)), depth + 1,
                   errors);
    // A nested object read on its own, its errors then placed under its path.
    if (const auto* inner = get_object(o, name, errors, at); inner && depth < 8) {
      FieldErrors nested;
      read_all(*inner, {}, depth + 1, nested);
      const std::size_t mark = errors.errors.size();
      add_nested(errors, std::move(nested), path);
      for (std::size_t i = mark; i < errors.errors.size(); ++i)
        FUZZ_CHECK(errors.errors[i].field.starts_with(member_path(path, "")));
    }
    for (auto& e : errors.errors) all.add(std::move(e));
  }
  FieldErrors version_errors;
  auto version = get_version(o, version_errors);
  FUZZ_CHECK(version.has_value() == version_errors.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Request req;
  req.method = "POST";
  req.headers.emplace_back("content-type", "application/json");
  req.body = std::string(fuzz::as_text(data, size));
  auto body = parse_object(req);
  if (!body) {
    FUZZ_CHECK(!body.error().key.empty());
    return 0;
  }
  check_text(*body);
  FieldErrors errors;
  read_all(*body, {}, 0, errors);
  // What an answer writes, a client reads back the same; but Boost.JSON
  // 1.81 reads 1e400 as infinity and 0e4001 as NaN, which JSON cannot write
  // (it writes 1e99999 and NaN). No reader of the API takes a double.
  if (!has_non_finite(*body)) {
    Response out = json_ok(200, *body);
    FUZZ_CHECK(same(json::parse(out.body), *body));
  }
  return 0;
}
