-- The catalog, price lists, sales orders and assets (quotes-orders-assets.md).
-- Money is in minor units of the list's currency (BIGINT), quantities in
-- thousandths of the product's unit, VAT rates in basis points: every
-- amount is an exact integer (domain/catalog/pricing.h).

CREATE TABLE products (
  id {{pk}},
  code TEXT NOT NULL UNIQUE,
  name_en TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  description_en TEXT NOT NULL,
  description_fr TEXT NOT NULL,
  product_type TEXT NOT NULL CHECK (product_type IN ('goods', 'service')),
  unit TEXT NOT NULL,
  trackable INTEGER NOT NULL,
  orderable_from TEXT NOT NULL,
  orderable_to TEXT,
  features_json TEXT NOT NULL,
  vat_rate INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  -- code and both names folded (lower case, no accents) for the search
  search_key TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
CREATE INDEX products_search ON products (search_key);

CREATE TABLE price_lists (
  id {{pk}},
  code TEXT NOT NULL UNIQUE,
  name_en TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  currency TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  is_default INTEGER NOT NULL DEFAULT 0,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);

CREATE TABLE product_prices (
  price_list_id BIGINT NOT NULL REFERENCES price_lists(id),
  product_id BIGINT NOT NULL REFERENCES products(id),
  unit_price BIGINT NOT NULL,
  tiers_json TEXT NOT NULL,
  PRIMARY KEY (price_list_id, product_id)
);

-- A customer's or an account's own price list (NULL: the default list).
ALTER TABLE customers ADD COLUMN price_list_id BIGINT REFERENCES price_lists(id);
ALTER TABLE accounts ADD COLUMN price_list_id BIGINT REFERENCES price_lists(id);

CREATE TABLE sales_orders (
  id {{pk}},
  number TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('pending', 'open', 'complete', 'canceled')),
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  account_id BIGINT REFERENCES accounts(id),
  contact_id BIGINT REFERENCES contacts(id),
  requested_delivery TEXT,
  ship_line1 TEXT NOT NULL,
  ship_line2 TEXT NOT NULL,
  ship_postal_code TEXT NOT NULL,
  ship_city TEXT NOT NULL,
  ship_region TEXT NOT NULL,
  ship_country TEXT NOT NULL,
  departure TEXT NOT NULL,
  price_list_id BIGINT NOT NULL REFERENCES price_lists(id),
  currency TEXT NOT NULL,
  notes TEXT NOT NULL,
  plan_entry_id BIGINT REFERENCES plan_entries(id),
  created_at TEXT NOT NULL,
  submitted_at TEXT,
  completed_at TEXT,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
CREATE INDEX sales_orders_customer ON sales_orders (customer_id, requested_delivery);
CREATE INDEX sales_orders_status ON sales_orders (status, id);

CREATE TABLE sales_order_lines (
  id {{pk}},
  order_id BIGINT NOT NULL REFERENCES sales_orders(id),
  line_number INTEGER NOT NULL,
  product_id BIGINT NOT NULL REFERENCES products(id),
  product_code TEXT NOT NULL,
  quantity BIGINT NOT NULL,
  unit_price BIGINT NOT NULL,
  discount BIGINT NOT NULL,
  vat_rate INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'open', 'complete', 'failed')),
  fail_reason TEXT NOT NULL,
  asset_id BIGINT,
  UNIQUE (order_id, line_number)
);
-- The fulfilment queue: open lines, oldest order first.
CREATE INDEX sales_order_lines_status ON sales_order_lines (status, order_id);

CREATE TABLE assets (
  id {{pk}},
  number TEXT NOT NULL UNIQUE,
  product_id BIGINT NOT NULL REFERENCES products(id),
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  account_id BIGINT REFERENCES accounts(id),
  address_line1 TEXT NOT NULL,
  address_line2 TEXT NOT NULL,
  address_postal_code TEXT NOT NULL,
  address_city TEXT NOT NULL,
  address_region TEXT NOT NULL,
  address_country TEXT NOT NULL,
  quantity BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'inactive')),
  installed_on TEXT NOT NULL,
  origin_line_id BIGINT NOT NULL REFERENCES sales_order_lines(id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX assets_customer ON assets (customer_id, id);
