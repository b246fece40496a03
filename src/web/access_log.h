// web/access_log.h: one structured line per request.
#pragma once

#include <string>

namespace rapport::web {

// Logs: method, path (without the query, which may hold secrets), route,
// status, duration in milliseconds, user login ("-" when anonymous) and
// the client address, as key=value pairs a log shipper can parse.
void log_access(const std::string& method, const std::string& path, const std::string& route,
                int status, double seconds, const std::string& user, const std::string& client);

}  // namespace rapport::web
