-- Merchants the sandbox knows, as registered in Antom's "Dashboard".
CREATE TABLE merchants (
    client_id  TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,             -- base64 X.509 SubjectPublicKeyInfo
    notify_url TEXT NOT NULL DEFAULT '',  -- Dashboard notification URL
    updated_at INTEGER NOT NULL           -- unix ms
);

-- The notification outbox. A row is pending until acknowledged or given up.
CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY,
    client_id     TEXT NOT NULL,
    notify_url    TEXT NOT NULL,
    kind          TEXT NOT NULL DEFAULT '',  -- notifyType or authorizationNotifyType
    body          BLOB NOT NULL,             -- exact bytes sent
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'acked', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_at       INTEGER,                   -- unix ms of the next attempt; NULL once final
    held          INTEGER NOT NULL DEFAULT 0,  -- held back by the reorder fault
    release_after INTEGER,                   -- held: send after this notification's attempt
    created_at    INTEGER NOT NULL
);
CREATE INDEX notifications_pending ON notifications (status, next_at);

-- Every delivery attempt, for the control page.
CREATE TABLE notification_attempts (
    id              INTEGER PRIMARY KEY,
    notification_id INTEGER NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    attempt         INTEGER NOT NULL,
    at              INTEGER NOT NULL,          -- unix ms
    http_status     INTEGER NOT NULL DEFAULT 0,  -- 0: no HTTP answer
    acked           INTEGER NOT NULL DEFAULT 0,
    error           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notification_attempts_by_notification ON notification_attempts (notification_id, id);
