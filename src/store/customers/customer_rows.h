// store/customers/customer_rows.h: the derived columns of customer rows — search
// keys, the search document, account numbers — computed in one place, so
// that CustomerRepository (one customer at a time) and CustomerBulkLoader
// (demo data, a million at once) write the same values and the search finds
// what either wrote.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/customers/customer.h"

namespace rapport::store {

// customers.name_key: the normalized name ("helene dupre" for a person,
// the company name for a company), compared by the duplicate check.
std::string customer_name_key(const domain::Customer& c);

// customers.search_text and the customer_search document: names, city,
// postal code (as written and as a key), e-mails and the numbers of the
// customer's accounts, normalized (domain/customers/search_text.h).
// Equal to with_account_numbers(customer_search_base(c), account_numbers).
std::string customer_search_text(const domain::Customer& c,
                                 const std::vector<std::string>& account_numbers);
// The document without the account numbers, which are known only once the
// accounts are stored: the bulk loader normalizes the rest beforehand, on
// another thread (normalizing is the costly part).
std::string customer_search_base(const domain::Customer& c);
std::string with_account_numbers(std::string search_base,
                                 const std::vector<std::string>& account_numbers);

// customer_emails.address_key: the address in lower case.
std::string email_key(std::string_view address);

// The number a customer reads on a bill: "A" and at least seven digits,
// A1000001 for the account of id 1.
std::string account_number_for(std::int64_t account_id);
// The same for premises (P1000012), service points (SP1000040) and service
// agreements (SA1000007); migration 0010 numbered the rows written before.
std::string premise_number_for(std::int64_t premise_id);
std::string service_point_number_for(std::int64_t point_id);
std::string agreement_number_for(std::int64_t agreement_id);

// premises.address_key: the normalized lines and city, searched by prefix
// when a CSR picks an existing premise.
std::string premise_address_key(const domain::PostalAddress& a);

}  // namespace rapport::store
