#include "app/portal/portal_details.h"

#include "app/access.h"
#include "app/customers/customer_desk.h"
#include "domain/customers/phone.h"
#include "store/customers/contact_repository.h"
#include "store/customers/customer_repository.h"
#include "store/customers/interaction_repository.h"
#include "store/portal/portal_repository.h"

namespace rapport::app {

Result<PortalDetails> PortalDetailsDesk::details(const domain::User& customer_user) {
  if (!is_portal_user(customer_user)) return Error::forbidden();
  return db_.read([&](store::Tx& tx) -> Result<PortalDetails> {
    auto binding = store::PortalRepository::of_user(tx, customer_user.id);
    if (!binding) return Error::forbidden();
    auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{binding->customer});
    if (!customer) return customer.error();
    PortalDetails out;
    out.customer = std::move(*customer);
    for (auto& c : store::ContactRepository::of_customer(tx, out.customer.id))
      if (c.id.value == binding->contact) out.contact = std::move(c);
    return out;
  });
}

Result<PortalDetails> PortalDetailsDesk::correct(const domain::User& customer_user,
                                                 const DetailsCorrection& c, FieldErrors* errors) {
  auto current = details(customer_user);
  if (!current) return current.error();
  domain::Customer customer = current->customer;
  customer.version = c.version;
  // The main phone is the typed one; the others stay as they are.
  std::vector<TypedPhone> phones;
  if (!c.phone.empty())
    phones.push_back(
        {customer.phones.empty() ? domain::PhoneType::mobile : customer.phones.front().type,
         c.phone});
  for (std::size_t i = 1; i < customer.phones.size(); ++i)
    phones.push_back({customer.phones[i].type, customer.phones[i].e164});
  if (!customer.emails.empty()) customer.emails.erase(customer.emails.begin());
  if (!c.email.empty()) customer.emails.insert(customer.emails.begin(), c.email);
  customer.address = c.address;
  if (customer.address.country.empty())
    customer.address.country = current->customer.address.country;
  auto saved = CustomerDesk(db_, clock_).update(customer_user, customer, phones, errors);
  if (!saved) return saved.error();
  domain::Interaction web;
  web.customer = saved->id;
  web.at = clock_.now();
  web.user_name = customer_user.display_name;
  web.channel = domain::InteractionChannel::web;
  web.direction = domain::InteractionDirection::inbound;
  web.summary = catalog_.text(saved->language, "portal.details_corrected");
  web.related_type = "customer";
  web.related_id = saved->id.value;
  auto logged = db_.write([&](store::Tx& tx) -> Status {
    store::InteractionRepository::insert(tx, web, actor_of(customer_user));
    return Ok{};
  });
  if (!logged) return logged.error();
  current->customer = std::move(*saved);
  return current;
}

Result<domain::Contact> PortalDetailsDesk::correct_contact(const domain::User& customer_user,
                                                           const ContactCorrection& c) {
  auto current = details(customer_user);
  if (!current) return current.error();
  if (!current->contact.id.value) return Error::not_found("contact.not_found");
  domain::Contact contact = current->contact;
  contact.version = c.version;
  contact.given_name = c.given_name;
  contact.family_name = c.family_name;
  contact.email = c.email;
  return CustomerDesk(db_, clock_).update_contact(customer_user, contact, c.phone);
}

}  // namespace rapport::app
