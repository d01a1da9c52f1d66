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
// "please try again", a cancel under way its "a new payment can start
// only once …". With a way left, they keep them.
func TestResultWordsOfAnUnpayableOrderInviteNoOtherTry(t *testing.T) {
	en := lang.For(lang.English)
	for _, c := range []struct {
		name string
		card ResultCard
		open string // said while the order may be paid; never once it cannot
	}{
		{"a card page refused", ResultCard{State: StateCancelled, PageRefused: true}, "please try again"},
		{"a card page refused, closing", ResultCard{State: StateProcessing, Waiting: true, Card: true, PageRefused: true}, "please try again"},
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
