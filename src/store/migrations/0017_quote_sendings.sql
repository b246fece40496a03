-- Quote sendings (quotes-orders-assets.md, "Quote", Output): a quote
-- revision sent by e-mail, by fax (mailed to the installation's
-- e-mail-to-fax gateway) or as a letter (the print queue). The document
-- is stored as sent (the PDF, base64, and for letters the laid-out text
-- the print queue draws again), so a retry and a printed letter are the
-- very document that was logged. E-mail and fax: queued → sent | failed
-- (a failed one may be retried); letters: queued → printed (in a print
-- batch) → posted.
CREATE TABLE print_batches (
  id {{pk}},
  printed_at TEXT NOT NULL,
  printed_by BIGINT REFERENCES users(id)
);

CREATE TABLE quote_sendings (
  id {{pk}},
  quote_id BIGINT NOT NULL REFERENCES quotes(id),
  quote_number TEXT NOT NULL,
  revision INTEGER NOT NULL,
  customer_id BIGINT NOT NULL REFERENCES customers(id),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'fax', 'letter')),
  -- the customer's e-mail address, fax number (E.164) or postal name
  recipient TEXT NOT NULL,
  -- where the mail goes: the e-mail address or the fax gateway's; '' for letters
  address TEXT NOT NULL,
  language TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  filename TEXT NOT NULL,
  pdf_base64 TEXT NOT NULL,
  document_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'printed', 'posted')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  last_error_detail TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sent_at TEXT,
  printed_at TEXT,
  posted_at TEXT,
  print_batch_id BIGINT REFERENCES print_batches(id),
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id)
);
CREATE INDEX quote_sendings_quote ON quote_sendings (quote_id, id);
CREATE INDEX quote_sendings_customer ON quote_sendings (customer_id, id);
CREATE INDEX quote_sendings_letters ON quote_sendings (channel, status, id);
