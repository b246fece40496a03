#include "web/problem.h"

#include <boost/json.hpp>

#include "app/today.h"
#include "i18n/format.h"

namespace rapport::web {

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
      return 422;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::too_many:
      return 429;
    case ErrorCode::unavailable:
      return 503;
    case ErrorCode::internal:
      return 500;
  }
  return 500;
}

std::string localized_message(const Request& req, const i18n::Catalog& catalog, const Error& e) {
  MessageArgs args = e.args;
  const std::string zone = req.user ? app::user_zone(*req.user) : std::string("UTC");
  for (auto& [name, value] : args) {
    if (!name.ends_with("_at")) continue;
    if (auto t = parse_instant(value)) value = i18n::format_date_time(req.language, *t, zone);
  }
  return catalog.text(req.language, e.key, args);
}

namespace {

std::string status_title_key(int status) { return "http." + std::to_string(status); }

boost::json::object base_problem(const Request& req, const i18n::Catalog& catalog, int status,
                                 const std::string& code) {
  return {{"type", "/problems/" + code},
          {"title", catalog.text(req.language, status_title_key(status))},
          {"status", status},
          {"code", code}};
}

Response to_response(int status, const boost::json::object& body) {
  Response r = text_response(status, boost::json::serialize(body), "application/problem+json");
  if (status == 401) r.set_header("WWW-Authenticate", "Bearer realm=\"rapport\"");
  return r;
}

}  // namespace

Response problem(const Request& req, const i18n::Catalog& catalog, const Error& e,
                 const FieldErrors* all) {
  const int status = http_status(e.code);
  auto body = base_problem(req, catalog, status, e.key);
  body["kind"] = to_string(e.code);
  body["detail"] = localized_message(req, catalog, e);
  if (!e.field.empty()) body["field"] = e.field;
  if (all && !all->empty()) {
    boost::json::array errors;
    for (const auto& fe : all->errors)
      errors.push_back(
          {{"field", fe.field}, {"code", fe.key}, {"detail", localized_message(req, catalog, fe)}});
    body["errors"] = std::move(errors);
  }
  return to_response(status, body);
}

Response input_problem(const Request& req, const i18n::Catalog& catalog,
                       const FieldErrors& errors) {
  return problem(req, catalog, errors.errors.front(), &errors);
}

Response problem_for_status(const Request& req, const i18n::Catalog& catalog, int status) {
  auto body = base_problem(req, catalog, status, status_title_key(status));
  body["kind"] = status == 404 ? "not_found" : status >= 500 ? "internal" : "invalid_input";
  body["detail"] = catalog.text(req.language, status_title_key(status) + ".detail");
  return to_response(status, body);
}

}  // namespace rapport::web
