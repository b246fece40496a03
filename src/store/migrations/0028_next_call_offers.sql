-- Next call holds the entry it offers for the CSR who asked, for a few
-- minutes (domain::kNextCallHold): two CSRs pressing Next call together are
-- not given the same customer. Setting a status ends the hold.
ALTER TABLE plan_entries ADD COLUMN offered_to BIGINT REFERENCES users(id);
ALTER TABLE plan_entries ADD COLUMN offered_until TEXT;
