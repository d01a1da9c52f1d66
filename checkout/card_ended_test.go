package checkout

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/db"
)

// A kept card a payment was refused with tells who removed it and when,
// named as checkout named it: the buyer's own removal, staff's, and
// nothing of another buyer's card.
func TestCardEndedSaysWhoRemovedIt(t *testing.T) {
	e := newEnv(t, Options{})
	b, mine, _ := e.keptCard("own@example.com")
	kept, err := e.svc.CardEnded(e.ctx, b.ID, mine.ID)
	check(t, err)
	assertEqual(t, kept.Told, CardTold(""), "a card still kept")
	assertEqual(t, kept.RemovedAt.IsZero(), true, "a card still kept has no removal time")
	assertEqual(t, kept.Label(), mine.Label(), "the kept card's name")

	check(t, e.svc.RemoveCard(e.ctx, b.ID, mine.ID, "buyer own@example.com"))
	ended, err := e.svc.CardEnded(e.ctx, b.ID, mine.ID)
	check(t, err)
	assertEqual(t, ended.Told, CardRemovedByBuyer, "removed by the buyer")
	assertEqual(t, ended.Label(), mine.Label(), "the removed card's name")
	if d := e.svc.now().Sub(ended.RemovedAt); ended.RemovedAt.IsZero() || d < 0 || d > time.Second {
		t.Fatalf("removed at %v, now %v", ended.RemovedAt, e.svc.now())
	}

	o, theirs, _ := e.keptCard("theirs@example.com")
	check(t, e.svc.RemoveCard(e.ctx, 0, theirs.ID, "staff kim@shop.example"))
	ended, err = e.svc.CardEnded(e.ctx, o.ID, theirs.ID)
	check(t, err)
	assertEqual(t, ended.Told, CardRemovedByShop, "removed by staff")
	if _, err := e.svc.CardEnded(e.ctx, b.ID, theirs.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another buyer's card: %v, want ErrNotFound", err)
	}
	if _, err := e.svc.CardEnded(e.ctx, 0, theirs.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a guest asking: %v, want ErrNotFound", err)
	}
}

// A kept card removed, then the same card paid with and kept again (a
// kept card of its own, Antom's new token): the removed one still tells
// who removed it and when, and that it is kept again since — not
// another card with other digits or expiry.
func TestCardEndedSaysKeptAgain(t *testing.T) {
	e := newEnv(t, Options{})
	b, old, _ := e.keptCard("again@example.com")
	check(t, e.svc.RemoveCard(e.ctx, b.ID, old.ID, "buyer again@example.com"))
	ended, err := e.svc.CardEnded(e.ctx, b.ID, old.ID)
	check(t, err)
	assertEqual(t, ended.KeptAgain, false, "kept again before any card is kept")

	keep := func(number string) {
		t.Helper()
		o := e.order(b, "mug", 1)
		_, paymentID := e.startCard(Viewer{BuyerID: b.ID}, o.Ref, true, 0)
		check(t, e.sb.PayCard(e.ctx, paymentID, number))
		e.waitOrder(b, o.Ref, db.OrderPaid)
		e.svc.Wait()
	}
	keep("5555555555554444")
	ended, err = e.svc.CardEnded(e.ctx, b.ID, old.ID)
	check(t, err)
	assertEqual(t, ended.KeptAgain, false, "kept again after another card")

	keep("4242424242424242")
	ended, err = e.svc.CardEnded(e.ctx, b.ID, old.ID)
	check(t, err)
	assertEqual(t, ended.Told, CardRemovedByBuyer, "still removed by the buyer")
	assertEqual(t, ended.KeptAgain, true, "kept again after the same card")
	cards, err := e.svc.BuyerCards(e.ctx, b.ID)
	check(t, err)
	if len(cards) != 2 || cards[0].Label() != old.Label() || cards[0].ID == old.ID {
		t.Fatalf("kept cards %+v, want the same card anew (not %d) and another", cards, old.ID)
	}
}
