// The page of a job: a progress bar with counts and the time left, updated
// every second (htmx polling), and a Cancel button while it runs.
#include <algorithm>
#include <charconv>
#include <set>

#include <boost/json.hpp>

#include "i18n/format.h"
#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

std::string label(const Request& req, const WebContext& ctx, const std::string& key,
                  const std::string& fallback) {
  return ctx.catalog.has(req.language, key) ? ctx.catalog.text(req.language, key) : fallback;
}

// An import's bad and skipped rows, each with its line, column and reason
// in the reader's language.
void add_import_problems(json::object& d, const Request& req, const WebContext& ctx,
                         const domain::Job& job) {
  if (job.result.empty()) return;
  boost::system::error_code ec;
  auto result = json::parse(job.result, ec);
  if (ec || !result.is_object()) return;
  json::array rows;
  std::size_t listed = 0;
  for (const char* list : {"problems", "skips"}) {
    auto it = result.as_object().find(list);
    if (it == result.as_object().end() || !it->value().is_array()) continue;
    for (const auto& p : it->value().as_array()) {
      if (!p.is_object()) continue;
      const auto& o = p.as_object();
      MessageArgs args;
      if (auto a = o.find("args"); a != o.end() && a->value().is_array())
        for (const auto& pair : a->value().as_array())
          if (pair.is_array() && pair.as_array().size() == 2)
            args.emplace_back(json::value_to<std::string>(pair.as_array()[0]),
                              json::value_to<std::string>(pair.as_array()[1]));
      Error reason{
          ErrorCode::invalid_input, json::value_to<std::string>(o.at("key")), args, {}, {}};
      rows.push_back({{"line", o.at("line")},
                      {"column", json::value_to<std::string>(o.at("column"))},
                      {"reason", localized_message(req, ctx.catalog, reason)}});
      ++listed;
    }
  }
  d["has_problems"] = !rows.empty();
  d["problems"] = std::move(rows);
  if (auto t = result.as_object().find("problems_total");
      t != result.as_object().end() && t->value().is_uint64() && t->value().get_uint64() > listed)
    d["problems_more"] = ctx.catalog.text(
        req.language, "import.problems_more",
        {{"shown", std::to_string(listed)}, {"total", std::to_string(t->value().get_uint64())}});
}

// The customers a generation could not plan for lack of a phone number,
// as links to fix them.
void add_customers_without_phone(json::object& d, const Request& req, const WebContext& ctx,
                                 const domain::Job& job) {
  boost::system::error_code ec;
  auto result = json::parse(job.result, ec);
  if (ec || !result.is_object()) return;
  auto it = result.as_object().find("customers_without_phone");
  if (it == result.as_object().end() || !it->value().is_array() || it->value().as_array().empty())
    return;
  json::array ids;
  for (const auto& v : it->value().as_array())
    if (v.is_int64()) ids.push_back(json::object{{"id", v.as_int64()}});
  d["without_phone"] = std::move(ids);
  d["without_phone_title"] = ctx.catalog.text(req.language, "generation.without_phone_title");
}

// The shares of the work and the server each ran on: shown once a job has
// several, or one was taken over, so that a reader sees a generation shared
// by several servers (issue 17).
void add_partitions(json::object& d, const Request& req, const WebContext& ctx,
                    const domain::Job& job) {
  bool worth_showing = job.partitions.size() > 1;
  for (const auto& p : job.partitions) worth_showing = worth_showing || p.attempt > 1;
  if (!worth_showing) return;
  json::array rows;
  std::set<std::string> servers;
  for (const auto& p : job.partitions) {
    const std::string status(domain::to_code(p.status));
    if (!p.claimed_by.empty()) servers.insert(p.claimed_by);
    json::object row{{"number", p.number + 1},
                     {"status", label(req, ctx, "job.status." + status, status)},
                     {"status_code", status},
                     {"server", p.claimed_by},
                     {"done", i18n::format_integer(req.language, p.done)},
                     {"total", i18n::format_integer(req.language, p.total)}};
    if (p.attempt > 1)
      row["taken_over"] = ctx.catalog.text(req.language, "job.partition_taken_over",
                                           {{"attempt", std::to_string(p.attempt)}});
    rows.push_back(std::move(row));
  }
  d["partitions"] = std::move(rows);
  d["partitions_summary"] = ctx.catalog.text(req.language, "job.partitions_summary",
                                             {{"partitions", std::to_string(job.partitions.size())},
                                              {"servers", std::to_string(servers.size())}});
}

json::object progress_data(const Request& req, const WebContext& ctx, const domain::Job& job) {
  const auto& c = ctx.catalog;
  const std::string zone = req.user ? app::user_zone(*req.user) : std::string("UTC");
  const std::string status(domain::to_code(job.status));
  json::object d{{"id", job.id.value},
                 {"title", label(req, ctx, "job.kind." + job.kind, job.kind)},
                 {"status", label(req, ctx, "job.status." + status, status)},
                 {"status_code", status},
                 {"running", job.status == domain::JobStatus::running},
                 {"polling", !domain::is_final(job.status)},
                 {"done", i18n::format_integer(req.language, job.done)},
                 {"total", i18n::format_integer(req.language, job.total)},
                 {"csrf_token", req.csrf_token}};
  if (job.started_at) d["started"] = i18n::format_date_time(req.language, *job.started_at, zone);
  if (auto p = domain::percent_done(job)) {
    d["has_percent"] = true;
    d["percent"] = *p;
  }
  if (auto s = domain::seconds_left(job, ctx.clock.now()))
    d["eta"] = c.text(req.language, "job.time_left",
                      {{"minutes", std::to_string(*s / 60)}, {"seconds", std::to_string(*s % 60)}});
  // Counters in the order a reader takes them in; any other after them.
  static const std::vector<std::string> kOrder{"rows",
                                               "imported",
                                               "infos_created",
                                               "infos_updated",
                                               "invalid",
                                               "skipped",
                                               "created",
                                               "already_present",
                                               "skipped_by_exception",
                                               "skipped_by_non_activity",
                                               "without_phone",
                                               "deleted"};
  std::vector<std::pair<std::string, std::int64_t>> ordered(job.counts.begin(), job.counts.end());
  auto rank = [](const std::string& name) {
    return std::find(kOrder.begin(), kOrder.end(), name) - kOrder.begin();
  };
  std::stable_sort(ordered.begin(), ordered.end(),
                   [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
  json::array counts;
  for (const auto& [name, value] : ordered)
    counts.push_back({{"label", label(req, ctx, "job.count." + name, name)},
                      {"value", i18n::format_integer(req.language, value)}});
  d["has_counts"] = !counts.empty();
  d["counts"] = std::move(counts);
  if (!job.message_key.empty()) {
    d["message"] = c.text(req.language, job.message_key, job.message_args);
    d["message_class"] = job.status == domain::JobStatus::failed ? "alert alert-error"
                         : job.status == domain::JobStatus::done ? "alert alert-success"
                                                                 : "alert alert-warning";
  }
  add_import_problems(d, req, ctx, job);
  add_partitions(d, req, ctx, job);
  if (job.kind == "customer_import") {
    d["back_href"] = "/customers/import";
    d["back_label"] = c.text(req.language, "import.another");
  }
  if (job.kind == "contact_info_import") {
    d["back_href"] = "/plans/import";
    d["back_label"] = c.text(req.language, "import.another");
  }
  if (job.kind == "plan_generation") {
    // A generation is idempotent: one that failed, was cancelled or was cut
    // short by a stopped server is simply run again with its parameters.
    d["can_rerun"] =
        job.status == domain::JobStatus::failed || job.status == domain::JobStatus::cancelled;
    d["back_href"] = "/plan-entries";
    d["back_label"] = c.text(req.language, "plans.active_list");
    add_customers_without_phone(d, req, ctx, job);
  }
  return d;
}

Response show_job(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Job>(req);
  if (!id) return error_page(req, ctx, 404);
  auto job = ctx.jobs.get(*req.user, *id);
  if (!job) return error_page(req, ctx, job.error());
  auto data = progress_data(req, ctx, *job);
  std::string title = data["title"].as_string().c_str();
  return html_response(200, ctx.views.page(req, "job", data, title));
}

Response job_progress(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Job>(req);
  if (!id) return error_page(req, ctx, 404);
  auto job = ctx.jobs.get(*req.user, *id);
  if (!job) return error_page(req, ctx, job.error());
  return html_response(
      200, ctx.views.render("partials/job_progress", progress_data(req, ctx, *job), req.language));
}

Response cancel_job(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Job>(req);
  if (!id) return error_page(req, ctx, 404);
  auto cancelled = ctx.jobs.cancel(*req.user, *id);
  if (!cancelled && cancelled.error().code != ErrorCode::conflict)
    return error_page(req, ctx, cancelled.error());
  if (req.is_htmx()) return job_progress(req, ctx);
  return redirect(req, "/jobs/" + std::to_string(id->value));
}

Response rerun_job(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Job>(req);
  if (!id) return error_page(req, ctx, 404);
  auto job = ctx.jobs.get(*req.user, *id);
  if (!job) return error_page(req, ctx, job.error());
  if (job->kind != "plan_generation" || !domain::is_final(job->status) ||
      job->status == domain::JobStatus::done)
    return error_page(req, ctx, Error::conflict("job.not_rerunnable"));
  auto again = ctx.jobs.start(*req.user, job->kind, job->params, "");
  if (!again) return error_page(req, ctx, again.error());
  return redirect(req, "/jobs/" + std::to_string(again->value));
}

}  // namespace

void register_job_pages(Router& router, WebContext& ctx) {
  router.get("/jobs/{id}", Access::staff, [&ctx](Request& r) { return show_job(r, ctx); });
  router.get("/jobs/{id}/progress", Access::staff,
             [&ctx](Request& r) { return job_progress(r, ctx); });
  router.post("/jobs/{id}/rerun", Access::staff, [&ctx](Request& r) { return rerun_job(r, ctx); });
  router.post("/jobs/{id}/cancel", Access::staff,
              [&ctx](Request& r) { return cancel_job(r, ctx); });
}

}  // namespace rapport::web::ui
