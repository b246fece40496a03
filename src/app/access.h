// app/access.h: authorisation — every role decision is made here and
// nowhere else. Desks call require(); pages and the API ask allowed() to
// show or hide what a user may do (a menu entry, an Edit button), so what a
// page offers and what the desk accepts cannot disagree.
#pragma once

#include <string>

#include "core/result.h"
#include "domain/users/user.h"
#include "store/audit_repository.h"

namespace rapport::app {

// What a user may do. The roles behind each are in access.cpp.
enum class Capability {
  use_desk,          // the home page and the menu (staff)
  read_customers,    // search, 360° view, interactions (CSR, manager, admin; not fulfilment)
  edit_customers,    // add and change customers, accounts, contacts (CSR, manager, admin)
  import_customers,  // CSV imports of customers (manager, admin)
  take_orders,       // service orders (CSR, manager, admin)
  read_campaigns,    // campaigns and packages, eligibility (CSR, manager, admin)
  manage_campaigns,  // edit campaigns and packages, the default campaign (manager, admin)
  work_plans,        // the day's calls, contact statuses, own account (CSR, manager, admin)
  take_calls,        // may be made responsible for a call (CSR, manager)
  supervise_calls,   // every CSR's calls, reassignment (manager, admin)
  manage_plans,      // contact plans, generation, reopening a final entry, the contact info
                     // import (manager, admin)
  manage_users,      // staff accounts (manager, admin; admins only for admins)
  manage_admins,     // give or change the admin role (admin)
  manage_settings,   // installation settings (admin)
  own_account,       // one's own name, language, password (every active user)
  read_catalog,      // products and price lists (every staff role)
  manage_catalog,    // edit products and price lists (manager, admin)
  fulfil_orders,     // the fulfilment queue: complete or fail sales order lines (fulfilment,
                     // manager, admin)
  manage_webhooks,   // webhook endpoints, their deliveries and retries (admin)
  read_metrics,      // /metrics from elsewhere than the server's own machine (admin; an
                     // operator's Prometheus uses an API token of such a user)
};

// True when `user` is active and holds a role that grants `what`.
bool allowed(const domain::User& user, Capability what);
// Ok when allowed; Error::forbidden() otherwise.
Status require(const domain::User& user, Capability what);

// Self-service (the customer portal). A desk action a customer may also do
// on their own records — see a quote, fill a cart, accept, convert, submit,
// ask for a change on an asset — gates with require_desk() before it reads
// and with require_own() once it knows whose record it is:
//   staff:    require_desk() is require(); require_own() always passes;
//   customer: require_desk() passes for take_orders, read_customers,
//             read_catalog and edit_customers (their own details; nothing
//             else), and require_own() passes only
//             for the customer the portal user is bound to.
// Another customer's record answers not_found, exactly like an id that
// does not exist: a customer learns nothing of others' records. Lists
// across customers (search, queues) keep plain require(), so a customer
// is refused them.
Status require_desk(const domain::User& user, Capability what);
Status require_own(const domain::User& user, std::int64_t customer);
// Whether `user` is a portal user (the customer role, bound to a customer).
bool is_portal_user(const domain::User& user);
// Ok for a portal user; forbidden otherwise (the portal's own use cases).
Status require_portal_user(const domain::User& user);

// The actor recorded in audit rows for changes made by `user`.
store::Actor actor_of(const domain::User& user);
// The actor for changes made from the command line or by the system.
store::Actor system_actor(std::string name = "system");

}  // namespace rapport::app
