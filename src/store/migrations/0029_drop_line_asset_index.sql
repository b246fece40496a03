-- Completing a line names its asset (asset_id); indexing that column made
-- every completion move the line's entry in a second index, the costliest
-- part of the fulfilment batch's line UPDATE (issue 14). The only query on
-- it, an asset's history (SalesOrderRepository::lines_on_asset), finds the
-- line that made the asset by the asset's origin_line_id (a primary key)
-- and the lines that changed it by target_asset_id (indexed).
DROP INDEX sales_order_lines_asset;
