#include "store/contactplan/contact_info_row.h"

#include "store/row_values.h"

namespace soci {

using rapport::domain::ContactInfo;
using namespace rapport::store;

void type_conversion<ContactInfo>::from_base(const values& v, indicator, ContactInfo& i) {
  namespace domain = rapport::domain;
  i.id = rapport::Id<ContactInfo>{int64_of(v, "id")};
  i.plan = rapport::Id<domain::ContactPlan>{int64_of(v, "plan_id")};
  i.customer = int64_of(v, "customer_id");
  i.contact = optional_int64_of(v, "contact_id");
  i.phone_e164 = text_of(v, "phone_e164");
  i.time_zone = text_of(v, "time_zone");
  i.earliest = int_of(v, "earliest");
  i.latest = int_of(v, "latest");
  i.method =
      domain::contact_method_from(text_of(v, "method")).value_or(domain::ContactMethod::phone);
  i.sequence = int_of(v, "sequence");
  i.note = text_of(v, "note");
  i.version = int64_of(v, "version");
}

void type_conversion<ContactInfo>::to_base(const ContactInfo& i, values& v, indicator& ind) {
  namespace domain = rapport::domain;
  v.set("id", static_cast<long long>(i.id.value));
  v.set("plan_id", static_cast<long long>(i.plan.value));
  v.set("customer_id", static_cast<long long>(i.customer));
  set_optional_int64(v, "contact_id", i.contact);
  v.set("phone_e164", i.phone_e164);
  v.set("time_zone", i.time_zone);
  v.set("earliest", i.earliest);
  v.set("latest", i.latest);
  v.set("method", std::string(domain::to_code(i.method)));
  v.set("sequence", i.sequence);
  v.set("note", i.note);
  v.set("version", static_cast<long long>(i.version));
  ind = i_ok;
}

void type_conversion<ContactInfoRow>::from_base(const values& v, indicator ind,
                                                ContactInfoRow& row) {
  type_conversion<ContactInfo>::from_base(v, ind, row.info);
  row.customer_name = text_of(v, "customer_name");
  row.customer_zone = text_of(v, "customer_zone");
  row.plan_code = text_of(v, "plan_code");
  row.plan_name_en = text_of(v, "plan_name_en");
  row.plan_name_fr = text_of(v, "plan_name_fr");
  row.contact_name = text_of(v, "contact_name");
}

}  // namespace soci
