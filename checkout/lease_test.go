package checkout

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// instance returns a second app instance: another Service over e's
// database and sandbox, on e's clock.
func (e *env) instance() *Service {
	s := NewService(Deps{DB: e.db, Antom: e.svc.antom, Sealer: e.sealer, Options: e.svc.opts})
	s.now = func() time.Time { return e.svc.now() }
	e.t.Cleanup(s.Wait)
	return s
}

// leasedWork is one kind of background work and how to make an item of
// it due: setup returns the item's lease key and the Antom API the
// reconciler calls about it.
var leasedWork = []struct {
	name  string
	setup func(e *env) (work, api string)
}{
	{"payment inquiry", func(e *env) (string, string) {
		a := e.attemptIn(e.buyer("lease-pay@example.com"), stateProcessing, db.MethodWallet, "")
		e.later(firstCheck + time.Second)
		return attemptWork(a.ID), "payments/inquiryPayment"
	}},
	{"payment cancel", func(e *env) (string, string) {
		a := e.attemptIn(e.buyer("lease-cancel@example.com"), stateProcessing, db.MethodWallet, "")
		_, err := e.db.Raw().ExecContext(e.ctx, `UPDATE payment_attempts SET cancel_status = 'PROCESSING' WHERE id = ?`, a.ID)
		check(e.t, err)
		e.later(firstCheck + time.Second)
		return attemptWork(a.ID), "payments/cancel"
	}},
	{"refund inquiry", func(e *env) (string, string) {
		o, _ := paidOrder(e.t, e, "lease-refund@example.com")
		e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{UnknownNext: refundTries})
		r, err := e.refund(o.Ref, "1.00")
		check(e.t, err)
		assertEqual(e.t, r.Status, db.RefundProcessing, "refund after unknown answers")
		e.later(firstRefundCheck + time.Second)
		return refundWork(r.ID), "payments/inquiryRefund"
	}},
	{"capture inquiry", func(e *env) (string, string) {
		o := e.authorized("lease-capture@example.com")
		c := e.unknownCapture(o.Ref, 5800)
		return captureWork(c.ID), "payments/inquiryPayment"
	}},
	{"auth expiry look", func(e *env) (string, string) {
		o := e.authorizedWithoutExpiry("lease-expiry@example.com")
		e.later(authExpiryLookAfter + time.Second)
		return attemptWork(e.attempt(o.Ref).ID), "payments/inquiryPayment"
	}},
	{"revoke", func(e *env) (string, string) {
		b, wallet, _ := payer(e.t, e, "lease-revoke@example.com")
		e.sb.Faults().SetAPI("authorizations/revoke", sandbox.APIFault{UnknownNext: 1})
		check(e.t, e.svc.Unlink(e.ctx, b.ID, wallet, "test"))
		e.later(time.Second)
		return walletWork(wallet), "authorizations/revoke"
	}},
	{"token refresh", func(e *env) (string, string) {
		_, wallet, _ := payer(e.t, e, "lease-refresh@example.com")
		w, err := e.db.WalletByID(e.ctx, wallet)
		check(e.t, err)
		if w.RefreshTokenSealed == nil {
			e.t.Fatal("the sandbox gave no refresh token")
		}
		e.later(time.Until(w.AccessTokenExpiresAt) - e.svc.opts.RefreshWindow + time.Hour)
		return walletWork(wallet), "authorizations/applyToken"
	}},
}

// While another instance holds an item's lease, a reconciler leaves it
// alone: no call to Antom about it. Once the lease has run out (its
// holder died), the item is worked.
func TestReconcilerLeavesLeasedWorkAlone(t *testing.T) {
	for _, w := range leasedWork {
		t.Run(w.name, func(t *testing.T) {
			e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
			work, api := w.setup(e)
			other := e.instance()
			now := e.svc.now()
			ok, err := e.db.ClaimLease(e.ctx, work, "dead instance", now, now.Add(leaseTime))
			check(t, err)
			assertEqual(t, ok, true, "lease taken by the other instance")

			before := e.sb.Calls(api)
			check(t, other.Reconcile(e.ctx))
			assertEqual(t, e.sb.Calls(api)-before, 0, api+" calls while leased")

			e.later(e.svc.now().Sub(time.Now()) + leaseTime)
			check(t, other.Reconcile(e.ctx))
			if e.sb.Calls(api)-before == 0 {
				t.Fatalf("no %s call once the lease ran out", api)
			}
			holder, _, err := e.db.LeaseHolder(e.ctx, work)
			check(t, err)
			assertEqual(t, holder, "", "lease holder after the work")
		})
	}
}

// Two instances reconcile at the same moment: every due attempt is asked
// about once, not once per instance.
func TestReconcilersWorkEachAttemptOnce(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("once@example.com")
	const n = 6
	for range n {
		e.attemptIn(b, stateProcessing, db.MethodWallet, "")
	}
	other := e.instance()
	e.later(firstCheck + time.Second)
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{Latency: 20 * time.Millisecond})
	before := e.sb.Calls("payments/inquiryPayment")

	var wg sync.WaitGroup
	for _, s := range []*Service{e.svc, other} {
		wg.Go(func() { check(t, s.Reconcile(e.ctx)) })
	}
	wg.Wait()
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, n, "inquiries")
}

// A pay call in flight holds its attempt's lease from the moment the
// attempt exists: a reconciler that finds the attempt due meanwhile does
// not ask Antom about it.
func TestPayCallHoldsTheAttemptsLease(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, _ := payer(t, e, "paylease@example.com")
	o := e.order(b, "coffee", 1)
	other := e.instance()
	other.now = func() time.Time { return time.Now().Add(firstCheck + time.Second) } // the attempt is due, its lease is not over

	e.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{Latency: 300 * time.Millisecond})
	before := e.sb.Calls("payments/inquiryPayment")
	paid := make(chan error, 1)
	go func() {
		_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{ClientIP: "127.0.0.1"})
		paid <- err
	}()
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	for {
		if _, err := e.db.OpenAttempt(e.ctx, row.ID); err == nil {
			break
		}
		select {
		case err := <-paid:
			t.Fatalf("the payment ended before it was seen open: %v", err)
		case <-time.After(time.Millisecond):
		}
	}
	check(t, other.Reconcile(e.ctx))
	check(t, <-paid)
	assertEqual(t, e.sb.Calls("payments/inquiryPayment")-before, 0, "inquiries while pay was out")
	e.waitOrder(b, o.Ref, db.OrderPaid)
}

// A void while another instance holds the attempt's lease past the wait
// (Options.ActionWait) sends nothing: the wish is stored, staff hear it
// is not confirmed yet, and the reconciler sends it once the lease is
// free. (Before the void waited it answered at once.)
func TestVoidWhileLeasedIsSentByTheReconciler(t *testing.T) {
	const wait = 200 * time.Millisecond
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual, ActionWait: wait})
	o := e.authorized("void-leased@example.com")
	a := e.attempt(o.Ref)
	e.leasedBy(attemptWork(a.ID), "other instance")

	cancels := e.sb.Calls("payments/cancel")
	start := time.Now()
	if err := e.svc.Void(e.ctx, "staff", o.Ref); !errors.Is(err, ErrVoidNotConfirmed) {
		t.Fatalf("void while leased: %v", err)
	}
	if took := time.Since(start); took < wait {
		t.Fatalf("gave up after %v, before its wait of %v", took, wait)
	}
	assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 0, "cancels while leased")
	assertEqual(t, e.attempt(o.Ref).CancelStatus, db.CancelProcessing, "the void is stored")

	e.later(e.svc.now().Sub(time.Now()) + leaseTime)
	check(t, e.svc.checkAttempts(e.ctx))
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderVoided, "order after the reconciler")
}

// A one-click payment whose pay call answered releases the attempt's
// lease with the settlement, and the buyer's line is on the timeline
// before what followed.
func TestPayReleasesTheAttemptsLeaseWhenSettled(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, _ := payer(t, e, "payrelease@example.com")
	o := e.order(b, "coffee", 1)
	if err := e.svc.PayOrderWithWallet(e.ctx, b.ID, o.Ref, "", wallet, antom.Env{ClientIP: "127.0.0.1"}); err != nil {
		t.Fatal(err)
	}
	a := e.attempt(o.Ref)
	assertEqual(t, a.Status, db.AttemptSuccess, "attempt")
	holder, _, err := e.db.LeaseHolder(e.ctx, attemptWork(a.ID))
	check(t, err)
	assertEqual(t, holder, "", "the attempt's lease holder once settled")
	events, err := e.db.Events(e.ctx, OrderSubject(o.Ref))
	check(t, err)
	pay, call := -1, -1
	var details []string
	for i, ev := range events {
		details = append(details, ev.Detail)
		switch {
		case strings.HasPrefix(ev.Detail, "pay with ") && pay < 0:
			pay = i
		case strings.HasPrefix(ev.Detail, "pay "+a.PaymentRequestID+" ") && call < 0:
			call = i
		}
	}
	if pay < 0 || call < 0 || pay > call {
		t.Fatalf("timeline: want the buyer's pay line before the call's:\n%s", strings.Join(details, "\n"))
	}
}
