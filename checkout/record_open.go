package checkout

import (
	"context"
	"time"

	"antom-checkout/db"
)

// lineWait bounds the writes that say what an Antom call left open
// (recordWhileOpen): they run even after the call's context ended — its
// request cut off at the shutdown deadline (handlers.ErrShutdownDeadline)
// or left by its client — since what they say is still true and the
// reconciler acts on it, but within lineWait, well inside the time the
// app gives handlers it cut off to return (app's cutOffGrace).
const lineWait = time.Second

// lineContext is ctx for those writes: its values (request id, actor),
// not its end, and lineWait at most.
func lineContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), lineWait)
}

// recordWhileOpen puts detail on subject's timeline only if open, read
// through the same transaction, reports that the row the line is about
// is still not final; it reports whether it did. It is for the lines
// written after an Antom call whose outcome we did not learn ("outcome
// unknown", "not confirmed", "still processing", "will try again"):
// while the call ran, its notification (or another worker) may have
// settled the row, and such a line would then say something untrue — an
// outcome unknown that is known, a follow-up that will not happen. The
// check and the line share one DB.Tx, and every settlement writes its
// row in a DB.Tx too; DB.Tx runs one at a time (SQLite's BEGIN
// IMMEDIATE, PostgreSQL's advisory lock), so no settlement falls between
// them: the line, when written, was true, and a settlement after it
// comes after it on the timeline. A row already final gets no line: the
// call's own line ("no answer: …") and the settlement's say what
// happened. open may also make the write that keeps the row open (a new
// check time), through q and the ctx it is given, so that it and its
// line go together. Both run under lineContext: a call cut off with its
// request at the shutdown deadline (or left by its client) still gets
// its line. Errors are logged; the line is then left out.
func (s *Service) recordWhileOpen(ctx context.Context, subject, kind, detail string, open func(ctx context.Context, q *db.Queries) (bool, error)) bool {
	ctx, cancel := lineContext(ctx)
	defer cancel()
	recorded := false
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		ok, err := open(ctx, q)
		if err != nil || !ok {
			return err
		}
		s.record(ctx, q, subject, kind, detail)
		recorded = true
		return nil
	})
	if err != nil {
		s.log.Error("timeline", "subject", subject, "err", err)
		return false
	}
	return recorded
}

// refundOpen reports whether refund id is still PROCESSING.
func refundOpen(id int64) func(ctx context.Context, q *db.Queries) (bool, error) {
	return func(ctx context.Context, q *db.Queries) (bool, error) {
		r, err := q.RefundByID(ctx, id)
		return err == nil && r.Status == db.RefundProcessing, err
	}
}

// attemptOpen reports whether payment attempt id is still PROCESSING.
func attemptOpen(id int64) func(ctx context.Context, q *db.Queries) (bool, error) {
	return func(ctx context.Context, q *db.Queries) (bool, error) {
		a, err := q.AttemptByID(ctx, id)
		return err == nil && a.Status == db.AttemptProcessing, err
	}
}

// cancelOpen reports whether attempt id's cancel is still PROCESSING
// and not held for a paymentId conflict (db.CancelHeldNow): one to send.
func cancelOpen(id int64) func(ctx context.Context, q *db.Queries) (bool, error) {
	return func(ctx context.Context, q *db.Queries) (bool, error) {
		a, err := q.AttemptByID(ctx, id)
		if err != nil || a.CancelStatus != db.CancelProcessing {
			return false, err
		}
		held, err := q.CancelHeldNow(ctx, id) // held meanwhile: not sent again
		return err == nil && !held, err
	}
}

// linkOpen reports whether link attempt id is still in status (PENDING
// while consult runs, AUTHORIZED while applyToken does).
func linkOpen(id int64, status string) func(ctx context.Context, q *db.Queries) (bool, error) {
	return func(ctx context.Context, q *db.Queries) (bool, error) {
		l, err := q.LinkAttemptByID(ctx, id)
		return err == nil && l.Status == status, err
	}
}

// captureOpen reports whether the capture with captureRequestId reqID is
// still PROCESSING.
func captureOpen(reqID string) func(ctx context.Context, q *db.Queries) (bool, error) {
	return func(ctx context.Context, q *db.Queries) (bool, error) {
		c, err := q.CaptureByRequestID(ctx, reqID)
		return err == nil && c.Status == db.CaptureProcessing, err
	}
}
