-- Interactions of channel web (quotes-orders-assets.md, "Customer portal"):
-- what a customer does on the portal is logged on the customer with the
-- channel web, so that the CSR sees it on the 360° view. The channel's
-- CHECK gains 'web': PostgreSQL changes the constraint; SQLite, which
-- cannot alter one, rebuilds the table (nothing refers to it).
-- postgresql-only
ALTER TABLE interactions DROP CONSTRAINT interactions_channel_check;
ALTER TABLE interactions ADD CONSTRAINT interactions_channel_check
  CHECK (channel IN ('call', 'email', 'letter', 'fax', 'note', 'web'));
-- end
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
INSERT INTO interactions_web (id, customer_id, at, user_id, user_name, channel, direction, summary,
                              outcome, related_type, related_id)
  SELECT id, customer_id, at, user_id, user_name, channel, direction, summary, outcome,
         related_type, related_id
  FROM interactions;
DROP TABLE interactions;
ALTER TABLE interactions_web RENAME TO interactions;
CREATE INDEX interactions_customer ON interactions (customer_id, at);
-- end
