// domain/text_length.h: how long a text is for its limits — in characters
// (UTF-8 code points), as the user counts them, not bytes: "Éloïse" is six
// characters long, whatever the module.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"

namespace rapport::domain {

std::size_t characters(std::string_view text);

// Adds "field.too_long" ({max}) for `field` when `text` has more than
// `max` characters.
void check_length(FieldErrors& errors, std::string_view text, std::size_t max,
                  const std::string& field);

}  // namespace rapport::domain
