#include "core/language.h"

#include <cstdlib>
#include <string>

namespace rapport {

std::string_view code(Language lang) { return lang == Language::fr ? "fr" : "en"; }

std::optional<Language> parse_language(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  if (text.size() > 2 && text[2] != '_' && text[2] != '-' && text[2] != '.') return std::nullopt;
  std::string prefix{text.substr(0, 2)};
  for (auto& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (prefix == "fr") return Language::fr;
  if (prefix == "en") return Language::en;
  return std::nullopt;
}

Language language_from_environment() {
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(var);
    if (value && *value) {
      if (auto lang = parse_language(value)) return *lang;
      return Language::en;
    }
  }
  return Language::en;
}

}  // namespace rapport
