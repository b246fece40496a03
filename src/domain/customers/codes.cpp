#include "domain/customers/codes.h"

#include <array>
#include <utility>

namespace rapport::domain {

std::string_view to_code(PhoneType t) { return enum_code(t); }
PhoneType parse_phone_type(std::string_view c) {
  return enum_from_code<PhoneType>(c).value_or(PhoneType::mobile);
}
std::optional<PhoneType> phone_type_from(std::string_view c) {
  return enum_from_code<PhoneType>(c);
}
std::string_view to_code(AccountRelationship r) { return enum_code(r); }
AccountRelationship parse_relationship(std::string_view c) {
  return enum_from_code<AccountRelationship>(c).value_or(AccountRelationship::other);
}
std::string_view to_code(ServiceAgreementStatus s) { return enum_code(s); }
ServiceAgreementStatus parse_agreement_status(std::string_view c) {
  return enum_from_code<ServiceAgreementStatus>(c).value_or(ServiceAgreementStatus::pending_start);
}
std::string_view to_code(InteractionChannel ch) { return enum_code(ch); }
InteractionChannel parse_channel(std::string_view c) {
  return enum_from_code<InteractionChannel>(c).value_or(InteractionChannel::note);
}
std::optional<InteractionChannel> channel_from(std::string_view c) {
  return enum_from_code<InteractionChannel>(c);
}
std::string_view to_code(InteractionDirection d) { return enum_code(d); }
InteractionDirection parse_direction(std::string_view c) {
  return enum_from_code<InteractionDirection>(c).value_or(InteractionDirection::none);
}
std::optional<InteractionDirection> direction_from(std::string_view c) {
  return enum_from_code<InteractionDirection>(c);
}
std::string_view to_code(CustomerKind k) { return enum_code(k); }
std::optional<CustomerKind> kind_from(std::string_view c) {
  return enum_from_code<CustomerKind>(c);
}
std::string_view to_code(CustomerStatus s) { return enum_code(s); }

}  // namespace rapport::domain
