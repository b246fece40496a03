// cli/cli_context.h: what every command shares — the database URL, the
// message catalog in the user's language (LANG), and printing errors.
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "i18n/catalog.h"
#include "store/database.h"

namespace rapport::cli {

struct CliContext {
  std::string db_url;  // --db or RAPPORT_DB, default sqlite:var/rapport.db
  Language language = Language::en;
  std::unique_ptr<i18n::Catalog> catalog;
  SystemClock clock;

  // The message for `key` in the user's language.
  std::string text(std::string_view key, const MessageArgs& args = {}) const;
  // Prints the error in the user's language (and its detail) to stderr;
  // returns the exit code for it.
  int fail(const Error& error) const;
  // Opens the database; prints the error and returns null on failure.
  std::unique_ptr<store::Database> open_database(std::size_t pool_size = 2) const;
};

// Where the compiled catalogs, templates and static files are: the
// RAPPORT_LOCALE_DIR / RAPPORT_SHARE variables, else the build's own paths.
std::string locale_dir();
std::string share_dir();

}  // namespace rapport::cli
