package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
)

// The buyer's result and checkout pages say who asked for a card
// payment's cancel (Result.CancelBy, CancelAskedBy): the app's at its
// expiry — whether Antom has confirmed it (cancelled) or not yet
// (cancelling) — not the buyer's; the buyer's "pay another way" theirs.
func TestBuyersPageSaysWhoAskedTheCancel(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1) // the card page stays open at Antom
	expired := func(email string) (Viewer, string) {
		b := e.buyer(email)
		o := e.order(b, "mug", 1)
		e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
		return Viewer{BuyerID: b.ID}, o.Ref
	}
	vDone, done := expired("expired-done@example.com")
	e.later(hostedPayExpiry + cancelGrace + time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	if r := e.result(vDone, done); r.State != ResultCancelled || !r.BuyerCancelled || r.CancelBy != CancelByExpiry {
		t.Fatalf("cancelled at its expiry: state %s, card page left %v, asked by %q", r.State, r.BuyerCancelled, r.CancelBy)
	} else {
		e.checkoutAgrees(vDone, r)
	}

	vOpen, open := expired("expired-open@example.com")
	b := e.buyer("left@example.com")
	o := e.order(b, "mug", 1)
	e.startCard(Viewer{BuyerID: b.ID}, o.Ref, false, 0)
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: 10000})
	if _, err := e.svc.PayAnotherWay(e.ctx, Viewer{BuyerID: b.ID}, o.Ref); err == nil {
		t.Fatal("the buyer's cancel answered U was confirmed")
	}
	e.later(2 * (hostedPayExpiry + cancelGrace + time.Minute)) // later's time is from now, not from the last
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	for _, tc := range []struct {
		v       Viewer
		ref, by string
	}{{vOpen, open, CancelByExpiry}, {Viewer{BuyerID: b.ID}, o.Ref, CancelByBuyer}} {
		if r := e.result(tc.v, tc.ref); r.State != ResultCancelling || r.CancelBy != tc.by {
			t.Errorf("%s: state %s, asked by %q; want cancelling, %q", tc.ref, r.State, r.CancelBy, tc.by)
		}
	}
}
