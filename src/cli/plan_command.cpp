// rapport plan generate: the batch that creates active contact plan
// entries [OIS057] from the command line, with a progress line.
#include <chrono>
#include <iostream>

#include <unistd.h>

#include "app/contactplan/plan_generation.h"
#include "cli/commands.h"
#include "i18n/format.h"
#include "store/contactplan/contact_plan_repository.h"
#include "store/migrations.h"

namespace rapport::cli {
namespace {

struct PlanGenerateOptions {
  std::vector<std::string> plans;  // codes; none: every active plan
  std::vector<std::int64_t> customers;
  std::vector<std::string> categories;
  std::string from;  // default: today
  std::string to;    // default: from + 6 days
  bool delete_previous = false;
  bool simulate = false;
};

std::string number(const CliContext& ctx, long long n) {
  return i18n::format_integer(ctx.language, n);
}

int generate(CliContext& ctx, const PlanGenerateOptions& o) {
  auto db = ctx.open_database();
  if (!db) return 3;
  if (auto current = store::check_schema_current(*db); !current) return ctx.fail(current.error());

  app::GenerationRequest request;
  if (!o.from.empty()) {
    request.from = parse_date(o.from);
    if (!request.from) return ctx.fail(Error::invalid("field.date_invalid", "from"));
  }
  if (!o.to.empty()) {
    request.to = parse_date(o.to);
    if (!request.to) return ctx.fail(Error::invalid("field.date_invalid", "to"));
  }
  request.plan_codes = o.plans;
  request.customers = o.customers;
  request.categories = o.categories;
  request.delete_previous = o.delete_previous;
  request.simulate = o.simulate;
  auto checked = app::resolve_generation(*db, ctx.clock, request);
  if (!checked) return ctx.fail(checked.error());

  const bool tty = isatty(STDERR_FILENO) != 0;
  const auto started = std::chrono::steady_clock::now();
  app::GenerationHooks hooks;
  hooks.progress = [&](long long done, long long total, const app::GenerationCounts& c) {
    int percent = total > 0 ? static_cast<int>(done * 100 / total) : 100;
    std::string bar(static_cast<std::size_t>(percent / 5), '#');
    bar.resize(20, '.');
    std::cerr << (tty ? "\r" : "") << "[" << bar << "] "
              << ctx.text("cli.plan_progress", {{"percent", std::to_string(percent)},
                                                {"done", number(ctx, done)},
                                                {"total", number(ctx, total)},
                                                {"created", number(ctx, c.created)}})
              << (tty ? "" : "\n") << std::flush;
  };
  auto counts = app::generate_entries(*db, ctx.clock, *checked, std::nullopt, hooks);
  if (tty) std::cerr << "\n";
  if (!counts) return ctx.fail(counts.error());
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << ctx.text(checked->simulate ? "cli.plan_simulated" : "cli.plan_generated",
                        {{"created", number(ctx, counts->created)},
                         {"already_present", number(ctx, counts->already_present)},
                         {"skipped_by_exception", number(ctx, counts->skipped_by_exception)},
                         {"skipped_by_non_activity", number(ctx, counts->skipped_by_non_activity)},
                         {"without_phone", number(ctx, counts->without_phone)},
                         {"deleted", number(ctx, counts->deleted)},
                         {"seconds", std::to_string(static_cast<long long>(seconds + 0.5))}})
            << "\n";
  if (!counts->customers_without_phone.empty()) {
    std::string ids;
    for (auto id : counts->customers_without_phone)
      ids += (ids.empty() ? "" : ", ") + std::to_string(id);
    std::cerr << ctx.text("cli.plan_without_phone", {{"customers", ids}}) << "\n";
  }
  return 0;
}

}  // namespace

void add_plan_commands(CLI::App& app, CliContext& ctx, Action& action) {
  auto* plan = app.add_subcommand("plan", ctx.text("cli.plan_help"));
  plan->require_subcommand(1);
  auto o = std::make_shared<PlanGenerateOptions>();
  auto* gen = plan->add_subcommand("generate", ctx.text("cli.plan_generate_help"));
  gen->add_option("--plan", o->plans, ctx.text("cli.plan_plan_option"));
  gen->add_option("--customer", o->customers, ctx.text("cli.plan_customer_option"));
  gen->add_option("--category", o->categories, ctx.text("cli.plan_category_option"));
  gen->add_option("--from", o->from, ctx.text("cli.plan_from_option"));
  gen->add_option("--to", o->to, ctx.text("cli.plan_to_option"));
  gen->add_flag("--delete-previous", o->delete_previous,
                ctx.text("cli.plan_delete_previous_option"));
  gen->add_flag("--simulate", o->simulate, ctx.text("cli.plan_simulate_option"));
  gen->callback([&, o] { action = [&, o] { return generate(ctx, *o); }; });
}

}  // namespace rapport::cli
