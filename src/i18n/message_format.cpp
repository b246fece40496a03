#include "i18n/message_format.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <vector>

#include <unicode/msgfmt.h>

#include "i18n/catalog.h"

namespace rapport::i18n {
namespace {

icu::UnicodeString unicode(const std::string& s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::optional<std::int64_t> whole_number(const std::string& s) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return n;
}

}  // namespace

bool is_icu_pattern(const std::string& pattern) {
  return pattern.find(", plural,") != std::string::npos ||
         pattern.find(", select,") != std::string::npos ||
         pattern.find(", number}") != std::string::npos;
}

std::string format_icu_message(Language lang, const std::string& pattern, const MessageArgs& args) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale =
      lang == Language::fr ? icu::Locale("fr", "FR") : icu::Locale("en", "US");
  icu::MessageFormat format(unicode(pattern), locale, status);
  if (U_FAILURE(status)) return fill_placeholders(pattern, args);
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(args.size());
  values.reserve(args.size());
  for (const auto& [name, value] : args) {
    names.push_back(unicode(name));
    if (auto n = whole_number(value))
      values.emplace_back(static_cast<int64_t>(*n));
    else
      values.emplace_back(unicode(value));
  }
  icu::UnicodeString out;
  format.format(names.data(), values.data(), static_cast<int32_t>(args.size()), out, status);
  if (U_FAILURE(status)) return fill_placeholders(pattern, args);
  std::string text;
  out.toUTF8String(text);
  return text;
}

}  // namespace rapport::i18n
