// store/customers/customer_bulk_loader.h: many customers at once, with everything
// they own — the fast path behind `rapport demo --customers N` (up to a
// million), where CustomerRepository's one-at-a-time inserts and re-indexing
// would take hours.
//
// Each bundle becomes the rows CustomerDesk::add and the repositories would
// have written — customer, phones, e-mails, search columns and the FTS5
// document (SQLite), account and its main person, premise, service points,
// agreements, contacts, interactions — with the derived columns computed by
// the same code (store/customers/customer_rows.h), so the normal search finds them.
// SQLite gets one prepared statement per table, reused for every row;
// PostgreSQL gets one COPY per table and batch.
//
//   std::vector<CustomerBundle> batch = …;  // e.g. 5,000
//   db.write([&](Tx& tx) -> Status { CustomerBulkLoader::insert(tx, batch, actor, now); return
//   Ok{}; });
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/id.h"
#include "core/time.h"
#include "domain/customers/customer.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::domain {
struct User;
}

namespace rapport::store {

// A service agreement of the bundle's account at one of its service points.
struct BundleAgreement {
  std::size_t point = 0;  // index in CustomerBundle::points
  std::string type;       // a service_agreement_types code; its division is looked up
  domain::ServiceAgreementStatus status = domain::ServiceAgreementStatus::active;
  CivilDate start_date{};
};

struct BundleInteraction {
  domain::Interaction interaction;       // customer is ignored
  std::optional<Id<domain::User>> user;  // who logged it (user_name is kept as given)
};

// The derived columns that take time to compute (text normalization);
// see CustomerBulkLoader::prepare.
struct BundleKeys {
  bool ready = false;
  std::string name_key;
  std::string search_base;  // customer_search_base() (store/customers/customer_rows.h)
  std::string premise_address_key;
};

// One customer and what it owns. Ids and the account number are assigned
// by insert() and written back.
struct CustomerBundle {
  domain::Customer customer;  // phones already in E.164; the first e-mail is the main one
  std::vector<domain::Contact> contacts;     // the people at a company
  domain::Account account;                   // bills the customer, which is its main person
  domain::Premise premise;                   // where the customer is served
  std::vector<domain::ServicePoint> points;  // at the premise
  std::vector<BundleAgreement> agreements;
  std::vector<BundleInteraction> interactions;
  BundleKeys keys;
};

// Which records get the audit rows of their creation.
enum class BulkAudit {
  customers,     // the customer only (demo data: the rest is made by the system)
  every_record,  // also the account (number, currency), the premise (address) and its
                 // service points (sp_type), as the repositories' inserts record them
};

class CustomerBulkLoader {
 public:
  // Computes the bundle's costly derived columns ahead of insert(), on any
  // thread: it touches no database. insert() computes them for bundles not
  // prepared. Prepare again after changing the customer or the premise.
  static void prepare(CustomerBundle& bundle);

  // PostgreSQL: locks the tables insert() writes against other writers
  // (readers go on) until the transaction ends, so that what the caller
  // checks before insert() (e.g. that a phone is still free) stays true.
  // SQLite: nothing (a write transaction already excludes other writers).
  static void lock(Tx& tx);

  // Inserts every bundle and its rows in the caller's transaction and
  // assigns the ids (customer, account and its number, premise, service
  // points). Each customer gets the audit rows of its creation, as
  // CustomerRepository::insert writes them; with BulkAudit::every_record
  // its account, premise and points get theirs too, as their repositories
  // write them (agreements never do).
  // Requires: a write transaction. On PostgreSQL the tables are locked
  // against other writers until it ends (lock()), so that the ids taken
  // here do not meet ids handed out by the sequences. Throws the database
  // library's exceptions, which Database::write turns into an Error.
  static void insert(Tx& tx, std::vector<CustomerBundle>& bundles, const Actor& actor, Instant now,
                     BulkAudit audit = BulkAudit::customers);
};

}  // namespace rapport::store
