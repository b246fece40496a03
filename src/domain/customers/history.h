// domain/customers/history.h: a customer's history as a person reads it —
// one line per contact. A service order logs each of its steps (taken,
// package chosen, campaign switched, completed…) as an interaction; they
// are one sale, so they make one line with the steps inside it.
#pragma once

#include <vector>

#include "domain/customers/customer.h"

namespace rapport::domain {

struct HistoryLine {
  // The interaction the line shows: for an order, its newest step (its
  // latest time, summary and outcome).
  Interaction line;
  // An order's steps, oldest first; empty for any other interaction.
  std::vector<Interaction> steps;
};

// Gathers the interactions (newest first) into lines, newest first: every
// interaction related to the same service order joins one line, placed
// where the order's newest step is. Other interactions are a line each.
std::vector<HistoryLine> history_lines(const std::vector<Interaction>& newest_first);

// How many calls the lines hold: a line counts once, an order's steps too.
int call_count(const std::vector<HistoryLine>& lines);

}  // namespace rapport::domain
