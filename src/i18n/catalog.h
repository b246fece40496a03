// i18n/catalog.h: translated messages from the gettext catalogs in po/.
//
// Messages are looked up by key ("login.failed"); the English catalog holds
// the English text, so a key never reaches a user. Placeholders are named:
// "changed by {name} at {time}". A message that counts uses ICU's plural
// syntax instead (i18n/message_format.h): "{count, plural, one {# row}
// other {# rows}}".
//
//   Catalog catalog("build/locale");
//   catalog.text(Language::fr, "login.failed");
#pragma once

#include <locale>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/language.h"

namespace rapport::i18n {

class Catalog {
 public:
  // Loads the compiled catalogs (<dir>/<lang>/LC_MESSAGES/rapport.mo).
  explicit Catalog(const std::string& locale_dir);

  // The message for `key` in `lang` with its placeholders filled; the key
  // itself when the catalog lacks it (a test keeps that from shipping).
  std::string text(Language lang, std::string_view key, const MessageArgs& args = {}) const;
  // The translated message of an error.
  std::string message(Language lang, const Error& error) const;
  // True when the catalog of `lang` has a translation for `key`.
  bool has(Language lang, std::string_view key) const;

  const std::locale& locale(Language lang) const;

 private:
  std::locale en_;
  std::locale fr_;
};

// Replaces each "{name}" in `text` with its value from `args`.
std::string fill_placeholders(std::string text, const MessageArgs& args);

}  // namespace rapport::i18n
