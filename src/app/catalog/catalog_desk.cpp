#include "app/catalog/catalog_desk.h"

#include <algorithm>

#include "app/access.h"
#include "app/field_errors.h"
#include "app/today.h"
#include "domain/ascii.h"
#include "store/catalog/price_list_repository.h"

namespace rapport::app {
Result<std::vector<domain::Product>> CatalogDesk::search(const domain::User& actor,
                                                         store::ProductFilter filter) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  if (filter.orderable_only && !filter.orderable_on)
    filter.orderable_on = business_today(clock_, db_);
  return db_.read([&](store::Tx& tx) -> Result<std::vector<domain::Product>> {
    return store::ProductRepository::search(tx, filter);
  });
}

Result<domain::Product> CatalogDesk::product(const domain::User& actor, Id<domain::Product> id) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<domain::Product> {
    return store::ProductRepository::find(tx, id);
  });
}

Result<domain::Product> CatalogDesk::product_by_code(const domain::User& actor,
                                                     const std::string& code) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  const auto b = code.find_first_not_of(" \t");
  if (b == std::string::npos) return Error::invalid("field.required", "product");
  const std::string wanted =
      domain::ascii_upper(code.substr(b, code.find_last_not_of(" \t") - b + 1));
  return db_.read([&](store::Tx& tx) -> Result<domain::Product> {
    if (auto p = store::ProductRepository::find_by_code(tx, wanted)) return *p;
    return Error::invalid("product.not_found", "product");
  });
}

Result<domain::Product> CatalogDesk::create_product(const domain::User& actor, domain::Product p,
                                                    FieldErrors* errors) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  p.code = domain::ascii_upper(std::move(p.code));
  if (p.orderable_from == CivilDate{}) p.orderable_from = business_today(clock_, db_);
  if (auto found = domain::validate_product(p); !found.empty())
    return refuse_fields(std::move(found), errors);
  return db_.write([&](store::Tx& tx) -> Result<domain::Product> {
    return store::ProductRepository::insert(tx, p, actor_of(actor), clock_.now());
  });
}

Result<domain::Product> CatalogDesk::update_product(const domain::User& actor, domain::Product p,
                                                    FieldErrors* errors) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  return db_.write([&](store::Tx& tx) -> Result<domain::Product> {
    auto before = store::ProductRepository::find(tx, p.id);
    if (!before) return before.error();
    p.code = before->code;  // a code names the product in orders and history: it stays
    if (auto found = domain::validate_product(p); !found.empty())
      return refuse_fields(std::move(found), errors);
    auto version = store::ProductRepository::update(tx, p, actor_of(actor), clock_.now());
    if (!version) return version.error();
    p.version = *version;
    return p;
  });
}

Result<std::vector<domain::PriceList>> CatalogDesk::price_lists(const domain::User& actor) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<domain::PriceList>> {
    return store::PriceListRepository::list(tx);
  });
}

Result<PriceListView> CatalogDesk::price_list(const domain::User& actor, Id<domain::PriceList> id) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<PriceListView> {
    auto list = store::PriceListRepository::find(tx, id);
    if (!list) return list.error();
    PriceListView view{*list, store::PriceListRepository::all_prices(tx, id), {}};
    std::vector<std::int64_t> ids;
    for (const auto& p : view.prices) ids.push_back(p.product.value);
    view.products = store::ProductRepository::of_ids(tx, ids);
    return view;
  });
}

Result<domain::PriceList> CatalogDesk::create_price_list(const domain::User& actor,
                                                         domain::PriceList list,
                                                         FieldErrors* errors) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  list.code = domain::ascii_upper(std::move(list.code));
  list.currency = domain::ascii_upper(std::move(list.currency));
  if (list.valid_from == CivilDate{}) list.valid_from = business_today(clock_, db_);
  if (auto found = domain::validate_price_list(list); !found.empty())
    return refuse_fields(std::move(found), errors);
  return db_.write([&](store::Tx& tx) -> Result<domain::PriceList> {
    return store::PriceListRepository::insert(tx, list, actor_of(actor), clock_.now());
  });
}

Result<domain::PriceList> CatalogDesk::update_price_list(const domain::User& actor,
                                                         domain::PriceList list,
                                                         FieldErrors* errors) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  list.currency = domain::ascii_upper(std::move(list.currency));
  return db_.write([&](store::Tx& tx) -> Result<domain::PriceList> {
    auto before = store::PriceListRepository::find(tx, list.id);
    if (!before) return before.error();
    list.code = before->code;
    if (auto found = domain::validate_price_list(list); !found.empty())
      return refuse_fields(std::move(found), errors);
    // Orders keep the currency they were priced in: a list with prices
    // cannot change currency under them.
    if (list.currency != before->currency &&
        !store::PriceListRepository::all_prices(tx, list.id).empty())
      return refuse_fields({{Error::invalid("price_list.currency_fixed", "currency")}}, errors);
    auto version = store::PriceListRepository::update(tx, list, actor_of(actor), clock_.now());
    if (!version) return version.error();
    list.version = *version;
    return list;
  });
}

Result<Version> CatalogDesk::set_price(const domain::User& actor, Id<domain::PriceList> list,
                                       const domain::ProductPrice& price,
                                       std::optional<Version> version, FieldErrors* errors) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  if (auto found = domain::validate_price(price); !found.empty())
    return refuse_fields(std::move(found), errors);
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<Version> {
    if (auto l = store::PriceListRepository::find(tx, list); !l) return l.error();
    if (auto p = store::ProductRepository::find(tx, price.product); !p) return p.error();
    auto moved = store::PriceListRepository::touch(tx, list, version, actor_of(actor), now);
    if (!moved) return moved.error();
    store::PriceListRepository::set_price(tx, list, price, actor_of(actor), now);
    return *moved;
  });
}

Result<Version> CatalogDesk::remove_price(const domain::User& actor, Id<domain::PriceList> list,
                                          Id<domain::Product> product,
                                          std::optional<Version> version) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<Version> {
    if (auto l = store::PriceListRepository::find(tx, list); !l) return l.error();
    auto moved = store::PriceListRepository::touch(tx, list, version, actor_of(actor), now);
    if (!moved) return moved.error();
    if (auto ok = store::PriceListRepository::remove_price(tx, list, product, actor_of(actor), now);
        !ok)
      return ok.error();
    return *moved;
  });
}

Result<std::vector<store::AuditRow>> CatalogDesk::product_history(const domain::User& actor,
                                                                  Id<domain::Product> id) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::AuditRow>> {
    if (auto p = store::ProductRepository::find(tx, id); !p) return p.error();
    return store::AuditRepository::history(tx, "product", id.value);
  });
}

Result<std::vector<store::AuditRow>> CatalogDesk::price_list_history(const domain::User& actor,
                                                                     Id<domain::PriceList> id) {
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::AuditRow>> {
    if (auto l = store::PriceListRepository::find(tx, id); !l) return l.error();
    return store::AuditRepository::history(tx, "price_list", id.value);
  });
}

namespace {

Result<CustomerPriceLists> catalog_customer_lists(store::Tx& tx, Id<domain::Customer> customer) {
  auto holders = store::PriceListRepository::holders_of(tx, customer.value);
  if (!holders) return holders.error();
  return CustomerPriceLists{customer, std::move(*holders), store::PriceListRepository::list(tx),
                            store::PriceListRepository::default_list(tx)};
}

}  // namespace

Result<CustomerPriceLists> CatalogDesk::customer_price_lists(const domain::User& actor,
                                                             Id<domain::Customer> customer) {
  if (auto ok = require(actor, Capability::read_customers); !ok) return ok.error();
  if (auto ok = require(actor, Capability::read_catalog); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<CustomerPriceLists> {
    return catalog_customer_lists(tx, customer);
  });
}

Result<CustomerPriceLists> CatalogDesk::assign_price_list(const domain::User& actor,
                                                          Id<domain::Customer> customer,
                                                          const std::string& account,
                                                          std::optional<Id<domain::PriceList>> list,
                                                          Version version) {
  if (auto ok = require(actor, Capability::manage_catalog); !ok) return ok.error();
  if (auto ok = require(actor, Capability::read_customers); !ok) return ok.error();
  return db_.write([&](store::Tx& tx) -> Result<CustomerPriceLists> {
    auto holders = store::PriceListRepository::holders_of(tx, customer.value);
    if (!holders) return holders.error();
    auto target = holders->begin();  // the customer
    if (!account.empty()) {
      target = std::find_if(holders->begin() + 1, holders->end(),
                            [&](const store::PriceListHolder& h) { return h.number == account; });
      if (target == holders->end()) return Error::not_found("account.not_found");
    }
    if (list) {
      auto chosen = store::PriceListRepository::find(tx, *list);
      if (!chosen) return Error::invalid("price_list.not_found", "price_list");
      // The accounts this list would price: the one named, or the
      // customer's accounts without a list of their own.
      for (auto h = holders->begin() + 1; h != holders->end(); ++h) {
        const bool priced = account.empty() ? !h->list : h == target;
        if (priced && !h->currency.empty() && h->currency != chosen->currency)
          return Error::invalid("price_list.currency_mismatch", "price_list",
                                {{"list", chosen->currency}, {"account", h->currency}});
      }
    }
    std::optional<std::int64_t> account_id;
    if (!account.empty()) account_id = target->id;
    auto saved = store::PriceListRepository::assign_at(tx, customer.value, account_id, list,
                                                       version, actor_of(actor), clock_.now());
    if (!saved) return saved.error();
    return catalog_customer_lists(tx, customer);
  });
}

}  // namespace rapport::app
