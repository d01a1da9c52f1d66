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
		eq(t, l, db.AuthExpiryLook{AttemptID: unknown.ID, PaymentRequestID: "PR-ORD-LOOK-UNKNOWN", PaymentID: "PAY-ORD-LOOK-UNKNOWN",
			Ref: "ORD-LOOK-UNKNOWN"}, "the look")

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
