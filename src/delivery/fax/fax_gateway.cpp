#include "delivery/fax/fax_gateway.h"

#include "domain/customers/phone.h"

namespace rapport::delivery {

Result<std::string> fax_gateway_address(std::string_view number, std::string_view gateway_domain,
                                        std::string_view default_region) {
  if (gateway_domain.empty()) return Error::invalid("fax.gateway_missing", "fax_gateway_domain");
  auto phone = domain::parse_phone(number, default_region);
  if (!phone) return Error::invalid("fax.number_invalid", "fax", {{"number", std::string(number)}});
  return phone->e164.substr(1) + "@" + std::string(gateway_domain);
}

}  // namespace rapport::delivery
