// domain/sales/order_closing.h: closing order entry opened from an active
// contact plan entry (contact-planning.md, "Orders from a contact"): which
// contact status may be chosen, and what choosing it does to the order.
#pragma once

#include "domain/contactplan/contact_status.h"

namespace rapport::domain {

enum class ClosingOutcome {
  keep_order,          // the order stays registered; the entry shows OK
  confirm_delete,      // no line and a header: ask, then delete the empty order
  keep_empty_header,   // no line, status 90: the empty header stays (the CSR decided)
  no_order,            // no header was generated: only the status is set
  status_not_allowed,  // not one of the statuses allowed here
};

// `has_lines`: the order has at least one line; `header`: an order header
// was generated. With lines: 11, 20, 21, 90, 92 and 93 keep the order.
// Without lines: 90 keeps the header, any other allowed status asks to
// confirm deleting it. 10 (planned) is never chosen when closing.
ClosingOutcome closing_outcome(bool has_lines, bool header, ContactStatus chosen);

}  // namespace rapport::domain
