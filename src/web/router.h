// web/router.h: maps a method and a path to a handler, with path
// parameters ("/admin/users/{id}") and the access each route requires.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "web/request.h"

namespace rapport::web {

using Handler = std::function<Response(Request&)>;

// Who may reach a route; finer rules (which role may do what) are app/'s.
enum class Access {
  open,   // anyone, logged in or not
  staff,  // a logged-in user with a staff role (CSR, manager, fulfilment, admin)
  user,   // any logged-in user, customers included
};

struct Route {
  std::string method;
  std::string pattern;
  Access access = Access::staff;
  Handler handler;
};

struct Match {
  const Route* route = nullptr;  // null: no route for this path and method
  bool path_known = false;       // the path matched another method (405)
  std::string allowed;           // those methods, for the Allow header: "GET, POST"
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, Handler handler);
  void get(std::string pattern, Access access, Handler handler) {
    add("GET", std::move(pattern), access, std::move(handler));
  }
  void post(std::string pattern, Access access, Handler handler) {
    add("POST", std::move(pattern), access, std::move(handler));
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
