#include "store/customers/customer_bulk_loader.h"

#include <map>
#include <stdexcept>

#include <soci/soci.h>

#include "domain/customers/codes.h"
#include "domain/customers/customer_rules.h"
#include "domain/customers/search_query.h"
#include "store/bulk_insert.h"
#include "store/customers/customer_rows.h"

namespace rapport::store {
namespace {

using domain::Customer;

// Every table a bundle writes to, parents first.
const std::vector<std::string_view> kTables{
    "customers",      "customer_phones",    "customer_emails", "contacts",
    "accounts",       "account_persons",    "premises",        "customer_premises",
    "service_points", "service_agreements", "interactions",    "audit_log"};

// The handles of the tables, declared in the order PostgreSQL receives them.
struct Tables {
  std::size_t customers, search, phones, emails, contacts, accounts, account_persons, premises,
      customer_premises, points, agreements, interactions, audit;
  bool has_search = false;

  Tables(BulkInsert& bulk, Dialect dialect) {
    customers =
        bulk.table("customers", {"id",           "kind",         "family_name",   "given_name",
                                 "company_name", "display_name", "language",      "customer_class",
                                 "category",     "tax_id",       "date_of_birth", "time_zone",
                                 "status",       "line1",        "line2",         "postal_code",
                                 "city",         "region",       "country",       "postal_key",
                                 "name_key",     "search_text",  "version",       "created_at",
                                 "updated_at",   "updated_by"});
    // The FTS5 index is SQLite's; PostgreSQL indexes customers.search_text.
    has_search = dialect == Dialect::sqlite;
    if (has_search) search = bulk.table("customer_search", {"rowid", "search_text"});
    phones = bulk.table("customer_phones", {"customer_id", "phone_type", "e164", "is_primary"});
    emails = bulk.table("customer_emails", {"customer_id", "address", "address_key", "is_primary"});
    contacts =
        bulk.table("contacts", {"customer_id", "family_name", "given_name", "role", "phone_e164",
                                "email", "version", "updated_at", "updated_by"});
    accounts = bulk.table("accounts",
                          {"id", "number", "customer_id", "customer_class", "currency", "status",
                           "start_date", "version", "created_at", "updated_at", "updated_by"});
    account_persons = bulk.table("account_persons", {"account_id", "customer_id", "relationship"});
    premises =
        bulk.table("premises", {"id", "line1", "line2", "postal_code", "city", "region", "country",
                                "postal_key", "address_key", "premise_type", "time_zone", "version",
                                "created_at", "updated_at", "updated_by", "number"});
    customer_premises = bulk.table("customer_premises", {"customer_id", "premise_id"});
    points = bulk.table("service_points",
                        {"id", "premise_id", "sp_type", "installation_status", "version",
                         "created_at", "updated_at", "updated_by", "number"});
    agreements =
        bulk.table("service_agreements",
                   {"id", "account_id", "service_point_id", "sa_type", "division", "start_date",
                    "status", "version", "created_at", "updated_at", "updated_by", "number"});
    interactions = bulk.table("interactions",
                              {"customer_id", "at", "user_id", "user_name", "channel", "direction",
                               "summary", "outcome", "related_type", "related_id"});
    audit = bulk.table("audit_log", {"at", "user_id", "user_name", "record_type", "record_id",
                                     "field", "old_value", "new_value"});
  }
};

// What every row of the batch shares.
struct Context {
  BulkInsert& bulk;
  const Tables& t;
  std::string when;
  BulkValue by;  // updated_by: the actor, or NULL for the system
  std::string_view actor_name;
  const std::map<std::string, std::string>& divisions;
  BulkAudit audit;
  long long& next_agreement;  // the id the next service agreement takes

  // One audit row of a record's creation, as AuditRepository::record writes it.
  void created(std::string_view type, long long id, std::string_view field,
               std::string_view value) const {
    bulk.row(t.audit, {when, by, actor_name, type, id, field, std::monostate{}, value});
  }
};

BulkValue optional_id(const std::optional<Id<domain::User>>& user) {
  if (user) return static_cast<long long>(user->value);
  return std::monostate{};
}

void write_customer(const Context& x, const Customer& c, const BundleKeys& keys,
                    const std::string& account_number) {
  const long long id = c.id.value;
  const std::string display = c.display_name(), status(domain::to_code(c.status));
  const std::string search_text = with_account_numbers(keys.search_base, {account_number});
  const std::string dob = c.date_of_birth ? format_date(*c.date_of_birth) : std::string();
  const auto& a = c.address;
  x.bulk.row(x.t.customers, {id,
                             domain::to_code(c.kind),
                             c.family_name,
                             c.given_name,
                             c.company_name,
                             display,
                             code(c.language),
                             c.customer_class,
                             c.category,
                             c.tax_id,
                             c.date_of_birth ? BulkValue(dob) : BulkValue(std::monostate{}),
                             c.time_zone,
                             status,
                             a.line1,
                             a.line2,
                             a.postal_code,
                             a.city,
                             a.region,
                             a.country,
                             domain::postal_key(a.postal_code),
                             keys.name_key,
                             search_text,
                             1LL,
                             x.when,
                             x.when,
                             x.by});
  if (x.t.has_search) x.bulk.row(x.t.search, {id, search_text});
  for (std::size_t i = 0; i < c.phones.size(); ++i)
    x.bulk.row(x.t.phones, {id, domain::to_code(c.phones[i].type), c.phones[i].e164,
                            domain::is_primary_phone(c.phones, i) ? 1LL : 0LL});
  bool first = true;  // the first e-mail is the primary one (domain/customers/customer_rules.h)
  for (const auto& e : c.emails) {
    x.bulk.row(x.t.emails, {id, e, email_key(e), first ? 1LL : 0LL});
    first = false;
  }
  // As CustomerRepository::insert records a creation.
  x.created("customer", id, "display_name", display);
  x.created("customer", id, "status", status);
}

void write_bundle(const Context& x, const CustomerBundle& b) {
  write_customer(x, b.customer, b.keys, b.account.number);
  const long long customer = b.customer.id.value, account = b.account.id.value;
  for (const auto& k : b.contacts)
    x.bulk.row(x.t.contacts, {customer, k.family_name, k.given_name, k.role, k.phone_e164, k.email,
                              1LL, x.when, x.by});

  const auto& acc = b.account;
  const std::string start = format_date(acc.start_date);
  x.bulk.row(x.t.accounts, {account, acc.number, customer, acc.customer_class, acc.currency,
                            acc.status == domain::AccountStatus::inactive ? "inactive" : "active",
                            start, 1LL, x.when, x.when, x.by});
  if (x.audit == BulkAudit::every_record) {
    x.created("account", account, "number", acc.number);
    x.created("account", account, "currency", acc.currency);
  }
  if (acc.persons.empty()) x.bulk.row(x.t.account_persons, {account, customer, "main"});
  for (const auto& p : acc.persons)
    x.bulk.row(x.t.account_persons, {account, static_cast<long long>(p.customer.value),
                                     domain::to_code(p.relationship)});

  const auto& pa = b.premise.address;
  const long long premise = b.premise.id.value;
  x.bulk.row(x.t.premises, {premise, pa.line1, pa.line2, pa.postal_code, pa.city, pa.region,
                            pa.country, domain::postal_key(pa.postal_code),
                            b.keys.premise_address_key, b.premise.premise_type, b.premise.time_zone,
                            1LL, x.when, x.when, x.by, premise_number_for(premise)});
  if (x.audit == BulkAudit::every_record) {
    x.created("premise", premise, "number", premise_number_for(premise));
    x.created("premise", premise, "address", pa.line1 + ", " + pa.postal_code + " " + pa.city);
  }
  x.bulk.row(x.t.customer_premises, {customer, premise});
  for (const auto& sp : b.points) {
    x.bulk.row(x.t.points,
               {static_cast<long long>(sp.id.value), premise, sp.type, sp.installation_status, 1LL,
                x.when, x.when, x.by, service_point_number_for(sp.id.value)});
    if (x.audit == BulkAudit::every_record) {
      x.created("service_point", static_cast<long long>(sp.id.value), "number",
                service_point_number_for(sp.id.value));
      x.created("service_point", static_cast<long long>(sp.id.value), "sp_type", sp.type);
    }
  }

  for (const auto& sa : b.agreements) {
    auto division = x.divisions.find(sa.type);
    if (division == x.divisions.end() || sa.point >= b.points.size())
      throw std::invalid_argument("bulk load: agreement of unknown type or point: " + sa.type);
    const long long id = x.next_agreement++;
    x.bulk.row(x.t.agreements,
               {id, account, static_cast<long long>(b.points[sa.point].id.value), sa.type,
                division->second, format_date(sa.start_date), domain::to_code(sa.status), 1LL,
                x.when, x.when, x.by, agreement_number_for(id)});
  }
  for (const auto& bi : b.interactions) {
    const auto& i = bi.interaction;
    x.bulk.row(x.t.interactions,
               {customer, format_instant(i.at), optional_id(bi.user), i.user_name,
                domain::to_code(i.channel), domain::to_code(i.direction), i.summary, i.outcome,
                i.related_type, static_cast<long long>(i.related_id)});
  }
}

std::map<std::string, std::string> agreement_divisions(Tx& tx) {
  std::map<std::string, std::string> out;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT code, division FROM service_agreement_types WHERE active = 1");
  for (const auto& r : rs) out.emplace(r.get<std::string>(0), r.get<std::string>(1));
  return out;
}

}  // namespace

void CustomerBulkLoader::prepare(CustomerBundle& b) {
  b.keys.name_key = customer_name_key(b.customer);
  b.keys.search_base = customer_search_base(b.customer);
  b.keys.premise_address_key = premise_address_key(b.premise.address);
  b.keys.ready = true;
}

void CustomerBulkLoader::lock(Tx& tx) { lock_for_bulk_insert(tx, kTables); }

void CustomerBulkLoader::insert(Tx& tx, std::vector<CustomerBundle>& bundles, const Actor& actor,
                                Instant now, BulkAudit audit) {
  if (bundles.empty()) return;
  lock(tx);
  // Ids are taken here rather than from each insert: the rows that refer to
  // a customer, account, premise or point can then be written in bulk.
  long long customer = first_free_id(tx, "customers"), account = first_free_id(tx, "accounts"),
            premise = first_free_id(tx, "premises"), point = first_free_id(tx, "service_points"),
            agreement = first_free_id(tx, "service_agreements");
  for (auto& b : bundles) {
    if (!b.keys.ready) prepare(b);
    b.customer.id = Id<Customer>{customer++};
    b.account.id = Id<domain::Account>{account++};
    b.account.number = account_number_for(b.account.id.value);
    b.account.customer = b.customer.id;
    b.premise.id = Id<domain::Premise>{premise++};
    for (auto& sp : b.points) {
      sp.id = Id<domain::ServicePoint>{point++};
      sp.premise = b.premise.id;
    }
  }
  const auto divisions = agreement_divisions(tx);
  BulkInsert bulk(tx);
  Tables tables(bulk, tx.dialect());
  Context x{bulk,
            tables,
            format_instant(now),
            actor.user ? BulkValue(static_cast<long long>(actor.user->value)) : BulkValue{},
            actor.name,
            divisions,
            audit,
            agreement};
  for (const auto& b : bundles) write_bundle(x, b);
  bulk.finish();
  advance_id_sequence(tx, "customers", customer - 1);
  advance_id_sequence(tx, "accounts", account - 1);
  advance_id_sequence(tx, "premises", premise - 1);
  advance_id_sequence(tx, "service_points", point - 1);
  advance_id_sequence(tx, "service_agreements", agreement - 1);
}

}  // namespace rapport::store
