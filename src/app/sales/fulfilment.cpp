#include "app/sales/fulfilment.h"

#include <algorithm>
#include <utility>

#include "app/events/outbox.h"
#include "domain/sales/asset.h"
#include "store/catalog/product_repository.h"
#include "store/customers/interaction_repository.h"
#include "store/sales/asset_repository.h"

namespace rapport::app {

ProductsById products_of_lines(store::Tx& tx, const std::vector<domain::SalesOrder>& orders) {
  ProductsById out;
  add_products_of_lines(tx, orders, out);
  return out;
}

void add_products_of_lines(store::Tx& tx, const std::vector<domain::SalesOrder>& orders,
                           ProductsById& known) {
  std::vector<std::int64_t> ids;
  for (const auto& o : orders)
    for (const auto& l : o.lines)
      if (!known.count(l.product.value)) ids.push_back(l.product.value);
  if (ids.empty()) return;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (auto& p : store::ProductRepository::of_ids(tx, ids)) known.emplace(p.id.value, std::move(p));
}

std::set<std::int64_t> inactive_change_targets(store::Tx& tx,
                                               const std::vector<domain::SalesOrder>& orders) {
  std::vector<std::int64_t> targets;
  for (const auto& o : orders)
    for (const auto& l : o.lines)
      if (l.target_asset &&
          (l.action == domain::LineAction::update || l.action == domain::LineAction::remove))
        targets.push_back(*l.target_asset);
  std::set<std::int64_t> out;
  for (const auto& a : store::AssetRepository::of_ids(tx, targets))
    if (a.status == domain::AssetStatus::inactive) out.insert(a.id.value);
  return out;
}

void log_sales_interaction(store::Tx& tx, const domain::SalesOrder& o, const store::Actor& who,
                           Instant now, const std::string& outcome,
                           domain::InteractionChannel channel) {
  domain::Interaction i;
  i.customer = Id<domain::Customer>{o.customer};
  i.at = now;
  i.user_name = who.name;
  i.channel = channel;
  i.summary = o.number;
  i.outcome = outcome;
  i.related_type = "sales_order";
  i.related_id = o.id.value;
  store::InteractionRepository::insert(tx, i, who);
}

Result<FulfilmentCounts> fulfil_order_lines(store::Tx& tx, domain::SalesOrder& order,
                                            const std::vector<LineDecision>& decisions,
                                            const ProductsById& products, CivilDate today,
                                            const store::Actor& who, Instant now,
                                            EventBatch& events) {
  FulfilmentCounts counts;
  const bool was_complete = order.status == domain::SalesOrderStatus::complete;
  std::vector<domain::Asset> assets;
  std::vector<domain::SalesOrderLine*> asset_lines;
  // The assets the change lines act on, read once, changed in turn.
  std::vector<std::int64_t> targets;
  for (const auto& d : decisions)
    for (const auto& l : order.lines)
      if (l.id == d.line && d.outcome == LineOutcome::complete && l.target_asset &&
          l.action != domain::LineAction::add)
        targets.push_back(*l.target_asset);
  std::map<std::int64_t, std::pair<domain::Asset, domain::Asset>> changed;  // now, before
  for (auto& a : store::AssetRepository::of_ids(tx, targets))
    changed.emplace(a.id.value, std::make_pair(a, a));
  for (const auto& d : decisions) {
    if (d.outcome == LineOutcome::fail) {
      if (auto ok = domain::fail_line(order, d.line, d.reason, now); !ok) return ok.error();
      ++counts.failed;
      events.add(domain::EventType::sales_order_line_failed, [&] {
        return sales_order_event(domain::EventType::sales_order_line_failed, order, now, d.line);
      });
      continue;
    }
    if (auto ok = domain::complete_line(order, d.line, now); !ok) return ok.error();
    ++counts.completed;
    auto& line = *std::find_if(order.lines.begin(), order.lines.end(),
                               [&](const auto& l) { return l.id == d.line; });
    if (line.action != domain::LineAction::add) {
      // A change line: the asset it acts on is updated, suspended, resumed
      // or made inactive (none leaves it), and the line names it.
      if (!line.target_asset) continue;
      auto target = changed.find(*line.target_asset);
      if (target == changed.end()) return Error::not_found("asset.not_found");
      if (auto ok = domain::apply_change_line(target->second.first, line); !ok) return ok.error();
      line.asset = line.target_asset;
      continue;
    }
    auto product = products.find(line.product.value);
    if (product == products.end()) return Error::not_found("product.not_found");
    if (auto asset = domain::asset_from_line(order, line, product->second, today)) {
      assets.push_back(std::move(*asset));
      asset_lines.push_back(&line);
    }
  }
  auto stored = store::AssetRepository::insert_many(tx, std::move(assets), now);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    asset_lines[i]->asset = stored[i].id.value;
    events.add(domain::EventType::asset_created,
               [&] { return asset_event(domain::EventType::asset_created, stored[i], now); });
  }
  counts.assets = static_cast<long long>(stored.size());
  for (auto& [id, state] : changed) {
    auto& [now_state, before] = state;
    if (now_state.quantity == before.quantity && now_state.status == before.status &&
        now_state.features == before.features)
      continue;
    auto saved = store::AssetRepository::save(tx, now_state, before, who, now);
    if (!saved) return saved.error();
    ++counts.assets_changed;
    events.add(domain::EventType::asset_changed,
               [&] { return asset_event(domain::EventType::asset_changed, now_state, now); });
  }
  // The events follow the lines as decided, each after its asset.
  for (const auto& d : decisions)
    if (d.outcome == LineOutcome::complete)
      events.add(domain::EventType::sales_order_line_fulfilled, [&] {
        return sales_order_event(domain::EventType::sales_order_line_fulfilled, order, now, d.line);
      });
  if (!was_complete && order.status == domain::SalesOrderStatus::complete) {
    ++counts.orders_completed;
    log_sales_interaction(tx, order, who, now, "complete");
    events.add(domain::EventType::sales_order_completed, [&] {
      return sales_order_event(domain::EventType::sales_order_completed, order, now);
    });
  }
  return counts;
}

}  // namespace rapport::app
