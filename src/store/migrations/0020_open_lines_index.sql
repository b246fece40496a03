-- The fulfilment queue and the batch read open lines only: a partial index
-- of them, so completing a line removes one entry instead of moving it to
-- another status (issue 14, the fulfilment batch's speed).
DROP INDEX sales_order_lines_status;
CREATE INDEX sales_order_lines_open ON sales_order_lines (order_id, line_number) WHERE status = 'open';
