package views

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"antom-checkout/lang"
)

// The buyer's pages say why a payment was cancelled as it was asked
// (CancelBy, checkout.CancelAskedBy), in every language: a cancel in
// doubt of ours says the card page expired only when it did — for a
// card page the payment service did not give it says so, for any other
// of ours no reason — and a card payment cancelled (or being cancelled)
// at its expiry says its card page expired, not that the buyer left it;
// the buyer's "pay another way" still says they left it.
func TestBuyerWordsSayWhyWeCancelled(t *testing.T) {
	paid := func(by string) ResultCard {
		return ResultCard{Ref: "ORD-1", Key: "k", State: StatePaid, Charged: "$18.50", Card: true, Waiting: true, Live: true, CancelInDoubt: true, CancelBy: by}
	}
	held := func(by string) ResultCard {
		return ResultCard{Ref: "ORD-1", Key: "k", State: StateAuthorized, Authorized: "$18.50", Card: true, Waiting: true, Live: true, CancelInDoubt: true, CancelBy: by}
	}
	cancelling := func(by string) ResultCard {
		return ResultCard{Ref: "ORD-1", Key: "k", State: StateCancelling, Card: true, Waiting: true, Live: true, CancelBy: by}
	}
	cancelled := func(by string) ResultCard {
		return ResultCard{Ref: "ORD-1", Key: "k", State: StateCancelled, Card: true, BuyerCancelled: true, CancelBy: by}
	}
	left := func(by string) templ.Component {
		return payNotices(&CheckoutPage{LastState: StateCancelled, LastByBuyer: true, LastCancelBy: by})
	}
	type page struct {
		name     string
		c        templ.Component
		where    string
		say, not string // catalog keys; not "" for none
	}
	var pages []page
	for _, by := range []string{CancelByNoPage, CancelByOtherPaid, CancelByClosed, CancelBySurplus} {
		want := "result.cancel_in_doubt_ours"
		if by == CancelByNoPage {
			want = "result.cancel_in_doubt_no_page"
		}
		pages = append(pages,
			page{"paid, in doubt, " + by, ResultBody(paid(by)), "cancel-in-doubt", want, "result.cancel_in_doubt_expired"},
			page{"authorized, in doubt, " + by, ResultBody(held(by)), "cancel-in-doubt", want + "_hold", "result.cancel_in_doubt_expired_hold"})
	}
	pages = append(pages,
		page{"paid, in doubt, at its expiry", ResultBody(paid(CancelByExpiry)), "cancel-in-doubt", "result.cancel_in_doubt_expired", ""},
		page{"paid, in doubt, the buyer's", ResultBody(paid(CancelByBuyer)), "cancel-in-doubt", "result.cancel_in_doubt", "result.cancel_in_doubt_expired"},
		page{"cancelling at its expiry", ResultBody(cancelling(CancelByExpiry)), "result-detail", "result.detail_cancelling_expired", "result.detail_cancelling"},
		page{"cancelling, the buyer's", ResultBody(cancelling(CancelByBuyer)), "result-detail", "result.detail_cancelling", "result.detail_cancelling_expired"},
		page{"cancelled at its expiry", ResultBody(cancelled(CancelByExpiry)), "result-detail", "result.detail_card_expired_cancelled", "result.detail_card_cancelled"},
		page{"cancelled, the buyer's", ResultBody(cancelled(CancelByBuyer)), "result-detail", "result.detail_card_cancelled", "result.detail_card_expired_cancelled"},
		page{"checkout, cancelled at its expiry", left(CancelByExpiry), "last-attempt", "checkout.last_expired", "checkout.last_left"},
		page{"checkout, the buyer's", left(CancelByBuyer), "last-attempt", "checkout.last_left", "checkout.last_expired"})
	for _, l := range lang.Languages {
		ctx := lang.WithLocalizer(context.Background(), lang.For(l))
		c, err := lang.Catalog(l)
		if err != nil {
			t.Fatal(err)
		}
		// first is a key's words up to the page's live part, spaces
		// folded.
		first := func(key string) string {
			w, _, _ := strings.Cut(c[key], "{{.Live}}")
			if w = strings.Join(strings.Fields(w), " "); w == "" {
				t.Fatalf("%s: no %s", l.Code, key)
			}
			return w
		}
		for _, p := range pages {
			var buf bytes.Buffer
			if err := p.c.Render(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			d, err := goquery.NewDocumentFromReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(strings.Fields(d.Find("[data-testid="+p.where+"]").Text()), " ")
			if !strings.Contains(got, first(p.say)) {
				t.Errorf("%s, %s: %q does not say %s (%q)", l.Code, p.name, got, p.say, first(p.say))
			}
			if p.not != "" && strings.Contains(got, first(p.not)) {
				t.Errorf("%s, %s: %q says %s", l.Code, p.name, got, p.not)
			}
		}
	}
}
