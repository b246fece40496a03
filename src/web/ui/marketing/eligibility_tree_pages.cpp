// Show eligibility (campaigns-and-orders.md, "The eligibility tree"): the
// order's campaign with its packages — eligible ones can be chosen,
// ineligible ones are greyed with the reason, those that need data link the
// missing questions — then the alternate campaigns the prospect is eligible
// for, each of which the order can switch to.
#include <boost/json.hpp>

#include "web/ui/error_page.h"
#include "web/ui/marketing/eligibility_text.h"
#include "web/ui/marketing/service_order_view_data.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;
using domain::Eligibility;

// Where the order page asks for an order or computed field.
std::string input_of(const domain::FieldRef& f) {
  if (f.source == domain::FieldSource::answer) return "question-" + f.name;
  if (f.name == "age") return "prospect.date_of_birth";
  if (f.name == "postal_code" || f.name == "city" || f.name == "country")
    return "prospect.address." + f.name;
  if (f.name == "customer_class") return "prospect.customer_class";
  if (f.name == "language") return "prospect.language";
  if (f.name == "premise_type") return "premise_type";
  return {};
}

void add_verdict(json::object& o, const Request& req, const WebContext& ctx,
                 const domain::Verdict& v) {
  o["icon"] = std::string(verdict_icon(v.result));
  o["verdict_class"] = std::string(verdict_class(v.result));
  o["verdict_label"] = verdict_label(v.result, req.language, ctx.catalog);
  o["eligible"] = v.result == Eligibility::eligible;
  o["ineligible"] = v.result == Eligibility::ineligible;
  o["needs_data"] = v.result == Eligibility::insufficient_data;
}

std::string counts_text(const Request& req, const WebContext& ctx, const app::CampaignNode& n) {
  const auto packages = static_cast<long>(n.packages.size());
  if (packages == 0) return ctx.catalog.text(req.language, "order.tree.no_packages");
  return ctx.catalog.text(
      req.language, "order.tree.packages",
      {{"packages", std::to_string(packages)}, {"eligible", std::to_string(n.eligible_count)}});
}

}  // namespace

json::object eligibility_tree_data(const Request& req, const WebContext& ctx,
                                   const app::OrderView& view, const app::EligibilityTree& tree) {
  const Language lang = req.language;
  const auto& node = tree.order_campaign;
  const bool final = domain::is_final(view.order.status);
  json::array packages;
  for (const auto& pn : node.packages) {
    const auto& pk = pn.package;
    const auto scope = domain::questions_in_scope(node.campaign, &pk);
    json::object o{
        {"id", pk.id.value},
        {"code", pk.code},
        {"description", domain::description(pk, lang)},
        {"reason", verdict_reason(pn.verdict, pk.rules, scope, lang, ctx.catalog, &tree.facts)},
        {"chosen", view.order.package && *view.order.package == pk.id},
        {"can_choose", !final && pn.verdict.result == Eligibility::eligible}};
    add_verdict(o, req, ctx, pn.verdict);
    json::array missing;
    for (const auto& q : pn.missing_questions)
      missing.push_back({{"href", "#question-" + q.code}, {"label", domain::prompt(q, lang)}});
    // Order and computed fields: a link to their input when the page has one.
    for (const auto& f : pn.verdict.missing) {
      if (f.source == domain::FieldSource::answer) continue;
      std::string input = input_of(f);
      json::object m{{"label", field_label(f, scope, lang, ctx.catalog)}};
      if (!input.empty()) m["href"] = "#" + input;
      missing.push_back(std::move(m));
    }
    if (!missing.empty()) missing.back().as_object()["last"] = true;
    o["has_missing"] = !missing.empty();
    o["missing"] = std::move(missing);
    packages.push_back(std::move(o));
  }
  json::array alternates;
  for (const auto& alt : tree.alternates) {
    json::object o{{"id", alt.campaign.id.value},
                   {"code", alt.campaign.code},
                   {"description", domain::description(alt.campaign, lang)},
                   {"counts", counts_text(req, ctx, alt)},
                   {"can_switch", !final}};
    add_verdict(o, req, ctx, alt.campaign_verdict);
    alternates.push_back(std::move(o));
  }
  json::object campaign{{"id", node.campaign.id.value},
                        {"code", node.campaign.code},
                        {"description", domain::description(node.campaign, lang)},
                        {"counts", counts_text(req, ctx, node)}};
  add_verdict(campaign, req, ctx, node.campaign_verdict);
  return {{"order_id", view.order.id.value},       {"version", view.order.version},
          {"csrf_token", req.csrf_token},          {"campaign", std::move(campaign)},
          {"has_packages", !packages.empty()},     {"packages", std::move(packages)},
          {"has_alternates", !alternates.empty()}, {"alternates", std::move(alternates)}};
}

namespace {

// htmx asks for the tree alone; a plain request gets the page with it.
Response show_tree(Request& req, WebContext& ctx) {
  auto id = id_param<domain::ServiceOrder>(req);
  if (!id) return error_page(req, ctx, 404);
  if (!req.is_htmx())
    return redirect(req,
                    "/service-orders/" + std::to_string(id->value) + "?eligibility=1#eligibility");
  auto view = ctx.orders.view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  auto tree = ctx.orders.eligibility(*req.user, *id);
  if (!tree) return error_page(req, ctx, tree.error());
  json::object data{{"tree", eligibility_tree_data(req, ctx, *view, *tree)}};
  return html_response(200, ctx.views.render("partials/eligibility_tree", data, req.language));
}

}  // namespace

void register_eligibility_tree_pages(Router& router, WebContext& ctx) {
  router.get("/service-orders/{id}/eligibility", Access::staff,
             [&ctx](Request& r) { return show_tree(r, ctx); });
}

}  // namespace rapport::web::ui
