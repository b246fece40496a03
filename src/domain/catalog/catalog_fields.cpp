#include "domain/catalog/catalog_fields.h"

#include "domain/record_code.h"
#include "domain/text_length.h"

namespace rapport::domain {

void check_code_and_names(FieldErrors& e, const std::string& code, std::size_t max_code,
                          const std::string& name_en, const std::string& name_fr,
                          std::size_t max_name, const char* required_key) {
  if (auto bad = check_code(code, max_code, "code")) e.add(*bad);
  if (name_en.empty() && name_fr.empty()) e.add(Error::invalid(required_key, "name_en"));
  check_line(e, name_en, max_name, "name_en");
  check_line(e, name_fr, max_name, "name_fr");
}

void check_period(FieldErrors& e, CivilDate from, const std::optional<CivilDate>& to,
                  const std::string& from_field, const std::string& to_field) {
  if (!from.ok()) e.add(Error::invalid("field.date_invalid", from_field));
  if (!to) return;
  if (!to->ok())
    e.add(Error::invalid("field.date_invalid", to_field));
  else if (from.ok() && *to < from)
    e.add(Error::invalid("field.end_before_start", to_field));
}

}  // namespace rapport::domain
