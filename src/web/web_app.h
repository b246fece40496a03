// web/web_app.h: the request pipeline shared by pages and API — static
// files, routing, authentication (session cookie or bearer token), CSRF,
// role access, idempotency keys, security headers, and the last-resort
// error page. Handlers behind it only parse, call app/, and render.
#pragma once

#include "web/router.h"
#include "web/server.h"
#include "web/static_files.h"
#include "web/web_context.h"

namespace rapport::web {

constexpr const char* kSessionCookie = "rapport_session";
constexpr const char* kLanguageCookie = "rapport_lang";

class WebApp {
 public:
  explicit WebApp(WebContext& ctx);

  // Answers one request; never throws.
  Response handle(Request& req);
  // Answers a request the server refused before parsing it fully.
  Response refuse(int status, const Pairs& headers);
  // What the server needs to know from a request's head alone, from its
  // route (server.h): whether it hashes a password, takes an upload.
  RequestClass classify(Request& head) const;
  // Whether the sender of an upload is logged in with the role its route
  // needs, before its body is read (the session is looked up).
  bool admit_upload(Request& head);

  const Router& router() const { return router_; }

 private:
  Response route(Request& req);
  Response run_handler(const Route& route, Request& req);
  bool authenticate(Request& req, Response* refusal);

  WebContext& ctx_;
  Router router_;
  StaticFiles static_files_;
};

// The language for an anonymous request: the language cookie, then
// Accept-Language, then English.
Language language_of_visitor(const Request& req);

}  // namespace rapport::web
