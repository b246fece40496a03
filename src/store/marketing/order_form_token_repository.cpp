#include "store/marketing/order_form_token_repository.h"

#include <soci/soci.h>

namespace rapport::store {

std::optional<FormTokenRow> OrderFormTokenRepository::find(Tx& tx, const std::string& token) {
  long long user = 0, order = 0, version = 0;
  soci::indicator order_ind = soci::i_null;
  tx.sql() << "SELECT user_id, order_id, order_version FROM order_form_tokens WHERE token = :t",
      soci::use(token), soci::into(user), soci::into(order, order_ind), soci::into(version);
  if (!tx.sql().got_data()) return std::nullopt;
  FormTokenRow row;
  row.user_id = user;
  if (order_ind == soci::i_ok) row.order_id = order;
  row.order_version = version;
  return row;
}

void OrderFormTokenRepository::reserve(Tx& tx, const std::string& token, std::int64_t user_id,
                                       Instant now) {
  long long user = user_id;
  std::string when = format_instant(now);
  tx.sql() << "INSERT INTO order_form_tokens (token, user_id, created_at) VALUES (:t, :u, :w)",
      soci::use(token), soci::use(user), soci::use(when);
}

void OrderFormTokenRepository::attach(Tx& tx, const std::string& token, std::int64_t order_id,
                                      std::int64_t order_version) {
  long long order = order_id, version = order_version;
  tx.sql() << "UPDATE order_form_tokens SET order_id = :o, order_version = :v WHERE token = :t",
      soci::use(order), soci::use(version), soci::use(token);
}

void OrderFormTokenRepository::remove_before(Tx& tx, Instant cutoff) {
  std::string when = format_instant(cutoff);
  tx.sql() << "DELETE FROM order_form_tokens WHERE created_at < :c", soci::use(when);
}

}  // namespace rapport::store
