// rapport import customers FILE [--skip-bad-rows].
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/customers/customer_import.h"
#include "cli/commands.h"
#include "i18n/format.h"
#include "store/migrations.h"

namespace rapport::cli {
namespace {

struct ImportCliOptions {
  std::string file;
  bool skip_bad_rows = false;
};

std::string number(const CliContext& ctx, std::uint64_t n) {
  return i18n::format_integer(ctx.language, static_cast<std::int64_t>(n));
}

// Bad cells and skipped rows, one a line, the first `limit` of them.
void print_problems(const CliContext& ctx, const std::vector<app::ImportProblem>& problems,
                    std::size_t total, std::size_t limit) {
  for (std::size_t i = 0; i < problems.size() && i < limit; ++i) {
    const auto& p = problems[i];
    MessageArgs args{{"line", std::to_string(p.line)},
                     {"column", p.column},
                     {"message", ctx.catalog->message(ctx.language, p.reason)}};
    std::cerr << ctx.text(p.column.empty() ? "cli.import_row" : "cli.import_cell", args) << "\n";
  }
  const std::size_t shown = std::min(problems.size(), limit);
  if (total > shown)
    std::cerr << ctx.text("cli.import_truncated", {{"shown", number(ctx, shown)}}) << "\n";
}

int import_customers(CliContext& ctx, const ImportCliOptions& o) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(o.file, ec);
  std::ifstream in(o.file, std::ios::binary);
  if (ec || !in)
    return ctx.fail(Error::invalid("import.file_unreadable", "file", {{"file", o.file}}));
  if (size > app::kMaxImportBytes)
    return ctx.fail(Error::invalid("import.file_too_large", "file",
                                   {{"max", std::to_string(app::kMaxImportBytes >> 20)}}));
  auto db = ctx.open_database();
  if (!db) return 3;
  if (auto current = store::check_schema_current(*db); !current) return ctx.fail(current.error());

  app::ImportOptions options;
  options.skip_bad_rows = o.skip_bad_rows;
  // Small files import in a blink: progress only once a file passed the
  // first step (10,000 rows).
  auto progress = [&](const app::ImportProgress& p) {
    if (p.rows < options.progress_every) return true;
    std::cerr << ctx.text("cli.import_progress",
                          {{"rows", number(ctx, p.rows)},
                           {"imported", number(ctx, p.imported)},
                           {"invalid", number(ctx, p.invalid)},
                           {"skipped", number(ctx, p.skipped)},
                           {"percent", std::to_string(size ? p.bytes_read * 100 / size : 100)}})
              << std::endl;
    return true;
  };
  app::CustomerImportDesk desk(*db, ctx.clock);
  auto report = desk.import_customers_as_system(in, options, progress);
  if (!report) return ctx.fail(report.error());
  // Every bad cell matters (the file must be fixed); skipped rows are only
  // a sample of what was already there.
  print_problems(ctx, report->problems, report->problems_total, app::kMaxReportedProblems);
  print_problems(ctx, report->skips, report->skipped, 20);
  if (!report->committed) {
    std::cerr << ctx.text("cli.import_nothing", {{"invalid", number(ctx, report->invalid)}})
              << "\n";
    return 2;
  }
  if (report->stopped) {
    // The chunks committed before the failure stay: say how many.
    const bool cancelled = report->stopped->key == "import.cancelled";
    const int code = cancelled ? 1 : ctx.fail(*report->stopped);
    std::cerr << ctx.text(cancelled ? "import.cancelled_partial" : "import.failed_partial",
                          {{"imported", number(ctx, report->imported)},
                           {"invalid", number(ctx, report->invalid)},
                           {"skipped", number(ctx, report->skipped)}})
              << "\n";
    return code;
  }
  std::cout << ctx.text("cli.import_done", {{"imported", number(ctx, report->imported)},
                                            {"invalid", number(ctx, report->invalid)},
                                            {"skipped", number(ctx, report->skipped)}})
            << "\n";
  return 0;
}

}  // namespace

void add_import_commands(CLI::App& app, CliContext& ctx, Action& action) {
  auto* import = app.add_subcommand("import", ctx.text("cli.import_help"));
  import->require_subcommand(1);
  auto options = std::make_shared<ImportCliOptions>();
  auto* customers = import->add_subcommand(
      "customers",
      ctx.text("cli.import_customers_help", {{"max_rows", number(ctx, app::kMaxImportRows)},
                                             {"max_mb", number(ctx, app::kMaxImportBytes >> 20)}}));
  customers->add_option("file", options->file, ctx.text("cli.import_file_option"))->required();
  customers->add_flag("--skip-bad-rows", options->skip_bad_rows,
                      ctx.text("cli.import_skip_bad_rows_option"));
  customers->callback(
      [&, options] { action = [&, options] { return import_customers(ctx, *options); }; });
}

}  // namespace rapport::cli
