// store/portal/portal_reset_repository.h: portal users' password resets —
// one live token per user (its hash, expiry and use), kept with the user's
// portal binding (migration 0023).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::store {

struct PortalReset {
  Id<domain::User> user;
  std::optional<Instant> expires_at;
  std::optional<Instant> used_at;
};

class PortalResetRepository {
 public:
  // The portal users whose contact has this e-mail address (any case).
  static std::vector<Id<domain::User>> users_of_email(Tx& tx, const std::string& email);
  // Replaces the user's reset token: an older link stops working.
  static void set(Tx& tx, Id<domain::User> user, const std::string& token_hash, Instant expires_at);
  // The reset of this token hash (used or not, expired or not).
  static std::optional<PortalReset> of_token(Tx& tx, const std::string& token_hash);
  // Marks the reset used if it still is not; false when it already was.
  static bool use(Tx& tx, Id<domain::User> user, Instant now);
};

}  // namespace rapport::store
