package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// The staff refund's confirmation, and a failed refund's retry's, say
// where Antom returns the money: to the wallet or card the order was
// paid with, named as the order page's payment attempts name it — not
// "the buyer's wallet or card" whatever the method (trial). Those words
// stay for a method not known.
func TestRefundConfirmationNamesWhereTheMoneyGoes(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.staffSignIn()
	detail := func(p page) string {
		t.Helper()
		assertEqual(t, p.status, http.StatusOK, "confirmation")
		return textOf(t, html(t, p.body), "confirm-detail")
	}
	ask := func(ref string) string {
		t.Helper()
		key := refundFormKey(t, b.get("/admin/orders/"+ref).body)
		return detail(b.ask("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"1"}, "key": {key}}))
	}

	wallet, _ := ta.paidOrder(t, "gcash@example.com")
	assertEqual(t, ask(wallet), "Antom returns the money to the wallet the buyer paid with: GCash 0917****gca. A refund cannot be taken back.", "paid by wallet")
	assertContains(t, b.get("/admin/orders/"+wallet).body, `<span class="pay-name">GCash</span> <span class="pay-account">0917****gca</span>`)

	card := b.buy("teapot", "1")
	a := ta.cardAttempt(t, card, antom.CaptureManual, 14*time.Minute)
	ta.authorizeCard(t, card, a)
	ta.capture(t, card, a, ta.order(t, card).Amount)
	assertEqual(t, ask(card), "Antom returns the money to the card the buyer paid with: Visa •••• 4242. A refund cannot be taken back.", "paid by card")
	assertContains(t, b.get("/admin/orders/"+card).body, `<span class="pay-name">Visa</span> <span class="pay-account">•••• 4242</span>`)

	// A failed refund tried again goes the same way.
	ta.refund(t, card, a, 300, db.RefundFail)
	ta.lookedAbsent(t, card, 300)
	failed, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+card+"-300")
	if err != nil {
		t.Fatal(err)
	}
	retry := fmt.Sprintf("/admin/orders/%s/refunds/%d/retry", card, failed.ID)
	key := regexp.MustCompile(`action="` + regexp.QuoteMeta(retry) + `" data-once novalidate data-testid="retry-form"><input type="hidden" name="key" value="([A-Z0-9]+)"`).FindStringSubmatch(b.get("/admin/orders/" + card).body)
	if key == nil {
		t.Fatal("the retry form carries no key")
	}
	assertContains(t, detail(b.ask(retry, url.Values{"key": {key[1]}})),
		"A new refund of what the failed one still owes is sent to Antom, which returns the money to the card the buyer paid with: Visa •••• 4242. It takes the failed refund's place")
}

// refundGoesTo names what the payment was made with as far as it is
// known: the method alone when its wallet or card is not, and the
// buyer's wallet or card when not even the method is; a name and its
// account are held together.
func TestRefundGoesTo(t *testing.T) {
	for _, c := range []struct {
		paid checkout.Instrument
		want string
	}{
		{checkout.Instrument{Method: db.MethodWallet, Name: "GCash", Account: "0917****123"}, "the wallet the buyer paid with: GCash\u00a00917****123"},
		{checkout.Instrument{Method: db.MethodCard, Name: "Visa", Account: "•••• 4242"}, "the card the buyer paid with: Visa\u00a0••••\u00a04242"},
		{checkout.Instrument{Method: db.MethodWallet, Name: "GCash"}, "the wallet the buyer paid with: GCash"},
		{checkout.Instrument{Method: db.MethodCard}, "the card the buyer paid with"},
		{checkout.Instrument{Method: db.MethodWallet}, "the wallet the buyer paid with"},
		{checkout.Instrument{}, "the buyer's wallet or card"},
	} {
		assertEqual(t, refundGoesTo(c.paid), c.want, fmt.Sprint(c.paid))
	}
}
