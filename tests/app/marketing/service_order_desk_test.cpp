// The service order desk on a real database (SQLite and PostgreSQL):
// first save, eligibility, switching campaign, holding, and completion
// creating exactly what the package says — or nothing.
#include "app/marketing/service_order_desk.h"

#include <thread>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/customers/customer_desk.h"
#include "app/events/webhook_desk.h"
#include "app/marketing/campaign_desk.h"
#include "app/settings/settings_desk.h"
#include "store/customers/customer_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"

namespace rapport::app {
namespace {

using namespace domain;

Criterion home_owner_is_yes() {
  return {{FieldSource::answer, "home_owner"}, Comparison::eq, {Value::of_yes_no(true)}};
}

class ServiceOrderDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    Campaign c;
    c.code = "TEST";
    c.description_en = "Test campaign";
    c.valid_from = CivilDate{date::year{2026}, date::month{1}, date::day{1}};
    c.premise = {Usage::required, true};
    c.account = {Usage::required, true};
    c.questions = {{"home_owner",
                    "Do you own your home?",
                    "Êtes-vous propriétaire ?",
                    ValueType::yes_no,
                    {},
                    Applicability::required},
                   {"annual_kwh",
                    "Yearly use?",
                    "Consommation annuelle ?",
                    ValueType::number,
                    {},
                    Applicability::optional}};
    auto saved = campaigns.save_campaign(manager, c);
    ASSERT_TRUE(saved) << saved.error().key << " " << saved.error().field;
    campaign = *saved;

    Package p;
    p.campaign = campaign.id;
    p.code = "OWNERS";
    p.description_en = "Owners' bundle";
    p.rules.groups = {
        {"Home owners", {home_owner_is_yes()}, GroupOutcome::eligible, GroupOutcome::ineligible}};
    p.agreements = {{"energy", "electricity", StartOption::on_completion, "electric_meter", false},
                    {"energy", "gas", StartOption::first_of_next_month, "gas_meter", true},
                    {"telecom", "broadband", StartOption::on_completion, "", false}};
    auto stored = campaigns.save_package(manager, p);
    ASSERT_TRUE(stored) << stored.error().key << " " << stored.error().field;
    package = *stored;

    Campaign alt = c;
    alt.code = "ALT";
    alt.questions = {c.questions[0],
                     {"pets", "Pets?", "Animaux ?", ValueType::text, {}, Applicability::optional}};
    auto alt_saved = campaigns.save_campaign(manager, alt);
    ASSERT_TRUE(alt_saved);
    alternate = *alt_saved;
    Package ap = p;
    ap.campaign = alternate.id;
    ap.code = "ALL";
    ap.rules = {};
    ap.agreements = {p.agreements[0]};
    ASSERT_TRUE(campaigns.save_package(manager, ap));
  }

  OrderInput prospect(std::map<std::string, std::string> answers = {{"home_owner", "yes"}}) {
    OrderInput in;
    in.order.campaign = campaign.id;
    in.order.prospect.family_name = "Moreau";
    in.order.prospect.given_name = "Lucie";
    in.order.prospect.address = {"12 rue des Lilas", "", "69003", "Lyon", "", "FR"};
    in.typed_phone = "06 21 43 65 87";
    in.answers = std::move(answers);
    return in;
  }

  ServiceOrder saved(OrderInput in) {
    auto o = desk.save(csr, std::move(in));
    EXPECT_TRUE(o) << (o ? "" : o.error().key + " " + o.error().field);
    return o ? *o : ServiceOrder{};
  }

  ServiceOrder with_package(ServiceOrder o) {
    auto chosen = desk.choose_package(csr, o.id, o.version, package.id);
    EXPECT_TRUE(chosen) << (chosen ? "" : chosen.error().key);
    return chosen ? *chosen : o;
  }

  long long count(const std::string& table) {
    return t.db()
        .read([&](store::Tx& tx) -> Result<long long> {
          long long n = 0;
          tx.sql() << ("SELECT COUNT(*) FROM " + table), soci::into(n);
          return n;
        })
        .value();
  }

  void sql(const std::string& statement) {
    ASSERT_TRUE(t.db().write([&](store::Tx& tx) -> Status {
      tx.sql() << statement;
      return Ok{};
    }));
  }

  // A premise of the territory (12 rue des Lilas, Lyon) with installed
  // service points of the given types.
  std::optional<std::int64_t> existing_premise(const std::vector<std::string>& point_types) {
    auto premise = t.db().write([&](store::Tx& tx) -> Result<std::int64_t> {
      long long id = 0;
      tx.sql() << "INSERT INTO premises (line1, line2, postal_code, city, region, country, "
                  "postal_key, address_key, premise_type, time_zone, created_at, updated_at) "
                  "VALUES ('12 rue des Lilas', '', '69003', 'Lyon', '', 'FR', '69003', '12 rue "
                  "des lilas', 'house', 'Europe/Paris', '2026-01-01T00:00:00Z', "
                  "'2026-01-01T00:00:00Z')";
      tx.sql() << "SELECT MAX(id) FROM premises", soci::into(id);
      for (const auto& type : point_types) {
        tx.sql() << "INSERT INTO service_points (premise_id, sp_type, installation_status, "
                    "created_at, updated_at) VALUES (:p, :t, 'installed', "
                    "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            soci::use(id), soci::use(type);
      }
      return static_cast<std::int64_t>(id);
    });
    return premise ? std::optional<std::int64_t>(*premise) : std::nullopt;
  }

  void predefine_territory() {
    SettingsDesk settings(t.db(), clock);
    auto s = settings.get(admin).value();
    s.territory_predefined = true;
    ASSERT_TRUE(settings.update(admin, s));
  }

  // In a predefined territory, an order on `premise` with the package chosen.
  ServiceOrder territory_order(std::int64_t premise) {
    predefine_territory();
    OrderInput in = prospect();
    in.order.premise = PartyChoice::use_existing;
    in.order.existing_premise = premise;
    return with_package(saved(in));
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  ServiceOrderDesk desk{t.db(), clock};
  CampaignDesk campaigns{t.db(), clock};
  User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
  User manager = testing::add_user(t.db(), clock, "mona", Role::manager, "Mona");
  User admin = testing::add_user(t.db(), clock, "ada", Role::admin, "Ada");
  Campaign campaign;
  Campaign alternate;
  Package package;
};

TEST_F(ServiceOrderDeskTest, FirstSaveCreatesThePersonSoADroppedCallLosesNothing) {
  const long long before = count("customers");
  auto o = saved(prospect({}));
  EXPECT_EQ(o.number, "SO-" + std::string(6 - std::to_string(o.id.value).size(), '0') +
                          std::to_string(o.id.value));
  EXPECT_EQ(o.status, OrderStatus::pending);
  EXPECT_EQ(count("customers"), before + 1);
  ASSERT_TRUE(o.customer);
  auto person = t.db().read([&](store::Tx& tx) {
    return store::CustomerRepository::find(tx, Id<Customer>{*o.customer});
  });
  ASSERT_TRUE(person);
  EXPECT_EQ(person->family_name, "Moreau");
  ASSERT_EQ(person->phones.size(), 1u);
  EXPECT_EQ(person->phones[0].e164, "+33621436587");
  EXPECT_EQ(count("interactions WHERE related_type = 'service_order'"), 1);
  // A second save updates, it does not create another person.
  OrderInput again = prospect();
  again.order = o;
  again.order.prospect.given_name = "Lucie-Anne";
  again.typed_phone = "06 21 43 65 87";
  auto second = desk.save(csr, again);
  ASSERT_TRUE(second) << second.error().key;
  EXPECT_EQ(count("customers"), before + 1);
}

// The 360° view's New order: an order for a customer who exists, whose
// facts are not typed again.
TEST_F(ServiceOrderDeskTest, AnOrderForAnExistingCustomerUsesThemAndAsksNothingAgain) {
  auto first = saved(prospect({}));
  ASSERT_TRUE(first.customer);
  const long long customers = count("customers");

  OrderPrefill prefill;
  prefill.customer = *first.customer;
  prefill.campaign = campaign.id.value;
  auto draft = desk.start(csr, prefill);
  ASSERT_TRUE(draft) << draft.error().key;
  EXPECT_EQ(draft->order.person, domain::PartyChoice::use_existing);
  EXPECT_EQ(draft->order.customer, first.customer);
  EXPECT_EQ(draft->order.prospect.family_name, "Moreau");
  EXPECT_EQ(draft->order.prospect.phone_e164, "+33621436587");
  EXPECT_EQ(draft->order.prospect.address.city, "Lyon");

  // Saved with nothing typed about the person: the customer is the prospect.
  OrderInput in;
  in.order = draft->order;
  in.order.prospect = {};
  auto order = desk.save(csr, in);
  ASSERT_TRUE(order) << order.error().key << " " << order.error().field;
  EXPECT_EQ(order->customer, first.customer);
  EXPECT_EQ(order->prospect.family_name, "Moreau");
  EXPECT_EQ(count("customers"), customers) << "no second customer";

  OrderPrefill missing;
  missing.customer = *first.customer + 1000;
  auto refused = desk.start(csr, missing);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "customer.not_found");
}

// A 226-year-old must not be eligible for the seniors' campaign: a date of
// birth is one a living person can have, and a refused one saves nothing.
TEST_F(ServiceOrderDeskTest, AnImpossibleDateOfBirthIsRefusedAndSavesNothing) {
  const long long orders = count("service_orders"), customers = count("customers");
  for (auto [year, key] : {std::pair{2099, "customer.birth_date_future"},
                           std::pair{1800, "customer.birth_date_too_old"}}) {
    OrderInput in = prospect({});
    in.order.prospect.date_of_birth = CivilDate{date::year{year}, date::month{1}, date::day{1}};
    FieldErrors errors;
    auto refused = desk.save(csr, in, &errors);
    ASSERT_FALSE(refused) << year;
    EXPECT_EQ(refused.error().key, key);
    EXPECT_EQ(refused.error().field, "prospect.date_of_birth");
  }
  EXPECT_EQ(count("service_orders"), orders);
  EXPECT_EQ(count("customers"), customers);
  OrderInput born = prospect({});
  born.order.prospect.date_of_birth = CivilDate{date::year{1951}, date::month{3}, date::day{2}};
  EXPECT_TRUE(saved(born).id.valid());
}

TEST_F(ServiceOrderDeskTest, CompletionCreatesExactlyWhatThePackageSaysLinkedToTheOrder) {
  // A billing system follows completed service orders (events are written
  // only when an endpoint subscribes).
  WebhookDesk hooks{t.db(), clock};
  ASSERT_TRUE(hooks.create(
      admin, {"https://billing.example.com/in", "", {"service_order.completed"}, "", true}));
  auto o = with_package(saved(prospect()));
  const long long accounts = count("accounts"), premises = count("premises"),
                  points = count("service_points"), agreements = count("service_agreements");
  auto done = desk.complete(csr, o.id, o.version);
  ASSERT_TRUE(done) << done.error().key << " " << done.error().field;
  const auto& created = done->order.created;
  EXPECT_EQ(done->order.status, OrderStatus::complete);
  EXPECT_EQ(count("accounts"), accounts + 1);
  EXPECT_EQ(count("premises"), premises + 1);
  EXPECT_EQ(count("service_points"), points + 2);  // the broadband row needs none
  EXPECT_EQ(count("service_agreements"), agreements + 3);
  ASSERT_TRUE(created.account && created.premise);
  EXPECT_EQ(created.service_points.size(), 2u);
  ASSERT_EQ(created.agreements.size(), 3u);
  const std::string linked =
      "service_agreements WHERE service_order_id = " + std::to_string(o.id.value) +
      " AND campaign_id = " + std::to_string(campaign.id.value) +
      " AND package_id = " + std::to_string(package.id.value);
  EXPECT_EQ(count(linked), 3);
  EXPECT_EQ(count(linked + " AND status = 'proposal' AND sa_type = 'gas'"), 1);
  EXPECT_EQ(count(linked + " AND sa_type = 'broadband' AND service_point_id IS NULL"), 1);
  // The gas agreement starts on the first of next month (the clock says 10 March).
  EXPECT_EQ(count(linked + " AND sa_type = 'gas' AND start_date = '2026-04-01'"), 1);
  EXPECT_EQ(count(linked + " AND sa_type = 'electricity' AND start_date = '2026-03-10'"), 1);
  // Starting on the day of completion, not a proposal: active at once.
  EXPECT_EQ(count(linked + " AND sa_type = 'electricity' AND status = 'active'"), 1);
  EXPECT_EQ(count(linked + " AND sa_type = 'broadband' AND status = 'active'"), 1);
  auto view = desk.view(csr, o.id);
  ASSERT_TRUE(view);
  EXPECT_FALSE(view->account_number.empty());
  EXPECT_EQ(view->premise_address, "12 rue des Lilas, 69003 Lyon");
  // Its event is in the outbox with it (README, "Webhooks").
  const std::string completed =
      "events WHERE event_type = 'service_order.completed' AND "
      "record_kind = 'service_order' AND record_id = " +
      std::to_string(o.id.value);
  EXPECT_EQ(count(completed), 1);
  // Complete is final.
  auto again = desk.complete(csr, o.id, done->order.version);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "order.final");
  EXPECT_EQ(count(completed), 1) << "a refused completion writes no event";
}

TEST_F(ServiceOrderDeskTest, AFailureInTheMiddleLeavesNothingCreated) {
  // A predefined territory with a premise that has an electricity meter
  // but no gas meter: the account, the link and the first agreement are
  // written before the gas row fails.
  auto premise = existing_premise({"electric_meter"});
  ASSERT_TRUE(premise);
  auto o = territory_order(*premise);
  const long long accounts = count("accounts"), links = count("customer_premises"),
                  points = count("service_points"), agreements = count("service_agreements");
  auto done = desk.complete(csr, o.id, o.version);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().key, "territory.service_point_missing");
  EXPECT_EQ(count("accounts"), accounts);
  EXPECT_EQ(count("customer_premises"), links);
  EXPECT_EQ(count("service_points"), points);
  EXPECT_EQ(count("service_agreements"), agreements);
  EXPECT_EQ(count("events"), 0) << "no event for a completion that rolled back";
  EXPECT_EQ(desk.view(csr, o.id)->order.status, OrderStatus::pending);
}

TEST_F(ServiceOrderDeskTest, APredefinedTerritoryCompletesOnTheExistingPremiseAndServicePoints) {
  auto premise = existing_premise({"electric_meter", "gas_meter"});
  ASSERT_TRUE(premise);
  auto o = territory_order(*premise);
  const long long premises = count("premises"), points = count("service_points"),
                  links = count("customer_premises");
  auto done = desk.complete(csr, o.id, o.version);
  ASSERT_TRUE(done) << done.error().key << " " << done.error().field;
  // Nothing new in the territory: the customer is linked to its premise, and
  // the agreements are on the service points already installed there.
  EXPECT_EQ(count("premises"), premises);
  EXPECT_EQ(count("service_points"), points);
  EXPECT_EQ(count("customer_premises"), links + 1);
  EXPECT_FALSE(done->order.created.premise);
  EXPECT_TRUE(done->order.created.service_points.empty());
  EXPECT_EQ(count("customer_premises WHERE premise_id = " + std::to_string(*premise)), 1);
  const std::string on_existing =
      "service_agreements a JOIN service_points p ON p.id = a.service_point_id WHERE "
      "a.service_order_id = " +
      std::to_string(o.id.value) + " AND p.premise_id = " + std::to_string(*premise);
  EXPECT_EQ(count(on_existing + " AND a.sa_type = 'electricity' AND p.sp_type = 'electric_meter'"),
            1);
  EXPECT_EQ(count(on_existing + " AND a.sa_type = 'gas' AND p.sp_type = 'gas_meter'"), 1);
  EXPECT_EQ(count("service_agreements WHERE service_order_id = " + std::to_string(o.id.value)), 3);
  EXPECT_EQ(desk.view(csr, o.id)->premise_address, "12 rue des Lilas, 69003 Lyon");
}

TEST_F(ServiceOrderDeskTest, ADeactivatedAgreementTypeStopsCompletionAndCreatesNothing) {
  auto o = with_package(saved(prospect()));
  sql("UPDATE service_agreement_types SET active = 0 WHERE code = 'gas'");
  const long long accounts = count("accounts"), premises = count("premises");
  auto done = desk.complete(csr, o.id, o.version);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().key, "agreement.type_unknown");
  EXPECT_EQ(count("accounts"), accounts);
  EXPECT_EQ(count("premises"), premises);
}

TEST_F(ServiceOrderDeskTest, CompletionNeedsTheRequiredAnswersAndAnEligiblePackage) {
  auto o = saved(prospect({}));
  auto refused = desk.choose_package(csr, o.id, o.version, package.id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "order.package_needs_data");
  EXPECT_EQ(refused.error().field, "answer.home_owner");

  auto answered = desk.answer(csr, o.id, o.version, "home_owner", "no");
  ASSERT_TRUE(answered);
  refused = desk.choose_package(csr, o.id, answered->version, package.id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "order.package_ineligible");

  answered = desk.answer(csr, o.id, answered->version, "home_owner", "oui");
  ASSERT_TRUE(answered) << answered.error().key;
  auto chosen = desk.choose_package(csr, o.id, answered->version, package.id);
  ASSERT_TRUE(chosen);
  // The answer changes after the package was chosen: completion re-checks.
  answered = desk.answer(csr, o.id, chosen->version, "home_owner", "no");
  ASSERT_TRUE(answered);
  const long long accounts = count("accounts");
  auto done = desk.complete(csr, o.id, answered->version);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().key, "order.package_ineligible");
  // Without the required answer at all, the message names the question.
  answered = desk.answer(csr, o.id, answered->version, "home_owner", "");
  ASSERT_TRUE(answered);
  done = desk.complete(csr, o.id, answered->version);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().key, "order.answer_required");
  EXPECT_EQ(done.error().field, "answer.home_owner");
  ASSERT_EQ(done.error().args.size(), 1u);
  EXPECT_EQ(done.error().args[0].second, "Do you own your home?");
  EXPECT_EQ(count("accounts"), accounts);
}

TEST_F(ServiceOrderDeskTest, AnAnswerOfTheWrongTypeIsRefusedAndChangesNothing) {
  auto o = saved(prospect());
  auto bad = desk.answer(csr, o.id, o.version, "annual_kwh", "a lot");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().key, "value.not_a_number");
  EXPECT_EQ(bad.error().field, "answer.annual_kwh");
  auto view = desk.view(csr, o.id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->order.version, o.version);
  EXPECT_EQ(find_answer(view->order.answers, "annual_kwh"), nullptr);
}

TEST_F(ServiceOrderDeskTest, AManagersBoundsAreKeptAndAnAnswerOutsideThemChangesNothing) {
  auto c = campaigns.campaign(manager, campaign.id).value().campaign;
  c.questions[1].min = 100;
  c.questions[1].max = 100000;
  auto reversed = c;
  reversed.questions[1].min = 200000;
  auto refused = campaigns.save_campaign(manager, reversed);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "question.bounds_order");
  EXPECT_EQ(refused.error().field, "questions.1.max");
  ASSERT_TRUE(campaigns.save_campaign(manager, c));
  auto stored = campaigns.campaign(manager, campaign.id).value().campaign;
  EXPECT_EQ(stored.questions[1].min, 100);
  EXPECT_EQ(stored.questions[1].max, 100000);
  EXPECT_FALSE(stored.questions[0].min);  // a question without bounds stays without

  auto o = saved(prospect({{"home_owner", "yes"}, {"annual_kwh", "9000"}}));
  for (const char* bad : {"-5", "99", "99999999999"}) {
    auto answer = desk.answer(csr, o.id, o.version, "annual_kwh", bad);
    ASSERT_FALSE(answer) << bad;
    EXPECT_EQ(answer.error().key, "answer.out_of_range");
    EXPECT_EQ(answer.error().field, "answer.annual_kwh");
    EXPECT_EQ(answer.error().args, (MessageArgs{{"min", "100"}, {"max", "100000"}}));
  }
  // A save with the whole form is refused the same way.
  auto in = prospect({{"home_owner", "yes"}, {"annual_kwh", "-5"}});
  in.order = o;
  auto resaved = desk.save(csr, std::move(in));
  ASSERT_FALSE(resaved);
  EXPECT_EQ(resaved.error().key, "answer.out_of_range");
  auto view = desk.view(csr, o.id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->order.version, o.version);
  EXPECT_EQ(find_answer(view->order.answers, "annual_kwh")->value.number, 9000);

  // Narrowed after the answer was given: completion names the bounds.
  auto chosen = with_package(view->order);
  c = campaigns.campaign(manager, campaign.id).value().campaign;
  c.questions[1].max = 5000;
  ASSERT_TRUE(campaigns.save_campaign(manager, c));
  auto done = desk.complete(csr, chosen.id, chosen.version);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().key, "answer.out_of_range");
  EXPECT_EQ(count("service_agreements"), 0) << "nothing created";
}

TEST_F(ServiceOrderDeskTest, AHeldOrderReappearsOnItsRemindDate) {
  auto o = saved(prospect());
  const CivilDate today{date::year{2026}, date::month{3}, date::day{10}};
  auto past = desk.hold(csr, o.id, o.version, "documents_needed",
                        CivilDate{date::year{2026}, date::month{3}, date::day{9}});
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().key, "order.remind_date_past");
  auto held = desk.hold(csr, o.id, o.version, "documents_needed",
                        CivilDate{date::sys_days{today} + date::days{2}});
  ASSERT_TRUE(held) << held.error().key;
  EXPECT_TRUE(desk.to_do(csr)->empty());
  clock.advance(std::chrono::hours{24});
  EXPECT_TRUE(desk.to_do(csr)->empty());
  clock.advance(std::chrono::hours{24});
  auto due = desk.to_do(csr);
  ASSERT_TRUE(due);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().order.id, o.id);
  // Another CSR's own list stays empty, but every CSR and the manager find
  // it among the held orders due.
  auto other = testing::add_user(t.db(), clock, "otto", Role::csr);
  EXPECT_TRUE(desk.to_do(other)->empty());
  store::ServiceOrderFilter all;
  for (const User* who : {&other, &manager}) {
    auto listed = desk.list(*who, all, {.due = true});
    ASSERT_TRUE(listed) << listed.error().key;
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->front().order.id, o.id);
    EXPECT_TRUE(desk.list(*who, all, {.due = true, .mine = true})->empty());
  }
  store::ServiceOrderFilter pending;
  pending.status = OrderStatus::pending;
  EXPECT_EQ(desk.list(manager, pending, {.due = true}).error().key, "order.due_needs_held");
  // Held orders cannot complete until released.
  auto done = desk.complete(csr, o.id, held->version);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().key, "order.not_pending");
  auto released = desk.release(csr, o.id, held->version);
  ASSERT_TRUE(released);
  EXPECT_EQ(released->status, OrderStatus::pending);
  EXPECT_TRUE(desk.to_do(csr)->empty());
}

TEST_F(ServiceOrderDeskTest, APredefinedTerritoryRefusesNewPremises) {
  predefine_territory();
  auto refused = desk.save(csr, prospect());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "territory.premise_required");
  EXPECT_EQ(count("service_orders"), 0);
  auto draft = desk.start(
      csr, {"Lucie Moreau", "06 21 43 65 87", "", "69003", "", campaign.id.value, {}, {}});
  ASSERT_TRUE(draft);
  EXPECT_TRUE(draft->territory_predefined);
  EXPECT_NE(draft->order.premise, PartyChoice::create_new);
}

TEST_F(ServiceOrderDeskTest, AStaleOrderIsRefusedAndKeepsItsData) {
  auto o = saved(prospect());
  auto first = desk.answer(csr, o.id, o.version, "annual_kwh", "9000");
  ASSERT_TRUE(first);
  auto stale = desk.answer(csr, o.id, o.version, "annual_kwh", "12000");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  auto view = desk.view(csr, o.id);
  ASSERT_TRUE(view);
  EXPECT_EQ(find_answer(view->order.answers, "annual_kwh")->value.number, 9000);
  auto stale_complete = desk.complete(csr, o.id, o.version);
  ASSERT_FALSE(stale_complete);
}

TEST_F(ServiceOrderDeskTest, SwitchingCampaignKeepsSharedAnswersAndSetsTheOthersAside) {
  auto o = with_package(saved(prospect({{"home_owner", "yes"}, {"annual_kwh", "9000"}})));
  auto tree = desk.eligibility(csr, o.id);
  ASSERT_TRUE(tree);
  ASSERT_EQ(tree->order_campaign.packages.size(), 1u);
  EXPECT_EQ(tree->order_campaign.packages[0].verdict.result, Eligibility::eligible);
  ASSERT_EQ(tree->alternates.size(), 1u);
  EXPECT_EQ(tree->alternates[0].campaign.code, "ALT");
  EXPECT_EQ(tree->alternates[0].eligible_count, 1);

  auto switched = desk.switch_campaign(csr, o.id, o.version, alternate.id);
  ASSERT_TRUE(switched) << switched.error().key;
  EXPECT_EQ(switched->campaign, alternate.id);
  EXPECT_FALSE(switched->package);
  ASSERT_EQ(switched->answers.size(), 1u);
  EXPECT_EQ(switched->answers[0].question, "home_owner");
  ASSERT_EQ(switched->set_aside.size(), 1u);
  EXPECT_EQ(switched->set_aside[0].question, "annual_kwh");
  // Switching back before saving brings the set-aside answer back.
  auto back = desk.switch_campaign(csr, o.id, switched->version, campaign.id);
  ASSERT_TRUE(back);
  EXPECT_NE(find_answer(back->answers, "annual_kwh"), nullptr);
  EXPECT_TRUE(back->set_aside.empty());
}

TEST_F(ServiceOrderDeskTest, APackagesQuestionIsAnsweredBeforeThePackageIsChosen) {
  // A package that asks its own question, and decides on it.
  Package big;
  big.campaign = campaign.id;
  big.code = "BIG";
  big.description_en = "Large households";
  big.questions = {{"household",
                    "How many people?",
                    "Combien de personnes ?",
                    ValueType::number,
                    {},
                    Applicability::required}};
  big.rules.groups = {
      {"Three or more",
       {{{FieldSource::answer, "household"}, Comparison::ge, {Value::of_number(3)}}},
       GroupOutcome::eligible,
       GroupOutcome::ineligible}};
  big.agreements = {package.agreements[2]};
  ASSERT_TRUE(campaigns.save_package(manager, big));

  auto o = saved(prospect());
  auto view = desk.view(csr, o.id);
  ASSERT_TRUE(view);
  auto asked = std::find_if(view->questions.begin(), view->questions.end(),
                            [](const Question& q) { return q.code == "household"; });
  ASSERT_NE(asked, view->questions.end()) << "the tree's missing link has a field to go to";
  EXPECT_EQ(asked->applicability, Applicability::optional) << "required once BIG is chosen";

  auto answered = desk.answer(csr, o.id, o.version, "household", "4");
  ASSERT_TRUE(answered) << answered.error().key << " " << answered.error().field;
  auto tree = desk.eligibility(csr, o.id);
  ASSERT_TRUE(tree);
  bool judged = false;
  for (const auto& node : tree->order_campaign.packages) {
    if (node.package.code != "BIG") continue;
    judged = true;
    EXPECT_EQ(node.verdict.result, Eligibility::eligible) << "the answer counts before the choice";
  }
  EXPECT_TRUE(judged);
  // The answer survives a save.
  auto again = desk.save(csr, [&] {
    auto in = prospect();
    in.order.id = o.id;
    in.order.version = answered->version;
    return in;
  }());
  ASSERT_TRUE(again) << again.error().key;
  EXPECT_NE(find_answer(again->answers, "household"), nullptr);
}

TEST_F(ServiceOrderDeskTest, ACampaignTheProspectIsNotEligibleForIsRefusedOnSwitchAndCompletion) {
  // ALT now only for commercial customers, and only for home owners.
  auto alt = campaigns.campaign(manager, alternate.id).value().campaign;
  alt.target_classes = {"commercial"};
  auto narrowed = campaigns.save_campaign(manager, alt);
  ASSERT_TRUE(narrowed) << narrowed.error().key;
  auto o = saved(prospect({{"home_owner", "no"}}));
  auto refused = desk.switch_campaign(csr, o.id, o.version, alternate.id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "campaign.not_targeted");

  alt = *narrowed;
  alt.target_classes = {};
  alt.rules.groups = {
      {"Owners", {home_owner_is_yes()}, GroupOutcome::eligible, GroupOutcome::ineligible}};
  ASSERT_TRUE(campaigns.save_campaign(manager, alt));
  refused = desk.switch_campaign(csr, o.id, o.version, alternate.id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "campaign.ineligible");
  auto stored = desk.view(csr, o.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->order.campaign, campaign.id) << "nothing changed";

  // Completion re-checks the order's own campaign: eligible when the order
  // started, no longer once the manager narrows its rules.
  OrderInput another = prospect({{"home_owner", "yes"}, {"annual_kwh", "9000"}});
  another.order.prospect.family_name = "Girard";
  another.typed_phone = "06 31 42 53 64";
  auto owner = with_package(saved(another));
  auto own = campaigns.campaign(manager, campaign.id).value().campaign;
  own.rules.groups = {
      {"Big users",
       {{{FieldSource::answer, "annual_kwh"}, Comparison::ge, {Value::of_number(10000)}}},
       GroupOutcome::eligible,
       GroupOutcome::ineligible}};
  ASSERT_TRUE(campaigns.save_campaign(manager, own));
  auto done = desk.complete(csr, owner.id, owner.version);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().key, "campaign.ineligible");
  EXPECT_EQ(count("service_agreements"), 0) << "nothing created";
}

TEST_F(ServiceOrderDeskTest, ACanceledOrderIsFinal) {
  auto o = with_package(saved(prospect()));
  auto no_reason = desk.cancel(csr, o.id, o.version, "");
  ASSERT_FALSE(no_reason);
  EXPECT_EQ(no_reason.error().key, "order.cancel_reason_required");
  auto canceled = desk.cancel(csr, o.id, o.version, "price");
  ASSERT_TRUE(canceled);
  auto done = desk.complete(csr, o.id, canceled->version);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().key, "order.final");
  auto conversion = campaigns.conversion(manager, campaign.id);
  ASSERT_TRUE(conversion);
  EXPECT_EQ(conversion->started, 1);
  EXPECT_EQ(conversion->canceled, 1);
  EXPECT_EQ(conversion->canceled_by_reason["price"], 1);
}

TEST_F(ServiceOrderDeskTest, OnlyManagersChangeCampaigns) {
  Campaign c = campaign;
  c.description_en = "Changed by a CSR";
  auto refused = campaigns.save_campaign(csr, c);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
}

TEST_F(ServiceOrderDeskTest, APackageWhoseAgreementTypeDoesNotExistIsRefused) {
  Package p = package;
  p.id = {};
  p.code = "NOPE";
  p.agreements = {{"energy", "hydrogen", StartOption::on_completion, "", false}};
  FieldErrors errors;
  auto refused = campaigns.save_package(manager, p, &errors);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "agreement.type_unknown");
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors.errors[0].field, "agreements.0.agreement_type");
}

}  // namespace
}  // namespace rapport::app

namespace rapport::app {
namespace {

using namespace domain;

// Browser Back after the first save, then Save again: the form's token
// leads to the order it made, which the replay updates.
TEST_F(ServiceOrderDeskTest, AFormSentAgainUpdatesItsOrderAndNeverCreatesASecond) {
  auto draft = desk.start(csr, {"Lucie Moreau", "", "", "", "", campaign.id.value, {}, {}});
  ASSERT_TRUE(draft);
  ASSERT_GE(draft->form_token.size(), 16u);
  auto other = desk.start(csr, {});
  ASSERT_TRUE(other);
  EXPECT_NE(other->form_token, draft->form_token) << "one token per form";
  const long long customers = count("customers");

  OrderInput in = prospect({});
  in.form_token = draft->form_token;
  auto first = desk.save(csr, in);
  ASSERT_TRUE(first) << first.error().key;
  in.order.prospect.given_name = "Lucie-Anne";
  auto again = desk.save(csr, in);
  ASSERT_TRUE(again) << again.error().key << " " << again.error().field;
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->prospect.given_name, "Lucie-Anne");
  EXPECT_EQ(count("service_orders"), 1);
  EXPECT_EQ(count("customers"), customers + 1);
  auto person = t.db().read([&](store::Tx& tx) {
    return store::CustomerRepository::find(tx, Id<Customer>{*again->customer});
  });
  ASSERT_TRUE(person);
  EXPECT_EQ(person->given_name, "Lucie-Anne") << "the replay updates the person it created";

  // Once the order has moved on, the old form would undo that: refused,
  // naming the order, and nothing changes.
  ASSERT_TRUE(desk.answer(csr, again->id, again->version, "annual_kwh", "9000"));
  in.order.prospect.given_name = "Lucienne";
  auto late = desk.save(csr, in);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::conflict);
  EXPECT_EQ(late.error().key, "order.form_already_saved");
  EXPECT_EQ(late.error().args,
            (MessageArgs{{"number", first->number}, {"order", std::to_string(first->id.value)}}));
  EXPECT_EQ(count("service_orders"), 1);
  EXPECT_EQ(count("customers"), customers + 1);
  EXPECT_EQ(desk.view(csr, first->id)->order.prospect.given_name, "Lucie-Anne");

  // The form shown again (Back): an unused token is kept, a used one leads
  // to its order; someone else's is replaced.
  OrderPrefill back;
  back.form_token = other->form_token;
  EXPECT_EQ(desk.start(csr, back)->form_token, other->form_token);
  EXPECT_FALSE(desk.start(csr, back)->saved_as);
  back.form_token = draft->form_token;
  EXPECT_EQ(desk.start(csr, back)->saved_as, first->id);
  auto theirs = desk.start(manager, back);
  ASSERT_TRUE(theirs);
  EXPECT_FALSE(theirs->saved_as);
  EXPECT_NE(theirs->form_token, draft->form_token);

  // Another user cannot send someone else's form; a made-up token is refused.
  in.order.prospect.given_name = "Lucie";
  auto foreign = desk.save(manager, in);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().key, "order.form_token_invalid");
  in.form_token = "not a token";
  auto bad = desk.save(csr, in);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().key, "order.form_token_invalid");
  EXPECT_EQ(count("service_orders"), 1);
}

// A double click: two saves of one form at the same moment, on two
// connections (two servers of one database), make one order.
TEST_F(ServiceOrderDeskTest, TwoSavesOfOneFormAtOnceMakeOneOrder) {
  auto draft = desk.start(csr, {});
  ASSERT_TRUE(draft);
  const long long customers = count("customers");
  OrderInput in = prospect({});
  in.form_token = draft->form_token;
  Result<ServiceOrder> a = Error::internal("not run"), b = Error::internal("not run");
  std::thread first([&] { a = desk.save(csr, in); });
  std::thread second([&] { b = desk.save(csr, in); });
  first.join();
  second.join();
  ASSERT_TRUE(a) << a.error().key;
  ASSERT_TRUE(b) << b.error().key;
  EXPECT_EQ(a->id, b->id);
  EXPECT_EQ(count("service_orders"), 1);
  EXPECT_EQ(count("customers"), customers + 1);
}

// Add order warns as Add customer does: a prospect with the phone of an
// existing customer is shown that customer before anything is created.
TEST_F(ServiceOrderDeskTest, AProspectWhoMayBeACustomerIsShownTheMatchesBeforeTheFirstSave) {
  auto first = saved(prospect({}));
  ASSERT_TRUE(first.customer);
  const long long customers = count("customers"), orders = count("service_orders");

  OrderInput same_phone = prospect({});
  same_phone.order.prospect.family_name = "Durand";
  same_phone.order.prospect.given_name = "Paul";
  same_phone.order.prospect.address = {"3 place Bellecour", "", "69002", "Lyon", "", "FR"};
  same_phone.typed_phone = "+33 6 21 43 65 87";
  std::vector<DuplicateCandidate> duplicates;
  auto warned = desk.save(csr, same_phone, nullptr, &duplicates);
  ASSERT_FALSE(warned);
  EXPECT_EQ(warned.error().code, ErrorCode::conflict);
  EXPECT_EQ(warned.error().key, "order.possible_duplicates");
  ASSERT_EQ(duplicates.size(), 1u);
  EXPECT_EQ(duplicates[0].customer.id.value, *first.customer);
  EXPECT_EQ(duplicates[0].reasons, std::vector<std::string>{"phone"});
  EXPECT_EQ(count("customers"), customers);
  EXPECT_EQ(count("service_orders"), orders);

  // The same name at the same postal code is the other rule Add customer has.
  OrderInput same_name = prospect({});
  same_name.typed_phone = "";
  duplicates.clear();
  ASSERT_FALSE(desk.save(csr, same_name, nullptr, &duplicates));
  ASSERT_EQ(duplicates.size(), 1u);
  EXPECT_EQ(duplicates[0].reasons, std::vector<std::string>{"name_postal_code"});

  // "Use this customer": the order is for them, and nobody is created.
  OrderPrefill prefill;
  prefill.customer = *first.customer;
  prefill.campaign = campaign.id.value;
  auto for_them = desk.start(csr, prefill);
  ASSERT_TRUE(for_them);
  OrderInput use = prospect({});
  use.order = for_them->order;
  auto theirs = desk.save(csr, use);
  ASSERT_TRUE(theirs) << theirs.error().key;
  EXPECT_EQ(theirs->customer, first.customer);
  EXPECT_EQ(count("customers"), customers);

  // Or the CSR goes on with the new prospect anyway.
  same_phone.despite_duplicates = true;
  auto anyway = desk.save(csr, same_phone);
  ASSERT_TRUE(anyway) << anyway.error().key;
  EXPECT_NE(anyway->customer, first.customer);
  EXPECT_EQ(count("customers"), customers + 1);
}

// A predefined territory's premise is found by postal code, by street, or both.
TEST_F(ServiceOrderDeskTest, ATerritoryPremiseIsFoundByPostalCodeAndStreet) {
  auto premise = existing_premise({"electric_meter"});
  ASSERT_TRUE(premise);
  CustomerDesk customers{t.db(), clock};
  auto ids = [&](const std::string& text) {
    std::vector<std::int64_t> out;
    auto found = customers.find_premises(csr, text, "");
    EXPECT_TRUE(found) << text;
    if (found)
      for (const auto& p : *found) out.push_back(p.premise.id.value);
    return out;
  };
  const std::vector<std::int64_t> it{*premise};
  EXPECT_EQ(ids("69003"), it);
  EXPECT_EQ(ids("rue des lilas"), it);
  EXPECT_EQ(ids("12 lilas 69003"), it);
  EXPECT_TRUE(ids("75011").empty());
  EXPECT_TRUE(ids("lilas 75011").empty());
  auto one = customers.premise(csr, Id<Premise>{*premise});
  ASSERT_TRUE(one);
  EXPECT_EQ(one->points.size(), 1u);
}

}  // namespace
}  // namespace rapport::app
