#include "domain/sales/order_closing.h"

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

struct Row {
  bool has_lines;
  bool header;
  ContactStatus chosen;
  ClosingOutcome expected;
};

// contact-planning.md, "Orders from a contact", as a table.
TEST(OrderClosing, TheStatusChosenDecidesWhatHappensToTheOrder) {
  using S = ContactStatus;
  using O = ClosingOutcome;
  const Row rows[] = {
      // Lines entered: every closing status keeps the order (OK).
      {true, true, S::unavailable, O::keep_order},
      {true, true, S::busy, O::keep_order},
      {true, true, S::call_back, O::keep_order},
      {true, true, S::completed, O::keep_order},
      {true, true, S::completed_no_order, O::keep_order},
      {true, true, S::cancelled, O::keep_order},
      // A header without lines: 90 keeps it, any other asks to delete it.
      {false, true, S::completed, O::keep_empty_header},
      {false, true, S::unavailable, O::confirm_delete},
      {false, true, S::busy, O::confirm_delete},
      {false, true, S::call_back, O::confirm_delete},
      {false, true, S::completed_no_order, O::confirm_delete},
      {false, true, S::cancelled, O::confirm_delete},
      // No header generated: only the entry's status changes.
      {false, false, S::busy, O::no_order},
      {false, false, S::completed_no_order, O::no_order},
      // 10 is the generated status, never a closing one.
      {true, true, S::planned, O::status_not_allowed},
      {false, true, S::planned, O::status_not_allowed},
  };
  for (const auto& r : rows)
    EXPECT_EQ(closing_outcome(r.has_lines, r.header, r.chosen), r.expected)
        << "lines=" << r.has_lines << " header=" << r.header << " status=" << to_number(r.chosen);
}

}  // namespace
}  // namespace rapport::domain
