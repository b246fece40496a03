// core/error.h: the failures users meet, as values.
//
// An Error carries a code chosen by what the caller should do, a catalog key
// (translated at the edge, where the locale is known), named arguments for
// the key's placeholders, and the form field at fault, if any.
//
//   return Error::invalid("settings.currency_invalid", "currency");
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace rapport {

enum class ErrorCode {
  invalid_input,    // fix the input and try again
  not_found,        // the record does not exist (or is not visible to the caller)
  unauthenticated,  // log in first
  forbidden,        // the caller's role does not allow it
  conflict,         // the record changed since it was read, or a duplicate
  too_many,         // rate limited; try later
  unavailable,      // the database or a peer did not answer; retry
  internal,         // a bug; logged, shown as a generic message
};

// Stable name of a code, used in problem+json "code" and logs.
const char* to_string(ErrorCode code);

using MessageArgs = std::vector<std::pair<std::string, std::string>>;

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string key;     // catalog msgid, e.g. "settings.currency_invalid"
  MessageArgs args;    // values for the key's {placeholders}
  std::string field;   // form field at fault, if any
  std::string detail;  // untranslated technical detail for logs (never shown)

  static Error invalid(std::string key, std::string field = {}, MessageArgs args = {}) {
    return {ErrorCode::invalid_input, std::move(key), std::move(args), std::move(field), {}};
  }
  static Error not_found(std::string key = "error.not_found") {
    return {ErrorCode::not_found, std::move(key), {}, {}, {}};
  }
  static Error forbidden(std::string key = "error.forbidden") {
    return {ErrorCode::forbidden, std::move(key), {}, {}, {}};
  }
  static Error conflict(std::string key, MessageArgs args = {}) {
    return {ErrorCode::conflict, std::move(key), std::move(args), {}, {}};
  }
  static Error unavailable(std::string detail) {
    return {ErrorCode::unavailable, "error.unavailable", {}, {}, std::move(detail)};
  }
  static Error internal(std::string detail) {
    return {ErrorCode::internal, "error.internal", {}, {}, std::move(detail)};
  }
};

// Several field errors at once, for forms that report every bad field.
struct FieldErrors {
  std::vector<Error> errors;
  bool empty() const { return errors.empty(); }
  void add(Error e) { errors.push_back(std::move(e)); }
};

}  // namespace rapport
