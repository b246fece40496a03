-- Next call at a call centre's load (issue 17 §5): the contact info's
-- sequence kept on its entries, so that the day's order (next contact
-- time, sequence, id) is an index's order.
--
-- The order joined contact_infos at read time: every Next call read and
-- sorted all the entries due at the earliest time (a plan's entries of a day
-- share its window's start: 19,000 at once in bench/load), 100–300 ms a
-- call. The repository now writes the sequence on an entry when it is made
-- and on the customer's entries of the plan when the contact info is added,
-- changed or removed (0), so a changed sequence still applies at once.
-- The index holds the open entries only (the statuses of open_condition in
-- plan_entry_repository.cpp): Next call reads it from its start.
ALTER TABLE plan_entries ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
UPDATE plan_entries SET sequence = COALESCE((SELECT ci.sequence FROM contact_infos ci
  WHERE ci.plan_id = plan_entries.plan_id AND ci.customer_id = plan_entries.customer_id), 0)
  WHERE EXISTS (SELECT 1 FROM contact_infos ci
    WHERE ci.plan_id = plan_entries.plan_id AND ci.customer_id = plan_entries.customer_id AND ci.sequence <> 0);
CREATE INDEX plan_entries_call_order ON plan_entries (next_contact_at, sequence, id)
  WHERE status IN (10, 11, 20, 21);
