package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// commitHeldKey is the advisory lock the test's deferred trigger waits
// for at COMMIT: none of the app's own (pgtx.go takes one of its own).
const commitHeldKey = 7_070_707

// A transaction's caller learns what PostgreSQL did with its COMMIT,
// whatever becomes of the context meanwhile (a buyer's request that
// haproxy ends the moment its page is closed): Tx says nil exactly when
// the rows are stored. Cut off mid-COMMIT — pgx closes the connection on
// a cancelled context — Tx said it failed while PostgreSQL went on and
// committed: a payment attempt stored that its caller believed never was.
func TestCommitOutcomeIsKnownWhenItsContextEnds(t *testing.T) {
	url := dbtest.PostgresURL(t)
	d, err := db.Open(ctx, url)
	check(t, err)
	t.Cleanup(func() { d.Close() })
	raw, err := sql.Open("pgx", url)
	check(t, err)
	t.Cleanup(func() { raw.Close() })
	_, err = raw.ExecContext(ctx, fmt.Sprintf(`CREATE TABLE held_commit (id INTEGER PRIMARY KEY);
		CREATE FUNCTION held_commit_wait() RETURNS trigger LANGUAGE plpgsql AS
			$$ BEGIN PERFORM pg_advisory_xact_lock(%d); RETURN NULL; END $$;
		CREATE CONSTRAINT TRIGGER held_commit_at_commit AFTER INSERT ON held_commit
			DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION held_commit_wait();`, commitHeldKey))
	check(t, err)
	holder, err := raw.Conn(ctx) // holds the lock the COMMIT's trigger waits for
	check(t, err)
	defer holder.Close()
	_, err = holder.ExecContext(ctx, "SELECT pg_advisory_lock($1)", commitHeldKey)
	check(t, err)

	txCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- d.Tx(txCtx, func(q *db.Queries) error {
			_, err := q.Q().ExecContext(txCtx, "INSERT INTO held_commit (id) VALUES (1)")
			return err
		})
	}()
	// Once the COMMIT waits in its trigger, the context ends; the lock is
	// let go when Tx has answered, or after a second (Tx, waiting on the
	// COMMIT as it must, would never answer before).
	waitForCommitHeld(t, raw)
	cancel()
	var txErr error
	answered := false
	select {
	case txErr = <-done:
		answered = true
	case <-time.After(time.Second):
	}
	_, err = holder.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", commitHeldKey)
	check(t, err)
	if !answered {
		txErr = <-done
	}
	var stored int
	// The COMMIT may still be finishing in PostgreSQL after a cut-off Tx
	// answered: wait for its backend to be done with the lock.
	waitForNoCommitHeld(t, raw)
	check(t, raw.QueryRowContext(ctx, "SELECT count(*) FROM held_commit").Scan(&stored))
	if (txErr == nil) != (stored == 1) {
		t.Fatalf("Tx answered %v, but PostgreSQL stored %d rows: the caller was told the opposite of what happened", txErr, stored)
	}
	eq(t, stored, 1, "rows stored by the transaction whose context ended at COMMIT")
}

// waitForCommitHeld waits until a backend of this database waits for
// commitHeldKey (the COMMIT's trigger).
func waitForCommitHeld(t *testing.T, raw *sql.DB) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if commitsHeld(t, raw) > 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the COMMIT never reached its trigger's lock")
}

// waitForNoCommitHeld waits until no backend of this database waits for
// or holds the trigger's lock in a transaction.
func waitForNoCommitHeld(t *testing.T, raw *sql.DB) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		var n int
		check(t, raw.QueryRowContext(ctx, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1`, commitHeldKey).Scan(&n))
		if n == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("the trigger's lock is still held or awaited")
}

func commitsHeld(t *testing.T, raw *sql.DB) int {
	var n int
	check(t, raw.QueryRowContext(ctx, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, commitHeldKey).Scan(&n))
	return n
}
