// store/customers/customer_class_repository.h: the configurable list of customer
// classes (residential, commercial…).
#pragma once

#include <string>
#include <vector>

#include "domain/marketing/question.h"
#include "store/database.h"

namespace rapport::store {

class CustomerClassRepository {
 public:
  // The codes of the classes in use, in code order.
  static std::vector<std::string> active_codes(Tx& tx);
  // The same with their English and French labels.
  static std::vector<domain::ListChoice> active_choices(Tx& tx);
  // The groups a contact-plan batch may select customers by: the active
  // class codes and the categories customers carry.
  static std::vector<std::string> known_groups(Tx& tx);
};

}  // namespace rapport::store
