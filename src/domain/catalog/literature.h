// domain/catalog/literature.h: documents attached to a product or to the
// company (quotes-orders-assets.md, "Catalog and eAdvisor"): brochures and
// data sheets uploaded by managers, opened by CSRs in the browser. Only a
// few types are taken, recognised by their first bytes, not by the name or
// the type the sender declares.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/id.h"
#include "core/language.h"
#include "core/time.h"

namespace rapport::domain {

struct Product;

// A document's description; its bytes are read apart (they may be large).
struct Literature {
  Id<Literature> id;
  std::optional<Id<Product>> product;  // nullopt: about the company in general
  std::string title_en;
  std::string title_fr;
  Language language = Language::en;  // the language the document is written in
  std::string file_name;             // as shown and offered on download
  std::string content_type;          // one of literature_content_types()
  std::int64_t size = 0;             // bytes
  Instant created_at{};
  Version version = 0;
};

constexpr std::int64_t kMaxLiteratureBytes = std::int64_t{10} << 20;  // 10 MiB
constexpr std::size_t kMaxLiteraturePerProduct = 10;
constexpr std::size_t kMaxLiteratureTitleLength = 120;
constexpr std::size_t kMaxLiteratureFileNameLength = 120;

// The title in `language`, else the other one.
const std::string& literature_title(const Literature& l, Language language);

// The type the bytes are, by their first bytes: "application/pdf"
// (%PDF-), "image/png", "image/jpeg", "text/plain" (UTF-8 text without
// control characters but tab and line ends); nullopt for anything else.
std::optional<std::string> sniff_literature_type(std::string_view bytes);

// "brochure.pdf" from "C:\\docs\\brochure.pdf" or "../x/brochure.pdf": the
// last part of the path, without control characters, quotes or
// backslashes, at most kMaxLiteratureFileNameLength bytes (whole UTF-8
// characters); "document" when nothing is left.
std::string clean_file_name(std::string_view name);

// The Content-Type a document is served with: its type, with
// "; charset=utf-8" for text.
std::string served_content_type(const Literature& l);

// "literature.file_empty" (0 bytes) or "literature.too_large" (beyond
// kMaxLiteratureBytes, with {max_mb}) on file; nullopt when the size is
// allowed. Checked before the bytes are read.
std::optional<Error> literature_size_error(std::uint64_t size);

// Every fault of an upload, each on its field: a title ("field.required"
// on title_en when both are empty; "field.too_long"); a file
// ("literature.file_empty" on file); at most kMaxLiteratureBytes
// ("literature.too_large" on file, with {max_mb}); a known type by its
// bytes ("literature.type_refused" on file); a declared type, when given
// and not application/octet-stream, that is the one the bytes are
// ("literature.type_mismatch" on file). On success `l.content_type` and
// `l.size` are the bytes' own.
FieldErrors validate_literature(Literature& l, std::string_view bytes,
                                std::string_view declared_type);

}  // namespace rapport::domain
