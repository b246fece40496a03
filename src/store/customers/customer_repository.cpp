#include "store/customers/customer_repository.h"

#include <algorithm>
#include <unordered_map>

#include <soci/soci.h>

#include "domain/customers/codes.h"
#include "domain/customers/customer_rules.h"
#include "domain/customers/search_query.h"
#include "domain/customers/search_text.h"
#include "store/customers/customer_row.h"
#include "store/customers/customer_rows.h"
#include "store/dialect.h"
#include "store/named_columns.h"
#include "store/row_values.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

using domain::Customer;

// What the reads select: the written columns, the id and the version.
std::string customer_select() {
  return "SELECT id, " + column_list(kCustomerColumns) + ", version FROM customers";
}

// The phones and e-mails of `customers`: two statements for all of them,
// kept prepared.
void load_contact_points(Tx& tx, std::vector<Customer>& customers) {
  if (customers.empty()) return;
  std::unordered_map<std::int64_t, std::vector<Customer*>> by_id;
  std::vector<std::int64_t> ids;
  for (auto& c : customers) {
    auto& slot = by_id[c.id.value];
    if (slot.empty()) ids.push_back(c.id.value);
    slot.push_back(&c);
  }
  const std::string set = bound_ids(tx.dialect(), ids);
  const std::string in = in_bound_ids(tx.dialect(), ":ids");
  soci::row r;
  auto phones = tx.cached(
      "SELECT customer_id, phone_type, e164, is_primary FROM customer_phones "
      "WHERE customer_id " +
      in + " ORDER BY customer_id, is_primary DESC, id");
  for (bool more = phones.run(soci::use(set, "ids"), soci::into(r)); more; more = phones.next())
    for (Customer* c : by_id[int64_at(r, 0)])
      c->phones.push_back(
          {domain::parse_phone_type(text_at(r, 1)), text_at(r, 2), int_at(r, 3) != 0});
  auto emails = tx.cached("SELECT customer_id, address FROM customer_emails WHERE customer_id " +
                          in + " ORDER BY customer_id, is_primary DESC, id");
  for (bool more = emails.run(soci::use(set, "ids"), soci::into(r)); more; more = emails.next())
    for (Customer* c : by_id[int64_at(r, 0)]) c->emails.push_back(text_at(r, 1));
}

void write_contact_points(Tx& tx, const Customer& c) {
  long long id = c.id.value;
  tx.sql() << "DELETE FROM customer_phones WHERE customer_id = :id", soci::use(id);
  tx.sql() << "DELETE FROM customer_emails WHERE customer_id = :id", soci::use(id);
  for (std::size_t i = 0; i < c.phones.size(); ++i) {
    const auto& p = c.phones[i];
    std::string type(domain::to_code(p.type));
    int primary = domain::is_primary_phone(c.phones, i) ? 1 : 0;
    tx.sql() << "INSERT INTO customer_phones (customer_id, phone_type, e164, is_primary) VALUES "
                "(:c, :t, :e, :p)",
        soci::use(id), soci::use(type), soci::use(p.e164), soci::use(primary);
  }
  bool first = true;  // the first e-mail is the primary one (domain/customers/customer_rules.h)
  for (const auto& e : c.emails) {
    std::string key = email_key(e);
    int primary = first ? 1 : 0;
    tx.sql() << "INSERT INTO customer_emails (customer_id, address, address_key, is_primary) "
                "VALUES (:c, :a, :k, :p)",
        soci::use(id), soci::use(e), soci::use(key), soci::use(primary);
    first = false;
  }
}

// Names, e-mails, city, postal code and account numbers, normalized.
std::string index_text(Tx& tx, const Customer& c) {
  std::vector<std::string> numbers;
  if (c.id.valid()) {
    long long id = c.id.value;
    soci::rowset<std::string> rs =
        (tx.sql().prepare << "SELECT number FROM accounts WHERE customer_id = :id", soci::use(id));
    for (const auto& n : rs) numbers.push_back(n);
  }
  return customer_search_text(c, numbers);
}

void write_index(Tx& tx, const Customer& c) {
  long long id = c.id.value;
  std::string text = index_text(tx, c);
  tx.sql() << "UPDATE customers SET search_text = :t WHERE id = :id", soci::use(text),
      soci::use(id);
  if (tx.dialect() == Dialect::sqlite) {
    tx.sql() << "DELETE FROM customer_search WHERE rowid = :id", soci::use(id);
    tx.sql() << "INSERT INTO customer_search (rowid, search_text) VALUES (:id, :t)", soci::use(id),
        soci::use(text);
  }
}

}  // namespace

Id<Customer> CustomerRepository::insert(Tx& tx, const Customer& c, const Actor& actor,
                                        Instant now) {
  std::string when = format_instant(now), empty;
  long long by = actor.user ? actor.user->value : 0, id = 0;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  tx.sql() << "INSERT INTO customers (" + column_list(kCustomerColumns) +
                  ", search_text, version, created_at, updated_at, updated_by) VALUES (" +
                  placeholder_list(kCustomerColumns) +
                  ", :search_text, 1, :created_at, :updated_at, :updated_by) RETURNING id",
      soci::use(c), soci::use(empty, "search_text"), soci::use(when, "created_at"),
      soci::use(when, "updated_at"), soci::use(by, by_ind, "updated_by"), soci::into(id);
  Customer stored = c;
  stored.id = Id<Customer>{id};
  write_contact_points(tx, stored);
  write_index(tx, stored);
  AuditRepository::record(tx, actor, now, "customer", id,
                          {{"display_name", std::nullopt, c.display_name()},
                           {"status", std::nullopt,
                            c.status == domain::CustomerStatus::inactive ? "inactive" : "active"}});
  return stored.id;
}

Result<Customer> CustomerRepository::find(Tx& tx, Id<Customer> id) {
  auto found = find_many(tx, {id.value});
  if (found.empty()) return Error::not_found("customer.not_found");
  return std::move(found.front());
}

std::vector<Customer> CustomerRepository::find_many(Tx& tx, const std::vector<std::int64_t>& ids) {
  // One statement per table for all of them (kept prepared), then in the
  // order asked.
  std::vector<Customer> out;
  if (ids.empty()) return out;
  std::unordered_map<std::int64_t, Customer> found;
  {
    Customer c;
    auto st = tx.cached(customer_select() + " WHERE id " + in_bound_ids(tx.dialect(), ":ids"));
    for (bool more = st.run(soci::use(bound_ids(tx.dialect(), ids), "ids"), soci::into(c)); more;
         more = st.next())
      found.emplace(c.id.value, c);
  }
  out.reserve(ids.size());
  for (auto id : ids)
    if (auto it = found.find(id); it != found.end()) out.push_back(it->second);
  load_contact_points(tx, out);
  return out;
}

Result<Version> CustomerRepository::update(Tx& tx, const Customer& c, const Actor& actor,
                                           Instant now) {
  auto before = find(tx, c.id);
  if (!before) return before.error();
  std::string when = format_instant(now);
  long long by = actor.user ? actor.user->value : 0, id = c.id.value;
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  soci::statement st =
      (tx.sql().prepare << "UPDATE customers SET " + assignment_list(kCustomerColumns) +
                               ", version = version + 1, updated_at = "
                               ":updated_at, updated_by = :updated_by WHERE id = "
                               ":id AND version = :version",
       soci::use(c), soci::use(when, "updated_at"), soci::use(by, by_ind, "updated_by"));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "customers", id);
  write_contact_points(tx, c);
  write_index(tx, c);
  std::vector<FieldChange> changes;
  const Customer& o = *before;
  note_change(changes, "family_name", o.family_name, c.family_name);
  note_change(changes, "given_name", o.given_name, c.given_name);
  note_change(changes, "company_name", o.company_name, c.company_name);
  note_change(changes, "language", std::string(code(o.language)), std::string(code(c.language)));
  note_change(changes, "customer_class", o.customer_class, c.customer_class);
  note_change(changes, "category", o.category, c.category);
  note_change(changes, "tax_id", o.tax_id, c.tax_id);
  note_change(changes, "time_zone", o.time_zone, c.time_zone);
  auto status = [](const Customer& x) {
    return x.status == domain::CustomerStatus::inactive ? "inactive" : "active";
  };
  note_change(changes, "status", status(o), status(c));
  note_change(changes, "address",
              o.address.line1 + ", " + o.address.postal_code + " " + o.address.city,
              c.address.line1 + ", " + c.address.postal_code + " " + c.address.city);
  auto join_phones = [](const Customer& x) {
    std::string s;
    for (const auto& p : x.phones) s += (s.empty() ? "" : ", ") + p.e164;
    return s;
  };
  auto join_emails = [](const Customer& x) {
    std::string s;
    for (const auto& e : x.emails) s += (s.empty() ? "" : ", ") + e;
    return s;
  };
  note_change(changes, "phones", join_phones(o), join_phones(c));
  note_change(changes, "emails", join_emails(o), join_emails(c));
  AuditRepository::record(tx, actor, now, "customer", id, changes);
  return c.version + 1;
}

std::vector<Customer> CustomerRepository::duplicate_candidates(Tx& tx, const Customer& c,
                                                               int limit) {
  std::vector<std::int64_t> ids;
  auto collect = [&](soci::rowset<long long>& rs) {
    for (auto id : rs)
      if (std::find(ids.begin(), ids.end(), id) == ids.end() &&
          static_cast<int>(ids.size()) < limit)
        ids.push_back(id);
  };
  for (const auto& p : c.phones) {
    soci::rowset<long long> rs = (tx.sql().prepare << "SELECT DISTINCT customer_id FROM "
                                                      "customer_phones WHERE e164 = :e",
                                  soci::use(p.e164));
    collect(rs);
  }
  for (const auto& e : c.emails) {
    std::string key = email_key(e);
    soci::rowset<long long> rs = (tx.sql().prepare << "SELECT DISTINCT customer_id FROM "
                                                      "customer_emails WHERE address_key = :k",
                                  soci::use(key));
    collect(rs);
  }
  std::string postal = domain::postal_key(c.address.postal_code), name = customer_name_key(c);
  if (!postal.empty()) {
    soci::rowset<long long> rs =
        (tx.sql().prepare << "SELECT id FROM customers WHERE postal_key = :p AND name_key = :n",
         soci::use(postal), soci::use(name));
    collect(rs);
  }
  std::erase(ids, c.id.value);
  return find_many(tx, ids);
}

void CustomerRepository::reindex(Tx& tx, Id<Customer> id) {
  auto c = find(tx, id);
  if (c) write_index(tx, *c);
}

long long CustomerRepository::count(Tx& tx) {
  long long n = 0;
  tx.sql() << "SELECT COUNT(*) FROM customers", soci::into(n);
  return n;
}

}  // namespace rapport::store
