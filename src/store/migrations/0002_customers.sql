-- Customers and Control Central (customers.md): customers (persons and
-- companies) with phones and e-mails, contacts, accounts and the persons on
-- them, premises, service points, service agreements, interactions, and the
-- search index.

-- The country whose numbering and addresses are assumed when none is given.
ALTER TABLE installation_settings ADD COLUMN country TEXT NOT NULL DEFAULT 'FR';

CREATE TABLE customer_classes (
  code TEXT PRIMARY KEY,
  label_en TEXT NOT NULL,
  label_fr TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO customer_classes VALUES ('residential', 'Residential', 'Résidentiel', 1);
INSERT INTO customer_classes VALUES ('commercial', 'Commercial', 'Professionnel', 1);
INSERT INTO customer_classes VALUES ('industrial', 'Industrial', 'Industriel', 1);
INSERT INTO customer_classes VALUES ('public', 'Public sector', 'Secteur public', 1);

CREATE TABLE customers (
  id {{pk}},
  kind TEXT NOT NULL CHECK (kind IN ('person', 'company')),
  family_name TEXT NOT NULL,
  given_name TEXT NOT NULL,
  company_name TEXT NOT NULL,
  display_name TEXT NOT NULL,
  language TEXT NOT NULL,
  customer_class TEXT NOT NULL REFERENCES customer_classes(code),
  category TEXT NOT NULL,
  tax_id TEXT NOT NULL,
  date_of_birth TEXT,
  time_zone TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
  line1 TEXT NOT NULL,
  line2 TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  city TEXT NOT NULL,
  region TEXT NOT NULL,
  country TEXT NOT NULL,
  postal_key TEXT NOT NULL,
  name_key TEXT NOT NULL,
  search_text TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
-- A postal code's customers in the search's order (a French code holds
-- thousands: no sort, the first page is read straight off the index); the
-- duplicate check (same name at the same postal code) reads name_key here.
CREATE INDEX customers_postal_name ON customers (postal_key, display_name, id, name_key);
CREATE INDEX customers_category ON customers (category);

CREATE TABLE customer_phones (
  id {{pk}},
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  phone_type TEXT NOT NULL,
  e164 TEXT NOT NULL,
  is_primary INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customer_phones_e164 ON customer_phones (e164);
CREATE INDEX customer_phones_customer ON customer_phones (customer_id);

CREATE TABLE customer_emails (
  id {{pk}},
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  address_key TEXT NOT NULL,
  is_primary INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX customer_emails_key ON customer_emails (address_key);
CREATE INDEX customer_emails_customer ON customer_emails (customer_id);

CREATE TABLE contacts (
  id {{pk}},
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  family_name TEXT NOT NULL,
  given_name TEXT NOT NULL,
  role TEXT NOT NULL,
  phone_e164 TEXT NOT NULL,
  email TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
CREATE INDEX contacts_customer ON contacts (customer_id);
CREATE INDEX contacts_phone ON contacts (phone_e164);

CREATE TABLE accounts (
  id {{pk}},
  number TEXT NOT NULL UNIQUE,
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  customer_class TEXT NOT NULL REFERENCES customer_classes(code),
  currency TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
  start_date TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
CREATE INDEX accounts_customer ON accounts (customer_id);

CREATE TABLE account_persons (
  account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  relationship TEXT NOT NULL CHECK (relationship IN ('main', 'financially_responsible', 'other')),
  PRIMARY KEY (account_id, customer_id)
);
CREATE INDEX account_persons_customer ON account_persons (customer_id);

CREATE TABLE premises (
  id {{pk}},
  line1 TEXT NOT NULL,
  line2 TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  city TEXT NOT NULL,
  region TEXT NOT NULL,
  country TEXT NOT NULL,
  postal_key TEXT NOT NULL,
  address_key TEXT NOT NULL,
  premise_type TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
CREATE INDEX premises_postal ON premises (postal_key);

-- Which premises a customer is served at (through an order, an agreement
-- or when the customer was added).
CREATE TABLE customer_premises (
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  premise_id BIGINT NOT NULL REFERENCES premises(id),
  PRIMARY KEY (customer_id, premise_id)
);
CREATE INDEX customer_premises_premise ON customer_premises (premise_id);

CREATE TABLE service_points (
  id {{pk}},
  premise_id BIGINT NOT NULL REFERENCES premises(id),
  sp_type TEXT NOT NULL,
  installation_status TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
CREATE INDEX service_points_premise ON service_points (premise_id);

CREATE TABLE service_agreement_types (
  code TEXT PRIMARY KEY,
  division TEXT NOT NULL,
  label_en TEXT NOT NULL,
  label_fr TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO service_agreement_types VALUES ('electricity', 'energy', 'Electricity supply', 'Fourniture d’électricité', 1);
INSERT INTO service_agreement_types VALUES ('gas', 'energy', 'Gas supply', 'Fourniture de gaz', 1);
INSERT INTO service_agreement_types VALUES ('broadband', 'telecom', 'Broadband', 'Internet haut débit', 1);

CREATE TABLE service_agreements (
  id {{pk}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  service_point_id BIGINT REFERENCES service_points(id),
  sa_type TEXT NOT NULL REFERENCES service_agreement_types(code),
  division TEXT NOT NULL,
  start_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending_start', 'active', 'proposal', 'stopped')),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
CREATE INDEX service_agreements_account ON service_agreements (account_id);
CREATE INDEX service_agreements_point ON service_agreements (service_point_id);

CREATE TABLE interactions (
  id {{pk}},
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  user_name TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('call', 'email', 'letter', 'fax', 'note')),
  direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'none')),
  summary TEXT NOT NULL,
  outcome TEXT NOT NULL,
  related_type TEXT NOT NULL,
  related_id BIGINT NOT NULL
);
CREATE INDEX interactions_customer ON interactions (customer_id, at);

-- The search index: one document per customer with its normalized names,
-- e-mails, city, postal code and account numbers (search_text.h). Prefixes
-- of one to three letters are indexed too: without them "mary o" merges
-- the entries of every word starting with o (some 100 ms at a million
-- customers; every account number starts with a).
-- sqlite-only
CREATE VIRTUAL TABLE customer_search USING fts5 (search_text, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
-- end
-- postgresql-only
CREATE INDEX customers_search ON customers USING GIN (to_tsvector('simple', search_text));
-- end
