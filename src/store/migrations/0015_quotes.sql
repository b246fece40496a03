-- Quotes (quotes-orders-assets.md, "Quote", "Quote → sales order"). Each
-- revision of a quote is a row of its own sharing the quote's number; only
-- the newest (active) may change. A converted quote names its order and
-- the order names its quote.
CREATE TABLE quotes (
  id {{pk}},
  number TEXT NOT NULL,
  revision INTEGER NOT NULL,
  active INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'rejected')),
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  account_id BIGINT REFERENCES accounts(id),
  contact_id BIGINT REFERENCES contacts(id),
  price_list_id BIGINT NOT NULL REFERENCES price_lists(id),
  currency TEXT NOT NULL,
  valid_until TEXT NOT NULL,
  notes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  sent_channel TEXT,
  decided_at TEXT,
  sales_order_id BIGINT REFERENCES sales_orders(id),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id),
  UNIQUE (number, revision)
);
CREATE INDEX quotes_customer ON quotes (customer_id, id);
-- A quote converts once: one order per quote.
CREATE UNIQUE INDEX quotes_sales_order ON quotes (sales_order_id);

CREATE TABLE quote_lines (
  id {{pk}},
  quote_id BIGINT NOT NULL REFERENCES quotes(id),
  line_number INTEGER NOT NULL,
  product_id BIGINT NOT NULL REFERENCES products(id),
  product_code TEXT NOT NULL,
  quantity BIGINT NOT NULL,
  unit_price BIGINT NOT NULL,
  discount BIGINT NOT NULL,
  vat_rate INTEGER NOT NULL,
  -- the product's features when the line was priced, as the product's features_json
  features_json TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('add', 'update', 'remove', 'none')),
  asset_id BIGINT REFERENCES assets(id),
  UNIQUE (quote_id, line_number)
);

ALTER TABLE sales_orders ADD COLUMN quote_id BIGINT REFERENCES quotes(id);
CREATE INDEX sales_orders_quote ON sales_orders (quote_id);

-- How long a new quote is valid, and the letterhead of quote documents.
ALTER TABLE installation_settings ADD COLUMN quote_validity_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE installation_settings ADD COLUMN letterhead_address TEXT NOT NULL DEFAULT '';
ALTER TABLE installation_settings ADD COLUMN letterhead_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE installation_settings ADD COLUMN letterhead_email TEXT NOT NULL DEFAULT '';
ALTER TABLE installation_settings ADD COLUMN letterhead_vat_number TEXT NOT NULL DEFAULT '';
