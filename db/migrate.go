package db

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations is the schema's history, oldest first, run in order on
// either backend: SQLite counts those run in PRAGMA user_version,
// PostgreSQL in the schema_migrations table. A released migration is
// never edited — a change is a new entry at the end.
//
// Write each in portable SQL; postgres.go translates the types:
//   - columns TEXT, INTEGER (64-bit on both), BLOB or REAL; ids are
//     INTEGER PRIMARY KEY; booleans INTEGER 0/1; times TEXT in time.go's
//     layout; COLLATE NOCASE only on a TEXT column, before any quoted
//     default (the column becomes citext);
//   - CREATE TABLE/INDEX (partial indexes too), ALTER TABLE … ADD COLUMN,
//     INSERT, UPDATE; no PRAGMA, no INSERT OR …, no SQLite or PostgreSQL
//     functions of their own (datetime, strftime, now()…);
//   - no explicit ids in INSERTs, and no reference to a table before the
//     statement that creates it.
var migrations = []string{
	// 1: sessions (the layout alexedwards/scs/sqlite3store expects) and the
	// notification inbox: every notification Antom sent us, with what we
	// made of it.
	`CREATE TABLE sessions (
		token  TEXT PRIMARY KEY,
		data   BLOB NOT NULL,
		expiry REAL NOT NULL
	);
	CREATE INDEX sessions_expiry_idx ON sessions(expiry);

	CREATE TABLE notifications (
		id            INTEGER PRIMARY KEY,
		received_at   TEXT NOT NULL,
		kind          TEXT NOT NULL,
		request_time  TEXT NOT NULL,
		body_sealed   BLOB,
		body_redacted TEXT NOT NULL,
		verdict       TEXT NOT NULL,
		detail        TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX notifications_received_idx ON notifications(received_at);`,

	// 2: buyers, their Scan to Link attempts and linked wallets, and the
	// timeline of events every flow writes to. Tokens are stored sealed
	// (AES-GCM) with a keyed hash beside them for lookups.
	`CREATE TABLE buyers (
		id            INTEGER PRIMARY KEY,
		email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
		password_hash BLOB NOT NULL,
		created_at    TEXT NOT NULL
	);

	CREATE TABLE wallets (
		id                       INTEGER PRIMARY KEY,
		buyer_id                 INTEGER NOT NULL REFERENCES buyers(id),
		wallet                   TEXT NOT NULL,
		user_login_id            TEXT NOT NULL,
		access_token_sealed      BLOB,
		access_token_hash        TEXT NOT NULL UNIQUE,
		access_token_expires_at  TEXT NOT NULL DEFAULT '',
		refresh_token_sealed     BLOB,
		refresh_token_expires_at TEXT NOT NULL DEFAULT '',
		status                   TEXT NOT NULL,
		linked_at                TEXT NOT NULL,
		revoke_attempts          INTEGER NOT NULL DEFAULT 0,
		revoke_next_at           TEXT NOT NULL DEFAULT '',
		ended_at                 TEXT NOT NULL DEFAULT '',
		end_reason               TEXT NOT NULL DEFAULT '',
		updated_at               TEXT NOT NULL
	);
	CREATE INDEX wallets_buyer_idx ON wallets(buyer_id, status);

	CREATE TABLE link_attempts (
		id                INTEGER PRIMARY KEY,
		auth_state        TEXT NOT NULL UNIQUE,
		buyer_id          INTEGER NOT NULL REFERENCES buyers(id),
		wallet            TEXT NOT NULL,
		return_to         TEXT NOT NULL DEFAULT '',
		status            TEXT NOT NULL,
		code_value        TEXT NOT NULL DEFAULT '',
		auth_code_sealed  BLOB,
		auth_code_hash    TEXT NOT NULL DEFAULT '',
		authorized_at     TEXT NOT NULL DEFAULT '',
		apply_lease_until TEXT NOT NULL DEFAULT '',
		apply_attempts    INTEGER NOT NULL DEFAULT 0,
		failure_code      TEXT NOT NULL DEFAULT '',
		wallet_id         INTEGER REFERENCES wallets(id),
		created_at        TEXT NOT NULL,
		expires_at        TEXT NOT NULL,
		updated_at        TEXT NOT NULL
	);
	CREATE INDEX link_attempts_status_idx ON link_attempts(status, expires_at);

	CREATE TABLE events (
		id      INTEGER PRIMARY KEY,
		at      TEXT NOT NULL,
		subject TEXT NOT NULL,
		kind    TEXT NOT NULL,
		detail  TEXT NOT NULL,
		actor   TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX events_subject_idx ON events(subject, id);`,

	// 3: the catalogue, orders and payment attempts. At most one attempt
	// per order may be PROCESSING: no second payment before the first is
	// settled (seed 001's "no repayment before confirmation").
	`CREATE TABLE products (
		id          INTEGER PRIMARY KEY,
		slug        TEXT NOT NULL UNIQUE,
		name        TEXT NOT NULL,
		description TEXT NOT NULL,
		icon        TEXT NOT NULL,
		currency    TEXT NOT NULL,
		price       INTEGER NOT NULL CHECK (price > 0)
	);
	INSERT INTO products (slug, name, description, icon, currency, price) VALUES
		('coffee', 'Single-origin coffee beans', '250 g, roasted this week.', 'coffee', 'USD', 1850),
		('mug', 'Enamel camp mug', 'Holds 350 ml, survives the trail.', 'mug', 'USD', 1200),
		('notebook', 'Dotted notebook', 'A5, 120 pages of good paper.', 'notebook', 'USD', 725),
		('matcha', 'Ceremonial matcha', '30 g tin from Uji.', 'matcha', 'JPY', 2400),
		('furoshiki', 'Furoshiki wrapping cloth', 'Cotton, 70 cm square.', 'cloth', 'JPY', 3600),
		('teapot', 'Tokoname teapot', 'Clay, 300 ml, with a fine mesh.', 'teapot', 'JPY', 5800),
		('coldbrew', 'Cold brew kit', 'Bottle and filters. In the sandbox its payments take a few seconds.', 'coldbrew', 'USD', 1291);

	CREATE TABLE orders (
		id          INTEGER PRIMARY KEY,
		ref         TEXT NOT NULL UNIQUE,
		buyer_id    INTEGER REFERENCES buyers(id),
		product_id  INTEGER NOT NULL REFERENCES products(id),
		quantity    INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10),
		currency    TEXT NOT NULL,
		amount      INTEGER NOT NULL CHECK (amount > 0),
		status      TEXT NOT NULL,
		paid_at     TEXT NOT NULL DEFAULT '',
		created_at  TEXT NOT NULL,
		updated_at  TEXT NOT NULL
	);
	CREATE INDEX orders_buyer_idx ON orders(buyer_id, id);

	CREATE TABLE payment_attempts (
		id                 INTEGER PRIMARY KEY,
		order_id           INTEGER NOT NULL REFERENCES orders(id),
		payment_request_id TEXT NOT NULL UNIQUE,
		method             TEXT NOT NULL,
		wallet_id          INTEGER REFERENCES wallets(id),
		currency           TEXT NOT NULL,
		amount             INTEGER NOT NULL,
		status             TEXT NOT NULL,
		result_code        TEXT NOT NULL DEFAULT '',
		payment_id         TEXT NOT NULL DEFAULT '',
		paid_at            TEXT NOT NULL DEFAULT '',
		expires_at         TEXT NOT NULL,
		next_check_at      TEXT NOT NULL,
		checks             INTEGER NOT NULL DEFAULT 0,
		manual_check_at    TEXT NOT NULL DEFAULT '',
		created_at         TEXT NOT NULL,
		updated_at         TEXT NOT NULL
	);
	CREATE UNIQUE INDEX payment_attempts_one_open ON payment_attempts(order_id) WHERE status = 'PROCESSING';
	CREATE INDEX payment_attempts_order_idx ON payment_attempts(order_id, id);
	CREATE INDEX payment_attempts_check_idx ON payment_attempts(status, next_check_at);`,

	// 4: cards on Antom's hosted page (kept cards, authorizations, captures)
	// and the merchant's side: staff accounts, sign-in throttling, refunds.
	`ALTER TABLE payment_attempts ADD COLUMN keep_card INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE payment_attempts ADD COLUMN card_id INTEGER REFERENCES cards(id);
	ALTER TABLE payment_attempts ADD COLUMN capture_mode TEXT NOT NULL DEFAULT '';
	ALTER TABLE payment_attempts ADD COLUMN redirect_url TEXT NOT NULL DEFAULT '';
	ALTER TABLE payment_attempts ADD COLUMN auth_expires_at TEXT NOT NULL DEFAULT '';
	ALTER TABLE payment_attempts ADD COLUMN card_brand TEXT NOT NULL DEFAULT '';
	ALTER TABLE payment_attempts ADD COLUMN card_last4 TEXT NOT NULL DEFAULT '';

	CREATE TABLE cards (
		id            INTEGER PRIMARY KEY,
		buyer_id      INTEGER NOT NULL REFERENCES buyers(id),
		token_sealed  BLOB,
		token_hash    TEXT NOT NULL,
		brand         TEXT NOT NULL,
		last4         TEXT NOT NULL,
		expiry_month  TEXT NOT NULL DEFAULT '',
		expiry_year   TEXT NOT NULL DEFAULT '',
		status        TEXT NOT NULL,
		created_at    TEXT NOT NULL,
		updated_at    TEXT NOT NULL
	);
	CREATE UNIQUE INDEX cards_buyer_token_idx ON cards(buyer_id, token_hash);

	CREATE TABLE captures (
		id                 INTEGER PRIMARY KEY,
		order_id           INTEGER NOT NULL REFERENCES orders(id),
		attempt_id         INTEGER NOT NULL REFERENCES payment_attempts(id),
		capture_request_id TEXT NOT NULL UNIQUE,
		capture_id         TEXT NOT NULL DEFAULT '',
		currency           TEXT NOT NULL,
		amount             INTEGER NOT NULL CHECK (amount > 0),
		status             TEXT NOT NULL,
		result_code        TEXT NOT NULL DEFAULT '',
		created_by         TEXT NOT NULL DEFAULT '',
		created_at         TEXT NOT NULL,
		updated_at         TEXT NOT NULL
	);
	CREATE INDEX captures_order_idx ON captures(order_id, id);

	CREATE TABLE staff (
		id            INTEGER PRIMARY KEY,
		email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
		password_hash BLOB NOT NULL,
		must_change   INTEGER NOT NULL DEFAULT 0,
		created_at    TEXT NOT NULL,
		updated_at    TEXT NOT NULL
	);

	CREATE TABLE signin_throttle (
		key          TEXT PRIMARY KEY,
		failures     INTEGER NOT NULL,
		window_start TEXT NOT NULL
	);

	CREATE TABLE refunds (
		id                INTEGER PRIMARY KEY,
		order_id          INTEGER NOT NULL REFERENCES orders(id),
		attempt_id        INTEGER NOT NULL REFERENCES payment_attempts(id),
		refund_request_id TEXT NOT NULL UNIQUE,
		refund_id         TEXT NOT NULL DEFAULT '',
		currency          TEXT NOT NULL,
		amount            INTEGER NOT NULL CHECK (amount > 0),
		reason            TEXT NOT NULL DEFAULT '',
		status            TEXT NOT NULL,
		result_code       TEXT NOT NULL DEFAULT '',
		refunded_at       TEXT NOT NULL DEFAULT '',
		next_check_at     TEXT NOT NULL DEFAULT '',
		checks            INTEGER NOT NULL DEFAULT 0,
		created_by        TEXT NOT NULL DEFAULT '',
		created_at        TEXT NOT NULL,
		updated_at        TEXT NOT NULL
	);
	CREATE INDEX refunds_order_idx ON refunds(order_id, id);
	CREATE INDEX refunds_check_idx ON refunds(status, next_check_at);`,

	// 5: where a final status came from (ANTOM said it, or OURS: we
	// decided it, e.g. ORDER_NOT_EXIST past expiry), a cancel we wait on,
	// payments an order did not need (surplus: another attempt paid it)
	// and the refunds made of them automatically. next_check_at = ''
	// means nothing is left to ask Antom about an attempt.
	`ALTER TABLE payment_attempts ADD COLUMN final_source TEXT NOT NULL DEFAULT '';
	ALTER TABLE payment_attempts ADD COLUMN cancel_status TEXT NOT NULL DEFAULT '';
	ALTER TABLE payment_attempts ADD COLUMN surplus INTEGER NOT NULL DEFAULT 0;
	UPDATE payment_attempts SET final_source = CASE WHEN result_code IN ('ORDER_NOT_EXIST', 'NO_PAYMENT_PAGE')
		THEN 'OURS' ELSE 'ANTOM' END, next_check_at = '' WHERE status != 'PROCESSING';
	CREATE INDEX payment_attempts_due_idx ON payment_attempts(next_check_at);

	ALTER TABLE refunds ADD COLUMN final_source TEXT NOT NULL DEFAULT '';
	ALTER TABLE refunds ADD COLUMN automatic INTEGER NOT NULL DEFAULT 0;
	UPDATE refunds SET final_source = CASE WHEN result_code = 'ORDER_NOT_EXIST' AND refund_id = ''
		THEN 'OURS' ELSE 'ANTOM' END WHERE status != 'PROCESSING';`,

	// 6: the X-Request-Id of the HTTP request that caused a timeline event.
	`ALTER TABLE events ADD COLUMN http_request_id TEXT NOT NULL DEFAULT '';`,

	// 7: one row that /healthz rewrites to prove the database takes writes.
	`CREATE TABLE health_probe (
		id         INTEGER PRIMARY KEY,
		checked_at TEXT NOT NULL
	);
	INSERT INTO health_probe (id, checked_at) VALUES (1, '');`,

	// 8: applyToken's S answer, sealed, kept on its link attempt the moment
	// it arrives, so that a wallet not saved is finished from it later (an
	// authCode is single-use: asking again cannot work).
	`ALTER TABLE link_attempts ADD COLUMN token_answer_sealed BLOB;`,

	// 9: an authCode belongs to one link attempt: a code seen on a second
	// attempt is never applied twice.
	`CREATE UNIQUE INDEX link_attempts_auth_code_idx ON link_attempts(auth_code_hash) WHERE auth_code_hash <> '';`,

	// 10: linking on the buyer's phone: the consult's terminal type (WEB
	// shows a QR code; WAP opens the wallet on this phone) and, for WAP,
	// the address that opens the wallet.
	`ALTER TABLE link_attempts ADD COLUMN terminal_type TEXT NOT NULL DEFAULT 'WEB';
	ALTER TABLE link_attempts ADD COLUMN open_url TEXT NOT NULL DEFAULT '';`,

	// 11: the timeline a notification went to ("order:ORD-…", "link:7"), so
	// that the inbox links to it.
	`ALTER TABLE notifications ADD COLUMN subject TEXT NOT NULL DEFAULT '';`,

	// 12: the sandbox's test payment: an order of an amount the buyer types
	// (to reach the sandbox's magic amounts), never in the catalogue.
	`ALTER TABLE products ADD COLUMN test INTEGER NOT NULL DEFAULT 0;
	INSERT INTO products (slug, name, description, icon, currency, price, test) VALUES
		('test-payment', 'Test payment', 'An amount of your choice, in sandbox mode only.', 'parcel', 'USD', 1, 1);`,

	// 13: the cold brew kit's description promised "a few seconds" with
	// real Antom too; the sandbox's magic amounts are explained beside the
	// test payment now.
	`UPDATE products SET description = 'Bottle and filters, for slow mornings that start the night before.'
		WHERE slug = 'coldbrew';`,

	// 14: when a cancel (or void) still waiting for Antom was asked for:
	// the reconciler backlog's age of pending cancels.
	`ALTER TABLE payment_attempts ADD COLUMN cancel_requested_at TEXT NOT NULL DEFAULT '';
	UPDATE payment_attempts SET cancel_requested_at = updated_at WHERE cancel_status = 'PROCESSING';`,

	// 15: leases on background work (db/leases.go): which app instance
	// asks Antom about a payment, refund, capture or wallet right now.
	`CREATE TABLE leases (
		work         TEXT PRIMARY KEY,
		holder       TEXT NOT NULL,
		leased_until TEXT NOT NULL
	);`,

	// 16: staff replays of stored notifications (db/replays.go): one
	// replay of each, however many staff ask at once.
	`CREATE TABLE notification_replays (
		notification_id INTEGER PRIMARY KEY,
		holder          TEXT NOT NULL,
		actor           TEXT NOT NULL,
		started_at      TEXT NOT NULL,
		finished_at     TEXT NOT NULL DEFAULT '',
		verdict         TEXT NOT NULL DEFAULT ''
	);`,

	// 17: the buyer came back from Antom's hosted card page
	// (Attempt.ReturnedAt): their result is being confirmed, not "left
	// unfinished", until Antom says the payment is still open.
	`ALTER TABLE payment_attempts ADD COLUMN returned_at TEXT NOT NULL DEFAULT '';`,

	// 18: a replay's own inbox row (Replay.ReplayID), stored with it, so
	// that the inbox links a replayed notification to its replay by id.
	// Replays finished before are given the row found as the inbox found
	// it until now: the newest whose detail begins "replay of #<id> by ".
	`ALTER TABLE notification_replays ADD COLUMN replay_id INTEGER NOT NULL DEFAULT 0;
	UPDATE notification_replays SET replay_id = COALESCE((SELECT MAX(n.id) FROM notifications n
		WHERE n.id > notification_replays.notification_id
		AND n.detail LIKE 'replay of #' || notification_replays.notification_id || ' by %'), 0)
		WHERE finished_at != '';`,

	// 19: a failed staff refund that staff settled with the buyer another
	// way (Refund.HandledAt): who, when and how; it is no longer an open
	// problem.
	`ALTER TABLE refunds ADD COLUMN handled_by TEXT NOT NULL DEFAULT '';
	ALTER TABLE refunds ADD COLUMN handled_at TEXT NOT NULL DEFAULT '';
	ALTER TABLE refunds ADD COLUMN handled_note TEXT NOT NULL DEFAULT '';`,

	// 20: when the buyer left an open card attempt to pay another way
	// (MarkAbandoned): the dashboard's success rate leaves such attempts
	// out unless they succeeded after all.
	`ALTER TABLE payment_attempts ADD COLUMN abandoned_at TEXT NOT NULL DEFAULT '';`,

	// 21: the same card kept twice (Antom gives a new cardToken each time
	// a buyer keeps a card, and no other lasting identity): a card is the
	// same as another of its buyer's if brand, last four digits and expiry
	// all match (none unknown). The newest kept stays; each older one is
	// REMOVED, its token forgotten, and points to it (Card.ReplacedBy), so
	// that a checkout page still offering it pays with the newest.
	`ALTER TABLE cards ADD COLUMN replaced_by INTEGER NOT NULL DEFAULT 0;
	UPDATE cards SET status = 'REMOVED', token_sealed = NULL,
		replaced_by = (SELECT MAX(n.id) FROM cards n WHERE n.buyer_id = cards.buyer_id AND n.status = 'ACTIVE'
			AND n.brand = cards.brand AND n.last4 = cards.last4
			AND n.expiry_month = cards.expiry_month AND n.expiry_year = cards.expiry_year),
		updated_at = (SELECT MAX(n.created_at) FROM cards n WHERE n.buyer_id = cards.buyer_id AND n.status = 'ACTIVE'
			AND n.brand = cards.brand AND n.last4 = cards.last4
			AND n.expiry_month = cards.expiry_month AND n.expiry_year = cards.expiry_year)
		WHERE status = 'ACTIVE' AND brand != '' AND last4 != '' AND expiry_month != '' AND expiry_year != ''
		AND EXISTS (SELECT 1 FROM cards n WHERE n.buyer_id = cards.buyer_id AND n.status = 'ACTIVE'
			AND n.brand = cards.brand AND n.last4 = cards.last4
			AND n.expiry_month = cards.expiry_month AND n.expiry_year = cards.expiry_year AND n.id > cards.id);`,
	// 22: how much of a failed refund staff settled another way: what was
	// still owed of it when they marked it (refunds after it may have made
	// part good). Rows marked before count their whole amount, as they did.
	`ALTER TABLE refunds ADD COLUMN handled_amount INTEGER NOT NULL DEFAULT 0;
	UPDATE refunds SET handled_amount = amount WHERE handled_at != '';`,
	// 23: a payment's refunds and captures by attempt alone: RefundTotals,
	// FailedRefundTotal and HandledRefundTotal, and the orders list's paid
	// and refunded figures, read them by attempt_id without the order's id
	// (refunds_order_idx, captures_order_idx do not serve them).
	`CREATE INDEX IF NOT EXISTS refunds_attempt_idx ON refunds(attempt_id);
	CREATE INDEX IF NOT EXISTS captures_attempt_idx ON captures(attempt_id);`,
	// 24: the failed staff refund a refund retries (0: none, a refund of
	// its own). A failure is retried at most once: its debt passes to the
	// retry, and a failed retry is retried in turn.
	`ALTER TABLE refunds ADD COLUMN retry_of INTEGER NOT NULL DEFAULT 0;
	CREATE UNIQUE INDEX refunds_retry_of_idx ON refunds(retry_of) WHERE retry_of <> 0;`,
	// 25: the first failure of a retry's chain (0: not a retry): the
	// refund the chain of retries (retry_of) starts from. A chain is one
	// line (a failure is retried at most once), in id order, so a retry's
	// earlier refunds are the root and the retries of it with a smaller
	// id — found by index, not by walking the chain (refundRetriedThenMade,
	// owingR and the like read it for every failure of a payment). Rows
	// before it get their root by walking their chain once.
	`ALTER TABLE refunds ADD COLUMN retry_root INTEGER NOT NULL DEFAULT 0;
	UPDATE refunds SET retry_root = (WITH RECURSIVE up(id, parent) AS (SELECT refunds.id, refunds.retry_of
		UNION ALL SELECT p.id, p.retry_of FROM refunds p JOIN up ON p.id = up.parent)
		SELECT up.id FROM up WHERE up.parent = 0) WHERE retry_of <> 0;
	CREATE INDEX refunds_retry_root_idx ON refunds(retry_root) WHERE retry_root <> 0;`,
	// 26: when a refund failed, as the highest refund id there was then
	// (0 while it has not failed): a refund makes good only the failures
	// that failed before it was made (id > fail_mark; refundsOwed and
	// makingGoodN), never one that was still processing when it was
	// made. Failures before it get their own id, the rule they were read
	// by until now.
	`ALTER TABLE refunds ADD COLUMN fail_mark INTEGER NOT NULL DEFAULT 0;
	UPDATE refunds SET fail_mark = id WHERE status = 'FAIL';`,
	// 27: Antom's automatic captures (AUTOMATIC card payments), one row
	// per captureId, so that the same CAPTURE_RESULT applied twice (a
	// replay and Antom's resend) is a duplicate; and, on the inbox, the
	// paymentId a deferred notification waits for (awaits: re-applied
	// once a payment of ours has it) and the row whose application dealt
	// with it since (settled_by, 0: still waiting). Rows before it wait
	// for nothing. Attempts are found by paymentId by index (a
	// CAPTURE_RESULT names its payment so, and a deferred row waits for
	// one).
	`CREATE TABLE automatic_captures (
		capture_id TEXT PRIMARY KEY,
		attempt_id INTEGER NOT NULL,
		currency   TEXT NOT NULL,
		amount     INTEGER NOT NULL,
		created_at TEXT NOT NULL
	);
	ALTER TABLE notifications ADD COLUMN awaits TEXT NOT NULL DEFAULT '';
	ALTER TABLE notifications ADD COLUMN settled_by INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX notifications_awaits_idx ON notifications(awaits) WHERE awaits <> '' AND settled_by = 0;
	CREATE INDEX payment_attempts_payment_id_idx ON payment_attempts(payment_id);`,
	// 28: backoff of the reconciler's resends whose answer stays unknown
	// (checkout/backoff.go): how often a cancel now PROCESSING has been
	// sent without an answer (cancel_sends, back to 0 when a new cancel
	// is asked for), and for a capture still PROCESSING how often it has
	// been looked up or sent again without an answer (checks) and when it
	// is due next (next_check_at; '' is due at once, as every capture was
	// until now).
	`ALTER TABLE payment_attempts ADD COLUMN cancel_sends INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE captures ADD COLUMN checks INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE captures ADD COLUMN next_check_at TEXT NOT NULL DEFAULT '';`,
	// 29: a capture's resultMessage with its resultCode, so that staff
	// are told why Antom refused it (captures before it have none).
	`ALTER TABLE captures ADD COLUMN result_message TEXT NOT NULL DEFAULT '';`,
	// 30: an attempt we closed before its buyer could act on it (its pay
	// answer had no payment page: we cancelled it and tried a new
	// paymentRequestId at once; checkout's closeWithoutPage) is marked
	// closed_unseen = 1: no failed payment, the success rate leaves it
	// out (AttemptOutcomesSince). Attempts before it read as 0.
	`ALTER TABLE payment_attempts ADD COLUMN closed_unseen INTEGER NOT NULL DEFAULT 0;`,
	// 31: who removed a kept card (removed_by: "buyer <email>" or "staff
	// <email>", as checkout's RemoveCard is told), for staff's "removed by
	// …". Cards removed before it, or replaced by the same card kept
	// again (replaced_by), have ''.
	`ALTER TABLE cards ADD COLUMN removed_by TEXT NOT NULL DEFAULT '';`,
	// 32: what staff are told, exactly. cancel_calls: the calls to Antom
	// the unanswered sends of a cancel now PROCESSING made (a first send,
	// a buyer's or staff's is up to 3 calls, a reconciler's resend 1), for
	// the timeline's "still not confirmed after N calls"; back to 0 when a
	// new cancel is asked for (as cancel_sends), and NULL for a cancel
	// under way before it, whose calls were never counted (its lines count
	// sends). cards.removed_at: when a kept card was removed or replaced by
	// the same card kept again; '' while it is active, and for a card
	// removed before it, whose time was not recorded (staff are told so).
	`ALTER TABLE payment_attempts ADD COLUMN cancel_calls INTEGER DEFAULT 0;
	UPDATE payment_attempts SET cancel_calls = NULL WHERE cancel_status = 'PROCESSING' AND cancel_sends > 0;
	ALTER TABLE cards ADD COLUMN removed_at TEXT NOT NULL DEFAULT '';`,
	// 33: when the reconciler first found a cancel of ours in doubt
	// (doubt_since: Antom's SUCCESS came while the cancel was unanswered;
	// CancelDoubtSince records it), so that a SUCCESS Antom still gives a
	// while later ends the doubt (checkout's cancelLandsWithin) instead of
	// a day's watch. '' until then.
	`ALTER TABLE payment_attempts ADD COLUMN doubt_since TEXT NOT NULL DEFAULT '';`,
	// 34: a guest's order is tied to the browser that made it by the
	// session's guest key (128 random bits, hex), kept with the order:
	// NULL for a buyer's order. The index serves a guest's orders newest
	// first (My orders) and the claim at sign-in; claimed orders (buyer_id
	// set) leave it.
	`ALTER TABLE orders ADD COLUMN guest_key TEXT;
	CREATE INDEX orders_guest_key_idx ON orders(guest_key, id) WHERE buyer_id IS NULL;`,
	// 35: staff manage staff (/admin/staff). added_by: the email of the
	// staff member who added the account, "first start" for the account
	// the first start creates, '' for accounts made before it (not
	// recorded). last_signin_at: the account's latest sign-in, '' when
	// none was recorded. A removed account keeps its row, so that its id
	// is never given to another account (a session of the removed member
	// still names it): removed_at and removed_by (a staff email) say when
	// and by whom; '' while it is active.
	`ALTER TABLE staff ADD COLUMN added_by TEXT NOT NULL DEFAULT '';
	ALTER TABLE staff ADD COLUMN last_signin_at TEXT NOT NULL DEFAULT '';
	ALTER TABLE staff ADD COLUMN removed_at TEXT NOT NULL DEFAULT '';
	ALTER TABLE staff ADD COLUMN removed_by TEXT NOT NULL DEFAULT '';`,
	// 36: session_epoch counts the account's password replacements (a new
	// one-time password issued by other staff, the member's own change). A
	// staff session keeps the value it signed in with and ends at its
	// next request once the account's differs, on every instance. 0 for
	// every account before it, which is also what a session from before
	// it holds, so that no one is signed out by the upgrade.
	`ALTER TABLE staff ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;`,
	// 37: a removed account's email may be added again, as a new account
	// (a new id: the removed row stays, with its history, and sessions
	// naming it stay ended). The email is unique among active accounts
	// only, without case, as before: a partial unique index. SQLite
	// cannot drop the column's UNIQUE, so the table is copied without it,
	// ids and all (no AUTOINCREMENT is needed for ids never to be reused:
	// no row is ever deleted); PostgreSQL drops the constraint instead
	// (postgresPatches), which keeps its identity sequence.
	migration37SQLiteCopy +
		`CREATE UNIQUE INDEX staff_active_email_idx ON staff(email) WHERE removed_at = '';`,
	// 38: card_page says where a card attempt's hosted card page stands
	// before the buyer is sent there (Attempt.CardPage): 'asking' while
	// our pay call for it is out, 'refused' when Antom's answer pointed
	// outside the gateway's host; '' otherwise (its address is
	// redirect_url, the call ended without one, a kept card, or the
	// attempt predates it).
	`ALTER TABLE payment_attempts ADD COLUMN card_page TEXT NOT NULL DEFAULT '';`,
	// 39: one ACTIVE wallet per buyer, wallet and account (its
	// user_login_id as Antom gives it, when it gives one): linking the
	// same account again replaces the older link (InsertWalletReplacing),
	// which leaves checkout REVOKING, its token revoked at Antom, with
	// replaced_by naming the wallet that replaced it (0: not replaced).
	// Duplicates linked before are settled the same way first: the
	// newest stays, the others are revoked (due at once).
	`ALTER TABLE wallets ADD COLUMN replaced_by INTEGER NOT NULL DEFAULT 0;
	UPDATE wallets SET status = 'REVOKING', revoke_next_at = updated_at,
		replaced_by = (SELECT max(n.id) FROM wallets n WHERE n.buyer_id = wallets.buyer_id
			AND n.wallet = wallets.wallet AND n.user_login_id = wallets.user_login_id AND n.status = 'ACTIVE')
		WHERE status = 'ACTIVE' AND user_login_id <> '' AND id < (SELECT max(n.id) FROM wallets n
			WHERE n.buyer_id = wallets.buyer_id AND n.wallet = wallets.wallet
			AND n.user_login_id = wallets.user_login_id AND n.status = 'ACTIVE');
	CREATE UNIQUE INDEX wallets_active_account_idx ON wallets(buyer_id, wallet, user_login_id)
		WHERE status = 'ACTIVE' AND user_login_id <> '';`,
	// 40: the order refunds failed in (fail_seq: 1, 2, … as each fails;
	// 0 while it has not). fail_mark cannot tell it: a refund processing
	// since before another was made may fail after that one failed while
	// both see the same highest id, and then ordering by id put the one
	// that failed last first (refundsOwed allots the payment's cap in
	// this order). Failures before it are numbered in the order they
	// were read in until now: by fail_mark, then id. The index serves
	// the next number (failSeqNext).
	`ALTER TABLE refunds ADD COLUMN fail_seq INTEGER NOT NULL DEFAULT 0;
	UPDATE refunds SET fail_seq = (SELECT COUNT(*) FROM refunds x WHERE x.status = 'FAIL'
		AND (x.fail_mark < refunds.fail_mark OR (x.fail_mark = refunds.fail_mark AND x.id <= refunds.id)))
		WHERE status = 'FAIL';
	CREATE INDEX refunds_fail_seq_idx ON refunds(fail_seq);`,
	// 41: the reconciler's look for the authExpiryTime of a MANUAL
	// authorization that none of Antom's answers gave yet (checkout's
	// lookForAuthExpiries): how many of its inquiryPayment looks learnt
	// none (auth_expiry_looks) and when the next is due
	// (auth_expiry_look_at; '' before the first, which is due a while
	// after the authorization succeeded). The partial index holds only
	// the authorizations whose expiry is not known, so that the pass
	// does not read every payment.
	`ALTER TABLE payment_attempts ADD COLUMN auth_expiry_looks INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE payment_attempts ADD COLUMN auth_expiry_look_at TEXT NOT NULL DEFAULT '';
	CREATE INDEX payment_attempts_expiry_look_idx ON payment_attempts(auth_expiry_look_at)
		WHERE status = 'SUCCESS' AND capture_mode = 'MANUAL' AND auth_expires_at = '';`,
	// 42: the paymentStatus of the inquiryPayment answer that ended the
	// look for an authorization's authExpiryTime (auth_expiry_look_end:
	// FAIL or CANCELLED; '' while the looks go on): Antom will not give
	// the expiry of a payment it says is not SUCCESS, and a capture or a
	// void settles the order. Migration 41's index is replaced by one that
	// leads with auth_expires_at, which SQLite's planner chooses for the
	// look's query (it passed over the other and read every SUCCESS
	// attempt through payment_attempts_check_idx), and that leaves out
	// the ended looks.
	`ALTER TABLE payment_attempts ADD COLUMN auth_expiry_look_end TEXT NOT NULL DEFAULT '';
	DROP INDEX IF EXISTS payment_attempts_expiry_look_idx;
	CREATE INDEX payment_attempts_expiry_look_due_idx ON payment_attempts(auth_expires_at, auth_expiry_look_at)
		WHERE status = 'SUCCESS' AND capture_mode = 'MANUAL' AND auth_expires_at = '' AND auth_expiry_look_end = '';`,
	// 43: a void Antom refused (RefuseVoid: checkout's sendCancel of a
	// SUCCESS attempt): when (void_refused_at, '' for none) and Antom's
	// resultCode and resultMessage, so that staff's order page says it for
	// as long as it is the authorization's latest word (checkout's
	// voidRefusalOpen), not only on the timeline. Read on their own
	// (VoidRefusalOf), not among attemptColumns.
	`ALTER TABLE payment_attempts ADD COLUMN void_refused_at TEXT NOT NULL DEFAULT '';
	ALTER TABLE payment_attempts ADD COLUMN void_refused_code TEXT NOT NULL DEFAULT '';
	ALTER TABLE payment_attempts ADD COLUMN void_refused_message TEXT NOT NULL DEFAULT '';`,
	// 44: which capture of the attempt was its newest when Antom refused
	// its void (void_refused_capture_id, a captures id; 0 for none), so
	// that "a capture was sent since the refusal" (checkout's
	// voidRefusalOpen) compares ids of one sequence, not two instances'
	// clocks. Refusals recorded before it get the newest capture sent by
	// their own time, the best the old columns tell. The partial index
	// holds only the attempts with a refused void, which the dashboard and
	// the orders list read on every view (HeldVoidRefusals).
	//
	// Of a refund we closed as failed ourselves (FAIL, final_source OURS):
	// when the reconciler stopped asking Antom about it (watch_ended_at,
	// '' while it asks; '' too for watches that ended before it: their
	// updated_at is no record of that end, a Mark handled or a refundId
	// since moved it, and staff pages then say we stopped asking without a
	// date rather than a wrong one), and when and by whom a staff Refund lookup made
	// since it was closed answered that Antom has no such refund
	// (absent_looked_at, absent_looked_by): staff may try it again only
	// then (checkout's needsLookup).
	`ALTER TABLE payment_attempts ADD COLUMN void_refused_capture_id INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX payment_attempts_void_refused_idx ON payment_attempts(order_id)
		WHERE cancel_status = 'FAIL' AND void_refused_at != '';
	UPDATE payment_attempts SET void_refused_capture_id = COALESCE((SELECT MAX(c.id) FROM captures c
		WHERE c.attempt_id = payment_attempts.id AND c.created_at <= payment_attempts.void_refused_at), 0)
		WHERE void_refused_at != '';
	ALTER TABLE refunds ADD COLUMN watch_ended_at TEXT NOT NULL DEFAULT '';
	ALTER TABLE refunds ADD COLUMN absent_looked_at TEXT NOT NULL DEFAULT '';
	ALTER TABLE refunds ADD COLUMN absent_looked_by TEXT NOT NULL DEFAULT '';`,
	// 45: of a refund we closed as failed ourselves (FAIL, final_source
	// OURS), when and by whom Antom was first found processing it since a
	// Refund lookup last said it has none
	// (found_processing_at, '' for never or since a Refund lookup said it
	// has none; found_processing_by: the staff member whose Refund lookup
	// found it, '' for the reconciler's watch): FoundProcessing, so that
	// staff pages say Antom is making it, not that it had no record.
	`ALTER TABLE refunds ADD COLUMN found_processing_at TEXT NOT NULL DEFAULT '';
	ALTER TABLE refunds ADD COLUMN found_processing_by TEXT NOT NULL DEFAULT '';`,
	// 46: of a refund we closed as failed that Antom made after all (FAIL
	// turned SUCCESS), the highest refund id when it did (late_mark:
	// refunds with a greater id were made after; SettleRefund), so that
	// checkout's rule of refunds made late (refunds_made_late.go) reads
	// the books as they stood then. 0 for one made late before this
	// migration (not told apart) and for every other refund.
	`ALTER TABLE refunds ADD COLUMN late_mark INTEGER NOT NULL DEFAULT 0;`,
	// 47: and when it did (late_at; SettleRefund), so that the rule reads
	// a refund settled another way after that moment as not settled yet
	// then, and tells apart refunds made late at one late_mark but at
	// different times. '' for one made late before this migration.
	`ALTER TABLE refunds ADD COLUMN late_at TEXT NOT NULL DEFAULT '';`,
	// 48: of a deferred notification, the highest id of the payment
	// attempts it waits for (awaits_attempt: those that waited for their
	// paymentId when it first came; an attempt made later cannot be the
	// payment Antom captured), so that once none of them waits any more
	// it is settled as a capture of a payment we do not know rather than
	// deferred for ever — rows before it wait for the attempts there are
	// now; and how often re-applying it failed (reapply_failures) and
	// when it is tried next (reapply_at, '' at once), so that a row that
	// fails every time backs off behind the others and is set aside
	// after a few. Rows are found by their paymentId, settled or not.
	`ALTER TABLE notifications ADD COLUMN awaits_attempt INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE notifications ADD COLUMN reapply_failures INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE notifications ADD COLUMN reapply_at TEXT NOT NULL DEFAULT '';
	UPDATE notifications SET awaits_attempt = (SELECT COALESCE(MAX(id), 0) FROM payment_attempts)
		WHERE awaits <> '' AND settled_by = 0;
	CREATE INDEX notifications_awaits_any_idx ON notifications(awaits) WHERE awaits <> '';`,
	// 49: the paymentIds Antom named for a payment of ours other than the
	// one on record (payment_id_conflicts: one row per other paymentId,
	// when it was first told; RecordPaymentIDConflict), so that the
	// conflict is told once per other paymentId and held for staff from
	// data, not from the timeline's words; when the line saying a payment
	// in conflict was not cancelled automatically was said
	// (payment_attempts.payment_id_conflict_held_at, '' for never); and
	// staff's "Mark resolved" of an alarm on a payment (alarm_resolutions:
	// one row per attempt and alarm — 'paymentid-conflict',
	// 'auto-capture-failed' — who, when and their note; ResolveAlarm).
	`CREATE TABLE payment_id_conflicts (
		attempt_id INTEGER NOT NULL REFERENCES payment_attempts(id),
		payment_id TEXT NOT NULL,
		told_at    TEXT NOT NULL,
		PRIMARY KEY (attempt_id, payment_id)
	);
	ALTER TABLE payment_attempts ADD COLUMN payment_id_conflict_held_at TEXT NOT NULL DEFAULT '';
	CREATE TABLE alarm_resolutions (
		attempt_id  INTEGER NOT NULL REFERENCES payment_attempts(id),
		alarm       TEXT NOT NULL,
		resolved_at TEXT NOT NULL,
		resolved_by TEXT NOT NULL,
		note        TEXT NOT NULL,
		PRIMARY KEY (attempt_id, alarm)
	);`,
	// 50: who asked for a payment's cancel, and why (cancel_asked_by: one
	// of checkout's CancelBy* values), stored with the cancel
	// (RequestCancel, RequestCancelOfOpen) — until then read from the
	// rest of the row, which an expiry cancel of a payment whose order
	// another payment paid later read as "another payment paid the
	// order". Cancels stored before it keep '' and are read as before.
	`ALTER TABLE payment_attempts ADD COLUMN cancel_asked_by TEXT NOT NULL DEFAULT '';`,
	// 51: the reconciler's asks of Antom, before it closes an ended
	// authorization as "nothing was charged", whether it was captured
	// outside this app (checkout's endAuthorizations): how many got no
	// answer (end_checks) and when the next is due (end_check_at; ''
	// before the first, which is due at once; RetryEndCheckAt).
	`ALTER TABLE payment_attempts ADD COLUMN end_checks INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE payment_attempts ADD COLUMN end_check_at TEXT NOT NULL DEFAULT '';`,
	// 52: staff's "Mark reviewed" of a quarantined notification that no
	// replay can resolve (a REFUND_RESULT saying FAIL after SUCCESS, say):
	// when, who and their note ('' for none; ReviewNotification). A
	// reviewed row no longer counts among those waiting for staff
	// (CountNotifications) nor lists under its verdict.
	`ALTER TABLE notifications ADD COLUMN reviewed_at TEXT NOT NULL DEFAULT '';
	ALTER TABLE notifications ADD COLUMN reviewed_by TEXT NOT NULL DEFAULT '';
	ALTER TABLE notifications ADD COLUMN review_note TEXT NOT NULL DEFAULT '';`,
	// 53: refunds made outside this app (in Antom Dashboard, by another
	// system) that Antom's inquiryPayment listed and we took into our
	// books (outside = 1: SUCCESS, made by nobody here; AdoptOutsideRefund),
	// and of a staff refund Antom refused REFUND_AMOUNT_EXCEED, that such
	// refunds had taken what it asked for (outside_took = 1;
	// MarkRefundOutsideTook): it failed because our books were behind
	// Antom's, and nothing of it is owed to the buyer (failedR leaves it
	// out).
	`ALTER TABLE refunds ADD COLUMN outside INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE refunds ADD COLUMN outside_took INTEGER NOT NULL DEFAULT 0;`,
	// 54: when the reconciler stopped asking Antom whether an ended
	// authorization was captured outside this app (end_checks_stopped_at;
	// '' while it asks; StopEndChecks): Antom never answered so for as
	// long as an authorization can be held (checkout's authLooksOver, the
	// rule that stops the looks for its authExpiryTime too). The order
	// stays AUTHORIZED for staff: nothing says nothing was charged
	// without Antom's word.
	`ALTER TABLE payment_attempts ADD COLUMN end_checks_stopped_at TEXT NOT NULL DEFAULT '';`,
	// 55: the token key's check (KeepKeyCheck): a constant sealed with
	// TOKEN_ENCRYPTION_KEY by the first start that found none, which
	// every later start, of every instance, must open — so that two
	// instances given different keys cannot both run on one database
	// before any token is stored.
	`CREATE TABLE key_checks (
		name       TEXT PRIMARY KEY,
		sealed     BLOB NOT NULL,
		created_at TEXT NOT NULL
	);`,
	// 56: the words an order's product had when it was bought. A
	// catalogue file's product's words in every language the file gave
	// (product_words, with the row's default language: words_lang; ''
	// for rows from before, and the demo shop's). A row whose words or
	// icon the file changed while it has orders is retired
	// (SyncProducts): it keeps its words for those orders, its slug
	// moves to retired_slug (slug becomes "slug@id", freeing the slug's
	// UNIQUE for the new row that sells the product from then on).
	`ALTER TABLE products ADD COLUMN retired_slug TEXT NOT NULL DEFAULT '';
	ALTER TABLE products ADD COLUMN words_lang TEXT NOT NULL DEFAULT '';
	CREATE TABLE product_words (
		product_id INTEGER NOT NULL REFERENCES products(id),
		lang       TEXT NOT NULL,
		name       TEXT NOT NULL,
		about      TEXT NOT NULL,
		PRIMARY KEY (product_id, lang)
	);
	CREATE INDEX orders_product_idx ON orders(product_id);`,
	// 57: which rows from before migration 56 may still take their
	// file's words as their own (words_once: only at the first sync
	// after the upgrade, SyncProducts; none once a sync has kept any
	// product's words, as a sync of schema 56 did), and which are the
	// demo shop's (demo: its products as migrations 3 and 13 left them,
	// their words the lang catalogs'), which a file's product of the same
	// slug and other words replaces rather than changes.
	`ALTER TABLE products ADD COLUMN words_once INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE products ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
	UPDATE products SET demo = 1 WHERE test = 0 AND words_lang = '' AND (
		(slug = 'coffee' AND name = 'Single-origin coffee beans' AND description = '250 g, roasted this week.' AND icon = 'coffee') OR
		(slug = 'mug' AND name = 'Enamel camp mug' AND description = 'Holds 350 ml, survives the trail.' AND icon = 'mug') OR
		(slug = 'notebook' AND name = 'Dotted notebook' AND description = 'A5, 120 pages of good paper.' AND icon = 'notebook') OR
		(slug = 'matcha' AND name = 'Ceremonial matcha' AND description = '30 g tin from Uji.' AND icon = 'matcha') OR
		(slug = 'furoshiki' AND name = 'Furoshiki wrapping cloth' AND description = 'Cotton, 70 cm square.' AND icon = 'cloth') OR
		(slug = 'teapot' AND name = 'Tokoname teapot' AND description = 'Clay, 300 ml, with a fine mesh.' AND icon = 'teapot') OR
		(slug = 'coldbrew' AND name = 'Cold brew kit' AND description = 'Bottle and filters, for slow mornings that start the night before.' AND icon = 'coldbrew'));
	UPDATE products SET words_once = 1 WHERE test = 0 AND words_lang = '' AND retired_slug = ''
		AND NOT EXISTS (SELECT 1 FROM product_words);`,
	// 58: the shop's settings every instance must share (CAPTURE_MODE,
	// MERCHANT_NAME, MERCHANT_CONTACT, PUBLIC_URL) as the latest start
	// set them, and when each took its value (SetShopSettings): every
	// start and every instance's periodic check compares its own with
	// them. Values as configured: none is a secret (no key or token is
	// ever stored here).
	`CREATE TABLE shop_settings (
		name   TEXT PRIMARY KEY,
		value  TEXT NOT NULL,
		set_at TEXT NOT NULL
	);`,
	// 59: the language a buyer chose with the switcher while signed in
	// (buyers.lang: one of lang.Languages' codes, as the lang cookie
	// holds it; NULL until they choose one; SetBuyerLang), which their
	// pages speak while they are signed in on a browser that has chosen
	// none. No CHECK: a language the shop no longer offers stays stored
	// and is read as none.
	`ALTER TABLE buyers ADD COLUMN lang TEXT;`,
	// 60: the money taken since a time (moneyTaken: the dashboard's
	// today and its chart, on every load) read by when it was taken,
	// among the payments and captures that took it alone, not by a scan
	// of every one the shop ever took (review).
	`CREATE INDEX payment_attempts_taken_idx ON payment_attempts (paid_at) WHERE status = 'SUCCESS';
	CREATE INDEX captures_taken_idx ON captures (updated_at) WHERE status = 'SUCCESS';`,
}

// migration37SQLiteCopy is migration 37's copy of the staff table
// without the email's UNIQUE (SQLite cannot drop it in place);
// PostgreSQL runs its patch instead (postgresPatches).
const migration37SQLiteCopy = `CREATE TABLE staff_37 (
		id             INTEGER PRIMARY KEY,
		email          TEXT NOT NULL COLLATE NOCASE,
		password_hash  BLOB NOT NULL,
		must_change    INTEGER NOT NULL DEFAULT 0,
		created_at     TEXT NOT NULL,
		updated_at     TEXT NOT NULL,
		added_by       TEXT NOT NULL DEFAULT '',
		last_signin_at TEXT NOT NULL DEFAULT '',
		removed_at     TEXT NOT NULL DEFAULT '',
		removed_by     TEXT NOT NULL DEFAULT '',
		session_epoch  INTEGER NOT NULL DEFAULT 0
	);
	INSERT INTO staff_37 (id, email, password_hash, must_change, created_at, updated_at,
		added_by, last_signin_at, removed_at, removed_by, session_epoch)
		SELECT id, email, password_hash, must_change, created_at, updated_at,
		added_by, last_signin_at, removed_at, removed_by, session_epoch FROM staff;
	DROP TABLE staff;
	ALTER TABLE staff_37 RENAME TO staff;
	`

// migrate runs the migrations the database has not seen, up to the first
// upTo (all of them, but for tests), in one transaction that first takes
// the schema's lock (SQLite: the IMMEDIATE transaction's write lock;
// PostgreSQL: an advisory lock), so that of several instances starting
// together one migrates and the others wait (beginMigration) and find
// nothing left to do.
// It returns the schema version it found and the one it left.
func migrate(ctx context.Context, sqldb *sql.DB, d *dialect, upTo int) (from, to int, err error) {
	tx, err := beginMigration(ctx, sqldb)
	if err != nil {
		return 0, 0, fmt.Errorf("db: migrate: %w", err)
	}
	defer tx.Rollback()
	schemaVersion, setSchemaVersion := sqliteSchemaVersion, sqliteSetSchemaVersion
	if d.backend == PostgreSQL {
		schemaVersion, setSchemaVersion = postgresSchemaVersion, postgresSetSchemaVersion
	}
	version, err := schemaVersion(ctx, tx)
	if err != nil {
		return 0, 0, fmt.Errorf("db: read schema version: %w", err)
	}
	if version > len(migrations) {
		return 0, 0, newerSchemaError(version)
	}
	for i := version; i < upTo; i++ {
		ddl := migrations[i]
		if d.backend == PostgreSQL {
			if ddl, err = postgresDDL(i+1, ddl); err != nil {
				return 0, 0, err
			}
		}
		if _, err := tx.ExecContext(ctx, ddl); err != nil {
			return 0, 0, fmt.Errorf("db: migration %d: %w", i+1, err)
		}
		if err := setSchemaVersion(ctx, tx, i+1); err != nil {
			return 0, 0, fmt.Errorf("db: migration %d: %w", i+1, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, 0, fmt.Errorf("db: migrate: %w", err)
	}
	return version, max(version, upTo), nil
}

// newerSchemaError is an older release's refusal of a schema a newer one
// upgraded, saying the way out: migrations run forward only (README,
// Upgrading).
func newerSchemaError(version int) error {
	return fmt.Errorf("db: schema version %d is newer than this program (%d): a newer release upgraded this database; "+
		"run that release or a newer one, or restore the backup taken before the upgrade (README: Upgrading)", version, len(migrations))
}
