#include "web/beast_request.h"

#include <cctype>

namespace rapport::web {

Request to_request(const boost::beast::http::request_header<>& in, const std::string& client) {
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  auto q = r.target.find('?');
  std::string raw_path = r.target.substr(0, q);
  // Percent-decode the path; a malformed escape keeps the raw text (→ 404).
  std::string decoded;
  for (std::size_t i = 0; i < raw_path.size(); ++i) {
    if (raw_path[i] == '%' && i + 2 < raw_path.size() && hex(raw_path[i + 1]) &&
        hex(raw_path[i + 2])) {
      decoded += static_cast<char>(std::stoi(raw_path.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      decoded += raw_path[i];
    }
  }
  r.path = decoded;
  if (q != std::string::npos) r.query = parse_urlencoded(std::string_view(r.target).substr(q + 1));
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  r.client_address = client;
  return r;
}

}  // namespace rapport::web
