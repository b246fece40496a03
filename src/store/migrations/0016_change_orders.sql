-- Change orders (quotes-orders-assets.md, "Change orders"): a sales-order
-- line carries its action on the customer's assets (add, update, remove,
-- none), the asset it acts on, and the state it asks for (its quantity is
-- the line's; features as JSON name/value pairs, NULL: kept; a status for
-- suspend and resume, NULL: kept). An asset keeps its features.

ALTER TABLE sales_order_lines ADD COLUMN action TEXT NOT NULL DEFAULT 'add';
ALTER TABLE sales_order_lines ADD COLUMN target_asset_id BIGINT REFERENCES assets(id);
ALTER TABLE sales_order_lines ADD COLUMN features_json TEXT;
ALTER TABLE sales_order_lines ADD COLUMN target_status TEXT;
-- An asset's history: the lines that made it (asset_id) and changed it.
CREATE INDEX sales_order_lines_asset ON sales_order_lines (asset_id);
CREATE INDEX sales_order_lines_target ON sales_order_lines (target_asset_id);

ALTER TABLE assets ADD COLUMN features_json TEXT NOT NULL DEFAULT '[]';
