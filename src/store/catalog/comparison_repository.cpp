#include "store/catalog/comparison_repository.h"

#include <soci/soci.h>

#include "store/actor_column.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

using domain::CompetitorComparison;

constexpr const char* kComparisonSelect =
    "SELECT id, product_id, competitor, their_product, their_price, currency, advantages_en, "
    "advantages_fr, version FROM competitor_comparisons ";

CompetitorComparison comparison_from(const soci::row& r) {
  CompetitorComparison c;
  c.id = Id<CompetitorComparison>{int64_at(r, 0)};
  c.product = Id<domain::Product>{int64_at(r, 1)};
  c.competitor = text_at(r, 2);
  c.their_product = text_at(r, 3);
  if (auto price = optional_int64_at(r, 4)) c.their_price = *price;
  c.currency = text_at(r, 5);
  c.advantages_en = text_at(r, 6);
  c.advantages_fr = text_at(r, 7);
  c.version = int64_at(r, 8);
  return c;
}

std::vector<CompetitorComparison> select_comparisons(Tx& tx, const std::string& where_and_order) {
  std::vector<CompetitorComparison> out;
  soci::rowset<soci::row> rs = tx.sql().prepare << std::string(kComparisonSelect) + where_and_order;
  for (const auto& r : rs) out.push_back(comparison_from(r));
  return out;
}

AuditedFields comparison_audited(const CompetitorComparison& c) {
  return {{"product", std::to_string(c.product.value)},
          {"competitor", c.competitor},
          {"their_product", c.their_product},
          {"their_price", c.their_price ? std::to_string(*c.their_price) : ""},
          {"currency", c.currency},
          {"advantages_en", c.advantages_en},
          {"advantages_fr", c.advantages_fr}};
}

}  // namespace

CompetitorComparison ComparisonRepository::insert(Tx& tx, CompetitorComparison c,
                                                  const Actor& actor, Instant now) {
  const std::string when = format_instant(now);
  soci::indicator by_ind, price_ind = c.their_price ? soci::i_ok : soci::i_null;
  long long by = actor_id(actor, by_ind), id = 0, product = c.product.value,
            price = c.their_price.value_or(0);
  tx.sql() << "INSERT INTO competitor_comparisons (product_id, competitor, their_product, "
              "their_price, currency, advantages_en, advantages_fr, version, created_at, "
              "updated_at, updated_by) VALUES (:p, :c, :tp, :pr, :cu, :ae, :af, 1, :ca, :ua, :by) "
              "RETURNING id",
      soci::use(product), soci::use(c.competitor), soci::use(c.their_product),
      soci::use(price, price_ind), soci::use(c.currency), soci::use(c.advantages_en),
      soci::use(c.advantages_fr), soci::use(when), soci::use(when), soci::use(by, by_ind),
      soci::into(id);
  c.id = Id<CompetitorComparison>{id};
  c.version = 1;
  std::vector<FieldChange> changes;
  note_created(changes, comparison_audited(c));
  AuditRepository::record(tx, actor, now, "competitor_comparison", id, changes);
  return c;
}

Result<Version> ComparisonRepository::update(Tx& tx, const CompetitorComparison& c,
                                             const Actor& actor, Instant now) {
  auto before = find(tx, c.id);
  if (!before) return before.error();
  const std::string when = format_instant(now);
  soci::indicator by_ind, price_ind = c.their_price ? soci::i_ok : soci::i_null;
  long long by = actor_id(actor, by_ind), id = c.id.value, version = c.version,
            price = c.their_price.value_or(0);
  soci::statement st =
      (tx.sql().prepare << "UPDATE competitor_comparisons SET competitor = :c, their_product = "
                           ":tp, their_price = :pr, currency = :cu, advantages_en = :ae, "
                           "advantages_fr = :af, version = version + 1, updated_at = :ua, "
                           "updated_by = :by WHERE id = :id AND version = :ver",
       soci::use(c.competitor), soci::use(c.their_product), soci::use(price, price_ind),
       soci::use(c.currency), soci::use(c.advantages_en), soci::use(c.advantages_fr),
       soci::use(when), soci::use(by, by_ind), soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "competitor_comparisons", id);
  CompetitorComparison after = c;
  after.product = before->product;
  std::vector<FieldChange> changes;
  note_changes(changes, comparison_audited(*before), comparison_audited(after));
  AuditRepository::record(tx, actor, now, "competitor_comparison", id, changes);
  return c.version + 1;
}

Status ComparisonRepository::remove(Tx& tx, Id<CompetitorComparison> id, Version version,
                                    const Actor& actor, Instant now) {
  auto before = find(tx, id);
  if (!before) return before.error();
  long long cid = id.value, ver = version;
  soci::statement st =
      (tx.sql().prepare << "DELETE FROM competitor_comparisons WHERE id = :id AND version = :v",
       soci::use(cid), soci::use(ver));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "competitor_comparisons", cid);
  std::vector<FieldChange> changes;
  for (const auto& [field, value] : comparison_audited(*before))
    if (!value.empty()) changes.push_back({field, value, std::nullopt});
  AuditRepository::record(tx, actor, now, "competitor_comparison", cid, changes);
  return Ok{};
}

Result<CompetitorComparison> ComparisonRepository::find(Tx& tx, Id<CompetitorComparison> id) {
  auto rows = select_comparisons(tx, "WHERE id = " + std::to_string(id.value));
  if (rows.empty()) return Error::not_found("comparison.not_found");
  return std::move(rows.front());
}

std::vector<CompetitorComparison> ComparisonRepository::of_products(
    Tx& tx, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::string in;
  for (auto id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
  return select_comparisons(tx,
                            "WHERE product_id IN (" + in + ") ORDER BY product_id, competitor, id");
}

std::vector<CompetitorComparison> ComparisonRepository::all(Tx& tx) {
  return select_comparisons(tx, "ORDER BY product_id, competitor, id");
}

}  // namespace rapport::store
