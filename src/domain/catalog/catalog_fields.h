// domain/catalog/catalog_fields.h: the checks products and price lists
// share — a code, a name in at least one language, a period of days.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/time.h"

namespace rapport::domain {

// The code (record_code.h), a name in English or French (`required_key` on
// name_en when both are empty), each name one line of at most `max_name`.
void check_code_and_names(FieldErrors& e, const std::string& code, std::size_t max_code,
                          const std::string& name_en, const std::string& name_fr,
                          std::size_t max_name, const char* required_key);

// A valid first day and, when given, a valid last day not before it
// ("field.date_invalid", "field.end_before_start" on `to_field`).
void check_period(FieldErrors& e, CivilDate from, const std::optional<CivilDate>& to,
                  const std::string& from_field, const std::string& to_field);

}  // namespace rapport::domain
