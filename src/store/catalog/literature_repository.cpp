#include "store/catalog/literature_repository.h"

#include <array>

#include <soci/soci.h>

#include "store/actor_column.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

using domain::Literature;

constexpr const char* kLiteratureSelect =
    "SELECT id, product_id, title_en, title_fr, language, file_name, content_type, size_bytes, "
    "created_at, version FROM literature ";

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string literature_base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16 |
                       static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64Alphabet[n >> 18 & 63];
    out += kBase64Alphabet[n >> 12 & 63];
    out += kBase64Alphabet[n >> 6 & 63];
    out += kBase64Alphabet[n & 63];
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kBase64Alphabet[n >> 18 & 63];
    out += kBase64Alphabet[n >> 12 & 63];
    out += rest == 2 ? kBase64Alphabet[n >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

std::string literature_unbase64(std::string_view text) {
  std::array<int, 256> value{};
  value.fill(-1);
  for (int k = 0; k < 64; ++k) value[static_cast<unsigned char>(kBase64Alphabet[k])] = k;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  unsigned n = 0;
  int bits = 0;
  for (char c : text) {
    const int v = value[static_cast<unsigned char>(c)];
    if (v < 0) continue;  // padding
    n = n << 6 | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>(n >> bits & 0xff);
    }
  }
  return out;
}

Literature literature_from(const soci::row& r) {
  Literature l;
  l.id = Id<Literature>{int64_at(r, 0)};
  if (auto p = optional_int64_at(r, 1)) l.product = Id<domain::Product>{*p};
  l.title_en = text_at(r, 2);
  l.title_fr = text_at(r, 3);
  l.language = parse_language(text_at(r, 4)).value_or(Language::en);
  l.file_name = text_at(r, 5);
  l.content_type = text_at(r, 6);
  l.size = int64_at(r, 7);
  l.created_at = parse_instant(text_at(r, 8)).value_or(Instant{});
  l.version = int64_at(r, 9);
  return l;
}

std::vector<Literature> select_literature(Tx& tx, const std::string& where_and_order) {
  std::vector<Literature> out;
  soci::rowset<soci::row> rs = tx.sql().prepare << std::string(kLiteratureSelect) + where_and_order;
  for (const auto& r : rs) out.push_back(literature_from(r));
  return out;
}

AuditedFields literature_audited(const Literature& l) {
  return {{"product", l.product ? std::to_string(l.product->value) : ""},
          {"title_en", l.title_en},
          {"title_fr", l.title_fr},
          {"language", std::string(code(l.language))},
          {"file_name", l.file_name},
          {"content_type", l.content_type},
          {"size", std::to_string(l.size)}};
}

}  // namespace

Literature LiteratureRepository::insert(Tx& tx, Literature l, std::string_view bytes,
                                        const Actor& actor, Instant now) {
  const std::string when = format_instant(now), language(code(l.language)),
                    content = literature_base64(bytes);
  soci::indicator by_ind, product_ind = l.product ? soci::i_ok : soci::i_null;
  long long by = actor_id(actor, by_ind), id = 0, product = l.product ? l.product->value : 0,
            size = l.size;
  tx.sql() << "INSERT INTO literature (product_id, title_en, title_fr, language, file_name, "
              "content_type, size_bytes, content_base64, version, created_at, updated_at, "
              "updated_by) VALUES (:p, :te, :tf, :l, :f, :t, :s, :c, 1, :ca, :ua, :by) "
              "RETURNING id",
      soci::use(product, product_ind), soci::use(l.title_en), soci::use(l.title_fr),
      soci::use(language), soci::use(l.file_name), soci::use(l.content_type), soci::use(size),
      soci::use(content), soci::use(when), soci::use(when), soci::use(by, by_ind), soci::into(id);
  l.id = Id<Literature>{id};
  l.version = 1;
  l.created_at = now;
  std::vector<FieldChange> changes;
  note_created(changes, literature_audited(l));
  AuditRepository::record(tx, actor, now, "literature", id, changes);
  if (l.product)
    AuditRepository::record(tx, actor, now, "product", l.product->value,
                            {{"literature." + std::to_string(id), std::nullopt, l.file_name}});
  return l;
}

Result<Literature> LiteratureRepository::find(Tx& tx, Id<Literature> id) {
  auto rows = select_literature(tx, "WHERE id = " + std::to_string(id.value));
  if (rows.empty()) return Error::not_found("literature.not_found");
  return std::move(rows.front());
}

Result<std::string> LiteratureRepository::bytes(Tx& tx, Id<Literature> id) {
  std::string content;
  soci::indicator ind = soci::i_null;
  long long lid = id.value;
  tx.sql() << "SELECT content_base64 FROM literature WHERE id = :id", soci::use(lid),
      soci::into(content, ind);
  if (!tx.sql().got_data() || ind != soci::i_ok) return Error::not_found("literature.not_found");
  return literature_unbase64(content);
}

std::vector<Literature> LiteratureRepository::of_product(
    Tx& tx, std::optional<Id<domain::Product>> product) {
  return select_literature(tx, (product ? "WHERE product_id = " + std::to_string(product->value)
                                        : std::string("WHERE product_id IS NULL")) +
                                   " ORDER BY id DESC");
}

std::vector<Literature> LiteratureRepository::of_products(Tx& tx,
                                                          const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::string in;
  for (auto id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
  return select_literature(tx, "WHERE product_id IN (" + in + ") ORDER BY product_id, id DESC");
}

std::size_t LiteratureRepository::count_of_product(Tx& tx, Id<domain::Product> product) {
  long long n = 0, pid = product.value;
  tx.sql() << "SELECT COUNT(*) FROM literature WHERE product_id = :p", soci::use(pid),
      soci::into(n);
  return static_cast<std::size_t>(n);
}

Status LiteratureRepository::remove(Tx& tx, Id<Literature> id, Version version, const Actor& actor,
                                    Instant now) {
  auto before = find(tx, id);
  if (!before) return before.error();
  long long lid = id.value, ver = version;
  soci::statement st =
      (tx.sql().prepare << "DELETE FROM literature WHERE id = :id AND version = :v", soci::use(lid),
       soci::use(ver));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "literature", lid);
  std::vector<FieldChange> changes;
  for (const auto& [field, value] : literature_audited(*before))
    if (!value.empty()) changes.push_back({field, value, std::nullopt});
  AuditRepository::record(tx, actor, now, "literature", lid, changes);
  if (before->product)
    AuditRepository::record(
        tx, actor, now, "product", before->product->value,
        {{"literature." + std::to_string(lid), before->file_name, std::nullopt}});
  return Ok{};
}

}  // namespace rapport::store
