// app/customers/customer_import_row.h: the columns of a customer import file and one
// row of it read into a customer, an account and a premise — every cell at
// fault named by its column.
//
// Columns (header row required, any order, names case-insensitive):
//   required: kind, family_name, given_name, company_name, phone, email,
//             line1, postal_code, city, country
//   optional: line2, region, language, customer_class, category,
//             phone_type, account_currency, premise_type, service_point_type
// Empty cells take defaults: kind person, language/country/currency of the
// installation, class residential, phone type mobile, premise type house,
// no service point.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/import_file.h"
#include "core/error.h"
#include "core/language.h"
#include "core/result.h"
#include "domain/customers/customer.h"

namespace rapport::app {

enum class ImportColumn {
  kind,
  family_name,
  given_name,
  company_name,
  language,
  customer_class,
  category,
  phone,
  phone_type,
  email,
  line1,
  line2,
  postal_code,
  city,
  region,
  country,
  account_currency,
  premise_type,
  service_point_type,
};
constexpr std::size_t kImportColumnCount = 19;

std::string_view column_name(ImportColumn c);
bool is_required(ImportColumn c);

// Where each column is in the file's records; nullopt when absent.
struct ImportHeader {
  std::array<std::optional<std::size_t>, kImportColumnCount> index;
  std::size_t width = 0;  // the number of fields of the header
};

// Errors: invalid_input with the column in the field and args ("column"):
// "import.column_missing", "import.column_unknown", "import.column_repeated".
Result<ImportHeader> read_import_header(const std::vector<std::string>& names);

// What a row gives when the installation does not.
struct ImportDefaults {
  std::string country = "FR";
  Language language = Language::en;
  std::string currency = "EUR";
  std::vector<std::string> customer_classes;  // the active codes
};

struct ImportRow {
  domain::Customer customer;  // phones in E.164; time zone not chosen yet
  std::string currency;
  std::string premise_type;
  std::string service_point_type;  // empty: none
};

// Reads and validates one record. `errors` receives every cell at fault
// (field = column name; "import.field_count" with no column when the record
// does not have the header's width); the row is usable when it stays empty.
ImportRow read_import_row(const ImportHeader& header, const std::vector<std::string>& fields,
                          const ImportDefaults& defaults, FieldErrors& errors);

}  // namespace rapport::app
