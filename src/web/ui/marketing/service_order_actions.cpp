// What the order page posts (campaigns-and-orders.md, "Service order"):
// save (the first save creates the person and the order), save and show
// eligibility, save and complete, choose a package, switch campaign, hold,
// release, cancel and complete. Every form carries the order's version; a
// stale one is refused with the conflict message and changes nothing.
#include <boost/json.hpp>

#include "web/problem.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/marketing/service_order_view_data.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

std::string order_path(Id<domain::ServiceOrder> id) {
  return "/service-orders/" + std::to_string(id.value);
}

bool stops_the_page(const Error& e) {
  return e.code == ErrorCode::forbidden || e.code == ErrorCode::not_found ||
         e.code == ErrorCode::internal || e.code == ErrorCode::unavailable;
}

// Errors beside their fields; the conflict and errors without a field on top.
json::object errors_data(const Request& req, const WebContext& ctx, const Error& first,
                         const FieldErrors& all) {
  json::object data;
  FieldErrors errors = all;
  if (errors.empty()) errors.add(first);
  add_form_errors(data, req, ctx.catalog, errors);
  if (first.code == ErrorCode::conflict)
    data["alert_error"] = localized_message(req, ctx.catalog, first);
  return data;
}

// The stored order's page with `data` (errors of an action), and its tree
// when asked.
Response stored_page(Request& req, WebContext& ctx, Id<domain::ServiceOrder> id, int status,
                     json::object data, bool with_tree, const OrderForm* typed = nullptr) {
  auto view = ctx.orders.view(*req.user, id);
  if (!view) return error_page(req, ctx, view.error());
  std::optional<app::EligibilityTree> tree;
  if (with_tree && !domain::is_final(view->order.status))
    if (auto t = ctx.orders.eligibility(*req.user, id)) tree = std::move(*t);
  OrderPage page{&*view, typed, false, false, tree ? &*tree : nullptr, nullptr};
  return render_order_page(req, ctx, status, page, std::move(data));
}

// After a save: on to what the pressed button asked for.
Response after_save(Request& req, WebContext& ctx, const domain::ServiceOrder& saved) {
  const std::string& then = req.form_value("then");
  if (then == "eligibility")
    return redirect(req, order_path(saved.id) + "?eligibility=1#eligibility");
  if (then == "complete") {
    auto done = ctx.orders.complete(*req.user, saved.id, saved.version);
    if (done) return redirect(req, order_path(saved.id) + "?done=complete");
    if (stops_the_page(done.error())) return error_page(req, ctx, done.error());
    // Why the order cannot be completed: on top, nothing was created.
    json::object data = errors_data(req, ctx, done.error(), {});
    data["alert_error"] =
        ctx.catalog.text(req.language, "order.not_completed",
                         {{"reason", localized_message(req, ctx.catalog, done.error())}});
    data["completion_failed"] = true;
    return stored_page(req, ctx, saved.id, http_status(done.error().code), std::move(data), false);
  }
  return redirect(req, order_path(saved.id) + "?done=saved");
}

// The existing customers a new prospect may be: "Use this customer" (an
// order for them, as the 360° view's New order opens it) first, then the
// form's own "Create a new customer anyway".
void add_duplicates(json::object& data, const Request& req, const WebContext& ctx,
                    const std::vector<app::DuplicateCandidate>& duplicates,
                    Id<domain::Campaign> campaign) {
  json::array rows;
  for (const auto& d : duplicates) {
    json::object row = duplicate_row(req, ctx, d);
    row["use_href"] = "/service-orders/new?customer=" + std::to_string(d.customer.id.value) +
                      (campaign.valid() ? "&campaign=" + std::to_string(campaign.value) : "") +
                      "&continue=1";
    rows.push_back(std::move(row));
  }
  data["has_duplicates"] = true;
  data["duplicates"] = std::move(rows);
}

// The order a replayed form made (the error's "order" argument).
std::optional<Id<domain::ServiceOrder>> replayed_order(const Error& e) {
  if (e.key != "order.form_already_saved") return std::nullopt;
  for (const auto& [name, value] : e.args)
    if (name == "order")
      if (auto id = positive_int(value)) return Id<domain::ServiceOrder>{*id};
  return std::nullopt;
}

// First save: the person and the order are created — once per form: the
// same form sent again saves the order it made.
Response create_order(Request& req, WebContext& ctx) {
  app::OrderPrefill prefill;
  if (auto c = positive_int(req.form_value("campaign"))) prefill.campaign = *c;
  auto draft = ctx.orders.start(*req.user, prefill);
  if (!draft) {
    if (stops_the_page(draft.error()) || !prefill.campaign)
      return error_page(req, ctx, draft.error());
    // A campaign id that no longer exists: back to the installation's default.
    draft = ctx.orders.start(*req.user, app::OrderPrefill{});
    if (!draft) return error_page(req, ctx, draft.error());
  }
  app::OrderView view;
  view.order = draft->order;
  view.campaign = draft->campaign;
  view.questions = domain::effective_questions(draft->campaign.questions, nullptr, nullptr);
  view.territory_predefined = draft->territory_predefined;
  FieldErrors errors;
  OrderForm form = read_order_form(req, draft->order, view.questions, errors);
  form.order.version = 0;
  json::object data;
  int status = 422;
  if (errors.empty()) {
    app::OrderInput in{form.order,
                       form.typed_phone,
                       form.answers,
                       form.form_token,
                       req.form_value("then") == "save_anyway",
                       form.account_number,
                       form.premise_number};
    std::vector<app::DuplicateCandidate> duplicates;
    auto saved = ctx.orders.save(*req.user, std::move(in), &errors, &duplicates);
    if (saved) return after_save(req, ctx, *saved);
    if (stops_the_page(saved.error())) return error_page(req, ctx, saved.error());
    // Saved before and changed since: the order as it stands, nothing redone.
    if (auto made = replayed_order(saved.error()))
      return redirect(req, order_path(*made) + "?done=already_saved");
    if (!duplicates.empty()) {
      status = 200;  // a warning: the CSR chooses
      add_duplicates(data, req, ctx, duplicates, form.order.campaign);
    } else {
      status = http_status(saved.error().code);
      data = errors_data(req, ctx, saved.error(), errors);
    }
  } else {
    add_form_errors(data, req, ctx.catalog, errors);
  }
  // The same form again: its token goes with it (a form without one gets one).
  data["form_token"] = form.form_token.empty() ? draft->form_token : form.form_token;
  OrderPage page{&view, &form, true, draft->no_default_campaign, nullptr, nullptr};
  return render_order_page(req, ctx, status, page, std::move(data));
}

Response update_order(Request& req, WebContext& ctx) {
  auto id = id_param<domain::ServiceOrder>(req);
  if (!id) return error_page(req, ctx, 404);
  auto view = ctx.orders.view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  FieldErrors errors;
  OrderForm form = read_order_form(req, view->order, view->questions, errors);
  json::object data;
  int status = 422;
  if (errors.empty()) {
    app::OrderInput in{form.order, form.typed_phone,    form.answers,       {},
                       false,      form.account_number, form.premise_number};
    auto saved = ctx.orders.save(*req.user, std::move(in), &errors);
    if (saved) return after_save(req, ctx, *saved);
    if (stops_the_page(saved.error())) return error_page(req, ctx, saved.error());
    data = errors_data(req, ctx, saved.error(), errors);
    status = http_status(saved.error().code);
  } else {
    add_form_errors(data, req, ctx.catalog, errors);
  }
  OrderPage page{&*view, &form, false, false, nullptr, nullptr};
  return render_order_page(req, ctx, status, page, std::move(data));
}

// The actions on a stored order: each takes the version the page showed.
template <typename Action>
Response act(Request& req, WebContext& ctx, const char* done, bool tree_on_error, Action action) {
  auto id = id_param<domain::ServiceOrder>(req);
  if (!id) return error_page(req, ctx, 404);
  const Version version = form_int(req, "version", 0);
  auto result = action(*id, version);
  if (result) return redirect(req, order_path(*id) + "?done=" + done);
  if (stops_the_page(result.error())) return error_page(req, ctx, result.error());
  return stored_page(req, ctx, *id, http_status(result.error().code),
                     errors_data(req, ctx, result.error(), {}), tree_on_error);
}

Response choose_package(Request& req, WebContext& ctx) {
  std::optional<Id<domain::Package>> package;
  if (auto p = positive_int(req.form_value("package"))) package = Id<domain::Package>{*p};
  return act(req, ctx, "package", true, [&](Id<domain::ServiceOrder> id, Version v) {
    return ctx.orders.choose_package(*req.user, id, v, package);
  });
}

Response switch_campaign(Request& req, WebContext& ctx) {
  auto campaign = positive_int(req.form_value("campaign"));
  auto id = id_param<domain::ServiceOrder>(req);
  if (!id || !campaign) return error_page(req, ctx, 404);
  auto switched = ctx.orders.switch_campaign(*req.user, *id, form_int(req, "version", 0),
                                             Id<domain::Campaign>{*campaign});
  // The new campaign's tree comes straight back: its packages are next.
  if (switched) return redirect(req, order_path(*id) + "?done=switched&eligibility=1#eligibility");
  if (stops_the_page(switched.error())) return error_page(req, ctx, switched.error());
  return stored_page(req, ctx, *id, http_status(switched.error().code),
                     errors_data(req, ctx, switched.error(), {}), true);
}

Response hold_order(Request& req, WebContext& ctx) {
  std::optional<CivilDate> remind;
  if (auto d = parse_date(req.form_value("remind_on"))) remind = *d;
  return act(req, ctx, "held", false, [&](Id<domain::ServiceOrder> id, Version v) {
    return ctx.orders.hold(*req.user, id, v, req.form_value("hold_reason"), remind);
  });
}

Response release_order(Request& req, WebContext& ctx) {
  return act(req, ctx, "released", false, [&](Id<domain::ServiceOrder> id, Version v) {
    return ctx.orders.release(*req.user, id, v);
  });
}

Response cancel_order(Request& req, WebContext& ctx) {
  return act(req, ctx, "canceled", false, [&](Id<domain::ServiceOrder> id, Version v) {
    return ctx.orders.cancel(*req.user, id, v, req.form_value("cancel_reason"));
  });
}

Response complete_order(Request& req, WebContext& ctx) {
  auto id = id_param<domain::ServiceOrder>(req);
  if (!id) return error_page(req, ctx, 404);
  auto done = ctx.orders.complete(*req.user, *id, form_int(req, "version", 0));
  if (done) return redirect(req, order_path(*id) + "?done=complete");
  if (stops_the_page(done.error())) return error_page(req, ctx, done.error());
  json::object data = errors_data(req, ctx, done.error(), {});
  data["alert_error"] =
      ctx.catalog.text(req.language, "order.not_completed",
                       {{"reason", localized_message(req, ctx.catalog, done.error())}});
  data["completion_failed"] = true;
  return stored_page(req, ctx, *id, http_status(done.error().code), std::move(data), false);
}

}  // namespace

void register_service_order_actions(Router& router, WebContext& ctx) {
  router.post("/service-orders", Access::staff,
              [&ctx](Request& r) { return create_order(r, ctx); });
  router.post("/service-orders/{id}", Access::staff,
              [&ctx](Request& r) { return update_order(r, ctx); });
  router.post("/service-orders/{id}/package", Access::staff,
              [&ctx](Request& r) { return choose_package(r, ctx); });
  router.post("/service-orders/{id}/campaign", Access::staff,
              [&ctx](Request& r) { return switch_campaign(r, ctx); });
  router.post("/service-orders/{id}/hold", Access::staff,
              [&ctx](Request& r) { return hold_order(r, ctx); });
  router.post("/service-orders/{id}/release", Access::staff,
              [&ctx](Request& r) { return release_order(r, ctx); });
  router.post("/service-orders/{id}/cancel", Access::staff,
              [&ctx](Request& r) { return cancel_order(r, ctx); });
  router.post("/service-orders/{id}/complete", Access::staff,
              [&ctx](Request& r) { return complete_order(r, ctx); });
}

}  // namespace rapport::web::ui
