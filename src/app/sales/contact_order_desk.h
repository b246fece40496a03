// app/sales/contact_order_desk.h: orders taken from a contact
// (contact-planning.md, "Orders from a contact" [OIS100/OIS101]). From an
// active entry of an order-intake plan, Enter order opens order entry with
// the requested delivery date of the plan (contact date + lead days) and
// its departure; when the customer has an order for that date already,
// the CSR supplements it or creates a new one. Closing order entry sets the
// entry's contact status, and what happens to the order follows
// domain/sales/order_closing.h.
#pragma once

#include <optional>

#include "app/contactplan/contact_planner.h"
#include "app/sales/sales_order_desk.h"
#include "domain/sales/order_closing.h"

namespace rapport::app {

// What Enter order shows before any order is made.
struct EntryOrderStart {
  store::PlanEntryRow entry;
  domain::ContactPlan plan;
  CivilDate requested_delivery{};
  // "Customer order #N already exists": the order to supplement, if any.
  std::optional<domain::SalesOrder> existing;
  // The order already taken on this entry (order entry opened again).
  std::optional<domain::SalesOrder> taken;
  // The plan's default status (90 unless the plan says otherwise).
  domain::ContactStatus proposed_status = domain::ContactStatus::completed;
};

enum class EntryOrderChoice { supplement, create_new };

struct EntryClosing {
  domain::ClosingOutcome outcome = domain::ClosingOutcome::keep_order;
  // The empty order must be confirmed deleted first: nothing was changed.
  bool needs_confirmation = false;
  bool order_deleted = false;
  std::optional<StatusOutcome> status;  // set once the status is saved
};

class ContactOrderDesk {
 public:
  ContactOrderDesk(store::Database& db, const Clock& clock)
      : db_(db), clock_(clock), orders_(db, clock), planner_(db, clock) {}

  // CSRs, managers, admins (work_plans and take_orders). Errors: not_found
  // (entry); invalid_input "sales_order.plan_not_order_intake",
  // "sales_order.entry_final".
  Result<EntryOrderStart> start(const domain::User& actor, Id<domain::PlanEntry> entry);
  // Supplement: the existing order for the delivery date is linked to the
  // entry (its lines are added on it); create_new: a new order for the
  // customer, date and departure, linked to the entry. No choice: a new
  // order when the customer has none for the date, else conflict
  // "sales_order.already_exists" naming it ("Customer order #N already
  // exists"), nothing made. An entry that has an order already opens that
  // one. Errors: start's, "sales_order.nothing_to_supplement".
  Result<domain::SalesOrder> open(const domain::User& actor, Id<domain::PlanEntry> entry,
                                  std::optional<EntryOrderChoice> choice);
  // Closes order entry with `status` (contact-planning.md): 10 is refused
  // ("sales_order.closing_status" on status); an order without lines and a
  // status other than 90 needs `confirm_delete` (else nothing changes and
  // needs_confirmation is set), then it is deleted and the status saved;
  // otherwise the order stays and the status is saved as ContactPlanner::
  // set_status does (11, 20, 21 recalculate the next contact time).
  Result<EntryClosing> close(const domain::User& actor, Id<domain::PlanEntry> entry,
                             const StatusInput& status, bool confirm_delete);

 private:
  store::Database& db_;
  const Clock& clock_;
  SalesOrderDesk orders_;
  ContactPlanner planner_;
};

}  // namespace rapport::app
