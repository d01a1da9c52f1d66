package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// A payment we closed ourselves — Antom had no such payment past its
// expiry, and never said it failed — is "unconfirmed", not "failed",
// alike for its buyer (result page, checkout page, My orders) and for
// staff (order page, list, the status filter: its own value, not
// "failed"'s); its attempt says so on the order page, and the dashboard
// counts it apart. For the money rules it is what it was: the order is
// open, to be paid again. Antom's FAIL then makes it failed.
func TestUnconfirmedIsNotFailed(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "unconfirmed.states@example.com")
	o, a := e.closedByUs(b, wallet)
	e.agree([]stateCase{{o, ResultUnconfirmed}})
	o2, err := e.svc.OrderFor(e.ctx, Viewer{BuyerID: b.ID}, o.Ref)
	check(t, err)
	assertEqual(t, o2.Status, db.OrderOpen, "the order: open, to be paid again")
	if at := e.adminOrder(o.Ref).Attempts; len(at) != 1 || !at[0].Unconfirmed {
		t.Fatalf("the attempt closed by us, as staff see it: %+v", at)
	}
	d, err := e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, [3]int{d.Succeeded, d.Final, d.PaymentsUnconfirmed}, [3]int{0, 1, 1}, "successful, final and unconfirmed attempts on the dashboard")

	check(t, e.sb.SettlePayment(e.ctx, a.PaymentID, false))
	e.waitFor(func() (string, Order) { a := e.attempt(o.Ref); return a.Status + "/" + a.FinalSource, Order{} }, db.AttemptFail+"/"+db.SourceAntom)
	e.agree([]stateCase{{o, ResultFailed}})
	if at := e.adminOrder(o.Ref).Attempts; len(at) != 1 || at[0].Unconfirmed {
		t.Fatalf("the attempt Antom says failed, as staff see it: %+v", at)
	}
	d, err = e.svc.AdminDashboard(e.ctx)
	check(t, err)
	assertEqual(t, [3]int{d.Succeeded, d.Final, d.PaymentsUnconfirmed}, [3]int{0, 1, 0}, "Antom's failure: no longer unconfirmed")
}

// The result page of a payment we closed ourselves says we keep checking
// for a day, and listens while we do (Live): Antom's late SUCCESS, or the
// watch's end, must reach a page left open, not wait for a reload. Once
// the watch ends, its key changes (the page redraws to the words that
// none showed up) and it no longer listens.
func TestUnconfirmedPageListensWhileWatched(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "unconfirmed.listens@example.com")
	o, _ := e.closedByUs(b, wallet)
	v := Viewer{BuyerID: b.ID}
	r, err := e.svc.OrderResult(e.ctx, v, o.Ref)
	check(t, err)
	assertEqual(t, r.State+"/"+r.Decline+"/"+string(r.Unpayable), ResultUnconfirmed+"/"+wordsNeverArrived+"/", "closed by us, payable, watched")
	assertEqual(t, r.Live(), true, "the page that says we keep checking listens")

	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NotFoundNext: 1000})
	e.later(lateWatch + time.Hour)
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	ended, err := e.svc.OrderResult(e.ctx, v, o.Ref)
	check(t, err)
	assertEqual(t, ended.State+"/"+ended.Decline, ResultUnconfirmed+"/"+wordsNeverArrivedEnded, "the watch over")
	assertEqual(t, ended.Live(), false, "the page no longer listens")
	if ended.Key() == r.Key() {
		t.Fatalf("the key %q does not change when the watch ends", r.Key())
	}
}
