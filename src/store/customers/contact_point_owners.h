// store/customers/contact_point_owners.h: which stored customers already
// have some phones or e-mails, asked in two queries however many there are.
// A customer import re-checks a whole chunk this way inside the chunk's
// lock, instead of one query per row.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "store/database.h"

namespace rapport::store {

struct ContactPointOwner {
  long long customer = 0;
  std::string display_name;
};

struct ContactPointOwners {
  std::unordered_map<std::string, ContactPointOwner> by_phone;      // E.164 → owner
  std::unordered_map<std::string, ContactPointOwner> by_email_key;  // email_key() → owner
};

// The owner of each of `phones` (E.164) and `email_keys` that is stored; of
// several owners, the one that stored it first.
ContactPointOwners contact_point_owners(Tx& tx, const std::vector<std::string>& phones,
                                        const std::vector<std::string>& email_keys);

}  // namespace rapport::store
