// rapport backup FILE, rapport restore FILE: an online copy of a SQLite
// database while servers run, and the way back (store/backup.h).
#include <chrono>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "i18n/format.h"
#include "store/backup.h"

namespace rapport::cli {
namespace {

std::string size_text(Language lang, std::int64_t bytes) {
  return i18n::format_integer(lang, (bytes + 1023) / 1024);
}

int run_backup(CliContext& ctx, const std::string& file) {
  auto url = store::parse_database_url(ctx.db_url);
  if (!url) return ctx.fail(url.error());
  const auto started = std::chrono::steady_clock::now();
  auto done = store::backup_database(*url, file);
  if (!done) return ctx.fail(done.error());
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  std::cout << ctx.text("cli.backup_done", {{"file", file},
                                            {"kib", size_text(ctx.language, done->bytes)},
                                            {"ms", i18n::format_integer(ctx.language, ms)}})
            << "\n";
  return 0;
}

int run_restore(CliContext& ctx, const std::string& file) {
  auto url = store::parse_database_url(ctx.db_url);
  if (!url) return ctx.fail(url.error());
  auto done = store::restore_database(file, *url);
  if (!done) return ctx.fail(done.error());
  std::cout << ctx.text("cli.restore_done", {{"file", file},
                                             {"database", url->display},
                                             {"kib", size_text(ctx.language, done->bytes)}})
            << "\n";
  return 0;
}

}  // namespace

void add_backup_commands(CLI::App& app, CliContext& ctx, Action& action) {
  auto backup_file = std::make_shared<std::string>();
  auto* backup = app.add_subcommand("backup", ctx.text("cli.backup_help"));
  backup->add_option("file", *backup_file, ctx.text("cli.backup_file_option"))->required();
  backup->callback([&ctx, &action, backup_file] {
    action = [&ctx, backup_file] { return run_backup(ctx, *backup_file); };
  });
  auto restore_file = std::make_shared<std::string>();
  auto* restore = app.add_subcommand("restore", ctx.text("cli.restore_help"));
  restore->add_option("file", *restore_file, ctx.text("cli.restore_file_option"))->required();
  restore->callback([&ctx, &action, restore_file] {
    action = [&ctx, restore_file] { return run_restore(ctx, *restore_file); };
  });
}

}  // namespace rapport::cli
