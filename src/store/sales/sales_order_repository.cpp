#include "store/sales/sales_order_repository.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include <soci/soci.h>

#include "store/actor_column.h"
#include "store/catalog/catalog_json.h"
#include "store/row_values.h"
#include "store/sales/asset_repository.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

using domain::SalesOrder;
using domain::SalesOrderLine;

constexpr const char* kHeaderSelect =
    "SELECT id, number, status, customer_id, account_id, contact_id, requested_delivery, "
    "ship_line1, ship_line2, ship_postal_code, ship_city, ship_region, ship_country, departure, "
    "price_list_id, currency, notes, plan_entry_id, created_at, submitted_at, completed_at, "
    "version, quote_id FROM sales_orders ";

constexpr const char* kLineColumns =
    "l.id, l.order_id, l.line_number, l.product_id, l.product_code, l.quantity, l.unit_price, "
    "l.discount, l.vat_rate, l.status, l.fail_reason, l.asset_id, l.action, l.target_asset_id, "
    "l.features_json, l.target_status";
constexpr int kLineColumnCount = 16;

std::optional<Instant> optional_instant_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return parse_instant(*text);
}

SalesOrder sales_header_from(const soci::row& r) {
  SalesOrder o;
  o.id = Id<SalesOrder>{int64_at(r, 0)};
  o.number = text_at(r, 1);
  o.status = enum_from_code<domain::SalesOrderStatus>(text_at(r, 2))
                 .value_or(domain::SalesOrderStatus::pending);
  o.customer = int64_at(r, 3);
  o.account = optional_int64_at(r, 4);
  o.contact = optional_int64_at(r, 5);
  if (auto d = optional_text_at(r, 6)) o.requested_delivery = parse_date(*d);
  o.ship_to = {text_at(r, 7),  text_at(r, 8),  text_at(r, 9),
               text_at(r, 10), text_at(r, 11), text_at(r, 12)};
  o.departure = text_at(r, 13);
  o.price_list = Id<domain::PriceList>{int64_at(r, 14)};
  o.currency = text_at(r, 15);
  o.notes = text_at(r, 16);
  o.plan_entry = optional_int64_at(r, 17);
  o.created_at = parse_instant(text_at(r, 18)).value_or(Instant{});
  o.submitted_at = optional_instant_of(optional_text_at(r, 19));
  o.completed_at = optional_instant_of(optional_text_at(r, 20));
  o.version = int64_at(r, 21);
  o.quote = optional_int64_at(r, 22);
  return o;
}

SalesOrderLine sales_line_from(const soci::row& r) {
  SalesOrderLine l;
  l.id = Id<SalesOrderLine>{int64_at(r, 0)};
  l.line_number = int_at(r, 2);
  l.product = Id<domain::Product>{int64_at(r, 3)};
  l.product_code = text_at(r, 4);
  l.quantity = int64_at(r, 5);
  l.unit_price = int64_at(r, 6);
  l.discount = int64_at(r, 7);
  l.vat_rate = int_at(r, 8);
  l.status =
      enum_from_code<domain::LineStatus>(text_at(r, 9)).value_or(domain::LineStatus::pending);
  l.fail_reason = text_at(r, 10);
  l.asset = optional_int64_at(r, 11);
  l.action = enum_from_code<domain::LineAction>(text_at(r, 12)).value_or(domain::LineAction::add);
  l.target_asset = optional_int64_at(r, 13);
  if (auto f = optional_text_at(r, 14)) l.features = features_from_json(*f);
  if (auto st = optional_text_at(r, 15)) l.target_status = enum_from_code<domain::AssetStatus>(*st);
  return l;
}

// The orders' lines, by line number.
void load_sales_lines(Tx& tx, std::vector<SalesOrder>& orders) {
  if (orders.empty()) return;
  std::map<long long, SalesOrder*> by_id;
  std::string in;
  for (auto& o : orders) {
    by_id[o.id.value] = &o;
    in += (in.empty() ? "" : ",") + std::to_string(o.id.value);
  }
  soci::rowset<soci::row> rs = tx.sql().prepare << std::string("SELECT ") + kLineColumns +
                                                       " FROM sales_order_lines l WHERE "
                                                       "l.order_id IN (" +
                                                       in + ") ORDER BY l.order_id, l.line_number";
  for (const auto& r : rs) by_id[int64_at(r, 1)]->lines.push_back(sales_line_from(r));
}

std::vector<SalesOrder> select_sales_orders(Tx& tx, const std::string& where_and_order) {
  std::vector<SalesOrder> out;
  soci::rowset<soci::row> rs = tx.sql().prepare << std::string(kHeaderSelect) + where_and_order;
  for (const auto& r : rs) out.push_back(sales_header_from(r));
  load_sales_lines(tx, out);
  return out;
}

std::string sales_order_number(long long id) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "ORD-%06lld", id);
  return buffer;
}

// The header's columns as bound text and numbers, in the order of kHeaderSet.
struct BoundHeader {
  std::string status, delivery, submitted, completed;
  long long customer, account, contact, price_list, plan_entry;
  soci::indicator account_ind, contact_ind, delivery_ind, plan_ind, submitted_ind, completed_ind;
  explicit BoundHeader(const SalesOrder& o)
      : status(enum_code(o.status)),
        delivery(o.requested_delivery ? format_date(*o.requested_delivery) : ""),
        submitted(o.submitted_at ? format_instant(*o.submitted_at) : ""),
        completed(o.completed_at ? format_instant(*o.completed_at) : ""),
        customer(o.customer),
        account(o.account.value_or(0)),
        contact(o.contact.value_or(0)),
        price_list(o.price_list.value),
        plan_entry(o.plan_entry.value_or(0)),
        account_ind(o.account ? soci::i_ok : soci::i_null),
        contact_ind(o.contact ? soci::i_ok : soci::i_null),
        delivery_ind(o.requested_delivery ? soci::i_ok : soci::i_null),
        plan_ind(o.plan_entry ? soci::i_ok : soci::i_null),
        submitted_ind(o.submitted_at ? soci::i_ok : soci::i_null),
        completed_ind(o.completed_at ? soci::i_ok : soci::i_null) {}
};

constexpr const char* kHeaderSet =
    "status = :status, customer_id = :customer, account_id = :account, contact_id = :contact, "
    "requested_delivery = :delivery, ship_line1 = :l1, ship_line2 = :l2, ship_postal_code = "
    ":pc, ship_city = :city, ship_region = :region, ship_country = :country, departure = "
    ":departure, price_list_id = :pl, currency = :currency, notes = :notes, plan_entry_id = "
    ":entry, submitted_at = :submitted, completed_at = :completed";

// `bind` takes each element in turn (soci::statement::exchange, or
// CachedStatement::bind).
template <class Bind>
void bind_header(Bind&& bind, const SalesOrder& o, BoundHeader& b) {
  bind(soci::use(b.status));
  bind(soci::use(b.customer));
  bind(soci::use(b.account, b.account_ind));
  bind(soci::use(b.contact, b.contact_ind));
  bind(soci::use(b.delivery, b.delivery_ind));
  bind(soci::use(o.ship_to.line1));
  bind(soci::use(o.ship_to.line2));
  bind(soci::use(o.ship_to.postal_code));
  bind(soci::use(o.ship_to.city));
  bind(soci::use(o.ship_to.region));
  bind(soci::use(o.ship_to.country));
  bind(soci::use(o.departure));
  bind(soci::use(b.price_list));
  bind(soci::use(o.currency));
  bind(soci::use(o.notes));
  bind(soci::use(b.plan_entry, b.plan_ind));
  bind(soci::use(b.submitted, b.submitted_ind));
  bind(soci::use(b.completed, b.completed_ind));
}

std::string sales_line_text(const SalesOrderLine& l) {
  // The asset a fulfilled add line made: its creation is audited here
  // (AssetRepository::insert_many writes no audit row).
  const std::string made =
      l.asset && !l.target_asset ? " → " + asset_number_of(*l.asset) : std::string();
  std::string change;
  if (l.action != domain::LineAction::add || l.target_asset) {
    change = " (" + std::string(enum_code(l.action));
    if (l.target_asset) change += " asset " + std::to_string(*l.target_asset);
    if (l.target_status) change += " → " + std::string(enum_code(*l.target_status));
    if (l.features) change += " " + features_to_json(*l.features);
    change += ")";
  }
  return l.product_code + " × " + domain::quantity_text(l.quantity) + " @ " +
         std::to_string(l.unit_price) + " − " + std::to_string(l.discount) + change + " [" +
         std::string(enum_code(l.status)) + (l.fail_reason.empty() ? "" : ": " + l.fail_reason) +
         "]" + made;
}

// A line's change columns as bound values.
struct BoundChange {
  std::string action, features, status;
  long long target = 0;
  soci::indicator target_ind, features_ind, status_ind;
  explicit BoundChange(const SalesOrderLine& l)
      : action(enum_code(l.action)),
        features(l.features ? features_to_json(*l.features) : ""),
        status(l.target_status ? std::string(enum_code(*l.target_status)) : ""),
        target(l.target_asset.value_or(0)),
        target_ind(l.target_asset ? soci::i_ok : soci::i_null),
        features_ind(l.features ? soci::i_ok : soci::i_null),
        status_ind(l.target_status ? soci::i_ok : soci::i_null) {}
};

void insert_sales_line(Tx& tx, long long order, SalesOrderLine& l) {
  std::string status(enum_code(l.status));
  long long product = l.product.value, quantity = l.quantity, price = l.unit_price,
            discount = l.discount, asset = l.asset.value_or(0), id = 0;
  int number = l.line_number, vat = l.vat_rate;
  soci::indicator asset_ind = l.asset ? soci::i_ok : soci::i_null;
  BoundChange c(l);
  tx.sql() << "INSERT INTO sales_order_lines (order_id, line_number, product_id, product_code, "
              "quantity, unit_price, discount, vat_rate, status, fail_reason, asset_id, action, "
              "target_asset_id, features_json, target_status) VALUES "
              "(:o, :n, :p, :code, :q, :u, :d, :v, :s, :f, :a, :act, :ta, :fj, :ts) RETURNING id",
      soci::use(order), soci::use(number), soci::use(product), soci::use(l.product_code),
      soci::use(quantity), soci::use(price), soci::use(discount), soci::use(vat), soci::use(status),
      soci::use(l.fail_reason), soci::use(asset, asset_ind), soci::use(c.action),
      soci::use(c.target, c.target_ind), soci::use(c.features, c.features_ind),
      soci::use(c.status, c.status_ind), soci::into(id);
  l.id = Id<SalesOrderLine>{id};
}

// A changed line, by one statement prepared once per connection
// (store/statement_cache.h).
void update_sales_line(Tx& tx, const SalesOrderLine& l, const SalesOrderLine& before) {
  if (l.quantity == before.quantity && l.unit_price == before.unit_price &&
      l.discount == before.discount && l.vat_rate == before.vat_rate &&
      l.features == before.features && l.target_status == before.target_status) {
    // Fulfilled or failed: the status, its reason and the asset only (SQLite
    // rewrites the row either way, but has fewer values to bind and check).
    std::string status(enum_code(l.status));
    long long asset = l.asset.value_or(0), id = l.id.value;
    soci::indicator asset_ind = l.asset ? soci::i_ok : soci::i_null;
    tx.cached(
          "UPDATE sales_order_lines SET status = :s, fail_reason = :f, asset_id = :a WHERE id = "
          ":id")
        .run(soci::use(status), soci::use(l.fail_reason), soci::use(asset, asset_ind),
             soci::use(id));
    return;
  }
  BoundChange change(l);
  std::string status(enum_code(l.status));
  long long quantity = l.quantity, price = l.unit_price, discount = l.discount,
            asset = l.asset.value_or(0), id = l.id.value;
  int vat = l.vat_rate;
  soci::indicator asset_ind = l.asset ? soci::i_ok : soci::i_null;
  tx.cached(
        "UPDATE sales_order_lines SET quantity = :q, unit_price = :u, discount = :d, vat_rate = "
        ":v, status = :s, fail_reason = :f, asset_id = :a, features_json = :fj, target_status = "
        ":ts WHERE id = :id")
      .run(soci::use(quantity), soci::use(price), soci::use(discount), soci::use(vat),
           soci::use(status), soci::use(l.fail_reason), soci::use(asset, asset_ind),
           soci::use(change.features, change.features_ind),
           soci::use(change.status, change.status_ind), soci::use(id));
}

// The changed lines of an order in one statement (PostgreSQL: one round
// trip instead of one per line; a fulfilment chunk saves ~50 lines an order).
void update_sales_lines_at_once(Tx& tx, const std::vector<const SalesOrderLine*>& lines) {
  struct Bound {
    std::string status, reason;
    long long id, quantity, price, discount, asset;
    int vat;
    soci::indicator asset_ind;
    BoundChange change;
  };
  std::vector<Bound> bound;
  bound.reserve(lines.size());  // bound by address below: never reallocated
  std::string values;
  for (const auto* l : lines) {
    bound.push_back({std::string(enum_code(l->status)), l->fail_reason, l->id.value, l->quantity,
                     l->unit_price, l->discount, l->asset.value_or(0), l->vat_rate,
                     l->asset ? soci::i_ok : soci::i_null, BoundChange(*l)});
    const std::string n = std::to_string(bound.size() - 1);
    values += (values.empty() ? "(" : ", (") + std::string("CAST(:i") + n + " AS BIGINT), CAST(:q" +
              n + " AS BIGINT), CAST(:u" + n + " AS BIGINT), CAST(:d" + n + " AS BIGINT), CAST(:v" +
              n + " AS INTEGER), CAST(:s" + n + " AS TEXT), CAST(:f" + n + " AS TEXT), CAST(:a" +
              n + " AS BIGINT), CAST(:fj" + n + " AS TEXT), CAST(:ts" + n + " AS TEXT))";
  }
  soci::statement st = tx.sql().prepare
                       << "UPDATE sales_order_lines AS l SET quantity = v.q, unit_price = v.u, "
                          "discount = v.d, vat_rate = v.vr, status = v.s, fail_reason = v.f, "
                          "asset_id = v.a, features_json = v.fj, target_status = v.ts FROM "
                          "(VALUES " +
                              values +
                              ") AS v (id, q, u, d, vr, s, f, a, fj, ts) WHERE l.id = v.id";
  for (auto& b : bound) {
    st.exchange(soci::use(b.id));
    st.exchange(soci::use(b.quantity));
    st.exchange(soci::use(b.price));
    st.exchange(soci::use(b.discount));
    st.exchange(soci::use(b.vat));
    st.exchange(soci::use(b.status));
    st.exchange(soci::use(b.reason));
    st.exchange(soci::use(b.asset, b.asset_ind));
    st.exchange(soci::use(b.change.features, b.change.features_ind));
    st.exchange(soci::use(b.change.status, b.change.status_ind));
  }
  st.define_and_bind();
  st.execute(true);
}

bool sales_line_changed(const SalesOrderLine& a, const SalesOrderLine& b) {
  return a.quantity != b.quantity || a.unit_price != b.unit_price || a.discount != b.discount ||
         a.vat_rate != b.vat_rate || a.status != b.status || a.fail_reason != b.fail_reason ||
         a.asset != b.asset || a.features != b.features || a.target_status != b.target_status;
}

AuditedFields audited(const SalesOrder& o) {
  auto id_text = [](const std::optional<std::int64_t>& id) {
    return id ? std::to_string(*id) : std::string();
  };
  const auto& a = o.ship_to;
  return {{"status", std::string(enum_code(o.status))},
          {"account", id_text(o.account)},
          {"contact", id_text(o.contact)},
          {"requested_delivery", o.requested_delivery ? format_date(*o.requested_delivery) : ""},
          {"ship_to", a == domain::PostalAddress{}
                          ? std::string()
                          : a.line1 + "|" + a.line2 + "|" + a.postal_code + "|" + a.city + "|" +
                                a.region + "|" + a.country},
          {"departure", o.departure},
          {"price_list", std::to_string(o.price_list.value)},
          {"notes", o.notes}};
}

}  // namespace

SalesOrder SalesOrderRepository::insert(Tx& tx, SalesOrder o, const Actor& actor, Instant now) {
  static std::atomic<long long> sequence{0};
  if (o.created_at == Instant{}) o.created_at = now;
  std::string when = format_instant(now), created = format_instant(o.created_at);
  std::string provisional = "ORD-pending-" + std::to_string(now.time_since_epoch().count()) + "-" +
                            std::to_string(++sequence);
  BoundHeader b(o);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = 0;
  soci::statement st =
      tx.sql().prepare
      << "INSERT INTO sales_orders (status, customer_id, account_id, contact_id, "
         "requested_delivery, ship_line1, ship_line2, ship_postal_code, ship_city, ship_region, "
         "ship_country, departure, price_list_id, currency, notes, plan_entry_id, submitted_at, "
         "completed_at, number, created_at, version, updated_at, updated_by) VALUES (:status, "
         ":customer, :account, :contact, :delivery, :l1, :l2, :pc, :city, :region, :country, "
         ":departure, :pl, :currency, :notes, :entry, :submitted, :completed, :number, :created, "
         "1, :updated, :by) RETURNING id";
  bind_header([&](auto&& e) { st.exchange(e); }, o, b);
  st.exchange(soci::use(provisional));
  st.exchange(soci::use(created));
  st.exchange(soci::use(when));
  st.exchange(soci::use(by, by_ind));
  st.exchange(soci::into(id));
  st.define_and_bind();
  st.execute(true);
  o.id = Id<SalesOrder>{id};
  o.number = sales_order_number(id);
  o.version = 1;
  tx.sql() << "UPDATE sales_orders SET number = :n WHERE id = :id", soci::use(o.number),
      soci::use(id);
  std::vector<FieldChange> changes{{"number", std::nullopt, o.number},
                                   {"customer", std::nullopt, std::to_string(o.customer)}};
  note_created(changes, audited(o));
  int next = 1;
  for (auto& line : o.lines) {
    line.line_number = next++;
    insert_sales_line(tx, id, line);
    changes.push_back(
        {"line." + std::to_string(line.line_number), std::nullopt, sales_line_text(line)});
  }
  AuditRepository::record(tx, actor, now, "sales_order", id, changes);
  return o;
}

Result<Version> SalesOrderRepository::save(Tx& tx, SalesOrder& o, const SalesOrder& before,
                                           const Actor& actor, Instant now) {
  std::string when = format_instant(now);
  BoundHeader b(o);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = o.id.value, version = o.version;
  {
    // Cached: a fulfilment batch saves every order of its chunks.
    auto st = tx.cached(std::string("UPDATE sales_orders SET ") + kHeaderSet +
                        ", version = version + 1, updated_at = :up, "
                        "updated_by = :by WHERE id = :id AND version = :v");
    bind_header([&](auto&& e) { st.bind(e); }, o, b);
    st.run(soci::use(when), soci::use(by, by_ind), soci::use(id), soci::use(version));
    if (st.affected_rows() != 1) return stale_record_error(tx, "sales_orders", id);
  }

  std::vector<FieldChange> changes;
  note_changes(changes, audited(before), audited(o));
  std::map<long long, const SalesOrderLine*> old_lines;
  int next = 1;
  for (const auto& l : before.lines) {
    old_lines[l.id.value] = &l;
    next = std::max(next, l.line_number + 1);
  }
  std::set<long long> kept;
  // The lines changed in place, with their text before and after: audited
  // below, and written one by one (SQLite) or at once (PostgreSQL).
  std::vector<const SalesOrderLine*> updated, updated_from;
  std::vector<std::pair<std::string, std::string>> updated_text;
  for (auto& line : o.lines) {
    if (!line.id.valid()) {
      line.line_number = next++;
      insert_sales_line(tx, id, line);
      changes.push_back(
          {"line." + std::to_string(line.line_number), std::nullopt, sales_line_text(line)});
      continue;
    }
    kept.insert(line.id.value);
    auto old = old_lines.find(line.id.value);
    if (old == old_lines.end()) continue;  // not this order's line: left alone
    if (!sales_line_changed(*old->second, line)) continue;
    updated.push_back(&line);
    updated_from.push_back(old->second);
    updated_text.emplace_back(sales_line_text(*old->second), sales_line_text(line));
  }
  if (tx.dialect() == Dialect::postgresql && updated.size() > 1) {
    update_sales_lines_at_once(tx, updated);
  } else {
    for (std::size_t i = 0; i < updated.size(); ++i)
      update_sales_line(tx, *updated[i], *updated_from[i]);
  }
  if (updated.size() == 1) {
    note_change(changes, "line." + std::to_string(updated[0]->line_number), updated_text[0].first,
                updated_text[0].second);
  } else if (!updated.empty()) {
    // Several lines changed at once (a fulfilment batch: up to a chunk's
    // lines of this order): one audit row "lines" listing each line before
    // and after, "line.N: <text>" a line, instead of a row per line.
    std::string was, is;
    for (std::size_t i = 0; i < updated.size(); ++i) {
      const std::string label = "line." + std::to_string(updated[i]->line_number) + ": ";
      was += (i ? "\n" : "") + label + updated_text[i].first;
      is += (i ? "\n" : "") + label + updated_text[i].second;
    }
    changes.push_back({"lines", std::move(was), std::move(is)});
  }
  for (const auto& [line_id, line] : old_lines) {
    if (kept.count(line_id)) continue;
    long long lid = line_id;
    tx.sql() << "DELETE FROM sales_order_lines WHERE id = :id", soci::use(lid);
    changes.push_back(
        {"line." + std::to_string(line->line_number), sales_line_text(*line), std::nullopt});
  }
  AuditRepository::record(tx, actor, now, "sales_order", id, changes);
  o.version = version + 1;
  return o.version;
}

Status SalesOrderRepository::remove_empty(Tx& tx, Id<SalesOrder> id, Version version,
                                          const Actor& actor, Instant now) {
  auto order = find(tx, id);
  if (!order) return order.error();
  if (!order->lines.empty()) return Error::invalid("sales_order.not_empty");
  long long oid = id.value, v = version;
  soci::statement st = (tx.sql().prepare << "DELETE FROM sales_orders WHERE id = :id AND version "
                                            "= :v",
                        soci::use(oid), soci::use(v));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "sales_orders", oid);
  AuditRepository::record(tx, actor, now, "sales_order", oid,
                          {{"number", order->number, std::nullopt}});
  return Ok{};
}

Result<SalesOrder> SalesOrderRepository::find(Tx& tx, Id<SalesOrder> id) {
  auto rows = select_sales_orders(tx, "WHERE id = " + std::to_string(id.value));
  if (rows.empty()) return Error::not_found("sales_order.not_found");
  return std::move(rows.front());
}

std::vector<SalesOrder> SalesOrderRepository::of_ids(Tx& tx, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::string in;
  for (auto id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
  return select_sales_orders(tx, "WHERE id IN (" + in + ") ORDER BY id");
}

std::vector<std::pair<std::int64_t, std::int64_t>> SalesOrderRepository::open_lines(
    Tx& tx, const std::vector<std::int64_t>& orders,
    std::optional<std::pair<std::int64_t, std::int64_t>> after) {
  std::string sql = "SELECT l.order_id, l.id FROM sales_order_lines l WHERE l.status = 'open'";
  if (after) {
    const std::string order = std::to_string(after->first);
    sql += " AND (l.order_id > " + order + " OR (l.order_id = " + order +
           " AND l.line_number > (SELECT a.line_number FROM sales_order_lines a WHERE a.id = " +
           std::to_string(after->second) + ")))";
  }
  if (!orders.empty()) {
    std::string in;
    for (auto id : orders) in += (in.empty() ? "" : ",") + std::to_string(id);
    sql += " AND l.order_id IN (" + in + ")";
  }
  sql += " ORDER BY l.order_id, l.line_number";
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  soci::rowset<soci::row> rs = tx.sql().prepare << sql;
  for (const auto& r : rs) out.emplace_back(int64_at(r, 0), int64_at(r, 1));
  return out;
}

std::vector<SalesOrder> SalesOrderRepository::unfulfilled_of_customer(Tx& tx,
                                                                      std::int64_t customer) {
  return select_sales_orders(tx, "WHERE customer_id = " + std::to_string(customer) +
                                     " AND status IN ('pending', 'open') ORDER BY id");
}

std::vector<AssetHistoryLine> SalesOrderRepository::lines_on_asset(Tx& tx, std::int64_t asset) {
  std::vector<AssetHistoryLine> out;
  long long id = asset;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << std::string("SELECT ") + kLineColumns +
                               ", o.number, o.status, o.created_at, o.completed_at FROM "
                               "sales_order_lines l JOIN sales_orders o ON o.id = l.order_id "
                               "WHERE l.id = (SELECT origin_line_id FROM assets WHERE id = :a) "
                               "OR l.target_asset_id = :t ORDER BY l.order_id, l.line_number",
       soci::use(id), soci::use(id));
  for (const auto& r : rs) {
    AssetHistoryLine h;
    h.line = sales_line_from(r);
    h.order = int64_at(r, 1);
    h.order_number = text_at(r, kLineColumnCount);
    h.order_status = enum_from_code<domain::SalesOrderStatus>(text_at(r, kLineColumnCount + 1))
                         .value_or(domain::SalesOrderStatus::pending);
    h.order_created = parse_instant(text_at(r, kLineColumnCount + 2)).value_or(Instant{});
    h.order_completed = optional_instant_of(optional_text_at(r, kLineColumnCount + 3));
    out.push_back(std::move(h));
  }
  return out;
}

std::vector<SalesOrder> SalesOrderRepository::list(Tx& tx, const SalesOrderFilter& f) {
  // The values are bound, so the text depends only on which filters are
  // set and stays prepared (the 360° view lists a customer's orders).
  std::string where = " WHERE 1 = 1";
  const std::string status = f.status ? std::string(enum_code(*f.status)) : "";
  const std::string delivery = f.requested_delivery ? format_date(*f.requested_delivery) : "";
  long long customer = f.customer.value_or(0);
  int limit = std::clamp(f.limit, 1, 500), offset = std::max(f.offset, 0);
  if (f.status) where += " AND status = :status";
  if (f.customer) where += " AND customer_id = :customer";
  if (f.requested_delivery) where += " AND requested_delivery = :delivery";
  auto st = tx.cached(std::string(kHeaderSelect) + where +
                      " ORDER BY id DESC LIMIT :page_limit OFFSET :page_offset");
  if (f.status) st.bind(soci::use(status, "status"));
  if (f.customer) st.bind(soci::use(customer, "customer"));
  if (f.requested_delivery) st.bind(soci::use(delivery, "delivery"));
  std::vector<SalesOrder> out;
  soci::row r;
  for (bool more =
           st.run(soci::use(limit, "page_limit"), soci::use(offset, "page_offset"), soci::into(r));
       more; more = st.next())
    out.push_back(sales_header_from(r));
  load_sales_lines(tx, out);
  return out;
}

std::vector<QueueLine> SalesOrderRepository::fulfilment_queue(Tx& tx, int limit, int offset) {
  std::vector<QueueLine> out;
  soci::rowset<soci::row> rs =
      tx.sql().prepare << std::string("SELECT ") + kLineColumns +
                              ", o.number, o.version, o.customer_id, c.display_name, "
                              "o.requested_delivery, p.name_en, p.name_fr, p.trackable FROM "
                              "sales_order_lines l JOIN sales_orders o ON o.id = l.order_id "
                              "JOIN customers c ON c.id = o.customer_id JOIN products p ON p.id "
                              "= l.product_id WHERE l.status = 'open' ORDER BY "
                              "o.requested_delivery, l.order_id, l.line_number LIMIT " +
                              std::to_string(std::clamp(limit, 1, 500)) + " OFFSET " +
                              std::to_string(std::max(offset, 0));
  for (const auto& r : rs) {
    QueueLine q;
    q.line = sales_line_from(r);
    q.order = int64_at(r, 1);
    q.order_number = text_at(r, kLineColumnCount + 0);
    q.order_version = int64_at(r, kLineColumnCount + 1);
    q.customer = int64_at(r, kLineColumnCount + 2);
    q.customer_name = text_at(r, kLineColumnCount + 3);
    if (auto d = optional_text_at(r, kLineColumnCount + 4)) q.requested_delivery = parse_date(*d);
    q.product_name_en = text_at(r, kLineColumnCount + 5);
    q.product_name_fr = text_at(r, kLineColumnCount + 6);
    q.trackable = int_at(r, kLineColumnCount + 7) != 0;
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace rapport::store
