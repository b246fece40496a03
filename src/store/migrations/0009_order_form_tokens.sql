-- The one-time token of each new service order form, reserved by the save
-- that creates the order (in its transaction): a replayed form (Back and
-- Save again, a double click, a second server of the same database) finds
-- the order it made instead of creating a second order and customer.
CREATE TABLE order_form_tokens (
  token TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  order_id BIGINT REFERENCES service_orders(id),
  order_version BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX order_form_tokens_created ON order_form_tokens (created_at);
