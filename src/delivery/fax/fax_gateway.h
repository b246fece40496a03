// delivery/fax/fax_gateway.h: a fax sent as an e-mail to the installation's
// e-mail-to-fax gateway.
//
// The gateway's address for a number is the number's E.164 digits without
// the "+", at the gateway's domain: +33 1 23 45 67 89 through
// fax.example.net is 33123456789@fax.example.net. That is the form the
// common gateways document (the country code first, no "+", no "00"); a
// "+" is left out because many mail servers read it as the start of a
// sub-address.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace rapport::delivery {

// The address to mail a fax for `number` to. `number` is typed in any
// format; one without a country code belongs to `default_region` (ISO 3166
// alpha-2, the installation's country). Errors: invalid_input
// "fax.number_invalid" {number} (field "fax") when it is not a valid phone
// number; "fax.gateway_missing" (field "fax_gateway_domain") when the
// installation has no gateway domain.
Result<std::string> fax_gateway_address(std::string_view number, std::string_view gateway_domain,
                                        std::string_view default_region);

}  // namespace rapport::delivery
