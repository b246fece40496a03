// cli/commands.h: the subcommands of `rapport`, each registered on the
// CLI11 app and run after parsing.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"

namespace rapport::cli {

// The action chosen by the command line; returns the process exit code.
using Action = std::function<int()>;

void add_serve_command(CLI::App& app, CliContext& ctx, Action& action);
void add_database_commands(CLI::App& app, CliContext& ctx, Action& action);  // migrate, demo
void add_user_commands(CLI::App& app, CliContext& ctx, Action& action);
void add_token_commands(CLI::App& app, CliContext& ctx, Action& action);
void add_import_commands(CLI::App& app, CliContext& ctx, Action& action);  // import customers
void add_plan_commands(CLI::App& app, CliContext& ctx, Action& action);    // plan generate
void add_backup_commands(CLI::App& app, CliContext& ctx, Action& action);  // backup, restore
void add_routes_command(CLI::App& app, CliContext& ctx, Action& action);   // routes [--json]

}  // namespace rapport::cli
