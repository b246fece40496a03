#include "web/api/json_io.h"

#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "core/text.h"

namespace rapport::web::api {
namespace {

namespace json = boost::json;

// The largest integer a JSON number holds exactly in every client (2^53 - 1).
constexpr unsigned long long kMaxExactInteger = 9007199254740991ULL;

Error wrong_type(const char* key, const std::string& field) { return json_type_error(key, field); }

// The first string (or member name) that is not text Rapport keeps
// (core/text.h), named by its path: bytes that are not UTF-8, "\u0000".
std::optional<Error> refused_text(const json::value& v, const std::string& at) {
  if (v.is_string()) return text_error(v.get_string(), at);
  if (v.is_array()) {
    const auto& a = v.get_array();
    for (std::size_t i = 0; i < a.size(); ++i)
      if (auto bad = refused_text(a[i], member_path(at, std::to_string(i)))) return bad;
  }
  if (v.is_object())
    for (const auto& member : v.get_object()) {
      if (auto bad = text_error(member.key(), at)) {  // a name that cannot be shown: its parent
        bad->args = {{"field", at.empty() ? std::string("?") : at}};
        return bad;
      }
      if (auto bad = refused_text(member.value(), member_path(at, member.key()))) return bad;
    }
  return std::nullopt;
}

// The first member named twice in one object of `text`, which is valid
// JSON (Boost.JSON keeps the last value: a client meaning the first would
// be misread). Keys are compared as written.
std::optional<std::string> repeated_member(std::string_view text) {
  struct Level {
    bool object;
    bool expect_key;
    std::vector<std::string_view> keys;
  };
  std::vector<Level> levels;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' || c == '[') {
      levels.push_back({c == '{', c == '{', {}});
    } else if (c == '}' || c == ']') {
      if (!levels.empty()) levels.pop_back();
    } else if (c == ',') {
      if (!levels.empty() && levels.back().object) levels.back().expect_key = true;
    } else if (c == '"') {
      const std::size_t start = ++i;
      while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
      if (levels.empty() || !levels.back().expect_key) continue;
      auto& level = levels.back();
      level.expect_key = false;
      const auto key = text.substr(start, i - start);
      for (const auto& seen : level.keys)
        if (seen == key) return std::string(key);
      level.keys.push_back(key);
    }
  }
  return std::nullopt;
}

}  // namespace

Result<json::object> parse_object(const Request& req) {
  boost::system::error_code ec;
  json::parse_options options;
  options.allow_invalid_utf8 = true;  // checked below, so that the error names the member
  auto value = json::parse(req.body, ec, {}, options);
  if (ec) return Error::invalid("json.invalid", {}, {{"reason", ec.message()}});
  if (!value.is_object()) return Error::invalid("json.object_expected");
  if (auto twice = repeated_member(req.body))
    return Error::invalid("json.member_repeated", *twice, {{"name", *twice}});
  if (auto bad = refused_text(value, {})) return *bad;
  return std::move(value.as_object());
}

std::string member_path(std::string_view at, std::string_view name) {
  return at.empty() ? std::string(name) : std::string(at) + "." + std::string(name);
}

const json::value* get_member(const json::object& o, std::string_view name) {
  auto it = o.find(name);
  return it == o.end() || it->value().is_null() ? nullptr : &it->value();
}

bool is_null_member(const json::object& o, std::string_view name) {
  auto it = o.find(name);
  return it != o.end() && it->value().is_null();
}

std::optional<std::string> get_string(const json::object& o, std::string_view name,
                                      FieldErrors& errors, std::string_view at) {
  const auto* v = get_member(o, name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    errors.add(wrong_type("json.type_string", member_path(at, name)));
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::optional<long long> get_integer(const json::object& o, std::string_view name,
                                     FieldErrors& errors, std::string_view at) {
  const auto* v = get_member(o, name);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() <= kMaxExactInteger)
    return static_cast<long long>(v->get_uint64());
  if (v->is_uint64()) {
    errors.add(Error::invalid("field.number_invalid", member_path(at, name)));
    return std::nullopt;
  }
  errors.add(wrong_type("json.type_integer", member_path(at, name)));
  return std::nullopt;
}

std::optional<int> get_int(const json::object& o, std::string_view name, FieldErrors& errors,
                           std::string_view at) {
  auto v = get_integer(o, name, errors, at);
  if (!v) return std::nullopt;
  if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max()) {
    errors.add(Error::invalid("field.number_invalid", member_path(at, name)));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<bool> get_bool(const json::object& o, std::string_view name, FieldErrors& errors,
                             std::string_view at) {
  const auto* v = get_member(o, name);
  if (!v) return std::nullopt;
  if (!v->is_bool()) {
    errors.add(wrong_type("json.type_boolean", member_path(at, name)));
    return std::nullopt;
  }
  return v->get_bool();
}

std::optional<std::int64_t> get_id(const json::object& o, std::string_view name,
                                   FieldErrors& errors, std::string_view at) {
  auto v = get_integer(o, name, errors, at);
  if (!v) return std::nullopt;
  if (*v <= 0) {
    errors.add(Error::invalid("field.number_invalid", member_path(at, name)));
    return std::nullopt;
  }
  return *v;
}

std::optional<CivilDate> get_date(const json::object& o, std::string_view name, FieldErrors& errors,
                                  std::string_view at) {
  auto text = get_string(o, name, errors, at);
  if (!text) return std::nullopt;
  auto d = parse_date(*text);
  if (!d || text->size() != 10) {
    errors.add(Error::invalid("field.date_invalid", member_path(at, name)));
    return std::nullopt;
  }
  return d;
}

std::optional<Instant> get_instant(const json::object& o, std::string_view name,
                                   FieldErrors& errors, std::string_view at) {
  auto text = get_string(o, name, errors, at);
  if (!text) return std::nullopt;
  auto t = parse_instant(*text);
  if (!t) errors.add(Error::invalid("field.instant_invalid", member_path(at, name)));
  return t;
}

std::optional<Version> get_version(const json::object& o, FieldErrors& errors) {
  if (!get_member(o, "version")) {
    errors.add(Error::invalid("field.required", "version"));
    return std::nullopt;
  }
  return get_integer(o, "version", errors);
}

const json::object* get_object(const json::object& o, std::string_view name, FieldErrors& errors,
                               std::string_view at) {
  const auto* v = get_member(o, name);
  if (!v) return nullptr;
  if (!v->is_object()) errors.add(wrong_type("json.type_object", member_path(at, name)));
  return v->if_object();
}

const json::array* get_array(const json::object& o, std::string_view name, FieldErrors& errors,
                             std::string_view at) {
  const auto* v = get_member(o, name);
  if (!v) return nullptr;
  if (!v->is_array()) errors.add(wrong_type("json.type_array", member_path(at, name)));
  return v->if_array();
}

std::optional<std::vector<std::string>> get_strings(const json::object& o, std::string_view name,
                                                    FieldErrors& errors, std::string_view at) {
  const auto* a = get_array(o, name, errors, at);
  if (!a) return std::nullopt;
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    if ((*a)[i].is_string()) {
      out.emplace_back((*a)[i].get_string());
    } else {
      errors.add(wrong_type("json.type_string", member_path(at, name) + "." + std::to_string(i)));
      ok = false;
    }
  }
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

std::optional<std::vector<std::int64_t>> get_ids(const json::object& o, std::string_view name,
                                                 FieldErrors& errors, std::string_view at) {
  const auto* a = get_array(o, name, errors, at);
  if (!a) return std::nullopt;
  const std::string path = member_path(at, name);
  std::vector<std::int64_t> out;
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    // null is no id: read as "left out", it would make [5, null] no list.
    if ((*a)[i].is_null()) {
      errors.add(wrong_type("json.type_integer", member_path(path, std::to_string(i))));
      ok = false;
      continue;
    }
    json::object item{{std::to_string(i), (*a)[i]}};
    if (auto id = get_id(item, std::to_string(i), errors, path))
      out.push_back(*id);
    else
      ok = false;
  }
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

void add_nested(FieldErrors& into, FieldErrors from, std::string_view at) {
  for (auto& e : from.errors) {
    e.field = member_path(at, e.field);
    for (auto& [name, value] : e.args)
      if (name == "field" || name == "member") value = e.field;
    into.add(std::move(e));
  }
}

Response json_ok(int status, const json::value& body) {
  return json_response(status, json::serialize(body));
}

}  // namespace rapport::web::api
