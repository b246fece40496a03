#include "domain/catalog/literature.h"

#include <algorithm>

namespace rapport::domain {

const std::string& literature_title(const Literature& l, Language language) {
  if (language == Language::fr) return l.title_fr.empty() ? l.title_en : l.title_fr;
  return l.title_en.empty() ? l.title_fr : l.title_en;
}

namespace {

// True when `bytes` is well-formed UTF-8 with no control character but
// tab, line feed and carriage return (and the form feed of some text files).
bool is_plain_text(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f) return false;
      ++i;
      continue;
    }
    const int extra = c >= 0xc2 && c <= 0xdf   ? 1
                      : c >= 0xe0 && c <= 0xef ? 2
                      : c >= 0xf0 && c <= 0xf4 ? 3
                                               : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= bytes.size()) return false;
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xc0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

}  // namespace

std::optional<std::string> sniff_literature_type(std::string_view bytes) {
  if (bytes.starts_with("%PDF-")) return "application/pdf";
  if (bytes.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) return "image/png";
  if (bytes.starts_with("\xff\xd8\xff")) return "image/jpeg";
  if (!bytes.empty() && is_plain_text(bytes)) return "text/plain";
  return std::nullopt;
}

std::string clean_file_name(std::string_view name) {
  if (auto slash = name.find_last_of("/\\"); slash != std::string_view::npos)
    name.remove_prefix(slash + 1);
  std::string out;
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f || ch == '"' || ch == ';') continue;
    out += ch;
  }
  while (!out.empty() && (out.front() == ' ' || out.front() == '.')) out.erase(out.begin());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > kMaxLiteratureFileNameLength) {
    std::size_t cut = kMaxLiteratureFileNameLength;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0) == 0x80) --cut;
    out.resize(cut);
  }
  return out.empty() ? "document" : out;
}

std::string served_content_type(const Literature& l) {
  return l.content_type == "text/plain" ? "text/plain; charset=utf-8" : l.content_type;
}

std::optional<Error> literature_size_error(std::uint64_t size) {
  if (size == 0) return Error::invalid("literature.file_empty", "file");
  if (size > static_cast<std::uint64_t>(kMaxLiteratureBytes))
    return Error::invalid("literature.too_large", "file",
                          {{"max_mb", std::to_string(kMaxLiteratureBytes >> 20)}});
  return std::nullopt;
}

FieldErrors validate_literature(Literature& l, std::string_view bytes,
                                std::string_view declared_type) {
  FieldErrors e;
  if (l.title_en.empty() && l.title_fr.empty()) e.add(Error::invalid("field.required", "title_en"));
  for (const auto* f : {&l.title_en, &l.title_fr})
    if (f->size() > kMaxLiteratureTitleLength)
      e.add(Error::invalid("field.too_long", f == &l.title_en ? "title_en" : "title_fr",
                           {{"max", std::to_string(kMaxLiteratureTitleLength)}}));
  if (auto size = literature_size_error(bytes.size())) {
    e.add(*size);
    return e;
  }
  auto type = sniff_literature_type(bytes);
  if (!type) {
    e.add(Error::invalid("literature.type_refused", "file"));
    return e;
  }
  std::string declared(declared_type.substr(0, declared_type.find(';')));
  while (!declared.empty() && declared.back() == ' ') declared.pop_back();
  std::transform(declared.begin(), declared.end(), declared.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (declared == "image/jpg") declared = "image/jpeg";
  if (!declared.empty() && declared != "application/octet-stream" && declared != *type)
    e.add(Error::invalid("literature.type_mismatch", "file"));
  l.content_type = *type;
  l.size = static_cast<std::int64_t>(bytes.size());
  return e;
}

}  // namespace rapport::domain
