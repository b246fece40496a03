#include "web/web_app.h"

#include <spdlog/spdlog.h>

#include "app/crypto.h"
#include "core/text.h"
#include "web/api/routes.h"
#include "web/client_address.h"
#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"

namespace rapport::web {
namespace {

// Only the server's own scripts and styles; no framing; no inline script.
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'";

void add_security_headers(Response& res) {
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "same-origin");
  if (res.header("Cache-Control").empty()) res.set_header("Cache-Control", "no-store");
}

bool changes_state(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::string bearer_of(const Request& req) {
  const auto& h = req.header("authorization");
  if (h.size() > 7 && (h.starts_with("Bearer ") || h.starts_with("bearer "))) return h.substr(7);
  return {};
}

}  // namespace

Language language_of_visitor(const Request& req) {
  if (auto lang = parse_language(req.cookie(kLanguageCookie))) return *lang;
  // The first language of Accept-Language that Rapport speaks.
  std::string_view accept = req.header("accept-language");
  while (!accept.empty()) {
    auto comma = accept.find(',');
    auto item = accept.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (auto lang = parse_language(item.substr(0, item.find(';')))) return *lang;
    if (comma == std::string_view::npos) break;
    accept.remove_prefix(comma + 1);
  }
  return Language::en;
}

WebApp::WebApp(WebContext& ctx) : ctx_(ctx), static_files_(ctx.options.static_dir) {
  ui::register_routes(router_, ctx_);
  api::register_routes(router_, ctx_);
}

Response WebApp::handle(Request& req) {
  Response res;
  try {
    res = route(req);
  } catch (const std::exception& e) {
    spdlog::error("unhandled exception on {} {}: {}", req.method, req.path, e.what());
    res = req.is_api() ? problem(req, ctx_.catalog, Error::internal(e.what()))
                       : ui::error_page(req, ctx_, 500);
  }
  add_security_headers(res);
  return res;
}

Response WebApp::refuse(int status, const Pairs& headers) {
  Request req;
  req.headers = headers;
  req.language = language_of_visitor(req);
  Response res = problem_for_status(req, ctx_.catalog, status);
  add_security_headers(res);
  return res;
}

RequestClass WebApp::classify(Request& head) const {
  Match match = router_.match(head);
  if (!match.route) return {};
  return {match.route->hashes_password, match.route->upload.has_value()};
}

bool WebApp::admit_upload(Request& head) {
  Match match = router_.match(head);
  if (!match.route || !match.route->upload) return false;
  Response refusal;
  if (!authenticate(head, &refusal) || !head.user) return false;
  return app::allowed(*head.user, *match.route->upload);
}

bool WebApp::authenticate(Request& req, Response* refusal) {
  if (auto token = bearer_of(req); !token.empty()) {
    auto user = ctx_.auth.authenticate_token(token);
    if (!user) {
      *refusal = problem(req, ctx_.catalog, user.error());
      return false;
    }
    req.user = *user;
    req.bearer = true;
  } else if (auto cookie = req.cookie(kSessionCookie); !cookie.empty()) {
    auto session = ctx_.auth.resume(cookie);
    if (session) {
      req.user = session->user;
      req.csrf_token = session->csrf_token;
      req.session_token = cookie;
    } else if (session.error().code != ErrorCode::unauthenticated) {
      *refusal = req.is_api() ? problem(req, ctx_.catalog, session.error())
                              : ui::error_page(req, ctx_, session.error());
      return false;
    }
  }
  if (req.user) req.language = req.user->language;
  return true;
}

namespace {

// Where a log-in brings the user back: the page itself for a GET; for a form
// sent from a page (a note saved after the session ended), that page —
// htmx's HX-Current-URL, else the Referer — when it is on this server, never
// the form's POST URL, which would answer 405 to the browser's GET.
std::string return_page(const Request& req) {
  if (req.method == "GET" || req.method == "HEAD") return req.target;
  std::string from = req.header("hx-current-url");
  if (from.empty()) from = req.header("referer");
  if (auto scheme = from.find("://"); scheme != std::string::npos) {
    const auto host_at = scheme + 3, path_at = from.find('/', host_at);
    if (from.compare(host_at, path_at - host_at, req.header("host")) != 0) return "/";
    from = path_at == std::string::npos ? "/" : from.substr(path_at);
  }
  return ui::safe_next(from);
}

// The first name or value of the query string or the urlencoded form that
// is not text Rapport keeps (core/text.h), checked once here for every page
// and endpoint: the error names the parameter (tab and line breaks pass
// here; a one-line field refuses them beside itself, domain/text_length.h).
std::optional<Error> refused_text(const Request& req) {
  for (const Pairs* pairs : {&req.query, &req.form()})
    for (const auto& [name, value] : *pairs) {
      if (auto bad = text_error(name, {})) {
        bad->args = {{"field", "?"}};  // a name that cannot be shown
        return bad;
      }
      if (auto bad = text_error(value, name)) return bad;
    }
  return std::nullopt;
}

}  // namespace

Response WebApp::route(Request& req) {
  req.language = language_of_visitor(req);
  // The client behind a trusted proxy (log-in throttling counts per address).
  req.client_address = client_address(req.client_address, req.header("x-forwarded-for"),
                                      ctx_.options.trusted_proxies);
  if (req.path.starts_with("/static/") && (req.method == "GET" || req.method == "HEAD")) {
    req.route = "/static/*";
    if (auto file = static_files_.serve(req)) return *file;
  }
  Match match = router_.match(req);
  Response refusal;
  if (!authenticate(req, &refusal)) return refusal;
  if (!match.route) {
    int status = match.path_known ? 405 : 404;
    Response res = req.is_api() ? problem_for_status(req, ctx_.catalog, status)
                                : ui::error_page(req, ctx_, status);
    if (match.path_known) res.set_header("Allow", match.allowed);
    return res;
  }
  const Route& route = *match.route;
  if (route.access != Access::open && !req.user) {
    if (req.is_api())
      return problem(req, ctx_.catalog,
                     Error{ErrorCode::unauthenticated, "auth.required", {}, {}, {}});
    return redirect(req, "/login?next=" + url_encode(return_page(req)));
  }
  if ((route.access == Access::staff && !req.user->is_staff()) ||
      (route.access == Access::customer && !app::is_portal_user(*req.user)))
    return req.is_api() ? problem(req, ctx_.catalog, Error::forbidden())
                        : ui::error_page(req, ctx_, 403);
  // Cookies ride along on cross-site requests; the CSRF token does not.
  if (changes_state(req.method) && req.user && !req.bearer) {
    std::string sent = req.header("x-csrf-token");
    if (sent.empty()) sent = req.form_value("_csrf");
    if (!app::constant_time_equal(sent, req.csrf_token)) {
      Error e{ErrorCode::forbidden, "csrf.invalid", {}, {}, {}};
      return req.is_api() ? problem(req, ctx_.catalog, e) : ui::error_page(req, ctx_, e);
    }
  }
  if (auto bad = refused_text(req))
    return req.is_api() ? problem(req, ctx_.catalog, *bad)
                        : ui::error_page(req, ctx_, ui::with_field_label(req, ctx_.catalog, *bad));
  return run_handler(route, req);
}

Response WebApp::run_handler(const Route& route, Request& req) {
  const std::string& key = req.header("idempotency-key");
  if (req.method != "POST" || key.empty() || !req.user || !req.is_api()) return route.handler(req);
  const std::string request_hash = app::hash_token(req.method + " " + req.target + "\n" + req.body);
  // The key is reserved before the handler runs: a concurrent duplicate
  // gets 409 idempotency.in_progress, a later one the kept answer.
  auto claimed = ctx_.idempotency.claim(*req.user, key, request_hash);
  if (!claimed) {
    Response refused = problem(req, ctx_.catalog, claimed.error());
    if (claimed.error().key == "idempotency.in_progress") refused.set_header("Retry-After", "1");
    return refused;
  }
  if (*claimed) {
    const auto& kept = **claimed;
    Response replay = text_response(kept.status, kept.body, kept.content_type);
    if (!kept.location.empty()) replay.set_header("Location", kept.location);
    replay.set_header("Idempotent-Replayed", "true");
    return replay;
  }
  // Given back unless the answer is kept: a handler that throws or a server
  // error (a retry may succeed) frees the key for the retry.
  struct Release {
    app::IdempotencyDesk& desk;
    const domain::User& user;
    const std::string& key;
    bool kept = false;
    ~Release() {
      if (kept) return;
      if (auto r = desk.release(user, key); !r)
        spdlog::warn("idempotency key not released: {}", r.error().detail);
    }
  } release{ctx_.idempotency, *req.user, key};
  Response res = route.handler(req);
  if (res.status < 500) {
    auto kept = ctx_.idempotency.complete(
        *req.user, key,
        {request_hash, res.status, res.header("Content-Type"), res.body, res.header("Location")});
    if (!kept) spdlog::warn("idempotency key not stored: {}", kept.error().detail);
    release.kept = kept.has_value();
  }
  return res;
}

}  // namespace rapport::web
