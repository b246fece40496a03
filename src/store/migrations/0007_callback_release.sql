-- A personal call-back (21) still open this many minutes after its time is
-- offered to the whole team by Next call ("released"); 0 never releases.
ALTER TABLE installation_settings ADD COLUMN callback_release_minutes INTEGER NOT NULL DEFAULT 30;
