#include "app/customers/customer_desk.h"

#include <algorithm>
#include <cctype>

#include "app/access.h"
#include "app/paging.h"
#include "app/portal/web_interaction.h"
#include "app/today.h"
#include "domain/customers/customer_rules.h"
#include "domain/customers/phone.h"
#include "domain/customers/search_query.h"
#include "domain/customers/search_text.h"
#include "domain/settings/installation_settings.h"
#include "domain/text_length.h"
#include "store/customers/account_repository.h"
#include "store/customers/contact_repository.h"
#include "store/customers/customer_repository.h"
#include "store/customers/customer_search.h"
#include "store/customers/interaction_repository.h"
#include "store/sales/sales_order_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {
namespace {

using domain::Role;

Status may_use_desk(const domain::User& actor) {
  return require(actor, Capability::read_customers);
}

Status may_edit(const domain::User& actor) { return require(actor, Capability::edit_customers); }

bool contains_all(const std::string& haystack, const std::vector<std::string>& words) {
  std::string padded = " " + haystack;
  return std::all_of(words.begin(), words.end(), [&](const std::string& w) {
    return padded.find(" " + w) != std::string::npos;
  });
}

// What made a customer come up for a word search: its name, its city or
// its postal code.
std::string word_match(const domain::Customer& c, const std::vector<std::string>& words) {
  std::string name =
      domain::normalize_for_search(c.family_name + " " + c.given_name + " " + c.company_name);
  if (contains_all(name, words)) return "name";
  if (contains_all(domain::normalize_for_search(c.address.city), words)) return "city";
  if (contains_all(domain::normalize_for_search(c.address.postal_code), words))
    return "postal_code";
  return "name";
}

CustomerView load_view(store::Tx& tx, domain::Customer customer) {
  CustomerView v;
  v.contacts = store::ContactRepository::of_customer(tx, customer.id);
  v.accounts = store::AccountRepository::of_customer(tx, customer.id);
  v.premises = store::PremiseRepository::of_customer(tx, customer.id);
  v.agreements = store::AccountRepository::agreements_of(tx, v.accounts);
  store::SalesOrderFilter orders;
  orders.customer = customer.id.value;
  v.sales_orders = store::SalesOrderRepository::list(tx, orders);
  v.assets = store::AssetRepository::of_customer(tx, customer.id.value);
  v.interactions = store::InteractionRepository::of_customer(tx, customer.id, 100);
  v.history = domain::history_lines(v.interactions);
  if (customer.status == domain::CustomerStatus::inactive)
    for (auto& row : store::AuditRepository::history(tx, "customer", customer.id.value))
      if (row.field == "status_reason") {
        v.inactive_because = std::move(row);
        break;
      }
  v.customer = std::move(customer);
  return v;
}

}  // namespace

Result<std::vector<domain::PhoneEntry>> CustomerDesk::parse_phones(
    const std::vector<TypedPhone>& typed, const std::string& region, FieldErrors& errors) {
  std::vector<domain::PhoneEntry> out;
  for (const auto& t : typed) {
    if (t.text.empty()) continue;
    auto phone = domain::parse_phone(t.text, region);
    if (!phone) {
      errors.add(phone.error());
      continue;
    }
    out.push_back({t.type, phone->e164, out.empty()});
  }
  return out;
}

Result<SearchResults> CustomerDesk::search(const domain::User& actor,
                                           const domain::SearchInput& input, int page,
                                           int page_size) {
  if (auto ok = may_use_desk(actor); !ok) return ok.error();
  if (auto ok = check_page_size(page_size, kMaxSearchPageSize); !ok) return ok.error();
  if (page < 1 || page > 1000) return Error::invalid("page.number_invalid", "page");
  return db_.read([&](store::Tx& tx) -> Result<SearchResults> {
    auto settings = store::SettingsRepository::load(tx);
    auto query = domain::parse_search(input, settings.country);
    if (!query) return query.error();
    SearchResults out;
    out.page = page;
    if (query->empty()) return out;
    auto found = store::search_customers(tx, *query, page_size, (page - 1) * page_size);
    out.more = found.more;
    std::vector<std::int64_t> ids;
    for (const auto& h : found.hits) ids.push_back(h.customer_id);
    // A handful of statements for the whole page, not a few per result.
    auto customers = store::CustomerRepository::find_many(tx, ids);
    std::vector<std::int64_t> found_ids;
    for (const auto& c : customers) found_ids.push_back(c.id.value);
    auto accounts = store::AccountRepository::of_customers(tx, found_ids);
    for (std::size_t i = 0; i < customers.size(); ++i) {
      SearchResult r;
      r.matched = found.hits[i].matched == "name" ? word_match(customers[i], query->words)
                                                  : found.hits[i].matched;
      for (const auto& a : accounts[i]) r.account_numbers.push_back(a.number);
      r.customer = std::move(customers[i]);
      out.results.push_back(std::move(r));
    }
    return out;
  });
}

Result<CustomerView> CustomerDesk::view(const domain::User& actor, Id<domain::Customer> id) {
  if (auto ok = may_use_desk(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<CustomerView> {
    auto customer = store::CustomerRepository::find(tx, id);
    if (!customer) return customer.error();
    return load_view(tx, std::move(*customer));
  });
}

NewCustomer CustomerDesk::draft(const domain::SearchPrefill& typed) {
  auto settings = db_.read([](store::Tx& tx) -> Result<domain::InstallationSettings> {
    return store::SettingsRepository::load(tx);
  });
  const domain::InstallationSettings s = settings ? *settings : domain::InstallationSettings{};
  NewCustomer n;
  n.language = s.default_language;
  n.customer.language = s.default_language;
  n.customer.address.country = s.country;
  n.customer.address.postal_code = typed.postal_code;
  auto name = domain::split_person_name(typed.name);
  n.customer.given_name = std::move(name.given_name);
  n.customer.family_name = std::move(name.family_name);
  if (!typed.email.empty()) n.customer.emails.push_back(typed.email);
  if (!typed.phone.empty()) n.typed_phones.push_back({domain::PhoneType::mobile, typed.phone});
  return n;
}

Result<AddOutcome> CustomerDesk::add(const domain::User& actor, NewCustomer request,
                                     FieldErrors* errors_out) {
  if (auto ok = may_edit(actor); !ok) return ok.error();
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  return db_.write([&](store::Tx& tx) -> Result<AddOutcome> {
    auto settings = store::SettingsRepository::load(tx);
    FieldErrors errors;
    auto& c = request.customer;
    c.language = request.language.value_or(settings.default_language);
    auto phones =
        parse_phones(request.typed_phones,
                     c.address.country.empty() ? settings.country : c.address.country, errors);
    c.phones = *phones;
    for (auto& e : domain::validate_customer(c).errors) errors.add(std::move(e));
    if (auto e = domain::check_date_of_birth(c.date_of_birth, business_today(clock_, settings),
                                             "date_of_birth"))
      errors.add(std::move(*e));
    if (!request.existing_premise_number.empty()) {
      auto found = store::PremiseRepository::find_by_number(
          tx, domain::business_number(request.existing_premise_number));
      if (found)
        request.existing_premise = found->premise.id;
      else
        errors.add(Error::invalid("premise.number_unknown", "premise",
                                  {{"number", request.existing_premise_number}}));
    }
    if (settings.territory_predefined && !request.existing_premise &&
        request.existing_premise_number.empty())
      errors.add(Error::invalid("territory.premise_required", "premise"));
    if (!settings.territory_predefined && !request.premise_at_customer_address &&
        !request.existing_premise)
      for (auto& e : domain::validate_address(request.premise_address, "premise_").errors)
        errors.add(std::move(e));
    if (!errors.empty()) {
      if (errors_out) *errors_out = errors;
      return errors.errors.front();
    }
    AddOutcome outcome;
    if (!request.save_despite_duplicates) {
      outcome.duplicates = possible_duplicates(tx, c);
      if (!outcome.duplicates.empty()) return outcome;
    }
    c.time_zone = domain::choose_time_zone(c, settings.time_zone);
    c.id = store::CustomerRepository::insert(tx, c, who, now);

    domain::Account account;
    account.customer = c.id;
    account.customer_class = c.customer_class;
    account.currency = request.currency.empty() ? settings.currency : request.currency;
    account.start_date = date::year_month_day{date::floor<date::days>(now)};
    store::AccountRepository::insert(tx, account, who, now);

    std::optional<Id<domain::Premise>> premise = request.existing_premise;
    if (premise) {
      auto found = store::PremiseRepository::find(tx, *premise);
      if (!found) return found.error();
      if (request.existing_service_point && std::none_of(found->points.begin(), found->points.end(),
                                                         [&](const domain::ServicePoint& sp) {
                                                           return sp.id ==
                                                                  *request.existing_service_point;
                                                         }))
        return Error::invalid("service_point.not_at_premise", "service_point");
    } else {
      domain::Premise p;
      p.address = request.premise_at_customer_address ? c.address : request.premise_address;
      p.premise_type = request.premise_type;
      p.time_zone = c.time_zone;
      premise = store::PremiseRepository::insert(tx, p, who, now);
      if (!request.service_point_type.empty())
        store::PremiseRepository::insert_point(
            tx, {{}, *premise, request.service_point_type, "to_install", 0, ""}, who, now);
    }
    store::PremiseRepository::link(tx, c.id, *premise);
    auto stored = store::CustomerRepository::find(tx, c.id);
    if (!stored) return stored.error();
    outcome.created = load_view(tx, std::move(*stored));
    return outcome;
  });
}

Result<domain::Customer> CustomerDesk::update(const domain::User& actor, domain::Customer customer,
                                              const std::vector<TypedPhone>& phones,
                                              FieldErrors* errors_out) {
  // A portal user corrects their own customer's details (app/portal).
  if (auto ok = require_desk(actor, Capability::edit_customers); !ok) return ok.error();
  if (auto own = require_own(actor, customer.id.value); !own) return own.error();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<domain::Customer> {
    auto settings = store::SettingsRepository::load(tx);
    FieldErrors errors;
    customer.phones = *parse_phones(
        phones, customer.address.country.empty() ? settings.country : customer.address.country,
        errors);
    for (auto& e : domain::validate_customer(customer).errors) errors.add(std::move(e));
    if (auto e = domain::check_date_of_birth(customer.date_of_birth,
                                             business_today(clock_, settings), "date_of_birth"))
      errors.add(std::move(*e));
    if (!errors.empty()) {
      if (errors_out) *errors_out = errors;
      return errors.errors.front();
    }
    auto saved = store::CustomerRepository::update(tx, customer, actor_of(actor), now);
    if (!saved) return saved.error();
    return store::CustomerRepository::find(tx, customer.id);
  });
}

Result<domain::Customer> CustomerDesk::set_active(const domain::User& actor,
                                                  Id<domain::Customer> id, Version version,
                                                  bool active, const std::string& reason) {
  if (auto ok = may_edit(actor); !ok) return ok.error();
  if (!active && reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::invalid("customer.inactive_reason_required", "reason");
  FieldErrors too_long;
  domain::check_length(too_long, reason, kMaxStatusReason, "reason");
  if (!too_long.empty()) return too_long.errors.front();
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<domain::Customer> {
    auto customer = store::CustomerRepository::find(tx, id);
    if (!customer) return customer.error();
    customer->version = version;
    customer->status = active ? domain::CustomerStatus::active : domain::CustomerStatus::inactive;
    auto saved = store::CustomerRepository::update(tx, *customer, actor_of(actor), now);
    if (!saved) return saved.error();
    if (!reason.empty())
      store::AuditRepository::record(tx, actor_of(actor), now, "customer", id.value,
                                     {{"status_reason", std::nullopt, reason}});
    return store::CustomerRepository::find(tx, id);
  });
}

Result<domain::Interaction> CustomerDesk::record_interaction(const domain::User& actor,
                                                             domain::Interaction interaction) {
  if (auto ok = may_use_desk(actor); !ok) return ok.error();
  auto blank = [](const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
  };
  // The web channel is what customers do on the portal, logged there.
  if (interaction.channel == domain::InteractionChannel::web)
    return Error::invalid("interaction.channel_web", "channel");
  if (blank(interaction.summary)) return Error::invalid("interaction.summary_required", "summary");
  if (interaction.summary.size() > kMaxInteractionSummary)
    return Error::invalid("interaction.summary_long", "summary",
                          {{"max", std::to_string(kMaxInteractionSummary)}});
  if (interaction.outcome.size() > kMaxInteractionOutcome)
    return Error::invalid("field.too_long", "outcome",
                          {{"max", std::to_string(kMaxInteractionOutcome)}});
  interaction.at = clock_.now();
  interaction.user_name = actor.display_name;
  return db_.write([&](store::Tx& tx) -> Result<domain::Interaction> {
    auto customer = store::CustomerRepository::find(tx, interaction.customer);
    if (!customer) return customer.error();
    interaction.id = store::InteractionRepository::insert(tx, interaction, actor_of(actor));
    return interaction;
  });
}

namespace {

// The rules of a contact's names and e-mail, for adding and correcting.
std::optional<Error> contact_problem(const domain::Contact& contact) {
  if (contact.family_name.empty()) return Error::invalid("field.required", "contact_family_name");
  if (contact.family_name.size() > domain::kMaxNameLength ||
      contact.given_name.size() > domain::kMaxNameLength ||
      contact.role.size() > domain::kMaxNameLength)
    return Error::invalid("field.too_long", "contact_family_name",
                          {{"max", std::to_string(domain::kMaxNameLength)}});
  if (!contact.email.empty() && !domain::looks_like_email(contact.email))
    return Error::invalid("field.email_invalid", "contact_email");
  return std::nullopt;
}

// The typed phone of a contact of `customer` in E.164 (empty: none), read
// with the customer's country, else the installation's.
Result<std::string> contact_phone(store::Tx& tx, const domain::Customer& customer,
                                  const std::string& typed) {
  if (typed.empty()) return std::string();
  auto settings = store::SettingsRepository::load(tx);
  auto phone = domain::parse_phone(
      typed, customer.address.country.empty() ? settings.country : customer.address.country);
  if (!phone) {
    Error e = phone.error();
    e.field = "contact_phone";
    return e;
  }
  return phone->e164;
}

}  // namespace

Result<domain::Contact> CustomerDesk::update_contact(const domain::User& actor,
                                                     domain::Contact contact,
                                                     const std::string& typed_phone) {
  if (auto ok = require_desk(actor, Capability::edit_customers); !ok) return ok.error();
  if (auto own = require_own(actor, contact.customer.value); !own) return own.error();
  if (is_portal_user(actor) && actor.portal_contact != contact.id.value)
    return Error::not_found("contact.not_found");
  if (auto bad = contact_problem(contact)) return *bad;
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<domain::Contact> {
    auto customer = store::CustomerRepository::find(tx, contact.customer);
    if (!customer) return customer.error();
    auto before = store::ContactRepository::find(tx, contact.customer, contact.id);
    if (!before) return before.error();
    auto phone = contact_phone(tx, *customer, typed_phone);
    if (!phone) return phone.error();
    contact.phone_e164 = *phone;
    auto version = store::ContactRepository::update(tx, contact, actor_of(actor), now);
    if (!version) return version.error();
    contact.version = *version;
    if (is_portal_user(actor))
      log_web_interaction(tx, actor, contact.customer.value,
                          contact.given_name.empty()
                              ? contact.family_name
                              : contact.given_name + " " + contact.family_name,
                          "contact_corrected", "contact", contact.id.value, now);
    return contact;
  });
}

Result<domain::Contact> CustomerDesk::add_contact(const domain::User& actor,
                                                  domain::Contact contact,
                                                  const std::string& typed_phone) {
  if (auto ok = may_edit(actor); !ok) return ok.error();
  if (auto bad = contact_problem(contact)) return *bad;
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<domain::Contact> {
    auto customer = store::CustomerRepository::find(tx, contact.customer);
    if (!customer) return customer.error();
    auto phone = contact_phone(tx, *customer, typed_phone);
    if (!phone) return phone.error();
    contact.phone_e164 = *phone;
    contact.id = store::ContactRepository::insert(tx, contact, actor_of(actor), now);
    contact.version = 1;
    return contact;
  });
}

Result<std::vector<store::PremiseWithPoints>> CustomerDesk::find_premises(
    const domain::User& actor, const std::string& address, const std::string& postal_code) {
  if (auto ok = may_use_desk(actor); !ok) return ok.error();
  if (address.size() > domain::kMaxSearchLength || postal_code.size() > 20)
    return Error::invalid("search.too_long", "address",
                          {{"max", std::to_string(domain::kMaxSearchLength)}});
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::PremiseWithPoints>> {
    return store::PremiseRepository::search(tx, domain::search_words(address),
                                            domain::postal_key(postal_code), 20);
  });
}

Result<store::PremiseWithPoints> CustomerDesk::premise(const domain::User& actor,
                                                       Id<domain::Premise> id) {
  if (auto ok = may_use_desk(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<store::PremiseWithPoints> {
    return store::PremiseRepository::find(tx, id);
  });
}

Result<store::PremiseWithPoints> CustomerDesk::premise_by_number(const domain::User& actor,
                                                                 std::string_view number) {
  if (auto ok = may_use_desk(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<store::PremiseWithPoints> {
    return store::PremiseRepository::find_by_number(tx, domain::business_number(number));
  });
}

}  // namespace rapport::app
