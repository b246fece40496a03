// /api/v1/customers: search, the 360° view, add (with the duplicate
// check), interactions, and a company's contacts (list, add, correct).
#include <limits>

#include <boost/json.hpp>

#include "domain/customers/codes.h"
#include "web/api/customers/customer_json.h"
#include "web/api/json_io.h"
#include "web/api/paging.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

namespace json = boost::json;

// Search results are ranked, so the cursor holds the next page's number.
Result<int> page_of(const Request& req) {
  auto keys = cursor_keys(req, 1);
  if (!keys) return keys.error();
  if (keys->empty()) return 1;
  auto page = key_number(keys->front(), 1, std::numeric_limits<int>::max());
  if (!page) return Error::invalid("page.cursor_invalid", "cursor");
  return static_cast<int>(*page);
}

app::NewCustomer new_customer_from(const json::object& o, FieldErrors& errors) {
  app::NewCustomer n;
  auto& c = n.customer;
  c.kind = get_code<domain::CustomerKind>(o, "kind", errors).value_or(domain::CustomerKind::person);
  c.family_name = get_string(o, "family_name", errors).value_or("");
  c.given_name = get_string(o, "given_name", errors).value_or("");
  c.company_name = get_string(o, "company_name", errors).value_or("");
  // Left out: the installation's language (app/ decides).
  if (auto lang = get_code<Language>(o, "language", errors)) n.language = *lang;
  c.customer_class = get_string(o, "customer_class", errors).value_or("residential");
  c.category = get_string(o, "category", errors).value_or("");
  c.tax_id = get_string(o, "tax_id", errors).value_or("");
  c.time_zone = get_string(o, "time_zone", errors).value_or("");
  c.date_of_birth = get_date(o, "date_of_birth", errors);
  c.address = address_from(o, "address", errors);
  if (const auto* phones = get_array(o, "phones", errors)) {
    for (std::size_t i = 0; i < phones->size(); ++i) {
      const std::string at = "phones." + std::to_string(i);
      const auto* p = (*phones)[i].if_object();
      if (!p) {
        errors.add(Error::invalid("json.type_object", at, {{"field", at}}));
        continue;
      }
      auto type = get_code<domain::PhoneType>(*p, "type", errors, at);
      n.typed_phones.push_back({type.value_or(domain::PhoneType::mobile),
                                get_string(*p, "number", errors, at).value_or("")});
    }
  }
  if (auto emails = get_strings(o, "emails", errors))
    for (auto& e : *emails)
      if (!e.empty()) c.emails.push_back(std::move(e));
  n.currency = get_string(o, "currency", errors).value_or("");
  if (const auto* p = get_object(o, "premise", errors)) {
    const std::string at = "premise";
    n.premise_at_customer_address = get_bool(*p, "same_as_customer", errors, at).value_or(true);
    n.premise_address = address_from(*p, "address", errors, at);
    n.premise_type = get_string(*p, "premise_type", errors, at).value_or("house");
    n.service_point_type = get_string(*p, "service_point_type", errors, at).value_or("");
    if (auto id = get_id(*p, "existing_premise_id", errors, at))
      n.existing_premise = Id<domain::Premise>{*id};
    if (auto id = get_id(*p, "existing_service_point_id", errors, at))
      n.existing_service_point = Id<domain::ServicePoint>{*id};
  }
  n.save_despite_duplicates = get_bool(o, "proceed", errors).value_or(false);
  return n;
}

Response search(Request& req, WebContext& ctx) {
  auto page = page_of(req);
  if (!page) return problem(req, ctx.catalog, page.error());
  auto limit = page_limit(req, app::kSearchPageSize, app::kMaxSearchPageSize);
  if (!limit) return problem(req, ctx.catalog, limit.error());
  domain::SearchInput in{req.query_value("q"),
                         req.query_value("name"),
                         req.query_value("phone"),
                         req.query_value("email"),
                         req.query_value("address"),
                         req.query_value("postal_code"),
                         req.query_value("account_number"),
                         req.query_value("customer_id")};
  auto found = ctx.customers.search(*req.user, in, *page, *limit);
  if (!found) return problem(req, ctx.catalog, found.error());
  json::array items;
  for (const auto& r : found->results) {
    json::array numbers;
    for (const auto& n : r.account_numbers) numbers.push_back(json::string(n));
    items.push_back({{"customer", customer_to_json(r.customer)},
                     {"matched", r.matched},
                     {"account_numbers", std::move(numbers)}});
  }
  json::object body{{"items", std::move(items)}};
  body["next_cursor"] =
      found->more ? json::value(encode_cursor({std::to_string(*page + 1)})) : json::value(nullptr);
  return json_ok(200, body);
}

Response get_one(Request& req, WebContext& ctx) {
  auto id = positive_int(req.param("id"));
  if (!id) return problem(req, ctx.catalog, Error::not_found("customer.not_found"));
  auto view = ctx.customers.view(*req.user, Id<domain::Customer>{*id});
  if (!view) return problem(req, ctx.catalog, view.error());
  return json_ok(200, view_to_json(*view));
}

Response create(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto request = new_customer_from(*body, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto outcome = ctx.customers.add(*req.user, std::move(request), &errors);
  if (!outcome) return problem(req, ctx.catalog, outcome.error(), &errors);
  if (!outcome->created) {
    return duplicates_problem(req, ctx.catalog, Error::conflict("customer.possible_duplicates"),
                              outcome->duplicates);
  }
  Response res = json_ok(201, view_to_json(*outcome->created));
  res.set_header("Location",
                 "/api/v1/customers/" + std::to_string(outcome->created->customer.id.value));
  return res;
}

Response add_interaction(Request& req, WebContext& ctx) {
  auto id = positive_int(req.param("id"));
  if (!id) return problem(req, ctx.catalog, Error::not_found("customer.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  domain::Interaction i;
  i.customer = Id<domain::Customer>{*id};
  i.channel = get_code<domain::InteractionChannel>(*body, "channel", errors)
                  .value_or(domain::InteractionChannel::note);
  i.direction = get_code<domain::InteractionDirection>(*body, "direction", errors)
                    .value_or(domain::InteractionDirection::none);
  i.summary = get_string(*body, "summary", errors).value_or("");
  i.outcome = get_string(*body, "outcome", errors).value_or("");
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = ctx.customers.record_interaction(*req.user, i);
  if (!saved) return problem(req, ctx.catalog, saved.error());
  return json_ok(201, interaction_to_json(*saved));
}

// The 360° view's contacts of customer {id}.
Result<std::vector<domain::Contact>> contacts_of(Request& req, WebContext& ctx) {
  auto id = positive_int(req.param("id"));
  if (!id) return Error::not_found("customer.not_found");
  auto view = ctx.customers.view(*req.user, Id<domain::Customer>{*id});
  if (!view) return view.error();
  return std::move(view->contacts);
}

Response list_contacts(Request& req, WebContext& ctx) {
  auto contacts = contacts_of(req, ctx);
  if (!contacts) return problem(req, ctx.catalog, contacts.error());
  json::array items;
  for (const auto& c : *contacts) items.push_back(versioned_contact_to_json(c));
  return json_ok(200, json::object{{"items", std::move(items)}});
}

Response get_contact(Request& req, WebContext& ctx) {
  auto contact = positive_int(req.param("contact"));
  auto contacts = contacts_of(req, ctx);
  if (!contacts) return problem(req, ctx.catalog, contacts.error());
  for (const auto& c : *contacts)
    if (contact && c.id.value == *contact) return json_ok(200, versioned_contact_to_json(c));
  return problem(req, ctx.catalog, Error::not_found("contact.not_found"));
}

// The body's names, role, phone (as typed) and e-mail; members left out
// are empty.
domain::Contact contact_from(const json::object& o, std::string& typed_phone, FieldErrors& errors) {
  domain::Contact c;
  c.given_name = get_string(o, "given_name", errors).value_or("");
  c.family_name = get_string(o, "family_name", errors).value_or("");
  c.role = get_string(o, "role", errors).value_or("");
  c.email = get_string(o, "email", errors).value_or("");
  typed_phone = get_string(o, "phone", errors).value_or("");
  return c;
}

Response contact_refused(Request& req, WebContext& ctx, const Error& e) {
  if (e.code != ErrorCode::invalid_input) return problem(req, ctx.catalog, e);
  FieldErrors refused;
  refused.add(contact_body_field(e));
  return input_problem(req, ctx.catalog, refused);
}

Response add_contact(Request& req, WebContext& ctx) {
  auto id = positive_int(req.param("id"));
  if (!id) return problem(req, ctx.catalog, Error::not_found("customer.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  std::string phone;
  domain::Contact c = contact_from(*body, phone, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  c.customer = Id<domain::Customer>{*id};
  auto saved = ctx.customers.add_contact(*req.user, c, phone);
  if (!saved) return contact_refused(req, ctx, saved.error());
  Response res = json_ok(201, versioned_contact_to_json(*saved));
  res.set_header("Location", "/api/v1/customers/" + std::to_string(*id) + "/contacts/" +
                                 std::to_string(saved->id.value));
  return res;
}

Response correct_contact(Request& req, WebContext& ctx) {
  auto id = positive_int(req.param("id"));
  if (!id) return problem(req, ctx.catalog, Error::not_found("customer.not_found"));
  auto contact = positive_int(req.param("contact"));
  if (!contact) return problem(req, ctx.catalog, Error::not_found("contact.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto version = get_version(*body, errors);
  std::string phone;
  domain::Contact c = contact_from(*body, phone, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  c.id = Id<domain::Contact>{*contact};
  c.customer = Id<domain::Customer>{*id};
  c.version = *version;
  auto saved = ctx.customers.update_contact(*req.user, c, phone);
  if (!saved) return contact_refused(req, ctx, saved.error());
  return json_ok(200, versioned_contact_to_json(*saved));
}

}  // namespace

void register_customers_api(Router& router, WebContext& ctx) {
  router.get("/api/v1/customers", Access::staff, [&ctx](Request& r) { return search(r, ctx); });
  router.post("/api/v1/customers", Access::staff, [&ctx](Request& r) { return create(r, ctx); });
  router.get("/api/v1/customers/{id}", Access::staff,
             [&ctx](Request& r) { return get_one(r, ctx); });
  router.post("/api/v1/customers/{id}/interactions", Access::staff,
              [&ctx](Request& r) { return add_interaction(r, ctx); });
  router.get("/api/v1/customers/{id}/contacts", Access::staff,
             [&ctx](Request& r) { return list_contacts(r, ctx); });
  router.post("/api/v1/customers/{id}/contacts", Access::staff,
              [&ctx](Request& r) { return add_contact(r, ctx); });
  router.get("/api/v1/customers/{id}/contacts/{contact}", Access::staff,
             [&ctx](Request& r) { return get_contact(r, ctx); });
  router.add("PUT", "/api/v1/customers/{id}/contacts/{contact}", Access::staff,
             [&ctx](Request& r) { return correct_contact(r, ctx); });
}

}  // namespace rapport::web::api
