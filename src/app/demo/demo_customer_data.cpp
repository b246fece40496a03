#include "app/demo/demo_customer_data.h"

#include <array>

namespace rapport::app::demo {
namespace {

using W = std::string_view;

// --- France --------------------------------------------------------------------
constexpr Town kFranceTowns[] = {
    {"Paris", "",
     "75001 75002 75003 75004 75005 75006 75007 75008 75009 75010 75011 75012 75013 75014 75015 "
     "75016 75017 75018 75019 75020",
     "1", "Europe/Paris"},
    {"Lyon", "", "69001 69002 69003 69004 69005 69006 69007 69008 69009", "4", "Europe/Paris"},
    {"Marseille", "",
     "13001 13002 13003 13004 13005 13006 13007 13008 13009 13010 13011 13012 13013 13014 13015 "
     "13016",
     "4", "Europe/Paris"},
    {"Toulouse", "", "31000 31100 31200 31300 31400 31500", "5", "Europe/Paris"},
    {"Nice", "", "06000 06100 06200 06300", "4", "Europe/Paris"},
    {"Nantes", "", "44000 44100 44200 44300", "2", "Europe/Paris"},
    {"Strasbourg", "", "67000 67100 67200", "3", "Europe/Paris"},
    {"Montpellier", "", "34000 34070 34080 34090", "4", "Europe/Paris"},
    {"Bordeaux", "", "33000 33100 33200 33300 33800", "5", "Europe/Paris"},
    {"Lille", "", "59000 59160 59260 59777 59800", "3", "Europe/Paris"},
    {"Rennes", "", "35000 35200 35700", "2", "Europe/Paris"},
    {"Reims", "", "51100", "3", "Europe/Paris"},
    {"Saint-Étienne", "", "42000 42100", "4", "Europe/Paris"},
    {"Toulon", "", "83000 83100 83200", "4", "Europe/Paris"},
    {"Le Havre", "", "76600 76610 76620", "2", "Europe/Paris"},
    {"Grenoble", "", "38000 38100", "4", "Europe/Paris"},
    {"Dijon", "", "21000", "3", "Europe/Paris"},
    {"Angers", "", "49000 49100", "2", "Europe/Paris"},
    {"Nîmes", "", "30000 30900", "4", "Europe/Paris"},
    {"Villeurbanne", "", "69100", "4", "Europe/Paris"},
    {"Clermont-Ferrand", "", "63000 63100", "4", "Europe/Paris"},
    {"Aix-en-Provence", "", "13090 13100", "4", "Europe/Paris"},
    {"Brest", "", "29200", "2", "Europe/Paris"},
    {"Tours", "", "37000 37100 37200", "2", "Europe/Paris"},
    {"Amiens", "", "80000 80080 80090", "3", "Europe/Paris"},
    {"Limoges", "", "87000 87100 87280", "5", "Europe/Paris"},
    {"Besançon", "", "25000", "3", "Europe/Paris"},
    {"Orléans", "", "45000 45100", "2", "Europe/Paris"},
    {"Metz", "", "57000 57050 57070", "3", "Europe/Paris"},
    {"Rouen", "", "76000 76100", "2", "Europe/Paris"},
    {"Caen", "", "14000", "2", "Europe/Paris"},
    {"Nancy", "", "54000 54100", "3", "Europe/Paris"},
    {"Avignon", "", "84000", "4", "Europe/Paris"},
    {"Poitiers", "", "86000", "5", "Europe/Paris"},
    {"La Rochelle", "", "17000", "5", "Europe/Paris"},
    {"Pau", "", "64000", "5", "Europe/Paris"},
    {"Annecy", "", "74000", "4", "Europe/Paris"},
    {"Béziers", "", "34500", "4", "Europe/Paris"},
    {"Chambéry", "", "73000", "4", "Europe/Paris"},
    {"Sète", "", "34200", "4", "Europe/Paris"},
    {"Fréjus", "", "83600", "4", "Europe/Paris"},
    {"Évreux", "", "27000", "2", "Europe/Paris"},
    {"Châlons-en-Champagne", "", "51000", "3", "Europe/Paris"},
};
constexpr W kFranceStreets[] = {"rue Victor-Hugo",
                                "avenue Jean-Jaurès",
                                "boulevard Gambetta",
                                "rue de la République",
                                "rue Émile-Zola",
                                "rue des Écoles",
                                "allée des Châtaigniers",
                                "rue Pasteur",
                                "avenue du Général-Leclerc",
                                "chemin des Vignes",
                                "rue de l’Église",
                                "impasse des Lilas",
                                "rue Saint-Exupéry",
                                "rue Jeanne-d’Arc",
                                "rue du Château",
                                "avenue Foch",
                                "rue Molière",
                                "boulevard de la Libération",
                                "rue Pierre-et-Marie-Curie",
                                "rue des Prés",
                                "rue du Moulin",
                                "rue de Verdun",
                                "rue Édouard-Herriot",
                                "place de l’Hôtel-de-Ville",
                                "rue Anatole-France",
                                "rue Voltaire",
                                "quai des Célestins",
                                "rue des Jardins",
                                "avenue de la Gare",
                                "rue du Maréchal-Foch",
                                "rue Paul-Bert",
                                "rue Gustave-Eiffel",
                                "rue de la Fontaine",
                                "rue des Tilleuls",
                                "cours Lafayette",
                                "rue Nationale",
                                "rue Montesquieu",
                                "rue Condorcet"};
constexpr W kFranceLine2[] = {"Appartement {n}", "Bâtiment B", "Résidence Les Tilleuls",
                              "Escalier {n}", "Bâtiment A, appartement {n}"};
constexpr W kFrenchGiven[] = {
    "Hélène",   "Françoise", "Loïc",     "Zoé",        "Bérénice", "Jérôme",   "Stéphane",
    "Frédéric", "Cécile",    "Éloïse",   "Anaïs",      "Noémie",   "Gaël",     "Joël",
    "Léa",      "Chloé",     "Inès",     "Maëlle",     "Clément",  "Théo",     "Léo",
    "Mathéo",   "Raphaël",   "Benoît",   "François",   "Céline",   "Aurélie",  "Émilie",
    "Mélanie",  "Sébastien", "Jérémy",   "Amélie",     "Agnès",    "Thérèse",  "Marie",
    "Jean",     "Pierre",    "Louis",    "Camille",    "Nicolas",  "Julien",   "Thomas",
    "Antoine",  "Manon",     "Sarah",    "Lucas",      "Hugo",     "Jules",    "Emma",
    "Louise",   "Alice",     "Juliette", "Paul",       "Arthur",   "Élise",    "Maxime",
    "Mathilde", "Océane",    "Margaux",  "Anne",       "Sophie",   "Nathalie", "Isabelle",
    "Sylvie",   "Catherine", "Martine",  "Christophe", "Philippe", "Alain",    "Michel",
    "Bernard",  "André",     "Jacques",  "Daniel",     "René",     "Hervé",    "Rémi",
    "Gisèle",   "Solène",    "Maïté",    "Aïcha",      "Yanis",    "Karim",    "Nadia",
    "Adèle",    "Héloïse",   "Ophélie",  "Gaëtan",     "Anaëlle",  "Noël",     "Jérémie",
    "Valérie",  "Véronique", "Éric"};
constexpr W kFrenchFamily[] = {
    "Martin",    "Bernard", "Dubois",   "Thomas",    "Robert",      "Richard",    "Petit",
    "Durand",    "Leroy",   "Moreau",   "Simon",     "Laurent",     "Lefèvre",    "Michel",
    "Garcia",    "David",   "Bertrand", "Roux",      "Vincent",     "Fournier",   "Morel",
    "Girard",    "André",   "Lefebvre", "Mercier",   "Dupont",      "Lambert",    "Bonnet",
    "François",  "Legrand", "Garnier",  "Faure",     "Rousseau",    "Blanc",      "Guérin",
    "Muller",    "Henry",   "Roussel",  "Perrin",    "Morin",       "Mathieu",    "Clément",
    "Gauthier",  "Dumont",  "Fontaine", "Chevalier", "Robin",       "Masson",     "Gérard",
    "Nguyen",    "Boyer",   "Denis",    "Lemaire",   "Duval",       "Joly",       "Roche",
    "Noël",      "Meyer",   "Meunier",  "Pérez",     "Marchand",    "Dufour",     "Blanchard",
    "Barbier",   "Brun",    "Dumas",    "Brunet",    "Schmitt",     "Leroux",     "Colin",
    "Renard",    "Arnaud",  "Caron",    "Aubert",    "Giraud",      "Leclerc",    "Vidal",
    "Bourgeois", "Renaud",  "Lemoine",  "Picard",    "Gaillard",    "Lacroix",    "Fabre",
    "Dupuis",    "Olivier", "Hubert",   "Rivière",   "Le Gall",     "Guillaume",  "Moulin",
    "Berger",    "Lecomte", "Ménard",   "Fleury",    "Deschamps",   "Carpentier", "Benoît",
    "Maillard",  "Aubry",   "Prévost",  "Poirier",   "Charpentier", "Huet",       "Baron",
    "Dupuy",     "Carré",   "Dupré",    "Béranger",  "Lévêque",     "Hervé",      "Mallet",
    "Séguin",    "Lefort",  "Bouvier",  "Besson",    "Tessier",     "Lebrun",     "Després",
    "Le Goff",   "Jacquet", "N’Diaye",  "Diallo",    "Haddad",      "Da Silva",   "Ferreira"};
constexpr W kFrenchCompanies[] = {
    "Boulangerie {family}", "Boucherie {family}",   "Garage {family}",     "Pharmacie {family}",
    "Menuiserie {family}",  "Plomberie {family}",   "Cabinet {family}",    "Librairie {family}",
    "Café {family}",        "Brasserie {family}",   "Hôtel {family}",      "Atelier {family}",
    "Épicerie {family}",    "Fromagerie {family}",  "Transports {family}", "Électricité {family}",
    "{family} & Fils",      "{family} et Associés", "SARL {family}"};
constexpr W kFrenchRoles[] = {
    "Comptable", "Responsable des achats", "Responsable technique", "Direction", "Secrétariat",
    "Gérance"};
constexpr W kFranceMobiles[] = {"60", "61", "62", "64", "65", "66",
                                "67", "68", "75", "76", "77", "78"};

// --- Canada ----------------------------------------------------------------------
constexpr Town kOntarioTowns[] = {
    {"Toronto", "ON", "M5V M4W M5H M6G M4C M5R M6K M4E M4L M6P M5A M5B M5S M4Y M6J M6H M4M M4K",
     "416 647 437", "America/Toronto"},
    {"Ottawa", "ON", "K1P K1N K2P K1S K1Y K1R K2A K1H", "613 343", "America/Toronto"},
    {"Mississauga", "ON", "L5B L5M L5N L4Z", "905 289", "America/Toronto"},
    {"Hamilton", "ON", "L8P L8L L8N L9A", "905 289", "America/Toronto"},
    {"London", "ON", "N6A N6B N5W N6G", "519 226", "America/Toronto"},
    {"Kingston", "ON", "K7L K7K K7M", "613 343", "America/Toronto"},
    {"Windsor", "ON", "N9A N8X", "519 226", "America/Toronto"},
    {"Sudbury", "ON", "P3A P3E", "705 249", "America/Toronto"},
};
constexpr W kOntarioStreets[] = {
    "Front St W",     "King St W",      "Queen St E",  "Yonge St",      "Bloor St W",
    "Dundas St W",    "Spadina Ave",    "Bank St",     "Elgin St",      "Wellington St",
    "Rideau St",      "College St",     "Bay St",      "Danforth Ave",  "Princess St",
    "Main St E",      "James St N",     "Richmond St", "Ouellette Ave", "Lake Shore Blvd W",
    "Eglinton Ave E", "Sheppard Ave W", "Bathurst St", "Carling Ave"};
constexpr W kOntarioLine2[] = {"Unit {n}", "Suite {n}", "Apt {n}"};
constexpr W kOntarioCompanies[] = {"{family} Plumbing Ltd.",   "{family} & Sons Hardware",
                                   "{family}’s Bakery",        "{family} Dental Centre",
                                   "{family} Consulting Inc.", "{family} Auto Service"};

constexpr Town kQuebecTowns[] = {
    {"Montréal", "QC", "H2X H3B H2T H4A H1V H3H H2J H2L H2W H3A H4C H1Y", "514 438",
     "America/Toronto"},
    {"Québec", "QC", "G1R G1K G1S G1V G1L", "418 581", "America/Toronto"},
    {"Laval", "QC", "H7N H7T H7W", "450 579", "America/Toronto"},
    {"Gatineau", "QC", "J8X J8Y J9H", "819 873", "America/Toronto"},
    {"Sherbrooke", "QC", "J1H J1J J1E", "819 873", "America/Toronto"},
    {"Trois-Rivières", "QC", "G9A G8T G8Y", "819 873", "America/Toronto"},
    {"Longueuil", "QC", "J4K J4H J4J", "450 579", "America/Toronto"},
    {"Lévis", "QC", "G6V G6W", "418 581", "America/Toronto"},
};
constexpr W kQuebecStreets[] = {"rue Saint-Denis",
                                "boulevard Saint-Laurent",
                                "rue Sainte-Catherine Ouest",
                                "avenue du Mont-Royal Est",
                                "rue Sherbrooke Ouest",
                                "rue Saint-Jean",
                                "Grande Allée Est",
                                "chemin Sainte-Foy",
                                "rue Notre-Dame Ouest",
                                "boulevard René-Lévesque",
                                "avenue Laurier Ouest",
                                "rue King Ouest",
                                "rue Jean-Talon Est",
                                "rue Principale",
                                "boulevard de Maisonneuve",
                                "rue Wellington",
                                "avenue Papineau",
                                "rue Beaubien Est",
                                "boulevard des Forges",
                                "rue Racine"};
constexpr W kQuebecLine2[] = {"app. {n}", "bureau {n}"};
constexpr W kQuebecGiven[] = {
    "Geneviève",  "Josée",    "Marie-Ève",  "Jean-François", "Mathieu", "Gabriel", "Félix",
    "Samuel",     "Olivier",  "Émile",      "Léa",           "Rosalie", "Mégane",  "Annie",
    "Sylvain",    "Stéphane", "Nathalie",   "Guylaine",      "Réjean",  "Gaétan",  "Ghislain",
    "Marc-André", "Maxime",   "Frédérique", "Éric",          "Benoît",  "Chantal", "Lucie",
    "Francine",   "Hélène",   "Zoé",        "Loïc",          "Chloé",   "Raphaël", "William",
    "Thomas",     "Alexis",   "Émilie",     "Catherine",     "Isabelle"};
constexpr W kQuebecFamily[] = {
    "Tremblay",  "Gagnon",     "Roy",      "Côté",      "Bouchard",  "Gauthier",  "Morin",
    "Lavoie",    "Fortin",     "Gagné",    "Ouellet",   "Pelletier", "Bélanger",  "Lévesque",
    "Bergeron",  "Leblanc",    "Paquette", "Girard",    "Simard",    "Boucher",   "Caron",
    "Beaulieu",  "Cloutier",   "Dubé",     "Poirier",   "Fournier",  "Lapointe",  "Leclerc",
    "Lefebvre",  "Poulin",     "Thibault", "St-Pierre", "Nadeau",    "Martin",    "Landry",
    "Martel",    "Bédard",     "Grenier",  "Lessard",   "Bernier",   "Richard",   "Michaud",
    "Hébert",    "Desjardins", "Couture",  "Turcotte",  "Lachance",  "Parent",    "Blais",
    "Gosselin",  "Savard",     "Proulx",   "Beaudoin",  "Demers",    "Perreault", "Boudreau",
    "Lemieux",   "Cyr",        "Perron",   "Dufour",    "Dion",      "Mercier",   "Bolduc",
    "Bérubé",    "Boisvert",   "Langlois", "Ménard",    "Laroche",   "Deschênes", "Gélinas",
    "Thériault", "Vézina",     "Gingras",  "Pépin"};
constexpr W kQuebecCompanies[] = {
    "Dépanneur {family}",      "Quincaillerie {family}",     "Boulangerie {family} inc.",
    "Garage {family} et Fils", "Plomberie {family} inc.",    "Clinique dentaire {family}",
    "Érablière {family}",      "Construction {family} ltée", "Pharmacie {family}"};

// --- United Kingdom --------------------------------------------------------------
constexpr Town kUkTowns[] = {
    {"London", "", "SW1A EC1A W1A NW1 SE1 E1 N1 WC2N SW3 W2 E14 N7 SE10 SW11 NW3", "203 207 208",
     "Europe/London"},
    {"Manchester", "", "M1 M2 M4 M13 M20 M14 M21", "161", "Europe/London"},
    {"Birmingham", "", "B1 B2 B15 B5 B13", "121", "Europe/London"},
    {"Leeds", "", "LS1 LS6 LS2 LS7", "113", "Europe/London"},
    {"Glasgow", "", "G1 G12 G3 G11", "141", "Europe/London"},
    {"Edinburgh", "", "EH1 EH3 EH6 EH9", "131", "Europe/London"},
    {"Liverpool", "", "L1 L3 L8 L17", "151", "Europe/London"},
    {"Bristol", "", "BS1 BS8 BS6 BS3", "117", "Europe/London"},
    {"Cardiff", "", "CF10 CF11 CF24", "2920", "Europe/London"},
    {"Oxford", "", "OX1 OX2 OX4", "1865", "Europe/London"},
    {"Cambridge", "", "CB1 CB2 CB4", "1223", "Europe/London"},
    {"Sheffield", "", "S1 S10 S11", "114", "Europe/London"},
    {"Newcastle upon Tyne", "", "NE1 NE2 NE6", "191", "Europe/London"},
    {"Nottingham", "", "NG1 NG7", "115", "Europe/London"},
};
constexpr W kUkStreets[] = {
    "High Street",   "Station Road",     "Church Lane", "Victoria Road", "Park Avenue",
    "Baker Street",  "Oxford Road",      "King’s Road", "Mill Lane",     "Queen’s Drive",
    "Albert Street", "The Crescent",     "Green Lane",  "Manor Road",    "Church Street",
    "London Road",   "Springfield Road", "York Road",   "Grange Road",   "Windsor Road",
    "North Street",  "Chapel Street",    "Kingsway",    "Elm Grove",     "St John’s Road"};
constexpr W kUkLine2[] = {"Flat {n}", "Flat {n}B", "Apartment {n}"};
constexpr W kUkCompanies[] = {"{family} & Sons",          "{family} Plumbing Ltd",
                              "{family}’s Bakery",        "{family} Hardware Ltd",
                              "{family} Dental Practice", "{family} Consulting Ltd",
                              "{family} Motors",          "{family} & Co. Solicitors"};
constexpr W kUkMobiles[] = {"74", "75", "77", "78", "79"};

// --- United States ---------------------------------------------------------------
constexpr Town kUsTowns[] = {
    {"New York", "NY",
     "10001 10002 10003 10011 10012 10014 10016 10019 10021 10023 10025 10028 10036 10128",
     "212 646 917", "America/New_York"},
    {"Brooklyn", "NY", "11201 11205 11211 11215 11217 11222 11238", "718 347 929",
     "America/New_York"},
    {"Boston", "MA", "02108 02109 02110 02114 02115 02116 02118 02127 02130", "617 857",
     "America/New_York"},
    {"Philadelphia", "PA", "19102 19103 19104 19106 19107 19123 19130 19147", "215 267",
     "America/New_York"},
    {"Miami", "FL", "33125 33127 33129 33130 33131 33133 33137 33139", "305 786",
     "America/New_York"},
    {"Atlanta", "GA", "30303 30305 30306 30307 30308 30309 30312 30318", "404 470",
     "America/New_York"},
    {"Chicago", "IL", "60601 60605 60607 60610 60611 60614 60618 60622 60640 60657", "312 773 872",
     "America/Chicago"},
    {"Austin", "TX", "78701 78702 78703 78704 78731 78745 78751", "512 737", "America/Chicago"},
    {"Minneapolis", "MN", "55401 55403 55404 55405 55406 55408 55414", "612", "America/Chicago"},
    {"Denver", "CO", "80202 80203 80205 80206 80209 80211 80218", "303 720", "America/Denver"},
    {"Seattle", "WA", "98101 98102 98103 98104 98105 98107 98109 98112 98115 98122", "206",
     "America/Los_Angeles"},
    {"Portland", "OR", "97201 97202 97205 97209 97210 97212 97214 97217", "503 971",
     "America/Los_Angeles"},
    {"San Francisco", "CA", "94102 94103 94107 94109 94110 94114 94117 94122 94123", "415 628",
     "America/Los_Angeles"},
    {"Los Angeles", "CA", "90004 90012 90019 90026 90027 90036 90046 90049 90064", "213 323 310",
     "America/Los_Angeles"},
};
constexpr W kUsStreets[] = {
    "Main St",      "Oak Ave",     "Maple St", "Broadway",    "Elm St",      "Washington Ave",
    "Park Ave",     "2nd St",      "Pine St",  "Cedar Ln",    "Market St",   "Lincoln Ave",
    "Highland Ave", "Sunset Blvd", "Lake St",  "Church St",   "Madison Ave", "Jefferson St",
    "Franklin St",  "Spring St",   "River Rd", "Hillside Dr", "Forest Ave",  "Chestnut St",
    "Walnut St",    "Willow Ln",   "Cherry St"};
constexpr W kUsLine2[] = {"Apt {n}", "Apt {n}B", "Suite {n}", "Unit {n}"};
constexpr W kUsCompanies[] = {"{family} & Sons",        "{family} Plumbing Inc.",
                              "{family}’s Bakery",      "{family} Hardware",
                              "{family} Dental Clinic", "{family} Consulting LLC",
                              "{family} Auto Repair",   "{family} Realty"};

// --- English names (Ontario, the UK, the US) -----------------------------------------
constexpr W kEnglishGiven[] = {
    "James",   "Mary",      "Robert",    "Patricia", "John",     "Jennifer",  "Michael",
    "Linda",   "David",     "Elizabeth", "William",  "Barbara",  "Richard",   "Susan",
    "Joseph",  "Jessica",   "Thomas",    "Sarah",    "Charles",  "Karen",     "Christopher",
    "Emily",   "Daniel",    "Olivia",    "Matthew",  "Emma",     "Anthony",   "Sophie",
    "Mark",    "Charlotte", "Andrew",    "Amelia",   "George",   "Grace",     "Oliver",
    "Harry",   "Jack",      "Isla",      "Noah",     "Ava",      "Liam",      "Mia",
    "Ethan",   "Chloë",     "Zoë",       "Renée",    "Noël",     "Siobhán",   "Seán",
    "Niamh",   "Aoife",     "Priya",     "Arjun",    "Wei",      "Mei",       "Ahmed",
    "Fatima",  "Mateo",     "Sofía",     "José",     "María",    "Lucía",     "Hannah",
    "Ryan",    "Megan",     "Kevin",     "Laura",    "Brian",    "Rachel",    "Nathan",
    "Rebecca", "Samuel",    "Lauren",    "Benjamin", "Victoria", "Alexander", "Katherine",
    "Owen",    "Abigail",   "Logan",     "Madison",  "Lucas",    "Ella"};
constexpr W kEnglishFamily[] = {
    "Smith",     "Johnson",   "Williams", "Brown",    "Jones",     "Miller",     "Davis",
    "Wilson",    "Anderson",  "Taylor",   "Thomas",   "Moore",     "Jackson",    "White",
    "Harris",    "Martin",    "Thompson", "Clark",    "Lewis",     "Walker",     "Hall",
    "Young",     "King",      "Wright",   "Scott",    "Green",     "Baker",      "Adams",
    "Nelson",    "Hill",      "Campbell", "Mitchell", "Roberts",   "Carter",     "Phillips",
    "Evans",     "Turner",    "Parker",   "Collins",  "Edwards",   "Stewart",    "Morris",
    "Murphy",    "Cook",      "Rogers",   "O’Brien",  "O’Connor",  "MacDonald",  "McKenzie",
    "Byrne",     "Kelly",     "Hughes",   "Wood",     "Patel",     "Singh",      "Nguyen",
    "Chen",      "Wong",      "Kim",      "García",   "Martínez",  "Hernández",  "López",
    "González",  "Rodríguez", "Pérez",    "Sánchez",  "Ramírez",   "Cohen",      "Schmidt",
    "Müller",    "Novak",     "Kowalski", "Rossi",    "Brennan",   "Fitzgerald", "Sullivan",
    "Gallagher", "Doherty",   "Bennett",  "Foster",   "Graham",    "Hayes",      "Murray",
    "Price",     "Reed",      "Ward",     "Watson",   "Brooks",    "Bell",       "Coleman",
    "Ross",      "Jenkins",   "Perry",    "Powell",   "Patterson", "Barnes",     "Fisher",
    "Henderson", "Stevens",   "Cooper",   "Tremblay", "Côté"};
constexpr W kEnglishRoles[] = {"Owner", "Office manager", "Accountant", "Purchasing manager",
                               "Facilities manager"};

constexpr Region kRegions[] = {
    {"FR", Language::fr, "EUR", 45, AddressStyle::france, kFranceTowns, kFranceStreets,
     kFranceLine2, kFrenchGiven, kFrenchFamily, kFrenchCompanies, kFrenchRoles, kFranceMobiles},
    {"CA",
     Language::en,
     "CAD",
     12,
     AddressStyle::english,
     kOntarioTowns,
     kOntarioStreets,
     kOntarioLine2,
     kEnglishGiven,
     kEnglishFamily,
     kOntarioCompanies,
     kEnglishRoles,
     {}},
    {"CA",
     Language::fr,
     "CAD",
     13,
     AddressStyle::quebec,
     kQuebecTowns,
     kQuebecStreets,
     kQuebecLine2,
     kQuebecGiven,
     kQuebecFamily,
     kQuebecCompanies,
     kFrenchRoles,
     {}},
    {"GB", Language::en, "GBP", 15, AddressStyle::english, kUkTowns, kUkStreets, kUkLine2,
     kEnglishGiven, kEnglishFamily, kUkCompanies, kEnglishRoles, kUkMobiles},
    {"US",
     Language::en,
     "USD",
     15,
     AddressStyle::english,
     kUsTowns,
     kUsStreets,
     kUsLine2,
     kEnglishGiven,
     kEnglishFamily,
     kUsCompanies,
     kEnglishRoles,
     {}},
};

// --- What CSRs write --------------------------------------------------------------
constexpr Phrase kCallsEn[] = {
    {"Asked why the March bill is higher than usual; explained the estimated reading.", "answered"},
    {"Wants to move the start of the gas supply to next month.", "callback"},
    {"Reports that the broadband line drops in the evening; opened a ticket.", "callback"},
    {"Interested in a fixed-price electricity offer; sent the details.", "sale"},
    {"Moving house in June; took the new address.", "answered"},
    {"Asked for a payment plan for the last two bills.", "answered"},
    {"Confirmed the appointment to install the meter.", "answered"},
    {"Upgraded to the faster broadband package.", "sale"}};
constexpr Phrase kCallsFr[] = {
    {"Demande pourquoi la facture de mars est plus élevée ; relevé estimé expliqué.", "answered"},
    {"Souhaite décaler la mise en service du gaz au mois prochain.", "callback"},
    {"Coupures de la ligne internet le soir ; ticket ouvert.", "callback"},
    {"Intérêt pour une offre d’électricité à prix fixe ; détails envoyés.", "sale"},
    {"Déménagement en juin ; nouvelle adresse notée.", "answered"},
    {"Demande un échéancier pour les deux dernières factures.", "answered"},
    {"Rendez-vous de pose du compteur confirmé.", "answered"},
    {"Passage à l’offre internet très haut débit.", "sale"}};
constexpr Phrase kNotesEn[] = {{"Prefers to be called after 6 pm.", ""},
                               {"Welcome letter sent.", ""},
                               {"Asked for paper bills.", ""},
                               {"Meter reading received as a photo.", ""}};
constexpr Phrase kNotesFr[] = {{"Préfère les appels après 18 h.", ""},
                               {"Courrier de bienvenue envoyé.", ""},
                               {"Souhaite recevoir ses factures par courrier.", ""},
                               {"Relevé de compteur reçu en photo.", ""}};

}  // namespace

std::span<const Region> regions() { return kRegions; }

std::span<const Phrase> call_phrases(Language language) {
  if (language == Language::fr) return kCallsFr;
  return kCallsEn;
}

std::span<const Phrase> note_phrases(Language language) {
  if (language == Language::fr) return kNotesFr;
  return kNotesEn;
}

}  // namespace rapport::app::demo
