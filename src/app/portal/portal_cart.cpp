#include "app/portal/portal_cart.h"

#include <algorithm>

#include "app/access.h"
#include "app/quotes/quote_document.h"
#include "app/sales/sales_order_desk.h"
#include "app/today.h"
#include "delivery/pdf/quote_pdf.h"
#include "store/catalog/literature_repository.h"
#include "store/catalog/price_list_repository.h"
#include "store/catalog/product_repository.h"
#include "store/quotes/quote_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {
namespace {

using domain::Quote;

std::int64_t customer_of(const domain::User& user) { return *user.portal_customer; }

// The list the customer's cart is priced in: the open cart's, else the one
// QuoteDesk::create would take for a quote without an account.
std::optional<domain::PriceList> cart_price_list(store::Tx& tx, std::int64_t customer) {
  if (auto cart = store::QuoteRepository::cart_of(tx, customer))
    if (auto list = store::PriceListRepository::find(tx, cart->price_list)) return *list;
  return store::PriceListRepository::for_customer(tx, customer, std::nullopt);
}

// The products of `found` orderable on `today` with a price in `list`.
std::vector<PortalCatalogItem> priced_items(store::Tx& tx, const domain::PriceList& list,
                                            std::vector<domain::Product> found, CivilDate today) {
  std::vector<std::int64_t> ids;
  for (const auto& p : found) ids.push_back(p.id.value);
  const auto prices = store::PriceListRepository::prices(tx, list.id, ids);
  std::vector<PortalCatalogItem> items;
  for (auto& p : found) {
    if (!domain::is_orderable(p, today)) continue;
    auto price = std::find_if(prices.begin(), prices.end(),
                              [&](const auto& pr) { return pr.product == p.id; });
    if (price != prices.end()) items.push_back({std::move(p), *price, {}});
  }
  return items;
}

Result<Quote> open_cart(store::Database& db, const domain::User& user) {
  return db.read([&](store::Tx& tx) -> Result<Quote> {
    auto cart = store::QuoteRepository::cart_of(tx, customer_of(user));
    if (!cart) return Error::not_found("quote.cart_empty");
    return std::move(*cart);
  });
}

}  // namespace

Result<PortalCatalog> PortalCartDesk::catalog(const domain::User& user, const std::string& text) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  const CivilDate today = business_today(clock_, db_);
  return db_.read([&](store::Tx& tx) -> Result<PortalCatalog> {
    auto list = cart_price_list(tx, customer_of(user));
    if (!list) return Error::not_found("sales_order.no_price_list");
    store::ProductFilter f;
    f.text = text;
    f.orderable_only = true;
    f.orderable_on = today;
    f.limit = kMaxPortalCatalogItems;
    PortalCatalog c{*list, priced_items(tx, *list, store::ProductRepository::search(tx, f), today)};
    return c;
  });
}

Result<PortalCatalogItem> PortalCartDesk::product(const domain::User& user,
                                                  Id<domain::Product> id) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  const CivilDate today = business_today(clock_, db_);
  return db_.read([&](store::Tx& tx) -> Result<PortalCatalogItem> {
    auto list = cart_price_list(tx, customer_of(user));
    auto product = store::ProductRepository::find(tx, id);
    if (!list || !product) return Error::not_found("product.not_found");
    auto items = priced_items(tx, *list, {std::move(*product)}, today);
    if (items.empty()) return Error::not_found("product.not_found");
    items.front().literature = store::LiteratureRepository::of_product(tx, id);
    return std::move(items.front());
  });
}

Result<LiteratureFile> PortalCartDesk::literature_file(const domain::User& user,
                                                       Id<domain::Product> product,
                                                       Id<domain::Literature> id) {
  // Only a document of a product the customer may order today.
  auto item = this->product(user, product);
  if (!item) return item.error();
  return db_.read([&](store::Tx& tx) -> Result<LiteratureFile> {
    auto l = store::LiteratureRepository::find(tx, id);
    if (!l || l->product != product) return Error::not_found("literature.not_found");
    auto bytes = store::LiteratureRepository::bytes(tx, id);
    if (!bytes) return bytes.error();
    return LiteratureFile{std::move(*l), std::move(*bytes)};
  });
}

Result<std::optional<QuoteView>> PortalCartDesk::cart(const domain::User& user) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  auto cart = open_cart(db_, user);
  if (!cart) return std::optional<QuoteView>{};
  auto v = QuoteDesk(db_, clock_).view(user, cart->id);
  if (!v) return v.error();
  return std::optional<QuoteView>{std::move(*v)};
}

Result<Quote> PortalCartDesk::add(const domain::User& user, Id<domain::Product> product,
                                  std::int64_t quantity, FieldErrors* errors) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  QuoteHeader h;
  h.customer = customer_of(user);
  h.contact = user.portal_contact;
  QuoteLineInput line;
  line.product = product;
  line.quantity = quantity;
  return QuoteDesk(db_, clock_).add_to_cart(user, h, line, errors);
}

Result<Quote> PortalCartDesk::change(const domain::User& user, Id<domain::QuoteLine> line,
                                     std::int64_t quantity, FieldErrors* errors) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  auto cart = open_cart(db_, user);
  if (!cart) return cart.error();
  return QuoteDesk(db_, clock_)
      .change_line(user, cart->id, cart->version, line, quantity, 0, errors);
}

Result<Quote> PortalCartDesk::remove(const domain::User& user, Id<domain::QuoteLine> line) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  auto cart = open_cart(db_, user);
  if (!cart) return cart.error();
  return QuoteDesk(db_, clock_).remove_line(user, cart->id, cart->version, line);
}

Result<Quote> PortalCartDesk::save(const domain::User& user, FieldErrors* errors) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  auto cart = open_cart(db_, user);
  if (!cart) return cart.error();
  return QuoteDesk(db_, clock_).save_cart(user, cart->id, cart->version, errors);
}

Result<std::vector<QuoteSummary>> PortalCartDesk::quotes(const domain::User& user) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  auto all = QuoteDesk(db_, clock_).of_customer(user, customer_of(user));
  if (!all) return all.error();
  std::erase_if(*all, [](const auto& s) { return s.quote.status == domain::QuoteStatus::draft; });
  return all;
}

Result<QuoteView> PortalCartDesk::quote(const domain::User& user, Id<Quote> id) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  auto v = QuoteDesk(db_, clock_).view(user, id);
  if (!v) return v.error();
  if (v->quote.status == domain::QuoteStatus::draft) return Error::not_found("quote.not_found");
  return v;
}

Result<PortalQuoteFile> PortalCartDesk::quote_pdf(const domain::User& user, Id<Quote> id) {
  auto v = quote(user, id);
  if (!v) return v.error();
  const auto settings = db_.read([](store::Tx& tx) -> Result<domain::InstallationSettings> {
    return store::SettingsRepository::load(tx);
  });
  if (!settings) return settings.error();
  auto pdf = delivery::render_quote_pdf(quote_document_of(*v, *settings, catalog_));
  if (!pdf) return pdf.error();
  return PortalQuoteFile{std::move(*pdf), quote_file_name(v->quote)};
}

Result<Quote> PortalCartDesk::accept(const domain::User& user, Id<Quote> id, Version version,
                                     const domain::QuoteAcceptance& acceptance) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  return QuoteDesk(db_, clock_).accept(user, id, version, acceptance);
}

Result<ConversionPreview> PortalCartDesk::preview_conversion(const domain::User& user,
                                                             Id<Quote> id) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  return QuoteDesk(db_, clock_).preview_conversion(user, id);
}

Result<domain::SalesOrder> PortalCartDesk::convert(const domain::User& user, Id<Quote> id,
                                                   Version version, const std::string& acknowledged,
                                                   ConversionPreview* preview_out) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  return QuoteDesk(db_, clock_).convert(user, id, version, acknowledged, preview_out);
}

Result<domain::SalesOrder> PortalCartDesk::submit(const domain::User& user,
                                                  Id<domain::SalesOrder> order, Version version,
                                                  FieldErrors* errors) {
  if (auto ok = require_portal_user(user); !ok) return ok.error();
  return SalesOrderDesk(db_, clock_).submit(user, order, version, errors);
}

}  // namespace rapport::app
