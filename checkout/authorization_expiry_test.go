package checkout

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/lang"
)

// A card authorization nobody captured closes at its authExpiryTime: the
// reconciler moves the order to EXPIRED, once, with a line on its
// timeline; the buyer reads that nothing was charged; staff can no longer
// capture or void it — refused with the expiry already before the
// reconciler ran, without a call to Antom — and the order cannot be paid
// again.
func TestAuthorizationExpiresUncaptured(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	b := e.buyer("expires@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.authorizedOrder(b, "teapot")
	check(t, e.svc.Reconcile(e.ctx))
	assertEqual(t, e.result(v, o.Ref).State, ResultAuthorized, "before its expiry")
	expires := e.attempt(o.Ref).AuthExpiresAt
	if expires.IsZero() {
		t.Fatal("the sandbox's authorization has no expiry")
	}
	assertEqual(t, e.adminOrder(o.Ref).AuthExpiresAt, expires, "staff see when it expires")

	e.later(time.Until(expires) + time.Minute)
	assertConflict(t, e.svc.Capture(e.ctx, staffActor, o.Ref, 5800), "expired")
	assertConflict(t, e.svc.Void(e.ctx, staffActor, o.Ref), "expired")
	assertConflict(t, e.svc.CheckVoid(e.ctx, staffActor, o.Ref), "expired")
	if cs, err := e.db.OrderCaptures(e.ctx, e.attempt(o.Ref).OrderID); err != nil || len(cs) != 0 {
		t.Fatalf("a capture of an expired authorization was stored: %+v (%v)", cs, err)
	}
	assertEqual(t, e.attempt(o.Ref).CancelStatus, "", "no void was stored")

	check(t, e.svc.Reconcile(e.ctx))
	check(t, e.svc.Reconcile(e.ctx))
	r := e.result(v, o.Ref)
	assertDeep(t, []any{r.State, r.Authorized, r.AuthExpiresAt, r.Charged.Minor, r.Waiting()},
		[]any{ResultExpired, Money{"JPY", 5800}, expires, int64(0), false}, "the buyer's page: expired, nothing charged")
	if _, with, lines := e.timelineCounts(o.Ref, "the authorization expired on "+lang.StaffTime(expires, nil)+" with nothing captured"); with != 1 {
		t.Fatalf("want one line of the expiry, got %d: %q", with, lines)
	}
	a := e.adminOrder(o.Ref)
	if a.CanCapture() || a.Authorized.Minor != 0 || a.State != ResultExpired {
		t.Fatalf("staff may still capture or void it: %+v", a)
	}
	assertConflict(t, e.svc.Capture(e.ctx, staffActor, o.Ref, 5800), "expired")
	assertConflict(t, e.svc.Void(e.ctx, staffActor, o.Ref), "expired")
	if _, err := e.svc.PayByCard(e.ctx, v, o.Ref, "", false, 0, nil, antom.Env{ClientIP: "198.51.100.4"}); !errors.Is(err, ErrOrderPaid) {
		t.Fatalf("paying an order whose authorization expired: %v, want ErrOrderPaid", err)
	}
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, len(d.Authorizations), 0, "no open authorization on the dashboard")
}
