// core/text.h: what text Rapport keeps. Every text that comes in — a form
// field, a query parameter, a JSON string, a CSV cell — is checked once, where
// it is read: well-formed UTF-8 (no overlong forms, no surrogates, nothing
// past U+10FFFF) and no control character (C0, DEL, C1) but the tab and the
// line breaks a multi-line text holds. A field that is one line (a name)
// refuses those too (domain/text_length.h, check_line).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace rapport {

enum class TextFault { none, invalid_utf8, control_character };

// Whether tab, CR and LF are allowed: true for what may be several lines.
enum class Lines { one, many };

TextFault text_fault(std::string_view text, Lines lines = Lines::many);

// The error for a fault of `text` at `field` ({field} in its message):
// "text.invalid_utf8" or "text.control_character"; nullopt when the text is
// fine.
std::optional<Error> text_error(std::string_view text, const std::string& field,
                                Lines lines = Lines::many);

}  // namespace rapport
