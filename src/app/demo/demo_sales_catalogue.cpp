#include "app/demo/demo_sales_catalogue.h"

#include <array>
#include <cstdio>
#include <string>

namespace rapport::app {
namespace {

using date::days;
using date::sys_days;
using domain::ProductType;

struct CatalogueRow {
  const char* code;
  const char* name_en;
  const char* name_fr;
  const char* description_en;
  const char* description_fr;
  ProductType type;
  const char* unit;
  bool trackable;
  int vat;  // basis points
  std::int64_t standard;
  std::int64_t business;  // 0: not in the business list
  const char* feature_name;
  const char* feature_value;
};

constexpr auto kSvc = ProductType::service;
constexpr auto kGds = ProductType::goods;

// Prices in cents: monthly for subscriptions, per kWh for consumption.
constexpr CatalogueRow kDemoSalesCatalogue[] = {
    // Energy
    {"ELEC-BASE", "Electricity — Base rate", "Électricité — option Base",
     "Electricity supply at one price all day, billed monthly.",
     "Fourniture d’électricité à prix unique toute la journée, facturée au mois.", kSvc, "month",
     true, 2000, 1495, 1390, "Power", "6 kVA"},
    {"ELEC-HPHC", "Electricity — Peak/Off-peak", "Électricité — heures pleines / heures creuses",
     "Electricity supply with eight cheaper off-peak hours each night.",
     "Fourniture d’électricité avec huit heures creuses moins chères chaque nuit.", kSvc, "month",
     true, 2000, 1620, 1510, "Power", "9 kVA"},
    {"ELEC-GREEN", "Green electricity, 100 % renewable", "Électricité verte 100 % renouvelable",
     "Every kWh matched by guarantees of origin from French wind and hydro plants.",
     "Chaque kWh couvert par des garanties d’origine d’éoliennes et de barrages français.", kSvc,
     "month", true, 2000, 1790, 1650, "Origin", "Wind, hydro"},
    {"GAS-B1", "Natural gas — B1 rate", "Gaz naturel — tarif B1",
     "Gas supply for heating and cooking, billed monthly.",
     "Fourniture de gaz pour le chauffage et la cuisson, facturée au mois.", kSvc, "month", true,
     2000, 2210, 2050, "Annual use", "6,000–30,000 kWh"},
    {"GAS-BIO", "Natural gas with 10 % biomethane", "Gaz naturel avec 10 % de biométhane",
     "Gas supply of which a tenth comes from French farm methanisers.",
     "Fourniture de gaz dont un dixième vient de méthaniseurs agricoles français.", kSvc, "month",
     true, 2000, 2390, 2240, "Biomethane", "10 %"},
    {"KWH-ELEC", "Electricity consumption", "Consommation d’électricité",
     "Energy used, per kWh, at the contract's rate.",
     "Énergie consommée, au kWh, au prix du contrat.", kSvc, "kwh", false, 2000, 25, 23, "", ""},
    {"KWH-GAS", "Gas consumption", "Consommation de gaz", "Gas used, per kWh.",
     "Gaz consommé, au kWh.", kSvc, "kwh", false, 2000, 11, 10, "", ""},
    {"ENERGY-AUDIT", "Home energy audit", "Diagnostic énergétique du logement",
     "A two-hour visit with a written report and the savings each work would bring.",
     "Une visite de deux heures, un rapport écrit et les économies de chaque travaux.", kSvc,
     "unit", false, 2000, 19900, 17900, "Length", "2 h"},
    {"HEATPUMP-CARE", "Heat pump maintenance contract", "Contrat d’entretien de pompe à chaleur",
     "Yearly check, cleaning and repairs of a heat pump, parts included.",
     "Visite annuelle, nettoyage et dépannages d’une pompe à chaleur, pièces comprises.", kSvc,
     "year", true, 1000, 18900, 16900, "Response time", "48 h"},
    {"BOILER-SERVICE", "Gas boiler annual service", "Entretien annuel de chaudière gaz",
     "The yearly service the law requires, with its certificate.",
     "L’entretien annuel obligatoire, avec son attestation.", kSvc, "unit", false, 1000, 12900,
     11500, "", ""},
    {"SOLAR-3KWP", "Solar panel kit 3 kWp", "Kit photovoltaïque 3 kWc",
     "Eight roof panels with their inverter, installed and connected to the grid.",
     "Huit panneaux en toiture avec leur onduleur, posés et raccordés au réseau.", kGds, "unit",
     true, 550, 749000, 699000, "Peak power", "3 kWp"},
    {"EV-CHARGER", "Home EV charger 7.4 kW", "Borne de recharge 7,4 kW",
     "A wall charger for an electric car, installed by a certified electrician.",
     "Une borne murale pour voiture électrique, posée par un électricien qualifié.", kGds, "unit",
     true, 550, 129000, 119000, "Power", "7.4 kW"},
    {"ATTIC-INSULATION", "Attic insulation", "Isolation des combles",
     "Blown mineral wool, 30 cm thick, per square metre of attic floor.",
     "Laine minérale soufflée de 30 cm, au mètre carré de plancher de combles.", kSvc, "unit",
     false, 550, 2500, 2200, "Thickness", "30 cm"},
    {"THERMOSTAT", "Smart thermostat", "Thermostat connecté",
     "Controls the heating room by room from a phone.",
     "Pilote le chauffage pièce par pièce depuis un téléphone.", kGds, "unit", true, 2000, 21900,
     19900, "Connection", "Wi-Fi"},
    {"SMART-METER", "Smart electricity meter", "Compteur électrique communicant",
     "A meter read remotely every day: no more estimated bills.",
     "Un compteur relevé à distance chaque jour : plus de facture estimée.", kGds, "unit", true,
     2000, 0, 0, "Reading", "Daily"},
    {"ELEC-FIXED-2024", "Electricity — 2024 fixed price", "Électricité — prix fixe 2024",
     "The 2024 offer at a price fixed for two years, no longer sold.",
     "L’offre 2024 à prix fixe pendant deux ans, qui n’est plus proposée.", kSvc, "month", true,
     2000, 1390, 0, "Price fixed", "24 months"},
    // Telecom services
    {"FIBRE-500", "Fibre 500 Mb/s", "Fibre 500 Mb/s",
     "Home fibre internet, 500 Mb/s down and up, unlimited.",
     "Internet fibre à la maison, 500 Mb/s en réception et en envoi, illimité.", kSvc, "month",
     true, 2000, 2999, 2799, "Speed", "500 Mb/s"},
    {"FIBRE-1G", "Fibre 1 Gb/s", "Fibre 1 Gb/s", "Home fibre internet, 1 Gb/s, unlimited.",
     "Internet fibre à la maison, 1 Gb/s, illimité.", kSvc, "month", true, 2000, 3499, 3299,
     "Speed", "1 Gb/s"},
    {"FIBRE-8G-PRO", "Business fibre 8 Gb/s", "Fibre professionnelle 8 Gb/s",
     "Fibre for offices with a fixed IP address and repair within 4 hours.",
     "Fibre pour les bureaux avec adresse IP fixe et rétablissement en 4 heures.", kSvc, "month",
     true, 2000, 8900, 7900, "Repair time", "4 h"},
    {"ADSL-20", "ADSL up to 20 Mb/s", "ADSL jusqu’à 20 Mb/s",
     "Internet over the copper line where fibre has not arrived yet.",
     "Internet par la ligne cuivre là où la fibre n’est pas encore arrivée.", kSvc, "month", true,
     2000, 2499, 0, "Speed", "20 Mb/s"},
    {"MOBILE-20GB", "Mobile plan 20 GB", "Forfait mobile 20 Go",
     "Unlimited calls and texts, 20 GB of data in France and the EU.",
     "Appels et SMS illimités, 20 Go d’internet en France et dans l’UE.", kSvc, "month", true, 2000,
     999, 899, "Data", "20 GB"},
    {"MOBILE-100GB", "Mobile plan 100 GB 5G", "Forfait mobile 100 Go 5G",
     "Unlimited calls and texts, 100 GB of 5G data.",
     "Appels et SMS illimités, 100 Go d’internet en 5G.", kSvc, "month", true, 2000, 1999, 1799,
     "Data", "100 GB"},
    {"LANDLINE", "Landline, unlimited calls in France", "Ligne fixe, appels illimités en France",
     "A home phone line with unlimited calls to French landlines and mobiles.",
     "Une ligne fixe avec appels illimités vers les fixes et mobiles de France.", kSvc, "month",
     true, 2000, 999, 899, "", ""},
    {"TV-ESSENTIAL", "TV Essential, 180 channels", "TV Essentiel, 180 chaînes",
     "180 channels with replay, on the TV and on the app.",
     "180 chaînes avec le replay, sur la télévision et sur l’application.", kSvc, "month", true,
     1000, 1500, 0, "Channels", "180"},
    {"TV-SPORT", "Sports option", "Option Sport", "Live football, rugby and tennis.",
     "Football, rugby et tennis en direct.", kSvc, "month", true, 1000, 1999, 0, "", ""},
    {"CLOUD-1TB", "Online backup 1 TB", "Sauvegarde en ligne 1 To",
     "Automatic backup of computers and phones, kept in France.",
     "Sauvegarde automatique des ordinateurs et téléphones, hébergée en France.", kSvc, "month",
     true, 2000, 499, 399, "Space", "1 TB"},
    {"NUMBER-PORTING", "Number porting", "Portabilité du numéro",
     "Keeps the customer's phone number when they change operator.",
     "Conserve le numéro du client lorsqu’il change d’opérateur.", kSvc, "unit", false, 2000, 0, 0,
     "", ""},
    {"TECH-VISIT", "Technician visit", "Intervention d’un technicien",
     "A technician at the customer's home, per hour.",
     "Un technicien au domicile du client, à l’heure.", kSvc, "hour", false, 2000, 6900, 5900, "",
     ""},
    {"FIBRE-INSTALL", "Fibre connection", "Raccordement à la fibre",
     "Connects the home to the street's fibre and installs the socket.",
     "Raccorde le logement à la fibre de la rue et pose la prise.", kSvc, "unit", false, 2000, 4900,
     0, "", ""},
    {"HOME-DELIVERY", "Home delivery", "Livraison à domicile",
     "Equipment delivered to the customer's address within three days.",
     "Équipement livré à l’adresse du client sous trois jours.", kSvc, "unit", false, 2000, 590, 0,
     "", ""},
    // Equipment
    {"BOX-WIFI6", "Internet box Wi-Fi 6", "Box internet Wi-Fi 6",
     "Router for fibre and ADSL with Wi-Fi 6 and four Ethernet ports.",
     "Routeur pour la fibre et l’ADSL, Wi-Fi 6 et quatre prises Ethernet.", kGds, "unit", true,
     2000, 0, 0, "Wi-Fi", "6"},
    {"BOX-WIFI7", "Internet box Wi-Fi 7", "Box internet Wi-Fi 7",
     "Router with Wi-Fi 7 and a 10 Gb/s port for the fastest fibre.",
     "Routeur Wi-Fi 7 avec une prise 10 Gb/s pour la fibre la plus rapide.", kGds, "unit", true,
     2000, 4900, 3900, "Wi-Fi", "7"},
    {"TV-DECODER-4K", "4K TV decoder", "Décodeur TV 4K",
     "Decoder with voice remote control, 4K and Dolby Atmos.",
     "Décodeur avec télécommande vocale, 4K et Dolby Atmos.", kGds, "unit", true, 2000, 0, 0,
     "Picture", "4K HDR"},
    {"WIFI-REPEATER", "Wi-Fi repeater", "Répéteur Wi-Fi",
     "Carries the Wi-Fi to the far rooms of the home.",
     "Porte le Wi-Fi jusqu’aux pièces éloignées du logement.", kGds, "unit", true, 2000, 5900, 4900,
     "Wi-Fi", "6"},
    {"PHONE-5G", "5G smartphone 128 GB", "Smartphone 5G 128 Go",
     "A 6.1-inch 5G phone with 128 GB of storage.",
     "Un téléphone 5G de 6,1 pouces avec 128 Go de stockage.", kGds, "unit", true, 2000, 34900,
     31900, "Storage", "128 GB"},
    {"DECT-PHONE", "Cordless phone", "Téléphone sans fil",
     "A DECT handset for the landline, with answering machine.",
     "Un combiné DECT pour la ligne fixe, avec répondeur.", kGds, "unit", true, 2000, 3990, 3490,
     "", ""},
    {"ROUTER-4G-PRO", "Business router with 4G backup", "Routeur professionnel avec secours 4G",
     "Switches the office to 4G when the fibre is down.",
     "Bascule le bureau sur la 4G quand la fibre est coupée.", kGds, "unit", true, 2000, 24900,
     21900, "Backup", "4G"},
    {"SIM-CARD", "Extra SIM card", "Carte SIM supplémentaire",
     "A SIM or eSIM for one more line on the account.",
     "Une SIM ou eSIM pour une ligne de plus sur le compte.", kGds, "unit", true, 2000, 1000, 500,
     "Format", "Triple cut, eSIM"},
    {"ETHERNET-5M", "Ethernet cable 5 m", "Câble Ethernet 5 m",
     "Category 6 cable between the box and a computer or decoder.",
     "Câble catégorie 6 entre la box et un ordinateur ou un décodeur.", kGds, "unit", false, 2000,
     990, 690, "Length", "5 m"},
    {"GUIDE-SAVING", "Book: saving energy at home", "Livre : économiser l’énergie chez soi",
     "A 120-page guide of everyday savings, in French.",
     "Un guide de 120 pages des économies de tous les jours.", kGds, "unit", false, 550, 1490, 0,
     "Pages", "120"},
};

}  // namespace

std::vector<DemoProduct> demo_sales_catalogue(CivilDate today) {
  const CivilDate from{sys_days(today) - days{365}};
  std::vector<DemoProduct> out;
  for (const auto& row : kDemoSalesCatalogue) {
    DemoProduct d;
    auto& p = d.product;
    p.code = row.code;
    p.name_en = row.name_en;
    p.name_fr = row.name_fr;
    p.description_en = row.description_en;
    p.description_fr = row.description_fr;
    p.type = row.type;
    p.unit = row.unit;
    p.trackable = row.trackable;
    p.vat_rate = row.vat;
    p.orderable_from = from;
    if (std::string(row.code) == "ELEC-FIXED-2024")
      p.orderable_to = CivilDate{sys_days(today) - days{60}};
    if (*row.feature_name) p.features.push_back({row.feature_name, row.feature_value});
    d.standard_price = row.standard;
    d.business_price = row.business;
    // Volume tiers where a business buys many: lines, SIMs, cables, kWh.
    const std::string code = row.code;
    if (code == "MOBILE-20GB" || code == "MOBILE-100GB")
      d.tiers = {{10'000, row.business * 9 / 10}, {50'000, row.business * 8 / 10}};
    else if (code == "SIM-CARD" || code == "ETHERNET-5M")
      d.tiers = {{10'000, row.business / 2}};
    else if (code == "KWH-ELEC" || code == "KWH-GAS")
      d.tiers = {{100'000'000, row.business - 2}};
    out.push_back(std::move(d));
  }
  return out;
}

DemoProduct generated_demo_product(long long index, CivilDate today) {
  static constexpr std::array<const char*, 12> kKinds = {
      "Fibre box", "Mobile plan", "Router", "Decoder", "Repeater", "Thermostat",
      "Meter",     "Charger",     "Cable",  "Handset", "Sensor",   "Gas contract"};
  static constexpr std::array<const char*, 12> kKindsFr = {
      "Box fibre", "Forfait mobile", "Routeur", "Décodeur", "Répéteur", "Thermostat",
      "Compteur",  "Borne",          "Câble",   "Combiné",  "Capteur",  "Contrat gaz"};
  static constexpr std::array<const char*, 8> kGrades = {"basic", "plus",  "premium", "pro",
                                                         "eco",   "smart", "max",     "lite"};
  static constexpr std::array<const char*, 8> kGradesFr = {
      "essentiel", "plus", "premium", "pro", "éco", "smart", "max", "léger"};
  const auto k = static_cast<std::size_t>(index % 12);
  const auto g = static_cast<std::size_t>((index / 12) % 8);
  const long long series = 100 + (index * 37) % 900;
  char code[32];
  std::snprintf(code, sizeof code, "GEN-%06lld", index + 1);
  DemoProduct d;
  auto& p = d.product;
  p.code = code;
  p.name_en = std::string(kKinds[k]) + " " + kGrades[g] + " " + std::to_string(series);
  p.name_fr = std::string(kKindsFr[k]) + " " + kGradesFr[g] + " " + std::to_string(series);
  p.type = k == 1 || k == 11 ? ProductType::service : ProductType::goods;
  p.unit = k == 1 || k == 11 ? "month" : "unit";
  p.trackable = index % 3 != 2;
  p.vat_rate = index % 10 == 0 ? 550 : 2000;
  p.orderable_from = CivilDate{sys_days(today) - days{365}};
  d.standard_price = 500 + (index * 7919) % 50'000;
  return d;
}

}  // namespace rapport::app
