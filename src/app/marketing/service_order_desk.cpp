// The service order desk: opening, saving, answering, viewing, listing and
// the status changes short of completion (service_order_completion.cpp)
// and eligibility (service_order_eligibility.cpp).
#include "app/marketing/service_order_desk.h"

#include <algorithm>

#include "app/access.h"
#include "app/crypto.h"
#include "app/marketing/service_order_prospect.h"
#include "app/marketing/service_order_support.h"
#include "app/paging.h"
#include "domain/customers/customer_rules.h"
#include "domain/customers/phone.h"
#include "domain/customers/search_prefill.h"
#include "domain/customers/search_query.h"
#include "store/customers/account_repository.h"
#include "store/customers/customer_class_repository.h"
#include "store/customers/customer_repository.h"
#include "store/customers/premise_repository.h"
#include "store/marketing/campaign_repository.h"
#include "store/marketing/order_form_token_repository.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {
namespace {

using domain::ServiceOrder;

Status refuse_final(const ServiceOrder& o) {
  if (domain::is_final(o.status)) return Error::invalid("order.final");
  return Ok{};
}

std::string summary(const ServiceOrder& o, const domain::Campaign& c) {
  return o.number + " · " + c.code;
}

// Sets or clears the answers typed for `questions`; codes not asked are refused.
void apply_answers(std::vector<domain::Answer>& answers,
                   const std::map<std::string, std::string>& typed,
                   const std::vector<domain::Question>& questions, FieldErrors& errors) {
  for (const auto& [code, text] : typed) {
    auto q = std::find_if(questions.begin(), questions.end(),
                          [&](const domain::Question& x) { return x.code == code; });
    if (q == questions.end()) {
      errors.add(Error::invalid("answer.question_unknown", "answer." + code, {{"question", code}}));
      continue;
    }
    auto existing = std::find_if(answers.begin(), answers.end(),
                                 [&](const domain::Answer& a) { return a.question == code; });
    if (text.find_first_not_of(" \t") == std::string::npos) {
      if (existing != answers.end()) answers.erase(existing);
      continue;
    }
    auto parsed = domain::parse_answer(*q, text);
    if (!parsed) {
      errors.add(parsed.error());
      continue;
    }
    if (existing != answers.end())
      *existing = std::move(*parsed);
    else
      answers.push_back(std::move(*parsed));
  }
}

// The order's customer, a use_existing person checked to exist.
Status check_existing_person(store::Tx& tx, const ServiceOrder& o, FieldErrors& errors) {
  if (o.person != domain::PartyChoice::use_existing) return Ok{};
  if (!o.customer) {
    errors.add(Error::invalid("field.required", "customer"));
    return Ok{};
  }
  auto found = store::CustomerRepository::find(tx, Id<domain::Customer>{*o.customer});
  if (!found) errors.add(Error::invalid("customer.not_found", "customer"));
  return Ok{};
}

// The existing account and premise named by number (OrderInput), as ids.
void resolve_numbers(store::Tx& tx, const OrderInput& input, ServiceOrder& o, FieldErrors& errors) {
  if (o.account == domain::PartyChoice::use_existing && !input.existing_account_number.empty()) {
    const std::string number = domain::business_number(input.existing_account_number);
    o.existing_account.reset();
    if (o.customer)
      for (const auto& a :
           store::AccountRepository::of_customer(tx, Id<domain::Customer>{*o.customer}))
        if (a.number == number) o.existing_account = a.id.value;
    if (!o.existing_account)
      errors.add(Error::invalid("order.account_number_unknown", "existing_account",
                                {{"number", input.existing_account_number}}));
  }
  if (o.premise == domain::PartyChoice::use_existing && !input.existing_premise_number.empty()) {
    o.existing_premise.reset();
    if (auto p = store::PremiseRepository::find_by_number(
            tx, domain::business_number(input.existing_premise_number)))
      o.existing_premise = p->premise.id.value;
    else
      errors.add(Error::invalid("premise.number_unknown", "existing_premise",
                                {{"number", input.existing_premise_number}}));
  }
}

// A token start() could have made: base64url, of a sensible length.
bool plausible_form_token(const std::string& token) {
  if (token.size() < 16 || token.size() > 64) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

constexpr auto kFormTokenLife = std::chrono::days(30);

}  // namespace

Result<OrderDraft> ServiceOrderDesk::start(const domain::User& actor, const OrderPrefill& prefill) {
  if (auto ok = orders::may_take_orders(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<OrderDraft> {
    OrderDraft draft;
    draft.form_token = random_token(24);
    if (plausible_form_token(prefill.form_token)) {
      auto used = store::OrderFormTokenRepository::find(tx, prefill.form_token);
      if (!used) {
        draft.form_token = prefill.form_token;
      } else if (used->user_id == actor.id.value && used->order_id) {
        draft.form_token = prefill.form_token;
        draft.saved_as = Id<ServiceOrder>{*used->order_id};
        return draft;
      }
    }
    auto settings = store::SettingsRepository::load(tx);
    draft.territory_predefined = settings.territory_predefined;
    const CivilDate day = business_today(clock_, settings);
    std::optional<std::int64_t> campaign_id =
        prefill.campaign ? prefill.campaign : settings.default_campaign;
    if (campaign_id) {
      auto campaign = store::CampaignRepository::find(tx, Id<domain::Campaign>{*campaign_id});
      if (!campaign) {
        // A campaign the caller named that does not exist is bad input (as in save()).
        if (prefill.campaign) return Error::invalid("campaign.not_found", "campaign");
      } else if (domain::is_offered(*campaign, day)) {
        draft.campaign = std::move(*campaign);
      }
    }
    draft.no_default_campaign = !draft.campaign.id.valid();
    auto& o = draft.order;
    o.campaign = draft.campaign.id;
    auto& p = o.prospect;
    auto name = domain::split_person_name(prefill.name);
    p.given_name = std::move(name.given_name);
    p.family_name = std::move(name.family_name);
    p.email = prefill.email;
    p.address.line1 = prefill.address;
    p.address.postal_code = prefill.postal_code;
    p.address.country = settings.country;
    if (!prefill.phone.empty()) {
      auto phone = domain::parse_phone(prefill.phone, settings.country);
      // Until the first save the phone may stay as typed; the save parses it.
      p.phone_e164 = phone ? phone->e164 : prefill.phone;
    }
    if (draft.campaign.id.valid()) {
      p.customer_class = draft.campaign.new_person_class;
      p.language = draft.campaign.new_person_language;
      orders::default_parties(o, draft.campaign, settings.territory_predefined);
    }
    if (prefill.customer) {
      const Id<domain::Customer> id{*prefill.customer};
      auto customer = store::CustomerRepository::find(tx, id);
      if (!customer) return Error::invalid("customer.not_found", "customer");
      p = orders::prospect_from(*customer);
      o.person = domain::PartyChoice::use_existing;
      o.customer = id.value;
      // One account, one premise: the ones this order is for, unless changed.
      if (auto accounts = store::AccountRepository::of_customer(tx, id); accounts.size() == 1) {
        o.account = domain::PartyChoice::use_existing;
        o.existing_account = accounts.front().id.value;
      }
      if (auto premises = store::PremiseRepository::of_customer(tx, id); premises.size() == 1) {
        o.premise = domain::PartyChoice::use_existing;
        o.existing_premise = premises.front().premise.id.value;
      }
    }
    o.status = domain::OrderStatus::pending;
    return draft;
  });
}

Result<ServiceOrder> ServiceOrderDesk::save(const domain::User& actor, OrderInput typed,
                                            FieldErrors* errors_out,
                                            std::vector<DuplicateCandidate>* duplicates_out) {
  if (auto ok = orders::may_take_orders(actor); !ok) return ok.error();
  if (!typed.form_token.empty() && !plausible_form_token(typed.form_token))
    return Error::invalid("order.form_token_invalid", "form_token");
  const Instant now = clock_.now();
  const store::Actor who = actor_of(actor);
  auto attempt = [&] {
    return db_.write([&](store::Tx& tx) -> Result<ServiceOrder> {
      OrderInput input = typed;  // a second attempt starts from what was typed
      auto settings = store::SettingsRepository::load(tx);
      const CivilDate day = business_today(clock_, settings);
      bool first = !input.order.id.valid();
      const bool reserves_token = first && !input.form_token.empty();
      if (reserves_token) {
        if (auto used = store::OrderFormTokenRepository::find(tx, input.form_token)) {
          if (used->user_id != actor.id.value || !used->order_id)
            return Error::invalid("order.form_token_invalid", "form_token");
          // This form was saved already (Back and Save again, a second
          // click): it saves the order it made, never a second one — unless
          // that order has changed since, which it would silently undo.
          auto made = orders::load(tx, Id<ServiceOrder>{*used->order_id}, std::nullopt);
          if (!made) return made.error();
          if (made->order.version != used->order_version || domain::is_final(made->order.status))
            return Error::conflict(
                "order.form_already_saved",
                {{"number", made->order.number}, {"order", std::to_string(made->order.id.value)}});
          input.order.id = made->order.id;
          input.order.version = used->order_version;
          first = false;
        } else {
          // First, so that a concurrent save of the same form waits here
          // and then fails on the key, before it creates anything.
          store::OrderFormTokenRepository::reserve(tx, input.form_token, actor.id.value, now);
        }
      }
      ServiceOrder o;
      domain::Campaign campaign;
      std::optional<domain::Package> package;
      if (first) {
        auto found = store::CampaignRepository::find(tx, input.order.campaign);
        if (!found) return Error::invalid("campaign.not_found", "campaign");
        if (!domain::is_offered(*found, day))
          return Error::invalid("campaign.not_offered", "campaign");
        campaign = std::move(*found);
        o.campaign = campaign.id;
        o.status = domain::OrderStatus::pending;
        o.created_at = now;
        o.assigned_user = actor.id.value;
      } else {
        auto loaded = orders::load(tx, input.order.id, input.order.version);
        if (!loaded) return loaded.error();
        if (auto ok = refuse_final(loaded->order); !ok) return ok.error();
        o = std::move(loaded->order);
        campaign = std::move(loaded->campaign);
        package = std::move(loaded->package);
        o.set_aside.clear();  // shown until this save
      }
      // What the page or the API may change on a save.
      o.prospect = input.order.prospect;
      o.person = input.order.person;
      if (first || o.person == domain::PartyChoice::use_existing) o.customer = input.order.customer;
      o.account = input.order.account;
      o.existing_account = input.order.existing_account;
      o.premise = input.order.premise;
      o.existing_premise = input.order.existing_premise;
      o.premise_address = input.order.premise_address;
      o.premise_type = input.order.premise_type.empty() ? "house" : input.order.premise_type;

      FieldErrors errors;
      // An existing customer is the prospect: nothing about them is typed again.
      std::optional<domain::Customer> existing;
      if (o.person == domain::PartyChoice::use_existing && o.customer)
        if (auto found = store::CustomerRepository::find(tx, Id<domain::Customer>{*o.customer}))
          existing = std::move(*found);
      if (existing) {
        o.prospect = orders::prospect_from(*existing);
      } else {
        o.prospect.phone_e164.clear();
      }
      if (!existing && input.typed_phone.find_first_not_of(" \t") != std::string::npos) {
        const std::string& country =
            o.prospect.address.country.empty() ? settings.country : o.prospect.address.country;
        auto phone = domain::parse_phone(input.typed_phone, country);
        if (phone)
          o.prospect.phone_e164 = phone->e164;
        else
          errors.add(Error::invalid(phone.error().key, "prospect.phone", phone.error().args));
      }
      if (o.prospect.address.country.empty()) o.prospect.address.country = settings.country;
      for (auto& e :
           orders::validate_prospect(o.prospect, store::CustomerClassRepository::active_codes(tx))
               .errors)
        errors.add(std::move(e));
      if (!existing)
        if (auto e = domain::check_date_of_birth(o.prospect.date_of_birth, day,
                                                 "prospect.date_of_birth"))
          errors.add(std::move(*e));
      resolve_numbers(tx, input, o, errors);
      const std::size_t unresolved = errors.errors.size();
      for (auto& e : domain::validate_parties(o, campaign, settings.territory_predefined).errors) {
        // A number that names nothing is said once, beside its field.
        const bool said = std::any_of(
            errors.errors.begin(), errors.errors.begin() + static_cast<std::ptrdiff_t>(unresolved),
            [&](const Error& x) { return x.field == e.field; });
        if (e.field.rfind("prospect.", 0) != 0 && !said) errors.add(std::move(e));
      }
      if (auto ok = check_existing_person(tx, o, errors); !ok) return ok.error();
      apply_answers(o.answers, input.answers,
                    orders::questions_asked(tx, campaign, package ? &*package : nullptr), errors);
      if (!errors.empty()) {
        if (errors_out) *errors_out = errors;
        return errors.errors.front();
      }

      // The person exists from the first save on, so a dropped call loses nothing.
      const bool owns_person = first ? o.person == domain::PartyChoice::create_new
                                     : o.created.customer && o.customer == o.created.customer;
      // A caller who is a customer already is not created twice: Add
      // customer's check, before anything is saved.
      if (owns_person && first && !input.despite_duplicates) {
        auto found =
            possible_duplicates(tx, orders::customer_from(o.prospect, {}, settings.time_zone));
        if (!found.empty()) {
          if (duplicates_out) *duplicates_out = std::move(found);
          return Error::conflict("order.possible_duplicates");
        }
      }
      if (owns_person && first) {
        auto c = orders::customer_from(o.prospect, {}, settings.time_zone);
        c.id = store::CustomerRepository::insert(tx, c, who, now);
        o.customer = c.id.value;
        o.created.customer = c.id.value;
      } else if (owns_person) {
        auto c = store::CustomerRepository::find(tx, Id<domain::Customer>{*o.customer});
        if (!c) return c.error();
        auto updated = orders::customer_from(o.prospect, *c, settings.time_zone);
        if (auto v = store::CustomerRepository::update(tx, updated, who, now); !v) return v.error();
      }
      if (first) {
        o = store::ServiceOrderRepository::insert(tx, std::move(o), who, now);
        orders::log_interaction(tx, o, who, now, summary(o, campaign), "pending");
        if (reserves_token)
          store::OrderFormTokenRepository::attach(tx, input.form_token, o.id.value, o.version);
        return o;
      }
      auto stored = orders::save(tx, std::move(o), who, now);
      // A replayed form may be replayed again: it stays the order's form.
      if (stored && reserves_token)
        store::OrderFormTokenRepository::attach(tx, input.form_token, stored->id.value,
                                                stored->version);
      return stored;
    });
  };
  auto result = attempt();
  // Two saves of one form at once: the one that lost the token's reservation
  // (rolled back, nothing created) runs again and finds the other's order.
  if (!result && result.error().code == ErrorCode::conflict &&
      result.error().key == "record.duplicate" && !typed.form_token.empty() &&
      !typed.order.id.valid())
    result = attempt();
  return result;
}

Result<ServiceOrder> ServiceOrderDesk::answer(const domain::User& actor, Id<ServiceOrder> id,
                                              Version version, const std::string& question,
                                              const std::string& typed) {
  return orders::change_order(
      db_, clock_, actor, id, version,
      [&](store::Tx& tx, orders::Loaded& in, const store::Actor& who,
          Instant now) -> Result<ServiceOrder> {
        if (auto ok = refuse_final(in.order); !ok) return ok.error();
        FieldErrors errors;
        apply_answers(in.order.answers, {{question, typed}},
                      orders::questions_asked(tx, in.campaign, in.package ? &*in.package : nullptr),
                      errors);
        if (!errors.empty()) return errors.errors.front();
        return orders::save(tx, std::move(in.order), who, now);
      });
}

Result<OrderView> ServiceOrderDesk::view(const domain::User& actor, Id<ServiceOrder> id) {
  if (auto ok = orders::may_take_orders(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<OrderView> {
    auto loaded = orders::load(tx, id, std::nullopt);
    if (!loaded) return loaded.error();
    OrderView v;
    v.questions = orders::questions_asked(tx, loaded->campaign,
                                          loaded->package ? &*loaded->package : nullptr);
    v.events = store::ServiceOrderRepository::events(tx, id);
    v.territory_predefined = loaded->settings.territory_predefined;
    const auto& o = loaded->order;
    if (o.customer)
      if (auto c = store::CustomerRepository::find(tx, Id<domain::Customer>{*o.customer}))
        v.customer_name = c->display_name();
    auto account_id = o.created.account ? o.created.account : o.existing_account;
    if (account_id && o.customer)
      for (const auto& a :
           store::AccountRepository::of_customer(tx, Id<domain::Customer>{*o.customer}))
        if (a.id.value == *account_id) v.account_number = a.number;
    auto premise_id = o.created.premise ? o.created.premise : o.existing_premise;
    if (premise_id)
      if (auto p = store::PremiseRepository::find(tx, Id<domain::Premise>{*premise_id})) {
        const auto& a = p->premise.address;
        v.premise_address = a.line1 + ", " + a.postal_code + " " + a.city;
      }
    v.order = std::move(loaded->order);
    v.campaign = std::move(loaded->campaign);
    v.package = std::move(loaded->package);
    return v;
  });
}

Result<std::vector<store::ServiceOrderRow>> ServiceOrderDesk::list(const domain::User& actor,
                                                                   store::ServiceOrderFilter filter,
                                                                   const OrderListScope& scope) {
  if (auto ok = orders::may_take_orders(actor); !ok) return ok.error();
  if (auto ok = check_page_size(filter.limit); !ok) return ok.error();
  if (filter.offset < 0) return Error::invalid("page.number_invalid", "offset");
  if (scope.due && filter.status && *filter.status != domain::OrderStatus::held)
    return Error::invalid("order.due_needs_held", "status");
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::ServiceOrderRow>> {
    if (scope.due) {
      filter.status = domain::OrderStatus::held;
      filter.due_on_or_before = business_today(clock_, store::SettingsRepository::load(tx));
    }
    if (scope.mine) filter.assigned_user = actor.id.value;
    return store::ServiceOrderRepository::list(tx, filter);
  });
}

Status ServiceOrderDesk::purge_form_tokens() {
  const Instant cutoff = clock_.now() - kFormTokenLife;
  return db_.write([&](store::Tx& tx) -> Status {
    store::OrderFormTokenRepository::remove_before(tx, cutoff);
    return Ok{};
  });
}

Result<std::vector<store::ServiceOrderRow>> ServiceOrderDesk::to_do(const domain::User& actor) {
  store::ServiceOrderFilter filter;
  filter.limit = 100;
  return list(actor, filter, {.due = true, .mine = true});
}

Result<ServiceOrder> ServiceOrderDesk::hold(const domain::User& actor, Id<ServiceOrder> id,
                                            Version version, const std::string& reason,
                                            std::optional<CivilDate> remind_on) {
  if (auto ok = orders::may_take_orders(actor); !ok) return ok.error();  // before judging the input
  const auto& reasons = domain::hold_reasons();
  if (!reason.empty() && std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
    return Error::invalid("order.hold_reason_unknown", "hold_reason");
  return orders::change_order(
      db_, clock_, actor, id, version,
      [&](store::Tx& tx, orders::Loaded& in, const store::Actor& who,
          Instant now) -> Result<ServiceOrder> {
        auto& o = in.order;
        if (auto ok = domain::hold(o, reason, remind_on, business_today(clock_, in.settings)); !ok)
          return ok.error();
        // The order comes back on the to-do list of whoever held it.
        o.assigned_user = actor.id.value;
        auto saved = orders::save(tx, std::move(o), who, now);
        if (saved)
          orders::log_interaction(tx, *saved, who, now, summary(*saved, in.campaign), "held");
        return saved;
      });
}

Result<ServiceOrder> ServiceOrderDesk::release(const domain::User& actor, Id<ServiceOrder> id,
                                               Version version) {
  return orders::change_order(db_, clock_, actor, id, version,
                              [&](store::Tx& tx, orders::Loaded& in, const store::Actor& who,
                                  Instant now) -> Result<ServiceOrder> {
                                if (auto ok = domain::release(in.order); !ok) return ok.error();
                                return orders::save(tx, std::move(in.order), who, now);
                              });
}

Result<ServiceOrder> ServiceOrderDesk::cancel(const domain::User& actor, Id<ServiceOrder> id,
                                              Version version, const std::string& reason) {
  if (auto ok = orders::may_take_orders(actor); !ok) return ok.error();  // before judging the input
  const auto& reasons = domain::cancel_reasons();
  if (!reason.empty() && std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
    return Error::invalid("order.cancel_reason_unknown", "cancel_reason");
  return orders::change_order(db_, clock_, actor, id, version,
                              [&](store::Tx& tx, orders::Loaded& in, const store::Actor& who,
                                  Instant now) -> Result<ServiceOrder> {
                                if (auto ok = domain::cancel(in.order, reason); !ok)
                                  return ok.error();
                                auto saved = orders::save(tx, std::move(in.order), who, now);
                                if (saved)
                                  orders::log_interaction(tx, *saved, who, now,
                                                          summary(*saved, in.campaign), "canceled");
                                return saved;
                              });
}

}  // namespace rapport::app
