// rapport migrate, rapport demo.
#include <iostream>

#include "app/demo_data.h"
#include "cli/commands.h"
#include "store/migrations.h"

namespace rapport::cli {
namespace {

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

int run_demo(CliContext& ctx) {
  auto db = ctx.open_database();
  if (!db) return 3;
  if (auto current = store::check_schema_current(*db); !current) return ctx.fail(current.error());
  auto report = app::load_demo_data(*db, ctx.clock);
  if (!report) return ctx.fail(report.error());
  if (report->already_loaded)
    std::cout << ctx.text("cli.demo_present") << "\n";
  else
    std::cout << ctx.text("cli.demo_loaded", {{"users", std::to_string(report->users_created)}})
              << "\n";
  return 0;
}

}  // namespace

void add_database_commands(CLI::App& app, CliContext& ctx, Action& action) {
  auto* migrate = app.add_subcommand("migrate", ctx.text("cli.migrate_help"));
  migrate->callback([&] { action = [&] { return run_migrate(ctx); }; });
  auto* demo = app.add_subcommand("demo", ctx.text("cli.demo_help"));
  demo->callback([&] { action = [&] { return run_demo(ctx); }; });
}

}  // namespace rapport::cli
