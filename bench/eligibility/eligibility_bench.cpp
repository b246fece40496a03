// Eligibility checks (campaigns-and-orders.md, "Package eligibility"): how
// many package checks per second the engine (domain::evaluate) makes on one
// core, for a campaign of 20 packages of 3 groups × 4 criteria, against a
// hand-written if-chain of the very same criteria on a plain struct,
// measured in the same run.
//
// The packages mix answer, order and computed fields and =, in, between and
// ≥; per the pattern of their index some are decided by group 1, some by
// group 2, some go to group 3 and some fall through every group. Two
// prospects: one with every answer (no allocation), one who has not said
// whether they own an electric vehicle (the packages whose group 2 is
// otherwise true follow both answers through group 3; there the answer
// decides, so they end in insufficient data and list the missing field).
//
// Before timing, the engine's verdict on every package is checked against
// the hand-written one: a benchmark of wrong answers would be worthless.
//
// Settings (environment): RAPPORT_BENCH_RUNS repetitions (5),
// RAPPORT_BENCH_TABLE the file to write the Markdown table to.
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "domain/marketing/eligibility.h"

namespace rapport::bench {
namespace {

using namespace date::literals;
using domain::Comparison;
using domain::Eligibility;
using domain::FieldSource;
using domain::GroupOutcome;
using domain::Value;

constexpr int kPackages = 20;

// --- The campaign, as data both evaluators read ------------------------------------

// Group 1: class = …, region in {…}, age ≥ …, heating in {…}.
// Group 2: owns EV = …, household ≥ …, postal code in {…}, agreements between … and ….
// Group 3: premise type in {…}, monthly bill between … and …, country = …, move-in ≥ ….
struct PackageSpec {
  std::string customer_class;
  std::vector<std::string> regions;
  double min_age;
  std::vector<std::string> heatings;
  GroupOutcome g1_true, g1_false;

  bool owns_ev;
  double min_household;
  std::vector<std::string> postal_codes;
  double agreements_low, agreements_high;
  GroupOutcome g2_true, g2_false;

  std::vector<std::string> premise_types;
  double bill_low, bill_high;
  std::string country;
  double move_in_min;  // days since 1970-01-01
  GroupOutcome g3_true, g3_false;
};

double days(CivilDate d) { return Value::of_date(d).number; }

// Which criterion of each group is false for the prospect (-1: none), by
// package pattern: decided in group 1, in group 2, in group 3, by no group.
PackageSpec package(int k) {
  const int pattern = k % 5;
  auto wrong = [&](int group, int criterion) {
    static const int kFalse[5][3] = {{-1, 0, 0},  // group 1 true: eligible
                                     {0, -1, 1},  // group 2 true: eligible
                                     {3, 2, -1},  // group 3 true: eligible
                                     {1, 3, 2},   // all false: check next ×3
                                     {2, 0, 3}};  // group 1 false, then ineligible
    return kFalse[pattern][group] == criterion;
  };
  PackageSpec p;
  p.customer_class = wrong(0, 0) ? "commercial" : "residential";
  p.regions = wrong(0, 1) ? std::vector<std::string>{"BRE", "OCC", "NOR"}
                          : std::vector<std::string>{"ARA", "PAC", "IDF"};
  p.min_age = wrong(0, 2) ? 65 : 18;
  p.heatings = wrong(0, 3) ? std::vector<std::string>{"wood", "fuel_oil"}
                           : std::vector<std::string>{"electric", "gas"};
  p.g1_true = GroupOutcome::eligible;
  p.g1_false = pattern == 4 ? GroupOutcome::ineligible : GroupOutcome::check_next;
  p.owns_ev = !wrong(1, 0);
  p.min_household = wrong(1, 1) ? 5 : 2;
  p.postal_codes = wrong(1, 2) ? std::vector<std::string>{"69002", "13001"}
                               : std::vector<std::string>{"75012", "75011"};
  p.agreements_low = wrong(1, 3) ? 2 : 0;
  p.agreements_high = wrong(1, 3) ? 5 : 2;
  p.g2_true = GroupOutcome::eligible;
  p.g2_false = GroupOutcome::check_next;
  p.premise_types = wrong(2, 0) ? std::vector<std::string>{"office", "shop"}
                                : std::vector<std::string>{"house", "apartment"};
  p.bill_low = wrong(2, 1) ? 300 : 40;
  p.bill_high = wrong(2, 1) ? 900 : 250;
  p.country = wrong(2, 2) ? "BE" : "FR";
  p.move_in_min = days(wrong(2, 3) ? 2027_y / 1 / 1 : 2026_y / 1 / 1);
  p.g3_true = GroupOutcome::eligible;
  p.g3_false = GroupOutcome::check_next;
  return p;
}

// --- The engine's rules ---------------------------------------------------------------

domain::Criterion criterion(FieldSource s, const char* name, Comparison c,
                            std::vector<Value> values) {
  return {{s, name}, c, std::move(values)};
}

std::vector<Value> texts(const std::vector<std::string>& v) {
  std::vector<Value> out;
  for (const auto& s : v) out.push_back(Value::of_text(s));
  return out;
}

std::vector<Value> codes(const std::vector<std::string>& v) {
  std::vector<Value> out;
  for (const auto& s : v) out.push_back(Value::of_list(s));
  return out;
}

domain::Rules rules_of(const PackageSpec& p) {
  using S = FieldSource;
  domain::Rules r;
  r.groups.push_back(
      {"Residential in the regions",
       {criterion(S::order, "customer_class", Comparison::eq, {Value::of_text(p.customer_class)}),
        criterion(S::order, "region", Comparison::in, texts(p.regions)),
        criterion(S::computed, "age", Comparison::ge, {Value::of_number(p.min_age)}),
        criterion(S::answer, "heating", Comparison::in, codes(p.heatings))},
       p.g1_true,
       p.g1_false});
  r.groups.push_back(
      {"EV households",
       {criterion(S::answer, "owns_ev", Comparison::eq, {Value::of_yes_no(p.owns_ev)}),
        criterion(S::answer, "household", Comparison::ge, {Value::of_number(p.min_household)}),
        criterion(S::order, "postal_code", Comparison::in, texts(p.postal_codes)),
        criterion(S::computed, "existing_agreements", Comparison::between,
                  {Value::of_number(p.agreements_low), Value::of_number(p.agreements_high)})},
       p.g2_true,
       p.g2_false});
  r.groups.push_back({"Recent homes",
                      {criterion(S::order, "premise_type", Comparison::in, texts(p.premise_types)),
                       criterion(S::answer, "monthly_bill", Comparison::between,
                                 {Value::of_number(p.bill_low), Value::of_number(p.bill_high)}),
                       criterion(S::order, "country", Comparison::eq, {Value::of_text(p.country)}),
                       criterion(S::answer, "move_in", Comparison::ge,
                                 {Value{domain::ValueType::date, p.move_in_min, {}}})},
                      p.g3_true,
                      p.g3_false});
  return r;
}

// --- The prospect, as facts and as a struct ------------------------------------------------

struct Prospect {
  std::string customer_kind = "person", customer_class = "residential", language = "fr";
  std::string postal_code = "75011", city = "Paris", region = "IDF", country = "FR";
  std::string premise_type = "apartment";
  double age = 42, existing_accounts = 0, existing_agreements = 1;
  std::string heating = "gas";
  std::optional<bool> owns_ev = true;
  double household = 3, monthly_bill = 85, move_in = days(2026_y / 3 / 1);
  bool solar = false;
};

domain::Facts facts_of(const Prospect& p) {
  using S = FieldSource;
  domain::Facts f;
  const std::pair<const char*, const std::string*> order_fields[] = {
      {"customer_kind", &p.customer_kind},
      {"customer_class", &p.customer_class},
      {"language", &p.language},
      {"postal_code", &p.postal_code},
      {"city", &p.city},
      {"region", &p.region},
      {"country", &p.country},
      {"premise_type", &p.premise_type}};
  for (const auto& [name, value] : order_fields) f.set({S::order, name}, Value::of_text(*value));
  f.set({S::computed, "age"}, Value::of_number(p.age));
  f.set({S::computed, "existing_accounts"}, Value::of_number(p.existing_accounts));
  f.set({S::computed, "existing_agreements"}, Value::of_number(p.existing_agreements));
  std::vector<domain::Answer> answers{{"heating", Value::of_list(p.heating)},
                                      {"household", Value::of_number(p.household)},
                                      {"monthly_bill", Value::of_number(p.monthly_bill)},
                                      {"move_in", Value{domain::ValueType::date, p.move_in, {}}},
                                      {"solar", Value::of_yes_no(p.solar)}};
  if (p.owns_ev) answers.push_back({"owns_ev", Value::of_yes_no(*p.owns_ev)});
  f.set_answers(answers);
  return f;
}

// --- The hand-written if-chain ---------------------------------------------------------------

bool one_of(const std::string& s, const std::vector<std::string>& list) {
  for (const auto& x : list)
    if (s == x) return true;
  return false;
}

// What a developer would write for these packages: direct member access,
// values already typed, the same order of tests and the same outcomes.
Eligibility hand_written(const PackageSpec& p, const Prospect& x) {
  auto decide = [](bool is_true, GroupOutcome t, GroupOutcome f) { return is_true ? t : f; };
  GroupOutcome o = decide(x.customer_class == p.customer_class && one_of(x.region, p.regions) &&
                              x.age >= p.min_age && one_of(x.heating, p.heatings),
                          p.g1_true, p.g1_false);
  if (o != GroupOutcome::check_next)
    return o == GroupOutcome::eligible ? Eligibility::eligible : Eligibility::ineligible;
  // Group 3, then: past it every group said check next.
  auto after_group_2 = [&](GroupOutcome o2) {
    if (o2 != GroupOutcome::check_next)
      return o2 == GroupOutcome::eligible ? Eligibility::eligible : Eligibility::ineligible;
    const GroupOutcome o3 = decide(
        one_of(x.premise_type, p.premise_types) && p.bill_low <= x.monthly_bill &&
            x.monthly_bill <= p.bill_high && x.country == p.country && x.move_in >= p.move_in_min,
        p.g3_true, p.g3_false);
    return o3 == GroupOutcome::eligible ? Eligibility::eligible : Eligibility::ineligible;
  };
  // Group 2: with the EV answer missing and the other criteria true, the
  // group may be true or false; the verdict stands only if both agree.
  const bool ev_known = x.owns_ev.has_value();
  const bool rest = (!ev_known || *x.owns_ev == p.owns_ev) && x.household >= p.min_household &&
                    one_of(x.postal_code, p.postal_codes) &&
                    p.agreements_low <= x.existing_agreements &&
                    x.existing_agreements <= p.agreements_high;
  if (rest && !ev_known) {
    const Eligibility if_true = after_group_2(p.g2_true), if_false = after_group_2(p.g2_false);
    return if_true == if_false ? if_true : Eligibility::insufficient_data;
  }
  return after_group_2(decide(rest, p.g2_true, p.g2_false));
}

// --- Benchmarks
// ------------------------------------------------------------------------------------

struct Fixture {
  std::vector<PackageSpec> specs;
  std::vector<domain::Rules> rules;
  Prospect prospect;
  domain::Facts facts;
  std::map<Eligibility, int> verdicts;
};

Fixture make_fixture(bool ev_answered) {
  Fixture fx;
  for (int k = 0; k < kPackages; ++k) {
    fx.specs.push_back(package(k));
    fx.rules.push_back(rules_of(fx.specs.back()));
  }
  if (!ev_answered) fx.prospect.owns_ev.reset();
  fx.facts = facts_of(fx.prospect);
  for (int k = 0; k < kPackages; ++k) {
    const auto engine = domain::evaluate(fx.rules[k], fx.facts).result;
    const auto by_hand = hand_written(fx.specs[k], fx.prospect);
    if (engine != by_hand) {
      std::cerr << "eligibility_bench: package " << k << ": the engine says "
                << domain::to_code(engine) << ", the hand-written chain "
                << domain::to_code(by_hand) << "\n";
      std::exit(1);
    }
    ++fx.verdicts[engine];
  }
  return fx;
}

void engine(benchmark::State& state, const Fixture* fx) {
  for (auto _ : state)
    for (const auto& r : fx->rules) benchmark::DoNotOptimize(domain::evaluate(r, fx->facts));
  state.SetItemsProcessed(state.iterations() * kPackages);
}

void baseline(benchmark::State& state, const Fixture* fx) {
  for (auto _ : state)
    for (const auto& p : fx->specs) benchmark::DoNotOptimize(hand_written(p, fx->prospect));
  state.SetItemsProcessed(state.iterations() * kPackages);
}

// --- Report
// ------------------------------------------------------------------------------------------

// Keeps the median of each benchmark's items per second.
class Collector : public benchmark::ConsoleReporter {
 public:
  std::map<std::string, double> median;
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& run : runs) {
      if (run.run_type != Run::RT_Aggregate || run.aggregate_name != "median") continue;
      auto it = run.counters.find("items_per_second");
      if (it != run.counters.end()) median[run.run_name.function_name] = it->second.value;
    }
    ConsoleReporter::ReportRuns(runs);
  }
};

std::string fixed(double v, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << v;
  return out.str();
}

std::string thousands(double v) {
  std::string digits = fixed(v, 0), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string verdicts(const Fixture& fx) {
  return std::to_string(
             fx.verdicts.count(Eligibility::eligible) ? fx.verdicts.at(Eligibility::eligible) : 0) +
         " eligible, " +
         std::to_string(fx.verdicts.count(Eligibility::ineligible)
                            ? fx.verdicts.at(Eligibility::ineligible)
                            : 0) +
         " ineligible, " +
         std::to_string(fx.verdicts.count(Eligibility::insufficient_data)
                            ? fx.verdicts.at(Eligibility::insufficient_data)
                            : 0) +
         " insufficient data";
}

std::string table(const Collector& c, const Fixture& complete, const Fixture& missing, int runs) {
  std::ostringstream out;
  out << "| Prospect | Verdicts (20 packages) | Engine: package checks/s | ns per check | "
         "Hand-written if-chain: checks/s | Engine ÷ hand-written | Goal ≥ 1,000,000/s |\n";
  out << "|---|---|---:|---:|---:|---:|---|\n";
  const std::pair<const char*, const Fixture*> rows[] = {{"complete", &complete},
                                                         {"ev_unanswered", &missing}};
  for (const auto& [name, fx] : rows) {
    const std::string key = name;
    const double e = c.median.count("engine/" + key) ? c.median.at("engine/" + key) : 0;
    const double b = c.median.count("hand_written/" + key) ? c.median.at("hand_written/" + key) : 0;
    out << "| " << (key == "complete" ? "every answer given" : "EV question unanswered") << " | "
        << verdicts(*fx) << " | " << thousands(e) << " | " << (e > 0 ? fixed(1e9 / e, 0) : "–")
        << " | " << thousands(b) << " | " << (b > 0 ? fixed(e / b, 2) : "–") << " | "
        << (e >= 1e6 ? "met" : "**not met**") << " |\n";
  }
  out << "\nMedians of " << runs << " repetitions, one thread, per second of CPU time (Google "
      << "Benchmark's rate, so other processes' load counts less); a check is one package's rules "
      << "(3 groups × 4 criteria) evaluated on the order's facts, verdict and reason included.\n";
  return out.str();
}

std::string env(const char* name, const char* fallback = "") {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

}  // namespace
}  // namespace rapport::bench

int main(int argc, char** argv) {
  using namespace rapport::bench;
  benchmark::Initialize(&argc, argv);
  const int runs = std::stoi(env("RAPPORT_BENCH_RUNS", "5"));
  if (runs < 1) {
    std::cerr << "eligibility_bench: RAPPORT_BENCH_RUNS is at least 1\n";
    return 1;
  }
  static const Fixture complete = make_fixture(true);
  static const Fixture missing = make_fixture(false);
  const std::pair<const char*, const Fixture*> prospects[] = {{"complete", &complete},
                                                              {"ev_unanswered", &missing}};
  for (const auto& [name, fx] : prospects) {
    benchmark::RegisterBenchmark((std::string("engine/") + name).c_str(), engine, fx)
        ->Repetitions(runs)
        ->ReportAggregatesOnly(true);
    benchmark::RegisterBenchmark((std::string("hand_written/") + name).c_str(), baseline, fx)
        ->Repetitions(runs)
        ->ReportAggregatesOnly(true);
  }
  Collector collector;
  benchmark::RunSpecifiedBenchmarks(&collector);
  const std::string md = table(collector, complete, missing, runs);
  std::cout << "\n" << md;
  if (auto path = env("RAPPORT_BENCH_TABLE"); !path.empty()) std::ofstream(path) << md;
  benchmark::Shutdown();
  return 0;
}
