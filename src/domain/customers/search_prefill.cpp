#include "domain/customers/search_prefill.h"

#include <optional>
#include <vector>

#include "domain/ascii.h"

namespace rapport::domain {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Digits and what phone numbers are written with: + . - ( ).
bool phone_part(std::string_view w) {
  bool digit = false;
  for (char c : w) {
    if (is_digit(c))
      digit = true;
    else if (c != '+' && c != '.' && c != '-' && c != '(' && c != ')')
      return false;
  }
  return digit;
}

int digits_in(std::string_view w) {
  int n = 0;
  for (char c : w) n += is_digit(c) ? 1 : 0;
  return n;
}

// "H2X" and "1Y4": the halves of a Canadian postal code.
bool fsa(std::string_view w) {
  return w.size() == 3 && is_alpha(w[0]) && is_digit(w[1]) && is_alpha(w[2]);
}
bool ldu(std::string_view w) {
  return w.size() == 3 && is_digit(w[0]) && is_alpha(w[1]) && is_digit(w[2]);
}

void append(std::string& to, std::string_view word) {
  if (!to.empty()) to += ' ';
  to += word;
}

}  // namespace

SearchPrefill split_search_text(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ',' ||
                               text[i] == ';' || text[i] == '\n' || text[i] == '\r'))
      ++i;
    std::size_t start = i;
    while (i < text.size() && !(text[i] == ' ' || text[i] == '\t' || text[i] == ',' ||
                                text[i] == ';' || text[i] == '\n' || text[i] == '\r'))
      ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  SearchPrefill p;
  for (std::size_t w = 0; w < words.size();) {
    std::string_view word = words[w];
    if (word.find('@') != std::string_view::npos) {
      if (p.email.empty()) p.email = word;
      ++w;
      continue;
    }
    if (fsa(word) && w + 1 < words.size() && ldu(words[w + 1]) && p.postal_code.empty()) {
      p.postal_code = std::string(word) + " " + std::string(words[w + 1]);
      w += 2;
      continue;
    }
    if (word.size() == 6 && fsa(word.substr(0, 3)) && ldu(word.substr(3)) &&
        p.postal_code.empty()) {
      p.postal_code = std::string(word.substr(0, 3)) + " " + std::string(word.substr(3));
      ++w;
      continue;
    }
    if (phone_part(word)) {
      // A run of number words: a phone when it holds 8 digits or more.
      std::size_t end = w;
      int digits = 0;
      while (end < words.size() && phone_part(words[end])) digits += digits_in(words[end++]);
      // "35000 07 61 32 43 54": a postal code before the phone.
      if (all_digits(word) && (word.size() == 4 || word.size() == 5) && p.postal_code.empty() &&
          digits - digits_in(word) >= 8) {
        p.postal_code = word;
        ++w;
        continue;
      }
      if (digits >= 8 && p.phone.empty()) {
        for (std::size_t k = w; k < end; ++k) append(p.phone, words[k]);
        w = end;
        continue;
      }
      if (all_digits(word) && (word.size() == 4 || word.size() == 5) && p.postal_code.empty()) {
        p.postal_code = word;
        ++w;
        continue;
      }
    }
    append(p.name, word);
    ++w;
  }
  return p;
}

SearchPrefill merge_search_fields(std::string_view text, const SearchPrefill& given) {
  SearchPrefill out = split_search_text(text);
  if (!given.name.empty()) out.name = given.name;
  if (!given.phone.empty()) out.phone = given.phone;
  if (!given.email.empty()) out.email = given.email;
  if (!given.postal_code.empty()) out.postal_code = given.postal_code;
  return out;
}

PersonName split_person_name(std::string_view name) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  auto trim = [&](std::string_view s) {
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return std::string(s);
  };
  const std::string text = trim(name);
  if (auto comma = text.find(','); comma != std::string::npos)
    return {trim(std::string_view(text).substr(comma + 1)),
            trim(std::string_view(text).substr(0, comma))};
  auto space = text.find_last_of(' ');
  if (space == std::string::npos) return {"", text};
  return {trim(std::string_view(text).substr(0, space)),
          trim(std::string_view(text).substr(space + 1))};
}

}  // namespace rapport::domain
