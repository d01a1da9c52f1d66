package checkout

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// CancelAskedBy reads who asked for a cancel from what is stored: the
// buyer only when they chose to pay another way.
func TestCancelAskedBy(t *testing.T) {
	card := db.Attempt{ID: 2, Method: db.MethodCard, RedirectURL: "https://antom.test/page", Status: db.AttemptProcessing, CancelStatus: db.CancelProcessing}
	with := func(f func(*db.Attempt)) db.Attempt { a := card; f(&a); return a }
	for _, tc := range []struct {
		name      string
		a, paying db.Attempt
		want      string
	}{
		{"no cancel", with(func(a *db.Attempt) { a.CancelStatus = "" }), db.Attempt{}, ""},
		{"pay another way", with(func(a *db.Attempt) { a.AbandonedAt = time.Now() }), db.Attempt{}, CancelByBuyer},
		{"at its expiry", card, db.Attempt{}, CancelByExpiry},
		{"another payment paid", card, db.Attempt{ID: 3}, CancelByOtherPaid},
		{"closed by us, open at Antom", with(func(a *db.Attempt) { a.Status, a.FinalSource = db.AttemptFail, db.SourceOurs }), db.Attempt{}, CancelByClosed},
		{"no card page", with(func(a *db.Attempt) { a.RedirectURL = "" }), db.Attempt{}, CancelByNoPage},
		{"staff's void", with(func(a *db.Attempt) { a.Status = db.AttemptSuccess }), with(func(a *db.Attempt) { a.Status = db.AttemptSuccess }), CancelByStaff},
		{"surplus", with(func(a *db.Attempt) { a.Status, a.Surplus = db.AttemptSuccess, true }), db.Attempt{ID: 3}, CancelBySurplus},
		{"in doubt, ours at expiry", with(func(a *db.Attempt) { a.Status, a.CancelStatus = db.AttemptSuccess, db.CancelInDoubt }), with(func(a *db.Attempt) {}), CancelByExpiry},
	} {
		if got := CancelAskedBy(tc.a, tc.paying); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The app's own cancel of a card payment still unknown past its expiry,
// not confirmed by Antom, is on the staff's order page as the app's, at
// the payment's expiry — not the buyer's; the buyer's "pay another way"
// is theirs.
func TestOrderPageCancelIsNotTheBuyers(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1) // the card page stays open at Antom
	_, ours, _ := e.conflictedCard("cancel-ours@example.com", "")
	b, left, _ := e.conflictedCard("cancel-left@example.com", "")
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: 10000})
	if _, err := e.svc.PayAnotherWay(e.ctx, Viewer{BuyerID: b.ID}, left.Ref); err == nil {
		t.Fatal("the buyer's cancel answered U was confirmed")
	}
	e.later(hostedPayExpiry + cancelGrace + time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	for _, tc := range []struct{ ref, want string }{{ours.Ref, CancelByExpiry}, {left.Ref, CancelByBuyer}} {
		at := e.adminOrder(tc.ref).Attempts
		last := at[len(at)-1]
		if !last.Cancelling || last.CancelBy != tc.want {
			t.Errorf("%s: cancelling %v, asked by %q; want %q", tc.ref, last.Cancelling, last.CancelBy, tc.want)
		}
	}
}

// An expiry cancel stays the expiry's once another payment paid the
// order: who asked is stored with the cancel (migration 50). Read from
// the rest of the row, it said "another payment paid the order".
func TestExpiryCancelStaysTheExpirysOnceAnotherPaymentPaid(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "expiry-then-paid@example.com")
	o := e.orderPriced(b, e.order(b, "coffee", 1), "magic93") // stays PROCESSING at Antom
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	e.later(2 * time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	expired := e.attempt(o.Ref)
	assertEqual(t, expired.Status+"/"+expired.CancelAskedBy, db.AttemptCancelled+"/"+CancelByExpiry, "the expired payment")
	_, err = e.db.Raw().ExecContext(e.ctx, `UPDATE orders SET amount = 1200 WHERE ref = ?`, o.Ref) // an ordinary amount
	check(t, err)
	e.later(0)
	paid, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	assertEqual(t, paid.Status, db.OrderPaid, "the order, paid by a second payment")
	for _, a := range e.adminOrder(o.Ref).Attempts {
		want := ""
		if a.PaymentRequestID == expired.PaymentRequestID {
			want = CancelByExpiry
		}
		assertEqual(t, a.CancelBy, want, "who asked for the cancel of "+a.PaymentRequestID)
	}
}

// Staff's void is stored as theirs.
func TestVoidIsStoredAsStaffs(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorized("void-stored@example.com")
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: 10000})
	if err := e.svc.Void(e.ctx, staffActor, o.Ref); !errors.Is(err, ErrVoidNotConfirmed) {
		t.Fatalf("void answered U: %v", err)
	}
	got := e.attempt(o.Ref)
	assertEqual(t, got.CancelStatus+"/"+got.CancelAskedBy, db.CancelProcessing+"/"+CancelByStaff, "the void")
	assertEqual(t, CancelAskedBy(got, got), CancelByStaff, "who asked")
}
