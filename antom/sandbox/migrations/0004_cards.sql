-- Hosted card payments (pay CASHIER_PAYMENT + CARD), the cards behind the
-- card tokens the hosted page issues, captures and refunds. Amounts in
-- minor units, times unix ms. No card number or CVC is ever stored: a card
-- is its BIN, last four digits, expiry and the outcome its test number
-- stands for.

-- A hosted card payment waiting for the buyer has the page's URL here;
-- pay answers it as normalUrl while the payment is PROCESSING.
ALTER TABLE payments ADD COLUMN action_url TEXT NOT NULL DEFAULT '';
-- What refunds took back from the payment (refunds PROCESSING or SUCCESS).
ALTER TABLE payments ADD COLUMN refunded INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0);

-- One row per card token, bound to the merchant it was issued to.
CREATE TABLE cards (
    token           TEXT PRIMARY KEY,          -- the cardToken
    client_id       TEXT NOT NULL,
    brand           TEXT NOT NULL,             -- VISA, MASTERCARD, …
    bin             TEXT NOT NULL,             -- the first six digits
    last_four       TEXT NOT NULL,
    expiry_month    TEXT NOT NULL,             -- "01" … "12"
    expiry_year     TEXT NOT NULL,             -- two digits
    funding         TEXT NOT NULL,             -- CREDIT, DEBIT
    issuing_country TEXT NOT NULL,             -- ISO 3166 alpha-2
    outcome         TEXT NOT NULL,             -- SUCCESS or the decline code the test card stands for
    challenge       INTEGER NOT NULL DEFAULT 0,  -- 3-D Secure challenge before authorization
    created_at      INTEGER NOT NULL
);

-- The card part of a CASHIER_PAYMENT: where the buyer returns, the card
-- once known, and the authorization's money.
CREATE TABLE card_payments (
    payment_id      TEXT PRIMARY KEY REFERENCES payments (payment_id),
    capture_mode    TEXT NOT NULL CHECK (capture_mode IN ('AUTOMATIC', 'MANUAL')),
    redirect_url    TEXT NOT NULL,             -- paymentRedirectUrl
    merchant_name   TEXT NOT NULL DEFAULT '',  -- what the hosted page shows
    description     TEXT NOT NULL DEFAULT '',  -- order.orderDescription
    card_token      TEXT REFERENCES cards (token),  -- NULL until the buyer's card is known
    authorized      INTEGER NOT NULL DEFAULT 0 CHECK (authorized >= 0),
    captured        INTEGER NOT NULL DEFAULT 0 CHECK (captured >= 0 AND captured <= authorized),
    auth_expires_at INTEGER,                   -- no capture after this
    voided_at       INTEGER                    -- cancelled before any capture
);

-- One row per captureRequestId of a merchant, failures included (a repeat
-- gets the stored answer).
CREATE TABLE captures (
    id                 INTEGER PRIMARY KEY,
    client_id          TEXT NOT NULL,
    capture_request_id TEXT NOT NULL,
    capture_id         TEXT UNIQUE,            -- NULL for a failed capture
    payment_id         TEXT NOT NULL,          -- as the merchant named it
    fingerprint        TEXT NOT NULL,          -- business parameters (idempotency)
    currency           TEXT NOT NULL,
    amount             INTEGER NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('SUCCESS', 'FAIL')),
    result_code        TEXT NOT NULL,
    answer             BLOB NOT NULL,          -- what a true repeat is answered
    created_at         INTEGER NOT NULL,
    UNIQUE (client_id, capture_request_id)
);
CREATE INDEX captures_by_payment ON captures (payment_id, id);

-- One row per refundRequestId of a merchant, failures included.
CREATE TABLE refunds (
    id                INTEGER PRIMARY KEY,
    client_id         TEXT NOT NULL,
    refund_request_id TEXT NOT NULL,
    refund_id         TEXT UNIQUE,             -- NULL for a refused refund
    payment_id        TEXT NOT NULL,           -- as the merchant named it
    fingerprint       TEXT NOT NULL,
    currency          TEXT NOT NULL,
    amount            INTEGER NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('PROCESSING', 'SUCCESS', 'FAIL')),
    result_code       TEXT NOT NULL,
    result_message    TEXT NOT NULL,
    notify_url        TEXT NOT NULL DEFAULT '',  -- where notifyRefund goes; '' = the merchant's
    answer            BLOB NOT NULL,
    created_at        INTEGER NOT NULL,
    settle_at         INTEGER,                 -- PROCESSING: when it becomes SUCCESS
    refunded_at       INTEGER,                 -- SUCCESS: refundTime
    UNIQUE (client_id, refund_request_id)
);
CREATE INDEX refunds_processing ON refunds (status, settle_at);
