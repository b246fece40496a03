// web/router.h: maps a method and a path to a handler, with path
// parameters ("/admin/users/{id}") and the access each route requires.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "web/request.h"

namespace rapport::web {

using Handler = std::function<Response(Request&)>;

// Who may reach a route; finer rules (which role may do what) are app/'s.
enum class Access {
  open,   // anyone, logged in or not
  staff,  // a logged-in user with a staff role (CSR, manager, fulfilment, admin)
  user,      // any logged-in user, customers included
  customer,  // a portal user (role customer, bound to a customer): the portal's own routes
};

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::staff;
  Handler handler;
  // Hashes a password (Argon2id, ~16 ms and 19 MiB): the server runs it on
  // its bounded pool for such work.
  bool hashes_password = false;
  // Takes an upload (a CSV file) larger than the server's body limit, from
  // a user who may do this; everyone else's body is held to the limit
  // before it is read.
  std::optional<app::Capability> upload;

  Route& hashing_password() {
    hashes_password = true;
    return *this;
  }
  Route& taking_upload(app::Capability who) {
    upload = who;
    return *this;
  }
};

struct Match {
  const Route* route = nullptr;  // null: no route for this path and method
  bool path_known = false;       // the path matched another method (405)
  std::string allowed;           // those methods, for the Allow header: "GET, POST"
};

class Router {
 public:
  // The route added, to mark it (hashing_password, taking_upload); the
  // reference is good until the next add.
  Route& add(std::string method, std::string pattern, Access access, Handler handler);
  Route& get(std::string pattern, Access access, Handler handler) {
    return add("GET", std::move(pattern), access, std::move(handler));
  }
  Route& post(std::string pattern, Access access, Handler handler) {
    return add("POST", std::move(pattern), access, std::move(handler));
  }
  // Finds the route; fills req.params and req.route on success.
  Match match(Request& req) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// True when `path` fits `pattern`; captures {name} segments into params.
bool match_pattern(std::string_view pattern, std::string_view path,
                   std::unordered_map<std::string, std::string>* params);

}  // namespace rapport::web
