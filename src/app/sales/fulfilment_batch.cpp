#include "app/sales/fulfilment_batch.h"

#include <algorithm>
#include <map>

#include <boost/json.hpp>

#include "app/access.h"
#include "app/jobs/job_runner.h"
#include "app/today.h"
#include "store/sales/sales_order_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {
namespace {

namespace json = boost::json;
using domain::SalesOrder;

// One chunk of (order, line) pairs, in one transaction.
Result<FulfilmentCounts> fulfil_batch_chunk(
    store::Tx& tx, const Clock& clock, const store::Actor& who,
    const FulfilmentBatchRequest& request,
    const std::vector<std::pair<std::int64_t, std::int64_t>>& lines, Instant now,
    ProductsById& products) {
  std::map<std::int64_t, std::vector<Id<domain::SalesOrderLine>>> by_order;
  for (const auto& [order, line] : lines)
    by_order[order].push_back(Id<domain::SalesOrderLine>{line});
  std::vector<std::int64_t> ids;
  for (const auto& [order, unused] : by_order) ids.push_back(order);
  auto orders = store::SalesOrderRepository::of_ids(tx, ids);
  add_products_of_lines(tx, orders, products);
  const CivilDate today = business_today(clock, store::SettingsRepository::load(tx));
  const auto inactive = inactive_change_targets(tx, orders);
  FulfilmentCounts counts;
  EventBatch events(tx);
  for (auto& order : orders) {
    const auto& selected = by_order[order.id.value];
    std::vector<LineDecision> decisions;
    for (auto line : selected) {
      auto it = std::find_if(order.lines.begin(), order.lines.end(),
                             [&](const auto& l) { return l.id == line; });
      const bool open = order.status == domain::SalesOrderStatus::open && it != order.lines.end() &&
                        it->status == domain::LineStatus::open;
      // A change line on an asset disconnected meanwhile is refused, not
      // the chunk.
      const bool gone = open && request.outcome == LineOutcome::complete && it->target_asset &&
                        it->action != domain::LineAction::add &&
                        it->action != domain::LineAction::none && inactive.count(*it->target_asset);
      if (!open || gone) {
        ++counts.refused;
        continue;
      }
      decisions.push_back({line, request.outcome, request.reason});
    }
    if (decisions.empty()) continue;
    const SalesOrder before = order;
    auto done = fulfil_order_lines(tx, order, decisions, products, today, who, now, events);
    if (!done) return done.error();
    auto saved = store::SalesOrderRepository::save(tx, order, before, who, now);
    if (!saved) return saved.error();
    counts.completed += done->completed;
    counts.failed += done->failed;
    counts.assets += done->assets;
    counts.assets_changed += done->assets_changed;
    counts.orders_completed += done->orders_completed;
  }
  events.write(tx);
  // Orders deleted meanwhile: their lines are refused too.
  for (const auto& [order, selected] : by_order)
    if (std::none_of(orders.begin(), orders.end(),
                     [&](const auto& o) { return o.id.value == order; }))
      counts.refused += static_cast<long long>(selected.size());
  return counts;
}

}  // namespace

Status check_fulfilment_batch(store::Database& db, const FulfilmentBatchRequest& r) {
  if (r.whole_queue && !r.orders.empty())
    return Error::invalid("fulfilment.selection_both", "orders");
  if (!r.whole_queue && r.orders.empty())
    return Error::invalid("fulfilment.selection_empty", "orders");
  if (r.orders.size() > kMaxBatchOrders)
    return Error::invalid("fulfilment.too_many_orders", "orders",
                          {{"max", std::to_string(kMaxBatchOrders)}});
  if (r.outcome == LineOutcome::fail) {
    if (r.reason.empty()) return Error::invalid("sales_order.line_fail_reason_required", "reason");
    if (r.reason.size() > domain::kMaxFailReasonLength)
      return Error::invalid("field.too_long", "reason",
                            {{"max", std::to_string(domain::kMaxFailReasonLength)}});
  }
  if (r.orders.empty()) return Ok{};
  return db.read([&](store::Tx& tx) -> Status {
    auto found = store::SalesOrderRepository::of_ids(tx, r.orders);
    for (auto id : r.orders) {
      auto it =
          std::find_if(found.begin(), found.end(), [&](const auto& o) { return o.id.value == id; });
      if (it == found.end())
        return Error::invalid("fulfilment.order_unknown", "orders", {{"id", std::to_string(id)}});
      if (it->status != domain::SalesOrderStatus::open)
        return Error::invalid("fulfilment.order_not_open", "orders", {{"number", it->number}});
    }
    return Ok{};
  });
}

Result<Id<domain::Job>> start_fulfilment_batch(JobRunner& jobs, store::Database& db,
                                               const domain::User& actor,
                                               const FulfilmentBatchRequest& request) {
  // The role first: others learn nothing of the orders from a 422.
  if (auto ok = require(actor, Capability::fulfil_orders); !ok) return ok.error();
  if (auto ok = check_fulfilment_batch(db, request); !ok) return ok.error();
  return jobs.start(actor, "fulfilment_batch", to_json(request), "");
}

std::string to_json(const FulfilmentBatchRequest& r) {
  json::array orders;
  for (auto id : r.orders) orders.push_back(id);
  return json::serialize(
      json::object{{"orders", std::move(orders)},
                   {"whole_queue", r.whole_queue},
                   {"outcome", r.outcome == LineOutcome::fail ? "fail" : "complete"},
                   {"reason", r.reason}});
}

Result<FulfilmentBatchRequest> fulfilment_batch_from_json(std::string_view text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  const auto invalid = Error::invalid("fulfilment.params_invalid");
  if (ec || !value.is_object()) return invalid;
  const auto& o = value.as_object();
  FulfilmentBatchRequest r;
  if (auto* orders = o.if_contains("orders")) {
    if (!orders->is_array()) return invalid;
    for (const auto& id : orders->as_array()) {
      if (!id.is_int64()) return invalid;
      r.orders.push_back(id.as_int64());
    }
  }
  if (auto* whole = o.if_contains("whole_queue"); whole && whole->is_bool())
    r.whole_queue = whole->get_bool();
  if (auto* outcome = o.if_contains("outcome"); outcome && outcome->is_string())
    r.outcome = outcome->as_string() == "fail" ? LineOutcome::fail : LineOutcome::complete;
  if (auto* reason = o.if_contains("reason"); reason && reason->is_string())
    r.reason = std::string(reason->as_string());
  return r;
}

std::string to_json(const FulfilmentResume& r) {
  const auto& c = r.counts;
  return json::serialize(json::object{{"order", r.order},
                                      {"line", r.line},
                                      {"done", r.done},
                                      {"selected", r.selected},
                                      {"completed", c.completed},
                                      {"failed", c.failed},
                                      {"assets", c.assets},
                                      {"assets_changed", c.assets_changed},
                                      {"orders_completed", c.orders_completed},
                                      {"refused", c.refused}});
}

FulfilmentResume fulfilment_resume_of(std::string_view text) {
  FulfilmentResume r;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return r;
  auto n = [&](const char* key) -> std::int64_t {
    const auto* x = v.as_object().if_contains(key);
    return x && x->is_int64() && x->as_int64() > 0 ? x->as_int64() : 0;
  };
  r.order = n("order");
  r.line = n("line");
  r.done = n("done");
  r.selected = n("selected");
  r.counts.completed = n("completed");
  r.counts.failed = n("failed");
  r.counts.assets = n("assets");
  r.counts.assets_changed = n("assets_changed");
  r.counts.orders_completed = n("orders_completed");
  r.counts.refused = n("refused");
  return r;
}

Result<FulfilmentBatchResult> run_fulfilment_batch(store::Database& db, const Clock& clock,
                                                   const store::Actor& who,
                                                   const FulfilmentBatchRequest& request,
                                                   const FulfilmentBatchHooks& hooks, int chunk) {
  // Taken over: the lines after the last committed chunk's (those done
  // before are no longer open, and a line refused but still open is not
  // refused twice).
  const bool resumed = hooks.resume.order > 0;
  auto lines = db.read([&](store::Tx& tx) {
    return Result<std::vector<std::pair<std::int64_t, std::int64_t>>>{
        store::SalesOrderRepository::open_lines(
            tx, request.orders,
            resumed ? std::optional{std::pair{hooks.resume.order, hooks.resume.line}}
                    : std::nullopt)};
  });
  if (!lines) return lines.error();
  FulfilmentBatchResult result;
  FulfilmentResume at = hooks.resume;
  if (resumed) {
    result.counts = at.counts;
    // A line left open by the first run but closed since is no longer
    // selected: counted as refused, as a single run would have.
    result.selected = std::max(at.selected, at.done + static_cast<long long>(lines->size()));
    at.counts.refused += result.selected - at.done - static_cast<long long>(lines->size());
    result.counts.refused = at.counts.refused;
  } else {
    result.selected = static_cast<long long>(lines->size());
  }
  at.selected = result.selected;
  const std::size_t step = static_cast<std::size_t>(std::max(chunk, 1));
  // Read once for the batch: a product changed meanwhile is seen as it was.
  ProductsById products;
  for (std::size_t start = 0; start < lines->size(); start += step) {
    if (hooks.cancelled && hooks.cancelled()) {
      result.cancelled = true;
      break;
    }
    const auto end = std::min(lines->size(), start + step);
    std::vector<std::pair<std::int64_t, std::int64_t>> part(
        lines->begin() + static_cast<std::ptrdiff_t>(start),
        lines->begin() + static_cast<std::ptrdiff_t>(end));
    const Instant now = clock.now();
    FulfilmentResume next = at;
    auto done = db.write([&](store::Tx& tx) -> Result<FulfilmentCounts> {
      auto counts = fulfil_batch_chunk(tx, clock, who, request, part, now, products);
      if (!counts) return counts;
      auto& c = next.counts;
      c.completed += counts->completed;
      c.failed += counts->failed;
      c.assets += counts->assets;
      c.assets_changed += counts->assets_changed;
      c.orders_completed += counts->orders_completed;
      c.refused += counts->refused;
      next.order = part.back().first;
      next.line = part.back().second;
      next.done += static_cast<long long>(part.size());
      if (hooks.checkpoint)
        if (auto ok = hooks.checkpoint(tx, next); !ok) return ok.error();
      return counts;
    });
    if (!done) return done.error();
    at = next;
    result.counts = at.counts;
    if (hooks.progress) hooks.progress(at.done, result.selected, result.counts);
  }
  return result;
}

}  // namespace rapport::app
