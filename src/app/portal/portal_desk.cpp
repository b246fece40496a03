#include "app/portal/portal_desk.h"

#include "app/access.h"
#include "app/crypto.h"
#include "app/portal/portal_mail.h"
#include "app/today.h"
#include "domain/quotes/quote.h"
#include "domain/settings/installation_settings.h"
#include "store/customers/contact_repository.h"
#include "store/customers/customer_repository.h"
#include "store/portal/portal_repository.h"
#include "store/quotes/quote_repository.h"
#include "store/sales/sales_order_repository.h"
#include "store/settings/settings_repository.h"
#include "store/users/user_repository.h"

namespace rapport::app {
namespace {

// A login from the contact’s e-mail: ana@example.com gives ana.example.com
// (users' logins are [a-z0-9._-]); the contact's id is added when another
// user has it.
std::string portal_login_from(const std::string& email) {
  std::string out;
  for (char ch : email) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')
      out += c;
    else if (c == '@')
      out += '.';
  }
  if (out.size() > 48) out.resize(48);
  if (out.size() < 2) out = "portal";
  return out;
}

std::string contact_name(const domain::Contact& c) {
  std::string name = c.given_name.empty() ? c.family_name : c.given_name + " " + c.family_name;
  if (name.size() > 100) name.resize(100);
  return name;
}

Error invitation_invalid() { return Error::not_found("portal.invitation_invalid"); }

// The binding of a live invitation token, or why it is refused.
Result<store::PortalBinding> live_invitation(store::Tx& tx, const std::string& token, Instant now) {
  if (token.empty() || token.size() > 200) return invitation_invalid();
  auto b = store::PortalRepository::of_invitation(tx, hash_token(token));
  if (!b || b->invitation_used_at || !b->invitation_expires_at) return invitation_invalid();
  if (*b->invitation_expires_at <= now) return Error::not_found("portal.invitation_expired");
  return *b;
}

}  // namespace

Result<PortalInvitation> PortalDesk::invite(const domain::User& actor, std::int64_t customer,
                                            std::int64_t contact, const std::string& base_url) {
  if (auto ok = require(actor, Capability::edit_customers); !ok) return ok.error();
  const Instant now = clock_.now();
  const std::string token = random_token(32);
  domain::Customer cust;
  domain::InstallationSettings settings;
  auto made = db_.write([&](store::Tx& tx) -> Result<PortalInvitation> {
    auto found = store::CustomerRepository::find(tx, Id<domain::Customer>{customer});
    if (!found) return found.error();
    cust = std::move(*found);
    settings = store::SettingsRepository::load(tx);
    std::optional<domain::Contact> person;
    for (auto& c : store::ContactRepository::of_customer(tx, cust.id))
      if (c.id.value == contact) person = std::move(c);
    if (!person) return Error::not_found();
    if (!domain::looks_like_email(person->email))
      return Error::invalid("portal.contact_no_email", "email");
    domain::User user;
    if (auto bound = store::PortalRepository::of_contact(tx, contact)) {
      auto existing = store::UserRepository::find(tx, bound->user);
      if (!existing) return existing.error();
      user = std::move(*existing);
      if (!user.active) return Error::conflict("portal.user_inactive");
    } else {
      user.login = portal_login_from(person->email);
      if (store::UserRepository::find_by_login(tx, user.login))
        user.login += "-" + std::to_string(contact);
      user.display_name = contact_name(*person);
      if (user.display_name.empty()) user.display_name = user.login;
      user.roles = {domain::Role::customer};
      user.language = cust.language;
      user.time_zone = cust.time_zone.empty() ? settings.time_zone : cust.time_zone;
      if (auto errors = domain::validate_user(user); !errors.empty())
        return Error::invalid("portal.contact_no_email", "email");
      // No usable password until the invitation is accepted: "!" is no hash.
      auto id = store::UserRepository::insert(tx, user, "!", actor_of(actor), now);
      if (!id) return id.error();
      user.id = *id;
      user.version = 1;
      store::PortalRepository::insert(tx, user.id, customer, contact, now);
    }
    const Instant expires = now + kInvitationValidity;
    store::PortalRepository::set_invitation(tx, user.id, hash_token(token), expires, now);
    return PortalInvitation{user, person->email, expires};
  });
  if (!made) return made.error();
  PortalMail mail;
  mail.to = made->email;
  mail.language = cust.language;
  mail.subject_key = "portal.invitation_subject";
  mail.about_key = "portal.mail.invitation";
  mail.link_key = "portal.mail.link";
  mail.link = base_url + "/portal/invitation/" + token;
  mail.last_key = "portal.mail.login";
  mail.args = {{"name", made->user.display_name},
               {"company", settings.company_name},
               {"login", made->user.login},
               {"hours", std::to_string(kInvitationValidity.count())}};
  if (auto sent = send_portal_mail(catalog_, settings, mail, clock_.now()); !sent)
    return sent.error();
  return made;
}

Result<InvitationView> PortalDesk::invitation(const std::string& token) {
  const Instant now = clock_.now();
  return db_.read([&](store::Tx& tx) -> Result<InvitationView> {
    auto b = live_invitation(tx, token, now);
    if (!b) return b.error();
    auto user = store::UserRepository::find(tx, b->user);
    if (!user) return user.error();
    auto cust = store::CustomerRepository::find(tx, Id<domain::Customer>{b->customer});
    if (!cust) return cust.error();
    return InvitationView{std::move(*user), cust->display_name()};
  });
}

Result<domain::User> PortalDesk::accept(const std::string& token, const std::string& password) {
  if (auto bad = domain::validate_password(password)) return *bad;
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<domain::User> {
    auto b = live_invitation(tx, token, now);
    if (!b) return b.error();
    auto user = store::UserRepository::find(tx, b->user);
    if (!user) return user.error();
    if (!store::PortalRepository::use_invitation(tx, b->user, now)) return invitation_invalid();
    if (auto set =
            store::UserRepository::set_password_hash(tx, b->user, *hash, actor_of(*user), now);
        !set)
      return set.error();
    return std::move(*user);
  });
}

Result<PortalHome> PortalDesk::home(const domain::User& customer_user) {
  if (!customer_user.active || !customer_user.has_role(domain::Role::customer))
    return Error::forbidden();
  return db_.read([&](store::Tx& tx) -> Result<PortalHome> {
    auto b = store::PortalRepository::of_user(tx, customer_user.id);
    if (!b) return Error::forbidden();
    auto cust = store::CustomerRepository::find(tx, Id<domain::Customer>{b->customer});
    if (!cust) return cust.error();
    PortalHome home;
    home.customer = std::move(*cust);
    home.assets = store::AssetRepository::of_customer(tx, b->customer);
    const CivilDate today = business_today(clock_, store::SettingsRepository::load(tx));
    for (auto& q : store::QuoteRepository::of_customer(tx, b->customer)) {
      // What PortalCartDesk::quotes shows, and their own cart: a CSR's
      // draft is not sent to the customer yet.
      if (q.status == domain::QuoteStatus::draft && !domain::is_cart(q)) continue;
      QuoteSummary s;
      s.totals = domain::totals_of(q).value_or(domain::OrderTotals{});
      s.state = domain::state_on(q, today);
      s.quote = std::move(q);
      home.quotes.push_back(std::move(s));
    }
    store::SalesOrderFilter filter;
    filter.customer = b->customer;
    filter.limit = 200;
    home.orders = store::SalesOrderRepository::list(tx, filter);
    return home;
  });
}

}  // namespace rapport::app
