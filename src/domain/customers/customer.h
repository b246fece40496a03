// domain/customers/customer.h: the customer model of customers.md.
//
// A customer is a person or a company. It is billed through accounts (an
// account can also name other persons with a relationship), is reached by
// phones and e-mails, has contacts when it is a company, and receives
// service at premises, each with service points; an account's service
// agreements tie it to a service point. Interactions record every call,
// e-mail, letter, fax and note about the customer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/enum_codes.h"
#include "core/id.h"
#include "core/language.h"
#include "core/time.h"

namespace rapport::domain {

struct Customer;
struct Account;
struct Contact;
struct Premise;
struct ServicePoint;
struct ServiceAgreement;
struct Interaction;

enum class CustomerKind { person, company };
BOOST_DESCRIBE_ENUM(CustomerKind, person, company)
enum class CustomerStatus { active, inactive };
BOOST_DESCRIBE_ENUM(CustomerStatus, active, inactive)
enum class PhoneType { mobile, home, work, fax };
BOOST_DESCRIBE_ENUM(PhoneType, mobile, home, work, fax)
enum class AccountRelationship { main, financially_responsible, other };
BOOST_DESCRIBE_ENUM(AccountRelationship, main, financially_responsible, other)
enum class AccountStatus { active, inactive };
BOOST_DESCRIBE_ENUM(AccountStatus, active, inactive)
enum class ServiceAgreementStatus { pending_start, active, proposal, stopped };
BOOST_DESCRIBE_ENUM(ServiceAgreementStatus, pending_start, active, proposal, stopped)
enum class InteractionChannel { call, email, letter, fax, note, web };
BOOST_DESCRIBE_ENUM(InteractionChannel, call, email, letter, fax, note, web)
enum class InteractionDirection { inbound, outbound, none };
BOOST_DESCRIBE_ENUM(InteractionDirection, inbound, outbound, none)

struct PhoneEntry {
  PhoneType type = PhoneType::mobile;
  std::string e164;
  bool primary = false;
};

struct PostalAddress {
  std::string line1;
  std::string line2;
  std::string postal_code;
  std::string city;
  std::string region;   // state or province, when the country uses them
  std::string country;  // ISO 3166 alpha-2
  bool operator==(const PostalAddress&) const = default;
};

struct Customer {
  Id<Customer> id;
  CustomerKind kind = CustomerKind::person;
  std::string family_name;   // persons
  std::string given_name;    // persons
  std::string company_name;  // companies
  Language language = Language::en;
  std::string customer_class = "residential";  // a code of the configurable list
  std::string category;                        // group used by contact-plan batches
  std::string tax_id;
  std::optional<CivilDate> date_of_birth;
  std::string time_zone;  // derived from the address or phone, or set
  CustomerStatus status = CustomerStatus::active;
  std::vector<PhoneEntry> phones;
  std::vector<std::string> emails;  // the first is the main one
  PostalAddress address;            // the main (mailing) address
  Version version = 0;

  // "Dupré, Hélène" for a person, the company name for a company.
  std::string display_name() const;
};

struct Contact {
  Id<Contact> id;
  Id<Customer> customer;
  std::string family_name;
  std::string given_name;
  std::string role;  // "Purchasing manager"
  std::string phone_e164;
  std::string email;
  Version version = 0;
};

struct AccountPerson {
  Id<Customer> customer;
  AccountRelationship relationship = AccountRelationship::main;
};

struct Account {
  Id<Account> id;
  std::string number;     // shown to the customer; unique
  Id<Customer> customer;  // the customer it bills
  std::string customer_class;
  std::string currency;
  AccountStatus status = AccountStatus::active;
  CivilDate start_date{};
  std::vector<AccountPerson> persons;
  Version version = 0;
};

struct Premise {
  Id<Premise> id;
  PostalAddress address;
  std::string premise_type = "house";  // house, apartment, office, shop, site…
  std::string time_zone;
  Version version = 0;
  std::string number;  // the business number a person reads: "P1000012"
};

struct ServicePoint {
  Id<ServicePoint> id;
  Id<Premise> premise;
  std::string type;                 // electric_meter, gas_meter, broadband_line…
  std::string installation_status;  // installed, to_install, removed (optional)
  Version version = 0;
  std::string number;  // "SP1000040"
};

struct ServiceAgreement {
  Id<ServiceAgreement> id;
  Id<Account> account;
  std::optional<Id<ServicePoint>> service_point;
  std::string type;      // a service agreement type code
  std::string division;  // the part of the company that provides it
  CivilDate start_date{};
  ServiceAgreementStatus status = ServiceAgreementStatus::pending_start;
  Version version = 0;
  std::string number;  // "SA1000007"
};

struct Interaction {
  Id<Interaction> id;
  Id<Customer> customer;
  Instant at{};
  std::string user_name;
  InteractionChannel channel = InteractionChannel::note;
  InteractionDirection direction = InteractionDirection::none;
  std::string summary;
  std::string outcome;
  std::string related_type;  // "service_order", "quote", "contact_plan_entry"…
  std::int64_t related_id = 0;
};

}  // namespace rapport::domain
