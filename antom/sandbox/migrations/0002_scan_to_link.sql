-- Scan to Link: the test wallet users, their balances and wallet-app
-- sessions, the QR codes consult hands out, the auth codes a user's consent
-- creates and the tokens applyToken issues. Times are unix ms.

-- Test wallet users (seeded at Open, see wallet_users.go).
CREATE TABLE wallet_users (
    login         TEXT PRIMARY KEY,          -- what the user signs in with, e.g. a phone number
    wallet        TEXT NOT NULL,             -- ALIPAY_CN, ALIPAY_HK, GCASH, …
    user_login_id TEXT NOT NULL,             -- masked, as Antom shows it
    password_hash TEXT NOT NULL,             -- hex SHA-256 of login, NUL, password
    created_at    INTEGER NOT NULL
);
CREATE INDEX wallet_users_by_wallet ON wallet_users (wallet, login);

-- Balances in minor units; payments debit them.
CREATE TABLE wallet_balances (
    login    TEXT NOT NULL REFERENCES wallet_users (login),
    currency TEXT NOT NULL,
    minor    INTEGER NOT NULL CHECK (minor >= 0),
    PRIMARY KEY (login, currency)
);

-- Signed-in wallet-app browsers; the cookie holds the id, this its hash.
CREATE TABLE wallet_sessions (
    id_hash    TEXT PRIMARY KEY,
    login      TEXT NOT NULL REFERENCES wallet_users (login),
    expires_at INTEGER NOT NULL
);

-- One row per consult: the single-use QR code and what it was asked for.
CREATE TABLE auth_qrs (
    code         TEXT PRIMARY KEY,          -- the code= of the wallet-app URL
    client_id    TEXT NOT NULL,
    auth_state   TEXT NOT NULL,
    wallet       TEXT NOT NULL,
    redirect_url TEXT NOT NULL,             -- authRedirectUrl
    notify_url   TEXT NOT NULL DEFAULT '',  -- authNotifyUrl; '' = the merchant's registered URL
    text_value   TEXT NOT NULL,             -- the TEXT codeValue (what the QR encodes)
    answer       BLOB NOT NULL,             -- the consult answer, replayed on a retry
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'agreed', 'declined')),
    login        TEXT REFERENCES wallet_users (login),  -- who agreed or declined
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER,
    UNIQUE (client_id, auth_state)
);

-- Auth codes created when a user agrees; single use, short-lived.
CREATE TABLE auth_codes (
    code        TEXT PRIMARY KEY,
    qr_code     TEXT NOT NULL REFERENCES auth_qrs (code),
    client_id   TEXT NOT NULL,
    wallet      TEXT NOT NULL,
    login       TEXT NOT NULL REFERENCES wallet_users (login),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    redeemed_at INTEGER,
    answer      BLOB                      -- the applyToken answer, replayed on a retry
);

-- One row per link (authorization): its current access and refresh token.
-- A refresh replaces both; revoke and wallet-side cancellation end it.
CREATE TABLE tokens (
    id                 INTEGER PRIMARY KEY,
    client_id          TEXT NOT NULL,
    login              TEXT NOT NULL REFERENCES wallet_users (login),
    wallet             TEXT NOT NULL,
    auth_code          TEXT NOT NULL REFERENCES auth_codes (code),
    notify_url         TEXT NOT NULL DEFAULT '',  -- the consult's authNotifyUrl
    access_token       TEXT NOT NULL UNIQUE,
    access_expires_at  INTEGER NOT NULL,
    refresh_token      TEXT NOT NULL UNIQUE,
    refresh_expires_at INTEGER NOT NULL,
    status             TEXT NOT NULL DEFAULT 'live'
                       CHECK (status IN ('live', 'revoked', 'canceled')),
    created_at         INTEGER NOT NULL,
    ended_at           INTEGER
);
CREATE INDEX tokens_by_user ON tokens (login, status);
CREATE INDEX tokens_by_status ON tokens (status, id);
