#include "domain/sales/order_closing.h"

namespace rapport::domain {

ClosingOutcome closing_outcome(bool has_lines, bool header, ContactStatus chosen) {
  if (chosen == ContactStatus::planned) return ClosingOutcome::status_not_allowed;
  if (!header) return ClosingOutcome::no_order;
  if (has_lines) return ClosingOutcome::keep_order;
  if (chosen == ContactStatus::completed) return ClosingOutcome::keep_empty_header;
  return ClosingOutcome::confirm_delete;
}

}  // namespace rapport::domain
