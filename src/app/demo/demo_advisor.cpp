#include "app/demo/demo_advisor.h"

#include "app/access.h"
#include "delivery/pdf/leaflet_pdf.h"
#include "store/catalog/comparison_repository.h"
#include "store/catalog/literature_repository.h"
#include "store/catalog/product_repository.h"

namespace rapport::app {
namespace {

struct DemoBrochure {
  const char* code;
  Language language;
  const char* title_en;
  const char* title_fr;
  const char* file_name;
  const char* text;
};

constexpr DemoBrochure kDemoBrochures[] = {
    {"ELEC-BASE", Language::fr, "Base rate — brochure", "Option Base — brochure", "option-base.pdf",
     "Un prix unique du kWh, jour et nuit. Idéal pour les logements sans chauffage électrique. "
     "Puissance de 3 à 12 kVA, relevé à distance par compteur communicant."},
    {"ELEC-HPHC", Language::fr, "Peak/Off-peak — brochure",
     "Heures pleines / heures creuses — brochure", "heures-creuses.pdf",
     "Huit heures creuses par nuit, jusqu’à 30 % moins chères : faites tourner le chauffe-eau, "
     "le lave-linge et la recharge du véhicule électrique la nuit."},
    {"ELEC-GREEN", Language::en, "Green electricity — data sheet", "Électricité verte — fiche",
     "green-electricity.pdf",
     "Every kWh you use is matched by a guarantee of origin from French wind farms and hydro "
     "plants. Same network, same reliability, lower carbon footprint."},
    {"GAS-B1", Language::en, "Natural gas B1 — data sheet", "Gaz naturel B1 — fiche", "gas-b1.pdf",
     "Gas for heating and cooking, billed monthly on an estimate and adjusted once a year on the "
     "meter reading. Price reviewed each quarter."},
};

struct DemoComparison {
  const char* code;
  const char* competitor;
  const char* their_product;
  std::int64_t their_price;  // cents a month; -1: not known
  const char* advantages_en;
  const char* advantages_fr;
};

constexpr DemoComparison kDemoComparisons[] = {
    {"ELEC-BASE", "EDF", "Tarif Bleu Base 6 kVA", 1580,
     "Cheaper subscription; no commitment; customer service open on Saturdays.",
     "Abonnement moins cher ; sans engagement ; service client ouvert le samedi."},
    {"ELEC-HPHC", "EDF", "Tarif Bleu HP/HC 9 kVA", 1710,
     "Off-peak hours chosen by the customer; free switch-over.",
     "Heures creuses au choix du client ; changement d’offre gratuit."},
    {"ELEC-HPHC", "TotalEnergies", "Offre Essentielle HP/HC", 1650,
     "Price fixed for two years, not one.", "Prix fixe deux ans au lieu d’un."},
    {"ELEC-GREEN", "Ekwateur", "Électricité verte 100 %", 1890,
     "Origin certified plant by plant; 10 % cheaper subscription.",
     "Origine garantie centrale par centrale ; abonnement 10 % moins cher."},
    {"FIBRE-1G", "Orange", "Livebox Fibre 1 Gb/s", 4199,
     "Symmetric 1 Gb/s, not 400 Mb/s up; no fee for the box.",
     "1 Gb/s symétrique, pas 400 Mb/s en envoi ; box sans frais de location."},
    {"FIBRE-500", "Free", "Freebox Pop 500 Mb/s", 2999,
     "Symmetric 500 Mb/s; no commitment after the first year.",
     "500 Mb/s symétrique ; sans engagement après la première année."},
    {"GAS-B1", "Engie", "Gaz Référence B1", -1,
     "Bundle discount with our electricity; monthly billing on real use.",
     "Remise groupée avec notre électricité ; facture mensuelle sur consommation réelle."},
};

}  // namespace

Result<int> add_demo_advisor(store::Database& db, const Clock& clock) {
  const auto who = system_actor("demo");
  // Drawn before the transaction: Cairo needs no database.
  std::vector<std::string> pdfs;
  for (const auto& b : kDemoBrochures) {
    const bool fr = b.language == Language::fr;
    auto pdf =
        delivery::render_leaflet_pdf(fr ? b.title_fr : b.title_en, {b.text}, code(b.language));
    if (!pdf) return pdf.error();
    pdfs.push_back(std::move(*pdf));
  }
  return db.write([&](store::Tx& tx) -> Result<int> {
    int added = 0;
    const Instant now = clock.now();
    for (std::size_t i = 0; i < std::size(kDemoBrochures); ++i) {
      const auto& b = kDemoBrochures[i];
      auto product = store::ProductRepository::find_by_code(tx, b.code);
      if (!product || !store::LiteratureRepository::of_product(tx, product->id).empty()) continue;
      domain::Literature l;
      l.product = product->id;
      l.title_en = b.title_en;
      l.title_fr = b.title_fr;
      l.language = b.language;
      l.file_name = b.file_name;
      l.content_type = "application/pdf";
      l.size = static_cast<std::int64_t>(pdfs[i].size());
      store::LiteratureRepository::insert(tx, l, pdfs[i], who, now);
      ++added;
    }
    for (const auto& c : kDemoComparisons) {
      auto product = store::ProductRepository::find_by_code(tx, c.code);
      if (!product) continue;
      bool present = false;
      for (const auto& existing : store::ComparisonRepository::of_products(tx, {product->id.value}))
        present = present || existing.competitor == c.competitor;
      if (present) continue;
      domain::CompetitorComparison row;
      row.product = product->id;
      row.competitor = c.competitor;
      row.their_product = c.their_product;
      if (c.their_price >= 0) row.their_price = c.their_price;
      row.currency = "EUR";
      row.advantages_en = c.advantages_en;
      row.advantages_fr = c.advantages_fr;
      store::ComparisonRepository::insert(tx, row, who, now);
      ++added;
    }
    return added;
  });
}

}  // namespace rapport::app
