#include "app/portal/portal_password_reset.h"

#include <algorithm>
#include <vector>

#include "app/access.h"
#include "app/crypto.h"
#include "app/portal/portal_mail.h"
#include "domain/settings/installation_settings.h"
#include "store/portal/portal_reset_repository.h"
#include "store/settings/settings_repository.h"
#include "store/users/session_repository.h"
#include "store/users/user_repository.h"

namespace rapport::app {
namespace {

struct ResetToSend {
  domain::User user;
  std::string token;
};

Result<store::PortalReset> live_reset(store::Tx& tx, const std::string& token, Instant now) {
  if (token.empty() || token.size() > 200) return Error::not_found("portal.reset_invalid");
  auto r = store::PortalResetRepository::of_token(tx, hash_token(token));
  if (!r || r->used_at || !r->expires_at) return Error::not_found("portal.reset_invalid");
  if (*r->expires_at <= now) return Error::not_found("portal.reset_expired");
  return *r;
}

}  // namespace

Status PortalPasswordReset::request(const std::string& typed, const std::string& base_url) {
  std::string email = typed;
  email.erase(0, email.find_first_not_of(" \t"));
  email.erase(email.find_last_not_of(" \t") + 1);
  if (email.size() > 254 || !domain::looks_like_email(email))
    return Error::invalid("field.email_invalid", "email");
  std::transform(email.begin(), email.end(), email.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const Instant now = clock_.now();
  domain::InstallationSettings settings;
  std::vector<ResetToSend> to_send;
  auto made = db_.write([&](store::Tx& tx) -> Status {
    const auto count = store::LoginThrottleRepository::count_attempt(
        tx, "portal-reset:" + email, now, now - std::chrono::hours(1));
    if (count.attempts > kPasswordResetsPerHour) return Ok{};
    settings = store::SettingsRepository::load(tx);
    for (auto id : store::PortalResetRepository::users_of_email(tx, email)) {
      auto user = store::UserRepository::find(tx, id);
      if (!user || !user->active) continue;
      ResetToSend r{std::move(*user), random_token(32)};
      store::PortalResetRepository::set(tx, id, hash_token(r.token), now + kPasswordResetValidity);
      to_send.push_back(std::move(r));
    }
    return Ok{};
  });
  if (!made) return made.error();
  for (const auto& r : to_send) {
    PortalMail mail;
    mail.to = email;
    mail.language = r.user.language;
    mail.subject_key = "portal.reset_subject";
    mail.about_key = "portal.mail.reset";
    mail.link_key = "portal.mail.reset_link";
    mail.link = base_url + "/portal/password-reset/" + r.token;
    mail.last_key = "portal.mail.reset_ignore";
    mail.args = {{"name", r.user.display_name},
                 {"company", settings.company_name},
                 {"login", r.user.login},
                 {"hours", std::to_string(kPasswordResetValidity.count())}};
    // Logged by send_portal_mail; the answer stays the same.
    (void)send_portal_mail(catalog_, settings, mail, clock_.now());
  }
  return Ok{};
}

Result<domain::User> PortalPasswordReset::user_of(const std::string& token) {
  const Instant now = clock_.now();
  return db_.read([&](store::Tx& tx) -> Result<domain::User> {
    auto r = live_reset(tx, token, now);
    if (!r) return r.error();
    return store::UserRepository::find(tx, r->user);
  });
}

Result<domain::User> PortalPasswordReset::reset(const std::string& token,
                                                const std::string& password) {
  if (auto bad = domain::validate_password(password)) return *bad;
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<domain::User> {
    auto r = live_reset(tx, token, now);
    if (!r) return r.error();
    auto user = store::UserRepository::find(tx, r->user);
    if (!user) return user.error();
    if (!user->active) return Error::not_found("portal.reset_invalid");
    if (!store::PortalResetRepository::use(tx, r->user, now))
      return Error::not_found("portal.reset_invalid");
    if (auto set =
            store::UserRepository::set_password_hash(tx, r->user, *hash, actor_of(*user), now);
        !set)
      return set.error();
    store::SessionRepository::remove_for_user(tx, r->user);
    return std::move(*user);
  });
}

}  // namespace rapport::app
