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

