#include "app/catalog/line_product.h"

#include <algorithm>

#include "app/field_errors.h"
#include "domain/ascii.h"
#include "store/catalog/price_list_repository.h"
#include "store/catalog/product_repository.h"
#include "store/customers/account_repository.h"
#include "store/customers/contact_repository.h"

namespace rapport::app {

OrderParties order_parties_of(store::Tx& tx, const domain::Customer& customer,
                              std::optional<std::int64_t> account,
                              std::optional<std::int64_t> contact,
                              std::optional<Id<domain::PriceList>> named,
                              Id<domain::PriceList> kept, FieldErrors& errors) {
  OrderParties out;
  if (account) {
    for (auto& a : store::AccountRepository::of_customer(tx, customer.id))
      if (a.id.value == *account) out.account = std::move(a);
    if (!out.account) errors.add(Error::invalid("sales_order.account_not_customers", "account"));
  }
  if (contact) {
    auto contacts = store::ContactRepository::of_customer(tx, customer.id);
    if (std::none_of(contacts.begin(), contacts.end(),
                     [&](const auto& c) { return c.id.value == *contact; }))
      errors.add(Error::invalid("sales_order.contact_not_customers", "contact"));
  }
  if (named) {
    if (auto found = store::PriceListRepository::find(tx, *named)) out.list = *found;
  } else if (kept.valid()) {
    if (auto found = store::PriceListRepository::find(tx, kept)) out.list = *found;
  } else {
    out.list = store::PriceListRepository::for_customer(tx, customer.id.value, account);
  }
  if (!out.list) errors.add(Error::invalid("sales_order.no_price_list", "price_list"));
  return out;
}

Result<domain::Product> line_product_of(store::Tx& tx, std::optional<Id<domain::Product>> product,
                                        const std::string& typed) {
  const Error not_found = Error::invalid("product.not_found", "product");
  if (product) {
    if (auto p = store::ProductRepository::find(tx, *product)) return *p;
    return not_found;
  }
  if (auto p = store::ProductRepository::find_by_code(tx, domain::ascii_upper(typed))) return *p;
  if (typed.empty()) return not_found;
  store::ProductFilter filter;
  filter.text = typed;
  filter.limit = 2;
  auto found = store::ProductRepository::search(tx, filter);
  if (found.size() == 1) return std::move(found.front());
  if (found.empty()) return not_found;
  return Error::invalid("sales_order.product_ambiguous", "product", {{"text", typed}});
}

Result<std::int64_t> list_unit_price(store::Tx& tx, Id<domain::PriceList> list,
                                     const domain::Product& product, std::int64_t quantity) {
  auto prices = store::PriceListRepository::prices(tx, list, {product.id.value});
  if (prices.empty())
    return Error::invalid("sales_order.line_price_missing", "product", {{"code", product.code}});
  return domain::unit_price_for(prices.front(), quantity);
}

Result<PricedLine> priced_line(store::Tx& tx, Id<domain::PriceList> list,
                               std::optional<Id<domain::Product>> product, const std::string& typed,
                               std::int64_t quantity, CivilDate day, FieldErrors* errors_out) {
  auto found = line_product_of(tx, product, typed);
  if (!found) return refuse_fields({{found.error()}}, errors_out);
  if (!domain::is_orderable(*found, day))
    return refuse_fields({{Error::invalid("sales_order.line_product_not_orderable", "product",
                                          {{"code", found->code}})}},
                         errors_out);
  auto price = list_unit_price(tx, list, *found, quantity);
  if (!price) return refuse_fields({{price.error()}}, errors_out);
  return PricedLine{std::move(*found), *price};
}

Status check_priced_line(FieldErrors faults, bool totals_ok, FieldErrors* errors_out) {
  const std::string prefix = "line.";
  for (auto& e : faults.errors)
    if (e.field.starts_with(prefix)) e.field = e.field.substr(prefix.size());
  if (!faults.empty()) return refuse_fields(std::move(faults), errors_out);
  if (!totals_ok)
    return refuse_fields({{Error::invalid("money.too_large", "quantity")}}, errors_out);
  return Ok{};
}

}  // namespace rapport::app
