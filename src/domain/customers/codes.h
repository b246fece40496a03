// domain/customers/codes.h: the text codes of the model's enumerations, as the
// database stores them and the API shows them ("mobile", "pending_start").
#pragma once

#include <optional>
#include <string_view>

#include "domain/customers/customer.h"

namespace rapport::domain {

std::string_view to_code(PhoneType t);
PhoneType parse_phone_type(std::string_view code);
std::string_view to_code(AccountRelationship r);
AccountRelationship parse_relationship(std::string_view code);
std::string_view to_code(ServiceAgreementStatus s);
ServiceAgreementStatus parse_agreement_status(std::string_view code);
std::string_view to_code(InteractionChannel c);
InteractionChannel parse_channel(std::string_view code);
std::string_view to_code(InteractionDirection d);
InteractionDirection parse_direction(std::string_view code);
std::string_view to_code(CustomerKind k);
std::string_view to_code(CustomerStatus s);

// Strict parsing for input from users and API clients: nullopt when the
// code is not one of the enumeration's.
std::optional<PhoneType> phone_type_from(std::string_view code);
std::optional<InteractionChannel> channel_from(std::string_view code);
std::optional<InteractionDirection> direction_from(std::string_view code);
std::optional<CustomerKind> kind_from(std::string_view code);

}  // namespace rapport::domain
