#include "app/jobs/job_kinds.h"

#include <algorithm>
#include <istream>
#include <streambuf>

#include <boost/json.hpp>

#include "app/catalog/catalog_import.h"
#include "app/contactplan/contact_info_import.h"
#include "app/contactplan/plan_generation.h"
#include "app/customers/customer_import.h"
#include "app/quotes/quote_sending.h"
#include "app/sales/fulfilment_batch.h"
#include "store/users/user_repository.h"

namespace rapport::app {
namespace {

namespace json = boost::json;

json::object problem_json(const ImportProblem& p) {
  json::array args;
  for (const auto& [k, v] : p.reason.args)
    args.push_back(json::array{json::string(k), json::string(v)});
  return {{"line", p.line}, {"column", p.column}, {"key", p.reason.key}, {"args", std::move(args)}};
}

json::array problems_json(const std::vector<ImportProblem>& problems) {
  json::array out;
  for (const auto& p : problems) out.push_back(problem_json(p));
  return out;
}

// A job's payload read in place: std::istringstream would copy it, and an
// import's payload is the whole file.
class PayloadBuffer : public std::streambuf {
 public:
  explicit PayloadBuffer(const std::string& payload) {
    char* begin = const_cast<char*>(payload.data());  // only read: get area
    setg(begin, begin, begin + payload.size());
  }
};

// The user who started the job, with their rights now: an import is
// audited as them.
Result<domain::User> job_starter(store::Database& db, JobContext& ctx) {
  return db.read([&](store::Tx& tx) {
    return store::UserRepository::find(tx, Id<domain::User>{ctx.job().created_by});
  });
}

// An import stopped in its first pass is a cancelled job.
Error import_failure(const Error& e) {
  if (e.key == "import.cancelled") return Error{ErrorCode::conflict, kJobCancelled, {}, {}, {}};
  return e;
}

// An import's cursor: the last line its committed chunks dealt with, and
// the counts up to it.
std::string import_resume_json(const ImportResume& r) {
  return json::serialize(json::object{
      {"line", r.line}, {"invalid", r.invalid}, {"skipped", r.skipped}, {"imported", r.imported}});
}

ImportResume import_resume_of(const std::string& cursor) {
  ImportResume r;
  boost::system::error_code ec;
  auto v = json::parse(cursor, ec);
  if (ec || !v.is_object()) return r;
  auto n = [&](const char* key) -> std::size_t {
    const auto* x = v.as_object().if_contains(key);
    return x && x->is_int64() && x->as_int64() > 0 ? static_cast<std::size_t>(x->as_int64()) : 0;
  };
  r.line = n("line");
  r.invalid = n("invalid");
  r.skipped = n("skipped");
  r.imported = n("imported");
  return r;
}

// The cursor of a contact info or catalog import: the last line its
// committed chunks wrote, and the rows created, updated (and priced) up to it.
std::string written_rows_json(std::size_t line, std::size_t created, std::size_t updated,
                              std::size_t priced = 0) {
  return json::serialize(
      json::object{{"line", line}, {"created", created}, {"updated", updated}, {"priced", priced}});
}

std::size_t cursor_number(const std::string& cursor, const char* key) {
  boost::system::error_code ec;
  auto v = json::parse(cursor, ec);
  if (ec || !v.is_object()) return 0;
  const auto* x = v.as_object().if_contains(key);
  return x && x->is_int64() && x->as_int64() > 0 ? static_cast<std::size_t>(x->as_int64()) : 0;
}

// A CSV import (params: {"skip_bad_rows": bool}); a partition taken over
// resumes after the last chunk committed (its cursor); progress is in bytes of
// the file during validation (the first half), then in rows inserted (the
// second half); the counts are rows.
JobBody customer_import_body(store::Database& db, const Clock& clock) {
  return [&db, &clock](JobContext& ctx, const std::string& payload) -> Result<JobSummary> {
    ImportOptions options;
    boost::system::error_code ec;
    auto params = json::parse(ctx.job().params, ec);
    options.skip_bad_rows = !ec && params.is_object() &&
                            params.as_object().contains("skip_bad_rows") &&
                            params.as_object().at("skip_bad_rows").is_bool() &&
                            params.as_object().at("skip_bad_rows").get_bool();
    options.progress_every = 1000;
    // Taken over from a server that stopped: resume after its last chunk.
    options.resume = import_resume_of(ctx.partition().cursor);
    options.on_chunk = [&ctx](store::Tx& tx, const ImportResume& at) {
      return ctx.checkpoint(tx, import_resume_json(at));
    };
    const auto total = static_cast<std::int64_t>(payload.size());
    PayloadBuffer buffer(payload);
    std::istream in(&buffer);
    auto actor = job_starter(db, ctx);
    if (!actor) return actor.error();
    CustomerImportDesk desk(db, clock);
    auto progress = [&ctx, total](const ImportProgress& p) {
      ctx.count("rows", static_cast<std::int64_t>(p.rows));
      ctx.count("invalid", static_cast<std::int64_t>(p.invalid));
      if (!p.inserting) {
        ctx.progress(static_cast<std::int64_t>(p.bytes_read), 2 * total);
      } else {
        ctx.count("imported", static_cast<std::int64_t>(p.imported));
        ctx.count("skipped", static_cast<std::int64_t>(p.skipped));
        const auto to_insert = static_cast<std::int64_t>(std::max<std::size_t>(p.to_insert, 1));
        ctx.progress(total + total * static_cast<std::int64_t>(p.imported + p.skipped) / to_insert,
                     2 * total);
      }
      return !ctx.cancel_requested();
    };
    auto report = desk.import_customers(*actor, in, options, progress);
    if (!report) return import_failure(report.error());
    ctx.count("rows", static_cast<std::int64_t>(report->rows));
    ctx.count("imported", static_cast<std::int64_t>(report->imported));
    ctx.count("invalid", static_cast<std::int64_t>(report->invalid));
    ctx.count("skipped", static_cast<std::int64_t>(report->skipped));
    if (!report->stopped) ctx.progress(total, total);
    JobSummary summary;
    json::object result{{"problems", problems_json(report->problems)},
                        {"problems_total", report->problems_total},
                        {"skips", problems_json(report->skips)},
                        {"imported", report->imported}};
    if (report->stopped) result["stopped"] = report->stopped->key;
    summary.result = json::serialize(result);
    summary.failed = !report->committed;
    summary.message_key = report->committed ? "import.done" : "import.nothing_imported";
    // Stopped after some chunks: what was committed stays, and is said.
    if (report->stopped) {
      summary.cancelled = report->stopped->key == "import.cancelled";
      summary.failed = !summary.cancelled;
      summary.message_key =
          summary.cancelled ? "import.cancelled_partial" : "import.failed_partial";
    }
    summary.message_args = {{"imported", std::to_string(report->imported)},
                            {"invalid", std::to_string(report->invalid)},
                            {"skipped", std::to_string(report->skipped)}};
    return summary;
  };
}

// A CSV import of contact info (contact_info_import.h; no params):
// progress is in bytes of the file during validation (the first half),
// then in rows written (the second half); the counts are rows. A partition
// taken over resumes after the last chunk committed (its cursor).
JobBody contact_info_import_body(store::Database& db, const Clock& clock) {
  return [&db, &clock](JobContext& ctx, const std::string& payload) -> Result<JobSummary> {
    ContactInfoImportOptions options;
    const auto& cursor = ctx.partition().cursor;
    options.resume = {cursor_number(cursor, "line"), cursor_number(cursor, "created"),
                      cursor_number(cursor, "updated")};
    options.on_chunk = [&ctx](store::Tx& tx, const ContactInfoImportResume& at) {
      return ctx.checkpoint(tx, written_rows_json(at.line, at.created, at.updated));
    };
    const auto total = static_cast<std::int64_t>(payload.size());
    PayloadBuffer buffer(payload);
    std::istream in(&buffer);
    auto actor = job_starter(db, ctx);
    if (!actor) return actor.error();
    auto publish = [&ctx](std::size_t rows, std::size_t created, std::size_t updated,
                          std::size_t invalid) {
      ctx.count("rows", static_cast<std::int64_t>(rows));
      ctx.count("infos_created", static_cast<std::int64_t>(created));
      ctx.count("infos_updated", static_cast<std::int64_t>(updated));
      ctx.count("invalid", static_cast<std::int64_t>(invalid));
    };
    auto progress = [&](const ContactInfoImportProgress& p) {
      publish(p.rows, p.created, p.updated, p.invalid);
      const auto to_write = static_cast<std::int64_t>(std::max<std::size_t>(p.to_write, 1));
      ctx.progress(p.writing
                       ? total + total * static_cast<std::int64_t>(p.created + p.updated) / to_write
                       : static_cast<std::int64_t>(p.bytes_read),
                   2 * total);
      return !ctx.cancel_requested();
    };
    ContactInfoImportDesk desk(db, clock);
    auto report = desk.import_contact_infos(*actor, in, options, progress);
    if (!report) return import_failure(report.error());
    publish(report->rows, report->created, report->updated, report->invalid);
    if (!report->stopped) ctx.progress(total, total);
    JobSummary summary;
    json::object result{{"problems", problems_json(report->problems)},
                        {"problems_total", report->problems_total},
                        {"created", report->created},
                        {"updated", report->updated}};
    if (report->stopped) result["stopped"] = report->stopped->key;
    summary.result = json::serialize(result);
    summary.failed = !report->committed;
    summary.message_key =
        report->committed ? "contact_info_import.done" : "contact_info_import.nothing_imported";
    if (report->stopped) {
      summary.cancelled = report->stopped->key == "import.cancelled";
      summary.failed = !summary.cancelled;
      summary.message_key = summary.cancelled ? "contact_info_import.cancelled_partial"
                                              : "contact_info_import.failed_partial";
    }
    summary.message_args = {{"created", std::to_string(report->created)},
                            {"updated", std::to_string(report->updated)},
                            {"invalid", std::to_string(report->invalid)}};
    return summary;
  };
}

// A CSV import of the catalog (catalog_import.h; params: {"price_list":
// id} or {}): progress is in bytes of the file during validation (the
// first half), then in rows written (the second half); the counts are rows.
// A partition taken over resumes after the last chunk committed (its cursor).
JobBody catalog_import_body(store::Database& db, const Clock& clock) {
  return [&db, &clock](JobContext& ctx, const std::string& payload) -> Result<JobSummary> {
    CatalogImportOptions options;
    const auto& cursor = ctx.partition().cursor;
    options.resume = {cursor_number(cursor, "line"), cursor_number(cursor, "created"),
                      cursor_number(cursor, "updated"), cursor_number(cursor, "priced")};
    options.on_chunk = [&ctx](store::Tx& tx, const CatalogImportResume& at) {
      return ctx.checkpoint(tx, written_rows_json(at.line, at.created, at.updated, at.priced));
    };
    boost::system::error_code ec;
    auto params = json::parse(ctx.job().params, ec);
    if (!ec && params.is_object())
      if (const auto* list = params.as_object().if_contains("price_list"); list && list->is_int64())
        options.price_list = Id<domain::PriceList>{list->get_int64()};
    const auto total = static_cast<std::int64_t>(payload.size());
    PayloadBuffer buffer(payload);
    std::istream in(&buffer);
    auto actor = job_starter(db, ctx);
    if (!actor) return actor.error();
    auto publish = [&ctx](std::size_t rows, std::size_t created, std::size_t updated,
                          std::size_t invalid) {
      ctx.count("rows", static_cast<std::int64_t>(rows));
      ctx.count("products_created", static_cast<std::int64_t>(created));
      ctx.count("products_updated", static_cast<std::int64_t>(updated));
      ctx.count("invalid", static_cast<std::int64_t>(invalid));
    };
    auto progress = [&](const CatalogImportProgress& p) {
      publish(p.rows, p.created, p.updated, p.invalid);
      const auto to_write = static_cast<std::int64_t>(std::max<std::size_t>(p.to_write, 1));
      ctx.progress(p.writing
                       ? total + total * static_cast<std::int64_t>(p.created + p.updated) / to_write
                       : static_cast<std::int64_t>(p.bytes_read),
                   2 * total);
      return !ctx.cancel_requested();
    };
    CatalogImportDesk desk(db, clock);
    auto report = desk.import_catalog(*actor, in, options, progress);
    if (!report) return import_failure(report.error());
    publish(report->rows, report->created, report->updated, report->invalid);
    if (!report->stopped) ctx.progress(total, total);
    JobSummary summary;
    json::object result{{"problems", problems_json(report->problems)},
                        {"problems_total", report->problems_total},
                        {"created", report->created},
                        {"updated", report->updated},
                        {"priced", report->priced}};
    if (report->stopped) result["stopped"] = report->stopped->key;
    summary.result = json::serialize(result);
    summary.failed = !report->committed;
    summary.message_key =
        report->committed ? "catalog_import.done" : "catalog_import.nothing_imported";
    if (report->stopped) {
      summary.cancelled = report->stopped->key == "import.cancelled";
      summary.failed = !summary.cancelled;
      summary.message_key =
          summary.cancelled ? "catalog_import.cancelled_partial" : "catalog_import.failed_partial";
    }
    summary.message_args = {{"created", std::to_string(report->created)},
                            {"updated", std::to_string(report->updated)},
                            {"priced", std::to_string(report->priced)},
                            {"invalid", std::to_string(report->invalid)}};
    return summary;
  };
}

// A batch generation of contact plan entries [OIS057] (params: see
// plan_generation.h), split into partitions of contact infos by customer id
// (split_generation) that every server's workers share; progress counts
// contact infos. Each chunk moves the partition's cursor (with the counts
// so far) in its own transaction, so a partition taken over after a crash
// resumes after its last committed chunk.
JobBody plan_generation_body(store::Database& db, const Clock& clock) {
  return [&db, &clock](JobContext& ctx, const std::string&) -> Result<JobSummary> {
    auto params = generation_params_from_json(ctx.job().params);
    if (!params) return params.error();
    auto slice = slice_from_json(ctx.partition().params, ctx.partition().cursor);
    if (!slice) return slice.error();
    auto publish = [&ctx](const GenerationCounts& c) {
      ctx.count("created", c.created);
      ctx.count("already_present", c.already_present);
      ctx.count("skipped_by_exception", c.skipped_by_exception);
      ctx.count("skipped_by_non_activity", c.skipped_by_non_activity);
      ctx.count("without_phone", c.without_phone);
      ctx.count("deleted", c.deleted);
    };
    const std::int64_t total = ctx.partition().total;
    publish(slice->counts);
    ctx.progress(slice->done, total);
    GenerationHooks hooks;
    hooks.progress = [&](long long done, long long, const GenerationCounts& c) {
      publish(c);
      ctx.progress(done, std::max<std::int64_t>(total, done));
    };
    hooks.cancelled = [&ctx] { return ctx.cancel_requested(); };
    hooks.checkpoint = [&ctx](store::Tx& tx, std::int64_t after, const GenerationCounts& c,
                              long long done) {
      return ctx.checkpoint(tx, slice_cursor_json(after, c, done));
    };
    auto counts = generate_slice(db, clock, *params, ctx.job().created_by, *slice, hooks);
    if (!counts) return counts.error();
    publish(*counts);
    ctx.progress(counts->customers, counts->customers);
    JobSummary summary;
    summary.result = to_json(*counts);
    summary.message_key = params->simulate ? "generation.simulated" : "generation.done";
    return summary;
  };
}

JobSplit plan_generation_split() {
  return [](store::Tx& tx, const std::string& text,
            std::int64_t size) -> Result<std::vector<domain::JobPartition>> {
    auto params = generation_params_from_json(text);
    if (!params) return params.error();
    return split_generation(tx, *params, size);
  };
}

// The job's summary from its partitions' counts.
JobSummary plan_generation_merge(const domain::Job& job) {
  GenerationCounts all;
  for (const auto& p : job.partitions) {
    auto c = generation_counts_from_json(p.result);
    if (!c) continue;
    all.created += c->created;
    all.already_present += c->already_present;
    all.skipped_by_exception += c->skipped_by_exception;
    all.skipped_by_non_activity += c->skipped_by_non_activity;
    all.without_phone += c->without_phone;
    all.deleted += c->deleted;
    all.customers += c->customers;
    for (auto id : c->customers_without_phone)
      if (all.customers_without_phone.size() < 100) all.customers_without_phone.push_back(id);
  }
  auto params = generation_params_from_json(job.params);
  JobSummary summary;
  summary.result = to_json(all);
  summary.message_key = params && params->simulate ? "generation.simulated" : "generation.done";
  summary.message_args = {{"created", std::to_string(all.created)},
                          {"already_present", std::to_string(all.already_present)},
                          {"skipped_by_exception", std::to_string(all.skipped_by_exception)},
                          {"skipped_by_non_activity", std::to_string(all.skipped_by_non_activity)},
                          {"without_phone", std::to_string(all.without_phone)},
                          {"deleted", std::to_string(all.deleted)}};
  return summary;
}

// A fulfilment batch (params: fulfilment_batch.h's request); progress
// counts lines, cancel stops between two chunks. Each chunk moves the
// partition's cursor (its last line and the counts so far) in its own
// transaction, so a batch taken over resumes after its last committed chunk.
JobBody fulfilment_batch_body(store::Database& db, const Clock& clock) {
  return [&db, &clock](JobContext& ctx, const std::string&) -> Result<JobSummary> {
    auto request = fulfilment_batch_from_json(ctx.job().params);
    if (!request) return request.error();
    auto actor = job_starter(db, ctx);
    if (!actor) return actor.error();
    auto publish = [&ctx](const FulfilmentCounts& c) {
      ctx.count("completed", c.completed);
      ctx.count("failed", c.failed);
      ctx.count("assets", c.assets);
      ctx.count("orders_completed", c.orders_completed);
      ctx.count("refused", c.refused);
    };
    FulfilmentBatchHooks hooks;
    hooks.progress = [&](long long done, long long total, const FulfilmentCounts& c) {
      publish(c);
      ctx.progress(done, total);
    };
    hooks.cancelled = [&ctx] { return ctx.cancel_requested(); };
    // Taken over from a server that stopped: resume after its last chunk.
    hooks.resume = fulfilment_resume_of(ctx.partition().cursor);
    hooks.checkpoint = [&ctx](store::Tx& tx, const FulfilmentResume& at) {
      return ctx.checkpoint(tx, to_json(at));
    };
    if (hooks.resume.order > 0) {
      publish(hooks.resume.counts);
      ctx.progress(hooks.resume.done, hooks.resume.selected);
    }
    auto result = run_fulfilment_batch(db, clock, actor_of(*actor), *request, hooks);
    if (!result) return result.error();
    const auto& c = result->counts;
    publish(c);
    if (!result->cancelled) ctx.progress(result->selected, result->selected);
    JobSummary summary;
    summary.result = json::serialize(json::object{{"selected", result->selected},
                                                  {"completed", c.completed},
                                                  {"failed", c.failed},
                                                  {"assets", c.assets},
                                                  {"orders_completed", c.orders_completed},
                                                  {"refused", c.refused}});
    summary.cancelled = result->cancelled;
    summary.message_key =
        result->cancelled ? "fulfilment.batch_cancelled_partial" : "fulfilment.batch_done";
    summary.message_args = {{"completed", std::to_string(c.completed)},
                            {"failed", std::to_string(c.failed)},
                            {"assets", std::to_string(c.assets)},
                            {"refused", std::to_string(c.refused)}};
    return summary;
  };
}

// A quote's e-mail or fax (params: {"sending": id}): delivered with the
// bounded retries of quote_sending.h; a sending that ends failed fails the
// job with its error. Taken over, it goes by what the sending records
// (sending_delivery.h): never sent again once sent; an attempt whose
// outcome was lost is made again with the same Message-ID.
JobBody quote_sending_body(store::Database& db, const Clock& clock) {
  return [&db, &clock](JobContext& ctx, const std::string&) -> Result<JobSummary> {
    boost::system::error_code ec;
    auto params = json::parse(ctx.job().params, ec);
    const json::value* id =
        !ec && params.is_object() ? params.as_object().if_contains("sending") : nullptr;
    if (!id || !id->is_int64()) return Error::invalid("sending.not_found");
    DeliveryHooks hooks;
    hooks.cancelled = [&ctx] { return ctx.cancel_requested(); };
    // A run that lost its partition to another server records nothing.
    hooks.guard = [&ctx](store::Tx& tx) { return ctx.checkpoint(tx, "{}"); };
    // Half-way: the attempt recorded, its exchange to come.
    hooks.attempt_recorded = [&ctx] { ctx.progress(1, 2); };
    auto s = deliver_quote_sending(db, clock, Id<domain::QuoteSending>{id->get_int64()}, hooks);
    if (!s) return s.error();
    ctx.count("attempts", s->attempts);
    ctx.progress(1, 1);
    JobSummary summary;
    summary.failed = s->status == domain::SendingStatus::failed;
    summary.message_key = summary.failed ? "sending.job_failed" : "sending.job_sent";
    summary.message_args = {{"number", s->quote_number},
                            {"revision", std::to_string(s->revision)},
                            {"address", s->address},
                            {"attempts", std::to_string(s->attempts)}};
    summary.result = json::serialize(json::object{
        {"sending", s->id.value}, {"status", enum_code(s->status)}, {"last_error", s->last_error}});
    return summary;
  };
}

}  // namespace

void define_jobs(JobRunner& runner, store::Database& db, const Clock& clock) {
  runner.define("customer_import", Capability::import_customers, customer_import_body(db, clock));
  runner.define("plan_generation", Capability::manage_plans, plan_generation_body(db, clock),
                plan_generation_split(), plan_generation_merge);
  runner.define("contact_info_import", Capability::manage_plans,
                contact_info_import_body(db, clock));
  runner.define("catalog_import", Capability::manage_catalog, catalog_import_body(db, clock));
  runner.define("fulfilment_batch", Capability::fulfil_orders, fulfilment_batch_body(db, clock));
  runner.define("quote_sending", Capability::take_orders, quote_sending_body(db, clock));
}

}  // namespace rapport::app
