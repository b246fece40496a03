// domain/customers/search_text.h: text as the customer search compares it —
// lower case, without accents, punctuation turned into spaces — so that
// "Hélène" is found by "HELENE" and "helene".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rapport::domain {

// "Hélène O'Brien-Dupré" → "helene o brien dupre". Requires: UTF-8 input.
std::string normalize_for_search(std::string_view text);

// The normalized words of `text`, in order.
std::vector<std::string> search_words(std::string_view text);

}  // namespace rapport::domain
