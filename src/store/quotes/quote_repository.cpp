#include "store/quotes/quote_repository.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <utility>

#include <soci/soci.h>

#include "store/actor_column.h"
#include "store/catalog/catalog_json.h"
#include "store/dialect.h"
#include "store/row_values.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

using domain::Quote;
using domain::QuoteLine;

constexpr const char* kQuoteSelect =
    "SELECT id, number, revision, active, status, customer_id, account_id, contact_id, "
    "price_list_id, currency, valid_until, notes, created_at, sent_at, sent_channel, decided_at, "
    "sales_order_id, version, origin, accepted_by, accepted_from FROM quotes ";

constexpr const char* kQuoteLineSelect =
    "SELECT id, quote_id, line_number, product_id, product_code, quantity, unit_price, discount, "
    "vat_rate, features_json, action, asset_id, target_features_json, target_status FROM "
    "quote_lines ";

std::optional<Instant> quote_instant_of(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return parse_instant(*text);
}

Quote quote_header_from(const soci::row& r) {
  Quote q;
  q.id = Id<Quote>{int64_at(r, 0)};
  q.number = text_at(r, 1);
  q.revision = int_at(r, 2);
  q.active = int_at(r, 3) != 0;
  q.status =
      enum_from_code<domain::QuoteStatus>(text_at(r, 4)).value_or(domain::QuoteStatus::draft);
  q.customer = int64_at(r, 5);
  q.account = optional_int64_at(r, 6);
  q.contact = optional_int64_at(r, 7);
  q.price_list = Id<domain::PriceList>{int64_at(r, 8)};
  q.currency = text_at(r, 9);
  q.valid_until = parse_date(text_at(r, 10)).value_or(CivilDate{});
  q.notes = text_at(r, 11);
  q.created_at = parse_instant(text_at(r, 12)).value_or(Instant{});
  q.sent_at = quote_instant_of(optional_text_at(r, 13));
  if (auto channel = optional_text_at(r, 14))
    q.sent_channel = enum_from_code<domain::QuoteChannel>(*channel);
  q.decided_at = quote_instant_of(optional_text_at(r, 15));
  q.sales_order = optional_int64_at(r, 16);
  q.version = int64_at(r, 17);
  q.origin =
      enum_from_code<domain::QuoteOrigin>(text_at(r, 18)).value_or(domain::QuoteOrigin::desk);
  if (auto name = optional_text_at(r, 19))
    q.acceptance = domain::QuoteAcceptance{*name, optional_text_at(r, 20).value_or("")};
  return q;
}

QuoteLine quote_line_from(const soci::row& r) {
  QuoteLine l;
  l.id = Id<QuoteLine>{int64_at(r, 0)};
  l.line_number = int_at(r, 2);
  l.product = Id<domain::Product>{int64_at(r, 3)};
  l.product_code = text_at(r, 4);
  l.quantity = int64_at(r, 5);
  l.unit_price = int64_at(r, 6);
  l.discount = int64_at(r, 7);
  l.vat_rate = int_at(r, 8);
  l.features = features_from_json(text_at(r, 9));
  l.action = enum_from_code<domain::LineAction>(text_at(r, 10)).value_or(domain::LineAction::add);
  l.asset = optional_int64_at(r, 11);
  if (auto f = optional_text_at(r, 12)) l.target_features = features_from_json(*f);
  if (auto st = optional_text_at(r, 13)) l.target_status = enum_from_code<domain::AssetStatus>(*st);
  return l;
}

// The quotes' lines, one kept statement for all of them (the ids bound as
// one value, store/dialect.h).
void load_quote_lines(Tx& tx, std::vector<Quote>& out) {
  if (out.empty()) return;
  std::map<long long, Quote*> by_id;
  std::vector<std::int64_t> ids;
  for (auto& q : out) {
    by_id[q.id.value] = &q;
    ids.push_back(q.id.value);
  }
  soci::row r;
  auto st = tx.cached(std::string(kQuoteLineSelect) + "WHERE quote_id " +
                      in_bound_ids(tx.dialect(), ":ids") + " ORDER BY quote_id, line_number");
  for (bool more = st.run(soci::use(bound_ids(tx.dialect(), ids), "ids"), soci::into(r)); more;
       more = st.next())
    by_id[int64_at(r, 1)]->lines.push_back(quote_line_from(r));
}

std::vector<Quote> select_quotes(Tx& tx, const std::string& where_and_order) {
  std::vector<Quote> out;
  {
    soci::rowset<soci::row> rs = tx.sql().prepare << std::string(kQuoteSelect) + where_and_order;
    for (const auto& r : rs) out.push_back(quote_header_from(r));
  }
  load_quote_lines(tx, out);
  return out;
}

// The header's columns as bound values, in the order of kQuoteSet.
struct BoundQuote {
  std::string status, valid_until, sent, channel, decided, origin, accepted_by, accepted_from;
  long long customer, account, contact, price_list, order;
  int active;
  soci::indicator account_ind, contact_ind, sent_ind, channel_ind, decided_ind, order_ind,
      acceptance_ind;
  explicit BoundQuote(const Quote& q)
      : status(enum_code(q.status)),
        valid_until(format_date(q.valid_until)),
        sent(q.sent_at ? format_instant(*q.sent_at) : ""),
        channel(q.sent_channel ? std::string(enum_code(*q.sent_channel)) : ""),
        decided(q.decided_at ? format_instant(*q.decided_at) : ""),
        origin(enum_code(q.origin)),
        accepted_by(q.acceptance ? q.acceptance->name : ""),
        accepted_from(q.acceptance ? q.acceptance->address : ""),
        customer(q.customer),
        account(q.account.value_or(0)),
        contact(q.contact.value_or(0)),
        price_list(q.price_list.value),
        order(q.sales_order.value_or(0)),
        active(q.active ? 1 : 0),
        account_ind(q.account ? soci::i_ok : soci::i_null),
        contact_ind(q.contact ? soci::i_ok : soci::i_null),
        sent_ind(q.sent_at ? soci::i_ok : soci::i_null),
        channel_ind(q.sent_channel ? soci::i_ok : soci::i_null),
        decided_ind(q.decided_at ? soci::i_ok : soci::i_null),
        order_ind(q.sales_order ? soci::i_ok : soci::i_null),
        acceptance_ind(q.acceptance ? soci::i_ok : soci::i_null) {}
};

constexpr const char* kQuoteSet =
    "active = :active, status = :status, customer_id = :customer, account_id = :account, "
    "contact_id = :contact, price_list_id = :pl, currency = :currency, valid_until = :vu, notes = "
    ":notes, sent_at = :sent, sent_channel = :channel, decided_at = :decided, sales_order_id = "
    ":so, origin = :origin, accepted_by = :accepted_by, accepted_from = :accepted_from";

template <class Statement>
void bind_quote(Statement& st, const Quote& q, BoundQuote& b) {
  st.exchange(soci::use(b.active));
  st.exchange(soci::use(b.status));
  st.exchange(soci::use(b.customer));
  st.exchange(soci::use(b.account, b.account_ind));
  st.exchange(soci::use(b.contact, b.contact_ind));
  st.exchange(soci::use(b.price_list));
  st.exchange(soci::use(q.currency));
  st.exchange(soci::use(b.valid_until));
  st.exchange(soci::use(q.notes));
  st.exchange(soci::use(b.sent, b.sent_ind));
  st.exchange(soci::use(b.channel, b.channel_ind));
  st.exchange(soci::use(b.decided, b.decided_ind));
  st.exchange(soci::use(b.order, b.order_ind));
  st.exchange(soci::use(b.origin));
  st.exchange(soci::use(b.accepted_by, b.acceptance_ind));
  st.exchange(soci::use(b.accepted_from, b.acceptance_ind));
}

std::string quote_line_text(const QuoteLine& l) {
  return std::string(enum_code(l.action)) + " " + l.product_code + " × " +
         domain::quantity_text(l.quantity) + " @ " + std::to_string(l.unit_price) + " − " +
         std::to_string(l.discount) + (l.asset ? " [asset " + std::to_string(*l.asset) + "]" : "") +
         (l.target_status ? " → " + std::string(enum_code(*l.target_status)) : "") +
         (l.target_features ? " " + features_to_json(*l.target_features) : "");
}

// A change line's target state as bound values (NULL: kept).
struct BoundQuoteTarget {
  std::string features, status;
  soci::indicator features_ind, status_ind;
  explicit BoundQuoteTarget(const QuoteLine& l)
      : features(l.target_features ? features_to_json(*l.target_features) : ""),
        status(l.target_status ? std::string(enum_code(*l.target_status)) : ""),
        features_ind(l.target_features ? soci::i_ok : soci::i_null),
        status_ind(l.target_status ? soci::i_ok : soci::i_null) {}
};

void insert_quote_line(Tx& tx, long long quote, QuoteLine& l) {
  std::string action(enum_code(l.action)), features = features_to_json(l.features);
  long long product = l.product.value, quantity = l.quantity, price = l.unit_price,
            discount = l.discount, asset = l.asset.value_or(0), id = 0;
  int number = l.line_number, vat = l.vat_rate;
  soci::indicator asset_ind = l.asset ? soci::i_ok : soci::i_null;
  BoundQuoteTarget target(l);
  tx.sql() << "INSERT INTO quote_lines (quote_id, line_number, product_id, product_code, "
              "quantity, unit_price, discount, vat_rate, features_json, action, asset_id, "
              "target_features_json, target_status) VALUES "
              "(:q, :n, :p, :code, :qty, :u, :d, :v, :f, :a, :asset, :tf, :ts) RETURNING id",
      soci::use(quote), soci::use(number), soci::use(product), soci::use(l.product_code),
      soci::use(quantity), soci::use(price), soci::use(discount), soci::use(vat),
      soci::use(features), soci::use(action), soci::use(asset, asset_ind),
      soci::use(target.features, target.features_ind), soci::use(target.status, target.status_ind),
      soci::into(id);
  l.id = Id<QuoteLine>{id};
}

void update_quote_line(Tx& tx, const QuoteLine& l) {
  std::string action(enum_code(l.action)), features = features_to_json(l.features);
  long long quantity = l.quantity, price = l.unit_price, discount = l.discount,
            asset = l.asset.value_or(0), id = l.id.value;
  int vat = l.vat_rate;
  soci::indicator asset_ind = l.asset ? soci::i_ok : soci::i_null;
  BoundQuoteTarget target(l);
  tx.sql() << "UPDATE quote_lines SET quantity = :q, unit_price = :u, discount = :d, vat_rate = "
              ":v, features_json = :f, action = :a, asset_id = :asset, target_features_json = "
              ":tf, target_status = :ts WHERE id = :id",
      soci::use(quantity), soci::use(price), soci::use(discount), soci::use(vat),
      soci::use(features), soci::use(action), soci::use(asset, asset_ind),
      soci::use(target.features, target.features_ind), soci::use(target.status, target.status_ind),
      soci::use(id);
}

bool quote_line_changed(const QuoteLine& a, const QuoteLine& b) {
  return a.quantity != b.quantity || a.unit_price != b.unit_price || a.discount != b.discount ||
         a.vat_rate != b.vat_rate || a.features != b.features || a.action != b.action ||
         a.asset != b.asset || a.target_features != b.target_features ||
         a.target_status != b.target_status;
}

AuditedFields audited_quote(const Quote& q) {
  auto id_text = [](const std::optional<std::int64_t>& id) {
    return id ? std::to_string(*id) : std::string();
  };
  return {{"status", std::string(enum_code(q.status))},
          {"active", q.active ? "1" : "0"},
          {"account", id_text(q.account)},
          {"contact", id_text(q.contact)},
          {"price_list", std::to_string(q.price_list.value)},
          {"valid_until", format_date(q.valid_until)},
          {"notes", q.notes},
          {"sent_channel", q.sent_channel ? std::string(enum_code(*q.sent_channel)) : ""},
          {"sales_order", id_text(q.sales_order)},
          {"origin", std::string(enum_code(q.origin))},
          {"accepted_by", q.acceptance ? q.acceptance->name : ""},
          {"accepted_from", q.acceptance ? q.acceptance->address : ""}};
}

}  // namespace

Quote QuoteRepository::insert(Tx& tx, Quote q, const Actor& actor, Instant now) {
  static std::atomic<long long> sequence{0};
  if (q.created_at == Instant{}) q.created_at = now;
  const bool numbered = !q.number.empty();
  std::string when = format_instant(now), created = format_instant(q.created_at);
  std::string number = numbered ? q.number
                                : "Q-pending-" + std::to_string(now.time_since_epoch().count()) +
                                      "-" + std::to_string(++sequence);
  int revision = q.revision;
  BoundQuote b(q);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = 0;
  soci::statement st =
      tx.sql().prepare
      << "INSERT INTO quotes (active, status, customer_id, account_id, contact_id, "
         "price_list_id, currency, valid_until, notes, sent_at, sent_channel, decided_at, "
         "sales_order_id, origin, accepted_by, accepted_from, number, revision, created_at, "
         "version, updated_at, updated_by) VALUES "
         "(:active, :status, :customer, :account, :contact, :pl, :currency, :vu, :notes, :sent, "
         ":channel, :decided, :so, :origin, :accepted_by, :accepted_from, :number, :revision, "
         ":created, 1, :updated, :by) RETURNING id";
  bind_quote(st, q, b);
  st.exchange(soci::use(number));
  st.exchange(soci::use(revision));
  st.exchange(soci::use(created));
  st.exchange(soci::use(when));
  st.exchange(soci::use(by, by_ind));
  st.exchange(soci::into(id));
  st.define_and_bind();
  st.execute(true);
  q.id = Id<Quote>{id};
  q.version = 1;
  if (!numbered) {
    q.number = domain::quote_number(id);
    tx.sql() << "UPDATE quotes SET number = :n WHERE id = :id", soci::use(q.number), soci::use(id);
  }
  std::vector<FieldChange> changes{{"number", std::nullopt, q.number},
                                   {"revision", std::nullopt, std::to_string(q.revision)},
                                   {"customer", std::nullopt, std::to_string(q.customer)}};
  note_created(changes, audited_quote(q));
  int next = 1;
  for (auto& line : q.lines) {
    line.line_number = next++;
    insert_quote_line(tx, id, line);
    changes.push_back(
        {"line." + std::to_string(line.line_number), std::nullopt, quote_line_text(line)});
  }
  AuditRepository::record(tx, actor, now, "quote", id, changes);
  return q;
}

Result<Version> QuoteRepository::save(Tx& tx, Quote& q, const Quote& before, const Actor& actor,
                                      Instant now) {
  std::string when = format_instant(now);
  BoundQuote b(q);
  soci::indicator by_ind;
  long long by = actor_id(actor, by_ind), id = q.id.value, version = q.version;
  soci::statement st = tx.sql().prepare << std::string("UPDATE quotes SET ") + kQuoteSet +
                                               ", version = version + 1, updated_at = :up, "
                                               "updated_by = :by WHERE id = :id AND version = :v";
  bind_quote(st, q, b);
  st.exchange(soci::use(when));
  st.exchange(soci::use(by, by_ind));
  st.exchange(soci::use(id));
  st.exchange(soci::use(version));
  st.define_and_bind();
  st.execute(true);
  if (st.get_affected_rows() != 1) return stale_record_error(tx, "quotes", id);

  std::vector<FieldChange> changes;
  note_changes(changes, audited_quote(before), audited_quote(q));
  std::map<long long, const QuoteLine*> old_lines;
  int next = 1;
  for (const auto& l : before.lines) {
    old_lines[l.id.value] = &l;
    next = std::max(next, l.line_number + 1);
  }
  std::set<long long> kept;
  for (auto& line : q.lines) {
    if (!line.id.valid()) {
      line.line_number = next++;
      insert_quote_line(tx, id, line);
      changes.push_back(
          {"line." + std::to_string(line.line_number), std::nullopt, quote_line_text(line)});
      continue;
    }
    kept.insert(line.id.value);
    auto old = old_lines.find(line.id.value);
    if (old == old_lines.end() || !quote_line_changed(*old->second, line)) continue;
    update_quote_line(tx, line);
    note_change(changes, "line." + std::to_string(line.line_number), quote_line_text(*old->second),
                quote_line_text(line));
  }
  for (const auto& [line_id, line] : old_lines) {
    if (kept.count(line_id)) continue;
    long long lid = line_id;
    tx.sql() << "DELETE FROM quote_lines WHERE id = :id", soci::use(lid);
    changes.push_back(
        {"line." + std::to_string(line->line_number), quote_line_text(*line), std::nullopt});
  }
  AuditRepository::record(tx, actor, now, "quote", id, changes);
  q.version = version + 1;
  return q.version;
}

Result<Quote> QuoteRepository::find(Tx& tx, Id<Quote> id) {
  auto rows = select_quotes(tx, "WHERE id = " + std::to_string(id.value));
  if (rows.empty()) return Error::not_found("quote.not_found");
  return std::move(rows.front());
}

std::vector<Quote> QuoteRepository::of_customer(Tx& tx, std::int64_t customer, int limit,
                                                int offset) {
  // Kept prepared: the 360° view lists a customer's quotes.
  std::vector<Quote> out;
  long long cid = customer;
  int page_limit = std::clamp(limit, 1, 500), page_offset = std::max(offset, 0);
  soci::row r;
  auto st = tx.cached(std::string(kQuoteSelect) +
                      "WHERE customer_id = :c ORDER BY id DESC LIMIT :l OFFSET :o");
  for (bool more =
           st.run(soci::use(cid), soci::use(page_limit), soci::use(page_offset), soci::into(r));
       more; more = st.next())
    out.push_back(quote_header_from(r));
  load_quote_lines(tx, out);
  return out;
}

std::optional<Quote> QuoteRepository::cart_of(Tx& tx, std::int64_t customer) {
  auto found = select_quotes(tx, "WHERE customer_id = " + std::to_string(customer) +
                                     " AND origin = 'web' AND status = 'draft' AND active = 1 "
                                     "AND sales_order_id IS NULL ORDER BY id DESC LIMIT 1");
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Quote> QuoteRepository::revisions(Tx& tx, const std::string& number) {
  std::vector<Quote> out;
  std::vector<long long> ids;
  {
    long long id = 0;
    soci::statement st = (tx.sql().prepare << "SELECT id FROM quotes WHERE number = :n",
                          soci::use(number), soci::into(id));
    st.execute();
    while (st.fetch()) ids.push_back(id);
  }
  if (ids.empty()) return out;
  std::string in;
  for (auto id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
  return select_quotes(tx, "WHERE id IN (" + in + ") ORDER BY revision DESC");
}

void QuoteRepository::link_order(Tx& tx, Id<Quote> quote, std::int64_t order) {
  long long q = quote.value, o = order;
  tx.sql() << "UPDATE sales_orders SET quote_id = :q WHERE id = :o", soci::use(q), soci::use(o);
}

std::optional<std::int64_t> QuoteRepository::quote_of_order(Tx& tx, std::int64_t order) {
  long long q = 0, o = order;
  soci::indicator ind = soci::i_null;
  tx.sql() << "SELECT quote_id FROM sales_orders WHERE id = :o", soci::use(o), soci::into(q, ind);
  if (!tx.sql().got_data() || ind != soci::i_ok) return std::nullopt;
  return q;
}

}  // namespace rapport::store
