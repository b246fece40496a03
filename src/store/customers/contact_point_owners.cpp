#include "store/customers/contact_point_owners.h"

#include <soci/soci.h>

#include "store/dialect.h"
#include "store/row_values.h"

namespace rapport::store {
namespace {

void find_owners(Tx& tx, const char* table, const char* column,
                 const std::vector<std::string>& keys,
                 std::unordered_map<std::string, ContactPointOwner>& out) {
  if (keys.empty()) return;
  const std::string list = json_text_array(keys);
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT x." << column << ", c.id, c.display_name FROM " << table
                        << " x JOIN customers c ON c.id = x.customer_id WHERE x." << column
                        << " IN (" << json_text_values(tx.dialect(), ":keys") << ") ORDER BY x.id",
       soci::use(list, "keys"));
  for (const auto& r : rs)
    out.try_emplace(text_at(r, 0), ContactPointOwner{int64_at(r, 1), text_at(r, 2)});
}

}  // namespace

ContactPointOwners contact_point_owners(Tx& tx, const std::vector<std::string>& phones,
                                        const std::vector<std::string>& email_keys) {
  ContactPointOwners owners;
  find_owners(tx, "customer_phones", "e164", phones, owners.by_phone);
  find_owners(tx, "customer_emails", "address_key", email_keys, owners.by_email_key);
  return owners;
}

}  // namespace rapport::store
