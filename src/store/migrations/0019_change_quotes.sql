-- Change quotes (quotes-orders-assets.md, "Change orders": "a quote or
-- order whose lines carry actions"): a quote line made from a change
-- request keeps the state it asks for, as a change order's line does
-- (0016): the features the asset will have (JSON name/value pairs, NULL:
-- kept) and its status for suspend and resume (NULL: kept). Converting the
-- quote hands both to the order's line.

ALTER TABLE quote_lines ADD COLUMN target_features_json TEXT;
ALTER TABLE quote_lines ADD COLUMN target_status TEXT;
