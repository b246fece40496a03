// web/beast_request.h: a request as Beast parsed it, turned into the plain
// Request the handlers see (web/request.h): the method, the target split
// into a percent-decoded path and its query, header names in lower case.
#pragma once

#include <string>

#include <boost/beast/http/message.hpp>

#include "web/request.h"

namespace rapport::web {

// The request of a head; the caller sets its body (a string, or the
// temporary file an upload went to). A malformed escape in the path keeps
// its raw text (the path then matches no route: 404).
Request to_request(const boost::beast::http::request_header<>& in, const std::string& client);

}  // namespace rapport::web
