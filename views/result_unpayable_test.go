package views

import (
	"regexp"
	"strings"
	"testing"

	"antom-checkout/lang"
)

// On an order that can no longer be paid, the result page's words say
// what happened without inviting another try (the page says next that it
// can no longer be paid): a card page refused as unsafe drops its
// "please try again" (while its payment is being closed, its "This page
// then lets you pay again"), a cancel under way its "a new payment can
// start only once …". With a way left, they keep them.
func TestResultWordsOfAnUnpayableOrderInviteNoOtherTry(t *testing.T) {
	en := lang.For(lang.English)
	for _, c := range []struct {
		name string
		card ResultCard
		open string // said while the order may be paid; never once it cannot
	}{
		{"a card page refused", ResultCard{State: StateCancelled, PageRefused: true}, "please try again"},
		{"a card page refused, closing", ResultCard{State: StateProcessing, Waiting: true, Card: true, PageRefused: true}, "This page then lets you pay again"},
		{"a cancel under way", ResultCard{State: StateCancelling, Waiting: true, CancelBy: CancelByBuyer}, "a new payment can start only once"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, why := range []string{"", "checkout.attempts_used_up", "checkout.not_for_sale"} {
				card := c.card
				card.Ref, card.Key, card.Unpayable = "ORD-1", "k", why
				var b strings.Builder
				if err := ResultBody(card).Render(lang.WithLocalizer(t.Context(), en), &b); err != nil {
					t.Fatal(err)
				}
				said := strings.Join(strings.Fields(tagsOut.ReplaceAllString(b.String(), " ")), " ")
				if has := strings.Contains(said, c.open); has != (why == "") {
					t.Fatalf("unpayable %q: says %q = %v:\n%s", why, c.open, has, said)
				}
			}
		})
	}
}

// tagsOut matches a page's markup, to read its words as said.
var tagsOut = regexp.MustCompile(`<[^>]*>`)

// A card page refused as unsafe whose payment is still being closed
// offers only Check again: its words say that the page lets the buyer
// pay again once it is closed (as a card page that did not come), never
// "please try again", which no button there could do. Once closed
// (cancelled), Pay again is offered beside "please try again".
func TestRefusedCardPageAdvisesTryingAgainOnlyBesidePayAgain(t *testing.T) {
	en := lang.For(lang.English)
	for _, c := range []struct {
		name          string
		card          ResultCard
		tryAgain, pay bool
	}{
		{"closing", ResultCard{State: StateProcessing, Waiting: true, Card: true, PageRefused: true}, false, false},
		{"closed", ResultCard{State: StateCancelled, Card: true, PageRefused: true}, true, true},
	} {
		card := c.card
		card.Ref, card.Key = "ORD-1", "k"
		var b strings.Builder
		if err := ResultBody(card).Render(lang.WithLocalizer(t.Context(), en), &b); err != nil {
			t.Fatal(err)
		}
		said := strings.Join(strings.Fields(tagsOut.ReplaceAllString(b.String(), " ")), " ")
		if got := strings.Contains(said, "try again"); got != c.tryAgain {
			t.Errorf("%s: says \"try again\" = %v:\n%s", c.name, got, said)
		}
		if got := strings.Contains(b.String(), `href="/checkout/ORD-1"`); got != c.pay {
			t.Errorf("%s: offers a way to pay = %v:\n%s", c.name, got, said)
		}
		if !c.pay && !strings.Contains(said, "This page then lets you pay again.") {
			t.Errorf("%s: does not say when the buyer may pay again:\n%s", c.name, said)
		}
	}
}
