// app/quotes/quote_desk.h: the quote's use cases (quotes-orders-assets.md,
// "Quote", "Quote → sales order"): made by a CSR for a customer, lines
// priced from the customer's price list, verified, sent (by the sending
// code, which calls mark_sent), accepted or rejected, revised, and
// converted once to a pending sales order repriced with today's catalog,
// the change report acknowledged first. Every face (pages, API) calls these.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/catalog/price_list.h"
#include "domain/catalog/product.h"
#include "domain/customers/customer.h"
#include "domain/quotes/quote.h"
#include "domain/sales/sales_order.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::app {

// The header as a CSR or a client fills it in.
struct QuoteHeader {
  std::int64_t customer = 0;
  std::optional<std::int64_t> account;  // one of the customer's
  std::optional<std::int64_t> contact;  // one of the customer's
  // none: on create, the account's, customer's or default list
  std::optional<Id<domain::PriceList>> price_list;
  // none: on create, today + the installation's quote validity
  std::optional<CivilDate> valid_until;
  std::string notes;
};

// The header a quote now has (a partial change is laid over it).
QuoteHeader quote_header_of(const domain::Quote& q);

// A line to add: the product by id, by code or by name, the quantity in
// thousandths, a discount in minor units off the line, and for a change
// quote its action and the asset it changes.
struct QuoteLineInput {
  std::optional<Id<domain::Product>> product;
  std::string product_code;
  std::int64_t quantity = 0;
  std::int64_t discount = 0;
  domain::LineAction action = domain::LineAction::add;
  std::optional<std::int64_t> asset;
};

// A quote with everything its page, the API and a document show.
struct QuoteView {
  domain::Quote quote;
  domain::OrderTotals totals;
  domain::QuoteState state = domain::QuoteState::draft;  // expired computed for today
  CivilDate today{};
  domain::Customer customer;  // name, address, language, e-mail, fax
  std::optional<domain::Account> account;
  std::optional<domain::Contact> contact;
  std::vector<domain::Account> accounts;  // the customer's, for the header's choice
  std::vector<domain::Contact> contacts;  // the customer's, for the header's choice
  domain::PriceList price_list;
  std::vector<domain::Product> products;              // of the lines
  std::vector<domain::Quote> revisions;               // every revision, newest first
  std::optional<std::string> order_number;            // the order it was converted to
  std::map<std::int64_t, std::string> asset_numbers;  // of a change quote's lines, by id
};

// A customer's quote in a list.
struct QuoteSummary {
  domain::Quote quote;
  domain::OrderTotals totals;
  domain::QuoteState state = domain::QuoteState::draft;
  std::optional<std::string> order_number;
};

// What converting would change: the change report and its fingerprint
// (empty when nothing changed), and the lines the order would have.
struct ConversionPreview {
  std::vector<domain::QuoteChange> changes;
  std::string fingerprint;
  std::vector<domain::QuoteLine> lines;
};

class QuoteDesk {
 public:
  QuoteDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // CSRs, managers, admins (take_orders). The list decides the currency;
  // valid until today + the validity days of the installation settings;
  // with no contact named, a customer's only contact is the quote's.
  // Errors: forbidden; not_found (customer); invalid_input (every field in
  // `errors`: "sales_order.account_not_customers",
  // "sales_order.contact_not_customers", "sales_order.no_price_list",
  // "quote.currency_mismatch" (a list in another currency than the
  // account's or than the lines'), validate_quote_header's).
  Result<domain::Quote> create(const domain::User& actor, const QuoteHeader& header,
                               FieldErrors* errors = nullptr);
  // The customer's cart (domain::is_cart) with the line added, made first
  // (origin web, header `h`) when the customer has none — one transaction:
  // a refused line leaves no cart behind. Errors: create's and add_line's.
  Result<domain::Quote> add_to_cart(const domain::User& actor, const QuoteHeader& h,
                                    const QuoteLineInput& line, FieldErrors* errors = nullptr);
  // The header of a draft of the newest revision, at `version`.
  Result<domain::Quote> update_header(const domain::User& actor, Id<domain::Quote> id,
                                      Version version, const QuoteHeader& header,
                                      FieldErrors* errors = nullptr);
  // Adds a line priced from the quote's list at the product's VAT rate with
  // its features. Errors as SalesOrderDesk::add_line, and check_editable's.
  Result<domain::Quote> add_line(const domain::User& actor, Id<domain::Quote> id, Version version,
                                 const QuoteLineInput& line, FieldErrors* errors = nullptr);
  // A line's new quantity and discount (repriced for the quantity's tier).
  // A change quote's remove or none line is fixed ("quote.change_line_fixed").
  Result<domain::Quote> change_line(const domain::User& actor, Id<domain::Quote> id,
                                    Version version, Id<domain::QuoteLine> line,
                                    std::int64_t quantity, std::int64_t discount,
                                    FieldErrors* errors = nullptr);
  Result<domain::Quote> remove_line(const domain::User& actor, Id<domain::Quote> id,
                                    Version version, Id<domain::QuoteLine> line);
  // Every problem verify_quote finds today (empty: ready to send).
  Result<FieldErrors> verify(const domain::User& actor, Id<domain::Quote> id);
  // Saves the customer's cart (domain::is_cart, else "quote.not_cart") as a
  // quote they may accept: Verify's problems refuse it (every one in
  // `errors`), else it is sent through the web, valid until its date; a
  // portal user's saving is logged as a web interaction on the customer.
  Result<domain::Quote> save_cart(const domain::User& actor, Id<domain::Quote> id, Version version,
                                  FieldErrors* errors = nullptr);
  // Copies the quote to revision + 1 (a draft valid for the installation's
  // validity from today) and makes this one inactive; returns the new
  // revision. Errors: domain::revised's; conflict (stale).
  Result<domain::Quote> revise(const domain::User& actor, Id<domain::Quote> id, Version version);
  // `acceptance`: the customer's electronic acceptance (the typed name and
  // client address), required of a portal user (an empty name refused:
  // "quote.acceptance_name_required" on accepted_by); logged as a web
  // interaction on the customer.
  Result<domain::Quote> accept(
      const domain::User& actor, Id<domain::Quote> id, Version version,
      const std::optional<domain::QuoteAcceptance>& acceptance = std::nullopt);
  Result<domain::Quote> reject(const domain::User& actor, Id<domain::Quote> id, Version version);
  // The hook of the sending code: a draft (or an already sent) quote of the
  // newest revision with lines becomes sent, sent_at now, through
  // `channel`. It does not verify: the sending code verifies first (verify).
  // Errors: domain::mark_sent's; conflict (stale).
  Result<domain::Quote> mark_sent(const domain::User& actor, Id<domain::Quote> id, Version version,
                                  domain::QuoteChannel channel);
  // What converting today would change (for the page and the API).
  // Errors: check_convertible's.
  Result<ConversionPreview> preview_conversion(const domain::User& actor, Id<domain::Quote> id);
  // Converts the quote to a pending sales order repriced with today's
  // catalog, linked both ways; the order is returned. When the change
  // report is not empty, `acknowledged` must equal its fingerprint: else
  // conflict ("quote.changes_to_acknowledge" {fingerprint}) with the report
  // in `preview_out`. Errors: check_convertible's ("quote.converted" the
  // second time); "quote.currency_changed" (the customer's list today is in
  // another currency); "quote.nothing_to_order" (every line left out);
  // conflict (stale).
  Result<domain::SalesOrder> convert(const domain::User& actor, Id<domain::Quote> id,
                                     Version version, const std::string& acknowledged,
                                     ConversionPreview* preview_out = nullptr);

  // CSRs, managers, admins; a portal user for their own customer's quotes
  // (another's are not_found, like an unknown id) — so are verify, the
  // line changes, accept, preview_conversion and convert.
  Result<QuoteView> view(const domain::User& actor, Id<domain::Quote> id);
  // The quote the sales order `order` was converted from, if any.
  Result<std::optional<domain::Quote>> quote_of_order(const domain::User& actor,
                                                      std::int64_t order);
  // The customer's quotes, every revision, newest first.
  Result<std::vector<QuoteSummary>> of_customer(const domain::User& actor, std::int64_t customer,
                                                int limit = 200, int offset = 0);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
