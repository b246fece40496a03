// store/marketing/service_order_repository.h: service orders, their status events,
// and the conversion figures per campaign.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/marketing/service_order.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

// An order with what lists show beside it.
struct ServiceOrderRow {
  domain::ServiceOrder order;
  std::string campaign_code;
  std::string package_code;
  std::string prospect_name;
};

struct ServiceOrderFilter {
  std::optional<domain::OrderStatus> status;
  std::optional<std::int64_t> campaign;
  std::optional<std::int64_t> customer;
  // Held orders whose remind date is on or before this day (the to-do list).
  std::optional<CivilDate> due_on_or_before;
  std::optional<std::int64_t> assigned_user;
  int limit = 50;
  int offset = 0;
};

struct OrderEvent {
  Instant at;
  std::string user_name;
  domain::OrderStatus status = domain::OrderStatus::pending;
  std::string reason;
};

// Orders of one campaign by current status, cancellations by reason.
struct Conversion {
  int started = 0;  // every order ever created in the campaign
  int pending = 0;
  int held = 0;
  int canceled = 0;
  int complete = 0;
  std::map<std::string, int> canceled_by_reason;
};

class ServiceOrderRepository {
 public:
  // Inserts the order (its number "SO-" + 6-digit id is set and returned in
  // the stored order) and a "pending" event.
  static domain::ServiceOrder insert(Tx& tx, domain::ServiceOrder o, const Actor& actor,
                                     Instant now);
  // Saves every field at o.version (stale_record_error when moved on);
  // appends an event when the status or its reason changed.
  static Result<Version> update(Tx& tx, const domain::ServiceOrder& o, const Actor& actor,
                                Instant now);
  // Errors: not_found ("service_order.not_found").
  static Result<domain::ServiceOrder> find(Tx& tx, Id<domain::ServiceOrder> id);
  // Newest first.
  static std::vector<ServiceOrderRow> list(Tx& tx, const ServiceOrderFilter& filter);
  static std::vector<OrderEvent> events(Tx& tx, Id<domain::ServiceOrder> id);
  static Conversion conversion(Tx& tx, Id<domain::Campaign> campaign);
  // Links an agreement to the order, campaign and package it was signed under.
  static void link_agreement(Tx& tx, std::int64_t agreement, Id<domain::ServiceOrder> order,
                             Id<domain::Campaign> campaign,
                             std::optional<Id<domain::Package>> package);
};

}  // namespace rapport::store
