#include "app/supervision/period_supervision.h"

#include <algorithm>
#include <map>

#include "app/access.h"
#include "app/today.h"
#include "domain/contactplan/schedule.h"
#include "store/settings/settings_repository.h"
#include "store/supervision/period_figures_repository.h"

namespace rapport::app {
namespace {

Result<std::optional<CivilDate>> typed_date(const std::string& text, const char* field) {
  if (text.empty()) return std::optional<CivilDate>{};
  auto d = parse_date(text);
  if (!d) return Error::invalid("field.date_invalid", field);
  return std::optional<CivilDate>{*d};
}

void add_call_group(domain::PeriodCounts& c, const store::CallGroup& g) {
  if (auto s = domain::contact_status_from(g.status))
    domain::add_calls(c.calls, *s, g.calls, g.attempts);
}

void add_entry_group(domain::PeriodCounts& c, const store::EntryGroup& g) {
  if (auto s = domain::contact_status_from(g.status)) domain::count_of(c.entries, *s) += g.entries;
}

void add_order_group(domain::PeriodCounts& c, const store::OrderGroup& g) {
  domain::add_conversion(c.orders, {g.started, g.completed});
}

template <typename Key>
std::vector<Key> keys_of(const std::map<Key, domain::PeriodCounts>& m) {
  std::vector<Key> out;
  for (const auto& [k, v] : m) out.push_back(k);
  return out;
}

}  // namespace

std::optional<PeriodTable> period_table_from(std::string_view name) {
  if (name == "days") return PeriodTable::days;
  if (name == "plans") return PeriodTable::plans;
  if (name == "csrs") return PeriodTable::csrs;
  if (name == "categories") return PeriodTable::categories;
  return std::nullopt;
}

Result<PeriodFigures> PeriodSupervision::report(const domain::User& actor,
                                                const PeriodInput& input) {
  if (auto ok = require(actor, Capability::supervise_calls); !ok) return ok.error();
  auto from = typed_date(input.from, "from");
  if (!from) return from.error();
  auto to = typed_date(input.to, "to");
  if (!to) return to.error();
  return db_.read([&](store::Tx& tx) -> Result<PeriodFigures> {
    const domain::InstallationSettings settings = store::SettingsRepository::load(tx);
    PeriodFigures f;
    f.zone = is_valid_time_zone(settings.time_zone) ? settings.time_zone : std::string("UTC");
    f.today = business_today(clock_, settings);
    auto period = domain::period_of(*from, *to, f.today);
    if (!period) return period.error();
    f.period = *period;

    std::vector<store::PeriodDay> days;
    for (date::sys_days d{f.period.from}; d <= date::sys_days{f.period.to}; d += date::days{1}) {
      const domain::ContactWindow whole = domain::window_on(CivilDate{d}, 0, 1440, f.zone);
      days.push_back({CivilDate{d}, whole.start, whole.end});
      PeriodRow row;
      row.day = CivilDate{d};
      f.days.push_back(std::move(row));
    }

    std::map<std::int64_t, domain::PeriodCounts> plans, users;
    std::map<std::string, domain::PeriodCounts> categories;
    for (const auto& g : store::PeriodFiguresRepository::calls(tx, days)) {
      add_call_group(f.days[g.day].counts, g);
      add_call_group(plans[g.plan], g);
      if (g.user != 0) add_call_group(users[g.user], g);
      add_call_group(categories[g.category], g);
    }
    for (const auto& g : store::PeriodFiguresRepository::entries(tx, days)) {
      add_entry_group(f.days[g.day].counts, g);
      add_entry_group(plans[g.plan], g);
      add_entry_group(categories[g.category], g);
    }
    for (const auto& g : store::PeriodFiguresRepository::orders(tx, days)) {
      add_order_group(f.days[g.day].counts, g);
      if (g.user != 0) add_order_group(users[g.user], g);
    }
    for (const auto& d : f.days) domain::add_period_counts(f.total, d.counts);

    for (const auto& p : store::PeriodFiguresRepository::plan_names(tx, keys_of(plans))) {
      PeriodRow row;
      row.id = p.id;
      row.code = p.code;
      row.name = p.name_en;
      row.name_fr = p.name_fr;
      row.counts = plans[p.id];
      f.plans.push_back(std::move(row));
    }
    for (const auto& u : store::PeriodFiguresRepository::user_names(tx, keys_of(users))) {
      PeriodRow row;
      row.id = u.id;
      row.name = u.name;
      row.counts = users[u.id];
      f.csrs.push_back(std::move(row));
    }
    for (const auto& [category, counts] : categories) {
      PeriodRow row;
      row.code = category;
      row.counts = counts;
      f.categories.push_back(std::move(row));
    }
    return f;
  });
}

}  // namespace rapport::app
