package checkout

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// expiredUnknown is an order authorized by the sandbox's short-lived test
// card (its authorization expires 2 minutes × TimeScale later), past that
// expiry at Antom, whose authExpiryTime the app does not know: Antom
// answers a capture of it F AUTH_EXPIRED, and only that answer tells the
// app.
func (e *env) expiredUnknown(email string) (Order, Viewer) {
	e.t.Helper()
	b := e.buyer(email)
	o := e.order(b, "teapot", 1)
	_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	check(e.t, e.sb.PayCard(e.ctx, paymentID, "4000000000000077"))
	e.waitOrder(b, o.Ref, db.OrderAuthorized)
	a := e.attempt(o.Ref)
	if a.AuthExpiresAt.IsZero() {
		e.t.Fatal("the short-lived authorization has no expiry")
	}
	time.Sleep(time.Until(a.AuthExpiresAt) + 1100*time.Millisecond) // Antom's times are to the second

	e.exec(fmt.Sprintf(`UPDATE payment_attempts SET auth_expires_at = '' WHERE id = %d`, a.ID))
	if !e.attempt(o.Ref).AuthExpiresAt.IsZero() {
		e.t.Fatal("the authorization's expiry is still known")
	}
	return o, Viewer{BuyerID: b.ID}
}

// assertClosedExpired checks an order whose capture Antom refused with
// AUTH_EXPIRED: EXPIRED, nothing charged, one timeline line saying so
// (with no made-up time), no failed capture "with the authorization
// still open" on the order or the dashboard, and capture and void
// refused as for an expiry the app knew, without a call to Antom.
func (e *env) assertClosedExpired(o Order, v Viewer) {
	e.t.Helper()
	t := e.t
	e.svc.Wait()
	assertEqual(t, e.lastCapture(o.Ref).ResultCode, antom.CodeAuthExpired, "the capture's resultCode")
	r := e.result(v, o.Ref)
	assertDeep(t, []any{r.State, r.Charged.Minor, r.Waiting()}, []any{ResultExpired, int64(0), false}, "the buyer's page: expired, nothing charged")
	// No made-up time: the zero time as staff read it (paymentIds may hold "0001").
	if _, with, lines := e.timelineCounts(o.Ref, "the authorization expired"); with != 1 || strings.Contains(strings.Join(lines, "\n"), lang.StaffTime(time.Time{}, nil)) {
		t.Fatalf("want one line of the expiry, without a time, got %d: %q", with, lines)
	}
	a := e.adminOrder(o.Ref)
	if a.CaptureFailed != nil || a.CanCapture() || a.State != ResultExpired {
		t.Fatalf("staff's order: state %q, alarm %+v, can capture %v", a.State, a.CaptureFailed, a.CanCapture())
	}
	n, _, listed := e.openCaptureProblems()
	assertDeep(t, []any{n, len(listed)}, []any{0, 0}, "failed captures with the authorization still open")
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, len(d.Authorizations), 0, "open authorizations on the dashboard")

	e.assertNothingMoreSent(o, "The authorization expired before it was captured: nothing was charged, and it can no longer be captured or voided.",
		"the authorization expired")
}

// Staff's capture that Antom refuses with AUTH_EXPIRED (its authExpiryTime
// not known to the app) closes the order as EXPIRED — the same as its
// known expiry passing — and says so to staff, not that the
// authorization is still open.
func TestCaptureRefusedAuthExpiredExpiresTheOrder(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o, v := e.expiredUnknown("auth-expired-capture@example.com")
	err := e.svc.Capture(e.ctx, staffActor, o.Ref, 5800)
	var refused *CaptureError
	if !errors.As(err, &refused) || refused.Code != antom.CodeAuthExpired ||
		refused.Ended != "The authorization expired before it was captured: nothing was charged, and it can no longer be captured or voided." {
		t.Fatalf("capture answered AUTH_EXPIRED: %#v", err)
	}
	e.assertClosedExpired(o, v)
}

// The same answer reaching the app by the reconciler — the capture's own
// answer lost, the capture sent again or listed by inquiryPayment — or by
// notifyCapture closes the order alike, and wakes its open pages.
func TestCaptureAuthExpiredLaterExpiresTheOrder(t *testing.T) {
	t.Run("reconciler", func(t *testing.T) {
		e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
		o, v := e.expiredUnknown("auth-expired-reconciler@example.com")
		e.unknownCapture(o.Ref, 5800)
		// The reconciler's inquiry does not tell the expiry either (it
		// would be recorded: TestCaptureCheckLearnsAuthExpiry).
		e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NoAuthExpiryNext: 1})
		wake, stop := e.svc.Hub().Subscribe(OrderSubject(o.Ref))
		defer stop()
		check(t, e.svc.Reconcile(e.ctx))
		assertEqual(t, e.lastCapture(o.Ref).Status, db.CaptureFail, "the capture after the reconciler")
		assertWoken(t, wake)
		e.assertClosedExpired(o, v)
	})
	t.Run("notifyCapture", func(t *testing.T) {
		e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
		o, v := e.expiredUnknown("auth-expired-notify@example.com")
		c := e.unknownCapture(o.Ref, 5800)
		wake, stop := e.svc.Hub().Subscribe(OrderSubject(o.Ref))
		defer stop()
		verdict, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: captureBody(c, e.attempt(o.Ref).PaymentID, "F", antom.CodeAuthExpired)})
		check(t, err)
		assertEqual(t, verdict, VerdictApplied, "CAPTURE_RESULT F AUTH_EXPIRED")
		assertWoken(t, wake)
		e.assertClosedExpired(o, v)
	})
}

// A capture refused with AUTH_EXPIRED while the order stayed AUTHORIZED
// (settled before the app closed such orders) is closed by the
// reconciler's next pass, and refused to staff before it.
func TestReconcilerClosesAuthorizationAntomSaidExpired(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o, v := e.expiredUnknown("auth-expired-before@example.com")
	e.refusedEarlier(o, antom.CodeAuthExpired, "the authorization expired")
	assertConflict(t, e.svc.Void(e.ctx, staffActor, o.Ref), "expired")
	assertEqual(t, e.sb.Calls("payments/cancel"), 0, "voids sent")
	check(t, e.svc.Reconcile(e.ctx))
	e.assertClosedExpired(o, v)
}

func assertWoken(t *testing.T, wake <-chan struct{}) {
	t.Helper()
	select {
	case <-wake:
	case <-time.After(5 * time.Second):
		t.Fatal("the order's waiting page was not woken")
	}
}

// When the expiry the app holds is still ahead (its clock or Antom's
// answer off), AUTH_EXPIRED still closes the order, and neither the
// buyer's page nor staff's says it expired at that time to come.
func TestCaptureAuthExpiredBeforeTheHeldExpiry(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o, v := e.expiredUnknown("auth-expired-ahead@example.com")
	ahead := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	e.exec(fmt.Sprintf(`UPDATE payment_attempts SET auth_expires_at = '%s' WHERE id = %d`, ahead.Format(time.RFC3339Nano), e.attempt(o.Ref).ID))
	if !e.attempt(o.Ref).AuthExpiresAt.Equal(ahead) {
		t.Fatalf("held expiry %v, want %v", e.attempt(o.Ref).AuthExpiresAt, ahead)
	}
	var refused *CaptureError
	if err := e.svc.Capture(e.ctx, staffActor, o.Ref, 5800); !errors.As(err, &refused) || refused.Ended == "" {
		t.Fatalf("capture answered AUTH_EXPIRED: %#v", err)
	}
	e.assertClosedExpired(o, v)
	assertEqual(t, e.result(v, o.Ref).AuthExpiresAt.IsZero(), true, "the buyer's page gives no expiry time")
	assertEqual(t, e.adminOrder(o.Ref).AuthExpiresAt.IsZero(), true, "staff's page gives no expiry time")
}
