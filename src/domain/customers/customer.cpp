#include "domain/customers/customer.h"

namespace rapport::domain {

std::string Customer::display_name() const {
  if (kind == CustomerKind::company) return company_name;
  if (given_name.empty()) return family_name;
  return family_name + ", " + given_name;
}

}  // namespace rapport::domain
