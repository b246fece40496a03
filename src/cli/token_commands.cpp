// rapport token create|revoke|list.
#include <iostream>

#include "app/users/token_desk.h"
#include "cli/commands.h"
#include "store/migrations.h"

namespace rapport::cli {
namespace {

struct TokenOptions {
  std::string login;
  std::string name = "api";
  std::string which;  // id or prefix to revoke
};

int create_token(CliContext& ctx, const TokenOptions& o) {
  auto db = ctx.open_database();
  if (!db) return 3;
  if (auto current = store::check_schema_current(*db); !current) return ctx.fail(current.error());
  app::TokenDesk desk(*db, ctx.clock);
  auto created = desk.create(o.login, o.name);
  if (!created) return ctx.fail(created.error());
  // The secret alone on stdout, so scripts can capture it; the notice on stderr.
  std::cerr << ctx.text("cli.token_created",
                        {{"login", o.login}, {"id", std::to_string(created->row.id.value)}})
            << "\n";
  std::cout << created->token << "\n";
  return 0;
}

int revoke_token(CliContext& ctx, const TokenOptions& o) {
  auto db = ctx.open_database();
  if (!db) return 3;
  app::TokenDesk desk(*db, ctx.clock);
  auto n = desk.revoke(o.which);
  if (!n) return ctx.fail(n.error());
  std::cout << ctx.text("cli.token_revoked", {{"count", std::to_string(*n)}}) << "\n";
  return 0;
}

int list_tokens(CliContext& ctx) {
  auto db = ctx.open_database();
  if (!db) return 3;
  app::TokenDesk desk(*db, ctx.clock);
  auto rows = desk.list();
  if (!rows) return ctx.fail(rows.error());
  for (const auto& t : *rows)
    std::cout << t.id.value << "\t" << t.prefix << "…\t" << t.user_login << "\t" << t.name << "\t"
              << format_instant(t.created_at) << "\t"
              << (t.revoked_at ? ctx.text("cli.token_state_revoked")
                               : ctx.text("cli.token_state_live"))
              << "\n";
  return 0;
}

}  // namespace

void add_token_commands(CLI::App& app, CliContext& ctx, Action& action) {
  auto* token = app.add_subcommand("token", ctx.text("cli.token_help"));
  token->require_subcommand(1);
  auto options = std::make_shared<TokenOptions>();
  auto* create = token->add_subcommand("create", ctx.text("cli.token_create_help"));
  create->add_option("--user", options->login, ctx.text("cli.login_option"))->required();
  create->add_option("--name", options->name, ctx.text("cli.token_name_option"));
  create->callback([&, options] { action = [&, options] { return create_token(ctx, *options); }; });
  auto* revoke = token->add_subcommand("revoke", ctx.text("cli.token_revoke_help"));
  revoke->add_option("token", options->which, ctx.text("cli.token_which_option"))->required();
  revoke->callback([&, options] { action = [&, options] { return revoke_token(ctx, *options); }; });
  auto* list = token->add_subcommand("list", ctx.text("cli.token_list_help"));
  list->callback([&] { action = [&] { return list_tokens(ctx); }; });
}

}  // namespace rapport::cli
