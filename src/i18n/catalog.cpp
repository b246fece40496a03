#include "i18n/catalog.h"

#include <boost/locale.hpp>

#include "i18n/message_format.h"

namespace rapport::i18n {
namespace {

std::locale make_locale(const std::string& dir, const char* name) {
  boost::locale::generator gen;
  gen.add_messages_path(dir);
  gen.add_messages_domain("rapport");
  return gen(name);
}

}  // namespace

Catalog::Catalog(const std::string& locale_dir)
    : en_(make_locale(locale_dir, "en_US.UTF-8")), fr_(make_locale(locale_dir, "fr_FR.UTF-8")) {}

const std::locale& Catalog::locale(Language lang) const { return lang == Language::fr ? fr_ : en_; }

std::string Catalog::text(Language lang, std::string_view key, const MessageArgs& args) const {
  std::string msg = boost::locale::translate(std::string(key)).str(locale(lang));
  if (is_icu_pattern(msg)) return format_icu_message(lang, msg, args);
  return args.empty() ? msg : fill_placeholders(std::move(msg), args);
}

std::string Catalog::message(Language lang, const Error& error) const {
  return text(lang, error.key, error.args);
}

bool Catalog::has(Language lang, std::string_view key) const {
  std::string k(key);
  return boost::locale::translate(k).str(locale(lang)) != k;
}

std::string fill_placeholders(std::string text, const MessageArgs& args) {
  for (const auto& [name, value] : args) {
    const std::string token = "{" + name + "}";
    for (auto pos = text.find(token); pos != std::string::npos;
         pos = text.find(token, pos + value.size()))
      text.replace(pos, token.size(), value);
  }
  return text;
}

}  // namespace rapport::i18n
