#include "store/customers/customer_class_repository.h"

#include <soci/soci.h>

namespace rapport::store {

std::vector<std::string> CustomerClassRepository::active_codes(Tx& tx) {
  std::vector<std::string> out;
  soci::rowset<std::string> rs =
      tx.sql().prepare << "SELECT code FROM customer_classes WHERE active = 1 ORDER BY code";
  for (const auto& code : rs) out.push_back(code);
  return out;
}

std::vector<domain::ListChoice> CustomerClassRepository::active_choices(Tx& tx) {
  std::vector<domain::ListChoice> out;
  soci::rowset<soci::row> rs = tx.sql().prepare
                               << "SELECT code, label_en, label_fr FROM customer_classes "
                                  "WHERE active = 1 ORDER BY code";
  for (const auto& r : rs)
    out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2)});
  return out;
}

std::vector<std::string> CustomerClassRepository::known_groups(Tx& tx) {
  std::vector<std::string> out = active_codes(tx);
  soci::rowset<std::string> rs =
      tx.sql().prepare << "SELECT DISTINCT category FROM customers WHERE category <> '' ORDER BY 1";
  for (const auto& code : rs) out.push_back(code);
  return out;
}

}  // namespace rapport::store
