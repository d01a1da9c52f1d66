package db

import (
	"context"
	"fmt"
	"time"
)

// Leases say which app instance works a piece of background work right
// now ("attempt:42" — asking Antom about a payment, cancelling it — and
// likewise "refund:7", "capture:3", "wallet:5"), so that however many
// instances run the reconciler, no two call Antom about the same thing
// at once. A lease is held until it is released or its time is up; an
// instance that dies holding one leaves the work to the others once it
// ends.

// ClaimLease gives holder the lease on work until until, if nobody holds
// it at now (never held, released, or run out). It reports whether
// holder got it. holder should be unique to this claim, so that a holder
// whose lease ran out cannot release its successor's.
func (q *Queries) ClaimLease(ctx context.Context, work, holder string, now, until time.Time) (bool, error) {
	return q.changed(ctx, "claim lease", claimLease, work, holder, formatTime(until), formatTime(now))
}

const claimLease = `INSERT INTO leases (work, holder, leased_until) VALUES (?, ?, ?)
		ON CONFLICT (work) DO UPDATE SET holder = excluded.holder, leased_until = excluded.leased_until
		WHERE leases.leased_until <= ?`

// ClaimNewLease is ClaimLease for work that the caller's transaction has
// just created, which nobody can hold yet: an error if somebody does. In
// a PostgreSQL transaction the claim goes with the transaction's next
// statement or its COMMIT (keepLater), guarded as SettleAttemptMovingOrder's
// writes kept for later are: should somebody hold the work after all,
// the transaction fails with ErrLaterWriteMissed and nothing of it is
// committed.
func (q *Queries) ClaimNewLease(ctx context.Context, work, holder string, now, until time.Time) error {
	args := []any{work, holder, formatTime(until), formatTime(now)}
	guarded := `WITH c AS (` + claimLease + ` RETURNING 1) SELECT 1 / (SELECT COUNT(*) FROM c)`
	if c, ok := q.q.(conn); ok && c.keepLater(statement{guarded, args}) {
		return nil
	}
	ok, err := q.changed(ctx, "claim lease", claimLease, args...)
	if err == nil && !ok {
		err = fmt.Errorf("db: claim lease: new work %s is leased already", work)
	}
	return err
}

// ReleaseLease ends holder's lease on work; nothing happens if holder no
// longer holds it. In a PostgreSQL transaction the DELETE goes with the
// transaction's next statement or its COMMIT (keepLater): it ends the
// lease as the transaction commits, one round trip fewer.
func (q *Queries) ReleaseLease(ctx context.Context, work, holder string) error {
	const release = `DELETE FROM leases WHERE work = ? AND holder = ?`
	if c, ok := q.q.(conn); ok && c.keepLater(statement{release, []any{work, holder}}) {
		return nil
	}
	if _, err := q.q.ExecContext(ctx, release, work, holder); err != nil {
		return fmt.Errorf("db: release lease: %w", err)
	}
	return nil
}

// LeaseHolder returns who holds the lease on work and until when; "" if
// nobody has claimed it or it was released.
func (q *Queries) LeaseHolder(ctx context.Context, work string) (string, time.Time, error) {
	type held struct {
		holder string
		until  time.Time
	}
	h, err := queryOne(ctx, q.q, "lease holder", func(row scanner) (held, error) {
		var h held
		var until string
		err := row.Scan(&h.holder, &until)
		h.until = parseTime(until)
		return h, err
	}, `SELECT holder, leased_until FROM leases WHERE work = ?`, work)
	if err == ErrNotFound {
		return "", time.Time{}, nil
	}
	return h.holder, h.until, err
}
