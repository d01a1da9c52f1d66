package db_test

import (
	"database/sql"
	"errors"
	"net/url"
	"path"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

func TestOpenChoosesTheBackend(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		eq(t, d.Backend(), db.Backend(path.Base(t.Name())), "backend (the subtest's name)")
		check(t, d.Ping(ctx))
	})
	for source, want := range map[string]bool{
		"postgres://u:p@db.example:5432/checkout": true,
		"postgresql:///checkout?host=/run/pg":     true,
		"data/checkout.db":                        false,
		"/var/lib/postgres/checkout.db":           false,
	} {
		eq(t, db.IsPostgresURL(source), want, "IsPostgresURL("+source+")")
	}
}

func TestCheckPostgresURL(t *testing.T) {
	check(t, db.CheckPostgresURL("postgres://checkout:secret@db.example:5432/checkout?sslmode=require"))
	check(t, db.CheckPostgresURL("postgresql:///checkout?host=/run/postgresql"))
	for _, bad := range []string{"mysql://db.example/checkout", "postgres://checkout:secret@db.example:port/checkout"} {
		err := db.CheckPostgresURL(bad)
		if err == nil {
			t.Errorf("%s: accepted", bad)
			continue
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: the error repeats the password: %v", bad, err)
		}
	}
}

func TestTx(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		check(t, d.Tx(ctx, func(q *db.Queries) error {
			return q.InsertEvent(ctx, db.Event{At: t0, Subject: "s", Kind: "k", Detail: "committed"})
		}))
		boom := errors.New("boom")
		err := d.Tx(ctx, func(q *db.Queries) error {
			check(t, q.InsertEvent(ctx, db.Event{At: t0, Subject: "s", Kind: "k", Detail: "rolled back"}))
			return boom
		})
		is(t, err, boom, "Tx returns fn's error")
		events, err := d.Events(ctx, "s")
		check(t, err)
		eq(t, len(events), 1, "events after a commit and a rollback")
		eq(t, events[0].Detail, "committed", "the committed one")
	})
}

// A transaction that starts while another runs waits for it, and then
// sees what it wrote: the check-then-write transactions in checkout rely
// on it (no two refunds can both see the same amount left), on
// PostgreSQL as on SQLite. (On PostgreSQL a transaction takes the lock
// with its first statement, here a read: one that has sent nothing yet
// holds nothing, as if it had not begun.)
func TestTxRunOneAtATime(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		inFirst, releaseFirst := make(chan struct{}), make(chan struct{})
		firstDone := make(chan error, 1)
		go func() {
			firstDone <- d.Tx(ctx, func(q *db.Queries) error {
				if _, err := q.Events(ctx, "s"); err != nil {
					return err
				}
				if err := q.InsertEvent(ctx, db.Event{At: t0, Subject: "s", Kind: "k", Detail: "first"}); err != nil {
					return err
				}
				close(inFirst)
				<-releaseFirst
				return nil
			})
		}()
		<-inFirst
		seen := make(chan int, 1)
		secondDone := make(chan error, 1)
		go func() {
			secondDone <- d.Tx(ctx, func(q *db.Queries) error {
				events, err := q.Events(ctx, "s")
				seen <- len(events)
				return err
			})
		}()
		waitFor(t, "the second transaction to wait for the first", func() bool {
			select {
			case n := <-seen:
				t.Fatalf("the second transaction ran while the first was open (saw %d events)", n)
			default:
			}
			return txWaiting(t, d)
		})
		close(releaseFirst)
		check(t, <-firstDone)
		check(t, <-secondDone)
		eq(t, <-seen, 1, "events the second transaction saw")
	})
}

// txWaiting says whether a transaction waits for another: on SQLite for
// the one connection, on PostgreSQL for the transactions' lock.
func txWaiting(t *testing.T, d *db.DB) bool {
	if d.Backend() == db.SQLite {
		return d.SQL().Stats().WaitCount > 0
	}
	var n int
	check(t, d.Raw().QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_locks
		WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(&n))
	return n > 0
}

// waitFor polls cond until it holds, failing the test after 10 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestRaw(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-1", 0, "USD", 100)
		_, err := d.Raw().ExecContext(ctx, `UPDATE orders SET amount = ? WHERE ref = ? AND status != '?'`, 250, "ORD-1")
		check(t, err)
		var amount int64
		check(t, d.Raw().QueryRowContext(ctx, `SELECT amount FROM orders WHERE id = ?`, o.ID).Scan(&amount))
		eq(t, amount, int64(250), "amount written and read through Raw")
	})
}

// A start on PostgreSQL leaves its first two connections open and idle:
// the first things a started instance does come together (the
// reconciler's first pass, a load balancer's /healthz), and would
// otherwise wait ~15 ms for PostgreSQL to start a second connection.
func TestOpenPostgresConnectsTwoFirst(t *testing.T) {
	d, err := db.Open(ctx, dbtest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if open, idle := d.Conns(); open != 2 || idle != 2 {
		t.Fatalf("after Open: %d connections open, %d idle; want 2 and 2", open, idle)
	}
}

// A role PostgreSQL admits only one connection for still starts: the
// second connection is a head start, not a need.
func TestOpenPostgresWithOneConnectionLeft(t *testing.T) {
	raw := dbtest.PostgresURL(t)
	admin, err := sql.Open("pgx", raw)
	check(t, err)
	t.Cleanup(func() { admin.Close() })
	u, err := url.Parse(raw)
	check(t, err)
	role := "one_conn_" + path.Base(u.Path)
	for _, q := range []string{
		"CREATE ROLE " + role + " LOGIN PASSWORD 'pw' CONNECTION LIMIT 1",
		"GRANT CREATE ON DATABASE " + path.Base(u.Path) + " TO " + role, // citext, a trusted extension
		"GRANT CREATE ON SCHEMA public TO " + role,
	} {
		_, err := admin.ExecContext(ctx, q)
		check(t, err)
	}
	t.Cleanup(func() {
		for _, q := range []string{"DROP OWNED BY " + role, "DROP ROLE " + role} {
			if _, err := admin.ExecContext(ctx, q); err != nil {
				t.Error(err)
			}
		}
	})
	u.User = url.UserPassword(role, "pw")
	d, err := db.Open(ctx, u.String())
	if err != nil {
		t.Fatalf("Open with one connection allowed: %v", err)
	}
	defer d.Close()
	if open, _ := d.Conns(); open != 1 {
		t.Fatalf("%d connections open, want 1", open)
	}
}

// A server that cannot be reached stops the start with one line that
// keeps the password to itself and gives the reason once, though pgx
// tried twice (sslmode=prefer: TLS, then plain).
func TestOpenUnreachablePostgres(t *testing.T) {
	_, err := db.Open(ctx, "postgres://checkout:secretpw@127.0.0.1:1/checkout?connect_timeout=5&sslmode=prefer")
	if err == nil {
		t.Fatal("opened a database nobody serves")
	}
	var open *db.OpenError
	if msg := err.Error(); strings.Contains(msg, "\n") || strings.Contains(msg, "secretpw") || !strings.HasPrefix(msg, "db: open postgres: ") ||
		strings.Count(msg, "connection refused") != 1 || !errors.As(err, &open) || open.Backend != db.PostgreSQL {
		t.Fatalf("error %q: want one line, without the password, the reason once", msg)
	}
}
