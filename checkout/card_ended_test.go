package checkout

import (
	"errors"
	"testing"
	"time"
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
