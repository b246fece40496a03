// The forms of the 360° view's "Contact plans" and "Non-activity periods"
// sections [OIS054, OIS051]: connect the customer to a plan, change or
// remove a contact info, add or remove a period. On an error the view
// comes back with the form filled and the error beside its field.
#include <boost/json.hpp>

#include "web/problem.h"
#include "web/ui/contactplan/plan_entry_view_data.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

// Every fault a desk reported, or its one error when it listed none.
std::vector<Error> all_errors(const Error& first, const FieldErrors& found) {
  if (found.empty()) return {first};
  return found.errors;
}

std::string customer_href(std::int64_t id, const char* anchor) {
  return "/customers/" + std::to_string(id) + "?saved=1#" + anchor;
}

// The 360° view again, with `form` as posted and its errors.
Response render_with_errors(Request& req, WebContext& ctx, Id<domain::Customer> id,
                            CustomerPlanForm form, const std::vector<Error>& errors) {
  auto view = ctx.customers.view(*req.user, id);
  if (!view) return error_page(req, ctx, view.error());
  const std::string prefix = form.kind == CustomerPlanForm::Kind::non_activity ? "na"
                             : form.kind == CustomerPlanForm::Kind::edit
                                 ? "ci-" + std::to_string(form.info_id)
                                 : "ci-new";
  json::array summary;
  std::string alert;
  for (const auto& e : errors) {
    std::string message = localized_message(req, ctx.catalog, e);
    std::string field = plan_form_field(e.field);
    if (field.empty()) {
      alert = message;
      continue;
    }
    form.errors.emplace(field, message);
    summary.push_back({{"field", prefix + "-" + field}, {"message", message}});
  }
  auto data = view_data(req, ctx, *view);
  add_customer_planning(data, req, ctx, *view, &form);
  data["has_form_errors"] = !summary.empty();
  data["error_list"] = std::move(summary);
  if (!alert.empty()) data["alert_error"] = alert;
  int status = errors.empty() ? 422 : http_status(errors.front().code);
  return html_response(status,
                       ctx.views.page(req, "customer", data, view->customer.display_name()));
}

// Reads the contact-info form; errors of the typing itself go to `errors`.
app::ContactInfoInput read_info(const Request& req, std::int64_t customer,
                                std::vector<Error>& errors) {
  app::ContactInfoInput in;
  in.customer = customer;
  if (const auto& plan = req.form_value("plan"); !plan.empty())
    in.plan = positive_int(plan).value_or(0);
  if (const auto& contact = req.form_value("contact"); !contact.empty()) {
    if (auto id = positive_int(contact))
      in.contact = *id;
    else
      errors.push_back(Error::invalid("contact_info.contact_unknown", "contact"));
  }
  in.phone = req.form_value("phone");
  in.time_zone = req.form_value("time_zone");
  in.earliest = req.form_value("earliest");
  in.latest = req.form_value("latest");
  in.method = req.form_value("method");
  if (in.method.empty()) in.method = "phone";
  in.sequence = form_int(req, "sequence", req.form_value("sequence").empty() ? 0 : -1);
  in.note = req.form_value("note");
  in.version = form_int(req, "version", 0);
  return in;
}

Response connect(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  if (!id) return error_page(req, ctx, 404);
  std::vector<Error> errors;
  auto in = read_info(req, id->value, errors);
  CustomerPlanForm form{CustomerPlanForm::Kind::connect, 0, &req.form(), {}};
  if (!errors.empty()) return render_with_errors(req, ctx, *id, form, errors);
  FieldErrors found;
  auto saved = ctx.planner.connect(*req.user, in, &found);
  if (saved) return redirect(req, customer_href(id->value, "contact-plans"));
  if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
    return error_page(req, ctx, saved.error());
  return render_with_errors(req, ctx, *id, form, all_errors(saved.error(), found));
}

// The contact info `info_id` when it is this customer's.
bool belongs(Request& req, WebContext& ctx, Id<domain::Customer> customer, std::int64_t info_id) {
  auto infos = ctx.planner.contact_infos_of(*req.user, customer.value);
  if (!infos) return false;
  for (const auto& r : *infos)
    if (r.info.id.value == info_id) return true;
  return false;
}

Response update_info(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  auto info = id_param<domain::ContactInfo>(req, "info_id");
  if (!id || !info) return error_page(req, ctx, 404);
  if (auto ok = app::require(*req.user, app::Capability::work_plans); !ok)
    return error_page(req, ctx, ok.error());
  if (!belongs(req, ctx, *id, info->value)) return error_page(req, ctx, 404);
  std::vector<Error> errors;
  auto in = read_info(req, id->value, errors);
  CustomerPlanForm form{CustomerPlanForm::Kind::edit, info->value, &req.form(), {}};
  if (!errors.empty()) return render_with_errors(req, ctx, *id, form, errors);
  FieldErrors found;
  auto saved = ctx.planner.update_contact_info(*req.user, *info, in, &found);
  if (saved) return redirect(req, customer_href(id->value, "contact-plans"));
  if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
    return error_page(req, ctx, saved.error());
  return render_with_errors(req, ctx, *id, form, all_errors(saved.error(), found));
}

Response remove_info(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  auto info = id_param<domain::ContactInfo>(req, "info_id");
  if (!id || !info) return error_page(req, ctx, 404);
  if (auto ok = app::require(*req.user, app::Capability::work_plans); !ok)
    return error_page(req, ctx, ok.error());
  if (!belongs(req, ctx, *id, info->value)) return error_page(req, ctx, 404);
  auto done = ctx.planner.disconnect(*req.user, *info);
  if (!done) return error_page(req, ctx, done.error());
  return redirect(req, customer_href(id->value, "contact-plans"));
}

Response add_period(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  if (!id) return error_page(req, ctx, 404);
  std::vector<Error> errors;
  domain::NonActivityPeriod p;
  p.customer = id->value;
  p.reason = req.form_value("reason");
  // A date that does not parse stays unset, which the desk refuses as
  // required: nothing is saved, and the typing error is the one shown.
  for (auto [name, date] : {std::pair{"from", &p.from}, std::pair{"to", &p.to}}) {
    const auto& typed = req.form_value(name);
    if (auto parsed = parse_date(typed))
      *date = *parsed;
    else if (!typed.empty())
      errors.push_back(Error::invalid("field.date_invalid", name));
  }
  CustomerPlanForm form{CustomerPlanForm::Kind::non_activity, 0, &req.form(), {}};
  FieldErrors found;
  auto saved = ctx.planner.add_non_activity(*req.user, p, &found);
  if (saved) return redirect(req, customer_href(id->value, "non-activity"));
  if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
    return error_page(req, ctx, saved.error());
  for (auto& e : all_errors(saved.error(), found)) {
    bool known = false;  // a field already named by a typing error
    for (const auto& mine : errors) known = known || mine.field == e.field;
    if (!known) errors.push_back(std::move(e));
  }
  return render_with_errors(req, ctx, *id, form, errors);
}

Response remove_period(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  auto period = id_param<domain::NonActivityPeriod>(req, "period_id");
  if (!id || !period) return error_page(req, ctx, 404);
  auto done = ctx.planner.remove_non_activity(*req.user, id->value, *period);
  if (!done) return error_page(req, ctx, done.error());
  return redirect(req, customer_href(id->value, "non-activity"));
}

}  // namespace

void register_customer_plan_pages(Router& router, WebContext& ctx) {
  router.post("/customers/{id}/contact-info", Access::staff,
              [&ctx](Request& r) { return connect(r, ctx); });
  router.post("/customers/{id}/contact-info/{info_id}", Access::staff,
              [&ctx](Request& r) { return update_info(r, ctx); });
  router.post("/customers/{id}/contact-info/{info_id}/remove", Access::staff,
              [&ctx](Request& r) { return remove_info(r, ctx); });
  router.post("/customers/{id}/non-activity", Access::staff,
              [&ctx](Request& r) { return add_period(r, ctx); });
  router.post("/customers/{id}/non-activity/{period_id}/remove", Access::staff,
              [&ctx](Request& r) { return remove_period(r, ctx); });
}

}  // namespace rapport::web::ui
