package handlers

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
)

// The "keep this card" box belongs to the new card: it is in the new
// card's form (set apart from the kept cards by its rule, app.css), before
// its button in reading and Tab order — a keyboard reached the button
// that leaves the page first (trial).
func TestCheckoutKeepCardSitsWithTheNewCard(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("keeper@example.com")
	if err := ta.DB.KeepCard(context.Background(), db.Card{BuyerID: ta.buyerID(t, "keeper@example.com"),
		TokenSealed: []byte("sealed"), TokenHash: "hash-1", Brand: "VISA", Last4: "4242",
		ExpiryMonth: "12", ExpiryYear: "34", CreatedAt: ta.now}); err != nil {
		t.Fatal(err)
	}
	d := html(t, b.get("/checkout/"+b.buy("mug", "1")).body)
	if d.Find("[data-testid^=pay-card-]").Length() != 1 {
		t.Fatal("the kept card is not offered")
	}
	form := testid(d, "card-form")
	if form.Find("[data-testid=keep-card]").Length() != 1 {
		t.Fatal("the keep box is not in the new card's form")
	}
	// In document order: kept card, keep box, new card's button, note.
	order := d.Find("[data-testid^=pay-card-], [data-testid=pay-card], [data-testid=keep-card], [data-testid=card-page-note]").
		Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("data-testid", "") })
	want := []string{"pay-card-", "keep-card", "pay-card", "card-page-note"}
	if len(order) != len(want) {
		t.Fatalf("card section in order %v", order)
	}
	for i, w := range want {
		if order[i] != w && !(w == "pay-card-" && strings.HasPrefix(order[i], w)) {
			t.Fatalf("card section in order %v, want kept card, keep box, new card's button, note", order)
		}
	}
}

// Two kept cards of the same brand and last four digits read apart at
// checkout: each button says its expiry, worded as My wallets words it
// in the page's language; a card no other reads like keeps its short
// label.
func TestCheckoutTellsLookAlikeCardsApart(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("twins@example.com")
	buyer := ta.buyerID(t, "twins@example.com")
	for _, c := range []struct{ hash, brand, last4, month, year string }{
		{"hash-1", "VISA", "4242", "12", "34"},
		{"hash-2", "VISA", "4242", "11", "33"},
		{"hash-3", "MASTERCARD", "5454", "01", "30"},
	} {
		if err := ta.DB.KeepCard(context.Background(), db.Card{BuyerID: buyer, TokenSealed: []byte("sealed"), TokenHash: c.hash,
			Brand: c.brand, Last4: c.last4, ExpiryMonth: c.month, ExpiryYear: c.year, CreatedAt: ta.now}); err != nil {
			t.Fatal(err)
		}
	}
	ref := b.buy("mug", "1")
	buttons := func() map[string]bool {
		d := html(t, b.get("/checkout/"+ref).body)
		got := map[string]bool{}
		d.Find("[data-testid^=pay-card-]").Each(func(_ int, s *goquery.Selection) {
			got[textOf(t, d, s.AttrOr("data-testid", ""))] = true
		})
		return got
	}
	got := buttons()
	for _, want := range []string{"Pay with Visa •••• 4242 · Expires 12/34", "Pay with Visa •••• 4242 · Expires 11/33", "Pay with Mastercard •••• 5454"} {
		if !got[want] || len(got) != 3 {
			t.Fatalf("kept cards' buttons %v, want %q among 3", got, want)
		}
	}
	b.post("/lang", url.Values{"lang": {"th"}, "next": {"/checkout/" + ref}})
	got = buttons()
	if !got["ชำระด้วย Visa •••• 4242 · หมดอายุ 11/33"] || len(got) != 3 {
		t.Fatalf("kept cards' buttons in Thai %v", got)
	}
}
