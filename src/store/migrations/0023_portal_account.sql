-- The portal user's own account (quotes-orders-assets.md, "Customer
-- portal"): a password reset is a one-time token e-mailed to the contact,
-- of which only the hash is kept with its expiry; asking again replaces
-- it, using it marks it used. How often an address may ask is counted in
-- login_throttle (subject "portal-reset:<address>"), so servers sharing the
-- database share the limit.
ALTER TABLE portal_users ADD COLUMN reset_hash TEXT;
ALTER TABLE portal_users ADD COLUMN reset_expires_at TEXT;
ALTER TABLE portal_users ADD COLUMN reset_used_at TEXT;
CREATE UNIQUE INDEX portal_users_reset ON portal_users (reset_hash);

-- What a customer does on the portal is an interaction of channel web.
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
INSERT INTO interactions_web SELECT id, customer_id, at, user_id, user_name, channel, direction,
  summary, outcome, related_type, related_id FROM interactions;
DROP TABLE interactions;
ALTER TABLE interactions_web RENAME TO interactions;
CREATE INDEX interactions_customer ON interactions (customer_id, at);
-- end
