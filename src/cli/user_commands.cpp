// rapport user add|passwd|list.
#include <iostream>

#include <unistd.h>

#include "app/users/user_desk.h"
#include "cli/commands.h"
#include "store/migrations.h"

namespace rapport::cli {
namespace {

struct UserOptions {
  std::string login;
  std::string name;
  std::string roles = "csr";
  std::string language = "en";
  std::string time_zone = "Europe/Paris";
  std::string password;
};

// The password from --password, else one line of standard input (a
// terminal is asked without echo being avoided: use --password in scripts).
std::string read_password(const CliContext& ctx, const std::string& given) {
  if (!given.empty()) return given;
  if (isatty(STDIN_FILENO)) std::cerr << ctx.text("cli.password_prompt") << " ";
  std::string line;
  std::getline(std::cin, line);
  return line;
}

std::unique_ptr<store::Database> open_current(CliContext& ctx) {
  auto db = ctx.open_database();
  if (!db) return nullptr;
  if (auto current = store::check_schema_current(*db); !current) {
    ctx.fail(current.error());
    return nullptr;
  }
  return db;
}

int add_user(CliContext& ctx, const UserOptions& o) {
  auto db = open_current(ctx);
  if (!db) return 3;
  domain::User u;
  u.login = o.login;
  u.display_name = o.name.empty() ? o.login : o.name;
  auto roles = domain::parse_roles(o.roles);
  if (!roles) return ctx.fail(roles.error());
  u.roles = *roles;
  auto lang = parse_language(o.language);
  if (!lang) return ctx.fail(Error::invalid("language.unknown", "language"));
  u.language = *lang;
  u.time_zone = o.time_zone;
  app::UserDesk desk(*db, ctx.clock);
  auto created = desk.create_as_system(u, read_password(ctx, o.password));
  if (!created) return ctx.fail(created.error());
  std::cout << ctx.text("cli.user_added", {{"login", created->login}}) << "\n";
  return 0;
}

int change_password(CliContext& ctx, const UserOptions& o) {
  auto db = open_current(ctx);
  if (!db) return 3;
  app::UserDesk desk(*db, ctx.clock);
  if (auto done = desk.set_password_as_system(o.login, read_password(ctx, o.password)); !done)
    return ctx.fail(done.error());
  std::cout << ctx.text("cli.password_changed", {{"login", o.login}}) << "\n";
  return 0;
}

int list_users(CliContext& ctx) {
  auto db = open_current(ctx);
  if (!db) return 3;
  app::UserDesk desk(*db, ctx.clock);
  std::int64_t after = 0;
  for (;;) {
    auto page = desk.list_as_system(after, app::kMaxPageSize);
    if (!page) return ctx.fail(page.error());
    for (const auto& u : page->users)
      std::cout << u.login << "\t" << u.display_name << "\t" << domain::join_roles(u.roles) << "\t"
                << code(u.language) << "\t" << u.time_zone << "\t"
                << (u.active ? ctx.text("user.active") : ctx.text("user.inactive")) << "\n";
    if (!page->next_after) break;
    after = *page->next_after;
  }
  return 0;
}

}  // namespace

void add_user_commands(CLI::App& app, CliContext& ctx, Action& action) {
  auto* user = app.add_subcommand("user", ctx.text("cli.user_help"));
  user->require_subcommand(1);
  auto options = std::make_shared<UserOptions>();

  auto* add = user->add_subcommand("add", ctx.text("cli.user_add_help"));
  add->add_option("login", options->login, ctx.text("cli.login_option"))->required();
  add->add_option("--name", options->name, ctx.text("cli.name_option"));
  add->add_option("--roles", options->roles, ctx.text("cli.roles_option"));
  add->add_option("--language", options->language, ctx.text("cli.language_option"));
  add->add_option("--time-zone", options->time_zone, ctx.text("cli.time_zone_option"));
  add->add_option("--password", options->password, ctx.text("cli.password_option"));
  add->callback([&, options] { action = [&, options] { return add_user(ctx, *options); }; });

  auto* passwd = user->add_subcommand("passwd", ctx.text("cli.user_passwd_help"));
  passwd->add_option("login", options->login, ctx.text("cli.login_option"))->required();
  passwd->add_option("--password", options->password, ctx.text("cli.password_option"));
  passwd->callback(
      [&, options] { action = [&, options] { return change_password(ctx, *options); }; });

  auto* list = user->add_subcommand("list", ctx.text("cli.user_list_help"));
  list->callback([&] { action = [&] { return list_users(ctx); }; });
}

}  // namespace rapport::cli
