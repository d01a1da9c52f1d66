package checkout

import (
	"strings"
	"testing"

	"antom-checkout/db"
)

// The same card paid with twice, kept both times (Antom gives a new
// cardToken each time): the buyer has it once, the newest token; a page
// shown before, still offering the older, pays with the newest; another
// card stays beside it.
func TestSameCardKeptTwiceIsKeptOnce(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("twice@example.com")
	v := Viewer{BuyerID: b.ID}
	keep := func(number string) {
		t.Helper()
		o := e.order(b, "mug", 1)
		_, paymentID := e.startCard(v, o.Ref, true, 0)
		check(t, e.sb.PayCard(e.ctx, paymentID, number))
		e.waitOrder(b, o.Ref, db.OrderPaid)
	}
	keep("5555555555554444")
	first, err := e.svc.BuyerCards(e.ctx, b.ID)
	check(t, err)
	if len(first) != 1 {
		t.Fatalf("kept cards after the first: %+v", first)
	}
	keep("5555 5555 5555 4444")
	cards, err := e.svc.BuyerCards(e.ctx, b.ID)
	check(t, err)
	if len(cards) != 1 || cards[0].Label() != "Mastercard •••• 4444" || cards[0].ID == first[0].ID {
		t.Fatalf("kept cards after the same card again: %+v (first %+v)", cards, first)
	}
	old, err := e.db.CardByID(e.ctx, first[0].ID)
	check(t, err)
	if old.Status != db.CardRemoved || old.TokenSealed != nil || old.ReplacedBy != cards[0].ID {
		t.Fatalf("the older card: status %s, token kept %v, replaced by %d, want REMOVED for %d", old.Status, old.TokenSealed != nil, old.ReplacedBy, cards[0].ID)
	}
	if !strings.Contains(dumpTable(t, e, "events"), "the same card was kept again") {
		t.Fatal("no event says why the older card went")
	}

	// A checkout page shown before offers the older: it pays, with the newest.
	o := e.order(b, "notebook", 1)
	cp, _ := e.startCard(v, o.Ref, false, first[0].ID)
	assertEqual(t, cp.RedirectURL, "", "a kept card needs no page")
	assertEqual(t, cp.Order.Status, db.OrderPaid, "paid with the replaced card's successor")
	assertEqual(t, e.attempt(o.Ref).CardID, cards[0].ID, "the card the attempt paid with")

	// Another card is another card.
	keep("4242424242424242")
	cards, err = e.svc.BuyerCards(e.ctx, b.ID)
	check(t, err)
	if len(cards) != 2 {
		t.Fatalf("kept cards after another card: %+v", cards)
	}
}

// Two rows of the same card both ACTIVE (kept by two payments at once,
// each transaction not seeing the other's): the buyer sees it once, the
// newest; cards whose expiry is unknown are never taken for one.
func TestSameCardListedOnce(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("race@example.com")
	for i, c := range []db.Card{
		{TokenHash: "a", Brand: "VISA", Last4: "4242", ExpiryMonth: "12", ExpiryYear: "29"},
		{TokenHash: "b", Brand: "VISA", Last4: "4242", ExpiryMonth: "12", ExpiryYear: "29"},
		{TokenHash: "c", Brand: "VISA", Last4: "4242"},
		{TokenHash: "d", Brand: "VISA", Last4: "4242"},
	} {
		c.BuyerID, c.TokenSealed, c.CreatedAt = b.ID, []byte{byte(i)}, e.svc.now()
		check(t, e.db.KeepCard(e.ctx, c))
	}
	cards, err := e.svc.BuyerCards(e.ctx, b.ID)
	check(t, err)
	var got []string
	for _, c := range cards {
		got = append(got, c.Label()+" "+c.Expiry)
	}
	assertEqual(t, strings.Join(got, ", "), "Visa •••• 4242 , Visa •••• 4242 , Visa •••• 4242 12/29", "cards listed")
	raw, err := e.db.BuyerCards(e.ctx, b.ID, db.CardActive)
	check(t, err)
	assertEqual(t, cards[2].ID, raw[2].ID, "the newest of the same card") // raw: newest first: d, c, b, a
}
