// /supervision/period: the supervisor's view over a period (issue 18,
// section 2) — a chart of the calls by day stacked by outcome, a chart of
// the period's outcomes, and four tables (by day, per plan, per CSR, per
// customer category), each exported as CSV by /supervision/period.csv.
// The period, its default and its limit come from app/.
#include <cmath>

#include <boost/json.hpp>

#include "app/supervision/period_supervision.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/marketing/conversion_chart.h"
#include "web/ui/page_text.h"
#include "web/ui/routes.h"
#include "web/ui/supervision/day_columns_chart.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;
using app::PeriodTable;
using domain::Outcome;

// The figures a table may show, in the order they are shown.
enum class PeriodColumn {
  entries,
  done,
  calls,
  reached,
  busy,
  no_answer,
  call_back,
  cancelled,
  attempts,
  started,
  completed,
  conversion
};

const char* column_name(PeriodColumn c) {
  switch (c) {
    case PeriodColumn::entries:
      return "entries";
    case PeriodColumn::done:
      return "done";
    case PeriodColumn::calls:
      return "calls";
    case PeriodColumn::reached:
      return "reached";
    case PeriodColumn::busy:
      return "busy";
    case PeriodColumn::no_answer:
      return "no_answer";
    case PeriodColumn::call_back:
      return "call_back";
    case PeriodColumn::cancelled:
      return "cancelled";
    case PeriodColumn::attempts:
      return "attempts";
    case PeriodColumn::started:
      return "started";
    case PeriodColumn::completed:
      return "completed";
    case PeriodColumn::conversion:
      return "conversion";
  }
  return "";
}

std::optional<Outcome> outcome_column(PeriodColumn c) {
  switch (c) {
    case PeriodColumn::reached:
      return Outcome::reached;
    case PeriodColumn::busy:
      return Outcome::busy;
    case PeriodColumn::no_answer:
      return Outcome::no_answer;
    case PeriodColumn::call_back:
      return Outcome::call_back;
    case PeriodColumn::cancelled:
      return Outcome::cancelled;
    default:
      return std::nullopt;
  }
}

constexpr Outcome kOutcomes[] = {Outcome::reached, Outcome::call_back, Outcome::busy,
                                 Outcome::no_answer, Outcome::cancelled};

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::reached:
      return "reached";
    case Outcome::busy:
      return "busy";
    case Outcome::no_answer:
      return "no_answer";
    case Outcome::call_back:
      return "call_back";
    case Outcome::cancelled:
      return "cancelled";
  }
  return "";
}

// The columns of a table: entries where rows have them (not per CSR),
// service orders where rows have them (by day and per CSR).
std::vector<PeriodColumn> columns_of(PeriodTable t) {
  std::vector<PeriodColumn> out;
  if (t != PeriodTable::csrs) out = {PeriodColumn::entries, PeriodColumn::done};
  for (auto c :
       {PeriodColumn::calls, PeriodColumn::reached, PeriodColumn::busy, PeriodColumn::no_answer,
        PeriodColumn::call_back, PeriodColumn::cancelled, PeriodColumn::attempts})
    out.push_back(c);
  if (t == PeriodTable::days || t == PeriodTable::csrs)
    for (auto c : {PeriodColumn::started, PeriodColumn::completed, PeriodColumn::conversion})
      out.push_back(c);
  return out;
}

long long count_in(const domain::PeriodCounts& c, PeriodColumn col) {
  const auto& e = c.entries;
  switch (col) {
    case PeriodColumn::entries:
      return domain::entry_total(e);
    case PeriodColumn::done:
      return e.completed + e.completed_no_order + e.cancelled;
    case PeriodColumn::calls:
      return c.calls.calls;
    case PeriodColumn::started:
      return c.orders.started;
    case PeriodColumn::completed:
      return c.orders.completed;
    default:
      if (auto o = outcome_column(col)) return domain::count_of(c.calls, *o);
      return 0;
  }
}

const char* table_name(PeriodTable t) {
  switch (t) {
    case PeriodTable::days:
      return "days";
    case PeriodTable::plans:
      return "plans";
    case PeriodTable::csrs:
      return "csrs";
    case PeriodTable::categories:
      return "categories";
  }
  return "";
}

const std::vector<app::PeriodRow>& rows_of(const app::PeriodFigures& f, PeriodTable t) {
  switch (t) {
    case PeriodTable::plans:
      return f.plans;
    case PeriodTable::csrs:
      return f.csrs;
    case PeriodTable::categories:
      return f.categories;
    default:
      return f.days;
  }
}

std::string percent_text(const Request& req, const WebContext& ctx, double share) {
  return text(req, ctx, "supervision.percent",
              {{"n", i18n::format_integer(req.language, std::lround(share * 100.0))}});
}

std::string row_label(const Request& req, const WebContext& ctx, PeriodTable t,
                      const app::PeriodRow& r, bool for_csv) {
  switch (t) {
    case PeriodTable::days:
      return for_csv ? format_date(r.day)
                     : i18n::format_civil_date_with_weekday(req.language, r.day);
    case PeriodTable::plans:
      return r.code;
    case PeriodTable::csrs:
      return r.name;
    case PeriodTable::categories:
      return r.code.empty() ? text(req, ctx, "supervision.period.no_category") : r.code;
  }
  return "";
}

std::string header_of(const Request& req, const WebContext& ctx, PeriodTable t) {
  return text(req, ctx, std::string("supervision.period.row.") + table_name(t));
}

// ---- HTML -----------------------------------------------------------------

json::array html_cells(const Request& req, const WebContext& ctx, const domain::PeriodCounts& c,
                       const std::vector<PeriodColumn>& cols) {
  json::array cells;
  for (PeriodColumn col : cols) {
    json::object cell{{"figure", column_name(col)}};
    if (col == PeriodColumn::attempts) {
      auto a = domain::attempts_to_reach(c.calls);
      cell["value"] =
          a ? i18n::format_decimal(req.language, std::lround(*a * 10.0), 1) : std::string("\u2014");
    } else if (col == PeriodColumn::conversion) {
      auto r = domain::conversion_rate(c.orders);
      cell["value"] = r ? percent_text(req, ctx, *r) : std::string("\u2014");
    } else {
      cell["value"] = i18n::format_integer(req.language, count_in(c, col));
      if (auto o = outcome_column(col))
        cell["rate"] = c.calls.calls == 0
                           ? std::string("\u2014")
                           : percent_text(req, ctx, domain::outcome_rate(c.calls, *o));
    }
    cells.push_back(std::move(cell));
  }
  return cells;
}

json::object html_table(const Request& req, const WebContext& ctx, const app::PeriodFigures& f,
                        PeriodTable t, const std::string& query) {
  const auto cols = columns_of(t);
  json::array headers;
  for (PeriodColumn col : cols)
    headers.push_back(json::object{
        {"label", text(req, ctx, std::string("supervision.period.col.") + column_name(col))}});
  json::array rows;
  for (const auto& r : rows_of(f, t)) {
    json::object row{{"label", row_label(req, ctx, t, r, false)},
                     {"cells", html_cells(req, ctx, r.counts, cols)}};
    if (t == PeriodTable::plans)
      row["detail"] = req.language == Language::fr && !r.name_fr.empty() ? r.name_fr : r.name;
    rows.push_back(std::move(row));
  }
  const std::string name = table_name(t);
  json::object table{{"name", name},
                     {"title", text(req, ctx, "supervision.period.table." + name)},
                     {"row_header", header_of(req, ctx, t)},
                     {"headers", std::move(headers)},
                     {"has_rows", !rows.empty()},
                     {"rows", std::move(rows)},
                     {"csv_href", "/supervision/period.csv?table=" + name + query}};
  table["has_total"] = t == PeriodTable::days;
  if (t == PeriodTable::days) table["total"] = html_cells(req, ctx, f.total, cols);
  return table;
}

std::string calls_by_day_chart(const Request& req, const WebContext& ctx,
                               const app::PeriodFigures& f) {
  std::vector<ColumnPart> parts;
  for (Outcome o : kOutcomes)
    parts.push_back({outcome_name(o),
                     text(req, ctx, std::string("supervision.period.col.") + outcome_name(o))});
  std::vector<DayColumn> columns;
  for (const auto& d : f.days) {
    DayColumn c;
    const std::string iso = format_date(d.day);
    c.label = iso.substr(8, 2) + "/" + iso.substr(5, 2);
    c.title = i18n::format_civil_date_with_weekday(req.language, d.day);
    for (Outcome o : kOutcomes) c.values.push_back(domain::count_of(d.counts.calls, o));
    c.total_text = i18n::format_integer(req.language, d.counts.calls.calls);
    columns.push_back(std::move(c));
  }
  return day_columns_svg(parts, columns, text(req, ctx, "supervision.period.chart_days"));
}

std::string outcomes_chart(const Request& req, const WebContext& ctx, const app::PeriodFigures& f) {
  std::vector<ChartBar> bars;
  const auto& k = f.total.calls;
  for (Outcome o : kOutcomes) {
    ChartBar b;
    b.label = text(req, ctx, std::string("supervision.period.col.") + outcome_name(o));
    b.value = static_cast<long>(domain::count_of(k, o));
    b.value_text = i18n::format_integer(req.language, b.value) +
                   (k.calls == 0 ? std::string()
                                 : " (" + percent_text(req, ctx, domain::outcome_rate(k, o)) + ")");
    b.kind = outcome_name(o);
    bars.push_back(std::move(b));
  }
  return bar_chart_svg(bars, text(req, ctx, "supervision.period.chart_outcomes"));
}

Response page(Request& req, WebContext& ctx) {
  const app::PeriodInput input{req.query_value("from"), req.query_value("to")};
  auto f = app::PeriodSupervision(ctx.db, ctx.clock).report(*req.user, input);
  json::object data{{"filter_from", input.from}, {"filter_to", input.to}};
  if (!f) {
    if (f.error().code != ErrorCode::invalid_input) return error_page(req, ctx, f.error());
    add_form_error(data, req, ctx.catalog, f.error());
    data["has_report"] = false;
    return html_response(http_status(f.error().code),
                         ctx.views.page(req, "supervision_period", std::move(data),
                                        text(req, ctx, "supervision.period.title")));
  }
  const std::string from = format_date(f->period.from), to = format_date(f->period.to);
  data["filter_from"] = from;
  data["filter_to"] = to;
  data["has_report"] = true;
  data["summary"] = text(req, ctx, "supervision.period.summary",
                         {{"from", i18n::format_civil_date(req.language, f->period.from)},
                          {"to", i18n::format_civil_date(req.language, f->period.to)},
                          {"n", i18n::format_integer(req.language, domain::period_days(f->period))},
                          {"zone", f->zone}});
  data["max_days"] = i18n::format_integer(req.language, domain::kPeriodMaxDays);
  data["chart_days"] = calls_by_day_chart(req, ctx, *f);
  data["chart_outcomes"] = outcomes_chart(req, ctx, *f);
  const std::string query = "&from=" + from + "&to=" + to;
  json::array tables;
  for (PeriodTable t :
       {PeriodTable::days, PeriodTable::plans, PeriodTable::csrs, PeriodTable::categories})
    tables.push_back(html_table(req, ctx, *f, t, query));
  data["tables"] = std::move(tables);
  return html_response(200, ctx.views.page(req, "supervision_period", std::move(data),
                                           text(req, ctx, "supervision.period.title")));
}

// ---- CSV ------------------------------------------------------------------

// RFC 4180: a field with a comma, a quote or a line break is quoted, its
// quotes doubled; a text that a spreadsheet would read as a formula
// (= + - @) is kept as text with a leading apostrophe.
std::string csv_field(const std::string& v) {
  std::string s = v;
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    s = "'" + s;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + csv_field(fields[i]);
  return line + "\r\n";
}

// Shares as 0–100 with one decimal, attempts with two, "." as separator
// whatever the language (the figures of a file are read by programs too).
std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::vector<std::string> csv_values(const domain::PeriodCounts& c,
                                    const std::vector<PeriodColumn>& cols) {
  std::vector<std::string> out;
  for (PeriodColumn col : cols) {
    if (col == PeriodColumn::attempts) {
      auto a = domain::attempts_to_reach(c.calls);
      out.push_back(a ? fixed(*a, 2) : "");
    } else if (col == PeriodColumn::conversion) {
      auto r = domain::conversion_rate(c.orders);
      out.push_back(r ? fixed(*r * 100.0, 1) : "");
    } else {
      out.push_back(std::to_string(count_in(c, col)));
      if (auto o = outcome_column(col))
        out.push_back(c.calls.calls == 0 ? ""
                                         : fixed(domain::outcome_rate(c.calls, *o) * 100.0, 1));
    }
  }
  return out;
}

Response csv(Request& req, WebContext& ctx) {
  auto table = app::period_table_from(req.query_value("table"));
  if (!table) return error_page(req, ctx, Error::not_found());
  auto f = app::PeriodSupervision(ctx.db, ctx.clock)
               .report(*req.user, {req.query_value("from"), req.query_value("to")});
  if (!f) return error_page(req, ctx, f.error());
  const auto cols = columns_of(*table);
  std::vector<std::string> head{header_of(req, ctx, *table)};
  if (*table == PeriodTable::plans)
    head.push_back(text(req, ctx, "supervision.period.col.plan_name"));
  for (PeriodColumn col : cols) {
    const std::string label =
        text(req, ctx, std::string("supervision.period.col.") + column_name(col));
    if (col == PeriodColumn::conversion) {
      head.push_back(text(req, ctx, "supervision.period.col.percent_of", {{"name", label}}));
      continue;
    }
    head.push_back(label);
    if (outcome_column(col))
      head.push_back(text(req, ctx, "supervision.period.col.percent_of", {{"name", label}}));
  }
  std::string body = "\xEF\xBB\xBF" + csv_line(head);
  for (const auto& r : rows_of(*f, *table)) {
    std::vector<std::string> line{row_label(req, ctx, *table, r, true)};
    if (*table == PeriodTable::plans)
      line.push_back(req.language == Language::fr && !r.name_fr.empty() ? r.name_fr : r.name);
    for (auto& v : csv_values(r.counts, cols)) line.push_back(std::move(v));
    body += csv_line(line);
  }
  if (*table == PeriodTable::days) {
    std::vector<std::string> line{text(req, ctx, "supervision.total")};
    for (auto& v : csv_values(f->total, cols)) line.push_back(std::move(v));
    body += csv_line(line);
  }
  const std::string name = std::string("supervision-") + table_name(*table) + "-" +
                           format_date(f->period.from) + "-" + format_date(f->period.to) + ".csv";
  return file_response(std::move(body), "text/csv; charset=utf-8", name, false);
}

}  // namespace

void register_supervision_period_pages(Router& router, WebContext& ctx) {
  router.get("/supervision/period", Access::staff, [&ctx](Request& r) { return page(r, ctx); });
  router.get("/supervision/period.csv", Access::staff, [&ctx](Request& r) { return csv(r, ctx); });
}

}  // namespace rapport::web::ui
