// /api/v1/campaigns and /api/v1/packages (campaigns-and-orders.md):
// campaigns and their packages (every desk user reads; managers and admins
// change them), a draft package's rules tried on sample data, and the
// conversion figures of a campaign.
#include <boost/json.hpp>

#include "web/api/contactplan/planning_io.h"
#include "web/api/json_io.h"
#include "web/api/marketing/marketing_api_json.h"
#include "web/api/query_params.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

namespace json = boost::json;
using domain::Campaign;
using domain::Package;

// A refused save: with every field at fault when the input was bad.
Response save_problem(Request& req, WebContext& ctx, const Error& e, const FieldErrors& errors) {
  return problem(req, ctx.catalog, e, e.code == ErrorCode::invalid_input ? &errors : nullptr);
}

Response list_campaigns(Request& req, WebContext& ctx) {
  auto active = query_bool(req, "active");
  if (!active) return problem(req, ctx.catalog, active.error());
  auto campaigns = ctx.campaigns.listing(*req.user, active->value_or(false));
  if (!campaigns) return problem(req, ctx.catalog, campaigns.error());
  json::array items;
  for (const auto& l : *campaigns) {
    auto item = campaign_to_json(l.campaign, req.language);
    item["offered"] = l.offered;  // today in the installation's calendar
    item["package_count"] = l.packages;
    items.push_back(std::move(item));
  }
  return json_ok(200, json::object{{"items", std::move(items)}});
}

Response create_campaign(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  Campaign c;
  apply_campaign(*body, c, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = ctx.campaigns.save_campaign(*req.user, std::move(c), &errors);
  if (!saved) return save_problem(req, ctx, saved.error(), errors);
  Response res = json_ok(201, campaign_to_json(*saved, req.language));
  res.set_header("Location", "/api/v1/campaigns/" + std::to_string(saved->id.value));
  return res;
}

Response get_campaign(Request& req, WebContext& ctx) {
  auto id = id_param<Campaign>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("campaign.not_found"));
  auto found = ctx.campaigns.campaign(*req.user, *id);
  if (!found) return problem(req, ctx.catalog, found.error());
  return json_ok(200, campaign_to_json(*found, req.language));
}

Response update_campaign(Request& req, WebContext& ctx) {
  auto id = id_param<Campaign>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("campaign.not_found"));
  auto found = ctx.campaigns.campaign(*req.user, *id);
  if (!found) return problem(req, ctx.catalog, found.error());
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  Campaign c = found->campaign;
  apply_campaign(*body, c, errors);
  if (auto v = get_version(*body, errors)) c.version = *v;
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = ctx.campaigns.save_campaign(*req.user, std::move(c), &errors);
  if (!saved) return save_problem(req, ctx, saved.error(), errors);
  return json_ok(200, campaign_to_json(*saved, req.language));
}

Response list_packages(Request& req, WebContext& ctx) {
  auto id = id_param<Campaign>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("campaign.not_found"));
  auto found = ctx.campaigns.campaign(*req.user, *id);
  if (!found) return problem(req, ctx.catalog, found.error());
  json::array items;
  for (const auto& p : found->packages) items.push_back(package_to_json(p, req.language));
  return json_ok(200, json::object{{"items", std::move(items)}});
}

Response create_package(Request& req, WebContext& ctx) {
  auto id = id_param<Campaign>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("campaign.not_found"));
  auto found = ctx.campaigns.campaign(*req.user, *id);
  if (!found) return problem(req, ctx.catalog, found.error());
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  Package p;
  p.campaign = *id;
  apply_package(*body, p, found->campaign, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = ctx.campaigns.save_package(*req.user, std::move(p), &errors);
  if (!saved) return save_problem(req, ctx, saved.error(), errors);
  Response res = json_ok(201, package_to_json(*saved, req.language));
  res.set_header("Location", "/api/v1/packages/" + std::to_string(saved->id.value));
  return res;
}

Response get_package(Request& req, WebContext& ctx) {
  auto id = id_param<Package>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("package.not_found"));
  auto found = ctx.campaigns.package(*req.user, *id);
  if (!found) return problem(req, ctx.catalog, found.error());
  return json_ok(200, package_to_json(*found, req.language));
}

Response update_package(Request& req, WebContext& ctx) {
  auto id = id_param<Package>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("package.not_found"));
  auto found = ctx.campaigns.package(*req.user, *id);
  if (!found) return problem(req, ctx.catalog, found.error());
  auto campaign = ctx.campaigns.campaign(*req.user, found->campaign);
  if (!campaign) return problem(req, ctx.catalog, campaign.error());
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  Package p = *found;
  apply_package(*body, p, campaign->campaign, errors);
  if (auto v = get_version(*body, errors)) p.version = *v;
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = ctx.campaigns.save_package(*req.user, std::move(p), &errors);
  if (!saved) return save_problem(req, ctx, saved.error(), errors);
  return json_ok(200, package_to_json(*saved, req.language));
}

// The desk names a bad sample "sample.<name>"; the API, the member it came in.
Error sample_field(Error e, const app::RuleTestInput& in) {
  if (!e.field.starts_with("sample.")) return e;
  const std::string name = e.field.substr(7);
  if (in.answers.contains(name))
    e.field = "answers." + name;
  else if (in.order_fields.contains(name))
    e.field = "order_fields." + name;
  else if (in.computed.contains(name))
    e.field = "computed." + name;
  return e;
}

// POST /api/v1/packages/test: {"package": {draft members, "campaign_id"}
// or "package_id" (the stored package, "package" members over it),
// "answers", "order_fields", "computed"} → {"verdict"}.
Response test_package(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  app::RuleTestInput in;
  const json::object* draft = nullptr;
  draft = get_object(*body, "package", errors);
  auto package_id = get_id(*body, "package_id", errors);
  std::optional<std::int64_t> campaign_id;
  if (draft) campaign_id = get_id(*draft, "campaign_id", errors, "package");
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  if (package_id) {
    auto stored = ctx.campaigns.package(*req.user, Id<Package>{*package_id});
    if (!stored) return problem(req, ctx.catalog, stored.error());
    in.draft = *stored;
  } else if (campaign_id) {
    in.draft.campaign = Id<Campaign>{*campaign_id};
  } else {
    return problem(req, ctx.catalog, Error::invalid("field.required", "package.campaign_id"));
  }
  auto campaign = ctx.campaigns.campaign(*req.user, in.draft.campaign);
  if (!campaign) return problem(req, ctx.catalog, campaign.error());
  if (draft) {
    FieldErrors draft_errors;
    apply_package(*draft, in.draft, campaign->campaign, draft_errors);
    add_nested(errors, std::move(draft_errors), "package");
  }
  in.answers = typed_values(body->if_contains("answers"), "answers", errors);
  in.order_fields = typed_values(body->if_contains("order_fields"), "order_fields", errors);
  in.computed = typed_values(body->if_contains("computed"), "computed", errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto result = ctx.campaigns.test_rules(*req.user, in);
  if (!result) return problem(req, ctx.catalog, result.error());
  if (!result->rule_errors.empty() || !result->sample_errors.empty()) {
    FieldErrors all;
    for (auto e : result->rule_errors.errors) {
      e.field = "package." + e.field;
      all.add(std::move(e));
    }
    for (const auto& e : result->sample_errors.errors) all.add(sample_field(e, in));
    return input_problem(req, ctx.catalog, all);
  }
  json::object out{
      {"verdict", verdict_to_json(result->verdict, in.draft.rules,
                                  domain::questions_in_scope(campaign->campaign, &in.draft),
                                  labels_of(req, ctx))}};
  return json_ok(200, out);
}

Response conversion(Request& req, WebContext& ctx) {
  auto id = id_param<Campaign>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("campaign.not_found"));
  auto figures = ctx.campaigns.conversion(*req.user, *id);
  if (!figures) return problem(req, ctx.catalog, figures.error());
  return json_ok(200, conversion_to_json(*figures, *id, labels_of(req, ctx)));
}

}  // namespace

void register_campaigns_api(Router& router, WebContext& ctx) {
  const std::string campaign = "/api/v1/campaigns/{id}";
  router.get("/api/v1/campaigns", Access::staff,
             [&ctx](Request& r) { return list_campaigns(r, ctx); });
  router.post("/api/v1/campaigns", Access::staff,
              [&ctx](Request& r) { return create_campaign(r, ctx); });
  router.get(campaign, Access::staff, [&ctx](Request& r) { return get_campaign(r, ctx); });
  router.add("PUT", campaign, Access::staff,
             [&ctx](Request& r) { return update_campaign(r, ctx); });
  router.get(campaign + "/packages", Access::staff,
             [&ctx](Request& r) { return list_packages(r, ctx); });
  router.post(campaign + "/packages", Access::staff,
              [&ctx](Request& r) { return create_package(r, ctx); });
  router.get(campaign + "/conversion", Access::staff,
             [&ctx](Request& r) { return conversion(r, ctx); });
  // Before /packages/{id}, so "test" is not taken for an id.
  router.post("/api/v1/packages/test", Access::staff,
              [&ctx](Request& r) { return test_package(r, ctx); });
  router.get("/api/v1/packages/{id}", Access::staff,
             [&ctx](Request& r) { return get_package(r, ctx); });
  router.add("PUT", "/api/v1/packages/{id}", Access::staff,
             [&ctx](Request& r) { return update_package(r, ctx); });
}

}  // namespace rapport::web::api
