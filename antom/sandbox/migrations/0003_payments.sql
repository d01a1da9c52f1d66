-- Tokenized payments (pay AGREEMENT_PAYMENT, inquiryPayment, cancel). One
-- row per paymentRequestId of a merchant. Amounts in minor units, times
-- unix ms.
CREATE TABLE payments (
    id             INTEGER PRIMARY KEY,
    payment_id     TEXT NOT NULL UNIQUE,           -- Antom's paymentId
    client_id      TEXT NOT NULL,
    request_id     TEXT NOT NULL,                  -- the merchant's paymentRequestId
    product_code   TEXT NOT NULL,
    fingerprint    TEXT NOT NULL,                  -- hash of the business parameters (idempotency)
    method_type    TEXT NOT NULL,                  -- paymentMethodType, e.g. GCASH
    login          TEXT REFERENCES wallet_users (login),  -- the payer; NULL when no live token named one
    currency       TEXT NOT NULL,
    amount         INTEGER NOT NULL CHECK (amount > 0),
    debited        INTEGER NOT NULL DEFAULT 0 CHECK (debited >= 0),  -- held from the payer's balance now
    status         TEXT NOT NULL
                   CHECK (status IN ('PROCESSING', 'SUCCESS', 'FAIL', 'CANCELLED')),
    result_code    TEXT NOT NULL,                  -- the payment's own code (paymentResultCode)
    result_message TEXT NOT NULL,
    settle_code    TEXT NOT NULL DEFAULT '',       -- PROCESSING: outcome planned at settle_at (SUCCESS or a failure code)
    settle_at      INTEGER,                        -- NULL: no planned settlement
    expires_at     INTEGER NOT NULL,               -- PROCESSING after this → FAIL ORDER_IS_CLOSED
    notify_url     TEXT NOT NULL DEFAULT '',       -- paymentNotifyUrl; '' = the merchant's registered URL
    answer         BLOB NOT NULL,                  -- what a true repeat of pay is answered
    created_at     INTEGER NOT NULL,
    paid_at        INTEGER,
    cancelled_at   INTEGER,
    UNIQUE (client_id, request_id)
);
CREATE INDEX payments_processing ON payments (status, expires_at);
CREATE INDEX payments_by_login ON payments (login, id);
