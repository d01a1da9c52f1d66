package handlers

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
)

// The "keep this card" box belongs to the new card: it is in the new
// card's form, after its button, and nothing of it sits between a kept
// card's button and the new card's (where it read as the kept card's).
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
	// In document order: kept card, new card's button, keep box, note.
	order := d.Find("[data-testid^=pay-card-], [data-testid=pay-card], [data-testid=keep-card], [data-testid=card-page-note]").
		Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("data-testid", "") })
	want := []string{"pay-card-", "pay-card", "keep-card", "card-page-note"}
	if len(order) != len(want) {
		t.Fatalf("card section in order %v", order)
	}
	for i, w := range want {
		if order[i] != w && !(w == "pay-card-" && strings.HasPrefix(order[i], w)) {
			t.Fatalf("card section in order %v, want kept card, new card's button, keep box, note", order)
		}
	}
}
