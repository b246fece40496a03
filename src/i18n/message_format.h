// i18n/message_format.h: ICU MessageFormat for the catalog's messages that
// count things, so "1 éligible" and "2 éligibles", "1 row" and "2 rows" come
// out right in each language:
//   "{count, plural, one {# row} other {# rows}} imported"
// Numbers given as arguments are written as the language writes them
// (19 510 in French, 19,510 in English), the same as format_integer.
#pragma once

#include <string>

#include "core/error.h"
#include "core/language.h"

namespace rapport::i18n {

// True when `pattern` uses ICU's plural, select or number syntax
// ("{created, number}": a count written as the language writes it).
bool is_icu_pattern(const std::string& pattern);

// `pattern` formatted by ICU with the named `args`: an argument whose value
// is a whole number is passed as a number (for plural and #), any other as
// text. A pattern ICU cannot read is returned with its placeholders filled
// as plain text, so a user never sees nothing.
std::string format_icu_message(Language lang, const std::string& pattern, const MessageArgs& args);

}  // namespace rapport::i18n
