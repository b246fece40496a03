// Background jobs through the API: starting a batch generation of contact
// plan entries [OIS057] (POST /api/v1/plan-generations), following any job
// (GET /api/v1/jobs/{id}) and cancelling it.
#include <boost/json.hpp>

#include "app/contactplan/plan_generation.h"
#include "domain/contactplan/schedule.h"
#include "web/api/contactplan/planning_io.h"
#include "web/api/json_io.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

namespace json = boost::json;

std::string job_url(Id<domain::Job> id) { return "/api/v1/jobs/" + std::to_string(id.value); }

// The parameters as sent; what is left out takes app's defaults.
app::GenerationRequest request_from(const json::object& o, FieldErrors& errors) {
  app::GenerationRequest r;
  r.plans = get_ids(o, "plans", errors).value_or(std::vector<std::int64_t>{});
  r.customers = get_ids(o, "customers", errors).value_or(std::vector<std::int64_t>{});
  r.categories = get_strings(o, "categories", errors).value_or(std::vector<std::string>{});
  r.from = get_date(o, "from", errors);
  r.to = get_date(o, "to", errors);
  r.delete_previous = get_bool(o, "delete_previous", errors).value_or(false);
  r.simulate = get_bool(o, "simulate", errors).value_or(false);
  return r;
}

Response start_generation(Request& req, WebContext& ctx) {
  // The role first: a CSR learns nothing of the plans from a 422.
  if (auto ok = app::require(*req.user, app::Capability::manage_plans); !ok)
    return problem(req, ctx.catalog, ok.error());
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto request = request_from(*body, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto started = app::start_generation(ctx.jobs, ctx.db, ctx.clock, *req.user, request);
  if (!started) return problem(req, ctx.catalog, started.error());
  const auto id = started->job;
  Response res = json_ok(202, json::object{{"job_id", id.value},
                                           {"url", job_url(id)},
                                           {"page", "/jobs/" + std::to_string(id.value)},
                                           {"params", json::parse(app::to_json(started->params))}});
  res.set_header("Location", job_url(id));
  return res;
}

Response get_job(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Job>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("job.not_found"));
  auto job = ctx.jobs.get(*req.user, *id);
  if (!job) return problem(req, ctx.catalog, job.error());
  return json_ok(200, job_to_json(*job, labels_of(req, ctx)));
}

Response cancel_job(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Job>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("job.not_found"));
  auto cancelled = ctx.jobs.cancel(*req.user, *id);
  if (!cancelled) return problem(req, ctx.catalog, cancelled.error());
  auto job = ctx.jobs.get(*req.user, *id);
  if (!job) return problem(req, ctx.catalog, job.error());
  // Accepted: the job stops at its next check, between two chunks.
  return json_ok(202, job_to_json(*job, labels_of(req, ctx)));
}

}  // namespace

void register_jobs_api(Router& router, WebContext& ctx) {
  router.post("/api/v1/plan-generations", Access::staff,
              [&ctx](Request& r) { return start_generation(r, ctx); });
  router.get("/api/v1/jobs/{id}", Access::staff, [&ctx](Request& r) { return get_job(r, ctx); });
  router.post("/api/v1/jobs/{id}/cancel", Access::staff,
              [&ctx](Request& r) { return cancel_job(r, ctx); });
}

}  // namespace rapport::web::api
