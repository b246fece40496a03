// store/customer_class_repository.h: the configurable list of customer
// classes (residential, commercial…).
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace rapport::store {

class CustomerClassRepository {
 public:
  // The codes of the classes in use, in code order.
  static std::vector<std::string> active_codes(Tx& tx);
};

}  // namespace rapport::store
