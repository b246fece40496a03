#include "domain/customers/history.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

Interaction step(std::int64_t id, std::int64_t order, const std::string& outcome) {
  Interaction i;
  i.id = Id<Interaction>{id};
  i.channel = InteractionChannel::call;
  i.direction = InteractionDirection::inbound;
  i.outcome = outcome;
  i.related_type = "service_order";
  i.related_id = order;
  return i;
}

Interaction call(std::int64_t id, InteractionChannel channel = InteractionChannel::call) {
  Interaction i;
  i.id = Id<Interaction>{id};
  i.channel = channel;
  return i;
}

std::vector<std::int64_t> ids(const std::vector<Interaction>& v) {
  std::vector<std::int64_t> out;
  for (const auto& i : v) out.push_back(i.id.value);
  return out;
}

TEST(HistoryLines, OneSaleIsOneLineWithItsStepsOldestFirst) {
  // Newest first, as the store returns them: the four steps of order 7.
  std::vector<Interaction> in{step(4, 7, "complete"), step(3, 7, "package_chosen"),
                              step(2, 7, "campaign_switched"), step(1, 7, "pending")};
  auto lines = history_lines(in);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].line.outcome, "complete") << "the line shows the order's newest step";
  EXPECT_EQ(ids(lines[0].steps), (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(call_count(lines), 1);
}

TEST(HistoryLines, OtherContactsKeepTheirPlaceBetweenOrders) {
  std::vector<Interaction> in{call(9),
                              step(8, 2, "complete"),
                              call(7, InteractionChannel::note),
                              step(6, 5, "pending"),
                              step(5, 2, "pending"),
                              call(4)};
  auto lines = history_lines(in);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].line.id.value, 9);
  EXPECT_TRUE(lines[0].steps.empty());
  EXPECT_EQ(lines[1].line.id.value, 8) << "order 2 sits where its newest step is";
  EXPECT_EQ(ids(lines[1].steps), (std::vector<std::int64_t>{5, 8}));
  EXPECT_EQ(lines[2].line.id.value, 7);
  EXPECT_EQ(lines[3].line.id.value, 6);
  EXPECT_EQ(ids(lines[3].steps), (std::vector<std::int64_t>{6}));
  EXPECT_EQ(lines[4].line.id.value, 4);
  // Calls: 9, order 2, order 5, 4 — the note is not a call.
  EXPECT_EQ(call_count(lines), 4);
}

TEST(HistoryLines, AnOrderStepWithoutAnOrderIdStaysALine) {
  std::vector<Interaction> in{step(2, 0, "pending"), step(1, 0, "pending")};
  EXPECT_EQ(history_lines(in).size(), 2u);
  EXPECT_TRUE(history_lines({}).empty());
}

}  // namespace
}  // namespace rapport::domain
