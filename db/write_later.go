package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
)

// Writes sent later. In a PostgreSQL transaction that has read its
// attempts and orders with PrefetchAttempts, settling an attempt and
// moving its order (SettleAttemptMovingOrder) does not wait for its own
// round trip when what was read foretells its outcome — the attempt and
// the order still as read, in the states the write expects: the write is
// kept (txState.later) and goes with the transaction's next statement
// (sent first, on the same connection: nothing reads around it) or with
// its COMMIT. It carries its guard: should the rows no longer be as
// foretold when it runs (a write outside any transaction changed them
// meanwhile), it fails, and with it the transaction: every statement
// after fails with ErrLaterWriteMissed, nothing of it is committed, and
// DB.Tx returns that error, after which the work may run again
// WithoutLaterWrites.
//
// Writes whose outcome nobody reads are kept the same way (keepLater):
// a lease released in a transaction, and one claimed on work it has just
// created — that one guarded too: should somebody hold the work after
// all, it fails with ErrLaterWriteMissed.

// ErrLaterWriteMissed means a write kept for later (see above) found its
// rows no longer as foretold: the transaction was rolled back.
var ErrLaterWriteMissed = errors.New("db: a write sent later found its rows not as foretold; the transaction was rolled back")

// laterMissed is the SQLSTATE a write sent later fails with when its
// rows are not as foretold (its guard divides by the rows it changed:
// division_by_zero).
const laterMissed = "22012"

// ErrLaterWriteFailed means a transaction that kept writes for later
// failed otherwise (a deadlock, a timeout, a lost connection, anything
// its later writes or the statements after them met): as with
// ErrLaterWriteMissed nothing of it was committed — but for a COMMIT
// whose answer was lost, whose outcome is unknown: work run again then
// relies on its writes' guards (a settlement's "from" states). A batch whose
// settlements were kept for later fails as one, where each settlement
// sent when made fails in its own savepoint: run it again
// WithoutLaterWrites, so that a fault of one job fails that job only.
var ErrLaterWriteFailed = errors.New("db: a transaction that kept writes for later failed; nothing of it was committed, unless its COMMIT's answer was lost")

// RunAgainWithoutLaterWrites says whether err, of a DB.Tx or
// DB.TxForSavepoints, is one to run its work again WithoutLaterWrites:
// ErrLaterWriteMissed or ErrLaterWriteFailed.
func RunAgainWithoutLaterWrites(err error) bool {
	return errors.Is(err, ErrLaterWriteMissed) || errors.Is(err, ErrLaterWriteFailed)
}

// laterFailed is err, the error of a transaction that ended without
// committing, marked ErrLaterWriteFailed if it kept writes for later
// (and not already ErrLaterWriteMissed).
func (t *txState) laterFailed(err error) error {
	if err == nil || !t.keptLater || errors.Is(err, ErrLaterWriteMissed) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrLaterWriteFailed, err)
}

type noLaterKey struct{}

// WithoutLaterWrites returns ctx for a DB.Tx or DB.TxForSavepoints whose
// every write is sent when made (see above): to run again the work of a
// transaction that failed with ErrLaterWriteMissed.
func WithoutLaterWrites(ctx context.Context) context.Context {
	return context.WithValue(ctx, noLaterKey{}, true)
}

// laterAllowed says whether ctx lets a transaction keep writes for later.
func laterAllowed(ctx context.Context) bool {
	return ctx.Value(noLaterKey{}) == nil
}

// foretold says whether the transaction knows, from what
// PrefetchAttempts read and nothing has changed since, that attempt id
// is in fromStatus and fromSource, with no paymentId other than
// paymentID ("" : any) on record, and its order (move.ID) in move.From.
func (t *txState) foretold(id int64, fromStatus, fromSource, paymentID string, move *OrderMove) bool {
	if t == nil || t.noLater || move == nil {
		return false
	}
	o, ok := t.orders[move.ID]
	if !ok || o.Status != move.From {
		return false
	}
	for _, a := range t.ofOrder[move.ID] {
		if a.ID != id {
			continue
		}
		now, ok := t.byRequest[a.PaymentRequestID]
		return ok && now.ID == id && !t.stale[id] && now.Status == fromStatus && now.FinalSource == fromSource &&
			(paymentID == "" || now.PaymentID == "" || now.PaymentID == paymentID)
	}
	return false
}

// settleLater keeps SettleAttemptMovingOrder's two UPDATEs as one
// statement for later (see above), after the SAVEPOINTs not yet set that
// it runs in (set now, in the same order): the statement divides by the
// rows both changed, so it fails unless each changed its one row.
func (c conn) settleLater(settle, order statement) {
	c.keep(statement{`WITH s AS (` + settle.query + ` RETURNING 1), m AS (` + order.query + ` RETURNING 1)
		SELECT 1 / ((SELECT COUNT(*) FROM s) * (SELECT COUNT(*) FROM m))`, append(append([]any{}, settle.args...), order.args...)})
}

// keepLater keeps st, a write whose outcome its caller does not read and
// that changes nothing PrefetchAttempts reads, for later (see above): it
// goes with the transaction's next statement or its COMMIT, and fails the
// transaction as any statement would — with ErrLaterWriteMissed if it
// carries a guard (division by zero) that fails. It reports false,
// keeping nothing, outside a PostgreSQL transaction (or one that keeps
// nothing for later: WithoutLaterWrites): the caller then sends st
// itself.
func (c conn) keepLater(st statement) bool {
	t := c.tx
	if t == nil || t.noLater || t.snapshot || c.d.backend != PostgreSQL {
		return false
	}
	c.keep(st)
	return true
}

// keep keeps st for later in c's PostgreSQL transaction (settleLater,
// keepLater), after the SAVEPOINTs not yet set that it runs in (set now,
// in the same order), as a write that changes nothing PrefetchAttempts
// still holds (declared: its caller has forgotten what it changes).
func (c conn) keep(st statement) {
	c.sp.ensureLater(c.tx)
	c.tx.wrote(st.query, true)
	c.tx.later = append(c.tx.later, st)
	c.tx.keptLater = true
}

// ensureLater sets s (and the savepoints it runs in) if not yet set, as
// writes kept for later are sent: before them, in their round trip.
func (s *savepoint) ensureLater(t *txState) {
	if s == nil || s.set {
		return
	}
	s.outer.ensureLater(t)
	t.later = append(t.later, statement{query: "SAVEPOINT work"})
	s.set = true
}

// sendLater sends the writes kept for later on c's transaction, in one
// round trip, before c runs anything else.
func (c conn) sendLater(ctx context.Context) error {
	t := c.tx
	if t == nil {
		return nil
	}
	if t.laterErr != nil {
		return t.laterErr
	}
	if len(t.later) == 0 {
		return nil
	}
	raw, ok := c.raw.(*sql.Conn)
	if !ok {
		return errors.New("db: writes kept for later outside a PostgreSQL transaction")
	}
	// Kept before the transaction's first statement (keepLater): they go
	// after the statements that begin it, in the same round trip, never
	// outside it.
	steps := t.beginSteps()
	begin := len(steps)
	steps = append(steps, laterSteps(c.d, t.later)...)
	t.later = nil
	answers, err := pgPipeline(ctx, raw, steps, pgInTx)
	if err := t.begun(answers[:begin]); err != nil {
		return err
	}
	return t.laterSent(answers[begin:], err)
}

// laterSent takes PostgreSQL's answers to the writes kept for later that
// a pipeline sent, and err, the pipeline's first error if it was theirs
// or the connection's: if they failed, every statement after fails with
// that (laterErr), which it returns — ErrLaterWriteMissed if a guard
// failed.
func (t *txState) laterSent(answers []pgAnswer, err error) error {
	if err = laterError(answers, err); err != nil && !errors.Is(err, ErrLaterWriteMissed) {
		err = fmt.Errorf("db: writes kept for later: %w", err)
	}
	t.laterErr = err
	return err
}

// laterSteps are the pipeline steps of writes kept for later.
func laterSteps(d *dialect, later []statement) []pgStep {
	steps := make([]pgStep, len(later))
	for i, st := range later {
		steps[i] = pgStep{query: d.query(st.query), args: args(st.args)}
	}
	return steps
}

// laterError is err, the error of a pipeline that may hold writes kept
// for later (answers), or ErrLaterWriteMissed if one of them found its
// rows changed.
func laterError(answers []pgAnswer, err error) error {
	if err == nil {
		return nil
	}
	for _, a := range answers {
		var pgErr *pgconn.PgError
		if errors.As(a.err, &pgErr) && pgErr.Code == laterMissed {
			return fmt.Errorf("%w: %v", ErrLaterWriteMissed, a.err)
		}
	}
	return err
}
