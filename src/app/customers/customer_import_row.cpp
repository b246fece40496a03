#include "app/customers/customer_import_row.h"

#include <algorithm>
#include <cctype>

#include "core/money.h"
#include "domain/customers/codes.h"
#include "domain/customers/customer_rules.h"
#include "domain/customers/phone.h"

namespace rapport::app {
namespace {

constexpr std::array<std::string_view, kImportColumnCount> kNames{"kind",
                                                                  "family_name",
                                                                  "given_name",
                                                                  "company_name",
                                                                  "language",
                                                                  "customer_class",
                                                                  "category",
                                                                  "phone",
                                                                  "phone_type",
                                                                  "email",
                                                                  "line1",
                                                                  "line2",
                                                                  "postal_code",
                                                                  "city",
                                                                  "region",
                                                                  "country",
                                                                  "account_currency",
                                                                  "premise_type",
                                                                  "service_point_type"};

constexpr std::size_t kMaxCode = 40;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A premise or service point type: lower-case letters, digits, underscores.
bool is_code(std::string_view s) {
  return !s.empty() && s.size() <= kMaxCode && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

class Cells {
 public:
  Cells(const ImportHeader& h, const std::vector<std::string>& f, FieldErrors& e)
      : header_(h), fields_(f), errors_(e) {}
  std::string operator[](ImportColumn c) const {
    auto i = header_.index[static_cast<std::size_t>(c)];
    if (!i || *i >= fields_.size()) return {};
    if (auto bad = cell_text_error(fields_[*i], std::string(column_name(c)))) {
      errors_.add(std::move(*bad));
      return {};
    }
    return trim_cell(fields_[*i]);
  }

 private:
  const ImportHeader& header_;
  const std::vector<std::string>& fields_;
  FieldErrors& errors_;
};

void read_codes(const Cells& cell, const ImportDefaults& d, ImportRow& row, FieldErrors& e) {
  auto& c = row.customer;
  if (auto kind = lower(cell[ImportColumn::kind]); !kind.empty()) {
    if (auto k = domain::kind_from(kind))
      c.kind = *k;
    else
      e.add(Error::invalid("customer.kind_invalid", "kind"));
  }
  c.language = d.language;
  if (auto lang = lower(cell[ImportColumn::language]); !lang.empty()) {
    if (auto l = parse_language(lang))
      c.language = *l;
    else
      e.add(Error::invalid("language.unknown", "language"));
  }
  if (auto cls = cell[ImportColumn::customer_class]; !cls.empty()) {
    c.customer_class = cls;
    if (std::find(d.customer_classes.begin(), d.customer_classes.end(), cls) ==
        d.customer_classes.end())
      e.add(Error::invalid("import.customer_class_unknown", "customer_class", {{"value", cls}}));
  }
  row.currency = upper(cell[ImportColumn::account_currency]);
  if (row.currency.empty())
    row.currency = d.currency;
  else if (!is_known_currency(row.currency))
    e.add(Error::invalid("settings.currency_invalid", "account_currency"));
  row.premise_type = cell[ImportColumn::premise_type];
  if (row.premise_type.empty())
    row.premise_type = "house";
  else if (!is_code(row.premise_type))
    e.add(Error::invalid("import.code_invalid", "premise_type", {{"value", row.premise_type}}));
  row.service_point_type = cell[ImportColumn::service_point_type];
  if (!row.service_point_type.empty() && !is_code(row.service_point_type))
    e.add(Error::invalid("import.code_invalid", "service_point_type",
                         {{"value", row.service_point_type}}));
}

void read_phone(const Cells& cell, ImportRow& row, FieldErrors& e) {
  auto& c = row.customer;
  auto type = domain::PhoneType::mobile;
  if (auto t = lower(cell[ImportColumn::phone_type]); !t.empty()) {
    if (auto parsed = domain::phone_type_from(t))
      type = *parsed;
    else
      e.add(Error::invalid("phone.type_invalid", "phone_type"));
  }
  if (auto typed = cell[ImportColumn::phone]; !typed.empty()) {
    auto phone = domain::parse_phone(typed, c.address.country);
    if (phone)
      c.phones.push_back({type, phone->e164, true});
    else
      e.add(phone.error());
  }
}

}  // namespace

std::string_view column_name(ImportColumn c) { return kNames[static_cast<std::size_t>(c)]; }

bool is_required(ImportColumn c) {
  using C = ImportColumn;
  for (C r : {C::kind, C::family_name, C::given_name, C::company_name, C::phone, C::email, C::line1,
              C::postal_code, C::city, C::country})
    if (r == c) return true;
  return false;
}

Result<ImportHeader> read_import_header(const std::vector<std::string>& names) {
  std::array<ImportColumnSpec, kImportColumnCount> known;
  for (std::size_t c = 0; c < kImportColumnCount; ++c)
    known[c] = {kNames[c], is_required(static_cast<ImportColumn>(c))};
  auto index = read_import_columns(names, known);
  if (!index) return index.error();
  ImportHeader h;
  h.width = names.size();
  std::copy(index->begin(), index->end(), h.index.begin());
  return h;
}

ImportRow read_import_row(const ImportHeader& header, const std::vector<std::string>& fields,
                          const ImportDefaults& defaults, FieldErrors& errors) {
  ImportRow row;
  if (fields.size() != header.width) {
    errors.add(Error::invalid(
        "import.field_count", {},
        {{"expected", std::to_string(header.width)}, {"found", std::to_string(fields.size())}}));
    return row;
  }
  Cells cell(header, fields, errors);
  auto& c = row.customer;
  c.family_name = cell[ImportColumn::family_name];
  c.given_name = cell[ImportColumn::given_name];
  c.company_name = cell[ImportColumn::company_name];
  c.category = cell[ImportColumn::category];
  c.address = {cell[ImportColumn::line1],       cell[ImportColumn::line2],
               cell[ImportColumn::postal_code], cell[ImportColumn::city],
               cell[ImportColumn::region],      upper(cell[ImportColumn::country])};
  if (c.address.country.empty()) c.address.country = defaults.country;
  if (auto email = cell[ImportColumn::email]; !email.empty()) c.emails.push_back(email);
  read_codes(cell, defaults, row, errors);
  read_phone(cell, row, errors);
  for (auto& e : domain::validate_customer(c).errors) errors.add(std::move(e));
  return row;
}

}  // namespace rapport::app
