// core/language.h: the languages Rapport speaks.
#pragma once

#include <optional>
#include <string_view>

#include <boost/describe/enum.hpp>

namespace rapport {

enum class Language { en, fr };
BOOST_DESCRIBE_ENUM(Language, en, fr)

// "en" / "fr".
std::string_view code(Language lang);
// Accepts "en", "fr" and POSIX/BCP 47 forms like "fr_FR.UTF-8" or "fr-CA".
std::optional<Language> parse_language(std::string_view text);
// The language of the process environment (LC_ALL, LC_MESSAGES, LANG), or
// English when none names a language Rapport speaks.
Language language_from_environment();

}  // namespace rapport
