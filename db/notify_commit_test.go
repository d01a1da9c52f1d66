package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// NotifyAtCommit's lines reach a listener when their transaction
// commits, as one notification per channel and header (each line once,
// split where PostgreSQL's 8000-byte payload would overflow); a
// transaction rolled back, or a savepoint that failed, sends none of its
// lines. On SQLite there is nobody to tell and the transaction commits
// as it would without them.
func TestNotifyAtCommit(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		if !d.CanNotify() {
			check(t, d.Tx(ctx, func(q *db.Queries) error {
				q.NotifyAtCommit("wake", "origin", "order:ORD-1")
				return q.InsertEvent(ctx, db.Event{At: t0, Subject: "order:ORD-1", Kind: "note", Detail: "kept"})
			}))
			evs, err := d.Events(ctx, "order:ORD-1")
			check(t, err)
			eq(t, len(evs), 1, "events committed on SQLite")
			return
		}
		got := listen(t, d, "wake")
		next := func() string {
			t.Helper()
			select {
			case p := <-got:
				return p
			case <-time.After(10 * time.Second):
				t.Fatal("no notification")
				return ""
			}
		}

		check(t, d.Tx(ctx, func(q *db.Queries) error {
			q.NotifyAtCommit("wake", "A", "order:1")
			q.NotifyAtCommit("wake", "A", "order:2")
			q.NotifyAtCommit("wake", "A", "order:1")
			failed, err := q.Savepoint(ctx, func(q *db.Queries) error {
				q.NotifyAtCommit("wake", "A", "order:dropped")
				return errors.New("this piece fails")
			})
			if err != nil || failed == nil {
				t.Errorf("savepoint: %v, %v", failed, err)
			}
			q.NotifyAtCommit("other", "A", "not for us")
			return nil
		}))
		eq(t, next(), "A\norder:1\norder:2", "payload of the committed transaction")

		err := d.Tx(ctx, func(q *db.Queries) error {
			q.NotifyAtCommit("wake", "A", "order:rolled-back")
			return errors.New("rolled back")
		})
		if err == nil {
			t.Fatal("the failing transaction committed")
		}
		// Lines longer in all than one payload holds: two notifications.
		line := strings.Repeat("x", 1000)
		var want []string
		check(t, d.Tx(ctx, func(q *db.Queries) error {
			for i := range 10 {
				l := string(rune('a'+i)) + line
				q.NotifyAtCommit("wake", "B", l)
				want = append(want, l)
			}
			return nil
		}))
		first, second := next(), next() // the rolled-back one would come first
		if !strings.HasPrefix(first, "B\n") || !strings.HasPrefix(second, "B\n") || len(first) >= 8000 {
			t.Fatalf("payloads of %d and %d bytes, want each under 8000 and beginning with the header", len(first), len(second))
		}
		eq(t, strings.TrimPrefix(first, "B\n")+"\n"+strings.TrimPrefix(second, "B\n"), strings.Join(want, "\n"), "lines of the two payloads")
		select {
		case p := <-got:
			t.Errorf("one more notification: %.40q", p)
		default:
		}
	})
}

// listen listens on channel until the test ends, once listening has
// started, and returns what arrives.
func listen(t *testing.T, d *db.DB, channel string) <-chan string {
	t.Helper()
	lctx, cancel := context.WithCancel(ctx)
	got := make(chan string, 10)
	listening := make(chan struct{}, 10)
	done := make(chan error, 1)
	go func() {
		done <- d.Listen(lctx, channel, db.Listener{
			OnNotify: func(p string) { got <- p },
			OnListen: func() { listening <- struct{}{} },
		})
	}()
	t.Cleanup(func() {
		cancel()
		check(t, <-done)
	})
	select {
	case <-listening:
	case <-time.After(10 * time.Second):
		t.Fatal("never started listening")
	}
	return got
}

// NotifyAtCommit says whether it kept the line: not outside a
// transaction, not on SQLite, not a line with a newline.
func TestNotifyAtCommitKept(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		eq(t, d.NotifyAtCommit("wake", "A", "order:1"), false, "kept outside a transaction")
		check(t, d.Tx(ctx, func(q *db.Queries) error {
			eq(t, q.NotifyAtCommit("wake", "A", "order:1"), d.CanNotify(), "kept in a transaction")
			eq(t, q.NotifyAtCommit("wake", "A", "order:1\norder:2"), false, "kept with a newline")
			return nil
		}))
	})
}
