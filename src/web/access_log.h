// web/access_log.h: one structured line per request.
#pragma once

#include <string>
#include <string_view>

namespace rapport::web {

// `text` with control characters, quotes and backslashes written as \xNN:
// a field of the log (a decoded path with "%0A") cannot forge a line or end
// its quotes.
std::string log_safe(std::string_view text);

// Logs (each field through log_safe): method, path (without the query, which may hold secrets),
// route, status, duration in milliseconds, user login ("-" when anonymous) and the client address,
// as key=value pairs a log shipper can parse.
void log_access(const std::string& method, const std::string& path, const std::string& route,
                int status, double seconds, const std::string& user, const std::string& client);

}  // namespace rapport::web
