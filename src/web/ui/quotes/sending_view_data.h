// web/ui/quotes/sending_view_data.h: a quote's sendings as the quote page
// and the customer's 360° view list them — when, channel, recipient,
// status (a badge with its text), attempts, the error of a failed one with
// its Retry button, and the document as sent.
#pragma once

#include <cstdint>
#include <vector>

#include <boost/json/object.hpp>

#include "app/quotes/quote_sending.h"
#include "web/request.h"
#include "web/router.h"
#include "web/web_context.h"

namespace rapport::web::ui {

app::QuoteSendingDesk sending_desk_of(const WebContext& ctx);

// Sets "sendings" / "has_sendings" for `sendings`.
void add_sendings(boost::json::object& data, const Request& req, const WebContext& ctx,
                  const std::vector<domain::QuoteSending>& sendings);

// The quote page's Send form and sendings: "can_send", "channels" (the
// default selected), "sendings".
void add_quote_sendings(boost::json::object& data, const Request& req, const WebContext& ctx,
                        const domain::Quote& quote);

// The 360° view's sendings of the customer's quotes.
void add_customer_sendings(boost::json::object& data, const Request& req, const WebContext& ctx,
                           std::int64_t customer);

// The quote page again after a refusal, the errors beside their fields
// (quote_pages.cpp).
Response quote_page_refused(Request& req, WebContext& ctx, Id<domain::Quote> id, const Error& error,
                            const FieldErrors& errors);

// Send, Retry, a sending's document, the print queue (/print-queue…): registered by
// register_quote_pages.
void register_sending_pages(Router& router, WebContext& ctx);

}  // namespace rapport::web::ui
