// web/api/customers/customer_json.h: customers and their records as JSON — the API's
// representation, which the pages extend with labels and formatting.
#pragma once

#include <boost/json/object.hpp>

#include "app/customers/customer_desk.h"
#include "web/problem.h"

namespace rapport::web {

boost::json::object address_to_json(const domain::PostalAddress& a);
// The member `name` of `o` as an address ({line1, line2, postal_code, city,
// region, country}, each optional text); its faults in `errors`.
domain::PostalAddress address_from(const boost::json::object& o, const char* name,
                                   FieldErrors& errors, std::string_view at = {});
boost::json::object customer_to_json(const domain::Customer& c);
boost::json::object account_to_json(const domain::Account& a);
boost::json::object premise_to_json(const store::PremiseWithPoints& p);
boost::json::object agreement_to_json(const domain::ServiceAgreement& sa);
boost::json::object interaction_to_json(const domain::Interaction& i);
boost::json::object contact_to_json(const domain::Contact& c);
// A contact as read to be corrected: contact_to_json() and its version.
boost::json::object versioned_contact_to_json(const domain::Contact& c);
// The desk names a contact's fields as the forms do ("contact_email"); a
// JSON body's are "email".
Error contact_body_field(Error e);
// The problem (409) a create stopped by possible duplicates answers: `e`
// with the candidates, [{customer, reasons}].
Response duplicates_problem(const Request& req, const i18n::Catalog& catalog, const Error& e,
                            const std::vector<app::DuplicateCandidate>& duplicates);
// The 360° view: the customer and every record about it.
boost::json::object view_to_json(const app::CustomerView& v);

}  // namespace rapport::web
