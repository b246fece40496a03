#include "web/ui/sales/sales_view_data.h"

#include <boost/json.hpp>

#include "app/access.h"
#include "domain/catalog/pricing.h"
#include "i18n/format.h"
#include "web/ui/customers/customer_view_data.h"

namespace rapport::web::ui {
namespace json = boost::json;

json::object sales_order_row(const Request& req, const WebContext& ctx,
                             const domain::SalesOrder& o) {
  auto totals = domain::totals_of(o);
  return {{"id", o.id.value},
          {"number", o.number},
          {"requested_delivery", o.requested_delivery
                                     ? i18n::format_civil_date(req.language, *o.requested_delivery)
                                     : std::string()},
          {"lines", o.lines.size()},
          {"total", totals && is_known_currency(o.currency)
                        ? i18n::format_money(req.language, Money{totals->gross, o.currency})
                        : std::string()},
          {"status_code", enum_code(o.status)},
          {"status", code_label(req, ctx, "sales_order.status", enum_code(o.status))}};
}

json::object asset_row(const Request& req, const WebContext& ctx, const store::AssetRow& row) {
  const auto& a = row.asset;
  const std::string& name =
      req.language == Language::fr && !row.product_name_fr.empty()
          ? row.product_name_fr
          : (row.product_name_en.empty() ? row.product_name_fr : row.product_name_en);
  return {{"id", a.id.value},
          {"number", a.number},
          {"product", name},
          {"product_code", row.product_code},
          {"quantity", i18n::format_decimal(req.language, a.quantity, 3)},
          {"address", one_line(a.service_address)},
          {"installed_on", i18n::format_civil_date(req.language, a.installed_on)},
          {"status_code", enum_code(a.status)},
          {"status", code_label(req, ctx, "asset.status", enum_code(a.status))},
          {"customer_id", a.customer},
          {"changeable", a.status != domain::AssetStatus::inactive},
          {"suspendable", a.status == domain::AssetStatus::active},
          {"resumable", a.status == domain::AssetStatus::suspended}};
}

void add_customer_sales(json::object& data, const Request& req, const WebContext& ctx,
                        const app::CustomerView& v) {
  json::array orders, assets;
  for (const auto& o : v.sales_orders) orders.push_back(sales_order_row(req, ctx, o));
  for (const auto& row : v.assets) assets.push_back(asset_row(req, ctx, row));
  // Modify, disconnect, suspend or resume (change orders) for those who take orders.
  data["can_change_assets"] = req.user && app::allowed(*req.user, app::Capability::take_orders);
  data["assets_change_href"] =
      "/customers/" + std::to_string(v.customer.id.value) + "/change-order";
  data["has_sales_orders"] = !orders.empty();
  data["can_take_sales_orders"] = req.user && app::allowed(*req.user, app::Capability::take_orders);
  data["has_assets"] = !assets.empty();
  add_fold(data, "sales_orders", orders.size());
  add_fold(data, "assets", assets.size());
  data["sales_orders"] = std::move(orders);
  data["assets"] = std::move(assets);
}

}  // namespace rapport::web::ui
