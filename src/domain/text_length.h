// domain/text_length.h: how long a text is for its limits — in characters
// (UTF-8 code points), as the user counts them, not bytes: "Éloïse" is six
// characters long, whatever the module — and which texts are one line.
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

// Adds "text.one_line" for `field` when `text` holds a line break, a tab or
// another control character: a name, an address line or a label is one line
// (core/text.h checked the rest where the text came in).
void check_one_line(FieldErrors& errors, std::string_view text, const std::string& field);
// Both: at most `max` characters, on one line.
void check_line(FieldErrors& errors, std::string_view text, std::size_t max,
                const std::string& field);

}  // namespace rapport::domain
