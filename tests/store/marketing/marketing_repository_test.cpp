// Campaigns, packages and service orders in the store, on SQLite and
// PostgreSQL, and the JSON documents they are kept as.
#include <map>

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "store/customers/account_repository.h"
#include "store/customers/customer_repository.h"
#include "store/customers/premise_repository.h"
#include "store/marketing/campaign_repository.h"
#include "store/marketing/marketing_json.h"
#include "store/marketing/service_order_repository.h"
#include "support/fixed_clock.h"
#include "support/must.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::store {
namespace {

using rapport::testing::kSystem;

using domain::Answer;
using domain::Campaign;
using domain::Package;
using domain::Question;
using domain::ServiceOrder;
using domain::Value;
using domain::ValueType;

using testing::must;

CivilDate on_day(int y, unsigned m, unsigned d) {
  return CivilDate{date::year{y}, date::month{m}, date::day{d}};
}

std::vector<Question> sample_questions() {
  Question owns_ev{"owns_ev",
                   "Do you own an electric vehicle?",
                   "Avez-vous un véhicule électrique ?",
                   ValueType::yes_no,
                   {},
                   domain::Applicability::optional};
  Question surface{"surface",
                   "Surface (m²)",
                   "Surface (m²)",
                   ValueType::number,
                   {},
                   domain::Applicability::required};
  Question moving{"moving_date",
                  "Moving date",
                  "Date d’emménagement",
                  ValueType::date,
                  {},
                  domain::Applicability::with_package};
  Question heating{"heating",
                   "Heating",
                   "Chauffage",
                   ValueType::list,
                   {{"gas", "Gas", "Gaz"}, {"electric", "Electric", "Électrique"}},
                   domain::Applicability::required};
  Question note{"note", "Note", "Remarque", ValueType::text, {}, domain::Applicability::optional};
  return {owns_ev, surface, moving, heating, note};
}

domain::Rules sample_rules() {
  domain::Rules rules;
  domain::CriteriaGroup residential;
  residential.label = "Residential in Île-de-France";
  residential.criteria.push_back({domain::FieldRef{domain::FieldSource::order, "customer_class"},
                                  domain::Comparison::in,
                                  {Value::of_text("residential"), Value::of_text("public")},
                                  domain::CriterionEffect::holds,
                                  domain::CriterionEffect::fails,
                                  domain::CriterionEffect::needs_data});
  residential.criteria.push_back({domain::FieldRef{domain::FieldSource::answer, "surface"},
                                  domain::Comparison::between,
                                  {Value::of_number(20), Value::of_number(250.5)},
                                  domain::CriterionEffect::holds,
                                  domain::CriterionEffect::fails,
                                  domain::CriterionEffect::check_next});
  residential.if_true = domain::GroupOutcome::eligible;
  residential.if_false = domain::GroupOutcome::check_next;
  domain::CriteriaGroup others;
  others.label = "EV owners moving soon";
  others.criteria.push_back({domain::FieldRef{domain::FieldSource::answer, "owns_ev"},
                             domain::Comparison::eq,
                             {Value::of_yes_no(true)},
                             domain::CriterionEffect::holds,
                             domain::CriterionEffect::fails,
                             domain::CriterionEffect::needs_data});
  others.criteria.push_back({domain::FieldRef{domain::FieldSource::answer, "moving_date"},
                             domain::Comparison::ge,
                             {Value::of_date(on_day(2026, 4, 1))},
                             domain::CriterionEffect::holds,
                             domain::CriterionEffect::fails,
                             domain::CriterionEffect::needs_data});
  others.criteria.push_back({domain::FieldRef{domain::FieldSource::answer, "heating"},
                             domain::Comparison::ne,
                             {Value::of_list("gas")},
                             domain::CriterionEffect::holds,
                             domain::CriterionEffect::fails,
                             domain::CriterionEffect::needs_data});
  others.criteria.push_back({domain::FieldRef{domain::FieldSource::computed, "age"},
                             domain::Comparison::lt,
                             {Value::of_number(70)},
                             domain::CriterionEffect::holds,
                             domain::CriterionEffect::check_next,
                             domain::CriterionEffect::check_next});
  others.criteria.push_back({domain::FieldRef{domain::FieldSource::answer, "note"},
                             domain::Comparison::ne,
                             {Value::of_text("l’avis « spécial »")},
                             domain::CriterionEffect::holds,
                             domain::CriterionEffect::fails,
                             domain::CriterionEffect::check_next});
  others.if_true = domain::GroupOutcome::eligible;
  others.if_false = domain::GroupOutcome::ineligible;
  rules.groups = {residential, others};
  return rules;
}

Campaign sample_campaign(const std::string& code) {
  Campaign c;
  c.code = code;
  c.description_en = "Green energy 2026";
  c.description_fr = "Énergie verte 2026";
  c.valid_from = on_day(2026, 1, 1);
  c.valid_to = on_day(2026, 12, 31);
  c.target_classes = {"residential", "commercial"};
  c.target_regions = {"75", "92"};
  c.questions = sample_questions();
  c.rules = sample_rules();
  c.complete_without_package = true;
  c.new_person_class = "commercial";
  c.new_person_language = Language::fr;
  c.new_person_relationship = domain::AccountRelationship::financially_responsible;
  c.premise = {domain::Usage::required, false};
  c.account = {domain::Usage::optional, true};
  return c;
}

Package sample_package(Id<Campaign> campaign, const std::string& code) {
  Package p;
  p.campaign = campaign;
  p.code = code;
  p.description_en = "Green Home 12 months";
  p.description_fr = "Maison verte 12 mois";
  p.display_order = 2;
  p.instructions_en = "Read the terms.";
  p.instructions_fr = "Lire les conditions.";
  p.questions = {{"ev_model",
                  "EV model",
                  "Modèle du véhicule",
                  ValueType::text,
                  {},
                  domain::Applicability::optional}};
  p.overrides = {{"owns_ev", domain::Applicability::required}};
  p.rules.groups.push_back({"EV",
                            {{domain::FieldRef{domain::FieldSource::answer, "ev_model"},
                              domain::Comparison::eq,
                              {Value::of_text("Zoé")},
                              domain::CriterionEffect::holds,
                              domain::CriterionEffect::fails,
                              domain::CriterionEffect::needs_data}},
                            domain::GroupOutcome::eligible,
                            domain::GroupOutcome::ineligible});
  p.agreements = {
      {"energy", "electricity", domain::StartOption::first_of_next_month, "electric_meter", false},
      {"telecom", "broadband", domain::StartOption::on_completion, "", true}};
  return p;
}

ServiceOrder sample_order(Id<Campaign> campaign, const std::string& family_name) {
  ServiceOrder o;
  o.campaign = campaign;
  o.prospect.family_name = family_name;
  o.prospect.given_name = "Hélène";
  o.prospect.phone_e164 = "+33612345678";
  o.prospect.email = "helene@example.fr";
  o.prospect.identifier = "1 85 05 75 123 456";
  o.prospect.date_of_birth = on_day(1985, 5, 17);
  o.prospect.language = Language::fr;
  o.prospect.customer_class = "residential";
  o.prospect.address = {"12 rue de la Paix", "Bât. B", "75002", "Paris", "", "FR"};
  o.premise_address = {"3 allée des Tilleuls", "", "92100", "Boulogne-Billancourt", "", "FR"};
  o.premise_type = "apartment";
  o.answers = {{"owns_ev", Value::of_yes_no(true)},
               {"surface", Value::of_number(72.5)},
               {"moving_date", Value::of_date(on_day(2026, 4, 15))},
               {"heating", Value::of_list("electric")},
               {"note", Value::of_text("Appeler après 18 h")}};
  return o;
}

void expect_same_address(const domain::PostalAddress& a, const domain::PostalAddress& b) {
  EXPECT_EQ(a.line1, b.line1);
  EXPECT_EQ(a.line2, b.line2);
  EXPECT_EQ(a.postal_code, b.postal_code);
  EXPECT_EQ(a.city, b.city);
  EXPECT_EQ(a.region, b.region);
  EXPECT_EQ(a.country, b.country);
}

// Every written field of a campaign (store/marketing/campaign_row.h).
void expect_same(const Campaign& a, const Campaign& b) {
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.description_en, b.description_en);
  EXPECT_EQ(a.description_fr, b.description_fr);
  EXPECT_EQ(a.active, b.active);
  EXPECT_EQ(a.valid_from, b.valid_from);
  EXPECT_EQ(a.valid_to, b.valid_to);
  EXPECT_EQ(a.target_classes, b.target_classes);
  EXPECT_EQ(a.target_regions, b.target_regions);
  EXPECT_EQ(a.rules, b.rules);
  EXPECT_EQ(a.complete_without_package, b.complete_without_package);
  EXPECT_EQ(a.new_person_class, b.new_person_class);
  EXPECT_EQ(a.new_person_language, b.new_person_language);
  EXPECT_EQ(a.new_person_relationship, b.new_person_relationship);
  EXPECT_EQ(a.premise, b.premise);
  EXPECT_EQ(a.account, b.account);
  EXPECT_EQ(a.questions, b.questions);
}

// Every written field of a package (store/marketing/package_row.h).
void expect_same(const Package& a, const Package& b) {
  EXPECT_EQ(a.campaign, b.campaign);
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.description_en, b.description_en);
  EXPECT_EQ(a.description_fr, b.description_fr);
  EXPECT_EQ(a.active, b.active);
  EXPECT_EQ(a.display_order, b.display_order);
  EXPECT_EQ(a.instructions_en, b.instructions_en);
  EXPECT_EQ(a.instructions_fr, b.instructions_fr);
  EXPECT_EQ(a.rules, b.rules);
  EXPECT_EQ(a.questions, b.questions);
  EXPECT_EQ(a.overrides, b.overrides);
  EXPECT_EQ(a.agreements, b.agreements);
}

// Every written field of an order (store/marketing/service_order_row.h).
void expect_same(const ServiceOrder& a, const ServiceOrder& b) {
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.campaign, b.campaign);
  EXPECT_EQ(a.package, b.package);
  EXPECT_EQ(a.prospect, b.prospect);
  EXPECT_EQ(a.person, b.person);
  EXPECT_EQ(a.customer, b.customer);
  EXPECT_EQ(a.account, b.account);
  EXPECT_EQ(a.existing_account, b.existing_account);
  EXPECT_EQ(a.premise, b.premise);
  EXPECT_EQ(a.existing_premise, b.existing_premise);
  EXPECT_EQ(a.premise_address, b.premise_address);
  EXPECT_EQ(a.premise_type, b.premise_type);
  EXPECT_EQ(a.answers, b.answers);
  EXPECT_EQ(a.set_aside, b.set_aside);
  EXPECT_EQ(a.hold_reason, b.hold_reason);
  EXPECT_EQ(a.remind_on, b.remind_on);
  EXPECT_EQ(a.cancel_reason, b.cancel_reason);
  EXPECT_EQ(a.created, b.created);
  EXPECT_EQ(a.assigned_user, b.assigned_user);
  EXPECT_EQ(a.completed_at, b.completed_at);
}

class MarketingRepository : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t.ok()); }
  Id<Campaign> add_campaign(const std::string& code) {
    return must(t.db().write([&](Tx& tx) {
      return CampaignRepository::insert(tx, sample_campaign(code), kSystem, now);
    }));
  }
  ServiceOrder add_order(ServiceOrder o) {
    return must(t.db().write([&](Tx& tx) -> Result<ServiceOrder> {
      return ServiceOrderRepository::insert(tx, std::move(o), kSystem, now);
    }));
  }
  Status save(const ServiceOrder& o) {
    auto saved =
        t.db().write([&](Tx& tx) { return ServiceOrderRepository::update(tx, o, kSystem, now); });
    if (!saved) return saved.error();
    return Ok{};
  }

  testing::TestDatabase t;
  Instant now = testing::test_epoch();
};

TEST_F(MarketingRepository, CampaignRoundTripsWithRulesAndQuestions) {
  Campaign c = sample_campaign("GREEN-2026");
  auto id = add_campaign(c.code);
  auto found = must(t.db().read([&](Tx& tx) { return CampaignRepository::find(tx, id); }));
  EXPECT_EQ(found.id, id);
  expect_same(found, c);
  EXPECT_TRUE(found.active);
  EXPECT_EQ(found.version, 1);

  auto by_code = t.db().read([&](Tx& tx) -> Result<std::optional<Campaign>> {
    return CampaignRepository::find_by_code(tx, "GREEN-2026");
  });
  ASSERT_TRUE(by_code && *by_code);
  EXPECT_EQ((*by_code)->id, id);

  // No end date, no targets, no rules.
  Campaign open = sample_campaign("OPEN");
  open.valid_to.reset();
  open.target_classes.clear();
  open.target_regions.clear();
  open.rules = {};
  open.questions.clear();
  open.active = false;
  auto open_id = must(
      t.db().write([&](Tx& tx) { return CampaignRepository::insert(tx, open, kSystem, now); }));
  auto open_found =
      must(t.db().read([&](Tx& tx) { return CampaignRepository::find(tx, open_id); }));
  EXPECT_FALSE(open_found.valid_to);
  EXPECT_TRUE(open_found.target_classes.empty());
  EXPECT_TRUE(open_found.rules.groups.empty());
  EXPECT_FALSE(open_found.active);

  auto all = must(t.db().read([&](Tx& tx) -> Result<std::vector<Campaign>> {
    return CampaignRepository::list(tx, false);
  }));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].code, "GREEN-2026");
  EXPECT_EQ(all[1].code, "OPEN");
  auto active = must(t.db().read(
      [&](Tx& tx) -> Result<std::vector<Campaign>> { return CampaignRepository::list(tx, true); }));
  ASSERT_EQ(active.size(), 1u);

  auto missing =
      t.db().read([&](Tx& tx) { return CampaignRepository::find(tx, Id<Campaign>{999}); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().key, "campaign.not_found");
}

// The update writes the same columns as the insert: every field changed,
// the end date cleared (absent, not empty), the lists and documents emptied.
TEST_F(MarketingRepository, CampaignUpdateWritesEveryFieldAndClearsTheAbsentOnes) {
  auto id = add_campaign("GREEN-2026");
  auto found = must(t.db().read([&](Tx& tx) { return CampaignRepository::find(tx, id); }));
  Campaign edited = found;
  edited.code = "GREEN-2027";
  edited.description_en = "Green energy 2027";
  edited.description_fr = "";
  edited.active = false;
  edited.valid_from = on_day(2027, 1, 1);
  edited.valid_to.reset();
  edited.target_classes.clear();
  edited.target_regions = {"69"};
  edited.rules = {};
  edited.questions.clear();
  edited.complete_without_package = false;
  edited.new_person_class = "residential";
  edited.new_person_language = Language::en;
  edited.new_person_relationship = domain::AccountRelationship::other;
  edited.premise = {domain::Usage::not_allowed, false};
  edited.account = {domain::Usage::required, false};
  EXPECT_EQ(must(t.db().write(
                [&](Tx& tx) { return CampaignRepository::update(tx, edited, kSystem, now); })),
            2);
  auto reread = must(t.db().read([&](Tx& tx) { return CampaignRepository::find(tx, id); }));
  expect_same(reread, edited);
  EXPECT_FALSE(reread.valid_to.has_value());
  EXPECT_EQ(reread.version, 2);

  // Back again: every field set from the cleared row.
  Campaign full = sample_campaign("GREEN-2026");
  full.id = id;
  full.version = 2;
  must(t.db().write([&](Tx& tx) { return CampaignRepository::update(tx, full, kSystem, now); }));
  auto listed = must(t.db().read([&](Tx& tx) -> Result<std::vector<Campaign>> {
    return CampaignRepository::list(tx, false);
  }));
  ASSERT_EQ(listed.size(), 1u);
  expect_same(listed.front(), full);
  EXPECT_EQ(listed.front().version, 3);
}

TEST_F(MarketingRepository, CampaignUpdateIsAuditedAndRefusedWhenStale) {
  auto id = add_campaign("WINTER");
  auto opened = must(t.db().read([&](Tx& tx) { return CampaignRepository::find(tx, id); }));
  Campaign edited = opened;
  edited.description_en = "Winter saver";
  edited.target_classes = {"industrial"};
  edited.rules.groups.pop_back();
  auto version = must(
      t.db().write([&](Tx& tx) { return CampaignRepository::update(tx, edited, kSystem, now); }));
  EXPECT_EQ(version, 2);
  auto found = must(t.db().read([&](Tx& tx) { return CampaignRepository::find(tx, id); }));
  EXPECT_EQ(found.description_en, "Winter saver");
  EXPECT_EQ(found.target_classes, std::vector<std::string>{"industrial"});
  EXPECT_EQ(found.rules, edited.rules);

  auto history = must(t.db().read([&](Tx& tx) -> Result<std::vector<AuditRow>> {
    return AuditRepository::history(tx, "campaign", id.value);
  }));
  std::map<std::string, AuditRow> latest;
  for (const auto& row : history) latest.emplace(row.field, row);  // newest first
  EXPECT_EQ(latest["description_en"].old_value, "Green energy 2026");
  EXPECT_EQ(latest["description_en"].new_value, "Winter saver");
  EXPECT_EQ(latest["target_classes"].old_value, "residential,commercial");
  EXPECT_TRUE(latest["rules"].old_value);
  EXPECT_EQ(latest.count("description_fr"), 1u);     // from the creation
  EXPECT_FALSE(latest["description_fr"].old_value);  // only created, never changed

  Campaign stale = opened;  // still at version 1
  stale.description_en = "Someone else";
  stale.valid_to.reset();
  auto refused =
      t.db().write([&](Tx& tx) { return CampaignRepository::update(tx, stale, kSystem, now); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(refused.error().key, "record.stale");
  auto unchanged = must(t.db().read([&](Tx& tx) { return CampaignRepository::find(tx, id); }));
  expect_same(unchanged, edited);
  EXPECT_EQ(unchanged.version, 2);
}

TEST_F(MarketingRepository, RefusesATakenCodeAndAnUnknownClass) {
  add_campaign("DUP");
  auto second = t.db().write(
      [&](Tx& tx) { return CampaignRepository::insert(tx, sample_campaign("DUP"), kSystem, now); });
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::conflict);
  EXPECT_EQ(second.error().key, "campaign.code_taken");
  EXPECT_EQ(second.error().field, "code");

  auto other = add_campaign("OTHER");
  auto renamed = must(t.db().read([&](Tx& tx) { return CampaignRepository::find(tx, other); }));
  renamed.code = "DUP";
  auto update =
      t.db().write([&](Tx& tx) { return CampaignRepository::update(tx, renamed, kSystem, now); });
  ASSERT_FALSE(update);
  EXPECT_EQ(update.error().key, "campaign.code_taken");

  Campaign bad = sample_campaign("BADCLASS");
  bad.target_classes = {"residential", "martian"};
  auto refused =
      t.db().write([&](Tx& tx) { return CampaignRepository::insert(tx, bad, kSystem, now); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "campaign.class_unknown");
  EXPECT_EQ(refused.error().field, "target_classes");
  bad.target_classes.clear();
  bad.new_person_class = "martian";
  refused = t.db().write([&](Tx& tx) { return CampaignRepository::insert(tx, bad, kSystem, now); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "new_person_class");
}

TEST_F(MarketingRepository, PackageRoundTripsAndIsListedWithItsCampaign) {
  auto campaign = add_campaign("GREEN");
  Package p = sample_package(campaign, "HOME12");
  auto id = must(t.db().write(
      [&](Tx& tx) { return CampaignRepository::insert_package(tx, p, kSystem, now); }));
  Package first = sample_package(campaign, "AAA");
  first.display_order = 1;
  first.active = false;
  must(t.db().write(
      [&](Tx& tx) { return CampaignRepository::insert_package(tx, first, kSystem, now); }));

  auto found = must(t.db().read([&](Tx& tx) { return CampaignRepository::find_package(tx, id); }));
  EXPECT_EQ(found.id, id);
  expect_same(found, p);
  EXPECT_EQ(found.version, 1);

  auto all = must(
      t.db().read([&](Tx& tx) { return CampaignRepository::with_packages(tx, campaign, false); }));
  EXPECT_EQ(all.campaign.code, "GREEN");
  ASSERT_EQ(all.packages.size(), 2u);
  EXPECT_EQ(all.packages[0].code, "AAA");  // display order first
  EXPECT_EQ(all.packages[1].code, "HOME12");
  auto active = must(
      t.db().read([&](Tx& tx) { return CampaignRepository::with_packages(tx, campaign, true); }));
  ASSERT_EQ(active.packages.size(), 1u);

  // The code is unique within the campaign only.
  auto dup = t.db().write([&](Tx& tx) {
    return CampaignRepository::insert_package(tx, sample_package(campaign, "HOME12"), kSystem, now);
  });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
  EXPECT_EQ(dup.error().key, "package.code_taken");
  EXPECT_EQ(dup.error().field, "code");
  auto elsewhere = add_campaign("ELSEWHERE");
  EXPECT_TRUE(t.db().write([&](Tx& tx) {
    return CampaignRepository::insert_package(tx, sample_package(elsewhere, "HOME12"), kSystem,
                                              now);
  }));

  // The update writes every field the insert wrote (the campaign stays).
  found.code = "HOME24";
  found.description_en = "Green Home 24 months";
  found.description_fr = "";
  found.active = false;
  found.display_order = 7;
  found.instructions_en = "";
  found.instructions_fr = "Relire les conditions.";
  found.rules = {};
  found.questions.clear();
  found.overrides.clear();
  found.agreements.pop_back();
  EXPECT_EQ(must(t.db().write([&](Tx& tx) {
              return CampaignRepository::update_package(tx, found, kSystem, now);
            })),
            2);
  auto reread = must(t.db().read([&](Tx& tx) { return CampaignRepository::find_package(tx, id); }));
  expect_same(reread, found);
  EXPECT_EQ(reread.version, 2);

  // Saved again from the copy at version 1: refused, nothing written.
  Package late = found;
  late.description_en = "Someone else";
  auto stale = t.db().write(
      [&](Tx& tx) { return CampaignRepository::update_package(tx, late, kSystem, now); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().key, "record.stale");
  reread = must(t.db().read([&](Tx& tx) { return CampaignRepository::find_package(tx, id); }));
  expect_same(reread, found);
  EXPECT_EQ(reread.agreements.size(), 1u);
  EXPECT_EQ(reread.version, 2);

  auto missing =
      t.db().read([&](Tx& tx) { return CampaignRepository::find_package(tx, Id<Package>{9999}); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().key, "package.not_found");
}

TEST_F(MarketingRepository, RefusesAPackageWithAnUnknownTypeOrAnotherDivision) {
  auto campaign = add_campaign("GREEN");
  Package p = sample_package(campaign, "BAD");
  p.agreements[1].agreement_type = "satellite";
  auto refused =
      t.db().write([&](Tx& tx) { return CampaignRepository::insert_package(tx, p, kSystem, now); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().key, "agreement.type_unknown");
  EXPECT_EQ(refused.error().field, "agreements.1.agreement_type");

  p.agreements[1] = {"energy", "broadband", domain::StartOption::on_completion, "", false};
  refused =
      t.db().write([&](Tx& tx) { return CampaignRepository::insert_package(tx, p, kSystem, now); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "agreement.division_mismatch");
  EXPECT_EQ(refused.error().field, "agreements.1.division");

  // A type deactivated since: refused on save and at completion.
  p = sample_package(campaign, "GOOD");
  ASSERT_TRUE(t.db().write(
      [&](Tx& tx) { return CampaignRepository::insert_package(tx, p, kSystem, now); }));
  ASSERT_TRUE(t.db().read(
      [&](Tx& tx) { return CampaignRepository::check_agreement_types(tx, p.agreements); }));
  ASSERT_TRUE(t.db().write([&](Tx& tx) -> Status {
    tx.sql() << "UPDATE service_agreement_types SET active = 0 WHERE code = 'broadband'";
    return Ok{};
  }));
  auto checked = t.db().read(
      [&](Tx& tx) { return CampaignRepository::check_agreement_types(tx, p.agreements); });
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().key, "agreement.type_unknown");
  EXPECT_EQ(checked.error().field, "agreements.1.agreement_type");
  p.code = "AGAIN";
  refused =
      t.db().write([&](Tx& tx) { return CampaignRepository::insert_package(tx, p, kSystem, now); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "agreements.1.agreement_type");

  auto types =
      must(t.db().read([&](Tx& tx) -> Result<std::vector<CampaignRepository::AgreementType>> {
        return CampaignRepository::agreement_types(tx, true);
      }));
  auto find_type = [](const std::vector<CampaignRepository::AgreementType>& list,
                      const std::string& code) -> const CampaignRepository::AgreementType* {
    for (const auto& type : list)
      if (type.code == code) return &type;
    return nullptr;
  };
  ASSERT_TRUE(find_type(types, "electricity"));
  EXPECT_EQ(find_type(types, "electricity")->division, "energy");
  EXPECT_EQ(find_type(types, "electricity")->label_en, "Electricity supply");
  EXPECT_FALSE(find_type(types, "broadband"));
  auto every =
      must(t.db().read([&](Tx& tx) -> Result<std::vector<CampaignRepository::AgreementType>> {
        return CampaignRepository::agreement_types(tx, false);
      }));
  EXPECT_EQ(every.size(), types.size() + 1);
  ASSERT_TRUE(find_type(every, "broadband"));
  EXPECT_FALSE(find_type(every, "broadband")->active);
}

// Every field comes back as written, an absent one as absent (not zero or
// empty), through the insert, the update and the reads.
TEST_F(MarketingRepository, ServiceOrderRoundTrips) {
  auto user = testing::add_user(t.db(), testing::FixedClock(now), "csr1", domain::Role::csr);
  auto campaign = add_campaign("GREEN");
  auto package = must(t.db().write([&](Tx& tx) {
    return CampaignRepository::insert_package(tx, sample_package(campaign, "HOME12"), kSystem, now);
  }));
  // The customer, account and premise an order may point at.
  std::int64_t customer = 0, account = 0, premise = 0;
  ASSERT_TRUE(t.db().write([&](Tx& tx) -> Status {
    domain::Customer c;
    c.family_name = "Dupré";
    c.time_zone = "Europe/Paris";
    c.address = {"1 rue A", "", "75001", "Paris", "", "FR"};
    customer = CustomerRepository::insert(tx, c, kSystem, now).value;
    domain::Account a;
    a.customer = Id<domain::Customer>{customer};
    a.customer_class = "residential";
    a.currency = "EUR";
    a.start_date = on_day(2026, 3, 1);
    account = AccountRepository::insert(tx, a, kSystem, now).id.value;
    domain::Premise p;
    p.address = {"3 allée des Tilleuls", "", "92100", "Boulogne-Billancourt", "", "FR"};
    p.time_zone = "Europe/Paris";
    premise = PremiseRepository::insert(tx, p, kSystem, now).value;
    return Ok{};
  }));

  ServiceOrder o = sample_order(campaign, "Dupré");
  o.status = domain::OrderStatus::held;
  o.package = package;
  o.person = domain::PartyChoice::use_existing;
  o.customer = customer;
  o.account = domain::PartyChoice::use_existing;
  o.existing_account = account;
  o.premise = domain::PartyChoice::use_existing;
  o.existing_premise = premise;
  o.set_aside = {{"old_question", Value::of_number(3)}, {"old_text", Value::of_text("x")}};
  o.hold_reason = "documents_needed";
  o.remind_on = on_day(2026, 3, 12);
  o.cancel_reason = "not_yet";
  o.created.customer = 41;
  o.created.account = 42;
  o.created.service_points = {7, 8};
  o.created.agreements = {100, 101};
  o.assigned_user = user.id.value;
  o.completed_at = now + std::chrono::minutes(3);
  auto stored = add_order(o);
  EXPECT_TRUE(stored.id.valid());
  EXPECT_EQ(stored.number.size(), 9u);
  EXPECT_EQ(stored.number, "SO-" + std::string(6 - std::to_string(stored.id.value).size(), '0') +
                               std::to_string(stored.id.value));
  EXPECT_EQ(stored.version, 1);

  auto found =
      must(t.db().read([&](Tx& tx) { return ServiceOrderRepository::find(tx, stored.id); }));
  EXPECT_EQ(found.id, stored.id);
  EXPECT_EQ(found.number, stored.number);
  expect_same(found, o);
  EXPECT_EQ(found.created_at, now);
  EXPECT_EQ(found.version, 1);

  // A company, every optional field cleared, every other one changed.
  found.status = domain::OrderStatus::canceled;
  found.package.reset();
  found.prospect.kind = domain::CustomerKind::company;
  found.prospect.company_name = "Boulangerie Dupré SARL";
  found.prospect.date_of_birth.reset();
  found.person = domain::PartyChoice::create_new;
  found.customer.reset();
  found.account = domain::PartyChoice::none;
  found.existing_account.reset();
  found.premise = domain::PartyChoice::create_new;
  found.existing_premise.reset();
  found.premise_address = {"8 rue Neuve", "", "69002", "Lyon", "", "FR"};
  found.premise_type = "shop";
  found.answers.pop_back();
  found.set_aside.clear();
  found.hold_reason.clear();
  found.remind_on.reset();
  found.cancel_reason = "price";
  found.created = {};
  found.assigned_user.reset();
  found.completed_at.reset();
  ASSERT_TRUE(save(found));
  auto again =
      must(t.db().read([&](Tx& tx) { return ServiceOrderRepository::find(tx, stored.id); }));
  expect_same(again, found);
  EXPECT_FALSE(again.package);
  EXPECT_FALSE(again.customer);
  EXPECT_FALSE(again.existing_account);
  EXPECT_FALSE(again.existing_premise);
  EXPECT_FALSE(again.remind_on);
  EXPECT_FALSE(again.assigned_user);
  EXPECT_FALSE(again.completed_at);
  EXPECT_EQ(again.number, stored.number);
  EXPECT_EQ(again.created_at, now);
  EXPECT_EQ(again.version, 2);
  auto history = must(t.db().read([&](Tx& tx) -> Result<std::vector<AuditRow>> {
    return AuditRepository::history(tx, "service_order", stored.id.value);
  }));
  std::map<std::string, AuditRow> latest;
  for (const auto& row : history) latest.emplace(row.field, row);  // newest first
  EXPECT_EQ(latest["remind_on"].old_value, "2026-03-12");
  EXPECT_EQ(latest["remind_on"].new_value, "");
  EXPECT_EQ(latest["premise"].old_value, std::to_string(premise));
  EXPECT_EQ(latest["status"].new_value, "canceled");

  // The list reads the same row with the names beside it.
  auto listed = must(t.db().read([&](Tx& tx) -> Result<std::vector<ServiceOrderRow>> {
    return ServiceOrderRepository::list(tx, {});
  }));
  ASSERT_EQ(listed.size(), 1u);
  expect_same(listed.front().order, found);
  EXPECT_EQ(listed.front().campaign_code, "GREEN");
  EXPECT_EQ(listed.front().package_code, "");
  EXPECT_EQ(listed.front().prospect_name, "Boulangerie Dupré SARL");

  // Saved from a copy at version 1: refused, nothing written.
  ServiceOrder late = found;
  late.premise_type = "house";
  late.remind_on = on_day(2026, 4, 1);
  auto stale = save(late);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().key, "record.stale");
  auto unchanged =
      must(t.db().read([&](Tx& tx) { return ServiceOrderRepository::find(tx, stored.id); }));
  expect_same(unchanged, found);
  EXPECT_EQ(unchanged.version, 2);

  auto missing = t.db().read(
      [&](Tx& tx) { return ServiceOrderRepository::find(tx, Id<ServiceOrder>{424242}); });
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().key, "service_order.not_found");
}

TEST_F(MarketingRepository, KeepsAnEventPerStatusChange) {
  auto campaign = add_campaign("GREEN");
  auto o = add_order(sample_order(campaign, "Martin"));
  o.status = domain::OrderStatus::held;
  o.hold_reason = "customer_to_call_back";
  o.remind_on = on_day(2026, 3, 11);
  ASSERT_TRUE(save(o));
  o.version = 2;
  o.answers.pop_back();  // no status change: no event
  ASSERT_TRUE(save(o));
  o.version = 3;
  o.status = domain::OrderStatus::canceled;
  o.cancel_reason = "price";
  ASSERT_TRUE(save(o));
  auto events = must(t.db().read([&](Tx& tx) -> Result<std::vector<OrderEvent>> {
    return ServiceOrderRepository::events(tx, o.id);
  }));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].status, domain::OrderStatus::pending);
  EXPECT_EQ(events[0].reason, "");
  EXPECT_EQ(events[0].at, now);
  EXPECT_EQ(events[1].status, domain::OrderStatus::held);
  EXPECT_EQ(events[1].reason, "customer_to_call_back");
  EXPECT_EQ(events[2].status, domain::OrderStatus::canceled);
  EXPECT_EQ(events[2].reason, "price");
}

TEST_F(MarketingRepository, ListsOrdersByFilterAndTheRemindersDue) {
  auto user = testing::add_user(t.db(), testing::FixedClock(now), "csr1", domain::Role::csr);
  auto green = add_campaign("GREEN");
  auto winter = add_campaign("WINTER");
  auto customer = t.db().write([&](Tx& tx) -> Result<Id<domain::Customer>> {
    domain::Customer c;
    c.family_name = "Durand";
    c.given_name = "Paul";
    c.time_zone = "Europe/Paris";
    c.address = {"1 rue A", "", "75001", "Paris", "", "FR"};
    return CustomerRepository::insert(tx, c, kSystem, now);
  });
  ASSERT_TRUE(customer);

  auto a = add_order(sample_order(green, "Alpha"));
  auto b = sample_order(green, "Bravo");
  b.assigned_user = user.id.value;
  b.customer = customer->value;
  b = add_order(b);
  auto c = add_order(sample_order(winter, "Charlie"));
  auto d = add_order(sample_order(green, "Delta"));
  // Held: b until the 12th, c until the 11th, d until the 20th.
  auto hold = [&](ServiceOrder o, CivilDate until) {
    o.status = domain::OrderStatus::held;
    o.hold_reason = "other";
    o.remind_on = until;
    ASSERT_TRUE(save(o));
  };
  hold(b, on_day(2026, 3, 12));
  hold(c, on_day(2026, 3, 11));
  hold(d, on_day(2026, 3, 20));

  auto list = [&](ServiceOrderFilter f) {
    return must(t.db().read([&](Tx& tx) -> Result<std::vector<ServiceOrderRow>> {
      return ServiceOrderRepository::list(tx, f);
    }));
  };
  auto numbers = [](const std::vector<ServiceOrderRow>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.prospect_name);
    return out;
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(numbers(list({})),
            (Names{"Delta, Hélène", "Charlie, Hélène", "Bravo, Hélène", "Alpha, Hélène"}));
  auto all = list({});
  EXPECT_EQ(all[1].campaign_code, "WINTER");
  EXPECT_EQ(all[1].package_code, "");
  EXPECT_EQ(all[1].order.number, c.number);

  ServiceOrderFilter by_campaign;
  by_campaign.campaign = green.value;
  EXPECT_EQ(numbers(list(by_campaign)), (Names{"Delta, Hélène", "Bravo, Hélène", "Alpha, Hélène"}));
  ServiceOrderFilter pending;
  pending.status = domain::OrderStatus::pending;
  EXPECT_EQ(numbers(list(pending)), (Names{"Alpha, Hélène"}));
  ServiceOrderFilter mine;
  mine.assigned_user = user.id.value;
  EXPECT_EQ(numbers(list(mine)), (Names{"Bravo, Hélène"}));
  ServiceOrderFilter of_customer;
  of_customer.customer = customer->value;
  EXPECT_EQ(numbers(list(of_customer)), (Names{"Bravo, Hélène"}));
  ServiceOrderFilter due;
  due.due_on_or_before = on_day(2026, 3, 12);
  EXPECT_EQ(numbers(list(due)), (Names{"Charlie, Hélène", "Bravo, Hélène"}));
  due.due_on_or_before = on_day(2026, 3, 10);
  EXPECT_TRUE(list(due).empty());
  due.due_on_or_before = on_day(2026, 3, 31);
  due.campaign = green.value;
  EXPECT_EQ(numbers(list(due)), (Names{"Bravo, Hélène", "Delta, Hélène"}));
  ServiceOrderFilter page;
  page.limit = 2;
  page.offset = 1;
  EXPECT_EQ(numbers(list(page)), (Names{"Charlie, Hélène", "Bravo, Hélène"}));
  (void)a;
}

TEST_F(MarketingRepository, CountsConversionPerCampaign) {
  auto green = add_campaign("GREEN");
  auto winter = add_campaign("WINTER");
  std::vector<ServiceOrder> orders;
  for (int i = 0; i < 6; ++i)
    orders.push_back(add_order(sample_order(green, "P" + std::to_string(i))));
  add_order(sample_order(winter, "Other"));
  auto set = [&](ServiceOrder o, domain::OrderStatus s, std::string reason) {
    o.status = s;
    if (s == domain::OrderStatus::canceled) o.cancel_reason = reason;
    if (s == domain::OrderStatus::held) {
      o.hold_reason = reason;
      o.remind_on = on_day(2026, 3, 20);
    }
    ASSERT_TRUE(save(o));
  };
  set(orders[0], domain::OrderStatus::complete, "");
  set(orders[1], domain::OrderStatus::canceled, "price");
  set(orders[2], domain::OrderStatus::canceled, "price");
  set(orders[3], domain::OrderStatus::canceled, "competitor");
  set(orders[4], domain::OrderStatus::held, "credit_check");
  auto conv = must(t.db().read(
      [&](Tx& tx) -> Result<Conversion> { return ServiceOrderRepository::conversion(tx, green); }));
  EXPECT_EQ(conv.started, 6);
  EXPECT_EQ(conv.pending, 1);
  EXPECT_EQ(conv.held, 1);
  EXPECT_EQ(conv.canceled, 3);
  EXPECT_EQ(conv.complete, 1);
  EXPECT_EQ(conv.canceled_by_reason, (std::map<std::string, int>{{"competitor", 1}, {"price", 2}}));
  auto empty = must(t.db().read([&](Tx& tx) -> Result<Conversion> {
    return ServiceOrderRepository::conversion(tx, Id<Campaign>{999});
  }));
  EXPECT_EQ(empty.started, 0);
}

TEST_F(MarketingRepository, LinksAnAgreementToItsOrder) {
  auto campaign = add_campaign("GREEN");
  auto package = must(t.db().write([&](Tx& tx) {
    return CampaignRepository::insert_package(tx, sample_package(campaign, "HOME12"), kSystem, now);
  }));
  auto order = add_order(sample_order(campaign, "Linked"));
  long long agreement = 0;
  ASSERT_TRUE(t.db().write([&](Tx& tx) -> Status {
    domain::Customer c;
    c.family_name = "Linked";
    c.time_zone = "Europe/Paris";
    c.address = {"1 rue A", "", "75001", "Paris", "", "FR"};
    auto customer = CustomerRepository::insert(tx, c, kSystem, now);
    std::string when = format_instant(now);
    long long cid = customer.value, account = 0;
    tx.sql() << "INSERT INTO accounts (number, customer_id, customer_class, currency, status, "
                "start_date, created_at, updated_at) VALUES ('A-1', :c, 'residential', 'EUR', "
                "'active', '2026-03-10', :a, :b) RETURNING id",
        soci::use(cid), soci::use(when), soci::use(when), soci::into(account);
    tx.sql()
        << "INSERT INTO service_agreements (account_id, sa_type, division, start_date, status, "
           "created_at, updated_at) VALUES (:a, 'electricity', 'energy', '2026-04-01', "
           "'pending_start', :c, :d) RETURNING id",
        soci::use(account), soci::use(when), soci::use(when), soci::into(agreement);
    ServiceOrderRepository::link_agreement(tx, agreement, order.id, campaign, package);
    return Ok{};
  }));
  long long so = 0, cp = 0, pk = 0;
  ASSERT_TRUE(t.db().read([&](Tx& tx) -> Status {
    tx.sql() << "SELECT service_order_id, campaign_id, package_id FROM service_agreements WHERE id "
                "= :id",
        soci::use(agreement), soci::into(so), soci::into(cp), soci::into(pk);
    return Ok{};
  }));
  EXPECT_EQ(so, order.id.value);
  EXPECT_EQ(cp, campaign.value);
  EXPECT_EQ(pk, package.value);
}

// --- JSON documents -------------------------------------------------------

boost::json::value parse(const char* text) { return boost::json::parse(text); }

TEST(MarketingJson, RulesRoundTripThroughText) {
  auto rules = sample_rules();
  auto text = to_text(to_json(rules));
  auto back = rules_from_json(must(parse_stored(text, "rules_json")), sample_questions());
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, rules);
}

TEST(MarketingJson, ReadsBareValuesByTheFieldsType) {
  auto rules = rules_from_json(parse(R"({"groups": [{"label": "g", "criteria": [
      {"field": "answer:surface", "comparison": "between", "values": [20, "250,5"]},
      {"field": "answer:owns_ev", "comparison": "eq", "values": [true]},
      {"field": "answer:moving_date", "comparison": "ge", "values": ["2026-04-01"]},
      {"field": "order:customer_class", "comparison": "in", "values": ["residential"]},
      {"field": "computed:age", "comparison": "lt", "values": [70],
       "if_false": "check_next", "if_insufficient": "check_next"}],
      "if_true": "eligible", "if_false": "ineligible"}]})"),
                               sample_questions());
  ASSERT_TRUE(rules) << rules.error().key << " " << rules.error().field;
  ASSERT_EQ(rules->groups.size(), 1u);
  const auto& c = rules->groups[0].criteria;
  ASSERT_EQ(c.size(), 5u);
  EXPECT_EQ(c[0].values, (std::vector<Value>{Value::of_number(20), Value::of_number(250.5)}));
  EXPECT_EQ(c[1].values, std::vector<Value>{Value::of_yes_no(true)});
  EXPECT_EQ(c[2].values, std::vector<Value>{Value::of_date(on_day(2026, 4, 1))});
  EXPECT_EQ(c[3].values, std::vector<Value>{Value::of_text("residential")});
  EXPECT_EQ(c[4].field, (domain::FieldRef{domain::FieldSource::computed, "age"}));
  EXPECT_EQ(c[4].if_false, domain::CriterionEffect::check_next);
  EXPECT_EQ(c[4].if_true, domain::CriterionEffect::holds);  // default
  EXPECT_EQ(rules->groups[0].if_false, domain::GroupOutcome::ineligible);
}

// The stored documents' reader gives the API's codes for the same mistakes.
TEST(MarketingJson, AnUnknownCodeNamesTheCodesAllowedAndAWrongTypeItsType) {
  auto unknown = rules_from_json(parse(R"({"groups": [{"criteria": [
      {"field": "answer:surface", "comparison": "bigger", "values": [10]}]}]})"),
                                 sample_questions());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().key, "json.code_unknown");
  EXPECT_EQ(unknown.error().field, "rules.groups.0.criteria.0.comparison");
  ASSERT_FALSE(unknown.error().args.empty());
  EXPECT_NE(unknown.error().args.back().second.find("gt"), std::string::npos);
  auto wrong =
      rules_from_json(parse(R"({"groups": [{"label": 12, "criteria": []}]})"), sample_questions());
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().key, "json.type_string");
  EXPECT_EQ(wrong.error().field, "rules.groups.0.label");
}

TEST(MarketingJson, NamesTheMemberOfAValueOfTheWrongType) {
  // A bare number for a text field.
  auto rules = rules_from_json(parse(R"({"groups": [{"criteria": [
      {"field": "answer:surface", "comparison": "gt", "values": [10]},
      {"field": "answer:note", "comparison": "eq", "values": [12]}]}]})"),
                               sample_questions());
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(rules.error().key, "json.invalid_member");
  EXPECT_EQ(rules.error().field, "rules.groups.0.criteria.1.values");

  // A text that is not a number: the domain's key, at the member's path.
  rules = rules_from_json(parse(R"({"groups": [{"criteria": [
      {"field": "answer:surface", "comparison": "gt", "values": ["beaucoup"]}]}]})"),
                          sample_questions(), "package.rules");
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().key, "value.not_a_number");
  EXPECT_EQ(rules.error().field, "package.rules.groups.0.criteria.0.values");

  // Unknown codes and wrong JSON types.
  rules = rules_from_json(parse(R"({"groups": [{"criteria": [
      {"field": "answer:surface", "comparison": "about", "values": [1]}]}]})"),
                          sample_questions());
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().field, "rules.groups.0.criteria.0.comparison");
  rules = rules_from_json(parse(R"({"groups": [{"label": 3}]})"), sample_questions());
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().field, "rules.groups.0.label");
  rules = rules_from_json(parse(R"({"groups": {}})"), sample_questions());
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().field, "rules.groups");
  rules = rules_from_json(parse(R"([])"), sample_questions());
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().field, "rules");
  rules = rules_from_json(parse(R"({"groups": [{"criteria": [
      {"field": "nowhere", "values": [1]}]}]})"),
                          sample_questions());
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().field, "rules.groups.0.criteria.0.field");
  // A typed value whose type is unknown.
  rules = rules_from_json(parse(R"({"groups": [{"criteria": [
      {"field": "answer:surface", "values": [{"type": "money", "value": "1"}]}]}]})"),
                          sample_questions());
  ASSERT_FALSE(rules);
  EXPECT_EQ(rules.error().field, "rules.groups.0.criteria.0.values.type");
  // Unknown members are ignored; between with low > high is the domain's concern.
  rules = rules_from_json(parse(R"({"colour": "red", "groups": [{"criteria": [
      {"field": "answer:surface", "comparison": "between", "values": [9, 3], "x": 1}]}]})"),
                          sample_questions());
  ASSERT_TRUE(rules);
}

TEST(MarketingJson, QuestionsOverridesAndAgreementsRoundTrip) {
  auto questions = sample_questions();
  questions[1].min = 9;  // surface, m²
  questions[1].max = 2000;
  auto back = questions_from_json(parse_stored(to_text(to_json(questions)), "q").value());
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, questions);
  // Stored before bounds existed: read as a question without any.
  auto old = questions_from_json(parse(R"([{"code": "surface", "type": "number"}])"));
  ASSERT_TRUE(old);
  EXPECT_FALSE(old->front().min);
  EXPECT_FALSE(old->front().max);
  auto bad_bound = questions_from_json(parse(R"([{"code": "x", "type": "number", "min": "1"}])"));
  ASSERT_FALSE(bad_bound);
  EXPECT_EQ(bad_bound.error().field, "questions.0.min");
  std::vector<domain::QuestionOverride> overrides{{"owns_ev", domain::Applicability::required},
                                                  {"note", domain::Applicability::with_package}};
  auto o = overrides_from_json(to_json(overrides));
  ASSERT_TRUE(o);
  EXPECT_EQ(*o, overrides);
  auto agreements = sample_package(Id<Campaign>{1}, "X").agreements;
  auto a = agreements_from_json(to_json(agreements));
  ASSERT_TRUE(a);
  EXPECT_EQ(*a, agreements);

  auto bad = questions_from_json(parse(R"([{"code": "x", "type": "colour"}])"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "questions.0.type");
  bad = questions_from_json(parse(R"([{"code": "x", "choices": [{"code": 1}]}])"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "questions.0.choices.0.code");
  auto bad_agreement =
      agreements_from_json(parse(R"([{"division": "energy", "proposal": "yes"}])"));
  ASSERT_FALSE(bad_agreement);
  EXPECT_EQ(bad_agreement.error().field, "agreements.0.proposal");
  auto bad_override = overrides_from_json(parse(R"({"code": "x"})"));
  ASSERT_FALSE(bad_override);
  EXPECT_EQ(bad_override.error().field, "overrides");
}

TEST(MarketingJson, ReadsAnswersKeyedByCodeOrAsStored) {
  auto questions = sample_questions();
  auto keyed = answers_from_json(parse(R"({"owns_ev": true, "surface": 72.5,
      "moving_date": "2026-04-15", "heating": "electric", "note": "  Appeler après 18 h ",
      "skipped": null})"),
                                 questions);
  ASSERT_TRUE(keyed) << keyed.error().key << " " << keyed.error().field;
  auto expected = sample_order(Id<Campaign>{1}, "x").answers;
  EXPECT_EQ(*keyed, expected);
  auto stored = answers_from_json(to_json(expected), {});
  ASSERT_TRUE(stored);
  EXPECT_EQ(*stored, expected);

  auto unknown = answers_from_json(parse(R"({"pets": "2"})"), questions);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().key, "answer.question_unknown");
  EXPECT_EQ(unknown.error().field, "answers.pets");
  auto not_a_choice = answers_from_json(parse(R"({"heating": "coal"})"), questions);
  ASSERT_FALSE(not_a_choice);
  EXPECT_EQ(not_a_choice.error().key, "value.not_a_choice");
  EXPECT_EQ(not_a_choice.error().field, "answers.heating");
  auto wrong_type = answers_from_json(parse(R"({"owns_ev": 1})"), questions);
  ASSERT_FALSE(wrong_type);
  EXPECT_EQ(wrong_type.error().key, "json.invalid_member");
  EXPECT_EQ(wrong_type.error().field, "answers.owns_ev");
  auto as_array =
      answers_from_json(parse(R"([{"question": "surface", "value": "abc"}])"), questions);
  ASSERT_FALSE(as_array);
  EXPECT_EQ(as_array.error().key, "value.not_a_number");
  EXPECT_EQ(as_array.error().field, "answers.0.value");
  auto no_question = answers_from_json(parse(R"([{"value": "abc"}])"), questions);
  ASSERT_FALSE(no_question);
  EXPECT_EQ(no_question.error().field, "answers.0.question");
}

TEST(MarketingJson, ProspectAndCreatedRecordsRoundTrip) {
  auto o = sample_order(Id<Campaign>{1}, "Dupré");
  auto p = prospect_from_json(parse_stored(to_text(to_json(o.prospect)), "p").value());
  ASSERT_TRUE(p);
  EXPECT_EQ(p->family_name, "Dupré");
  EXPECT_EQ(p->date_of_birth, o.prospect.date_of_birth);
  EXPECT_EQ(p->language, Language::fr);
  expect_same_address(p->address, o.prospect.address);

  auto bad = prospect_from_json(parse(R"({"kind": "robot"})"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "prospect.kind");
  bad = prospect_from_json(parse(R"({"date_of_birth": "17/05/1985"})"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "prospect.date_of_birth");
  bad = prospect_from_json(parse(R"({"address": {"city": 75}})"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "prospect.address.city");

  domain::CreatedRecords created{1, std::nullopt, 3, {4, 5}, {6}};
  EXPECT_EQ(created_from_json(to_json(created)), created);
  EXPECT_EQ(created_from_json(parse("null")), domain::CreatedRecords{});

  auto corrupt = parse_stored("{not json", "answers_json");
  ASSERT_FALSE(corrupt);
  EXPECT_EQ(corrupt.error().code, ErrorCode::internal);
}

}  // namespace
}  // namespace rapport::store
