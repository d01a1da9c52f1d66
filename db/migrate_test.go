package db_test

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

var backends = []db.Backend{db.SQLite, db.PostgreSQL}

// schemaVersion reads how many migrations a database has run.
func schemaVersion(t testing.TB, d *db.DB) int {
	t.Helper()
	var n int
	if d.Backend() == db.SQLite {
		check(t, d.SQL().QueryRowContext(ctx, "PRAGMA user_version").Scan(&n))
		return n
	}
	var rows int
	check(t, d.SQL().QueryRowContext(ctx, "SELECT COUNT(*), MAX(version) FROM schema_migrations").Scan(&rows, &n))
	eq(t, rows, n, "rows of schema_migrations (one per migration run)")
	return n
}

// Instances started together on one new database: each opens it, and
// the migrations run once.
func TestInstancesStartingTogetherMigrateOnce(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			const instances = 4
			start := make(chan struct{})
			opened := make([]*db.DB, instances)
			errs := make([]error, instances)
			var wg sync.WaitGroup
			for i := range instances {
				wg.Go(func() {
					<-start
					opened[i], errs[i] = db.Open(ctx, source)
				})
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("instance %d: %v", i, err)
				}
				defer opened[i].Close()
			}
			eq(t, schemaVersion(t, opened[0]), len(db.Migrations), "schema version")
			ps, err := opened[instances-1].Products(ctx)
			check(t, err)
			eq(t, len(ps), 7, "products seeded once")
		})
	}
}

func TestReopenKeepsDataAndMigratesNothing(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			d, err := db.Open(ctx, source)
			check(t, err)
			id := newBuyer(t, d, "ann@example.com")
			check(t, d.Close())
			d, err = db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			got, err := d.BuyerByEmail(ctx, "ann@example.com")
			check(t, err)
			eq(t, got.ID, id, "the buyer, after reopening")
			eq(t, schemaVersion(t, d), len(db.Migrations), "schema version")
		})
	}
}

// A SQLite file made by an earlier release (its PRAGMA user_version
// counting the migrations it ran) opens, and the newer migrations run.
func TestExistingSQLiteFileIsMigrated(t *testing.T) {
	source := dbtest.Source(t, db.SQLite)
	old, err := sql.Open("sqlite", "file:"+source)
	check(t, err)
	for _, m := range db.Migrations[:2] {
		_, err := old.ExecContext(ctx, m)
		check(t, err)
	}
	_, err = old.ExecContext(ctx, `PRAGMA user_version = 2;
		INSERT INTO buyers (email, password_hash, created_at) VALUES ('ann@example.com', x'00', '2026-01-01T00:00:00.000000000Z')`)
	check(t, err)
	check(t, old.Close())

	d, err := db.Open(ctx, source)
	check(t, err)
	defer d.Close()
	eq(t, schemaVersion(t, d), len(db.Migrations), "schema version")
	b, err := d.BuyerByEmail(ctx, "ann@example.com")
	check(t, err)
	eq(t, b.Email, "ann@example.com", "the earlier release's buyer")
	_, err = d.Products(ctx) // migration 3
	check(t, err)
}

func TestNewerSchemaIsRefused(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			d, err := db.Open(ctx, source)
			check(t, err)
			newer := len(db.Migrations) + 1
			if b == db.SQLite {
				_, err = d.SQL().ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", newer))
			} else {
				_, err = d.SQL().ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, '')", newer)
			}
			check(t, err)
			check(t, d.Close())
			_, err = db.Open(ctx, source)
			want := fmt.Sprintf("db: schema version %d is newer than this program (%d): a newer release upgraded this database; "+
				"run that release or a newer one, or restore the backup taken before the upgrade (README: Upgrading)", newer, len(db.Migrations))
			if err == nil || err.Error() != want {
				t.Fatalf("open: got %v, want %q", err, want)
			}
		})
	}
}

// Both backends end with the same tables, columns and indexes.
func TestSameSchemaOnBothBackends(t *testing.T) {
	sqlite := dbtest.OpenOn(t, db.SQLite)
	postgres := dbtest.OpenOn(t, db.PostgreSQL)
	list := func(d *db.DB, query string) []string {
		t.Helper()
		rows, err := d.SQL().QueryContext(ctx, query)
		check(t, err)
		defer rows.Close()
		var out []string
		for rows.Next() {
			var a, b string
			check(t, rows.Scan(&a, &b))
			out = append(out, a+"."+b)
		}
		check(t, rows.Err())
		slices.Sort(out)
		return out
	}
	columns := list(sqlite, `SELECT m.name, c.name FROM sqlite_schema m, pragma_table_info(m.name) c WHERE m.type = 'table'`)
	eq(t, list(postgres, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = 'public' AND table_name != 'schema_migrations'`), columns, "tables and columns")
	// Text compares byte by byte on both, whatever the database's locale,
	// and emails ignore case on both.
	eq(t, list(postgres, `SELECT table_name || '.' || column_name, COALESCE(collation_name, udt_name) FROM information_schema.columns
		WHERE table_schema = 'public' AND table_name != 'schema_migrations'
		AND (data_type = 'USER-DEFINED' OR data_type = 'text' AND collation_name IS DISTINCT FROM 'C')`),
		[]string{"buyers.email.citext", "staff.email.citext"}, "text columns not in the C collation")
	indexes := list(sqlite, `SELECT tbl_name, name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'`)
	var pgIndexes []string
	for _, ix := range list(postgres, `SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public'`) {
		if !strings.HasSuffix(ix, "_pkey") && !strings.HasSuffix(ix, "_key") {
			pgIndexes = append(pgIndexes, ix)
		}
	}
	eq(t, pgIndexes, indexes, "indexes (besides those of primary keys and UNIQUE columns)")
}

// Migration 5 gives the final attempts and refunds of an earlier release
// their source (OURS where we decided the status without Antom's word)
// and stops checking final attempts, on both backends.
func TestMigration5MarksFinalSources(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 4)
			check(t, err)
			eq(t, schemaVersion(t, old), 4, "schema version of the earlier release")
			raw := old.Raw()
			exec := func(query string, args ...any) {
				t.Helper()
				_, err := raw.ExecContext(ctx, query, args...)
				check(t, err)
			}
			attempt := func(ref, status, code string) int64 {
				t.Helper()
				o := newOrder(t, old, ref, 0, "USD", 100)
				a := newAttempt(t, old, o, "PR-"+ref)
				if status != db.AttemptProcessing {
					exec(`UPDATE payment_attempts SET status = ?, result_code = ? WHERE id = ?`, status, code, a.ID)
				}
				return a.ID
			}
			open := attempt("ORD-OPEN", db.AttemptProcessing, "")
			paid := attempt("ORD-PAID", db.AttemptSuccess, "SUCCESS")
			failed := attempt("ORD-FAIL", db.AttemptFail, "USER_BALANCE_NOT_ENOUGH")
			notFound := attempt("ORD-NOTFOUND", db.AttemptFail, "ORDER_NOT_EXIST")
			noPage := attempt("ORD-NOPAGE", db.AttemptFail, "NO_PAYMENT_PAGE")
			refund := func(reqID, status, code, refundID string) {
				t.Helper()
				exec(`INSERT INTO refunds (order_id, attempt_id, refund_request_id, refund_id, currency, amount, status,
					result_code, created_at, updated_at) SELECT order_id, id, ?, ?, 'USD', 10, ?, ?, ?, ? FROM payment_attempts WHERE id = ?`,
					reqID, refundID, status, code, t0, t0, paid)
			}
			refund("RF-OPEN", db.RefundProcessing, "", "")
			refund("RF-OK", db.RefundSuccess, "SUCCESS", "REFUND-OK")
			refund("RF-OURS", db.RefundFail, "ORDER_NOT_EXIST", "")
			refund("RF-ANTOM", db.RefundFail, "ORDER_NOT_EXIST", "REFUND-X")
			check(t, old.Close())

			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			eq(t, schemaVersion(t, d), len(db.Migrations), "schema version")
			for _, want := range []struct {
				id     int64
				source string
				next   time.Time
			}{
				{open, "", t0.Add(5 * time.Second)},
				{paid, db.SourceAntom, time.Time{}},
				{failed, db.SourceAntom, time.Time{}},
				{notFound, db.SourceOurs, time.Time{}},
				{noPage, db.SourceOurs, time.Time{}},
			} {
				a, err := d.AttemptByID(ctx, want.id)
				check(t, err)
				eq(t, []any{a.FinalSource, a.NextCheckAt, a.CancelStatus, a.Surplus}, []any{want.source, want.next, "", false},
					"attempt "+a.PaymentRequestID+": source, next check, cancel, surplus")
			}
			for reqID, source := range map[string]string{"RF-OPEN": "", "RF-OK": db.SourceAntom, "RF-OURS": db.SourceOurs, "RF-ANTOM": db.SourceAntom} {
				r, err := d.RefundByRequestID(ctx, reqID)
				check(t, err)
				eq(t, [2]any{r.FinalSource, r.Automatic}, [2]any{source, false}, "refund "+reqID+": source, automatic")
			}
		})
	}
}

// Migration 18 gives the replays finished before it their row as the
// inbox found it then (the newest whose detail begins "replay of #<id>
// by "), on both backends; a replay still running has none.
func TestMigration18FindsEarlierReplayRows(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 17)
			check(t, err)
			// Inbox rows in the earlier release's columns.
			row := func(detail string) int64 {
				t.Helper()
				var id int64
				check(t, old.Raw().QueryRowContext(ctx, `INSERT INTO notifications (received_at, kind, request_time, body_sealed,
					body_redacted, verdict, detail, subject) VALUES ('2026-01-02T03:04:05.000000000Z', 'PAYMENT_RESULT', '', NULL, '',
					'applied', ?, '') RETURNING id`, detail).Scan(&id))
				return id
			}
			first, second := row(""), row("")
			replay := row(fmt.Sprintf("replay of #%d by ann; already paid", first))
			row(fmt.Sprintf("replay of #%d0 by ann", first)) // another notification's replay
			// The earlier release's replays, in its own columns.
			for _, r := range [][]any{{first, "A", "ann", "2026-01-02T03:04:05.000000000Z", "duplicate"}, {second, "B", "bob", "", ""}} {
				_, err := old.Raw().ExecContext(ctx, `INSERT INTO notification_replays (notification_id, holder, actor, started_at, finished_at, verdict)
					VALUES (?, ?, ?, '2026-01-02T03:04:05.000000000Z', ?, ?)`, r...)
				check(t, err)
			}
			check(t, old.Close())

			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			got, err := d.ReplaysOf(ctx, []int64{first, second})
			check(t, err)
			eq(t, [2]int64{got[first].ReplayID, got[second].ReplayID}, [2]int64{replay, 0}, "replay rows after migration 18")
		})
	}
}

// Migration 26 gives the refunds failed before it a fail_mark of their
// own id (a refund made after one made it good, the rule until then) and
// the others none, on both backends.
func TestMigration26MarksFailuresByTheirID(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 25)
			check(t, err)
			o, a := paidAttempt(t, old, "ORD-MARK", "USD", 1000, t0)
			refund := func(reqID, status string, amount int64) {
				t.Helper()
				_, err := old.Raw().ExecContext(ctx, `INSERT INTO refunds (order_id, attempt_id, refund_request_id, currency, amount,
					status, created_at, updated_at) VALUES (?, ?, ?, 'USD', ?, ?, ?, ?)`, o.ID, a.ID, reqID, amount, status, t0, t0)
				check(t, err)
			}
			refund("RF-F1", db.RefundFail, 300)
			refund("RF-OK", db.RefundSuccess, 300)
			refund("RF-F2", db.RefundFail, 200)
			refund("RF-P", db.RefundProcessing, 100)
			check(t, old.Close())

			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			marks := map[string]int64{}
			for _, reqID := range []string{"RF-F1", "RF-OK", "RF-F2", "RF-P"} {
				r, err := d.RefundByRequestID(ctx, reqID)
				check(t, err)
				var mark int64
				check(t, d.Raw().QueryRowContext(ctx, `SELECT fail_mark FROM refunds WHERE id = ?`, r.ID).Scan(&mark))
				if mark != 0 {
					mark -= r.ID - 1 // 1: its own id
				}
				marks[reqID] = mark
			}
			eq(t, marks, map[string]int64{"RF-F1": 1, "RF-OK": 0, "RF-F2": 1, "RF-P": 0}, "fail marks (1: the refund's own id)")
			f2, err := d.RefundByRequestID(ctx, "RF-F2")
			check(t, err)
			open, err := d.OpenRefundFailures(ctx, o.ID)
			check(t, err)
			eq(t, open, map[int64]int64{f2.ID: 100}, "the first failure made good by the refund after it, the second by $1 of its $2")
		})
	}
}

// Migration 31 records who removes a card from then on; a card removed
// before it reads as removed by nobody known.
func TestMigration31CardsRemovedBefore(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 30)
			check(t, err)
			buyer := cardsBefore(t, old)
			check(t, old.Close())

			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			cards := removeTheKeptCard(t, d, buyer, t0)
			eq(t, [2]string{cards[0].RemovedBy, cards[1].RemovedBy}, [2]string{"buyer before@example.com", ""}, "who removed each")
		})
	}
}

// cardsBefore gives a new buyer, on a database not yet migrated, a card
// removed and one still kept, and returns the buyer's id.
func cardsBefore(t *testing.T, old *db.DB) int64 {
	t.Helper()
	buyer := newBuyer(t, old, "before@example.com")
	_, err := old.Raw().ExecContext(ctx, `INSERT INTO cards (buyer_id, token_hash, brand, last4, status, created_at, updated_at)
		VALUES (?, 'gone', 'VISA', '4242', 'REMOVED', ?, ?), (?, 'kept', 'VISA', '1881', 'ACTIVE', ?, ?)`,
		buyer, t0, t0, buyer, t0, t0)
	check(t, err)
	return buyer
}

// removeTheKeptCard has the buyer of cardsBefore remove the card still
// kept, at, and returns their cards: that one, then the one removed
// before.
func removeTheKeptCard(t *testing.T, d *db.DB, buyer int64, at time.Time) []db.Card {
	t.Helper()
	cards, err := d.BuyerCards(ctx, buyer, db.CardActive, db.CardRemoved)
	check(t, err)
	eq(t, len(cards), 2, "cards")
	changed, err := d.RemoveCard(ctx, cards[0].ID, "buyer before@example.com", at)
	ok(t, changed, err, true, "remove the active card")
	cards, err = d.BuyerCards(ctx, buyer, db.CardActive, db.CardRemoved)
	check(t, err)
	return cards
}

// Migration 32 counts a cancel's calls from then on: one under way before
// it reads as not counted (its sends are), until a new cancel starts from
// 0. A card removed before it has no known removal time; one removed
// after records it.
func TestMigration32CancelCallsAndCardRemovalTimes(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 31)
			check(t, err)
			_, sent := paidAttempt(t, old, "ORD-1", "USD", 1850, t0)
			_, asked := paidAttempt(t, old, "ORD-2", "USD", 1850, t0)
			_, err = old.Raw().ExecContext(ctx, `UPDATE payment_attempts SET cancel_status = 'PROCESSING',
				cancel_sends = CASE WHEN id = ? THEN 2 ELSE 0 END WHERE id IN (?, ?)`, sent.ID, sent.ID, asked.ID)
			check(t, err)
			buyer := cardsBefore(t, old)
			check(t, old.Close())

			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			tally := func(id int64) db.CancelTally {
				t.Helper()
				n, err := d.CancelTally(ctx, id)
				check(t, err)
				return n
			}
			eq(t, [2]db.CancelTally{tally(sent.ID), tally(asked.ID)}, [2]db.CancelTally{{Sends: 2, Calls: -1}, {}},
				"a cancel sent before: calls not counted; one not sent yet: none")
			changed, err := d.RetryCancelAt(ctx, sent.ID, 2, 1, t0.Add(time.Minute), t0)
			ok(t, changed, err, true, "count a resend")
			eq(t, tally(sent.ID), db.CancelTally{Sends: 3, Calls: -1}, "still not counted")
			changed, err = d.SetCancelStatus(ctx, sent.ID, db.CancelFail, time.Time{}, t0)
			ok(t, changed, err, true, "cancel refused")
			changed, err = d.RequestCancel(ctx, sent.ID, "", t0)
			ok(t, changed, err, true, "a new cancel")
			eq(t, tally(sent.ID), db.CancelTally{}, "a new cancel counts from 0")

			removedAt := t0.Add(time.Hour)
			cards := removeTheKeptCard(t, d, buyer, removedAt)
			eq(t, [2]time.Time{cards[0].RemovedAt, cards[1].RemovedAt}, [2]time.Time{removedAt, {}}, "removal times: now, and not known")
		})
	}
}

// Migration 37 keeps every staff account as it was, ids and all, frees a
// removed account's email for a new account (a new id, past every
// earlier one, so no session of an earlier account names it) and keeps
// an active account's email its own, without case, on both backends.
func TestMigration37FreesRemovedStaffEmails(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 36)
			check(t, err)
			admin, err := old.InsertStaff(ctx, db.Staff{Email: "admin@shop.example", PasswordHash: []byte("a"), CreatedAt: t0})
			check(t, err)
			gone, err := old.InsertStaff(ctx, db.Staff{Email: "gone@shop.example", PasswordHash: []byte("g"), AddedBy: "admin@shop.example", CreatedAt: t0})
			check(t, err)
			removed, err := old.RemoveStaff(ctx, gone, "admin@shop.example", t0.Add(time.Hour))
			ok(t, removed, err, true, "remove before the migration")
			_, err = old.InsertStaff(ctx, db.Staff{Email: "GONE@shop.example", PasswordHash: []byte("x"), CreatedAt: t0})
			is(t, err, db.ErrDuplicate, "a removed account's email before the migration")
			check(t, old.Close())

			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			eq(t, schemaVersion(t, d), len(db.Migrations), "schema version (every migration)")
			before, err := d.StaffAccounts(ctx)
			check(t, err)
			eq(t, before, []db.StaffAccount{
				{ID: admin, Email: "admin@shop.example", CreatedAt: t0},
				{ID: gone, Email: "gone@shop.example", AddedBy: "admin@shop.example", CreatedAt: t0, RemovedAt: t0.Add(time.Hour), RemovedBy: "admin@shop.example"},
			}, "accounts kept")
			st, err := d.StaffByID(ctx, admin)
			check(t, err)
			eq(t, string(st.PasswordHash), "a", "password kept")
			_, err = d.InsertStaff(ctx, db.Staff{Email: "Admin@shop.example", PasswordHash: []byte("x"), CreatedAt: t0})
			is(t, err, db.ErrDuplicate, "an active account's email, in another case")
			again, err := d.InsertStaff(ctx, db.Staff{Email: "gone@shop.example", PasswordHash: []byte("n"), CreatedAt: t0.Add(2 * time.Hour)})
			check(t, err)
			if again <= gone || again <= admin {
				t.Fatalf("the account added again got id %d, not past the earlier ones (%d, %d)", again, admin, gone)
			}
		})
	}
}

// Migration 40 numbers the refunds failed before it in the order they
// were read in until then (fail_mark, then id) and the others 0, on both
// backends; a refund failing after it gets the next number.
func TestMigration40NumbersFailures(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 39)
			check(t, err)
			o, a := paidAttempt(t, old, "ORD-SEQ", "USD", 1000, t0)
			refund := func(reqID, status string, amount, mark int64) {
				t.Helper()
				_, err := old.Raw().ExecContext(ctx, `INSERT INTO refunds (order_id, attempt_id, refund_request_id, currency, amount,
					status, created_at, updated_at, fail_mark) VALUES (?, ?, ?, 'USD', ?, ?, ?, ?, ?)`, o.ID, a.ID, reqID, amount, status, t0, t0, mark)
				check(t, err)
			}
			first, err := old.InsertRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: "RF-PROBE", Currency: "USD",
				Amount: 100, Status: db.RefundSuccess, CreatedAt: t0})
			check(t, err)
			refund("RF-LATE", db.RefundFail, 100, first+3) // failed once RF-LAST was made
			refund("RF-EARLY", db.RefundFail, 100, first+2)
			refund("RF-OK", db.RefundSuccess, 100, 0)
			refund("RF-LAST", db.RefundFail, 100, first+4)
			check(t, old.Close())

			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			_, err = d.InsertRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: a.ID, RefundRequestID: "RF-NEW", Currency: "USD",
				Amount: 100, Status: db.RefundFail, CreatedAt: t0})
			check(t, err)
			seqs := map[string]int64{}
			for _, reqID := range []string{"RF-PROBE", "RF-LATE", "RF-EARLY", "RF-OK", "RF-LAST", "RF-NEW"} {
				r, err := d.RefundByRequestID(ctx, reqID)
				check(t, err)
				var seq int64
				check(t, d.Raw().QueryRowContext(ctx, `SELECT fail_seq FROM refunds WHERE id = ?`, r.ID).Scan(&seq))
				seqs[reqID] = seq
			}
			eq(t, seqs, map[string]int64{"RF-PROBE": 0, "RF-LATE": 2, "RF-EARLY": 1, "RF-OK": 0, "RF-LAST": 3, "RF-NEW": 4},
				"failures numbered by fail_mark then id; the next failure after them")
		})
	}
}
