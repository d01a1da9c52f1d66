package views

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/lang"
)

// A paid order whose whole payment is being refunded reads so in its
// headline, in every language — not "Thank you for your order" above "A
// refund of US$12.00 is on its way to you" — and its body says what was
// received, not that the order is paid; paid by card or by wallet, the
// same words. A refund of part of it leaves the paid order's headline.
func TestWholeRefundOnItsWaySaysSoInTheHeadline(t *testing.T) {
	refunding := ResultCard{State: StatePaid, Charged: "US$12.00", Refunding: "US$12.00", RefundsOnWay: 1, WholeRefundHead: "result.head_paid_refunding", PaymentID: "P1"}
	byCard, byWallet := refunding, refunding
	byCard.Card, byCard.Method, byCard.MethodCard = true, "Visa •••• 4242", "Visa"
	byWallet.Method, byWallet.MethodWallet = "GCash 0917****123", "GCASH"
	part := byCard
	part.Refunding, part.WholeRefundHead = "US$5.00", ""
	for _, l := range lang.Languages {
		ctx := lang.WithLocalizer(context.Background(), lang.For(l))
		say := lang.For(l)
		read := func(r ResultCard) (head, body string) {
			r.Ref, r.Key = "ORD-1", "k"
			var buf bytes.Buffer
			if err := ResultBody(r).Render(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			d, err := goquery.NewDocumentFromReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if d.Find("[data-testid=refund-on-its-way]").Length() != 1 {
				t.Fatalf("%s: no refund on its way", l.Code)
			}
			return strings.TrimSpace(d.Find("[data-testid=result-headline-text]").Text()),
				strings.Join(strings.Fields(d.Find("[data-testid=result-detail]").Text()), " ")
		}
		cardHead, cardBody := read(byCard)
		walletHead, walletBody := read(byWallet)
		assertText(t, l.Code+" card's headline", cardHead, say.T("result.head_paid_refunding"))
		assertText(t, l.Code+" card's body", cardBody, strings.Join(strings.Fields(say.T("result.detail_paid_refunding", lang.Args{"Charged": "US$12.00"})), " "))
		assertText(t, l.Code+" wallet's headline", walletHead, cardHead)
		assertText(t, l.Code+" wallet's body", walletBody, cardBody)
		partHead, _ := read(part)
		assertText(t, l.Code+" a part refunded's headline", partHead, say.T("result.head_paid"))
		if cardHead == partHead {
			t.Errorf("%s: the whole payment refunded reads as paid: %q", l.Code, cardHead)
		}
	}
}

func assertText(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: %q, want %q", what, got, want)
	}
}
