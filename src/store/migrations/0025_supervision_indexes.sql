-- The supervisor's view of the day (issue 18) reads the entries due in a
-- day, whatever their status, and the statuses set in a day: neither had
-- an index that starts with the time it ranges over.
CREATE INDEX plan_entries_due ON plan_entries (next_contact_at, plan_id);
CREATE INDEX plan_entry_events_at ON plan_entry_events (at);
