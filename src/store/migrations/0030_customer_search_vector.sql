-- The customer search on PostgreSQL (issue 17 §4): a stored tsvector column
-- with the short prefixes of every word, instead of an index on the
-- expression to_tsvector('simple', search_text).
--
-- The expression index made PostgreSQL parse each candidate's text again,
-- to check it and to rank it (a name search's page took 114 ms at the
-- median at a million customers). And a word typed with one to three
-- letters ("martin a") became a prefix query ('a':*) that unions the
-- entries of every word starting with that letter, a million account
-- numbers among them. SQLite's FTS5 keeps prefixes of 1, 2 and 3 letters
-- for the same reason (0002); here each alphabetic word also gives the
-- lexemes '^m', '^ma', '^mar', which a short typed word matches exactly.
-- Words with digits (account numbers, postal codes) get none: they are
-- searched by their own kinds, and they would make '^a' hold everyone.
-- postgresql-only
CREATE FUNCTION customer_search_vector(t TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_tsvector('simple', t) || array_to_tsvector(ARRAY(
    SELECT DISTINCT '^' || left(w, n)
    FROM unnest(string_to_array(t, ' ')) AS w, generate_series(1, 3) AS n
    WHERE w ~ '^[a-z]+$' AND length(w) >= n))
$$;
ALTER TABLE customers ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (customer_search_vector(search_text)) STORED;
DROP INDEX customers_search;
CREATE INDEX customers_search ON customers USING GIN (search_vector);
-- end
