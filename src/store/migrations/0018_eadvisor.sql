-- eAdvisor (quotes-orders-assets.md, "Catalog and eAdvisor"): product
-- literature stored in the database, so every server sees it, and the
-- competitor comparisons of a product.

-- A document attached to a product, or to the company (product_id NULL).
-- The bytes are kept as base64 text: one column type that SQLite and
-- PostgreSQL read and write alike through SOCI (a document is at most
-- domain::kMaxLiteratureBytes).
CREATE TABLE literature (
  id {{pk}},
  product_id BIGINT REFERENCES products(id),
  title_en TEXT NOT NULL,
  title_fr TEXT NOT NULL,
  language TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  content_base64 TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
CREATE INDEX literature_product ON literature (product_id);

-- A competitor's product against ours: their price in minor units of
-- `currency` (NULL: not known) and our advantages in both languages.
CREATE TABLE competitor_comparisons (
  id {{pk}},
  product_id BIGINT NOT NULL REFERENCES products(id),
  competitor TEXT NOT NULL,
  their_product TEXT NOT NULL,
  their_price BIGINT,
  currency TEXT NOT NULL,
  advantages_en TEXT NOT NULL,
  advantages_fr TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
CREATE INDEX competitor_comparisons_product ON competitor_comparisons (product_id);
