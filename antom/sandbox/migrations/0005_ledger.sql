-- The merchant's order id (order.referenceOrderId) of each payment, for the
-- ledger: several payments of one order that all took money are a double
-- charge, whatever their paymentRequestIds.
ALTER TABLE payments ADD COLUMN reference_order_id TEXT NOT NULL DEFAULT '';
CREATE INDEX payments_by_order ON payments (client_id, reference_order_id);
