// store/actor_column.h: the user an audited write names in its updated_by
// (or created_by) column — NULL for the system.
#pragma once

#include <soci/soci.h>

#include "store/audit_repository.h"

namespace rapport::store {

inline long long actor_id(const Actor& a, soci::indicator& ind) {
  ind = a.user ? soci::i_ok : soci::i_null;
  return a.user ? a.user->value : 0;
}

}  // namespace rapport::store
