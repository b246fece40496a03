// app/customers/possible_duplicates.h: the one rule for "this caller may
// already be a customer" — the same phone, the same e-mail, or the same name
// at the same postal code — that Add customer and a service order's new
// prospect both apply before anything is created.
#pragma once

#include <string>
#include <vector>

#include "domain/customers/customer.h"
#include "store/database.h"

namespace rapport::app {

struct DuplicateCandidate {
  domain::Customer customer;
  std::vector<std::string> reasons;  // phone, email, name_postal_code
};

// The stored customers `proposed` may be a duplicate of, each with why.
std::vector<DuplicateCandidate> possible_duplicates(store::Tx& tx,
                                                    const domain::Customer& proposed);

}  // namespace rapport::app
