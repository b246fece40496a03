// app/portal/portal_cart.h: what the customer does with quotes in the portal
// (quotes-orders-assets.md, "Customer portal"): browse the catalog at their
// price list, fill a cart — their draft quote started on the web, one per
// customer — save it as a quote, read their quotes and download them.
// Every change is a QuoteDesk call (the CSR desk's rules, scoped to the
// customer by require_own); this desk only finds the customer's cart and
// what of the catalog and of their quotes a customer is shown.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/catalog/advisor_desk.h"
#include "app/quotes/quote_desk.h"
#include "core/result.h"
#include "domain/catalog/price_list.h"
#include "domain/catalog/product.h"
#include "domain/users/user.h"
#include "i18n/catalog.h"
#include "store/database.h"

namespace rapport::app {

// How many products a catalog page shows at most.
constexpr int kMaxPortalCatalogItems = 100;

struct PortalCatalogItem {
  domain::Product product;
  domain::ProductPrice price;                  // in the customer's list
  std::vector<domain::Literature> literature;  // product() only: its documents, newest first
};

// The products a customer may order today, priced in their list: the
// cart's, else the one a new quote would take (the account's, customer's
// or default list).
struct PortalCatalog {
  domain::PriceList price_list;
  std::vector<PortalCatalogItem> items;  // by code
};

struct PortalQuoteFile {
  std::string pdf;
  std::string file_name;  // "Q-000012-2.pdf"
};

class PortalCartDesk {
 public:
  PortalCartDesk(store::Database& db, const Clock& clock, const i18n::Catalog& catalog)
      : db_(db), clock_(clock), catalog_(catalog) {}

  // Every method: a portal user only (forbidden otherwise); their own
  // customer, never an id from the request.

  // Orderable products priced in the customer's list whose code or name
  // holds every word of `text` (empty: all), at most kMaxPortalCatalogItems.
  // Errors: not_found ("sales_order.no_price_list") when no list applies.
  Result<PortalCatalog> catalog(const domain::User& customer_user, const std::string& text);
  // One product of that catalog. Errors: not_found ("product.not_found":
  // unknown, not orderable today or not priced for the customer).
  Result<PortalCatalogItem> product(const domain::User& customer_user, Id<domain::Product> id);
  // A document (eAdvisor literature) of a product of that catalog.
  // Errors: not_found ("product.not_found" as product(); "literature.not_found",
  // also for a document of another product).
  Result<LiteratureFile> literature_file(const domain::User& customer_user,
                                         Id<domain::Product> product, Id<domain::Literature> id);

  // The open cart, if any.
  Result<std::optional<QuoteView>> cart(const domain::User& customer_user);
  // Adds `quantity` (thousandths) of the product to the cart, made first if
  // there is none (QuoteDesk::create: origin web, addressed to the
  // portal user's contact). Errors: QuoteDesk::add_line's, on "product"
  // and "quantity".
  Result<domain::Quote> add(const domain::User& customer_user, Id<domain::Product> product,
                            std::int64_t quantity, FieldErrors* errors = nullptr);
  // Errors: not_found ("quote.cart_empty" without a cart,
  // "quote.line_not_found"); QuoteDesk::change_line's.
  Result<domain::Quote> change(const domain::User& customer_user, Id<domain::QuoteLine> line,
                               std::int64_t quantity, FieldErrors* errors = nullptr);
  Result<domain::Quote> remove(const domain::User& customer_user, Id<domain::QuoteLine> line);
  // QuoteDesk::save_cart on the open cart: the quote made of it.
  Result<domain::Quote> save(const domain::User& customer_user, FieldErrors* errors = nullptr);

  // The customer's quotes but drafts (the CSR's work in progress and the
  // cart are not quotes yet to the customer), newest first.
  Result<std::vector<QuoteSummary>> quotes(const domain::User& customer_user);
  // One of them. Errors: not_found for another customer's quote, an
  // unknown id and a draft alike.
  Result<QuoteView> quote(const domain::User& customer_user, Id<domain::Quote> id);
  // Its PDF, the document staff send (quote_document_of).
  Result<PortalQuoteFile> quote_pdf(const domain::User& customer_user, Id<domain::Quote> id);

  // The customer's steps on their quote and order — QuoteDesk::accept (the
  // typed name and the client address kept), preview_conversion, convert,
  // SalesOrderDesk::submit — for portal users only: staff use their desk.
  Result<domain::Quote> accept(const domain::User& customer_user, Id<domain::Quote> id,
                               Version version, const domain::QuoteAcceptance& acceptance);
  Result<ConversionPreview> preview_conversion(const domain::User& customer_user,
                                               Id<domain::Quote> id);
  Result<domain::SalesOrder> convert(const domain::User& customer_user, Id<domain::Quote> id,
                                     Version version, const std::string& acknowledged,
                                     ConversionPreview* preview_out = nullptr);
  Result<domain::SalesOrder> submit(const domain::User& customer_user, Id<domain::SalesOrder> order,
                                    Version version, FieldErrors* errors = nullptr);

 private:
  store::Database& db_;
  const Clock& clock_;
  const i18n::Catalog& catalog_;
};

}  // namespace rapport::app
