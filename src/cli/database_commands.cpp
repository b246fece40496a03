// rapport migrate, rapport demo.
#include <chrono>
#include <iostream>
#include <memory>

#include "app/demo/demo_data.h"
#include "cli/commands.h"
#include "i18n/format.h"
#include "store/migrations.h"

namespace rapport::cli {
namespace {

// Progress lines of `rapport demo --customers N`, one per this many customers.
constexpr long long kProgressEvery = 50'000;

struct DemoArgs {
  long long customers = 300;
  long long products = 0;
};

int run_migrate(CliContext& ctx) {
  auto db = ctx.open_database();
  if (!db) return 3;
  auto applied = store::migrate(*db);
  if (!applied) return ctx.fail(applied.error());
  auto state = store::schema_state(*db);
  if (!state) return ctx.fail(state.error());
  std::cout << ctx.text("cli.migrated", {{"count", std::to_string(*applied)},
                                         {"version", std::to_string(state->database)}})
            << "\n";
  return 0;
}

// "93.4" / "93,4": seconds with one decimal, as the user's language writes them.
std::string seconds_text(Language lang, std::chrono::steady_clock::duration d) {
  const auto tenths = std::chrono::duration_cast<std::chrono::milliseconds>(d).count() / 100;
  return i18n::format_integer(lang, tenths / 10) + (lang == Language::fr ? "," : ".") +
         std::to_string(tenths % 10);
}

int run_demo(CliContext& ctx, const DemoArgs& args) {
  auto db = ctx.open_database();
  if (!db) return 3;
  if (auto current = store::check_schema_current(*db); !current) return ctx.fail(current.error());
  const auto started = std::chrono::steady_clock::now();
  app::DemoOptions options;
  options.catalog = ctx.catalog.get();
  options.customers = args.customers;
  options.products = args.products;
  long long next_line = kProgressEvery;
  options.progress = [&](long long added, long long to_add) {
    if (added < next_line || added == to_add) return;
    next_line = (added / kProgressEvery + 1) * kProgressEvery;
    std::cerr << ctx.text("cli.demo_customers_progress",
                          {{"added", i18n::format_integer(ctx.language, added)},
                           {"total", i18n::format_integer(ctx.language, to_add)},
                           {"seconds", seconds_text(ctx.language,
                                                    std::chrono::steady_clock::now() - started)}})
              << std::endl;
  };
  auto report = app::load_demo_data(*db, ctx.clock, options);
  if (!report) return ctx.fail(report.error());
  if (report->already_loaded) {
    std::cout << ctx.text("cli.demo_present") << "\n";
    return 0;
  }
  if (report->users_created > 0)
    std::cout << ctx.text("cli.demo_loaded", {{"users", std::to_string(report->users_created)}})
              << "\n";
  if (report->customers_created > 0)
    std::cout << ctx.text("cli.demo_customers_loaded",
                          {{"count", i18n::format_integer(ctx.language, report->customers_created)},
                           {"seconds", seconds_text(ctx.language,
                                                    std::chrono::steady_clock::now() - started)}})
              << "\n";
  if (report->campaigns_created > 0)
    std::cout << ctx.text("cli.demo_campaigns_loaded",
                          {{"campaigns", std::to_string(report->campaigns_created)},
                           {"orders", std::to_string(report->service_orders_created)}})
              << "\n";
  if (report->products_created > 0)
    std::cout << ctx.text(
                     "cli.demo_sales_loaded",
                     {{"products", i18n::format_integer(ctx.language, report->products_created)},
                      {"orders", std::to_string(report->sales_orders_created)},
                      {"assets", std::to_string(report->assets_created)}})
              << "\n";
  if (report->quotes_created > 0)
    std::cout << ctx.text("cli.demo_quotes_loaded",
                          {{"quotes", std::to_string(report->quotes_created)}})
              << "\n";
  if (report->portal_users_created > 0)
    std::cout << ctx.text("cli.demo_portal_loaded",
                          {{"count", std::to_string(report->portal_users_created)}})
              << "\n";
  return 0;
}

}  // namespace

void add_database_commands(CLI::App& app, CliContext& ctx, Action& action) {
  auto* migrate = app.add_subcommand("migrate", ctx.text("cli.migrate_help"));
  migrate->callback([&] { action = [&] { return run_migrate(ctx); }; });
  auto args = std::make_shared<DemoArgs>();
  auto* demo = app.add_subcommand("demo", ctx.text("cli.demo_help"));
  demo->add_option("--customers", args->customers, ctx.text("cli.demo_customers_option"));
  demo->add_option("--products", args->products, ctx.text("cli.demo_products_option"));
  demo->callback([&ctx, &action, args] { action = [&ctx, args] { return run_demo(ctx, *args); }; });
}

}  // namespace rapport::cli
