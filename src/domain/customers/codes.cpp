#include "domain/customers/codes.h"

#include <array>
#include <utility>

namespace rapport::domain {
namespace {

template <typename E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<PhoneType, 4> kPhoneTypes{{{PhoneType::mobile, "mobile"},
                                           {PhoneType::home, "home"},
                                           {PhoneType::work, "work"},
                                           {PhoneType::fax, "fax"}}};
constexpr Table<AccountRelationship, 3> kRelationships{
    {{AccountRelationship::main, "main"},
     {AccountRelationship::financially_responsible, "financially_responsible"},
     {AccountRelationship::other, "other"}}};
constexpr Table<ServiceAgreementStatus, 4> kAgreementStatuses{
    {{ServiceAgreementStatus::pending_start, "pending_start"},
     {ServiceAgreementStatus::active, "active"},
     {ServiceAgreementStatus::proposal, "proposal"},
     {ServiceAgreementStatus::stopped, "stopped"}}};
constexpr Table<InteractionChannel, 5> kChannels{{{InteractionChannel::call, "call"},
                                                  {InteractionChannel::email, "email"},
                                                  {InteractionChannel::letter, "letter"},
                                                  {InteractionChannel::fax, "fax"},
                                                  {InteractionChannel::note, "note"}}};
constexpr Table<InteractionDirection, 3> kDirections{{{InteractionDirection::inbound, "inbound"},
                                                      {InteractionDirection::outbound, "outbound"},
                                                      {InteractionDirection::none, "none"}}};
constexpr Table<CustomerKind, 2> kKinds{
    {{CustomerKind::person, "person"}, {CustomerKind::company, "company"}}};
constexpr Table<CustomerStatus, 2> kStatuses{
    {{CustomerStatus::active, "active"}, {CustomerStatus::inactive, "inactive"}}};

template <typename E, std::size_t N>
std::string_view code_of(const Table<E, N>& table, E value) {
  for (const auto& [e, c] : table)
    if (e == value) return c;
  return table[0].second;
}

template <typename E, std::size_t N>
std::optional<E> value_of(const Table<E, N>& table, std::string_view code) {
  for (const auto& [e, c] : table)
    if (c == code) return e;
  return std::nullopt;
}

}  // namespace

std::string_view to_code(PhoneType t) { return code_of(kPhoneTypes, t); }
PhoneType parse_phone_type(std::string_view c) {
  return value_of(kPhoneTypes, c).value_or(PhoneType::mobile);
}
std::optional<PhoneType> phone_type_from(std::string_view c) { return value_of(kPhoneTypes, c); }
std::string_view to_code(AccountRelationship r) { return code_of(kRelationships, r); }
AccountRelationship parse_relationship(std::string_view c) {
  return value_of(kRelationships, c).value_or(AccountRelationship::other);
}
std::string_view to_code(ServiceAgreementStatus s) { return code_of(kAgreementStatuses, s); }
ServiceAgreementStatus parse_agreement_status(std::string_view c) {
  return value_of(kAgreementStatuses, c).value_or(ServiceAgreementStatus::pending_start);
}
std::string_view to_code(InteractionChannel ch) { return code_of(kChannels, ch); }
InteractionChannel parse_channel(std::string_view c) {
  return value_of(kChannels, c).value_or(InteractionChannel::note);
}
std::optional<InteractionChannel> channel_from(std::string_view c) {
  return value_of(kChannels, c);
}
std::string_view to_code(InteractionDirection d) { return code_of(kDirections, d); }
InteractionDirection parse_direction(std::string_view c) {
  return value_of(kDirections, c).value_or(InteractionDirection::none);
}
std::optional<InteractionDirection> direction_from(std::string_view c) {
  return value_of(kDirections, c);
}
std::string_view to_code(CustomerKind k) { return code_of(kKinds, k); }
std::optional<CustomerKind> kind_from(std::string_view c) { return value_of(kKinds, c); }
std::string_view to_code(CustomerStatus s) { return code_of(kStatuses, s); }

}  // namespace rapport::domain
