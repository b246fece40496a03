#include "app/portal/portal_records.h"

#include "app/access.h"
#include "app/paging.h"
#include "store/catalog/product_repository.h"
#include "store/customers/customer_repository.h"
#include "store/customers/interaction_repository.h"
#include "store/sales/sales_order_repository.h"

namespace rapport::app {

Result<std::string> PortalRecords::customer_name(const domain::User& customer_user) {
  if (auto ok = require_portal_user(customer_user); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::string> {
    auto c =
        store::CustomerRepository::find(tx, Id<domain::Customer>{*customer_user.portal_customer});
    if (!c) return c.error();
    return c->display_name();
  });
}

Result<SalesOrderView> PortalRecords::order(const domain::User& customer_user,
                                            Id<domain::SalesOrder> id) {
  if (auto ok = require_portal_user(customer_user); !ok) return ok.error();
  return SalesOrderDesk(db_, clock_).view(customer_user, id);
}

Result<std::vector<store::AssetRow>> PortalRecords::assets(const domain::User& customer_user) {
  if (auto ok = require_portal_user(customer_user); !ok) return ok.error();
  return SalesOrderDesk(db_, clock_).assets(customer_user, *customer_user.portal_customer);
}

Result<PortalAsset> PortalRecords::asset(const domain::User& customer_user, Id<domain::Asset> id) {
  if (auto ok = require_portal_user(customer_user); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<PortalAsset> {
    auto asset = store::AssetRepository::find(tx, id);
    if (!asset) return asset.error();
    if (auto own = require_own(customer_user, asset->customer); !own)
      return Error::not_found("asset.not_found");
    auto product = store::ProductRepository::find(tx, asset->product);
    if (!product) return product.error();
    PortalAsset out;
    for (const auto& line : store::SalesOrderRepository::lines_on_asset(tx, id.value))
      if (line.line.id == asset->origin_line) {
        out.origin_order = line.order;
        out.origin_order_number = line.order_number;
      }
    out.row = {std::move(*asset), product->code, product->name_en, product->name_fr};
    return out;
  });
}

Result<PortalMessages> PortalRecords::messages(const domain::User& customer_user,
                                               std::optional<MessageCursor> after, int limit) {
  if (auto ok = require_portal_user(customer_user); !ok) return ok.error();
  if (auto ok = check_page_size(limit); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<PortalMessages> {
    const Id<domain::Customer> customer{*customer_user.portal_customer};
    PortalMessages out;
    out.messages = store::InteractionRepository::addressed_to(
        tx, customer, after ? std::optional<Instant>(after->at) : std::nullopt,
        after ? after->id : 0, limit + 1);
    if (static_cast<int>(out.messages.size()) > limit) {
      out.messages.resize(limit);
      out.next = MessageCursor{out.messages.back().at, out.messages.back().id.value};
    }
    return out;
  });
}

}  // namespace rapport::app
