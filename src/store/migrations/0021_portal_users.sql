-- Portal users (quotes-orders-assets.md, "Customer portal"): a user with
-- the customer role bound to one customer and the contact it was invited
-- for. The invitation is a one-time token of which only the hash is kept;
-- inviting again replaces it, accepting marks it used.
CREATE TABLE portal_users (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  contact_id BIGINT NOT NULL REFERENCES contacts(id),
  invitation_hash TEXT,
  invitation_expires_at TEXT,
  invitation_used_at TEXT,
  invited_at TEXT NOT NULL
);
CREATE UNIQUE INDEX portal_users_contact ON portal_users (contact_id);
CREATE UNIQUE INDEX portal_users_invitation ON portal_users (invitation_hash);
CREATE INDEX portal_users_customer ON portal_users (customer_id);
