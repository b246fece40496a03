// store/marketing/order_form_token_repository.h: the one-time tokens of new
// service order forms. The token is the primary key, so two saves of one
// form (on one server or several) cannot both reserve it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"
#include "store/database.h"

namespace rapport::store {

struct FormTokenRow {
  std::int64_t user_id = 0;
  std::optional<std::int64_t> order_id;  // set in the transaction that reserved it
  std::int64_t order_version = 0;        // the order's version that save left
};

class OrderFormTokenRepository {
 public:
  static std::optional<FormTokenRow> find(Tx& tx, const std::string& token);
  // Errors (thrown as a unique violation, a conflict from Database): the
  // token is reserved already — by a concurrent save of the same form.
  static void reserve(Tx& tx, const std::string& token, std::int64_t user_id, Instant now);
  static void attach(Tx& tx, const std::string& token, std::int64_t order_id,
                     std::int64_t order_version);
  static void remove_before(Tx& tx, Instant cutoff);
};

}  // namespace rapport::store
