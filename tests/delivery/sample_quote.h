// A quote document as the quote desk would fill it, in English or French,
// with `line_count` lines (long descriptions among them), for the delivery
// tests and bench/pdf. Amounts are formatted by i18n/ like any page's.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "core/language.h"
#include "delivery/pdf/quote_document.h"
#include "i18n/format.h"

namespace rapport::delivery::testing {

inline QuoteDocument sample_quote(Language lang, int line_count) {
  const bool fr = lang == Language::fr;
  auto money = [lang](std::int64_t cents) { return i18n::format_money(lang, Money{cents, "EUR"}); };
  QuoteDocument doc;
  doc.language = fr ? "fr" : "en";
  doc.letterhead = {"Télécom Éole SARL",
                    {"12, rue de l'Église", "69002 Lyon"},
                    fr ? "Tél. 04 78 00 00 00" : "Phone +33 4 78 00 00 00",
                    "devis@eole.example",
                    fr ? "N° TVA FR40303265045" : "VAT FR40303265045"};
  doc.title = fr ? "Devis Q-000012, révision 2" : "Quote Q-000012, revision 2";
  doc.customer_name = "Hélène Côté-Müller";
  doc.customer_address_lines = {"Bâtiment Cèdre, 3 allée des Châtaigniers", "38000 Grenoble",
                                "France"};
  doc.date_lines = {fr ? "Date : 5 déc. 2026" : "Date: Dec 5, 2026",
                    fr ? "Valable jusqu'au : 4 janv. 2027" : "Valid until: Jan 4, 2027"};
  doc.columns = fr ? QuoteColumnLabels{"Code",   "Désignation", "Qté",     "Prix unitaire HT",
                                       "Remise", "TVA",         "Total HT"}
                   : QuoteColumnLabels{"Code",     "Description", "Qty",       "Unit price",
                                       "Discount", "VAT",         "Line total"};
  static const std::array<const char*, 5> kFrench{
      "Box fibre Éole Pro",
      "Abonnement fibre optique très haut débit avec installation à domicile, mise en service, "
      "garantie de rétablissement en moins de quatre heures ouvrées et assistance téléphonique "
      "prioritaire, été comme hiver",
      "Répéteur Wi-Fi « Éclair »",
      "Câble réseau blindé catégorie 6A, longueur 15 mètres, gaine résistante aux ultraviolets "
      "pour pose en extérieur",
      "Forfait mobile 100 Go"};
  static const std::array<const char*, 5> kEnglish{
      "Eole Pro fibre box",
      "Very high speed fibre subscription with home installation, activation, a guarantee of "
      "repair within four working hours and priority telephone support, summer and winter alike",
      "\"Flash\" Wi-Fi repeater",
      "Shielded category 6A network cable, 15 metres long, with an ultraviolet-resistant sheath "
      "for outdoor use",
      "100 GB mobile plan"};
  std::map<int, std::int64_t> base_by_rate;  // per mille → cents
  std::int64_t total = 0;
  for (int i = 0; i < line_count; ++i) {
    const int kind = i % 5;
    const std::int64_t unit = 1999 + 123456 * (kind == 1) + 2500 * kind + i;  // cents
    const std::int64_t quantity = 1 + i % 4;
    const int discount_percent = i % 3 == 0 ? 10 : 0;
    const int rate = kind == 4 ? 55 : 200;  // 5.5 % or 20 %
    const std::int64_t line_total = unit * quantity * (100 - discount_percent) / 100;
    base_by_rate[rate] += line_total;
    total += line_total;
    QuoteDocumentLine line;
    line.code = "P-" + std::to_string(1001 + kind);
    line.description = fr ? kFrench[kind] : kEnglish[kind];
    line.quantity = i18n::format_integer(lang, quantity);
    line.unit_price = money(unit);
    line.discount = discount_percent ? (fr ? "10 %" : "10%") : "";
    line.vat_rate = i18n::format_decimal(lang, rate, 1) + (fr ? " %" : "%");
    line.line_total = money(line_total);
    if (i == 1) line.action = fr ? "Ajout" : "Add";
    doc.lines.push_back(line);
  }
  std::int64_t vat = 0;
  for (const auto& [rate, base] : base_by_rate) {
    const std::int64_t amount = base * rate / 1000;
    vat += amount;
    const std::string r = i18n::format_decimal(lang, rate, 1) + (fr ? " %" : "%");
    doc.vat_rows.push_back(
        {(fr ? "TVA " + r + " sur " : "VAT " + r + " on ") + money(base), money(amount)});
  }
  doc.total_excl_vat = {fr ? "Total HT" : "Total excl. VAT", money(total)};
  doc.total_incl_vat = {fr ? "Total TTC" : "Total incl. VAT", money(total + vat)};
  doc.notes_heading = "Notes";
  doc.notes = {fr ? "Installation prévue sous quinze jours après l'acceptation du devis."
                  : "Installation within a fortnight of the quote's acceptance."};
  doc.page_label = fr ? "Page {page} sur {pages}" : "Page {page} of {pages}";
  return doc;
}

}  // namespace rapport::delivery::testing
