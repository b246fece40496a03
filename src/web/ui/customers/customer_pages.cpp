// Control Central: the search (page, live suggestions, Enter opens the
// best match), the 360° view, and recording calls and notes.
#include <charconv>

#include <boost/json.hpp>

#include "domain/customers/codes.h"
#include "web/problem.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/marketing/service_order_view_data.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

domain::SearchInput input_of(const Request& req) {
  return {req.query_value("q"),
          req.query_value("name"),
          req.query_value("phone"),
          req.query_value("email"),
          req.query_value("address"),
          req.query_value("postal_code"),
          req.query_value("account_number"),
          req.query_value("customer_id")};
}

// The query string of the search, to link pages and prefill Add customer.
std::string query_string(const domain::SearchInput& in) {
  std::string out;
  auto add = [&out](const char* name, const std::string& value) {
    if (value.empty()) return;
    out += (out.empty() ? "" : "&") + std::string(name) + "=" + url_encode(value);
  };
  add("q", in.text);
  add("name", in.name);
  add("phone", in.phone);
  add("email", in.email);
  add("address", in.address);
  add("postal_code", in.postal_code);
  add("account_number", in.account_number);
  add("customer_id", in.customer_id);
  return out;
}

bool any(const domain::SearchInput& in) {
  return !(in.text.empty() && in.name.empty() && in.phone.empty() && in.email.empty() &&
           in.address.empty() && in.postal_code.empty() && in.account_number.empty() &&
           in.customer_id.empty());
}

// Runs the search and fills what both the page and the suggestions show.
json::object search_data(Request& req, WebContext& ctx, int page, int page_size, Error* error) {
  domain::SearchInput in = input_of(req);
  json::object data{{"q", in.text},
                    {"name", in.name},
                    {"phone", in.phone},
                    {"email", in.email},
                    {"address", in.address},
                    {"postal_code", in.postal_code},
                    {"account_number", in.account_number},
                    {"customer_id", in.customer_id},
                    {"search_q", in.text},
                    {"searched", any(in)},
                    {"fields_open", !(in.name + in.phone + in.email + in.address + in.postal_code +
                                      in.account_number + in.customer_id)
                                         .empty()}};
  const bool can_add = app::allowed(*req.user, app::Capability::edit_customers);
  data["can_add"] = can_add;
  data["add_href"] = "/customers/new?" + query_string(in);
  // Add order carries what was typed: the one box split, the fields as given.
  data["add_order_href"] = add_order_href(
      domain::merge_search_fields(in.text, {in.name, in.phone, in.email, in.postal_code}));
  data["all_href"] = "/customers?" + query_string(in);
  std::string shown = in.text.empty() ? in.name + in.phone + in.email + in.postal_code : in.text;
  data["not_found_message"] =
      ctx.catalog.text(req.language, "search.not_found", {{"query", shown}});
  if (!any(in)) return data;
  auto found = ctx.customers.search(*req.user, in, page, page_size);
  if (!found) {
    if (error) *error = found.error();
    data["searched"] = false;
    return data;
  }
  json::array rows;
  for (const auto& r : found->results) rows.push_back(result_row(req, ctx, r));
  data["has_results"] = !rows.empty();
  data["results"] = std::move(rows);
  data["more"] = found->more;
  const std::string base = "/customers?" + query_string(in) + "&page=";
  if (found->more) data["next_href"] = base + std::to_string(page + 1);
  if (page > 1) data["prev_href"] = base + std::to_string(page - 1);
  return data;
}

int page_of(const Request& req) {
  int page = 1;
  const auto& text = req.query_value("page");
  std::from_chars(text.data(), text.data() + text.size(), page);
  return std::clamp(page, 1, 1000);
}

// The search is the customer desk's: those without it (fulfilment) get 403
// before any form, suggestion or redirect is shown.
std::optional<Response> refused(Request& req, WebContext& ctx) {
  if (auto ok = app::require(*req.user, app::Capability::read_customers); !ok)
    return error_page(req, ctx, ok.error());
  return std::nullopt;
}

Response search_page(Request& req, WebContext& ctx) {
  if (auto no = refused(req, ctx)) return std::move(*no);
  Error error;
  error.code = ErrorCode::internal;
  auto data = search_data(req, ctx, page_of(req), app::kSearchPageSize, &error);
  int status = 200;
  if (error.code != ErrorCode::internal) {
    add_form_error(data, req, ctx.catalog, error);
    status = http_status(error.code);
  }
  return html_response(status, ctx.views.page(req, "customers", data,
                                              ctx.catalog.text(req.language, "search.title")));
}

// The live results under the header's search box (htmx, as you type).
Response suggestions(Request& req, WebContext& ctx) {
  if (auto no = refused(req, ctx)) return std::move(*no);
  Error error;
  error.code = ErrorCode::internal;
  auto data = search_data(req, ctx, 1, 8, &error);
  if (error.code != ErrorCode::internal)
    return html_response(200, "<p class=\"suggestions-empty\">" +
                                  html_escape(localized_message(req, ctx.catalog, error)) + "</p>");
  return html_response(200, ctx.views.render("customer_suggestions", data, req.language));
}

// Enter in the header's box: straight to the best match, else the results.
Response open_best(Request& req, WebContext& ctx) {
  if (auto no = refused(req, ctx)) return std::move(*no);
  domain::SearchInput in = input_of(req);
  auto found = ctx.customers.search(*req.user, in, 1, 2);
  if (found && !found->results.empty()) {
    const auto& best = found->results.front();
    // A phone, e-mail, account or customer number names one customer; a
    // name may fit several, so those show the list unless only one fits.
    bool exact = best.matched == "phone" || best.matched == "email" || best.matched == "account" ||
                 best.matched == "id";
    if (exact || found->results.size() == 1)
      return redirect(req, "/customers/" + std::to_string(best.customer.id.value));
  }
  return redirect(req, "/customers?" + query_string(in));
}

Response show_customer(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  if (!id) return error_page(req, ctx, 404);
  auto page = customer_page(req, ctx, *id);
  if (!page) return error_page(req, ctx, page.error());
  auto& data = page->data;
  if (req.query_value("saved") == "1")
    data["alert_success"] = ctx.catalog.text(req.language, "form.saved");
  if (req.query_value("invited") == "1")
    data["alert_success"] = ctx.catalog.text(req.language, "portal.invited");
  return html_response(200, ctx.views.page(req, "customer", data, page->title));
}

// Records a call or a note; htmx gets the refreshed history, a plain form
// post goes back to the view.
Response add_interaction(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  if (!id) return error_page(req, ctx, 404);
  domain::Interaction i;
  i.customer = *id;
  i.channel =
      domain::channel_from(req.form_value("channel")).value_or(domain::InteractionChannel::note);
  i.direction = domain::direction_from(req.form_value("direction"))
                    .value_or(domain::InteractionDirection::none);
  i.summary = req.form_value("summary");
  i.outcome = req.form_value("outcome");
  auto saved = ctx.customers.record_interaction(*req.user, i);
  if (!req.is_htmx()) {
    if (!saved) return error_page(req, ctx, saved.error());
    return redirect(req, "/customers/" + std::to_string(id->value) + "#interactions");
  }
  auto view = ctx.customers.view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  json::object data;
  add_interactions(data, req, ctx, view->history);
  // What happened is said in the call panel, beside the form (out of band).
  data["call_status_oob"] = true;
  if (saved)
    data["interaction_saved"] = ctx.catalog.text(
        req.language, i.channel == domain::InteractionChannel::call ? "interaction.call_saved"
                                                                    : "interaction.note_saved");
  else
    data["interaction_error"] = localized_message(req, ctx.catalog, saved.error());
  return html_response(saved ? 200 : http_status(saved.error().code),
                       ctx.views.render("partials/interaction_list", data, req.language) +
                           ctx.views.render("partials/call_status", data, req.language));
}

Response add_contact(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  if (!id) return error_page(req, ctx, 404);
  domain::Contact c;
  c.customer = *id;
  c.given_name = req.form_value("contact_given_name");
  c.family_name = req.form_value("contact_family_name");
  c.role = req.form_value("contact_role");
  c.email = req.form_value("contact_email");
  auto saved = ctx.customers.add_contact(*req.user, c, req.form_value("contact_phone"));
  if (!saved && saved.error().code != ErrorCode::invalid_input)
    return error_page(req, ctx, saved.error());
  if (saved) return redirect(req, "/customers/" + std::to_string(id->value) + "?saved=1");
  auto page = customer_page(req, ctx, *id);
  if (!page) return error_page(req, ctx, page.error());
  add_form_error(page->data, req, ctx.catalog, saved.error());
  return html_response(422, ctx.views.page(req, "customer", page->data, page->title));
}

// A contact corrected from its row of the 360° view.
Response correct_contact(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  auto contact = positive_int(req.param("contact"));
  if (!id || !contact) return error_page(req, ctx, 404);
  domain::Contact c;
  c.id = Id<domain::Contact>{*contact};
  c.customer = *id;
  c.version = positive_int(req.form_value("version")).value_or(0);
  c.given_name = req.form_value("contact_given_name");
  c.family_name = req.form_value("contact_family_name");
  c.role = req.form_value("contact_role");
  c.email = req.form_value("contact_email");
  auto saved = ctx.customers.update_contact(*req.user, c, req.form_value("contact_phone"));
  if (!saved && saved.error().code != ErrorCode::invalid_input &&
      saved.error().code != ErrorCode::conflict)
    return error_page(req, ctx, saved.error());
  if (saved) return redirect(req, "/customers/" + std::to_string(id->value) + "?saved=1");
  auto page = customer_page(req, ctx, *id);
  if (!page) return error_page(req, ctx, page.error());
  add_form_error(page->data, req, ctx.catalog, saved.error());
  return html_response(http_status(saved.error().code),
                       ctx.views.page(req, "customer", page->data, page->title));
}

}  // namespace

void register_customer_pages(Router& router, WebContext& ctx) {
  router.get("/customers", Access::staff, [&ctx](Request& r) { return search_page(r, ctx); });
  router.get("/customers/suggest", Access::staff,
             [&ctx](Request& r) { return suggestions(r, ctx); });
  router.get("/customers/open", Access::staff, [&ctx](Request& r) { return open_best(r, ctx); });
  register_import_pages(router, ctx);
  register_customer_form_pages(router, ctx);
  router.get("/customers/{id}", Access::staff,
             [&ctx](Request& r) { return show_customer(r, ctx); });
  router.post("/customers/{id}/contacts", Access::staff,
              [&ctx](Request& r) { return add_contact(r, ctx); });
  router.post("/customers/{id}/contacts/{contact}", Access::staff,
              [&ctx](Request& r) { return correct_contact(r, ctx); });
  router.post("/customers/{id}/interactions", Access::staff,
              [&ctx](Request& r) { return add_interaction(r, ctx); });
}

}  // namespace rapport::web::ui
