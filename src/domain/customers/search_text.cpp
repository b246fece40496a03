#include "domain/customers/search_text.h"

#include <memory>
#include <mutex>

#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace rapport::domain {
namespace {

// ICU transliterators are not thread-safe; each thread builds its own once.
icu::Transliterator& folding() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
        "Any-Latin; NFD; [:Nonspacing Mark:] Remove; NFC; Lower; Latin-ASCII", UTRANS_FORWARD,
        status));
    return made;
  }();
  return *t;
}

}  // namespace

std::string normalize_for_search(std::string_view text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
  folding().transliterate(u);
  std::string folded;
  u.toUTF8String(folded);
  std::string out;
  out.reserve(folded.size());
  bool space = true;  // collapse runs of separators; no leading space
  for (char c : folded) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      out += c;
      space = false;
    } else if (!space) {
      out += ' ';
      space = true;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> search_words(std::string_view text) {
  std::vector<std::string> words;
  std::string normalized = normalize_for_search(text);
  std::size_t start = 0;
  while (start < normalized.size()) {
    auto end = normalized.find(' ', start);
    if (end == std::string::npos) end = normalized.size();
    words.push_back(normalized.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

}  // namespace rapport::domain
