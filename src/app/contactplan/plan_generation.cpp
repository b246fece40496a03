#include "app/contactplan/plan_generation.h"

#include <cctype>

#include <boost/json.hpp>

#include "app/access.h"
#include "app/jobs/job_runner.h"
#include "app/today.h"
#include "domain/contactplan/contact_plan.h"
#include "domain/contactplan/schedule.h"
#include "store/contactplan/contact_info_repository.h"
#include "store/contactplan/contact_plan_repository.h"
#include "store/contactplan/non_activity_repository.h"
#include "store/contactplan/plan_entry_repository.h"
#include "store/customers/customer_class_repository.h"
#include "store/customers/customer_repository.h"
#include "store/settings/settings_repository.h"
#include "store/users/user_repository.h"

namespace rapport::app {
namespace {

namespace json = boost::json;
using domain::ContactPlan;

constexpr std::size_t kMaxSelection = kMaxGenerationSelection;

// More ids or codes than one batch takes, checked before any lookup.
Status check_selection_sizes(std::size_t plans, std::size_t customers, std::size_t categories) {
  const MessageArgs args{{"max", std::to_string(kMaxSelection)}};
  if (plans > kMaxSelection) return Error::invalid("generation.too_many", "plans", args);
  if (customers > kMaxSelection) return Error::invalid("generation.too_many", "customers", args);
  if (categories > kMaxSelection) return Error::invalid("generation.too_many", "categories", args);
  return Ok{};
}

json::array int_array(const std::vector<std::int64_t>& v) {
  json::array a;
  for (auto x : v) a.push_back(x);
  return a;
}

// Reads an array of integers (or of texts) from `o[key]`; false when it is not one.
bool read_ids(const json::object& o, const char* key, std::vector<std::int64_t>& out) {
  if (!o.contains(key)) return true;
  const auto& v = o.at(key);
  if (!v.is_array() || v.as_array().size() > kMaxSelection) return false;
  for (const auto& x : v.as_array()) {
    if (!x.is_int64()) return false;
    out.push_back(x.as_int64());
  }
  return true;
}

bool read_codes(const json::object& o, const char* key, std::vector<std::string>& out) {
  if (!o.contains(key)) return true;
  const auto& v = o.at(key);
  if (!v.is_array() || v.as_array().size() > kMaxSelection) return false;
  for (const auto& x : v.as_array()) {
    if (!x.is_string()) return false;
    out.emplace_back(x.as_string());
  }
  return true;
}

bool read_bool(const json::object& o, const char* key) {
  return o.contains(key) && o.at(key).is_bool() && o.at(key).get_bool();
}

// The customer's effective zone: the contact info's override, else the
// customer's, else the installation's.
std::string zone_of(const store::ContactInfoRow& row, const std::string& fallback) {
  if (!row.info.time_zone.empty() && is_valid_time_zone(row.info.time_zone))
    return row.info.time_zone;
  if (!row.customer_zone.empty() && is_valid_time_zone(row.customer_zone)) return row.customer_zone;
  return fallback;
}

// What one chunk of contact infos gives: the entries to write and the counts.
struct ChunkPlan {
  std::vector<store::NewPlanEntry> entries;
  GenerationCounts counts;
};

ChunkPlan plan_chunk(const ContactPlan& plan, const std::vector<domain::PlanException>& exceptions,
                     const std::vector<store::ContactInfoRow>& rows,
                     const std::map<std::int64_t, std::vector<domain::NonActivityPeriod>>& periods,
                     const std::vector<CivilDate>& days, const std::string& fallback_zone) {
  static const std::vector<domain::NonActivityPeriod> none;
  ChunkPlan out;
  for (const auto& row : rows) {
    const auto& info = row.info;
    ++out.counts.customers;
    if (info.method == domain::ContactMethod::phone && info.phone_e164.empty()) {
      ++out.counts.without_phone;
      if (out.counts.customers_without_phone.size() < 100)
        out.counts.customers_without_phone.push_back(info.customer);
      continue;
    }
    auto found = periods.find(info.customer);
    const auto& blocked = found == periods.end() ? none : found->second;
    std::string zone = zone_of(row, fallback_zone);
    for (CivilDate day : days) {
      auto decision = domain::decide_day(day, exceptions, blocked);
      if (decision.outcome == domain::DayOutcome::skipped_by_exception) {
        ++out.counts.skipped_by_exception;
        continue;
      }
      if (decision.outcome == domain::DayOutcome::skipped_by_non_activity) {
        ++out.counts.skipped_by_non_activity;
        continue;
      }
      auto window = domain::window_on(decision.date, info.earliest, info.latest, zone);
      out.entries.push_back({plan.id.value, info.customer, decision.date, window.start, window.end,
                             info.phone_e164, plan.responsible_user});
    }
  }
  return out;
}

void add(GenerationCounts& total, const GenerationCounts& part) {
  total.created += part.created;
  total.already_present += part.already_present;
  total.skipped_by_exception += part.skipped_by_exception;
  total.skipped_by_non_activity += part.skipped_by_non_activity;
  total.without_phone += part.without_phone;
  total.deleted += part.deleted;
  total.customers += part.customers;
  for (auto id : part.customers_without_phone)
    if (total.customers_without_phone.size() < 100) total.customers_without_phone.push_back(id);
}

}  // namespace

std::string to_json(const GenerationParams& p) {
  json::array categories;
  for (const auto& c : p.categories) categories.push_back(json::string(c));
  return json::serialize(json::object{{"plans", int_array(p.plans)},
                                      {"customers", int_array(p.customers)},
                                      {"categories", std::move(categories)},
                                      {"from", format_date(p.from)},
                                      {"to", format_date(p.to)},
                                      {"delete_previous", p.delete_previous},
                                      {"simulate", p.simulate}});
}

Result<GenerationParams> generation_params_from_json(std::string_view text) {
  boost::system::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return Error::invalid("generation.params_invalid");
  const auto& o = value.as_object();
  GenerationParams p;
  if (!read_ids(o, "plans", p.plans)) return Error::invalid("generation.plans_invalid", "plans");
  if (!read_ids(o, "customers", p.customers))
    return Error::invalid("generation.customers_invalid", "customers");
  if (!read_codes(o, "categories", p.categories))
    return Error::invalid("generation.categories_invalid", "categories");
  auto date_of = [&](const char* key) -> std::optional<CivilDate> {
    if (!o.contains(key) || !o.at(key).is_string()) return std::nullopt;
    return parse_date(std::string(o.at(key).as_string()));
  };
  auto from = date_of("from"), to = date_of("to");
  if (!from) return Error::invalid("field.date_invalid", "from");
  if (!to) return Error::invalid("field.date_invalid", "to");
  p.from = *from;
  p.to = *to;
  p.delete_previous = read_bool(o, "delete_previous");
  p.simulate = read_bool(o, "simulate");
  return p;
}

Result<GenerationParams> check_generation(store::Database& db, GenerationParams params) {
  if (auto sizes = check_selection_sizes(params.plans.size(), params.customers.size(),
                                         params.categories.size());
      !sizes)
    return sizes.error();
  if (auto errors = domain::validate_generation_range(params.from, params.to); !errors.empty())
    return errors.errors.front();
  return db.read([&](store::Tx& tx) -> Result<GenerationParams> {
    if (params.plans.empty()) {
      for (const auto& p : store::ContactPlanRepository::list(tx, true))
        params.plans.push_back(p.id.value);
      if (params.plans.empty()) return Error::invalid("generation.no_active_plan", "plans");
    }
    for (auto id : params.plans)
      if (!store::ContactPlanRepository::find(tx, Id<ContactPlan>{id}))
        return Error::invalid("generation.plan_unknown", "plans", {{"id", std::to_string(id)}});
    for (auto id : params.customers)
      if (!store::CustomerRepository::find(tx, Id<domain::Customer>{id}))
        return Error::invalid("generation.customer_unknown", "customers",
                              {{"id", std::to_string(id)}});
    if (!params.categories.empty()) {
      auto known = store::CustomerClassRepository::known_groups(tx);
      for (const auto& code : params.categories)
        if (std::find(known.begin(), known.end(), code) == known.end())
          return Error::invalid("generation.category_unknown", "categories", {{"code", code}});
    }
    return params;
  });
}

GenerationParams generation_defaults(store::Database& db, const Clock& clock) {
  GenerationParams p;
  p.from = business_today(clock, db);
  p.to = CivilDate{date::sys_days{p.from} + date::days{kDefaultGenerationDays - 1}};
  return p;
}

Result<GenerationParams> resolve_generation(store::Database& db, const Clock& clock,
                                            const GenerationRequest& request) {
  if (auto sizes = check_selection_sizes(request.plans.size() + request.plan_codes.size(),
                                         request.customers.size(), request.categories.size());
      !sizes)
    return sizes.error();
  GenerationParams p;
  p.plans = request.plans;
  p.customers = request.customers;
  p.categories = request.categories;
  p.delete_previous = request.delete_previous;
  p.simulate = request.simulate;
  p.from = request.from ? *request.from : business_today(clock, db);
  p.to = request.to ? *request.to
                    : CivilDate{date::sys_days{p.from} + date::days{kDefaultGenerationDays - 1}};
  if (!request.plan_codes.empty()) {
    auto found = db.read([&](store::Tx& tx) -> Status {
      for (const auto& code : request.plan_codes) {
        std::string upper = code;
        for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        auto plan = store::ContactPlanRepository::find_by_code(tx, upper);
        if (!plan) return Error::invalid("generation.plan_code_unknown", "plans", {{"code", code}});
        p.plans.push_back(plan->id.value);
      }
      return Ok{};
    });
    if (!found) return found.error();
  }
  return check_generation(db, std::move(p));
}

Result<StartedGeneration> start_generation(JobRunner& jobs, store::Database& db, const Clock& clock,
                                           const domain::User& actor,
                                           const GenerationRequest& request) {
  // The role first: a CSR learns nothing of the plans from an invalid input.
  if (auto ok = require(actor, Capability::manage_plans); !ok) return ok.error();
  auto params = resolve_generation(db, clock, request);
  if (!params) return params.error();
  auto job = jobs.start(actor, "plan_generation", to_json(*params), "");
  if (!job) return job.error();
  return StartedGeneration{*job, std::move(*params)};
}

namespace {

// What a run needs to know once: the plans with their exceptions and totals,
// the installation's zone, the actor's name for the audit.
struct GenerationSetup {
  struct Work {
    ContactPlan plan;
    std::vector<domain::PlanException> exceptions;
    long long infos = 0;
  };
  std::vector<Work> work;
  std::string fallback_zone = "UTC";
  std::string actor_name = "plan generation";  // the audit's name for deleted entries
};

Result<GenerationSetup> load_generation(store::Database& db, const GenerationParams& params,
                                        const std::vector<std::int64_t>& plans,
                                        std::optional<std::int64_t> actor, bool count_infos) {
  return db.read([&](store::Tx& tx) -> Result<GenerationSetup> {
    GenerationSetup setup;
    if (actor)
      if (auto u = store::UserRepository::find(tx, Id<domain::User>{*actor}))
        setup.actor_name = u->display_name;
    setup.fallback_zone = store::SettingsRepository::load(tx).time_zone;
    for (auto id : plans) {
      auto plan = store::ContactPlanRepository::find(tx, Id<ContactPlan>{id});
      if (!plan) return plan.error();
      setup.work.push_back({*plan, store::ContactPlanRepository::exceptions(tx, plan->id),
                            count_infos ? store::ContactInfoRepository::count(
                                              tx, plan->id, params.customers, params.categories)
                                        : 0});
    }
    return setup;
  });
}

// The chunks of one plan's customers in (after, upto], one transaction each.
Status generate_plan(store::Database& db, const Clock& clock, const GenerationParams& params,
                     std::optional<std::int64_t> actor, const GenerationSetup& setup,
                     const GenerationSetup::Work& w, std::int64_t after, std::int64_t upto,
                     GenerationCounts& counts, long long& done, long long total,
                     const GenerationHooks& hooks) {
  const store::Actor who{actor ? std::optional{Id<domain::User>{*actor}} : std::nullopt,
                         setup.actor_name};
  auto days = domain::scheduled_dates(w.plan, params.from, params.to);
  for (;;) {
    if (hooks.cancelled && hooks.cancelled())
      return Error{ErrorCode::conflict, kJobCancelled, {}, {}, {}};
    // One chunk, one transaction: read its contact infos and the
    // customers' non-activity, then write its entries.
    auto step = [&](store::Tx& tx) -> Result<std::pair<GenerationCounts, std::int64_t>> {
      auto rows = store::ContactInfoRepository::chunk(
          tx, w.plan.id, params.customers, params.categories, after, kGenerationChunk, upto);
      if (rows.empty()) return std::pair{GenerationCounts{}, std::int64_t{0}};
      std::vector<std::int64_t> ids;
      for (const auto& r : rows) ids.push_back(r.info.customer);
      auto periods = store::NonActivityRepository::of_customers(
          tx, ids, date::sys_days(params.from) - date::days{31},
          date::sys_days(params.to) + date::days{31});
      auto chunk = plan_chunk(w.plan, w.exceptions, rows, periods, days, setup.fallback_zone);
      auto attempted = static_cast<long long>(chunk.entries.size());
      if (params.simulate) {
        chunk.counts.already_present =
            store::PlanEntryRepository::count_existing(tx, chunk.entries);
        chunk.counts.created = attempted - chunk.counts.already_present;
        if (params.delete_previous)  // what the real run would delete
          chunk.counts.deleted =
              store::PlanEntryRepository::count_open_before(tx, w.plan.id, params.from, ids);
      } else {
        if (params.delete_previous)
          chunk.counts.deleted = store::PlanEntryRepository::delete_open_before(
              tx, w.plan.id, params.from, ids, who, clock.now());
        chunk.counts.created =
            store::PlanEntryRepository::insert_new(tx, chunk.entries, actor, clock.now());
        chunk.counts.already_present = attempted - chunk.counts.created;
      }
      if (hooks.checkpoint) {
        GenerationCounts after_chunk = counts;
        add(after_chunk, chunk.counts);
        if (auto moved = hooks.checkpoint(tx, rows.back().info.customer, after_chunk,
                                          done + chunk.counts.customers);
            !moved)
          return moved.error();
      }
      return std::pair{chunk.counts, rows.back().info.customer};
    };
    auto result = params.simulate && !hooks.checkpoint ? db.read(step) : db.write(step);
    if (!result) return result.error();
    if (result->second == 0) break;
    after = result->second;
    add(counts, result->first);
    done += result->first.customers;
    if (hooks.progress) hooks.progress(done, total, counts);
  }
  return Ok{};
}

json::object counts_object(const GenerationCounts& c) {
  json::object o;
  o["created"] = c.created;
  o["already_present"] = c.already_present;
  o["skipped_by_exception"] = c.skipped_by_exception;
  o["skipped_by_non_activity"] = c.skipped_by_non_activity;
  o["without_phone"] = c.without_phone;
  o["deleted"] = c.deleted;
  o["customers"] = c.customers;
  o["customers_without_phone"] = int_array(c.customers_without_phone);
  return o;
}

GenerationCounts counts_from(const json::object& o) {
  GenerationCounts c;
  auto n = [&](const char* key) -> long long {
    const auto* v = o.if_contains(key);
    return v && v->is_int64() ? v->as_int64() : 0;
  };
  c.created = n("created");
  c.already_present = n("already_present");
  c.skipped_by_exception = n("skipped_by_exception");
  c.skipped_by_non_activity = n("skipped_by_non_activity");
  c.without_phone = n("without_phone");
  c.deleted = n("deleted");
  c.customers = n("customers");
  if (const auto* list = o.if_contains("customers_without_phone"); list && list->is_array())
    for (const auto& id : list->as_array())
      if (id.is_int64()) c.customers_without_phone.push_back(id.as_int64());
  return c;
}

}  // namespace

Result<GenerationCounts> generate_entries(store::Database& db, const Clock& clock,
                                          const GenerationParams& params,
                                          std::optional<std::int64_t> actor,
                                          const GenerationHooks& hooks) {
  auto setup = load_generation(db, params, params.plans, actor, true);
  if (!setup) return setup.error();
  long long total = 0, done = 0;
  for (const auto& w : setup->work) total += w.infos;
  GenerationCounts counts;
  if (hooks.progress) hooks.progress(0, total, counts);
  for (const auto& w : setup->work)
    if (auto ran =
            generate_plan(db, clock, params, actor, *setup, w, 0, 0, counts, done, total, hooks);
        !ran)
      return ran.error();
  return counts;
}

Result<std::vector<domain::JobPartition>> split_generation(store::Tx& tx,
                                                           const GenerationParams& params,
                                                           std::int64_t size) {
  std::vector<domain::JobPartition> out;
  for (auto id : params.plans) {
    const Id<ContactPlan> plan{id};
    const long long infos =
        store::ContactInfoRepository::count(tx, plan, params.customers, params.categories);
    if (infos == 0) continue;
    auto bounds = store::ContactInfoRepository::boundaries(tx, plan, params.customers,
                                                           params.categories, size);
    std::int64_t after = 0;
    long long left = infos;
    for (auto upto : bounds) {
      if (left <= 0) break;
      domain::JobPartition p;
      p.params = slice_params_json(GenerationSlice{id, after, left <= size ? 0 : upto, 0, {}, 0});
      p.total = std::min<long long>(size, left);
      left -= p.total;
      out.push_back(std::move(p));
      after = upto;
    }
    if (left > 0) {
      domain::JobPartition p;
      p.params = slice_params_json(GenerationSlice{id, after, 0, 0, {}, 0});
      p.total = left;
      out.push_back(std::move(p));
    }
  }
  return out;
}

std::string slice_params_json(const GenerationSlice& slice) {
  return json::serialize(
      json::object{{"plan", slice.plan}, {"after", slice.after}, {"upto", slice.upto}});
}

std::string slice_cursor_json(std::int64_t after, const GenerationCounts& counts, long long done) {
  return json::serialize(
      json::object{{"after", after}, {"done", done}, {"counts", counts_object(counts)}});
}

Result<GenerationSlice> slice_from_json(std::string_view params, std::string_view cursor) {
  GenerationSlice slice;
  boost::system::error_code ec;
  auto p = json::parse(params, ec);
  if (ec || !p.is_object()) return Error::invalid("generation.params_invalid");
  auto n = [](const json::object& o, const char* key) -> std::int64_t {
    const auto* v = o.if_contains(key);
    return v && v->is_int64() ? v->as_int64() : 0;
  };
  slice.plan = n(p.as_object(), "plan");
  slice.after = n(p.as_object(), "after");
  slice.upto = n(p.as_object(), "upto");
  slice.resume_after = slice.after;
  if (!cursor.empty()) {
    auto c = json::parse(cursor, ec);
    if (ec || !c.is_object()) return Error::invalid("generation.params_invalid");
    slice.resume_after = n(c.as_object(), "after");
    slice.done = n(c.as_object(), "done");
    if (const auto* counts = c.as_object().if_contains("counts"); counts && counts->is_object())
      slice.counts = counts_from(counts->as_object());
  }
  return slice;
}

Result<GenerationCounts> generate_slice(store::Database& db, const Clock& clock,
                                        const GenerationParams& params,
                                        std::optional<std::int64_t> actor,
                                        const GenerationSlice& slice,
                                        const GenerationHooks& hooks) {
  GenerationCounts counts = slice.counts;
  if (slice.plan == 0) return counts;  // nothing selected: an empty job
  auto setup = load_generation(db, params, {slice.plan}, actor, false);
  if (!setup) return setup.error();
  long long done = slice.done;
  if (auto ran = generate_plan(db, clock, params, actor, *setup, setup->work.front(),
                               slice.resume_after, slice.upto, counts, done, -1, hooks);
      !ran)
    return ran.error();
  return counts;
}

std::string to_json(const GenerationCounts& c) { return json::serialize(counts_object(c)); }

Result<GenerationCounts> generation_counts_from_json(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return Error::invalid("generation.params_invalid");
  return counts_from(v.as_object());
}

}  // namespace rapport::app
