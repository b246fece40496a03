#include "delivery/pdf/quote_pdf.h"

#include <algorithm>
#include <array>
#include <functional>

#include <cairo.h>

#include "delivery/pdf/pdf_surface.h"

namespace rapport::delivery {
namespace {

// The page, in points.
constexpr double kMarginX = 45;
constexpr double kTop = 42;
constexpr double kBodyBottom = kA4Height - 60;  // the footer is below
constexpr double kFooterY = kA4Height - 40;
constexpr double kWidth = kA4Width - 2 * kMarginX;
// The customer's block, where the window of a DL envelope shows it.
constexpr double kAddressX = 320;
constexpr double kAddressY = 128;
constexpr double kCellPadX = 4;
constexpr double kCellPadY = 3.5;
constexpr double kTableSize = 8.5;

// The table's columns: code, description, quantity, unit price, discount,
// VAT rate, line total; the description takes what the others leave.
constexpr std::array<double, 7> kQuotePdfColumnWidths{58, 0, 44, 66, 46, 40, 74};
constexpr std::array<bool, 7> kQuotePdfRightAligned{false, false, true, true, true, true, true};

std::array<double, 7> quote_pdf_columns() {
  auto widths = kQuotePdfColumnWidths;
  double others = 0;
  for (double w : widths) others += w;
  widths[1] = kWidth - others;
  return widths;
}

struct QuotePdfRow {
  std::array<PdfLayout, 7> cells;
  PdfLayout action;  // under the description; may be null
  double height = 0;
};

struct QuotePdfAmount {
  PdfLayout label;
  PdfLayout amount;
  double height = 0;
  bool strong = false;
};

// Something drawn on a page, at a height found by the pagination.
struct QuotePdfPlaced {
  int page = 0;
  double y = 0;
  std::function<void(double y)> draw;
};

class QuotePdfPages {
 public:
  QuotePdfPages(cairo_t* cr, const QuoteDocument& doc)
      : cr_(cr), doc_(doc), text_(cr, doc.language), widths_(quote_pdf_columns()) {}

  void draw() {
    lay_out();
    const int pages = page_ + 1;
    for (int p = 0; p < pages; ++p) {
      for (const auto& placed : placed_)
        if (placed.page == p) placed.draw(placed.y);
      draw_footer(p + 1, pages);
      cairo_show_page(cr_);
    }
  }

 private:
  void place(double height, std::function<void(double)> draw) {
    placed_.push_back({page_, y_, std::move(draw)});
    y_ += height;
  }
  void new_page() {
    ++page_;
    y_ = kTop;
  }
  bool fits(double height) const { return y_ + height <= kBodyBottom; }

  void lay_out() {
    lay_out_heading();
    lay_out_table();
    lay_out_totals();
    lay_out_notes();
  }

  // The letterhead on the left, the customer on the right, then the title
  // and the dates.
  void lay_out_heading() {
    double left = kTop;
    std::vector<std::pair<PdfLayout, double>> head;  // layout, its y
    const double head_width = kAddressX - kMarginX - 20;
    auto add_left = [&](const std::string& s, double size, bool bold, double gap) {
      if (s.empty()) return;
      auto l = text_.layout(s, size, bold, head_width);
      const double h = PdfText::height(l);
      head.emplace_back(std::move(l), left);
      left += h + gap;
    };
    add_left(doc_.letterhead.company_name, 15, true, 4);
    for (const auto& line : doc_.letterhead.address_lines) add_left(line, 9, false, 0.5);
    left += 3;
    add_left(doc_.letterhead.phone, 9, false, 0.5);
    add_left(doc_.letterhead.email, 9, false, 0.5);
    add_left(doc_.letterhead.vat_number, 9, false, 0.5);

    double right = kAddressY;
    std::vector<std::pair<PdfLayout, double>> customer;
    const double address_width = kA4Width - kMarginX - kAddressX;
    auto add_right = [&](const std::string& s, double size, bool bold) {
      if (s.empty()) return;
      auto l = text_.layout(s, size, bold, address_width);
      const double h = PdfText::height(l);
      customer.emplace_back(std::move(l), right);
      right += h + 1;
    };
    add_right(doc_.customer_name, 11, true);
    for (const auto& line : doc_.customer_address_lines) add_right(line, 10, false);

    auto head_layouts = std::make_shared<decltype(head)>(std::move(head));
    auto customer_layouts = std::make_shared<decltype(customer)>(std::move(customer));
    placed_.push_back({0, 0, [this, head_layouts, customer_layouts](double) {
                         bool first = true;
                         for (const auto& [l, y] : *head_layouts) {
                           text_.draw(l, kMarginX, y, first ? 0 : 0.25);
                           first = false;
                         }
                         for (const auto& [l, y] : *customer_layouts) text_.draw(l, kAddressX, y);
                       }});
    y_ = std::max(left, right) + 28;

    auto title = std::make_shared<PdfLayout>(text_.layout(doc_.title, 14, true, kWidth));
    place(PdfText::height(*title) + 6,
          [this, title](double y) { text_.draw(*title, kMarginX, y); });
    for (const auto& line : doc_.date_lines) {
      auto l = std::make_shared<PdfLayout>(text_.layout(line, 9.5, false, kWidth));
      place(PdfText::height(*l) + 1, [this, l](double y) { text_.draw(*l, kMarginX, y); });
    }
    y_ += 14;
  }

  std::shared_ptr<QuotePdfRow> make_row(const std::array<const std::string*, 7>& values,
                                        const std::string& action, bool header) {
    auto row = std::make_shared<QuotePdfRow>();
    double height = 0;
    for (std::size_t c = 0; c < values.size(); ++c) {
      row->cells[c] = text_.layout(*values[c], header ? kTableSize - 0.5 : kTableSize, header,
                                   widths_[c] - 2 * kCellPadX,
                                   kQuotePdfRightAligned[c] ? PdfAlign::right : PdfAlign::left);
      double h = PdfText::height(row->cells[c]);
      if (c == 1 && !action.empty()) {
        row->action = text_.layout(action, kTableSize - 1, false, widths_[c] - 2 * kCellPadX,
                                   PdfAlign::left, true);
        h += PdfText::height(row->action) + 1;
      }
      height = std::max(height, h);
    }
    row->height = height + 2 * kCellPadY;
    return row;
  }

  void draw_row(const QuotePdfRow& row, double y, bool header) {
    if (header) {
      cairo_set_source_rgb(cr_, 0.90, 0.91, 0.93);
      cairo_rectangle(cr_, kMarginX, y, kWidth, row.height);
      cairo_fill(cr_);
    }
    double x = kMarginX;
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      text_.draw(row.cells[c], x + kCellPadX, y + kCellPadY);
      if (c == 1 && row.action)
        text_.draw(row.action, x + kCellPadX, y + kCellPadY + PdfText::height(row.cells[c]) + 1,
                   0.35);
      x += widths_[c];
    }
    cairo_set_source_rgb(cr_, header ? 0.55 : 0.82, header ? 0.55 : 0.82, header ? 0.55 : 0.82);
    cairo_set_line_width(cr_, header ? 0.8 : 0.4);
    cairo_move_to(cr_, kMarginX, y + row.height);
    cairo_line_to(cr_, kMarginX + kWidth, y + row.height);
    cairo_stroke(cr_);
  }

  void lay_out_table() {
    const auto& c = doc_.columns;
    static const std::string none;
    auto header = make_row({&c.code, &c.description, &c.quantity, &c.unit_price, &c.discount,
                            &c.vat_rate, &c.line_total},
                           none, true);
    auto place_header = [&] {
      place(header->height, [this, header](double y) { draw_row(*header, y, true); });
    };
    if (!fits(header->height + header->height)) new_page();
    place_header();
    for (const auto& line : doc_.lines) {
      auto row = make_row({&line.code, &line.description, &line.quantity, &line.unit_price,
                           &line.discount, &line.vat_rate, &line.line_total},
                          line.action, false);
      if (!fits(row->height)) {
        new_page();
        place_header();
      }
      place(row->height, [this, row](double y) { draw_row(*row, y, false); });
    }
  }

  // Right-aligned under the table: total excluding VAT, each rate's VAT,
  // total including VAT; kept together on one page.
  void lay_out_totals() {
    constexpr double kAmountWidth = 90;
    constexpr double kLabelWidth = 240;
    auto rows = std::make_shared<std::vector<QuotePdfAmount>>();
    auto add = [&](const QuoteAmountRow& r, bool strong) {
      if (r.label.empty() && r.amount.empty()) return;
      QuotePdfAmount a;
      a.label = text_.layout(r.label, 9.5, strong, kLabelWidth, PdfAlign::right);
      a.amount = text_.layout(r.amount, 9.5, strong, kAmountWidth - kCellPadX, PdfAlign::right);
      a.height = std::max(PdfText::height(a.label), PdfText::height(a.amount)) + 4;
      a.strong = strong;
      rows->push_back(std::move(a));
    };
    add(doc_.total_excl_vat, false);
    for (const auto& v : doc_.vat_rows) add(v, false);
    add(doc_.total_incl_vat, true);
    double height = 0;
    for (const auto& r : *rows) height += r.height + (r.strong ? 4 : 0);
    y_ += 10;
    if (!fits(height)) new_page();
    place(height, [this, rows](double y) {
      const double amount_x = kMarginX + kWidth - kAmountWidth;
      const double label_x = amount_x - 10 - kLabelWidth;
      for (const auto& r : *rows) {
        if (r.strong) {
          cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
          cairo_set_line_width(cr_, 0.8);
          cairo_move_to(cr_, label_x + kLabelWidth / 2, y + 1);
          cairo_line_to(cr_, kMarginX + kWidth, y + 1);
          cairo_stroke(cr_);
          y += 4;
        }
        text_.draw(r.label, label_x, y);
        text_.draw(r.amount, amount_x, y);
        y += r.height;
      }
    });
  }

  void lay_out_notes() {
    if (doc_.notes.empty()) return;
    y_ += 16;
    auto heading = std::make_shared<PdfLayout>(text_.layout(doc_.notes_heading, 10, true, kWidth));
    const double heading_height = PdfText::height(*heading) + 4;
    bool first = true;
    for (const auto& note : doc_.notes) {
      auto l = std::make_shared<PdfLayout>(text_.layout(note, 9, false, kWidth));
      const double h = PdfText::height(*l) + 4;
      // The heading stays with the first paragraph.
      if (!fits(h + (first ? heading_height : 0))) new_page();
      if (first && !doc_.notes_heading.empty())
        place(heading_height, [this, heading](double y) { text_.draw(*heading, kMarginX, y); });
      first = false;
      place(h, [this, l](double y) { text_.draw(*l, kMarginX, y); });
    }
  }

  void draw_footer(int page, int pages) {
    std::string label = doc_.page_label;
    auto put = [&label](std::string_view name, int value) {
      auto at = label.find(name);
      if (at != std::string::npos) label.replace(at, name.size(), std::to_string(value));
    };
    put("{pages}", pages);
    put("{page}", page);
    cairo_set_source_rgb(cr_, 0.75, 0.75, 0.75);
    cairo_set_line_width(cr_, 0.4);
    cairo_move_to(cr_, kMarginX, kFooterY - 6);
    cairo_line_to(cr_, kMarginX + kWidth, kFooterY - 6);
    cairo_stroke(cr_);
    auto left = text_.layout(doc_.title, 7.5, false, kWidth * 0.7);
    auto right = text_.layout(label, 7.5, false, kWidth * 0.3, PdfAlign::right);
    text_.draw(left, kMarginX, kFooterY, 0.35);
    text_.draw(right, kMarginX + kWidth * 0.7, kFooterY, 0.35);
  }

  cairo_t* cr_;
  const QuoteDocument& doc_;
  PdfText text_;
  std::array<double, 7> widths_;
  std::vector<QuotePdfPlaced> placed_;
  int page_ = 0;
  double y_ = kTop;
};

}  // namespace

void draw_quote_pages(cairo_t* cr, const QuoteDocument& document) {
  QuotePdfPages(cr, document).draw();
}

Result<std::string> render_quote_pdf(const QuoteDocument& document) {
  return render_pdf(document.title, [&](cairo_t* cr) { draw_quote_pages(cr, document); });
}

}  // namespace rapport::delivery
