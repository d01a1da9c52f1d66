package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A void Antom refused is kept with its code and message until the
// cancel is sent again: RefuseVoid ends only a PROCESSING cancel of a
// SUCCESS attempt; a cancel ended FAIL any other way records none.
func TestRefuseVoidKeepsTheRefusal(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		a := authorizedUntil(t, d, "ORD-VOID-REFUSED", time.Time{})
		refused := func() db.VoidRefusal {
			t.Helper()
			v, err := d.VoidRefusalOf(ctx, a.ID)
			check(t, err)
			return v
		}
		ok, err := d.RefuseVoid(ctx, a.ID, "PROCESS_FAIL", "no", time.Time{}, t0)
		check(t, err)
		eq(t, ok, false, "no void under way: nothing to refuse")
		eq(t, refused(), db.VoidRefusal{}, "none before")

		ok, err = d.RequestCancel(ctx, a.ID, t0)
		check(t, err)
		eq(t, ok, true, "void sent")
		at := t0.Add(time.Minute)
		ok, err = d.RefuseVoid(ctx, a.ID, "PROCESS_FAIL", "Refused at the issuer", time.Time{}, at)
		check(t, err)
		eq(t, ok, true, "refused")
		eq(t, refused(), db.VoidRefusal{At: at, Code: "PROCESS_FAIL", Message: "Refused at the issuer"}, "the refusal kept")
		got, err := d.AttemptByID(ctx, a.ID)
		check(t, err)
		eq(t, got.CancelStatus, db.CancelFail, "the cancel")

		other := authorizedUntil(t, d, "ORD-CANCEL-FAILED", time.Time{})
		ok, err = d.RequestCancel(ctx, other.ID, t0)
		check(t, err)
		eq(t, ok, true, "cancel sent")
		ok, err = d.SetCancelStatus(ctx, other.ID, db.CancelFail, time.Time{}, t0)
		check(t, err)
		eq(t, ok, true, "cancel FAIL")
		v, err := d.VoidRefusalOf(ctx, other.ID)
		check(t, err)
		eq(t, v, db.VoidRefusal{}, "a cancel ended FAIL otherwise records no refused void")
	})
}
