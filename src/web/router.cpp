#include "web/router.h"

namespace rapport::web {

Route& Router::add(std::string method, std::string pattern, Access access, Handler handler) {
  return routes_.emplace_back(
      Route{std::move(method), std::move(pattern), access, std::move(handler), false, {}});
}

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::unordered_map<std::string, std::string>* params) {
  std::unordered_map<std::string, std::string> found;
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/')
      return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    auto p_end = pattern.find('/');
    auto s_end = path.find('/');
    auto p_seg = pattern.substr(0, p_end);
    auto s_seg = path.substr(0, s_end);
    if (p_seg.size() > 2 && p_seg.front() == '{' && p_seg.back() == '}') {
      if (s_seg.empty()) return false;
      found.emplace(std::string(p_seg.substr(1, p_seg.size() - 2)), std::string(s_seg));
    } else if (p_seg != s_seg) {
      return false;
    }
    pattern.remove_prefix(p_end == std::string_view::npos ? pattern.size() : p_end);
    path.remove_prefix(s_end == std::string_view::npos ? path.size() : s_end);
  }
  if (params) *params = std::move(found);
  return true;
}

Match Router::match(Request& req) const {
  Match m;
  // HEAD is answered by the GET route (the server drops the body).
  const std::string method = req.method == "HEAD" ? std::string("GET") : req.method;
  for (const auto& r : routes_) {
    std::unordered_map<std::string, std::string> params;
    if (!match_pattern(r.pattern, req.path, &params)) continue;
    if (r.method != method) {
      m.path_known = true;
      if (m.allowed.find(r.method) == std::string::npos)
        m.allowed += (m.allowed.empty() ? "" : ", ") + r.method;
      continue;
    }
    req.params = std::move(params);
    req.route = r.pattern;
    m.route = &r;
    return m;
  }
  return m;
}

}  // namespace rapport::web
