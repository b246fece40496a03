// rapport: the server and its operator commands.
#include <cstdlib>
#include <iostream>

#include <spdlog/spdlog.h>

#include "app/crypto.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace rapport;
  cli::CliContext ctx;
  ctx.language = language_from_environment();
  try {
    ctx.catalog = std::make_unique<i18n::Catalog>(cli::locale_dir());
  } catch (const std::exception& e) {
    std::cerr << "rapport: cannot load message catalogs from " << cli::locale_dir() << ": "
              << e.what() << "\n";
    return 1;
  }
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
  if (auto ok = app::init_crypto(); !ok) return ctx.fail(ok.error());

  const char* env_db = std::getenv("RAPPORT_DB");
  ctx.db_url = env_db && *env_db ? env_db : "sqlite:var/rapport.db";

  CLI::App app{ctx.text("cli.description"), "rapport"};
  app.require_subcommand(1);
  app.add_option("--db", ctx.db_url, ctx.text("cli.db_option"))->envname("RAPPORT_DB");
  cli::Action action;
  cli::add_serve_command(app, ctx, action);
  cli::add_database_commands(app, ctx, action);
  cli::add_user_commands(app, ctx, action);
  cli::add_token_commands(app, ctx, action);
  cli::add_import_commands(app, ctx, action);
  cli::add_plan_commands(app, ctx, action);
  cli::add_backup_commands(app, ctx, action);
  cli::add_routes_command(app, ctx, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    return action ? action() : 0;
  } catch (const std::exception& e) {
    // Last resort: a bug, reported without a stack trace.
    return ctx.fail(Error::internal(e.what()));
  }
}
