package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// An authorization whose capture Antom refused with AUTH_CANCELLED or
// ORDER_IS_CANCELED (cancelled at Antom) has ended, whatever
// authExpiryTime we hold, even if a capture refused otherwise came after:
// it is listed with that code to close, closes as VOIDED, and is no
// failed capture with the authorization still open — not in the count,
// not in the orders filter. A void under way waits for its own answer;
// another refusal leaves the authorization open.
func TestAuthorizationsAntomSaidCancelled(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		now := t0.Add(time.Hour)
		refused := func(ref string, expires time.Time, codes ...string) db.Attempt {
			t.Helper()
			a := authorizedUntil(t, d, ref, expires)
			for i, code := range codes {
				id, err := d.InsertCapture(ctx, db.Capture{OrderID: a.OrderID, AttemptID: a.ID, CaptureRequestID: "CAP-" + ref + "-" + string(rune('A'+i)),
					Currency: "USD", Amount: 1000, Status: db.CaptureProcessing, CreatedAt: t0})
				check(t, err)
				changed, err := d.SettleCapture(ctx, id, db.CaptureFail, code, "message", "", t0)
				ok(t, changed, err, true, "settle capture of "+ref)
			}
			return a
		}
		refused("ORD-AUTH-CANCELLED", now.Add(time.Hour), "AUTH_CANCELLED")
		refused("ORD-ORDER-CANCELED", time.Time{}, "ORDER_IS_CANCELED")
		refused("ORD-CANCELLED-THEN-FAILED", time.Time{}, "AUTH_CANCELLED", "PROCESS_FAIL")
		releasing := refused("ORD-CANCELLED-RELEASING", time.Time{}, "AUTH_CANCELLED")
		changed, err := d.RequestCancel(ctx, releasing.ID, "", t0)
		ok(t, changed, err, true, "void requested")
		open := refused("ORD-OTHER-REFUSAL", time.Time{}, "PROCESS_FAIL")

		ended, err := d.AuthorizationsEndedBy(ctx, now)
		check(t, err)
		got := map[string]string{}
		for _, x := range ended {
			got[x.Ref] = x.RefusedWith
		}
		eq(t, got, map[string]string{"ORD-AUTH-CANCELLED": "AUTH_CANCELLED", "ORD-ORDER-CANCELED": "ORDER_IS_CANCELED",
			"ORD-CANCELLED-THEN-FAILED": "AUTH_CANCELLED"}, "ended by Antom's word, with the code that ended each")

		n, err := d.CountCaptureFailures(ctx, now)
		check(t, err)
		eq(t, n, 1, "failed captures with the authorization still open")
		rows, err := d.SearchOrders(ctx, db.OrderSearch{CaptureFailed: true, Now: now, Limit: 10})
		check(t, err)
		eq(t, len(rows), 1, "orders listed as capture failed")
		eq(t, []string{rows[0].Ref, rows[0].EndedBy}, []string{"ORD-OTHER-REFUSAL", ""}, "the one listed")
		rows, err = d.SearchOrders(ctx, db.OrderSearch{Text: "ORD-CANCELLED-THEN-FAILED", Limit: 10})
		check(t, err)
		eq(t, []string{rows[0].LastCapture, rows[0].EndedBy}, []string{db.CaptureFail, "AUTH_CANCELLED"}, "its list row: newest capture, and what ended it")

		if _, err := d.EndAuthorization(ctx, ended[0].OrderID, db.OrderPaid, now); err == nil {
			t.Fatal("an authorization ended as PAID")
		}
		for _, x := range ended {
			changed, err := d.EndAuthorization(ctx, x.OrderID, db.OrderVoided, now)
			ok(t, changed, err, true, x.Ref+" voided")
			o, err := d.OrderByID(ctx, x.OrderID)
			check(t, err)
			eq(t, o.Status, db.OrderVoided, x.Ref+"'s status")
		}
		for _, a := range []db.Attempt{releasing, open} {
			changed, err := d.EndAuthorization(ctx, a.OrderID, db.OrderVoided, now)
			ok(t, changed, err, false, a.PaymentRequestID+" stays authorized")
		}
		ended, err = d.AuthorizationsEndedBy(ctx, now)
		check(t, err)
		eq(t, len(ended), 0, "none left to close")
	})
}

// An authorization past its authExpiryTime closes as EXPIRED only when
// nothing staff sent may still take or release it: not while a capture or
// a void of it is under way, not once captured, and not before its time
// (or when its time is not known).
func TestAuthorizationsExpire(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		now := t0.Add(time.Hour)
		authorize := func(ref string, expires time.Time) db.Attempt { return authorizedUntil(t, d, ref, expires) }
		capture := func(a db.Attempt, status string) { captured(t, d, a, "CAP-"+a.PaymentRequestID, 1000, status) }
		earlier := now.Add(-time.Minute)
		authorize("ORD-WAITING", earlier)
		authorize("ORD-AT-NOW", now)
		capture(authorize("ORD-CAPTURE-FAILED", earlier), db.CaptureFail)
		capturing := authorize("ORD-CAPTURING", earlier)
		capture(capturing, db.CaptureProcessing)
		capture(authorize("ORD-CAPTURED", earlier), db.CaptureSuccess)
		releasing := authorize("ORD-RELEASING", earlier)
		changed, err := d.RequestCancel(ctx, releasing.ID, "", t0)
		ok(t, changed, err, true, "void requested")
		authorize("ORD-LATER", now.Add(time.Second))
		authorize("ORD-NO-EXPIRY", time.Time{})

		expired, err := d.AuthorizationsEndedBy(ctx, now)
		check(t, err)
		var refs []string
		for _, x := range expired {
			refs = append(refs, x.Ref)
		}
		eq(t, refs, []string{"ORD-WAITING", "ORD-CAPTURE-FAILED", "ORD-AT-NOW"}, "expired with nothing under way, oldest expiry first")
		eq(t, expired[0].AuthExpiresAt, earlier.UTC(), "its expiry")

		for _, x := range expired {
			changed, err := d.EndAuthorization(ctx, x.OrderID, db.OrderExpired, now)
			ok(t, changed, err, true, x.Ref+" expired")
			changed, err = d.EndAuthorization(ctx, x.OrderID, db.OrderExpired, now)
			ok(t, changed, err, false, x.Ref+" expired once")
			o, err := d.OrderByID(ctx, x.OrderID)
			check(t, err)
			eq(t, o.Status, db.OrderExpired, x.Ref+"'s status")
		}
		for _, a := range []db.Attempt{capturing, releasing} {
			changed, err := d.EndAuthorization(ctx, a.OrderID, db.OrderExpired, now)
			ok(t, changed, err, false, a.PaymentRequestID+": something under way on it")
			o, err := d.OrderByID(ctx, a.OrderID)
			check(t, err)
			eq(t, o.Status, db.OrderAuthorized, a.PaymentRequestID+" stays authorized")
		}
		expired, err = d.AuthorizationsEndedBy(ctx, now)
		check(t, err)
		eq(t, len(expired), 0, "none left to expire")
		totals, err := d.OpenAuthorizations(ctx)
		check(t, err)
		eq(t, totals, []db.CurrencyTotal{{"USD", 2, 2000}}, "open authorizations waiting for staff: the later one and the one with no expiry")
	})
}

// An authorization whose capture Antom refused with AUTH_EXPIRED expired,
// whatever authExpiryTime we hold (none, or one still ahead): it closes
// as EXPIRED like one past its time. Another refusal leaves it open.
func TestAuthorizationsAntomSaidExpired(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		now := t0.Add(time.Hour)
		refused := func(ref string, expires time.Time, code string) db.Attempt {
			a := authorizedUntil(t, d, ref, expires)
			id, err := d.InsertCapture(ctx, db.Capture{OrderID: a.OrderID, AttemptID: a.ID, CaptureRequestID: "CAP-" + ref,
				Currency: "USD", Amount: 1000, Status: db.CaptureProcessing, CreatedAt: t0})
			check(t, err)
			changed, err := d.SettleCapture(ctx, id, db.CaptureFail, code, "message", "", t0)
			ok(t, changed, err, true, "settle capture of "+ref)
			return a
		}
		refused("ORD-UNKNOWN-EXPIRY", time.Time{}, "AUTH_EXPIRED")
		refused("ORD-EXPIRY-AHEAD", now.Add(time.Hour), "AUTH_EXPIRED")
		open := refused("ORD-OTHER-REFUSAL", time.Time{}, "PROCESS_FAIL")

		expired, err := d.AuthorizationsEndedBy(ctx, now)
		check(t, err)
		var refs []string
		for _, x := range expired {
			refs = append(refs, x.Ref)
		}
		eq(t, refs, []string{"ORD-UNKNOWN-EXPIRY", "ORD-EXPIRY-AHEAD"}, "expired by Antom's word, unknown expiry first")
		eq(t, expired[0].AuthExpiresAt.IsZero(), true, "an expiry not known")
		for _, x := range expired {
			changed, err := d.EndAuthorization(ctx, x.OrderID, db.OrderExpired, now)
			ok(t, changed, err, true, x.Ref+" expired")
		}
		changed, err := d.EndAuthorization(ctx, open.OrderID, db.OrderExpired, now)
		ok(t, changed, err, false, "another refusal leaves it open")
		n, err := d.CountCaptureFailures(ctx, now)
		check(t, err)
		eq(t, n, 1, "failed captures with the authorization still open")
	})
}
