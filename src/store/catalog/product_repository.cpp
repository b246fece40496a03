#include "store/catalog/product_repository.h"

#include <algorithm>

#include <soci/soci.h>

#include "domain/customers/search_text.h"
#include "store/actor_column.h"
#include "store/catalog/catalog_json.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

using domain::Product;

constexpr const char* kProductSelect =
    "SELECT id, code, name_en, name_fr, description_en, description_fr, product_type, unit, "
    "trackable, orderable_from, orderable_to, features_json, vat_rate, active, version FROM "
    "products ";

Product product_from(const soci::row& r) {
  Product p;
  p.id = Id<Product>{int64_at(r, 0)};
  p.code = text_at(r, 1);
  p.name_en = text_at(r, 2);
  p.name_fr = text_at(r, 3);
  p.description_en = text_at(r, 4);
  p.description_fr = text_at(r, 5);
  p.type = enum_from_code<domain::ProductType>(text_at(r, 6)).value_or(domain::ProductType::goods);
  p.unit = text_at(r, 7);
  p.trackable = int_at(r, 8) != 0;
  p.orderable_from = parse_date(text_at(r, 9)).value_or(CivilDate{});
  if (auto to = optional_text_at(r, 10)) p.orderable_to = parse_date(*to);
  p.features = features_from_json(text_at(r, 11));
  p.vat_rate = int_at(r, 12);
  p.active = int_at(r, 13) != 0;
  p.version = int64_at(r, 14);
  return p;
}

std::vector<Product> select_products(Tx& tx, const std::string& where_and_order) {
  std::vector<Product> out;
  soci::rowset<soci::row> rs = tx.sql().prepare << std::string(kProductSelect) + where_and_order;
  for (const auto& r : rs) out.push_back(product_from(r));
  return out;
}

std::string product_search_key(const Product& p) {
  return domain::normalize_for_search(p.code + " " + p.name_en + " " + p.name_fr);
}

// The audited fields and their text, in a fixed order.
AuditedFields audited(const Product& p) {
  return {{"name_en", p.name_en},
          {"name_fr", p.name_fr},
          {"description_en", p.description_en},
          {"description_fr", p.description_fr},
          {"type", std::string(enum_code(p.type))},
          {"unit", p.unit},
          {"trackable", p.trackable ? "1" : "0"},
          {"orderable_from", format_date(p.orderable_from)},
          {"orderable_to", p.orderable_to ? format_date(*p.orderable_to) : ""},
          {"features", features_to_json(p.features)},
          {"vat_rate", std::to_string(p.vat_rate)},
          {"active", p.active ? "1" : "0"}};
}

// The columns every write binds, by name.
struct ProductBound {
  std::string type, from, features, key;
  std::optional<std::string> to;
  int trackable, vat, active;
  soci::indicator to_ind;
  explicit ProductBound(const Product& p)
      : type(enum_code(p.type)),
        from(format_date(p.orderable_from)),
        features(features_to_json(p.features)),
        key(product_search_key(p)),
        to(p.orderable_to ? std::optional(format_date(*p.orderable_to)) : std::nullopt),
        trackable(p.trackable ? 1 : 0),
        vat(p.vat_rate),
        active(p.active ? 1 : 0),
        to_ind(to ? soci::i_ok : soci::i_null) {}
};

Error product_code_taken(const std::string& code) {
  return Error{ErrorCode::conflict, "product.code_taken", {{"code", code}}, "code", {}};
}

}  // namespace

Result<Product> ProductRepository::insert(Tx& tx, Product p, const Actor& actor, Instant now) {
  if (find_by_code(tx, p.code)) return product_code_taken(p.code);
  ProductBound b(p);
  std::string when = format_instant(now), to = b.to.value_or("");
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = 0;
  tx.sql() << "INSERT INTO products (code, name_en, name_fr, description_en, description_fr, "
              "product_type, unit, trackable, orderable_from, orderable_to, features_json, "
              "vat_rate, active, search_key, version, created_at, updated_at, updated_by) VALUES "
              "(:code, :ne, :nf, :de, :df, :t, :u, :tr, :f, :to, :fj, :v, :a, :k, 1, :c, :up, :by) "
              "RETURNING id",
      soci::use(p.code), soci::use(p.name_en), soci::use(p.name_fr), soci::use(p.description_en),
      soci::use(p.description_fr), soci::use(b.type), soci::use(p.unit), soci::use(b.trackable),
      soci::use(b.from), soci::use(to, b.to_ind), soci::use(b.features), soci::use(b.vat),
      soci::use(b.active), soci::use(b.key), soci::use(when), soci::use(when),
      soci::use(by, by_ind), soci::into(id);
  p.id = Id<Product>{id};
  p.version = 1;
  std::vector<FieldChange> changes{{"code", std::nullopt, p.code}};
  note_created(changes, audited(p));
  AuditRepository::record(tx, actor, now, "product", id, changes);
  return p;
}

Result<Version> ProductRepository::update(Tx& tx, const Product& p, const Actor& actor,
                                          Instant now) {
  auto before = find(tx, p.id);
  if (!before) return before.error();
  ProductBound b(p);
  std::string when = format_instant(now), to = b.to.value_or("");
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = p.id.value, version = p.version;
  soci::statement st =
      (tx.sql().prepare << "UPDATE products SET name_en = :ne, name_fr = :nf, description_en = "
                           ":de, description_fr = :df, product_type = :t, unit = :u, trackable = "
                           ":tr, orderable_from = :f, orderable_to = :to, features_json = :fj, "
                           "vat_rate = :v, active = :a, search_key = :k, version = version + 1, "
                           "updated_at = :up, updated_by = :by WHERE id = :id AND version = :ver",
       soci::use(p.name_en), soci::use(p.name_fr), soci::use(p.description_en),
       soci::use(p.description_fr), soci::use(b.type), soci::use(p.unit), soci::use(b.trackable),
       soci::use(b.from), soci::use(to, b.to_ind), soci::use(b.features), soci::use(b.vat),
       soci::use(b.active), soci::use(b.key), soci::use(when), soci::use(by, by_ind), soci::use(id),
       soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "products", id);
  std::vector<FieldChange> changes;
  note_changes(changes, audited(*before), audited(p));
  AuditRepository::record(tx, actor, now, "product", id, changes);
  return p.version + 1;
}

Result<Product> ProductRepository::find(Tx& tx, Id<Product> id) {
  auto rows = select_products(tx, "WHERE id = " + std::to_string(id.value));
  if (rows.empty()) return Error::not_found("product.not_found");
  return std::move(rows.front());
}

std::optional<Product> ProductRepository::find_by_code(Tx& tx, const std::string& code) {
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string(kProductSelect) + "WHERE code = :code", soci::use(code));
  for (const auto& r : rs) return product_from(r);
  return std::nullopt;
}

std::vector<Product> ProductRepository::search(Tx& tx, const ProductFilter& f) {
  std::string where = "WHERE 1 = 1";
  if (!f.include_inactive || f.orderable_only) where += " AND active = 1";
  std::vector<std::string> patterns;
  for (const auto& word : domain::search_words(f.text)) {
    if (patterns.size() == 5) break;  // five words narrow any catalog enough
    patterns.push_back("%" + word + "%");
  }
  for (std::size_t i = 0; i < patterns.size(); ++i)
    where += " AND search_key LIKE :w" + std::to_string(i);
  // The type is one of the enum's codes, never user text.
  if (f.type) where += " AND product_type = '" + std::string(enum_code(*f.type)) + "'";
  std::string day;
  if (f.orderable_only && f.orderable_on) {
    day = format_date(*f.orderable_on);
    where += " AND orderable_from <= :day AND (orderable_to IS NULL OR orderable_to >= :day2)";
  }
  std::string sql = std::string(kProductSelect) + where + " ORDER BY code LIMIT " +
                    std::to_string(std::clamp(f.limit, 1, 500)) + " OFFSET " +
                    std::to_string(std::max(f.offset, 0));
  soci::statement st = tx.sql().prepare << sql;
  soci::row row;
  st.exchange(soci::into(row));
  for (auto& p : patterns) st.exchange(soci::use(p));
  if (!day.empty()) {
    st.exchange(soci::use(day));
    st.exchange(soci::use(day));
  }
  st.define_and_bind();
  std::vector<Product> out;
  if (st.execute(true)) {
    do out.push_back(product_from(row));
    while (st.fetch());
  }
  return out;
}

std::vector<Product> ProductRepository::of_ids(Tx& tx, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::string in;
  for (auto id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
  return select_products(tx, "WHERE id IN (" + in + ") ORDER BY code");
}

}  // namespace rapport::store
