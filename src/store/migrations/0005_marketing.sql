-- Campaigns, packages and service orders (campaigns-and-orders.md). A
-- campaign's questions and eligibility rules, and a package's rules,
-- questions, overrides and agreements to create, are edited and read as a
-- whole, so each is one JSON document (store/marketing_json.h) beside the
-- scalar columns that lists, filters and reports need.

CREATE TABLE campaigns (
  id {{pk}},
  code TEXT NOT NULL UNIQUE,
  description_en TEXT NOT NULL,
  description_fr TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  target_classes TEXT NOT NULL,  -- comma-separated codes; empty: all
  target_regions TEXT NOT NULL,
  rules_json TEXT NOT NULL,
  complete_without_package INTEGER NOT NULL DEFAULT 0,
  new_person_class TEXT NOT NULL REFERENCES customer_classes(code),
  new_person_language TEXT NOT NULL,
  new_person_relationship TEXT NOT NULL,
  premise_usage TEXT NOT NULL CHECK (premise_usage IN ('not_allowed', 'optional', 'required')),
  premise_may_create INTEGER NOT NULL,
  account_usage TEXT NOT NULL CHECK (account_usage IN ('not_allowed', 'optional', 'required')),
  account_may_create INTEGER NOT NULL,
  questions_json TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);

CREATE TABLE packages (
  id {{pk}},
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  code TEXT NOT NULL,
  description_en TEXT NOT NULL,
  description_fr TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  display_order INTEGER NOT NULL DEFAULT 0,
  instructions_en TEXT NOT NULL,
  instructions_fr TEXT NOT NULL,
  rules_json TEXT NOT NULL,
  questions_json TEXT NOT NULL,
  overrides_json TEXT NOT NULL,
  agreements_json TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id),
  UNIQUE (campaign_id, code)
);

-- The installation's default campaign for new orders (NULL: none).
ALTER TABLE installation_settings ADD COLUMN default_campaign BIGINT REFERENCES campaigns(id);

CREATE TABLE service_orders (
  id {{pk}},
  number TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('pending', 'held', 'canceled', 'complete')),
  campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
  package_id BIGINT REFERENCES packages(id),
  prospect_name TEXT NOT NULL,
  prospect_json TEXT NOT NULL,
  person_choice TEXT NOT NULL,
  customer_id BIGINT REFERENCES customers(id),
  account_choice TEXT NOT NULL,
  account_id BIGINT REFERENCES accounts(id),
  premise_choice TEXT NOT NULL,
  premise_id BIGINT REFERENCES premises(id),
  premise_address_json TEXT NOT NULL,
  premise_type TEXT NOT NULL,
  answers_json TEXT NOT NULL,
  set_aside_json TEXT NOT NULL,
  hold_reason TEXT NOT NULL DEFAULT '',
  remind_on TEXT,
  cancel_reason TEXT NOT NULL DEFAULT '',
  created_json TEXT NOT NULL,
  assigned_user BIGINT REFERENCES users(id),
  created_at TEXT NOT NULL,
  completed_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
CREATE INDEX service_orders_campaign ON service_orders (campaign_id, status);
CREATE INDEX service_orders_reminders ON service_orders (status, remind_on);
CREATE INDEX service_orders_customer ON service_orders (customer_id);

-- Every status an order went through, for the conversion report.
CREATE TABLE service_order_events (
  id {{pk}},
  order_id BIGINT NOT NULL REFERENCES service_orders(id),
  at TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  status TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX service_order_events_order ON service_order_events (order_id, id);

-- The order, campaign and package an agreement was signed under.
ALTER TABLE service_agreements ADD COLUMN service_order_id BIGINT REFERENCES service_orders(id);
ALTER TABLE service_agreements ADD COLUMN campaign_id BIGINT REFERENCES campaigns(id);
ALTER TABLE service_agreements ADD COLUMN package_id BIGINT REFERENCES packages(id);

-- The agreement types the demo catalogue's packages sign up for.
INSERT INTO service_agreement_types VALUES ('green_electricity', 'energy', 'Green electricity supply', 'Fourniture d’électricité verte', 1);
INSERT INTO service_agreement_types VALUES ('ev_charging', 'energy', 'Home EV charging', 'Recharge de véhicule électrique à domicile', 1);
INSERT INTO service_agreement_types VALUES ('heating_care', 'services', 'Heating maintenance', 'Entretien du chauffage', 1);
INSERT INTO service_agreement_types VALUES ('telephony', 'telecom', 'Business telephony', 'Téléphonie professionnelle', 1);
