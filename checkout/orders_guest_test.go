package checkout

import (
	"errors"
	"testing"
)

// A guest's order is seen by the browser whose session holds its guest
// key, and by nobody else: not another guest, not a signed-in buyer of
// another browser. An order made by nobody is refused.
func TestGuestOrderSeenByItsKeyOnly(t *testing.T) {
	e := newEnv(t, Options{})
	guest := Viewer{GuestKey: "k-this-browser"}
	o, err := e.svc.CreateOrder(e.ctx, guest, "matcha", "1")
	check(t, err)
	_, err = e.svc.OrderFor(e.ctx, guest, o.Ref)
	check(t, err)
	bob := e.buyer("bob@example.com")
	for _, v := range []Viewer{{}, {GuestKey: "k-another-browser"}, {BuyerID: bob.ID}, {BuyerID: bob.ID, GuestKey: "k-another-browser"}} {
		if _, err := e.svc.OrderFor(e.ctx, v, o.Ref); !errors.Is(err, ErrNotFound) {
			t.Fatalf("%+v sees another browser's guest order: %v", v, err)
		}
		if _, err := e.svc.CheckoutResult(e.ctx, v, o.Ref); !errors.Is(err, ErrNotFound) {
			t.Fatalf("%+v sees another browser's guest order's checkout: %v", v, err)
		}
		mine, _, err := e.svc.MyOrders(e.ctx, v)
		check(t, err)
		assertEqual(t, len(mine), 0, "orders another browser lists")
	}
	assertEqual(t, e.order(bob, "mug", 1).BuyerID, bob.ID, "a buyer's order")
	if got := e.buyerOf(o.Ref); got != 0 {
		t.Fatalf("the guest order was claimed by %d", got)
	}
	if _, err := e.svc.CreateOrder(e.ctx, Viewer{}, "matcha", "1"); !errors.Is(err, errNoOwner) {
		t.Fatalf("an order made by nobody: %v", err)
	}
}

// A guest order made after its browser signed in (the claim at sign-in
// missed it: another tab's order committed after it) is the buyer's as
// soon as they see it by the key their session still holds — on its
// checkout page, its result page or My orders — and a buyer's order from
// then on; until then, nothing is written.
func TestGuestOrderSeenBySignedInBrowserIsClaimed(t *testing.T) {
	e := newEnv(t, Options{})
	const key = "k-this-browser"
	guest := Viewer{GuestKey: key}
	var refs []string
	for range 3 {
		o, err := e.svc.CreateOrder(e.ctx, guest, "matcha", "1")
		check(t, err)
		refs = append(refs, o.Ref)
	}
	ann := e.buyer("ann@example.com")
	signedIn := Viewer{BuyerID: ann.ID, GuestKey: key}

	r, err := e.svc.CheckoutResult(e.ctx, signedIn, refs[0])
	check(t, err)
	assertEqual(t, r.Order.BuyerID, ann.ID, "the checkout page's order's buyer")
	assertEqual(t, e.buyerOf(refs[0]), ann.ID, "claimed on its checkout page")
	assertEqual(t, e.buyerOf(refs[1]), 0, "another order, not seen yet")

	res, err := e.svc.OrderResult(e.ctx, signedIn, refs[1])
	check(t, err)
	assertEqual(t, res.Order.BuyerID, ann.ID, "the result page's order's buyer")
	assertEqual(t, e.buyerOf(refs[1]), ann.ID, "claimed on its result page")
	assertEqual(t, e.buyerOf(refs[2]), 0, "the last, not seen yet")

	mine, _, err := e.svc.MyOrders(e.ctx, signedIn)
	check(t, err)
	assertEqual(t, len(mine), 3, "My orders")
	assertEqual(t, e.buyerOf(refs[2]), ann.ID, "claimed in My orders")

	// Signed out (the key gone with the session): still Ann's, and only hers.
	for _, ref := range refs {
		_, err := e.svc.OrderFor(e.ctx, Viewer{BuyerID: ann.ID}, ref)
		check(t, err)
		if _, err := e.svc.OrderFor(e.ctx, guest, ref); !errors.Is(err, ErrNotFound) {
			t.Fatalf("a claimed order is still seen by the guest key alone: %v", err)
		}
	}
	bob := e.buyer("bob@example.com")
	if _, err := e.svc.OrderFor(e.ctx, Viewer{BuyerID: bob.ID, GuestKey: key}, refs[0]); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another buyer with the key sees a claimed order: %v", err)
	}
}

// buyerOf is the buyer an order belongs to (0: a guest's), as stored.
func (e *env) buyerOf(ref string) int64 {
	e.t.Helper()
	o, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	return o.BuyerID
}
