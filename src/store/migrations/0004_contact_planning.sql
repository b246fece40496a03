-- Contact planning (contact-planning.md): contact plans [OIS052] with their
-- exceptions [OIS053], contact info per customer and plan [OIS054],
-- non-activity periods [OIS051], and the active contact plan entries
-- [OIS056] with the log of every status set on them.

CREATE TABLE contact_plans (
  id {{pk}},
  code TEXT NOT NULL UNIQUE,
  name_en TEXT NOT NULL,
  name_fr TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('order_intake', 'other_contact')),
  weekdays INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
  every_weeks INTEGER NOT NULL DEFAULT 1,
  frequency_start TEXT,
  valid_from TEXT NOT NULL,
  valid_to TEXT,
  departure TEXT NOT NULL DEFAULT '',
  lead_days INTEGER NOT NULL DEFAULT 0,
  responsible_user BIGINT REFERENCES users(id),
  default_status INTEGER NOT NULL DEFAULT 90,
  active INTEGER NOT NULL DEFAULT 1,
  -- NULL: the installation's rule for that status.
  unavailable_delay INTEGER,
  unavailable_max INTEGER,
  busy_delay INTEGER,
  busy_max INTEGER,
  call_back_delay INTEGER,
  call_back_max INTEGER,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);

CREATE TABLE plan_exceptions (
  id {{pk}},
  plan_id BIGINT NOT NULL REFERENCES contact_plans(id) ON DELETE CASCADE,
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('no_contact', 'moved')),
  moved_to TEXT,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES users(id)
);
CREATE INDEX plan_exceptions_plan ON plan_exceptions (plan_id, date_from);

CREATE TABLE contact_infos (
  id {{pk}},
  plan_id BIGINT NOT NULL REFERENCES contact_plans(id),
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  contact_id BIGINT REFERENCES contacts(id),
  phone_e164 TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  earliest INTEGER NOT NULL,
  latest INTEGER NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('phone', 'email', 'visit')),
  sequence INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id),
  UNIQUE (plan_id, customer_id)
);
CREATE INDEX contact_infos_customer ON contact_infos (customer_id);

CREATE TABLE non_activity_periods (
  id {{pk}},
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT REFERENCES users(id)
);
CREATE INDEX non_activity_customer ON non_activity_periods (customer_id, date_from);

CREATE TABLE plan_entries (
  id {{pk}},
  plan_id BIGINT NOT NULL REFERENCES contact_plans(id),
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  contact_date TEXT NOT NULL,
  planned_at TEXT NOT NULL,
  next_contact_at TEXT NOT NULL,
  window_ends_at TEXT NOT NULL,
  phone_e164 TEXT NOT NULL,
  status INTEGER NOT NULL CHECK (status IN (10, 11, 20, 21, 90, 92, 93)),
  attempt INTEGER NOT NULL DEFAULT 1,
  responsible_user BIGINT REFERENCES users(id),
  sales_order_id BIGINT,
  result_note TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  changed_at TEXT NOT NULL,
  changed_by BIGINT REFERENCES users(id),
  -- Generation is idempotent: one entry per plan, customer and day.
  UNIQUE (plan_id, customer_id, contact_date)
);
-- The active list and "my next call" read open entries by next contact time.
CREATE INDEX plan_entries_queue ON plan_entries (status, next_contact_at);
CREATE INDEX plan_entries_user ON plan_entries (responsible_user, status, next_contact_at);
CREATE INDEX plan_entries_customer ON plan_entries (customer_id, contact_date);
CREATE INDEX plan_entries_plan_date ON plan_entries (plan_id, contact_date);

-- Every status set on an entry: the history of contacts on the plan.
CREATE TABLE plan_entry_events (
  id {{pk}},
  entry_id BIGINT NOT NULL REFERENCES plan_entries(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  status INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  next_contact_at TEXT,
  note TEXT NOT NULL
);
CREATE INDEX plan_entry_events_entry ON plan_entry_events (entry_id, id);
