// domain/record_code.h: the codes managers give their records — contact
// plans, campaigns, packages — follow one rule, said one way: 1 to `max`
// characters among the capital letters A–Z, the digits 0–9, the hyphen and
// the underscore (app/ upper-cases what was typed before checking).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace rapport::domain {

bool well_formed_code(std::string_view code, std::size_t max);

// "code.invalid" ({max}) for `field` when `code` breaks the rule.
std::optional<Error> check_code(std::string_view code, std::size_t max, const std::string& field);

}  // namespace rapport::domain
