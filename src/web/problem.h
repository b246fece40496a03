// web/problem.h: how an Error reaches a client — its HTTP status, its
// message in the user's language, and RFC 9457 problem+json for the API.
#pragma once

#include <string>

#include "core/error.h"
#include "i18n/catalog.h"
#include "web/request.h"

namespace rapport::web {

// The one mapping from error codes to HTTP statuses.
int http_status(ErrorCode code);

// The error's message in the request's language; placeholders named
// "*_at" holding an instant are shown in the user's time zone.
std::string localized_message(const Request& req, const i18n::Catalog& catalog, const Error& e);

// application/problem+json: type, title, status, code (the stable message
// key), kind, detail (translated), field and, for forms, every field error.
Response problem(const Request& req, const i18n::Catalog& catalog, const Error& e,
                 const FieldErrors* all = nullptr);
// A refused input: the first fault as the problem, with every field error.
// `errors` is not empty.
Response input_problem(const Request& req, const i18n::Catalog& catalog, const FieldErrors& errors);
// A problem for a status without an Error (404 route, 405, 413…).
Response problem_for_status(const Request& req, const i18n::Catalog& catalog, int status);

}  // namespace rapport::web
