// web/ui/catalog/advisor_pages.h: the eAdvisor's pages — the literature
// and competitor comparisons sections of the product page, the advisor
// pane of the CSR (search, compare, add to the quote) and the documents
// opened in the browser.
#pragma once

#include <boost/json/object.hpp>

#include "domain/catalog/product.h"
#include "web/request.h"
#include "web/router.h"
#include "web/web_context.h"

namespace rapport::web::ui {

// The product page (product_pages.cpp) with `data` added: the sections
// below, the history. Used again by the sections' forms when refused.
Response product_page(Request& req, WebContext& ctx, Id<domain::Product> id, int status,
                      boost::json::object data);
// The literature and comparisons of the product into `data` (keys kept
// when the caller already set them: a refused form's values).
void add_product_advisor_data(boost::json::object& data, const Request& req, WebContext& ctx,
                              const domain::Product& p);
void register_advisor_pages(Router& router, WebContext& ctx);

}  // namespace rapport::web::ui
