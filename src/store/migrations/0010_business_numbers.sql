-- Premises, service points and service agreements get the business number a
-- person reads (as accounts have A1000302): P1000012, SP1000040, SA1000007,
-- made from the id when the row is written. Existing rows are numbered here.
ALTER TABLE premises ADD COLUMN number TEXT;
UPDATE premises SET number = 'P' || CAST(1000000 + id AS TEXT);
CREATE UNIQUE INDEX premises_number ON premises (number);
ALTER TABLE service_points ADD COLUMN number TEXT;
UPDATE service_points SET number = 'SP' || CAST(1000000 + id AS TEXT);
CREATE UNIQUE INDEX service_points_number ON service_points (number);
ALTER TABLE service_agreements ADD COLUMN number TEXT;
UPDATE service_agreements SET number = 'SA' || CAST(1000000 + id AS TEXT);
CREATE UNIQUE INDEX service_agreements_number ON service_agreements (number);
