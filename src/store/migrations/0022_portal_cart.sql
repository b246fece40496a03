-- The customer portal's cart and electronic acceptance
-- (quotes-orders-assets.md, "Customer portal", "Beyond the seed"): where a
-- quote was started (the CSR desk, or the customer's cart on the web), the
-- name the customer typed to accept it and the client address they
-- accepted from (the time is decided_at). The interactions of channel web
-- that log what the customer did come with 0024.
ALTER TABLE quotes ADD COLUMN origin TEXT NOT NULL DEFAULT 'desk' CHECK (origin IN ('desk', 'web'));
ALTER TABLE quotes ADD COLUMN accepted_by TEXT;
ALTER TABLE quotes ADD COLUMN accepted_from TEXT;
-- One open cart per customer.
CREATE UNIQUE INDEX quotes_open_cart ON quotes (customer_id) WHERE origin = 'web' AND status = 'draft' AND active = 1 AND sales_order_id IS NULL;

