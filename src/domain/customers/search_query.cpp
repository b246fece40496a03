#include "domain/customers/search_query.h"

#include <algorithm>
#include <cctype>

#include "domain/customers/phone.h"
#include "domain/customers/search_text.h"

namespace rapport::domain {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A phone typed in any format, read for the installation's region unless it
// carries its own country code.
void add_phone(SearchQuery& q, std::string_view text, std::string_view region) {
  if (auto phone = parse_phone(text, region)) q.phones.push_back(phone->e164);
}

std::optional<std::int64_t> customer_id_of(std::string_view text) {
  if (text.starts_with("#")) text.remove_prefix(1);
  if (text.empty() || text.size() > 15) return std::nullopt;
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  return std::stoll(std::string(text));
}

// Postal codes a CSR types alone: five digits (France, United States), a
// Canadian "A1A 1A1", or a British outward and inward code.
bool looks_like_postal_code(std::string_view text) {
  std::string key = postal_key(text);
  if (key.size() == 5 && key.find_first_not_of("0123456789") == std::string::npos) return true;
  if (key.size() == 6 && std::isalpha(key[0]) && std::isdigit(key[1]) && std::isalpha(key[2]) &&
      std::isdigit(key[3]) && std::isalpha(key[4]) && std::isdigit(key[5]))
    return true;
  return false;
}

}  // namespace

bool looks_like_account_number(std::string_view text) {
  if (text.size() < 8 || text.size() > 13 || !std::isalpha(static_cast<unsigned char>(text[0])))
    return false;
  for (std::size_t i = 1; i < text.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

std::string business_number(std::string_view typed) {
  std::string out;
  for (char c : typed)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string postal_key(std::string_view postal_code) { return business_number(postal_code); }

Result<SearchQuery> parse_search(const SearchInput& in, std::string_view region) {
  const std::pair<const std::string*, const char*> fields[] = {
      {&in.text, "q"},
      {&in.name, "name"},
      {&in.phone, "phone"},
      {&in.email, "email"},
      {&in.address, "address"},
      {&in.postal_code, "postal_code"},
      {&in.account_number, "account_number"},
      {&in.customer_id, "customer_id"}};
  // Characters, not bytes: "é" is two bytes of UTF-8 but one character.
  auto characters = [](const std::string& s) {
    return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
  };
  for (const auto& [value, field] : fields)
    if (static_cast<std::size_t>(characters(*value)) > kMaxSearchLength)
      return Error::invalid("search.too_long", field, {{"max", std::to_string(kMaxSearchLength)}});

  SearchQuery q;
  const std::string text = trim(in.text);
  if (!text.empty()) {
    if (text.find('@') != std::string::npos && text.find(' ') == std::string::npos) {
      q.email = lower(text);
    } else if (looks_like_account_number(text)) {
      q.account_number = upper(text);
    } else if (auto id = customer_id_of(text); id && text.starts_with("#")) {
      q.customer_id = id;
    } else if (looks_like_postal_code(text) && !looks_like_phone(text)) {
      q.postal_key = postal_key(text);
    } else if (looks_like_phone(text)) {
      add_phone(q, text, region);
      if (q.phones.empty() && looks_like_postal_code(text)) q.postal_key = postal_key(text);
      if (q.phones.empty() && !q.postal_key) q.words = search_words(text);
    } else {
      q.words = search_words(text);
    }
  }
  for (auto& w : search_words(in.name)) q.words.push_back(w);
  for (auto& w : search_words(in.address)) q.words.push_back(w);
  if (auto p = trim(in.phone); !p.empty()) {
    auto phone = parse_phone(p, region);
    if (!phone) return phone.error();
    q.phones.push_back(phone->e164);
  }
  if (auto e = trim(in.email); !e.empty()) q.email = lower(e);
  if (auto a = trim(in.account_number); !a.empty()) q.account_number = upper(a);
  if (auto c = trim(in.customer_id); !c.empty()) {
    q.customer_id = customer_id_of(c);
    if (!q.customer_id) return Error::invalid("search.customer_id_invalid", "customer_id");
  }
  if (auto pc = trim(in.postal_code); !pc.empty()) q.postal_key = postal_key(pc);
  return q;
}

}  // namespace rapport::domain
