// web/ui/customers/customer_view_data.h: customers as the pages show them — names,
// addresses in one line, phones in the national format, translated codes,
// the customer's local time — shared by the search, the 360° view and the
// forms.
#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "app/customers/customer_desk.h"
#include "web/request.h"
#include "web/web_context.h"

namespace rapport::web::ui {

// A section of the 360° view with more rows than this is folded (a
// <details> closed until opened); the history keeps this many lines in view.
inline constexpr std::size_t kFoldAfterRows = 5;

// Sets "<section>_count" and "<section>_open" (open unless long).
void add_fold(boost::json::object& data, const std::string& section, std::size_t rows);

// The translated label of a code: catalog key "<prefix>.<code>", or the
// code itself when the catalog has none.
std::string code_label(const Request& req, const WebContext& ctx, const std::string& prefix,
                       std::string_view code);

// "12 rue Victor-Hugo, 69002 Lyon, FR".
std::string one_line(const domain::PostalAddress& a);

// The main phone in its national format, or "".
std::string main_phone(const domain::Customer& c);

// A search result row: id, name, address, phone, accounts, matched, inactive.
boost::json::object result_row(const Request& req, const WebContext& ctx,
                               const app::SearchResult& r);

// A possible duplicate as Add customer and a new order's prospect show it:
// id, name, address, phone and the reasons in words.
boost::json::object duplicate_row(const Request& req, const WebContext& ctx,
                                  const app::DuplicateCandidate& d);

// An existing premise to pick in a predefined territory (the partial
// premise_choices): id, address, points (id, type).
boost::json::object premise_option(const Request& req, const WebContext& ctx,
                                   const store::PremiseWithPoints& p, bool checked);

// The slim bar that keeps the open customer in view: name, phone, local
// time and language.
boost::json::object customer_bar(const Request& req, const WebContext& ctx,
                                 const domain::Customer& c);

// Everything the 360° view shows.
boost::json::object view_data(const Request& req, const WebContext& ctx,
                              const app::CustomerView& v);

// The 360° view's data and its title (the customer's name), every panel read
// in one transaction (app/one_snapshot.h). Errors: those of
// CustomerDesk::view.
struct CustomerPage {
  boost::json::object data;
  std::string title;
};
Result<CustomerPage> customer_page(const Request& req, WebContext& ctx, Id<domain::Customer> id);

// The interaction history, one line per contact (has_interactions,
// interactions, each order line with its steps, call_count).
void add_interactions(boost::json::object& data, const Request& req, const WebContext& ctx,
                      const std::vector<domain::HistoryLine>& history);

}  // namespace rapport::web::ui
