-- The call centre's opening hours (minutes since midnight in the
-- installation's time zone): recalculated attempts land inside them.
-- 0–1440 is "always open", what installations did before.
ALTER TABLE installation_settings ADD COLUMN opens_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE installation_settings ADD COLUMN closes_minutes INTEGER NOT NULL DEFAULT 1440;
