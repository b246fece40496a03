#include "store/customers/customer_row.h"

#include "domain/customers/search_query.h"
#include "store/customers/customer_rows.h"
#include "store/row_values.h"

namespace soci {

using rapport::domain::Customer;
using namespace rapport::store;

void type_conversion<Customer>::from_base(const values& v, indicator, Customer& c) {
  namespace domain = rapport::domain;
  c.id = rapport::Id<Customer>{int64_of(v, "id")};
  c.kind = text_of(v, "kind") == "company" ? domain::CustomerKind::company
                                           : domain::CustomerKind::person;
  c.family_name = text_of(v, "family_name");
  c.given_name = text_of(v, "given_name");
  c.company_name = text_of(v, "company_name");
  c.language = rapport::parse_language(text_of(v, "language")).value_or(rapport::Language::en);
  c.customer_class = text_of(v, "customer_class");
  c.category = text_of(v, "category");
  c.tax_id = text_of(v, "tax_id");
  c.date_of_birth.reset();
  if (auto dob = optional_text_of(v, "date_of_birth")) c.date_of_birth = rapport::parse_date(*dob);
  c.time_zone = text_of(v, "time_zone");
  c.status = text_of(v, "status") == "inactive" ? domain::CustomerStatus::inactive
                                                : domain::CustomerStatus::active;
  c.address = {text_of(v, "line1"), text_of(v, "line2"),  text_of(v, "postal_code"),
               text_of(v, "city"),  text_of(v, "region"), text_of(v, "country")};
  c.version = int64_of(v, "version");
}

void type_conversion<Customer>::to_base(const Customer& c, values& v, indicator& ind) {
  namespace domain = rapport::domain;
  v.set("id", static_cast<long long>(c.id.value));
  v.set("kind", std::string(c.kind == domain::CustomerKind::company ? "company" : "person"));
  v.set("family_name", c.family_name);
  v.set("given_name", c.given_name);
  v.set("company_name", c.company_name);
  v.set("display_name", c.display_name());
  v.set("language", std::string(rapport::code(c.language)));
  v.set("customer_class", c.customer_class);
  v.set("category", c.category);
  v.set("tax_id", c.tax_id);
  set_optional_text(
      v, "date_of_birth",
      c.date_of_birth ? std::optional(rapport::format_date(*c.date_of_birth)) : std::nullopt);
  v.set("time_zone", c.time_zone);
  v.set("status",
        std::string(c.status == domain::CustomerStatus::inactive ? "inactive" : "active"));
  v.set("line1", c.address.line1);
  v.set("line2", c.address.line2);
  v.set("postal_code", c.address.postal_code);
  v.set("city", c.address.city);
  v.set("region", c.address.region);
  v.set("country", c.address.country);
  v.set("postal_key", domain::postal_key(c.address.postal_code));
  v.set("name_key", customer_name_key(c));
  v.set("version", static_cast<long long>(c.version));
  ind = i_ok;
}

}  // namespace soci
