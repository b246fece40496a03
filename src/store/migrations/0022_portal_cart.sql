-- The customer portal's cart and electronic acceptance
-- (quotes-orders-assets.md, "Customer portal", "Beyond the seed"): where a
-- quote was started (the CSR desk, or the customer's cart on the web), the
-- name the customer typed to accept it and the client address they
-- accepted from (the time is decided_at), and interactions of channel web
-- for what the customer did in the portal.
ALTER TABLE quotes ADD COLUMN origin TEXT NOT NULL DEFAULT 'desk' CHECK (origin IN ('desk', 'web'));
ALTER TABLE quotes ADD COLUMN accepted_by TEXT;
ALTER TABLE quotes ADD COLUMN accepted_from TEXT;
-- One open cart per customer.
CREATE UNIQUE INDEX quotes_open_cart ON quotes (customer_id) WHERE origin = 'web' AND status = 'draft' AND active = 1 AND sales_order_id IS NULL;

-- sqlite-only
CREATE TABLE interactions_web (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  user_name TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('call', 'email', 'letter', 'fax', 'note', 'web')),
  direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'none')),
  summary TEXT NOT NULL,
  outcome TEXT NOT NULL,
  related_type TEXT NOT NULL,
  related_id BIGINT NOT NULL
);
INSERT INTO interactions_web (id, customer_id, at, user_id, user_name, channel, direction, summary, outcome, related_type, related_id) SELECT id, customer_id, at, user_id, user_name, channel, direction, summary, outcome, related_type, related_id FROM interactions;
DROP TABLE interactions;
ALTER TABLE interactions_web RENAME TO interactions;
CREATE INDEX interactions_customer ON interactions (customer_id, at);
-- end
-- postgresql-only
ALTER TABLE interactions DROP CONSTRAINT interactions_channel_check;
ALTER TABLE interactions ADD CONSTRAINT interactions_channel_check CHECK (channel IN ('call', 'email', 'letter', 'fax', 'note', 'web'));
-- end
