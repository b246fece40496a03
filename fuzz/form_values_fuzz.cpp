// A form body (application/x-www-form-urlencoded) through the decoder the
// pages read it with (web/request.h), then each value through what pages
// read values with: whole numbers, ids, dates, instants, amounts of money,
// the text check and the "next" of a form.
#include <algorithm>
#include <charconv>
#include <string>

#include "core/money.h"
#include "core/text.h"
#include "core/time.h"
#include "fuzz_check.h"
#include "web/request.h"
#include "web/ui/form_values.h"

using namespace rapport;
using namespace rapport::web;

namespace {

void check_value(const Request& req, const std::string& name, const std::string& value) {
  int number = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  const bool whole = ec == std::errc() && end == value.data() + value.size();
  // The first value of a repeated name is the one a page reads.
  if (&req.form_value(name) == &value) {
    FUZZ_CHECK(ui::form_int(req, name, -7) == (whole ? number : -7));
  }
  if (auto id = positive_int(value))
    FUZZ_CHECK(*id > 0 && value.find_first_not_of("0123456789") == std::string::npos);

  if (auto d = parse_date(value)) FUZZ_CHECK(format_date(*d) == value);
  if (auto t = parse_instant(value)) {
    std::string typed = value;
    typed[10] = 'T';
    FUZZ_CHECK(format_instant(*t) == typed);
  }
  for (const char* currency : {"EUR", "JPY"}) {
    if (auto m = parse_money(value, currency)) {
      FUZZ_CHECK(m->currency == currency);
      if (value.find('-') == std::string::npos) FUZZ_CHECK(m->minor >= 0);
      FUZZ_CHECK(value.find_first_of("0123456789") != std::string::npos);
    }
  }
  FUZZ_CHECK(parse_money(value, "XYZ") == std::nullopt);

  const TextFault fault = text_fault(value);
  auto error = text_error(value, name);
  FUZZ_CHECK(error.has_value() == (fault != TextFault::none));
  if (error) FUZZ_CHECK(error->field == name);
  if (text_fault(value, Lines::one) == TextFault::none) FUZZ_CHECK(fault == TextFault::none);

  std::string next = ui::safe_next(value);
  FUZZ_CHECK(next == "/" || next == value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body = fuzz::as_text(data, size);
  const Pairs pairs = parse_urlencoded(body);
  FUZZ_CHECK(pairs.size() <=
             static_cast<std::size_t>(std::count(body.begin(), body.end(), '&')) + 1);

  // Encoded again, the pairs decode to themselves.
  std::string again;
  for (const auto& [name, value] : pairs) {
    if (!again.empty()) again += '&';
    again += url_encode(name) + "=" + url_encode(value);
  }
  Pairs decoded = parse_urlencoded(again);
  FUZZ_CHECK(decoded == pairs);

  Request req;
  req.method = "POST";
  req.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  req.body = std::string(body);
  FUZZ_CHECK(req.form() == pairs);
  for (const auto& [name, value] : req.form()) {
    FUZZ_CHECK(find_value(pairs, name) == req.form_value(name));
    check_value(req, name, value);
  }
  return 0;
}
