#include "app/sales/contact_order_desk.h"

#include <date/date.h>

#include "app/access.h"
#include "store/contactplan/contact_plan_repository.h"
#include "store/contactplan/plan_entry_repository.h"
#include "store/sales/sales_order_repository.h"

namespace rapport::app {
namespace {

Status may_take_orders_from_plans(const domain::User& actor) {
  if (auto ok = require(actor, Capability::work_plans); !ok) return ok;
  return require(actor, Capability::take_orders);
}

}  // namespace

Result<EntryOrderStart> ContactOrderDesk::start(const domain::User& actor,
                                                Id<domain::PlanEntry> id) {
  if (auto ok = may_take_orders_from_plans(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<EntryOrderStart> {
    auto row = store::PlanEntryRepository::find(tx, id);
    if (!row) return row.error();
    auto plan = store::ContactPlanRepository::find(tx, row->entry.plan);
    if (!plan) return plan.error();
    if (plan->purpose != domain::PlanPurpose::order_intake)
      return Error::invalid("sales_order.plan_not_order_intake");
    EntryOrderStart s;
    s.requested_delivery =
        date::year_month_day{date::sys_days{row->entry.contact_date} + date::days{plan->lead_days}};
    s.proposed_status = plan->default_status;
    if (row->entry.sales_order) {
      if (auto taken = store::SalesOrderRepository::find(
              tx, Id<domain::SalesOrder>{*row->entry.sales_order}))
        s.taken = *taken;
    }
    if (!s.taken && domain::is_final(row->entry.status))
      return Error::invalid("sales_order.entry_final");
    store::SalesOrderFilter filter;
    filter.customer = row->entry.customer;
    filter.requested_delivery = s.requested_delivery;
    auto orders = store::SalesOrderRepository::list(tx, filter);
    if (const auto* found = domain::existing_order_on(orders, s.requested_delivery);
        found && (!s.taken || found->id != s.taken->id))
      s.existing = *found;
    s.entry = std::move(*row);
    s.plan = std::move(*plan);
    return s;
  });
}

Result<domain::SalesOrder> ContactOrderDesk::open(const domain::User& actor,
                                                  Id<domain::PlanEntry> id,
                                                  std::optional<EntryOrderChoice> choice) {
  auto s = start(actor, id);
  if (!s) return s.error();
  if (s->taken) return *s->taken;
  if (!choice && s->existing)
    return Error::conflict("sales_order.already_exists", {{"number", s->existing->number}});
  if (choice == EntryOrderChoice::supplement) {
    if (!s->existing) return Error::invalid("sales_order.nothing_to_supplement");
    const Instant now = clock_.now();
    return db_.write([&](store::Tx& tx) -> Result<domain::SalesOrder> {
      store::PlanEntryRepository::link_sales_order(tx, id, s->existing->id.value, actor_of(actor),
                                                   now);
      return *s->existing;
    });
  }
  SalesOrderHeader h;
  h.customer = s->entry.entry.customer;
  h.requested_delivery = s->requested_delivery;
  h.departure = s->plan.departure;
  h.plan_entry = id.value;
  return orders_.create(actor, h);
}

Result<EntryClosing> ContactOrderDesk::close(const domain::User& actor, Id<domain::PlanEntry> id,
                                             const StatusInput& input, bool confirm_delete) {
  if (auto ok = may_take_orders_from_plans(actor); !ok) return ok.error();
  auto chosen = domain::contact_status_from(input.status);
  if (!chosen) return Error::invalid("plan_entry.status_invalid", "status");
  auto s = start(actor, id);
  if (!s) return s.error();
  EntryClosing out;
  const bool header = s->taken.has_value();
  const bool has_lines = header && !s->taken->lines.empty();
  out.outcome = domain::closing_outcome(has_lines, header, *chosen);
  if (out.outcome == domain::ClosingOutcome::status_not_allowed)
    return Error::invalid("sales_order.closing_status", "status");
  if (out.outcome == domain::ClosingOutcome::confirm_delete) {
    if (!confirm_delete) {
      out.needs_confirmation = true;
      return out;
    }
    const Instant now = clock_.now();
    auto deleted = db_.write([&](store::Tx& tx) -> Status {
      store::PlanEntryRepository::link_sales_order(tx, id, std::nullopt, actor_of(actor), now);
      return store::SalesOrderRepository::remove_empty(tx, s->taken->id, s->taken->version,
                                                       actor_of(actor), now);
    });
    if (!deleted) return deleted.error();
    out.order_deleted = true;
  }
  auto status = planner_.set_status(actor, id, input);
  if (!status) return status.error();
  out.status = std::move(*status);
  return out;
}

}  // namespace rapport::app
