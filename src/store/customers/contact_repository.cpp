#include "store/customers/contact_repository.h"

#include <soci/soci.h>

#include "store/row_values.h"
#include "store/statement_cache.h"

namespace rapport::store {

Id<domain::Contact> ContactRepository::insert(Tx& tx, const domain::Contact& c, const Actor& actor,
                                              Instant now) {
  std::string when = format_instant(now);
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  long long by = actor.user ? actor.user->value : 0, customer = c.customer.value, id = 0;
  tx.sql()
      << "INSERT INTO contacts (customer_id, family_name, given_name, role, phone_e164, email, "
         "version, updated_at, updated_by) VALUES (:c, :f, :g, :r, :p, :e, 1, :u, :by) RETURNING "
         "id",
      soci::use(customer), soci::use(c.family_name), soci::use(c.given_name), soci::use(c.role),
      soci::use(c.phone_e164), soci::use(c.email), soci::use(when), soci::use(by, by_ind),
      soci::into(id);
  AuditRepository::record(tx, actor, now, "contact", id,
                          {{"name", std::nullopt, c.given_name + " " + c.family_name}});
  return Id<domain::Contact>{id};
}

std::vector<domain::Contact> ContactRepository::of_customer(Tx& tx, Id<domain::Customer> customer) {
  std::vector<domain::Contact> out;
  long long cid = customer.value;
  soci::row r;
  auto st = tx.cached(
      "SELECT id, family_name, given_name, role, phone_e164, email, version "
      "FROM contacts WHERE customer_id = :c ORDER BY family_name, id");
  for (bool more = st.run(soci::use(cid), soci::into(r)); more; more = st.next())
    out.push_back({Id<domain::Contact>{int64_at(r, 0)}, customer, text_at(r, 1), text_at(r, 2),
                   text_at(r, 3), text_at(r, 4), text_at(r, 5), int64_at(r, 6)});
  return out;
}

Result<domain::Contact> ContactRepository::find(Tx& tx, Id<domain::Customer> customer,
                                                Id<domain::Contact> id) {
  for (auto& c : of_customer(tx, customer))
    if (c.id == id) return std::move(c);
  return Error::not_found("contact.not_found");
}

Result<Version> ContactRepository::update(Tx& tx, const domain::Contact& c, const Actor& actor,
                                          Instant now) {
  auto before = find(tx, c.customer, c.id);
  if (!before) return before.error();
  std::string when = format_instant(now);
  soci::indicator by_ind = actor.user ? soci::i_ok : soci::i_null;
  long long by = actor.user ? actor.user->value : 0, id = c.id.value, version = c.version;
  soci::statement st =
      (tx.sql().prepare << "UPDATE contacts SET family_name = :f, given_name = :g, role = :r, "
                           "phone_e164 = :p, email = :e, version = version + 1, updated_at = :u, "
                           "updated_by = :by WHERE id = :id AND version = :v",
       soci::use(c.family_name), soci::use(c.given_name), soci::use(c.role),
       soci::use(c.phone_e164), soci::use(c.email), soci::use(when), soci::use(by, by_ind),
       soci::use(id), soci::use(version));
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "contacts", id);
  std::vector<FieldChange> changes;
  note_change(changes, "family_name", before->family_name, c.family_name);
  note_change(changes, "given_name", before->given_name, c.given_name);
  note_change(changes, "role", before->role, c.role);
  note_change(changes, "phone", before->phone_e164, c.phone_e164);
  note_change(changes, "email", before->email, c.email);
  AuditRepository::record(tx, actor, now, "contact", id, changes);
  return c.version + 1;
}

}  // namespace rapport::store
