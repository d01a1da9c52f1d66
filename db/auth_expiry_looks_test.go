package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// The look for an authorization's unknown authExpiryTime is due once it
// succeeded a while ago (succeededBy), then when the last look that
// learnt none set it; only an AUTHORIZED order's authorization whose
// expiry is not known is looked for, and a look is counted once.
func TestAuthExpiryLooks(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		unknown := authorizedUntil(t, d, "ORD-LOOK-UNKNOWN", time.Time{}) // succeeded at t0
		authorizedUntil(t, d, "ORD-LOOK-KNOWN", t0.Add(7*24*time.Hour))
		captured(t, d, authorizedUntil(t, d, "ORD-LOOK-CAPTURED", time.Time{}), "CAP-LOOK", 1000, db.CaptureSuccess)
		paidAttempt(t, d, "ORD-LOOK-PAID", "USD", 1000, t0) // AUTOMATIC: no authorization

		refs := func(succeededBy, now time.Time) []string {
			t.Helper()
			ls, err := d.AuthExpiriesToLook(ctx, succeededBy, now)
			check(t, err)
			var out []string
			for _, l := range ls {
				out = append(out, l.Ref)
			}
			return out
		}
		eq(t, refs(t0.Add(-time.Second), t0.Add(time.Hour)), []string(nil), "none succeeded by then")
		eq(t, refs(t0, t0), []string{"ORD-LOOK-UNKNOWN"}, "due once it succeeded by then: only the open authorization without an expiry")
		l, err := d.AuthExpiryLookDue(ctx, unknown.ID, t0, t0)
		check(t, err)
		attempt, err := d.AttemptByID(ctx, unknown.ID)
		check(t, err)
		eq(t, l, db.AuthExpiryLook{Attempt: attempt, Ref: "ORD-LOOK-UNKNOWN"}, "the look: the attempt as AttemptByID reads it")

		next := t0.Add(time.Minute)
		changed, err := d.RetryAuthExpiryLookAt(ctx, unknown.ID, 0, next, t0)
		ok(t, changed, err, true, "first look counted")
		changed, err = d.RetryAuthExpiryLookAt(ctx, unknown.ID, 0, next, t0)
		ok(t, changed, err, false, "the same look counted again")
		eq(t, refs(t0, next.Add(-time.Nanosecond)), []string(nil), "not due before the next look")
		_, err = d.AuthExpiryLookDue(ctx, unknown.ID, t0, next.Add(-time.Nanosecond))
		is(t, err, db.ErrNotFound, "not due under the lease either")
		eq(t, refs(t0.Add(-time.Hour), next), []string{"ORD-LOOK-UNKNOWN"}, "due at the next look, whenever it succeeded")
		l, err = d.AuthExpiryLookDue(ctx, unknown.ID, t0, next)
		check(t, err)
		eq(t, l.Looks, 1, "looks that learnt none")

		check(t, d.Tx(ctx, func(q *db.Queries) error {
			learned, err := q.LearnAuthExpiry(ctx, unknown.ID, t0.Add(7*24*time.Hour), t0)
			ok(t, learned, err, true, "expiry learned")
			return nil
		}))
		eq(t, refs(t0, next), []string(nil), "not looked for once known")
		changed, err = d.RetryAuthExpiryLookAt(ctx, unknown.ID, 1, next.Add(time.Minute), t0)
		ok(t, changed, err, false, "a look counted after the expiry became known")
	})
}

// A look's count and next time are not set once the order left
// AUTHORIZED (a capture made it PAID while the look's inquiry ran), and
// an answer that says the payment is not SUCCESS ends the looks: the
// status is kept, and the authorization is not looked for again.
func TestAuthExpiryLookEnds(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		paid := authorizedUntil(t, d, "ORD-LOOK-PAID-MEANWHILE", time.Time{})
		captured(t, d, paid, "CAP-LOOK-MEANWHILE", 1000, db.CaptureSuccess)
		changed, err := d.RetryAuthExpiryLookAt(ctx, paid.ID, 0, t0.Add(time.Minute), t0)
		ok(t, changed, err, false, "a look counted on a PAID order")
		changed, err = d.EndAuthExpiryLook(ctx, paid.ID, 0, "CANCELLED", t0)
		ok(t, changed, err, false, "looks ended on a PAID order")

		cancelled := authorizedUntil(t, d, "ORD-LOOK-CANCELLED", time.Time{})
		changed, err = d.EndAuthExpiryLook(ctx, cancelled.ID, 1, "CANCELLED", t0)
		ok(t, changed, err, false, "looks ended with a count no longer seen")
		changed, err = d.EndAuthExpiryLook(ctx, cancelled.ID, 0, "CANCELLED", t0)
		ok(t, changed, err, true, "looks ended")
		end, err := d.AuthExpiryLookEnd(ctx, cancelled.ID)
		eq(t, end, "CANCELLED", "what ended the looks")
		check(t, err)
		ls, err := d.AuthExpiriesToLook(ctx, t0, t0.Add(time.Hour))
		check(t, err)
		eq(t, len(ls), 0, "looks due once ended")
		_, err = d.AuthExpiryLookDue(ctx, cancelled.ID, t0, t0.Add(time.Hour))
		is(t, err, db.ErrNotFound, "due under the lease once ended")
		changed, err = d.RetryAuthExpiryLookAt(ctx, cancelled.ID, 1, t0.Add(time.Minute), t0)
		ok(t, changed, err, false, "a look counted once ended")
	})
}

// Other work that asks Antom about the authorization — a capture of it
// still PROCESSING (the capture check), a cancel in doubt or under way —
// keeps its look from being due; a cancel Antom refused does not.
func TestAuthExpiryLookLeavesOtherWork(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		capturing := authorizedUntil(t, d, "ORD-LOOK-CAPTURING", time.Time{})
		captured(t, d, capturing, "CAP-LOOK-CAPTURING", 1000, db.CaptureProcessing)
		failed := authorizedUntil(t, d, "ORD-LOOK-CAPTURE-FAILED", time.Time{})
		captured(t, d, failed, "CAP-LOOK-FAILED", 1000, db.CaptureFail)
		for ref, status := range map[string]string{"ORD-LOOK-IN-DOUBT": db.CancelInDoubt, "ORD-LOOK-VOIDING": "",
			"ORD-LOOK-VOID-REFUSED": db.CancelFail} {
			a := authorizedUntil(t, d, ref, time.Time{})
			changed, err := d.RequestCancel(ctx, a.ID, "", t0)
			ok(t, changed, err, true, "request cancel "+ref)
			if status != "" {
				changed, err = d.SetCancelStatus(ctx, a.ID, status, time.Time{}, t0)
				ok(t, changed, err, true, "cancel "+status)
			}
		}
		ls, err := d.AuthExpiriesToLook(ctx, t0, t0)
		check(t, err)
		var refs []string
		for _, l := range ls {
			refs = append(refs, l.Ref)
		}
		eq(t, refs, []string{"ORD-LOOK-CAPTURE-FAILED", "ORD-LOOK-VOID-REFUSED"}, "looks due")
		_, err = d.AuthExpiryLookDue(ctx, capturing.ID, t0, t0)
		is(t, err, db.ErrNotFound, "due under the lease while a capture is PROCESSING")
	})
}

// Looks we stop ourselves (Antom never gave the expiry) count the last
// look, keep when they stopped (read back as AuthExpiryLookEnding.At),
// and are not due again; a stop is made once, only while the look is
// open, and an answer's end (FAIL, CANCELLED) reads no time.
func TestAuthExpiryLooksStop(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		a := authorizedUntil(t, d, "ORD-LOOK-STOPPED", time.Time{})
		stopped := t0.Add(30 * 24 * time.Hour)
		changed, err := d.StopAuthExpiryLooks(ctx, a.ID, 1, stopped)
		ok(t, changed, err, false, "stopped with a count no longer seen")
		changed, err = d.StopAuthExpiryLooks(ctx, a.ID, 0, stopped)
		ok(t, changed, err, true, "stopped")
		changed, err = d.StopAuthExpiryLooks(ctx, a.ID, 1, stopped.Add(time.Hour))
		ok(t, changed, err, false, "stopped again")
		var end db.AuthExpiryLookEnding
		check(t, d.Read(ctx, db.ReadAuthExpiryLookEnding(a.ID, &end)))
		eq(t, end.Status, db.AuthExpiryLooksStopped, "how the looks ended")
		if !end.At.Equal(stopped) {
			t.Fatalf("stopped at %v, want %v", end.At, stopped)
		}
		ls, err := d.AuthExpiriesToLook(ctx, stopped, stopped.Add(365*24*time.Hour))
		check(t, err)
		eq(t, len(ls), 0, "looks due once stopped")

		cancelled := authorizedUntil(t, d, "ORD-LOOK-ENDED", time.Time{})
		changed, err = d.RetryAuthExpiryLookAt(ctx, cancelled.ID, 0, t0.Add(time.Minute), t0)
		ok(t, changed, err, true, "a look counted")
		changed, err = d.EndAuthExpiryLook(ctx, cancelled.ID, 1, "CANCELLED", t0)
		ok(t, changed, err, true, "looks ended by an answer")
		check(t, d.Read(ctx, db.ReadAuthExpiryLookEnding(cancelled.ID, &end)))
		eq(t, end, db.AuthExpiryLookEnding{Status: "CANCELLED"}, "an answer's end: no time")
	})
}
