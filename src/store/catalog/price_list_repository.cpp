#include "store/catalog/price_list_repository.h"

#include <soci/soci.h>

#include "store/actor_column.h"
#include "store/catalog/catalog_json.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

using domain::PriceList;
using domain::ProductPrice;

constexpr const char* kPriceListSelect =
    "SELECT id, code, name_en, name_fr, currency, valid_from, valid_to, is_default, version FROM "
    "price_lists ";

PriceList price_list_from(const soci::row& r) {
  PriceList l;
  l.id = Id<PriceList>{int64_at(r, 0)};
  l.code = text_at(r, 1);
  l.name_en = text_at(r, 2);
  l.name_fr = text_at(r, 3);
  l.currency = text_at(r, 4);
  l.valid_from = parse_date(text_at(r, 5)).value_or(CivilDate{});
  if (auto to = optional_text_at(r, 6)) l.valid_to = parse_date(*to);
  l.is_default = int_at(r, 7) != 0;
  l.version = int64_at(r, 8);
  return l;
}

std::vector<PriceList> select_price_lists(Tx& tx, const std::string& where_and_order) {
  std::vector<PriceList> out;
  soci::rowset<soci::row> rs = tx.sql().prepare << std::string(kPriceListSelect) + where_and_order;
  for (const auto& r : rs) out.push_back(price_list_from(r));
  return out;
}

AuditedFields audited(const PriceList& l) {
  return {{"name_en", l.name_en},
          {"name_fr", l.name_fr},
          {"currency", l.currency},
          {"valid_from", format_date(l.valid_from)},
          {"valid_to", l.valid_to ? format_date(*l.valid_to) : ""},
          {"is_default", l.is_default ? "1" : "0"}};
}

void unmark_other_defaults(Tx& tx, const PriceList& l) {
  if (!l.is_default) return;
  long long id = l.id.value;
  tx.sql() << "UPDATE price_lists SET is_default = 0, version = version + 1 WHERE is_default = 1 "
              "AND id <> :id",
      soci::use(id);
}

ProductPrice product_price_from(const soci::row& r) {
  return {Id<domain::Product>{int64_at(r, 0)}, int64_at(r, 1), tiers_from_json(text_at(r, 2))};
}

std::string product_price_text(const ProductPrice& p) {
  return std::to_string(p.unit_price) + " " + tiers_to_json(p.tiers);
}

std::optional<ProductPrice> product_price_of(Tx& tx, Id<PriceList> list,
                                             Id<domain::Product> product) {
  auto found = PriceListRepository::prices(tx, list, {product.value});
  if (found.empty()) return std::nullopt;
  return found.front();
}

}  // namespace

Result<PriceList> PriceListRepository::insert(Tx& tx, PriceList l, const Actor& actor,
                                              Instant now) {
  long long taken = 0;
  tx.sql() << "SELECT COUNT(*) FROM price_lists WHERE code = :c", soci::use(l.code),
      soci::into(taken);
  if (taken > 0)
    return Error{ErrorCode::conflict, "price_list.code_taken", {{"code", l.code}}, "code", {}};
  std::string when = format_instant(now), from = format_date(l.valid_from);
  std::string to = l.valid_to ? format_date(*l.valid_to) : "";
  soci::indicator to_ind = l.valid_to ? soci::i_ok : soci::i_null, by_ind;
  int is_default = l.is_default ? 1 : 0;
  long long by = actor_id(actor, by_ind), id = 0;
  tx.sql() << "INSERT INTO price_lists (code, name_en, name_fr, currency, valid_from, valid_to, "
              "is_default, version, created_at, updated_at, updated_by) VALUES (:c, :ne, :nf, "
              ":cur, :f, :t, :d, 1, :at, :up, :by) RETURNING id",
      soci::use(l.code), soci::use(l.name_en), soci::use(l.name_fr), soci::use(l.currency),
      soci::use(from), soci::use(to, to_ind), soci::use(is_default), soci::use(when),
      soci::use(when), soci::use(by, by_ind), soci::into(id);
  l.id = Id<PriceList>{id};
  l.version = 1;
  unmark_other_defaults(tx, l);
  std::vector<FieldChange> changes{{"code", std::nullopt, l.code}};
  note_created(changes, audited(l));
  AuditRepository::record(tx, actor, now, "price_list", id, changes);
  return l;
}

Result<Version> PriceListRepository::update(Tx& tx, const PriceList& l, const Actor& actor,
                                            Instant now) {
  auto before = find(tx, l.id);
  if (!before) return before.error();
  std::string when = format_instant(now), from = format_date(l.valid_from);
  std::string to = l.valid_to ? format_date(*l.valid_to) : "";
  soci::indicator to_ind = l.valid_to ? soci::i_ok : soci::i_null, by_ind;
  int is_default = l.is_default ? 1 : 0;
  long long by = actor_id(actor, by_ind), id = l.id.value, version = l.version;
  soci::statement st =
      (tx.sql().prepare << "UPDATE price_lists SET name_en = :ne, name_fr = :nf, currency = :cur, "
                           "valid_from = :f, valid_to = :t, is_default = :d, version = version + "
                           "1, updated_at = :up, updated_by = :by WHERE id = :id AND version = :v",
       soci::use(l.name_en), soci::use(l.name_fr), soci::use(l.currency), soci::use(from),
       soci::use(to, to_ind), soci::use(is_default), soci::use(when), soci::use(by, by_ind),
       soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "price_lists", id);
  unmark_other_defaults(tx, l);
  std::vector<FieldChange> changes;
  note_changes(changes, audited(*before), audited(l));
  AuditRepository::record(tx, actor, now, "price_list", id, changes);
  return l.version + 1;
}

Result<PriceList> PriceListRepository::find(Tx& tx, Id<PriceList> id) {
  auto rows = select_price_lists(tx, "WHERE id = " + std::to_string(id.value));
  if (rows.empty()) return Error::not_found("price_list.not_found");
  return std::move(rows.front());
}

std::vector<PriceList> PriceListRepository::list(Tx& tx) {
  return select_price_lists(tx, "ORDER BY code");
}

std::optional<PriceList> PriceListRepository::default_list(Tx& tx) {
  auto rows = select_price_lists(tx, "WHERE is_default = 1 ORDER BY id");
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<PriceList> PriceListRepository::for_customer(Tx& tx, std::int64_t customer,
                                                           std::optional<std::int64_t> account) {
  long long own = 0;
  soci::indicator ind = soci::i_null;
  if (account) {
    long long aid = *account;
    tx.sql() << "SELECT price_list_id FROM accounts WHERE id = :a", soci::use(aid),
        soci::into(own, ind);
  }
  if (!tx.sql().got_data() || ind != soci::i_ok) {
    long long cid = customer;
    ind = soci::i_null;
    tx.sql() << "SELECT price_list_id FROM customers WHERE id = :c", soci::use(cid),
        soci::into(own, ind);
  }
  if (tx.sql().got_data() && ind == soci::i_ok) {
    if (auto list = find(tx, Id<PriceList>{own})) return *list;
  }
  return default_list(tx);
}

Result<Version> PriceListRepository::touch(Tx& tx, Id<PriceList> list,
                                           std::optional<Version> expected, const Actor& actor,
                                           Instant now) {
  std::string when = format_instant(now);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = list.value, version = expected.value_or(0);
  int any = expected ? 0 : 1;
  soci::statement st =
      (tx.sql().prepare << "UPDATE price_lists SET version = version + 1, updated_at = :up, "
                           "updated_by = :by WHERE id = :id AND (:any = 1 OR version = :v)",
       soci::use(when), soci::use(by, by_ind), soci::use(id), soci::use(any), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    if (!expected) return Error::not_found("price_list.not_found");
    return stale_record_error(tx, "price_lists", id);
  }
  long long now_version = 0;
  tx.sql() << "SELECT version FROM price_lists WHERE id = :id", soci::use(id),
      soci::into(now_version);
  return Version{now_version};
}

void PriceListRepository::set_price(Tx& tx, Id<PriceList> list, const ProductPrice& price,
                                    const Actor& actor, Instant now) {
  auto before = product_price_of(tx, list, price.product);
  long long lid = list.value, pid = price.product.value, unit = price.unit_price;
  std::string tiers = tiers_to_json(price.tiers);
  if (before)
    tx.sql() << "UPDATE product_prices SET unit_price = :u, tiers_json = :t WHERE price_list_id "
                "= :l AND product_id = :p",
        soci::use(unit), soci::use(tiers), soci::use(lid), soci::use(pid);
  else
    tx.sql() << "INSERT INTO product_prices (price_list_id, product_id, unit_price, tiers_json) "
                "VALUES (:l, :p, :u, :t)",
        soci::use(lid), soci::use(pid), soci::use(unit), soci::use(tiers);
  std::vector<FieldChange> changes;
  note_change(changes, "price." + std::to_string(pid), before ? product_price_text(*before) : "",
              product_price_text(price));
  AuditRepository::record(tx, actor, now, "price_list", lid, changes);
}

Status PriceListRepository::remove_price(Tx& tx, Id<PriceList> list, Id<domain::Product> product,
                                         const Actor& actor, Instant now) {
  auto before = product_price_of(tx, list, product);
  if (!before) return Error::not_found("price.not_found");
  long long lid = list.value, pid = product.value;
  tx.sql() << "DELETE FROM product_prices WHERE price_list_id = :l AND product_id = :p",
      soci::use(lid), soci::use(pid);
  AuditRepository::record(
      tx, actor, now, "price_list", lid,
      {{"price." + std::to_string(pid), product_price_text(*before), std::nullopt}});
  return Ok{};
}

std::vector<ProductPrice> PriceListRepository::prices(Tx& tx, Id<PriceList> list,
                                                      const std::vector<std::int64_t>& products) {
  std::vector<ProductPrice> out;
  if (products.empty()) return out;
  std::string in;
  for (auto id : products) in += (in.empty() ? "" : ",") + std::to_string(id);
  long long lid = list.value;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT product_id, unit_price, tiers_json FROM product_prices WHERE "
                           "price_list_id = :l AND product_id IN (" +
                               in + ")",
       soci::use(lid));
  for (const auto& r : rs) out.push_back(product_price_from(r));
  return out;
}

std::vector<ProductPrice> PriceListRepository::all_prices(Tx& tx, Id<PriceList> list) {
  std::vector<ProductPrice> out;
  long long lid = list.value;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT pp.product_id, pp.unit_price, pp.tiers_json FROM "
                           "product_prices pp JOIN products p ON p.id = pp.product_id WHERE "
                           "pp.price_list_id = :l ORDER BY p.code",
       soci::use(lid));
  for (const auto& r : rs) out.push_back(product_price_from(r));
  return out;
}

void PriceListRepository::assign(Tx& tx, std::int64_t customer, std::optional<std::int64_t> account,
                                 std::optional<Id<PriceList>> list, const Actor& actor,
                                 Instant now) {
  long long lid = list ? list->value : 0, id = account ? *account : customer;
  soci::indicator ind = list ? soci::i_ok : soci::i_null;
  std::string table = account ? "accounts" : "customers";
  tx.sql() << "UPDATE " + table + " SET price_list_id = :l WHERE id = :id", soci::use(lid, ind),
      soci::use(id);
  AuditRepository::record(tx, actor, now, account ? "account" : "customer", id,
                          {{"price_list", std::nullopt, list ? std::to_string(lid) : ""}});
}

Result<std::vector<PriceListHolder>> PriceListRepository::holders_of(Tx& tx,
                                                                     std::int64_t customer) {
  std::vector<PriceListHolder> out;
  long long cid = customer;
  auto holder_from = [](const soci::row& r) {
    PriceListHolder h;
    h.id = int64_at(r, 0);
    h.number = text_at(r, 1);
    h.currency = text_at(r, 2);
    if (r.get_indicator(3) == soci::i_ok) h.list = Id<PriceList>{int64_at(r, 3)};
    h.version = int64_at(r, 4);
    return h;
  };
  {
    soci::rowset<soci::row> rs =
        (tx.sql().prepare
             << "SELECT id, CAST('' AS TEXT), CAST('' AS TEXT), price_list_id, version "
                "FROM customers WHERE id = :c",
         soci::use(cid));
    for (const auto& r : rs) out.push_back(holder_from(r));
  }
  if (out.empty()) return Error::not_found("customer.not_found");
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT id, number, currency, price_list_id, version FROM accounts "
                           "WHERE customer_id = :c ORDER BY number",
       soci::use(cid));
  for (const auto& r : rs) out.push_back(holder_from(r));
  return out;
}

Result<Version> PriceListRepository::assign_at(Tx& tx, std::int64_t customer,
                                               std::optional<std::int64_t> account,
                                               std::optional<Id<PriceList>> list, Version version,
                                               const Actor& actor, Instant now) {
  const std::string table = account ? "accounts" : "customers";
  long long id = account ? *account : customer, lid = list ? list->value : 0, v = version;
  long long before = 0;
  soci::indicator before_ind = soci::i_null, lind = list ? soci::i_ok : soci::i_null, by_ind;
  tx.sql() << "SELECT price_list_id FROM " + table + " WHERE id = :id", soci::use(id),
      soci::into(before, before_ind);
  const bool had_list = tx.sql().got_data() && before_ind == soci::i_ok;
  long long by = actor_id(actor, by_ind);
  std::string when = format_instant(now);
  soci::statement st =
      (tx.sql().prepare << "UPDATE " + table +
                               " SET price_list_id = :l, version = version + 1, updated_at = :up, "
                               "updated_by = :by WHERE id = :id AND version = :v",
       soci::use(lid, lind), soci::use(when), soci::use(by, by_ind), soci::use(id), soci::use(v));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, table, id);
  std::vector<FieldChange> changes;
  note_change(changes, "price_list", had_list ? std::to_string(before) : "",
              list ? std::to_string(lid) : "");
  AuditRepository::record(tx, actor, now, account ? "account" : "customer", id, changes);
  return version + 1;
}

}  // namespace rapport::store
