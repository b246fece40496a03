#include "store/marketing/service_order_repository.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include <soci/soci.h>

#include "domain/customers/codes.h"
#include "store/marketing/marketing_json.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

using domain::OrderStatus;
using domain::ServiceOrder;

constexpr const char* kSelect =
    "SELECT o.id, o.number, o.status, o.campaign_id, o.package_id, o.prospect_json, "
    "o.person_choice, o.customer_id, o.account_choice, o.account_id, o.premise_choice, "
    "o.premise_id, o.premise_address_json, o.premise_type, o.answers_json, o.set_aside_json, "
    "o.hold_reason, o.remind_on, o.cancel_reason, o.created_json, o.assigned_user, o.created_at, "
    "o.completed_at, o.version, c.code, COALESCE(p.code, ''), o.prospect_name "
    "FROM service_orders o JOIN campaigns c ON c.id = o.campaign_id "
    "LEFT JOIN packages p ON p.id = o.package_id ";

long long actor_id(const Actor& a, soci::indicator& ind) {
  ind = a.user ? soci::i_ok : soci::i_null;
  return a.user ? a.user->value : 0;
}

boost::json::value stored(const std::string& text, const char* column) {
  auto v = parse_stored(text, column);
  if (!v) throw std::runtime_error(v.error().detail);
  return std::move(*v);
}

template <typename T>
T checked(Result<T> r, const char* column) {
  if (!r)
    throw std::runtime_error(std::string("corrupt ") + column + ": " + r.error().key + " at " +
                             r.error().field);
  return std::move(*r);
}

// A text literal for SQL built from values the store formatted itself.
std::string quoted(std::string_view text) {
  std::string out = "'";
  for (char ch : text) out += ch == '\'' ? std::string("''") : std::string(1, ch);
  return out + "'";
}

std::string order_number(long long id) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "SO-%06lld", id);
  return buffer;
}

std::string prospect_name(const domain::Prospect& p) {
  domain::Customer c;
  c.kind = p.kind;
  c.family_name = p.family_name;
  c.given_name = p.given_name;
  c.company_name = p.company_name;
  return c.display_name();
}

std::string id_text(const std::optional<std::int64_t>& id) { return id ? std::to_string(*id) : ""; }

// The reason kept with a status event.
std::string status_reason(const ServiceOrder& o) {
  if (o.status == OrderStatus::held) return o.hold_reason;
  if (o.status == OrderStatus::canceled) return o.cancel_reason;
  return {};
}

ServiceOrderRow row_from(const soci::row& r) {
  ServiceOrderRow out;
  ServiceOrder& o = out.order;
  o.id = Id<ServiceOrder>{int64_at(r, 0)};
  o.number = text_at(r, 1);
  o.status = domain::order_status_from(text_at(r, 2)).value_or(OrderStatus::pending);
  o.campaign = Id<domain::Campaign>{int64_at(r, 3)};
  if (auto p = optional_int64_at(r, 4)) o.package = Id<domain::Package>{*p};
  o.prospect = checked(prospect_from_json(stored(text_at(r, 5), "prospect_json")), "prospect_json");
  o.person = domain::party_choice_from(text_at(r, 6)).value_or(domain::PartyChoice::none);
  o.customer = optional_int64_at(r, 7);
  o.account = domain::party_choice_from(text_at(r, 8)).value_or(domain::PartyChoice::none);
  o.existing_account = optional_int64_at(r, 9);
  o.premise = domain::party_choice_from(text_at(r, 10)).value_or(domain::PartyChoice::none);
  o.existing_premise = optional_int64_at(r, 11);
  o.premise_address = checked(address_from_json(stored(text_at(r, 12), "premise_address_json")),
                              "premise_address_json");
  o.premise_type = text_at(r, 13);
  o.answers =
      checked(answers_from_json(stored(text_at(r, 14), "answers_json"), {}), "answers_json");
  o.set_aside =
      checked(answers_from_json(stored(text_at(r, 15), "set_aside_json"), {}), "set_aside_json");
  o.hold_reason = text_at(r, 16);
  if (auto d = optional_text_at(r, 17)) o.remind_on = parse_date(*d);
  o.cancel_reason = text_at(r, 18);
  o.created = created_from_json(stored(text_at(r, 19), "created_json"));
  o.assigned_user = optional_int64_at(r, 20);
  o.created_at = parse_instant(text_at(r, 21)).value_or(Instant{});
  if (auto at = optional_text_at(r, 22)) o.completed_at = parse_instant(*at);
  o.version = int64_at(r, 23);
  out.campaign_code = text_at(r, 24);
  out.package_code = text_at(r, 25);
  out.prospect_name = text_at(r, 26);
  return out;
}

std::vector<ServiceOrderRow> select_rows(Tx& tx, const std::string& where_and_order) {
  std::vector<ServiceOrderRow> out;
  soci::rowset<soci::row> rs = tx.sql().prepare << std::string(kSelect) + where_and_order;
  for (const auto& r : rs) out.push_back(row_from(r));
  return out;
}

// The order's columns as bindable values.
struct Columns {
  explicit Columns(const ServiceOrder& o)
      : status(domain::to_code(o.status)),
        campaign(o.campaign.value),
        package(o.package ? o.package->value : 0),
        package_ind(o.package ? soci::i_ok : soci::i_null),
        prospect_name(store::prospect_name(o.prospect)),
        prospect(to_text(to_json(o.prospect))),
        person(domain::to_code(o.person)),
        customer(o.customer.value_or(0)),
        customer_ind(o.customer ? soci::i_ok : soci::i_null),
        account(domain::to_code(o.account)),
        account_id(o.existing_account.value_or(0)),
        account_ind(o.existing_account ? soci::i_ok : soci::i_null),
        premise(domain::to_code(o.premise)),
        premise_id(o.existing_premise.value_or(0)),
        premise_ind(o.existing_premise ? soci::i_ok : soci::i_null),
        premise_address(to_text(to_json(o.premise_address))),
        answers(to_text(to_json(o.answers))),
        set_aside(to_text(to_json(o.set_aside))),
        remind_on(o.remind_on ? format_date(*o.remind_on) : ""),
        remind_ind(o.remind_on ? soci::i_ok : soci::i_null),
        created(to_text(to_json(o.created))),
        assigned(o.assigned_user.value_or(0)),
        assigned_ind(o.assigned_user ? soci::i_ok : soci::i_null),
        completed_at(o.completed_at ? format_instant(*o.completed_at) : ""),
        completed_ind(o.completed_at ? soci::i_ok : soci::i_null) {}
  std::string status;
  long long campaign;
  long long package;
  soci::indicator package_ind;
  std::string prospect_name;
  std::string prospect;
  std::string person;
  long long customer;
  soci::indicator customer_ind;
  std::string account;
  long long account_id;
  soci::indicator account_ind;
  std::string premise;
  long long premise_id;
  soci::indicator premise_ind;
  std::string premise_address;
  std::string answers;
  std::string set_aside;
  std::string remind_on;
  soci::indicator remind_ind;
  std::string created;
  long long assigned;
  soci::indicator assigned_ind;
  std::string completed_at;
  soci::indicator completed_ind;
};

// The audited fields of an order and their text, in a fixed order.
std::vector<std::pair<std::string, std::string>> audited(const ServiceOrder& o) {
  Columns b(o);
  return {{"status", b.status},
          {"campaign", std::to_string(b.campaign)},
          {"package", o.package ? std::to_string(o.package->value) : ""},
          {"prospect", b.prospect},
          {"person_choice", b.person},
          {"customer", id_text(o.customer)},
          {"account_choice", b.account},
          {"account", id_text(o.existing_account)},
          {"premise_choice", b.premise},
          {"premise", id_text(o.existing_premise)},
          {"premise_address", b.premise_address},
          {"premise_type", o.premise_type},
          {"answers", b.answers},
          {"set_aside", b.set_aside},
          {"hold_reason", o.hold_reason},
          {"remind_on", b.remind_on},
          {"cancel_reason", o.cancel_reason},
          {"created", b.created},
          {"assigned_user", id_text(o.assigned_user)},
          {"completed_at", b.completed_at}};
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
  Columns b(o);
  std::string when = format_instant(now), created_at = format_instant(o.created_at);
  if (o.created_at == Instant{}) created_at = when;
  // Unique until the id is known, in this transaction only.
  std::string provisional = "SO-pending-" + std::to_string(now.time_since_epoch().count()) + "-" +
                            std::to_string(++sequence);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = 0;
  tx.sql() << "INSERT INTO service_orders (number, status, campaign_id, package_id, prospect_name, "
              "prospect_json, person_choice, customer_id, account_choice, account_id, "
              "premise_choice, premise_id, premise_address_json, premise_type, answers_json, "
              "set_aside_json, hold_reason, remind_on, cancel_reason, created_json, assigned_user, "
              "created_at, completed_at, version, updated_at, updated_by) VALUES (:n, :s, :c, :p, "
              ":pn, :pj, :pc, :cu, :ac, :ai, :prc, :pi, :pa, :pt, :an, :sa, :hr, :ro, :cr, :cj, "
              ":au, :ca, :co, 1, :ua, :by) RETURNING id",
      soci::use(provisional), soci::use(b.status), soci::use(b.campaign),
      soci::use(b.package, b.package_ind), soci::use(b.prospect_name), soci::use(b.prospect),
      soci::use(b.person), soci::use(b.customer, b.customer_ind), soci::use(b.account),
      soci::use(b.account_id, b.account_ind), soci::use(b.premise),
      soci::use(b.premise_id, b.premise_ind), soci::use(b.premise_address),
      soci::use(o.premise_type), soci::use(b.answers), soci::use(b.set_aside),
      soci::use(o.hold_reason), soci::use(b.remind_on, b.remind_ind), soci::use(o.cancel_reason),
      soci::use(b.created), soci::use(b.assigned, b.assigned_ind), soci::use(created_at),
      soci::use(b.completed_at, b.completed_ind), soci::use(when), soci::use(by, by_ind),
      soci::into(id);
  o.id = Id<ServiceOrder>{id};
  o.number = order_number(id);
  o.version = 1;
  o.created_at = parse_instant(created_at).value_or(now);
  tx.sql() << "UPDATE service_orders SET number = :n WHERE id = :id", soci::use(o.number),
      soci::use(id);
  add_event(tx, id, actor, now, OrderStatus::pending, "");
  if (o.status != OrderStatus::pending) add_event(tx, id, actor, now, o.status, status_reason(o));
  std::vector<FieldChange> changes{{"number", std::nullopt, o.number}};
  for (auto& [field, value] : audited(o))
    if (!value.empty()) changes.push_back({field, std::nullopt, value});
  AuditRepository::record(tx, actor, now, "service_order", id, changes);
  return o;
}

Result<Version> ServiceOrderRepository::update(Tx& tx, const ServiceOrder& o, const Actor& actor,
                                               Instant now) {
  auto before = find(tx, o.id);
  if (!before) return before.error();
  Columns b(o);
  std::string when = format_instant(now);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = o.id.value, version = o.version;
  soci::statement st =
      (tx.sql().prepare << "UPDATE service_orders SET status = :s, campaign_id = :c, package_id = "
                           ":p, prospect_name = :pn, prospect_json = :pj, person_choice = :pc, "
                           "customer_id = :cu, account_choice = :ac, account_id = :ai, "
                           "premise_choice = :prc, premise_id = :pi, premise_address_json = :pa, "
                           "premise_type = :pt, answers_json = :an, set_aside_json = :sa, "
                           "hold_reason = :hr, remind_on = :ro, cancel_reason = :cr, created_json "
                           "= :cj, assigned_user = :au, completed_at = :co, version = version + "
                           "1, updated_at = :ua, updated_by = :by WHERE id = :id AND version = :v",
       soci::use(b.status), soci::use(b.campaign), soci::use(b.package, b.package_ind),
       soci::use(b.prospect_name), soci::use(b.prospect), soci::use(b.person),
       soci::use(b.customer, b.customer_ind), soci::use(b.account),
       soci::use(b.account_id, b.account_ind), soci::use(b.premise),
       soci::use(b.premise_id, b.premise_ind), soci::use(b.premise_address),
       soci::use(o.premise_type), soci::use(b.answers), soci::use(b.set_aside),
       soci::use(o.hold_reason), soci::use(b.remind_on, b.remind_ind), soci::use(o.cancel_reason),
       soci::use(b.created), soci::use(b.assigned, b.assigned_ind),
       soci::use(b.completed_at, b.completed_ind), soci::use(when), soci::use(by, by_ind),
       soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "service_orders", id);
  std::string reason = status_reason(o);
  if (o.status != before->status || reason != status_reason(*before))
    add_event(tx, id, actor, now, o.status, reason);
  auto old_fields = audited(*before), new_fields = audited(o);
  std::vector<FieldChange> changes;
  for (std::size_t i = 0; i < old_fields.size(); ++i)
    note_change(changes, new_fields[i].first, old_fields[i].second, new_fields[i].second);
  AuditRepository::record(tx, actor, now, "service_order", id, changes);
  return o.version + 1;
}

Result<ServiceOrder> ServiceOrderRepository::find(Tx& tx, Id<ServiceOrder> id) {
  auto rows = select_rows(tx, "WHERE o.id = " + std::to_string(id.value));
  if (rows.empty()) return Error::not_found("service_order.not_found");
  return std::move(rows.front().order);
}

std::vector<ServiceOrderRow> ServiceOrderRepository::list(Tx& tx, const ServiceOrderFilter& f) {
  std::string where = "WHERE 1 = 1";
  if (f.status) where += " AND o.status = " + quoted(domain::to_code(*f.status));
  if (f.campaign) where += " AND o.campaign_id = " + std::to_string(*f.campaign);
  if (f.customer) where += " AND o.customer_id = " + std::to_string(*f.customer);
  if (f.assigned_user) where += " AND o.assigned_user = " + std::to_string(*f.assigned_user);
  std::string order = " ORDER BY o.id DESC";
  if (f.due_on_or_before) {
    where +=
        " AND o.status = 'held' AND o.remind_on <= " + quoted(format_date(*f.due_on_or_before));
    order = " ORDER BY o.remind_on, o.id";
  }
  return select_rows(tx, where + order + " LIMIT " + std::to_string(std::clamp(f.limit, 1, 500)) +
                             " OFFSET " + std::to_string(std::max(f.offset, 0)));
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
