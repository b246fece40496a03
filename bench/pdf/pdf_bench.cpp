// A quote of 50 lines in French to PDF (delivery::render_quote_pdf: Pango
// shaping, wrapping, pagination with the header repeated, Cairo's PDF
// surface in memory) against the baseline of Cairo alone drawing the same
// strings with its toy text API: one line each, no shaping, no wrapping, no
// measuring, into the same kind of PDF surface. Both are timed in the same
// run, one after the other, on one core (bench/pdf/run pins the process).
//
// Environment: RAPPORT_BENCH_RUNS (500), RAPPORT_BENCH_LINES (50),
// RAPPORT_BENCH_TABLE (where to write the Markdown table), RAPPORT_BENCH_PDF
// (where to write the PDF measured).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <cairo-pdf.h>

#include "delivery/pdf/quote_pdf.h"
#include "delivery/sample_quote.h"

namespace {

using rapport::delivery::QuoteDocument;

cairo_status_t bench_append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Every string of the document, in the order the PDF shows them.
std::vector<std::string> bench_strings(const QuoteDocument& d) {
  std::vector<std::string> s{d.letterhead.company_name};
  s.insert(s.end(), d.letterhead.address_lines.begin(), d.letterhead.address_lines.end());
  s.insert(s.end(),
           {d.letterhead.phone, d.letterhead.email, d.letterhead.vat_number, d.customer_name});
  s.insert(s.end(), d.customer_address_lines.begin(), d.customer_address_lines.end());
  s.push_back(d.title);
  s.insert(s.end(), d.date_lines.begin(), d.date_lines.end());
  const auto& c = d.columns;
  s.insert(s.end(),
           {c.code, c.description, c.quantity, c.unit_price, c.discount, c.vat_rate, c.line_total});
  for (const auto& l : d.lines)
    s.insert(s.end(), {l.code, l.description, l.quantity, l.unit_price, l.discount, l.vat_rate,
                       l.line_total, l.action});
  s.insert(s.end(), {d.total_excl_vat.label, d.total_excl_vat.amount});
  for (const auto& v : d.vat_rows) s.insert(s.end(), {v.label, v.amount});
  s.insert(s.end(), {d.total_incl_vat.label, d.total_incl_vat.amount, d.notes_heading});
  s.insert(s.end(), d.notes.begin(), d.notes.end());
  return s;
}

// The baseline: Cairo alone, the same strings, a row of 7 cells per line.
std::string bench_cairo_alone(const std::vector<std::string>& strings) {
  std::string bytes;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(bench_append, &bytes, 595.276, 841.890);
  cairo_t* cr = cairo_create(surface);
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 8.5);
  double y = 50;
  int column = 0;
  for (const auto& text : strings) {
    cairo_move_to(cr, 45 + 72 * column, y);
    cairo_show_text(cr, text.c_str());
    if (++column == 7) {
      column = 0;
      y += 12;
    }
    if (y > 780) {
      cairo_show_page(cr);
      y = 50;
    }
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return bytes;
}

struct BenchFigures {
  double p50 = 0, p99 = 0, max = 0;
  std::size_t bytes = 0;
};

BenchFigures bench_time(int runs, const std::function<std::size_t()>& once) {
  std::vector<double> ms;
  std::size_t bytes = 0;
  for (int i = 0; i < runs + 5; ++i) {
    const auto start = std::chrono::steady_clock::now();
    bytes = once();
    const auto end = std::chrono::steady_clock::now();
    if (i >= 5) ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&ms](double q) {
    return ms[std::min(ms.size() - 1,
                       static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
  };
  return {at(0.5), at(0.99), ms.back(), bytes};
}

int bench_env(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : fallback;
}

}  // namespace

int main() {
  const int runs = bench_env("RAPPORT_BENCH_RUNS", 500);
  const int line_count = bench_env("RAPPORT_BENCH_LINES", 50);
  const QuoteDocument doc =
      rapport::delivery::testing::sample_quote(rapport::Language::fr, line_count);
  const auto strings = bench_strings(doc);
  std::printf("pdf_bench: %d lines in French, %d runs each\n", line_count, runs);

  const auto rapport = bench_time(runs, [&] {
    auto pdf = rapport::delivery::render_quote_pdf(doc);
    if (!pdf) {
      std::fprintf(stderr, "pdf_bench: %s\n", pdf.error().detail.c_str());
      std::exit(1);
    }
    return pdf->size();
  });
  // The PDF itself, for a look (bench/pdf/run counts its pages).
  if (const char* path = std::getenv("RAPPORT_BENCH_PDF"); path && *path)
    std::ofstream(path, std::ios::binary) << *rapport::delivery::render_quote_pdf(doc);
  const auto cairo = bench_time(runs, [&] { return bench_cairo_alone(strings).size(); });

  char table[2048];
  std::snprintf(
      table, sizeof table,
      "| %d-line quote in French to PDF | p50 | p99 | max | PDF size |\n"
      "| --- | ---: | ---: | ---: | ---: |\n"
      "| Rapport: render_quote_pdf (Pango + Cairo) | %.1f ms | %.1f ms | %.1f ms | %zu kB |\n"
      "| Baseline: Cairo alone, the same strings (toy text API) | %.1f ms | %.1f ms | %.1f ms | "
      "%zu kB |\n"
      "\nTarget: p99 < 150 ms — %s (%.1f× the baseline's p99).\n",
      line_count, rapport.p50, rapport.p99, rapport.max, rapport.bytes / 1024, cairo.p50, cairo.p99,
      cairo.max, cairo.bytes / 1024, rapport.p99 < 150 ? "met" : "NOT MET",
      rapport.p99 / cairo.p99);
  std::printf("%s", table);
  if (const char* path = std::getenv("RAPPORT_BENCH_TABLE"); path && *path)
    std::ofstream(path) << table;
  return 0;
}
