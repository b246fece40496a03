// store/portal/portal_repository.h: portal users — which customer and
// contact a customer-role user is bound to — and their invitation tokens
// (hashes only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::store {

struct PortalBinding {
  Id<domain::User> user;
  std::int64_t customer = 0;
  std::int64_t contact = 0;
  std::optional<Instant> invitation_expires_at;
  std::optional<Instant> invitation_used_at;
};

class PortalRepository {
 public:
  static std::optional<PortalBinding> of_user(Tx& tx, Id<domain::User> user);
  static std::optional<PortalBinding> of_contact(Tx& tx, std::int64_t contact);
  // The binding whose invitation has this hash (used or not, expired or not).
  static std::optional<PortalBinding> of_invitation(Tx& tx, const std::string& token_hash);
  static void insert(Tx& tx, Id<domain::User> user, std::int64_t customer, std::int64_t contact,
                     Instant now);
  // Replaces the user's invitation: the old token stops working.
  static void set_invitation(Tx& tx, Id<domain::User> user, const std::string& token_hash,
                             Instant expires_at, Instant now);
  // Marks the invitation used if it still is not; false when it already was.
  static bool use_invitation(Tx& tx, Id<domain::User> user, Instant now);
};

}  // namespace rapport::store
