-- The supervisor's figures (issue 18, section 4) from summary rows: at
-- 100,000 entries due today and 1,000,000 in a month, counting the entries
-- and their events took about 0.9 s for the live page and 16 s for a month's
-- report on SQLite (BENCHMARKS.md, "The supervisor's view"). Three tables of
-- counters, kept by triggers in the very statement that changes an entry,
-- an event or a customer's group — every write path, the batch's INSERTs
-- and the demo's alike — so the figures read a few thousand rows at most:
--
--   supervision_due_counts   the entries by quarter-hour of their due time
--                            (next contact time, UTC 'YYYY-MM-DDTHH:MM'),
--                            plan and status: the live page's day (a
--                            business day starts on a quarter-hour in every
--                            zone);
--   supervision_date_counts  the entries by contact date, plan, customer
--                            group and status: the period's entries planned;
--   supervision_call_counts  the statuses set (plan_entry_events) by
--                            quarter-hour, plan, user (0: none), customer
--                            group and status: the period's calls, the live
--                            page's calls per CSR.
--
-- Rows are never deleted; a count may fall back to 0. A customer's group
-- change moves that customer's counts. Entries never change plan or
-- customer, and events are only deleted with their entry (counted off
-- before the entry goes).
CREATE TABLE supervision_due_counts (
  slot TEXT NOT NULL,
  plan_id BIGINT NOT NULL,
  status INTEGER NOT NULL,
  entries BIGINT NOT NULL,
  attempts BIGINT NOT NULL,    -- their attempt numbers, summed
  retried BIGINT NOT NULL,     -- of them, on a second attempt or later
  with_order BIGINT NOT NULL,  -- of them, with a sales order
  PRIMARY KEY (slot, plan_id, status)
);
CREATE TABLE supervision_date_counts (
  contact_date TEXT NOT NULL,
  plan_id BIGINT NOT NULL,
  category TEXT NOT NULL,
  status INTEGER NOT NULL,
  entries BIGINT NOT NULL,
  PRIMARY KEY (contact_date, plan_id, category, status)
);
CREATE TABLE supervision_call_counts (
  slot TEXT NOT NULL,
  plan_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  category TEXT NOT NULL,
  status INTEGER NOT NULL,
  calls BIGINT NOT NULL,
  attempts BIGINT NOT NULL,    -- the attempts the statuses were set on, summed
  with_order BIGINT NOT NULL,  -- final statuses set on an entry that has a sales order
  PRIMARY KEY (slot, plan_id, user_id, category, status)
);

-- The counts of the rows already there.
INSERT INTO supervision_due_counts (slot, plan_id, status, entries, attempts, retried, with_order)
  SELECT substr(e.next_contact_at, 1, 14) || CASE WHEN substr(e.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(e.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(e.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, e.status, COUNT(*), SUM(e.attempt),
         SUM(CASE WHEN e.attempt > 1 THEN 1 ELSE 0 END), SUM(CASE WHEN e.sales_order_id IS NOT NULL THEN 1 ELSE 0 END)
  FROM plan_entries e GROUP BY substr(e.next_contact_at, 1, 14) || CASE WHEN substr(e.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(e.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(e.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, e.status;
INSERT INTO supervision_date_counts (contact_date, plan_id, category, status, entries)
  SELECT e.contact_date, e.plan_id, c.category, e.status, COUNT(*)
  FROM plan_entries e JOIN customers c ON c.id = e.customer_id GROUP BY e.contact_date, e.plan_id, c.category, e.status;
INSERT INTO supervision_call_counts (slot, plan_id, user_id, category, status, calls, attempts, with_order)
  SELECT substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(ev.user_id, 0), c.category, ev.status, COUNT(*), SUM(ev.attempt),
         SUM(CASE WHEN e.sales_order_id IS NOT NULL AND ev.status IN (90, 92, 93) THEN 1 ELSE 0 END)
  FROM plan_entry_events ev JOIN plan_entries e ON e.id = ev.entry_id JOIN customers c ON c.id = e.customer_id
  GROUP BY substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(ev.user_id, 0), c.category, ev.status;

-- The live page's overdue figures read the open entries due before now
-- alone, from the index.
CREATE INDEX plan_entries_open_due ON plan_entries (status, next_contact_at, plan_id, window_ends_at,
                                                    responsible_user);
-- A CSR's last call of the day.
CREATE INDEX plan_entry_events_user_at ON plan_entry_events (user_id, at);

-- sqlite-only
CREATE TRIGGER supervision_entry_insert AFTER INSERT ON plan_entries
BEGIN
  INSERT INTO supervision_due_counts (slot, plan_id, status, entries, attempts, retried, with_order)
    VALUES (substr(NEW.next_contact_at, 1, 14) || CASE WHEN substr(NEW.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(NEW.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(NEW.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, NEW.plan_id, NEW.status, 1, 1 * NEW.attempt,
            1 * (CASE WHEN NEW.attempt > 1 THEN 1 ELSE 0 END), 1 * (CASE WHEN NEW.sales_order_id IS NOT NULL THEN 1 ELSE 0 END))
    ON CONFLICT (slot, plan_id, status) DO UPDATE SET entries = entries + excluded.entries,
      attempts = attempts + excluded.attempts, retried = retried + excluded.retried,
      with_order = with_order + excluded.with_order;
  INSERT INTO supervision_date_counts (contact_date, plan_id, category, status, entries)
    SELECT NEW.contact_date, NEW.plan_id, c.category, NEW.status, 1 FROM customers c WHERE c.id = NEW.customer_id
    ON CONFLICT (contact_date, plan_id, category, status) DO UPDATE SET entries = entries + excluded.entries;
END;
CREATE TRIGGER supervision_entry_update AFTER UPDATE ON plan_entries
WHEN OLD.status IS NOT NEW.status OR OLD.attempt IS NOT NEW.attempt OR OLD.next_contact_at IS NOT NEW.next_contact_at OR OLD.plan_id IS NOT NEW.plan_id OR OLD.contact_date IS NOT NEW.contact_date OR OLD.customer_id IS NOT NEW.customer_id OR (OLD.sales_order_id IS NULL) IS NOT (NEW.sales_order_id IS NULL)
BEGIN
  INSERT INTO supervision_due_counts (slot, plan_id, status, entries, attempts, retried, with_order)
    VALUES (substr(OLD.next_contact_at, 1, 14) || CASE WHEN substr(OLD.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(OLD.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(OLD.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, OLD.plan_id, OLD.status, -1, -1 * OLD.attempt,
            -1 * (CASE WHEN OLD.attempt > 1 THEN 1 ELSE 0 END), -1 * (CASE WHEN OLD.sales_order_id IS NOT NULL THEN 1 ELSE 0 END))
    ON CONFLICT (slot, plan_id, status) DO UPDATE SET entries = entries + excluded.entries,
      attempts = attempts + excluded.attempts, retried = retried + excluded.retried,
      with_order = with_order + excluded.with_order;
  INSERT INTO supervision_date_counts (contact_date, plan_id, category, status, entries)
    SELECT OLD.contact_date, OLD.plan_id, c.category, OLD.status, -1 FROM customers c WHERE c.id = OLD.customer_id
    ON CONFLICT (contact_date, plan_id, category, status) DO UPDATE SET entries = entries + excluded.entries;
  INSERT INTO supervision_due_counts (slot, plan_id, status, entries, attempts, retried, with_order)
    VALUES (substr(NEW.next_contact_at, 1, 14) || CASE WHEN substr(NEW.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(NEW.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(NEW.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, NEW.plan_id, NEW.status, 1, 1 * NEW.attempt,
            1 * (CASE WHEN NEW.attempt > 1 THEN 1 ELSE 0 END), 1 * (CASE WHEN NEW.sales_order_id IS NOT NULL THEN 1 ELSE 0 END))
    ON CONFLICT (slot, plan_id, status) DO UPDATE SET entries = entries + excluded.entries,
      attempts = attempts + excluded.attempts, retried = retried + excluded.retried,
      with_order = with_order + excluded.with_order;
  INSERT INTO supervision_date_counts (contact_date, plan_id, category, status, entries)
    SELECT NEW.contact_date, NEW.plan_id, c.category, NEW.status, 1 FROM customers c WHERE c.id = NEW.customer_id
    ON CONFLICT (contact_date, plan_id, category, status) DO UPDATE SET entries = entries + excluded.entries;
END;
CREATE TRIGGER supervision_entry_order AFTER UPDATE OF sales_order_id ON plan_entries
WHEN (OLD.sales_order_id IS NULL) IS NOT (NEW.sales_order_id IS NULL)
BEGIN
  INSERT INTO supervision_call_counts (slot, plan_id, user_id, category, status, calls, attempts, with_order)
    SELECT substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, NEW.plan_id, COALESCE(ev.user_id, 0), c.category, ev.status, 0, 0, (CASE WHEN NEW.sales_order_id IS NULL THEN -1 ELSE 1 END) * COUNT(*)
    FROM plan_entry_events ev JOIN customers c ON c.id = NEW.customer_id WHERE ev.entry_id = NEW.id AND ev.status IN (90, 92, 93)
    GROUP BY substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, COALESCE(ev.user_id, 0), c.category, ev.status
    ON CONFLICT (slot, plan_id, user_id, category, status) DO UPDATE SET calls = calls + excluded.calls,
      attempts = attempts + excluded.attempts, with_order = with_order + excluded.with_order;
END;
CREATE TRIGGER supervision_entry_delete BEFORE DELETE ON plan_entries
BEGIN
  INSERT INTO supervision_due_counts (slot, plan_id, status, entries, attempts, retried, with_order)
    VALUES (substr(OLD.next_contact_at, 1, 14) || CASE WHEN substr(OLD.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(OLD.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(OLD.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, OLD.plan_id, OLD.status, -1, -1 * OLD.attempt,
            -1 * (CASE WHEN OLD.attempt > 1 THEN 1 ELSE 0 END), -1 * (CASE WHEN OLD.sales_order_id IS NOT NULL THEN 1 ELSE 0 END))
    ON CONFLICT (slot, plan_id, status) DO UPDATE SET entries = entries + excluded.entries,
      attempts = attempts + excluded.attempts, retried = retried + excluded.retried,
      with_order = with_order + excluded.with_order;
  INSERT INTO supervision_date_counts (contact_date, plan_id, category, status, entries)
    SELECT OLD.contact_date, OLD.plan_id, c.category, OLD.status, -1 FROM customers c WHERE c.id = OLD.customer_id
    ON CONFLICT (contact_date, plan_id, category, status) DO UPDATE SET entries = entries + excluded.entries;
  INSERT INTO supervision_call_counts (slot, plan_id, user_id, category, status, calls, attempts, with_order)
    SELECT substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, OLD.plan_id, COALESCE(ev.user_id, 0), c.category, ev.status, -1 * COUNT(*), -1 * SUM(ev.attempt), -1 * SUM(CASE WHEN OLD.sales_order_id IS NOT NULL AND ev.status IN (90, 92, 93) THEN 1 ELSE 0 END)
    FROM plan_entry_events ev JOIN customers c ON c.id = OLD.customer_id WHERE ev.entry_id = OLD.id
    GROUP BY substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, COALESCE(ev.user_id, 0), c.category, ev.status
    ON CONFLICT (slot, plan_id, user_id, category, status) DO UPDATE SET calls = calls + excluded.calls,
      attempts = attempts + excluded.attempts, with_order = with_order + excluded.with_order;
END;
CREATE TRIGGER supervision_event_insert AFTER INSERT ON plan_entry_events
BEGIN
  INSERT INTO supervision_call_counts (slot, plan_id, user_id, category, status, calls, attempts, with_order)
    SELECT substr(NEW.at, 1, 14) || CASE WHEN substr(NEW.at, 15, 2) < '15' THEN '00' WHEN substr(NEW.at, 15, 2) < '30' THEN '15' WHEN substr(NEW.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(NEW.user_id, 0), c.category, NEW.status, 1, NEW.attempt,
           CASE WHEN e.sales_order_id IS NOT NULL AND NEW.status IN (90, 92, 93) THEN 1 ELSE 0 END
    FROM plan_entries e JOIN customers c ON c.id = e.customer_id WHERE e.id = NEW.entry_id
    ON CONFLICT (slot, plan_id, user_id, category, status) DO UPDATE SET calls = calls + excluded.calls,
      attempts = attempts + excluded.attempts, with_order = with_order + excluded.with_order;
END;
CREATE TRIGGER supervision_customer_group AFTER UPDATE OF category ON customers
WHEN OLD.category IS NOT NEW.category
BEGIN
  INSERT INTO supervision_date_counts (contact_date, plan_id, category, status, entries)
    SELECT e.contact_date, e.plan_id, OLD.category, e.status, -1 * COUNT(*) FROM plan_entries e WHERE e.customer_id = NEW.id
    GROUP BY e.contact_date, e.plan_id, e.status
    ON CONFLICT (contact_date, plan_id, category, status) DO UPDATE SET entries = entries + excluded.entries;
  INSERT INTO supervision_call_counts (slot, plan_id, user_id, category, status, calls, attempts, with_order)
    SELECT substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(ev.user_id, 0), OLD.category, ev.status, -1 * COUNT(*), -1 * SUM(ev.attempt),
           -1 * SUM(CASE WHEN e.sales_order_id IS NOT NULL AND ev.status IN (90, 92, 93) THEN 1 ELSE 0 END)
    FROM plan_entry_events ev JOIN plan_entries e ON e.id = ev.entry_id WHERE e.customer_id = NEW.id
    GROUP BY substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(ev.user_id, 0), ev.status
    ON CONFLICT (slot, plan_id, user_id, category, status) DO UPDATE SET calls = calls + excluded.calls,
      attempts = attempts + excluded.attempts, with_order = with_order + excluded.with_order;
  INSERT INTO supervision_date_counts (contact_date, plan_id, category, status, entries)
    SELECT e.contact_date, e.plan_id, NEW.category, e.status, 1 * COUNT(*) FROM plan_entries e WHERE e.customer_id = NEW.id
    GROUP BY e.contact_date, e.plan_id, e.status
    ON CONFLICT (contact_date, plan_id, category, status) DO UPDATE SET entries = entries + excluded.entries;
  INSERT INTO supervision_call_counts (slot, plan_id, user_id, category, status, calls, attempts, with_order)
    SELECT substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(ev.user_id, 0), NEW.category, ev.status, 1 * COUNT(*), 1 * SUM(ev.attempt),
           1 * SUM(CASE WHEN e.sales_order_id IS NOT NULL AND ev.status IN (90, 92, 93) THEN 1 ELSE 0 END)
    FROM plan_entry_events ev JOIN plan_entries e ON e.id = ev.entry_id WHERE e.customer_id = NEW.id
    GROUP BY substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(ev.user_id, 0), ev.status
    ON CONFLICT (slot, plan_id, user_id, category, status) DO UPDATE SET calls = calls + excluded.calls,
      attempts = attempts + excluded.attempts, with_order = with_order + excluded.with_order;
END;
-- end
-- postgresql-only
-- One statement's rows at once (transition tables): the batch inserts
-- thousands of entries per statement.
CREATE FUNCTION supervision_entries_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO supervision_due_counts AS k (slot, plan_id, status, entries, attempts, retried, with_order)
    SELECT substr(r.next_contact_at, 1, 14) || CASE WHEN substr(r.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(r.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(r.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, r.plan_id, r.status, 1 * COUNT(*), 1 * SUM(r.attempt),
           1 * SUM(CASE WHEN r.attempt > 1 THEN 1 ELSE 0 END), 1 * SUM(CASE WHEN r.sales_order_id IS NOT NULL THEN 1 ELSE 0 END)
    FROM new_rows r GROUP BY substr(r.next_contact_at, 1, 14) || CASE WHEN substr(r.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(r.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(r.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, r.plan_id, r.status
    ON CONFLICT (slot, plan_id, status) DO UPDATE SET entries = k.entries + excluded.entries,
      attempts = k.attempts + excluded.attempts, retried = k.retried + excluded.retried,
      with_order = k.with_order + excluded.with_order;
  INSERT INTO supervision_date_counts AS k (contact_date, plan_id, category, status, entries)
    SELECT r.contact_date, r.plan_id, c.category, r.status, 1 * COUNT(*) FROM new_rows r JOIN customers c ON c.id = r.customer_id
    GROUP BY r.contact_date, r.plan_id, c.category, r.status
    ON CONFLICT (contact_date, plan_id, category, status) DO UPDATE SET entries = k.entries + excluded.entries;
  RETURN NULL;
END
$$;
CREATE TRIGGER supervision_entries_inserted AFTER INSERT ON plan_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_entries_inserted();
CREATE FUNCTION supervision_entries_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- An update that changes nothing counted (Next call's hold on an entry)
  -- touches no counter row, so it takes no lock on one (as SQLite's WHEN).
  IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
                 WHERE (o.status, o.attempt, o.next_contact_at, o.plan_id, o.contact_date,
                        o.customer_id, o.sales_order_id IS NULL)
                       IS DISTINCT FROM (n.status, n.attempt, n.next_contact_at, n.plan_id,
                                         n.contact_date, n.customer_id, n.sales_order_id IS NULL)) THEN
    RETURN NULL;
  END IF;
  INSERT INTO supervision_due_counts AS k (slot, plan_id, status, entries, attempts, retried, with_order)
    SELECT substr(r.next_contact_at, 1, 14) || CASE WHEN substr(r.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(r.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(r.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, r.plan_id, r.status, -1 * COUNT(*), -1 * SUM(r.attempt),
           -1 * SUM(CASE WHEN r.attempt > 1 THEN 1 ELSE 0 END), -1 * SUM(CASE WHEN r.sales_order_id IS NOT NULL THEN 1 ELSE 0 END)
    FROM old_rows r GROUP BY substr(r.next_contact_at, 1, 14) || CASE WHEN substr(r.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(r.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(r.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, r.plan_id, r.status
    ON CONFLICT (slot, plan_id, status) DO UPDATE SET entries = k.entries + excluded.entries,
      attempts = k.attempts + excluded.attempts, retried = k.retried + excluded.retried,
      with_order = k.with_order + excluded.with_order;
  INSERT INTO supervision_date_counts AS k (contact_date, plan_id, category, status, entries)
    SELECT r.contact_date, r.plan_id, c.category, r.status, -1 * COUNT(*) FROM old_rows r JOIN customers c ON c.id = r.customer_id
    GROUP BY r.contact_date, r.plan_id, c.category, r.status
    ON CONFLICT (contact_date, plan_id, category, status) DO UPDATE SET entries = k.entries + excluded.entries;
  INSERT INTO supervision_due_counts AS k (slot, plan_id, status, entries, attempts, retried, with_order)
    SELECT substr(r.next_contact_at, 1, 14) || CASE WHEN substr(r.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(r.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(r.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, r.plan_id, r.status, 1 * COUNT(*), 1 * SUM(r.attempt),
           1 * SUM(CASE WHEN r.attempt > 1 THEN 1 ELSE 0 END), 1 * SUM(CASE WHEN r.sales_order_id IS NOT NULL THEN 1 ELSE 0 END)
    FROM new_rows r GROUP BY substr(r.next_contact_at, 1, 14) || CASE WHEN substr(r.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(r.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(r.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, r.plan_id, r.status
    ON CONFLICT (slot, plan_id, status) DO UPDATE SET entries = k.entries + excluded.entries,
      attempts = k.attempts + excluded.attempts, retried = k.retried + excluded.retried,
      with_order = k.with_order + excluded.with_order;
  INSERT INTO supervision_date_counts AS k (contact_date, plan_id, category, status, entries)
    SELECT r.contact_date, r.plan_id, c.category, r.status, 1 * COUNT(*) FROM new_rows r JOIN customers c ON c.id = r.customer_id
    GROUP BY r.contact_date, r.plan_id, c.category, r.status
    ON CONFLICT (contact_date, plan_id, category, status) DO UPDATE SET entries = k.entries + excluded.entries;
  INSERT INTO supervision_call_counts AS k (slot, plan_id, user_id, category, status, calls, attempts, with_order)
    SELECT substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, n.plan_id, COALESCE(ev.user_id, 0), c.category, ev.status, 0, 0,
           SUM(CASE WHEN n.sales_order_id IS NULL THEN -1 ELSE 1 END)
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN plan_entry_events ev ON ev.entry_id = n.id
    JOIN customers c ON c.id = n.customer_id
    WHERE (o.sales_order_id IS NULL) <> (n.sales_order_id IS NULL) AND ev.status IN (90, 92, 93)
    GROUP BY substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, n.plan_id, COALESCE(ev.user_id, 0), c.category, ev.status
    ON CONFLICT (slot, plan_id, user_id, category, status) DO UPDATE SET calls = k.calls + excluded.calls,
      attempts = k.attempts + excluded.attempts, with_order = k.with_order + excluded.with_order;
  RETURN NULL;
END
$$;
CREATE TRIGGER supervision_entries_updated AFTER UPDATE ON plan_entries
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION supervision_entries_updated();
-- Before the entry goes, while its events (deleted with it) are there.
CREATE FUNCTION supervision_entry_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO supervision_due_counts AS k (slot, plan_id, status, entries, attempts, retried, with_order)
    VALUES (substr(OLD.next_contact_at, 1, 14) || CASE WHEN substr(OLD.next_contact_at, 15, 2) < '15' THEN '00' WHEN substr(OLD.next_contact_at, 15, 2) < '30' THEN '15' WHEN substr(OLD.next_contact_at, 15, 2) < '45' THEN '30' ELSE '45' END, OLD.plan_id, OLD.status, -1, -1 * OLD.attempt,
            -1 * (CASE WHEN OLD.attempt > 1 THEN 1 ELSE 0 END), -1 * (CASE WHEN OLD.sales_order_id IS NOT NULL THEN 1 ELSE 0 END))
    ON CONFLICT (slot, plan_id, status) DO UPDATE SET entries = k.entries + excluded.entries,
      attempts = k.attempts + excluded.attempts, retried = k.retried + excluded.retried,
      with_order = k.with_order + excluded.with_order;
  INSERT INTO supervision_date_counts AS k (contact_date, plan_id, category, status, entries)
    SELECT OLD.contact_date, OLD.plan_id, c.category, OLD.status, -1 FROM customers c WHERE c.id = OLD.customer_id
    ON CONFLICT (contact_date, plan_id, category, status) DO UPDATE SET entries = k.entries + excluded.entries;
  INSERT INTO supervision_call_counts AS k (slot, plan_id, user_id, category, status, calls, attempts, with_order)
    SELECT substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, OLD.plan_id, COALESCE(ev.user_id, 0), c.category, ev.status, -1 * COUNT(*), -1 * SUM(ev.attempt), -1 * SUM(CASE WHEN OLD.sales_order_id IS NOT NULL AND ev.status IN (90, 92, 93) THEN 1 ELSE 0 END)
    FROM plan_entry_events ev JOIN customers c ON c.id = OLD.customer_id WHERE ev.entry_id = OLD.id
    GROUP BY substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, COALESCE(ev.user_id, 0), c.category, ev.status
    ON CONFLICT (slot, plan_id, user_id, category, status) DO UPDATE SET calls = k.calls + excluded.calls,
      attempts = k.attempts + excluded.attempts, with_order = k.with_order + excluded.with_order;
  RETURN OLD;
END
$$;
CREATE TRIGGER supervision_entry_delete BEFORE DELETE ON plan_entries
  FOR EACH ROW EXECUTE FUNCTION supervision_entry_deleted();
CREATE FUNCTION supervision_events_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO supervision_call_counts AS k (slot, plan_id, user_id, category, status, calls, attempts, with_order)
    SELECT substr(n.at, 1, 14) || CASE WHEN substr(n.at, 15, 2) < '15' THEN '00' WHEN substr(n.at, 15, 2) < '30' THEN '15' WHEN substr(n.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(n.user_id, 0), c.category, n.status, COUNT(*), SUM(n.attempt),
           SUM(CASE WHEN e.sales_order_id IS NOT NULL AND n.status IN (90, 92, 93) THEN 1 ELSE 0 END)
    FROM new_rows n JOIN plan_entries e ON e.id = n.entry_id JOIN customers c ON c.id = e.customer_id
    GROUP BY substr(n.at, 1, 14) || CASE WHEN substr(n.at, 15, 2) < '15' THEN '00' WHEN substr(n.at, 15, 2) < '30' THEN '15' WHEN substr(n.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(n.user_id, 0), c.category, n.status
    ON CONFLICT (slot, plan_id, user_id, category, status) DO UPDATE SET calls = k.calls + excluded.calls,
      attempts = k.attempts + excluded.attempts, with_order = k.with_order + excluded.with_order;
  RETURN NULL;
END
$$;
CREATE TRIGGER supervision_events_inserted AFTER INSERT ON plan_entry_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION supervision_events_inserted();
CREATE FUNCTION supervision_customer_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.category IS NOT DISTINCT FROM NEW.category THEN
    RETURN NULL;
  END IF;
  INSERT INTO supervision_date_counts AS k (contact_date, plan_id, category, status, entries)
    SELECT e.contact_date, e.plan_id, OLD.category, e.status, -1 * COUNT(*) FROM plan_entries e WHERE e.customer_id = NEW.id
    GROUP BY e.contact_date, e.plan_id, e.status
    ON CONFLICT (contact_date, plan_id, category, status) DO UPDATE SET entries = k.entries + excluded.entries;
  INSERT INTO supervision_call_counts AS k (slot, plan_id, user_id, category, status, calls, attempts, with_order)
    SELECT substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(ev.user_id, 0), OLD.category, ev.status, -1 * COUNT(*), -1 * SUM(ev.attempt),
           -1 * SUM(CASE WHEN e.sales_order_id IS NOT NULL AND ev.status IN (90, 92, 93) THEN 1 ELSE 0 END)
    FROM plan_entry_events ev JOIN plan_entries e ON e.id = ev.entry_id WHERE e.customer_id = NEW.id
    GROUP BY substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(ev.user_id, 0), ev.status
    ON CONFLICT (slot, plan_id, user_id, category, status) DO UPDATE SET calls = k.calls + excluded.calls,
      attempts = k.attempts + excluded.attempts, with_order = k.with_order + excluded.with_order;
  INSERT INTO supervision_date_counts AS k (contact_date, plan_id, category, status, entries)
    SELECT e.contact_date, e.plan_id, NEW.category, e.status, 1 * COUNT(*) FROM plan_entries e WHERE e.customer_id = NEW.id
    GROUP BY e.contact_date, e.plan_id, e.status
    ON CONFLICT (contact_date, plan_id, category, status) DO UPDATE SET entries = k.entries + excluded.entries;
  INSERT INTO supervision_call_counts AS k (slot, plan_id, user_id, category, status, calls, attempts, with_order)
    SELECT substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(ev.user_id, 0), NEW.category, ev.status, 1 * COUNT(*), 1 * SUM(ev.attempt),
           1 * SUM(CASE WHEN e.sales_order_id IS NOT NULL AND ev.status IN (90, 92, 93) THEN 1 ELSE 0 END)
    FROM plan_entry_events ev JOIN plan_entries e ON e.id = ev.entry_id WHERE e.customer_id = NEW.id
    GROUP BY substr(ev.at, 1, 14) || CASE WHEN substr(ev.at, 15, 2) < '15' THEN '00' WHEN substr(ev.at, 15, 2) < '30' THEN '15' WHEN substr(ev.at, 15, 2) < '45' THEN '30' ELSE '45' END, e.plan_id, COALESCE(ev.user_id, 0), ev.status
    ON CONFLICT (slot, plan_id, user_id, category, status) DO UPDATE SET calls = k.calls + excluded.calls,
      attempts = k.attempts + excluded.attempts, with_order = k.with_order + excluded.with_order;
  RETURN NULL;
END
$$;
CREATE TRIGGER supervision_customer_group AFTER UPDATE OF category ON customers
  FOR EACH ROW EXECUTE FUNCTION supervision_customer_counts();
-- end
