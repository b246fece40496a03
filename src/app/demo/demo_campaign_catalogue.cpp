#include "app/demo/demo_campaign_catalogue.h"

namespace rapport::app {
namespace {

using namespace domain;

Question yes_no(const char* code, const char* en, const char* fr,
                Applicability a = Applicability::optional) {
  return {code, en, fr, ValueType::yes_no, {}, a};
}
// A number question answered within min–max.
Question number(const char* code, const char* en, const char* fr, std::int64_t min,
                std::int64_t max, Applicability a = Applicability::optional) {
  Question q{code, en, fr, ValueType::number, {}, a};
  q.min = min;
  q.max = max;
  return q;
}
Question list(const char* code, const char* en, const char* fr, std::vector<ListChoice> choices,
              Applicability a = Applicability::optional) {
  return {code, en, fr, ValueType::list, std::move(choices), a};
}

const std::vector<ListChoice>& heating_choices() {
  static const std::vector<ListChoice> choices{
      {"electric", "Electric heaters", "Radiateurs électriques"},
      {"heat_pump", "Heat pump", "Pompe à chaleur"},
      {"gas", "Gas boiler", "Chaudière gaz"},
      {"oil", "Oil boiler", "Chaudière fioul"},
      {"wood", "Wood stove", "Poêle à bois"}};
  return choices;
}

Question heating(Applicability a = Applicability::optional) {
  return list("heating", "How is the home heated?", "Comment le logement est-il chauffé ?",
              heating_choices(), a);
}
Question home_owner(Applicability a = Applicability::optional) {
  return yes_no("home_owner", "Do you own your home?", "Êtes-vous propriétaire de votre logement ?",
                a);
}

FieldRef answer(const char* code) { return {FieldSource::answer, code}; }
FieldRef order(const char* name) { return {FieldSource::order, name}; }
FieldRef computed(const char* name) { return {FieldSource::computed, name}; }

Criterion is(FieldRef f, Value v) { return {std::move(f), Comparison::eq, {std::move(v)}}; }
Criterion is_in(FieldRef f, std::vector<Value> values) {
  return {std::move(f), Comparison::in, std::move(values)};
}
Criterion compare(FieldRef f, Comparison c, double n) {
  return {std::move(f), c, {Value::of_number(n)}};
}
Criterion between(FieldRef f, double low, double high) {
  return {std::move(f), Comparison::between, {Value::of_number(low), Value::of_number(high)}};
}

// A group's label in English and in French.
struct Label {
  const char* en;
  const char* fr;
};

CriteriaGroup group(Label label, std::vector<Criterion> criteria, GroupOutcome if_true,
                    GroupOutcome if_false) {
  return {label.en, std::move(criteria), if_true, if_false, label.fr};
}

// Eligible for one customer class, ineligible otherwise.
Rules only_class(Label label, std::vector<Value> classes) {
  return {{group(label, {is_in(order("customer_class"), std::move(classes))},
                 GroupOutcome::eligible, GroupOutcome::ineligible)}};
}

AgreementToCreate agreement(const char* division, const char* type, const char* point,
                            StartOption start = StartOption::on_completion, bool proposal = false) {
  return {division, type, start, point, proposal};
}

Package package(const char* code, const char* en, const char* fr, int order, Rules rules,
                std::vector<AgreementToCreate> agreements, const char* instructions_en = "",
                const char* instructions_fr = "") {
  Package p;
  p.code = code;
  p.description_en = en;
  p.description_fr = fr;
  p.display_order = order;
  p.rules = std::move(rules);
  p.agreements = std::move(agreements);
  p.instructions_en = instructions_en;
  p.instructions_fr = instructions_fr;
  return p;
}

Campaign campaign(const char* code, const char* en, const char* fr, CivilDate today) {
  Campaign c;
  c.code = code;
  c.description_en = en;
  c.description_fr = fr;
  c.valid_from = today;
  c.valid_to = CivilDate{today.year() + date::years{1}, today.month(), date::day{1}};
  c.premise = {Usage::required, true};
  c.account = {Usage::required, true};
  return c;
}

DemoCampaign dummy(CivilDate today) {
  // Seed 000's second approach: nothing is known about a new caller, so the
  // default campaign offers no package; Show eligibility lists the real ones.
  auto c = campaign("DUMMY", "New caller — find the right campaign",
                    "Nouvel appelant — trouver la bonne campagne", today);
  c.questions = {home_owner(), heating(),
                 number("occupants", "How many people live in the home?",
                        "Combien de personnes vivent dans le logement ?", 1, 20)};
  return {c, {}};
}

DemoCampaign generic(CivilDate today) {
  // Seed 000's first approach: one package for every kind of customer.
  auto c = campaign("GENERIC", "Standard offer for every customer",
                    "Offre standard pour tous les clients", today);
  c.questions = {home_owner(), heating()};
  return {
      c,
      {package("RES", "Residential electricity", "Électricité résidentielle", 10,
               only_class({"Residential customers", "Clients résidentiels"},
                          {Value::of_text("residential")}),
               {agreement("energy", "electricity", "electric_meter")}),
       package(
           "RES-GAS", "Residential electricity and gas", "Électricité et gaz résidentiels", 20,
           {{group({"Residential customers heated by gas", "Clients résidentiels chauffés au gaz"},
                   {is(order("customer_class"), Value::of_text("residential")),
                    is(answer("heating"), Value::of_list("gas"))},
                   GroupOutcome::eligible, GroupOutcome::ineligible)}},
           {agreement("energy", "electricity", "electric_meter"),
            agreement("energy", "gas", "gas_meter")}),
       package("BUS", "Business electricity", "Électricité professionnelle", 30,
               only_class(
                   {"Commercial and industrial customers", "Clients professionnels et industriels"},
                   {Value::of_text("commercial"), Value::of_text("industrial")}),
               {agreement("energy", "electricity", "electric_meter",
                          StartOption::first_of_next_month)}),
       package("PUB", "Public sector supply", "Fourniture secteur public", 40,
               only_class({"Public sector", "Secteur public"}, {Value::of_text("public")}),
               {agreement("energy", "electricity", "electric_meter",
                          StartOption::first_of_next_month)})}};
}

DemoCampaign green(CivilDate today) {
  auto c = campaign("GREEN-2026", "Green energy for the home 2026",
                    "Énergie verte pour la maison 2026", today);
  c.target_classes = {"residential"};
  c.questions = {home_owner(Applicability::required),
                 yes_no("owns_ev", "Do you own an electric vehicle?",
                        "Possédez-vous un véhicule électrique ?"),
                 number("annual_kwh", "Yearly electricity use (kWh)?",
                        "Consommation annuelle d’électricité (kWh) ?", 0, 100000),
                 heating()};
  c.rules = only_class({"Residential customers", "Clients résidentiels"},
                       {Value::of_text("residential")});
  auto ev = package(
      "GREEN-EV", "Green Home + EV", "Maison verte + VE", 30,
      {{group({"Home owners with an electric vehicle", "Propriétaires avec un véhicule électrique"},
              {is(answer("owns_ev"), Value::of_yes_no(true)),
               is(answer("home_owner"), Value::of_yes_no(true))},
              GroupOutcome::eligible, GroupOutcome::ineligible)}},
      {agreement("energy", "green_electricity", "electric_meter"),
       agreement("energy", "ev_charging", "ev_charger", StartOption::first_of_next_month)},
      "Book the charger installation visit before ending the call.",
      "Fixez la visite d’installation de la borne avant de raccrocher.");
  auto heat_pump = package(
      "GREEN-HP", "Green Home + heat pump care", "Maison verte + entretien pompe à chaleur", 40,
      {{group({"Electric or heat-pump homes using 8,000 to 30,000 kWh",
               "Logements chauffés à l’électricité ou par pompe à chaleur consommant de 8 000 à "
               "30 000 kWh"},
              {between(answer("annual_kwh"), 8000, 30000),
               is_in(answer("heating"), {Value::of_list("electric"), Value::of_list("heat_pump")})},
              GroupOutcome::eligible, GroupOutcome::check_next),
        group({"Home owners", "Propriétaires"}, {is(answer("home_owner"), Value::of_yes_no(true))},
              GroupOutcome::eligible, GroupOutcome::ineligible)}},
      {agreement("energy", "green_electricity", "electric_meter"),
       agreement("services", "heating_care", "", StartOption::first_of_next_month, true)});
  return {c,
          {package("GREEN-12", "Green Home 12 months", "Maison verte 12 mois", 10,
                   only_class({"Residential customers", "Clients résidentiels"},
                              {Value::of_text("residential")}),
                   {agreement("energy", "green_electricity", "electric_meter")},
                   "Read the 14-day withdrawal notice to the customer.",
                   "Lisez au client la mention du délai de rétractation de 14 jours."),
           package("GREEN-BIZ", "Green Business", "Entreprise verte", 20,
                   only_class({"Commercial customers", "Clients professionnels"},
                              {Value::of_text("commercial")}),
                   {agreement("energy", "green_electricity", "electric_meter")}),
           ev, heat_pump}};
}

DemoCampaign small_business(CivilDate today) {
  auto c =
      campaign("SMB-2026", "Small business bundle 2026", "Pack petites entreprises 2026", today);
  c.target_classes = {"commercial"};
  c.new_person_class = "commercial";
  c.questions = {number("employees", "How many employees?", "Combien de salariés ?", 1, 250,
                        Applicability::required),
                 list("sector", "Business sector?", "Secteur d’activité ?",
                      {{"retail", "Shop", "Commerce"},
                       {"office", "Office", "Bureaux"},
                       {"restaurant", "Restaurant", "Restauration"},
                       {"workshop", "Workshop", "Atelier"}}),
                 yes_no("needs_telephony", "Do you need business phone lines?",
                        "Avez-vous besoin de lignes téléphoniques professionnelles ?",
                        Applicability::with_package)};
  c.rules = only_class({"Commercial customers", "Clients professionnels"},
                       {Value::of_text("commercial")});
  return {
      c,
      {package("SMB-POWER", "Business power, fixed price", "Électricité pro à prix fixe", 10,
               {{group({"Up to 50 employees", "Jusqu’à 50 salariés"},
                       {compare(answer("employees"), Comparison::le, 50)}, GroupOutcome::eligible,
                       GroupOutcome::ineligible)}},
               {agreement("energy", "electricity", "electric_meter",
                          StartOption::first_of_next_month)}),
       package(
           "SMB-CONNECT", "Business broadband and phone", "Internet et téléphonie pro", 20,
           {{group({"Offices and shops", "Bureaux et commerces"},
                   {is_in(answer("sector"), {Value::of_list("office"), Value::of_list("retail")})},
                   GroupOutcome::eligible, GroupOutcome::ineligible)}},
           {agreement("telecom", "broadband", "broadband_line"),
            agreement("telecom", "telephony", "")}),
       package("SMB-GAS", "Gas for kitchens and workshops", "Gaz pour cuisines et ateliers", 30,
               {{group({"Restaurants and workshops", "Restaurants et ateliers"},
                       {is_in(answer("sector"),
                              {Value::of_list("restaurant"), Value::of_list("workshop")}),
                        compare(answer("employees"), Comparison::ge, 1)},
                       GroupOutcome::eligible, GroupOutcome::ineligible)}},
               {agreement("energy", "gas", "gas_meter")})}};
}

DemoCampaign winter_senior(CivilDate today) {
  auto c =
      campaign("WINTER-SENIOR", "Seniors’ winter saver", "Hiver serein pour les seniors", today);
  c.target_classes = {"residential"};
  c.questions = {heating(), yes_no("lives_alone", "Do you live alone?", "Vivez-vous seul(e) ?")};
  c.rules = {
      {group({"Aged 65 or more", "65 ans ou plus"}, {compare(computed("age"), Comparison::ge, 65)},
             GroupOutcome::eligible, GroupOutcome::ineligible)}};
  return {
      c,
      {package("WINTER-FIX", "Winter fixed price", "Prix fixe d’hiver", 10, {},
               {agreement("energy", "electricity", "electric_meter")},
               "Offer the free winter check-up call.",
               "Proposez l’appel de suivi hivernal gratuit."),
       package(
           "WINTER-CARE", "Boiler care for seniors", "Entretien de chaudière seniors", 20,
           {{group({"Gas or oil boilers", "Chaudières au gaz ou au fioul"},
                   {is_in(answer("heating"), {Value::of_list("gas"), Value::of_list("oil")})},
                   GroupOutcome::eligible, GroupOutcome::ineligible)}},
           {agreement("services", "heating_care", "", StartOption::first_of_next_month, true)})}};
}

}  // namespace

std::vector<DemoCampaign> demo_campaign_catalogue(CivilDate today) {
  return {dummy(today), generic(today), green(today), small_business(today), winter_senior(today)};
}

}  // namespace rapport::app
