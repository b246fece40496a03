#include "store/marketing/service_order_repository.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <utility>

#include <soci/soci.h>

#include "store/actor_column.h"
#include "store/marketing/marketing_json.h"
#include "store/marketing/service_order_row.h"
#include "store/named_columns.h"
#include "store/row_values.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

using domain::OrderStatus;
using domain::ServiceOrder;

// What the reads select: the order's columns, with its campaign's and
// package's codes beside it.
std::string order_select() {
  return "SELECT o.id AS id, o.number AS number, " + qualified_list(kServiceOrderColumns, "o") +
         ", o.created_at AS created_at, o.version AS version, c.code AS campaign_code, "
         "COALESCE(p.code, '') AS package_code FROM service_orders o JOIN campaigns c ON c.id = "
         "o.campaign_id LEFT JOIN packages p ON p.id = o.package_id ";
}

std::string order_number(long long id) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "SO-%06lld", id);
  return buffer;
}

std::string id_text(const std::optional<std::int64_t>& id) { return id ? std::to_string(*id) : ""; }

// The reason kept with a status event.
std::string status_reason(const ServiceOrder& o) {
  if (o.status == OrderStatus::held) return o.hold_reason;
  if (o.status == OrderStatus::canceled) return o.cancel_reason;
  return {};
}

std::vector<ServiceOrderRow> select_rows(Tx& tx, const std::string& where_and_order) {
  std::vector<ServiceOrderRow> out;
  soci::rowset<ServiceOrderRow> rs = tx.sql().prepare << order_select() + where_and_order;
  for (const auto& r : rs) out.push_back(r);
  return out;
}

// The audited fields of an order and their text, in a fixed order.
AuditedFields audited(const ServiceOrder& o) {
  return {{"status", std::string(domain::to_code(o.status))},
          {"campaign", std::to_string(o.campaign.value)},
          {"package", o.package ? std::to_string(o.package->value) : ""},
          {"prospect", to_text(to_json(o.prospect))},
          {"person_choice", std::string(domain::to_code(o.person))},
          {"customer", id_text(o.customer)},
          {"account_choice", std::string(domain::to_code(o.account))},
          {"account", id_text(o.existing_account)},
          {"premise_choice", std::string(domain::to_code(o.premise))},
          {"premise", id_text(o.existing_premise)},
          {"premise_address", to_text(to_json(o.premise_address))},
          {"premise_type", o.premise_type},
          {"answers", to_text(to_json(o.answers))},
          {"set_aside", to_text(to_json(o.set_aside))},
          {"hold_reason", o.hold_reason},
          {"remind_on", o.remind_on ? format_date(*o.remind_on) : ""},
          {"cancel_reason", o.cancel_reason},
          {"created", to_text(to_json(o.created))},
          {"assigned_user", id_text(o.assigned_user)},
          {"completed_at", o.completed_at ? format_instant(*o.completed_at) : ""}};
}

void add_event(Tx& tx, long long order, const Actor& actor, Instant now, OrderStatus status,
               const std::string& reason) {
  std::string when = format_instant(now), code(domain::to_code(status));
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind);
  tx.sql() << "INSERT INTO service_order_events (order_id, at, user_id, status, reason) VALUES "
              "(:o, :at, :by, :s, :r)",
      soci::use(order), soci::use(when), soci::use(by, by_ind), soci::use(code), soci::use(reason);
}

}  // namespace

ServiceOrder ServiceOrderRepository::insert(Tx& tx, ServiceOrder o, const Actor& actor,
                                            Instant now) {
  static std::atomic<long long> sequence{0};
  std::string when = format_instant(now), created_at = format_instant(o.created_at);
  if (o.created_at == Instant{}) created_at = when;
  // Unique until the id is known, in this transaction only.
  std::string provisional = "SO-pending-" + std::to_string(now.time_since_epoch().count()) + "-" +
                            std::to_string(++sequence);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = 0;
  tx.sql() << "INSERT INTO service_orders (number, " + column_list(kServiceOrderColumns) +
                  ", created_at, version, updated_at, updated_by) VALUES (:number, " +
                  placeholder_list(kServiceOrderColumns) +
                  ", :created_at, 1, :updated_at, :updated_by) RETURNING id",
      soci::use(std::as_const(o)), soci::use(provisional, "number"),
      soci::use(created_at, "created_at"), soci::use(when, "updated_at"),
      soci::use(by, by_ind, "updated_by"), soci::into(id);
  o.id = Id<ServiceOrder>{id};
  o.number = order_number(id);
  o.version = 1;
  o.created_at = parse_instant(created_at).value_or(now);
  tx.sql() << "UPDATE service_orders SET number = :n WHERE id = :id", soci::use(o.number),
      soci::use(id);
  add_event(tx, id, actor, now, OrderStatus::pending, "");
  if (o.status != OrderStatus::pending) add_event(tx, id, actor, now, o.status, status_reason(o));
  std::vector<FieldChange> changes{{"number", std::nullopt, o.number}};
  note_created(changes, audited(o));
  AuditRepository::record(tx, actor, now, "service_order", id, changes);
  return o;
}

Result<Version> ServiceOrderRepository::update(Tx& tx, const ServiceOrder& o, const Actor& actor,
                                               Instant now) {
  auto before = find(tx, o.id);
  if (!before) return before.error();
  std::string when = format_instant(now);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = o.id.value;
  soci::statement st =
      (tx.sql().prepare << "UPDATE service_orders SET " + assignment_list(kServiceOrderColumns) +
                               ", version = version + 1, updated_at = :updated_at, updated_by = "
                               ":updated_by WHERE id = :id AND version = :version",
       soci::use(o), soci::use(when, "updated_at"), soci::use(by, by_ind, "updated_by"));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "service_orders", id);
  std::string reason = status_reason(o);
  if (o.status != before->status || reason != status_reason(*before))
    add_event(tx, id, actor, now, o.status, reason);
  std::vector<FieldChange> changes;
  note_changes(changes, audited(*before), audited(o));
  AuditRepository::record(tx, actor, now, "service_order", id, changes);
  return o.version + 1;
}

Result<ServiceOrder> ServiceOrderRepository::find(Tx& tx, Id<ServiceOrder> id) {
  auto rows = select_rows(tx, "WHERE o.id = " + std::to_string(id.value));
  if (rows.empty()) return Error::not_found("service_order.not_found");
  return std::move(rows.front().order);
}

// The held orders to follow up are on every home page: the text depends only
// on which conditions the filter has, the values are bound, and the
// statement is kept prepared.
std::vector<ServiceOrderRow> ServiceOrderRepository::list(Tx& tx, const ServiceOrderFilter& f) {
  const std::string status = f.status ? std::string(domain::to_code(*f.status)) : "";
  const std::string remind = f.due_on_or_before ? format_date(*f.due_on_or_before) : "";
  const long long campaign = f.campaign.value_or(0), customer = f.customer.value_or(0),
                  assigned = f.assigned_user.value_or(0);
  const int limit = std::clamp(f.limit, 1, 500), offset = std::max(f.offset, 0);
  std::string where = "WHERE 1 = 1";
  if (f.status) where += " AND o.status = :status";
  if (f.campaign) where += " AND o.campaign_id = :campaign";
  if (f.customer) where += " AND o.customer_id = :customer";
  if (f.assigned_user) where += " AND o.assigned_user = :assigned";
  std::string order = " ORDER BY o.id DESC";
  if (f.due_on_or_before) {
    where += " AND o.status = 'held' AND o.remind_on <= :remind";
    order = " ORDER BY o.remind_on, o.id";
  }
  auto st = tx.cached(order_select() + where + order + " LIMIT :limit OFFSET :offset");
  if (f.status) st.bind(soci::use(status, "status"));
  if (f.campaign) st.bind(soci::use(campaign, "campaign"));
  if (f.customer) st.bind(soci::use(customer, "customer"));
  if (f.assigned_user) st.bind(soci::use(assigned, "assigned"));
  if (f.due_on_or_before) st.bind(soci::use(remind, "remind"));
  std::vector<ServiceOrderRow> out;
  ServiceOrderRow row;
  for (bool more = st.run(soci::use(limit, "limit"), soci::use(offset, "offset"), soci::into(row));
       more; more = st.next())
    out.push_back(row);
  return out;
}

std::vector<OrderEvent> ServiceOrderRepository::events(Tx& tx, Id<ServiceOrder> id) {
  std::vector<OrderEvent> out;
  long long oid = id.value;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT e.at, COALESCE(u.display_name, ''), e.status, e.reason FROM "
                           "service_order_events e LEFT JOIN users u ON u.id = e.user_id WHERE "
                           "e.order_id = :o ORDER BY e.id",
       soci::use(oid));
  for (const auto& r : rs) {
    OrderEvent e;
    e.at = parse_instant(text_at(r, 0)).value_or(Instant{});
    e.user_name = text_at(r, 1);
    e.status = domain::order_status_from(text_at(r, 2)).value_or(OrderStatus::pending);
    e.reason = text_at(r, 3);
    out.push_back(std::move(e));
  }
  return out;
}

Conversion ServiceOrderRepository::conversion(Tx& tx, Id<domain::Campaign> campaign) {
  Conversion out;
  long long cid = campaign.value;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT status, cancel_reason, COUNT(*) FROM service_orders WHERE "
                           "campaign_id = :c GROUP BY status, cancel_reason",
       soci::use(cid));
  for (const auto& r : rs) {
    int n = int_at(r, 2);
    out.started += n;
    switch (domain::order_status_from(text_at(r, 0)).value_or(OrderStatus::pending)) {
      case OrderStatus::pending:
        out.pending += n;
        break;
      case OrderStatus::held:
        out.held += n;
        break;
      case OrderStatus::complete:
        out.complete += n;
        break;
      case OrderStatus::canceled:
        out.canceled += n;
        out.canceled_by_reason[text_at(r, 1)] += n;
        break;
    }
  }
  return out;
}

void ServiceOrderRepository::link_agreement(Tx& tx, std::int64_t agreement, Id<ServiceOrder> order,
                                            Id<domain::Campaign> campaign,
                                            std::optional<Id<domain::Package>> package) {
  long long sa = agreement, oid = order.value, cid = campaign.value,
            pid = package ? package->value : 0;
  soci::indicator pid_ind = package ? soci::i_ok : soci::i_null;
  tx.sql() << "UPDATE service_agreements SET service_order_id = :o, campaign_id = :c, package_id "
              "= :p WHERE id = :id",
      soci::use(oid), soci::use(cid), soci::use(pid, pid_ind), soci::use(sa);
}

}  // namespace rapport::store
