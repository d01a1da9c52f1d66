package checkout

import (
	"testing"
	"time"

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
