#include "app/quotes/quote_document.h"

#include <algorithm>
#include <sstream>

#include <boost/json.hpp>

#include "domain/catalog/pricing.h"
#include "i18n/format.h"

namespace rapport::app {
namespace {

namespace json = boost::json;
using delivery::QuoteDocument;

std::string document_money(Language lang, std::int64_t minor, const std::string& currency) {
  if (!is_known_currency(currency)) return std::to_string(minor) + " " + currency;
  return i18n::format_money(lang, Money{minor, currency});
}

std::string document_rate(domain::VatRate rate) { return domain::vat_rate_text(rate) + "\u00a0%"; }

std::vector<std::string> document_lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

delivery::Letterhead letterhead_of(const domain::InstallationSettings& s, Language lang,
                                   const i18n::Catalog& catalog) {
  delivery::Letterhead h;
  h.company_name = s.company_name;
  h.address_lines = document_lines_of(s.letterhead_address);
  if (!s.letterhead_phone.empty())
    h.phone = catalog.text(lang, "quote.doc.phone", {{"phone", s.letterhead_phone}});
  h.email = s.letterhead_email;
  if (!s.letterhead_vat_number.empty())
    h.vat_number =
        catalog.text(lang, "quote.doc.vat_number", {{"number", s.letterhead_vat_number}});
  return h;
}

std::vector<std::string> address_lines_of(const domain::PostalAddress& a,
                                          const std::string& home_country) {
  std::vector<std::string> out;
  for (const auto* part : {&a.line1, &a.line2})
    if (!part->empty()) out.push_back(*part);
  std::string city = a.postal_code;
  if (!a.city.empty()) city += (city.empty() ? "" : " ") + a.city;
  if (!a.region.empty()) city += (city.empty() ? "" : ", ") + a.region;
  if (!city.empty()) out.push_back(city);
  if (!a.country.empty() && a.country != home_country) out.push_back(a.country);
  return out;
}

}  // namespace

std::string quote_file_name(const domain::Quote& quote) {
  return quote.number + "-" + std::to_string(quote.revision) + ".pdf";
}

QuoteDocument quote_document_of(const QuoteView& v, const domain::InstallationSettings& settings,
                                const i18n::Catalog& catalog) {
  const Language lang = v.customer.language;
  const auto& q = v.quote;
  auto t = [&](const char* key, const MessageArgs& args = {}) {
    return catalog.text(lang, key, args);
  };
  auto money = [&](std::int64_t minor) { return document_money(lang, minor, q.currency); };
  QuoteDocument doc;
  doc.language = std::string(code(lang));
  doc.letterhead = letterhead_of(settings, lang, catalog);
  doc.title =
      t("quote.doc.title", {{"number", q.number}, {"revision", std::to_string(q.revision)}});
  doc.customer_name = v.customer.display_name();
  doc.customer_address_lines = address_lines_of(v.customer.address, settings.country);
  // Dated the day it is made: the day it is sent.
  doc.date_lines.push_back(t("quote.doc.date", {{"date", i18n::format_civil_date(lang, v.today)}}));
  doc.date_lines.push_back(
      t("quote.doc.valid_until", {{"date", i18n::format_civil_date(lang, q.valid_until)}}));
  if (v.account) doc.date_lines.push_back(t("quote.doc.account", {{"number", v.account->number}}));
  if (v.contact)
    doc.date_lines.push_back(
        t("quote.doc.contact", {{"name", v.contact->given_name + " " + v.contact->family_name}}));
  doc.columns = {t("quote.doc.col.code"),      t("quote.doc.col.description"),
                 t("quote.doc.col.quantity"),  t("quote.doc.col.unit_price"),
                 t("quote.doc.col.discount"),  t("quote.doc.col.vat"),
                 t("quote.doc.col.line_total")};
  for (const auto& line : q.lines) {
    auto it = std::find_if(v.products.begin(), v.products.end(),
                           [&](const auto& p) { return p.id == line.product; });
    delivery::QuoteDocumentLine l;
    l.code = line.product_code;
    l.description = it == v.products.end() ? line.product_code : domain::product_name(*it, lang);
    for (const auto& f : line.features) l.description += " · " + f.name + ": " + f.value;
    l.quantity = i18n::format_decimal(lang, line.quantity, 3);
    l.unit_price = money(line.unit_price);
    if (line.discount) l.discount = money(line.discount);
    l.vat_rate = document_rate(line.vat_rate);
    if (auto net = domain::line_net(domain::priced(line))) l.line_total = money(*net);
    if (line.action != domain::LineAction::add)
      l.action = t(("quote.action." + std::string(enum_code(line.action))).c_str());
    doc.lines.push_back(std::move(l));
  }
  doc.total_excl_vat = {t("quote.doc.total_excl_vat"), money(v.totals.net)};
  for (const auto& rate : v.totals.vat)
    doc.vat_rows.push_back(
        {t("quote.doc.vat_row", {{"rate", document_rate(rate.rate)}, {"base", money(rate.base)}}),
         money(rate.vat)});
  doc.total_incl_vat = {t("quote.doc.total_incl_vat"), money(v.totals.gross)};
  doc.notes_heading = t("quote.doc.notes");
  doc.notes = document_lines_of(q.notes);
  doc.page_label = t("quote.doc.page", {{"page", "{page}"}, {"pages", "{pages}"}});
  return doc;
}

namespace {

json::array string_array(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::string(s));
  return a;
}

std::vector<std::string> strings_of(const json::value& v) {
  std::vector<std::string> out;
  if (v.is_array())
    for (const auto& s : v.as_array())
      if (s.is_string()) out.emplace_back(s.as_string());
  return out;
}

std::string text_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

json::array row_json(const delivery::QuoteAmountRow& r) { return {r.label, r.amount}; }

delivery::QuoteAmountRow row_of(const json::value& v) {
  auto parts = strings_of(v);
  parts.resize(2);
  return {parts[0], parts[1]};
}

}  // namespace

std::string quote_document_json(const QuoteDocument& d) {
  const auto& h = d.letterhead;
  const auto& c = d.columns;
  json::array lines;
  for (const auto& l : d.lines)
    lines.push_back(string_array({l.code, l.description, l.quantity, l.unit_price, l.discount,
                                  l.vat_rate, l.line_total, l.action}));
  json::array vat;
  for (const auto& r : d.vat_rows) vat.push_back(row_json(r));
  json::object o{{"language", d.language},
                 {"letterhead", string_array({h.company_name, h.phone, h.email, h.vat_number})},
                 {"letterhead_address", string_array(h.address_lines)},
                 {"title", d.title},
                 {"customer_name", d.customer_name},
                 {"customer_address", string_array(d.customer_address_lines)},
                 {"date_lines", string_array(d.date_lines)},
                 {"columns", string_array({c.code, c.description, c.quantity, c.unit_price,
                                           c.discount, c.vat_rate, c.line_total})},
                 {"lines", std::move(lines)},
                 {"total_excl_vat", row_json(d.total_excl_vat)},
                 {"vat_rows", std::move(vat)},
                 {"total_incl_vat", row_json(d.total_incl_vat)},
                 {"notes_heading", d.notes_heading},
                 {"notes", string_array(d.notes)},
                 {"page_label", d.page_label}};
  return json::serialize(o);
}

Result<QuoteDocument> quote_document_from_json(const std::string& text) {
  boost::system::error_code ec;
  auto parsed = json::parse(text, ec);
  if (ec || !parsed.is_object()) return Error::internal("quote document: not a JSON object");
  const auto& o = parsed.as_object();
  auto at = [&](const char* key) -> json::value {
    const auto* v = o.if_contains(key);
    return v ? *v : json::value();
  };
  QuoteDocument d;
  d.language = text_of(o, "language");
  auto head = strings_of(at("letterhead"));
  head.resize(4);
  d.letterhead = {head[0], strings_of(at("letterhead_address")), head[1], head[2], head[3]};
  d.title = text_of(o, "title");
  d.customer_name = text_of(o, "customer_name");
  d.customer_address_lines = strings_of(at("customer_address"));
  d.date_lines = strings_of(at("date_lines"));
  auto c = strings_of(at("columns"));
  c.resize(7);
  d.columns = {c[0], c[1], c[2], c[3], c[4], c[5], c[6]};
  if (auto lines = at("lines"); lines.is_array())
    for (const auto& v : lines.as_array()) {
      auto l = strings_of(v);
      l.resize(8);
      d.lines.push_back({l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]});
    }
  d.total_excl_vat = row_of(at("total_excl_vat"));
  if (auto rows = at("vat_rows"); rows.is_array())
    for (const auto& v : rows.as_array()) d.vat_rows.push_back(row_of(v));
  d.total_incl_vat = row_of(at("total_incl_vat"));
  d.notes_heading = text_of(o, "notes_heading");
  d.notes = strings_of(at("notes"));
  d.page_label = text_of(o, "page_label");
  return d;
}

}  // namespace rapport::app
