// app/demo/demo_customers.h: demonstration customers — realistic and
// reproducible — in France, Ontario, Québec, the United Kingdom and the
// United States.
//
// Customer number i (0-based) depends only on the seed, i and the day it is
// made (dates are relative to it): the same seed gives the same names,
// addresses and numbers, and growing a database from 300 to 1,000 customers
// adds numbers 300 to 999, the very ones a fresh load of 1,000 makes. Names
// carry accents (Hélène, Loïc, Zoé, Lefèvre, Côté); addresses have the
// postal codes of their towns; phone numbers are valid for their country
// (libphonenumber) and distinct between customers; French and Québec
// customers speak French, the others English. One in ten is a company,
// with one or two contacts. Each has an account, a premise with one or two
// service points (electricity meter, gas meter, broadband line), most have
// service agreements, and about a third have calls and notes in their
// history.
//
// Numbers 0 and 1 are the two customers the README and the browser tests
// use: Hélène Dupré, 12 rue Victor-Hugo, 69002 Lyon, 06 12 34 56 78,
// helene.dupre@exemple.fr; and Robert Tremblay, 250 Front St W, Toronto ON
// M5V 3L9, +1 416 555 0142, robert.tremblay@example.ca.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.h"
#include "core/time.h"
#include "store/customers/customer_bulk_loader.h"
#include "store/database.h"

namespace rapport::app {

constexpr std::uint64_t kDemoSeed = 20261123;
constexpr long long kMaxDemoCustomers = 1'000'000;

// The CSRs the demo interactions are logged by, in the customer's language.
struct DemoStaff {
  std::optional<Id<domain::User>> english;
  std::string english_name = "Sam Carter";
  std::optional<Id<domain::User>> french;
  std::string french_name = "Camille Lefèvre";
};

class DemoCustomerGenerator {
 public:
  // `today`: the day the data is made; birth dates, account start dates and
  // interactions lie before it.
  DemoCustomerGenerator(std::uint64_t seed, CivilDate today, DemoStaff staff = {});

  // Customer number `index` and what it owns, ids not yet assigned.
  // Thread-safe. Requires: 0 <= index < kMaxDemoCustomers.
  store::CustomerBundle make(std::int64_t index) const;

 private:
  std::string folded(std::string_view name) const;  // "Le Gall" → "le-gall", for e-mails

  std::uint64_t seed_;
  CivilDate today_;
  DemoStaff staff_;
  std::unordered_map<std::string_view, std::string> folded_;
};

// After each transaction is committed: how many customers were added so
// far, of how many to add.
using DemoProgress = std::function<void(long long added, long long to_add)>;

struct DemoCustomerOptions {
  long long customers = 300;  // how many the database should hold
  std::uint64_t seed = kDemoSeed;
  // Customers per transaction (generated 5,000 at a time). Large: SQLite
  // rewrites the touched pages of its indexes at each commit.
  int batch_size = 50'000;
  DemoProgress progress;
};

// Adds demonstration customers until the database holds
// `options.customers`: numbers count … customers − 1, where count is how many
// customers it holds already (so a second run adds nothing). Returns how
// many were added. Customers are generated on a second thread while the
// previous ones are written. Errors: invalid_input ("demo.customers_invalid"
// when customers is outside 0 … kMaxDemoCustomers), unavailable, internal.
Result<long long> add_demo_customers(store::Database& db, const Clock& clock,
                                     const DemoCustomerOptions& options, const DemoStaff& staff);

}  // namespace rapport::app
