package handlers

import (
	"context"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// The result page of a payment that did not go through offers the way
// forward its words advise, in every language: a payment closed or
// cancelled at Antom (ORDER_IS_CLOSED, ORDER_IS_CANCELED), one we closed
// when Antom had no record of it, a card page that could not be opened
// and a service that failed say "You can pay again." or "Please try
// again." beside "Pay again" — never beside "Pay another way", which
// read as a button for some other way than the one their words invite —
// while a card declined for funds, which advises another card or another
// way, keeps "Pay another way". Both lead to checkout.
func TestResultOffersTheWayItsDeclineAdvises(t *testing.T) {
	for _, tc := range []struct {
		name, method, code string
		ours               bool   // closed by us: not confirmed
		decline, button    string // message IDs
	}{
		{"closed", db.MethodWallet, "ORDER_IS_CLOSED", false, "decline.closed", "result.pay_again"},
		{"cancelled", db.MethodCard, "ORDER_IS_CANCELED", false, "decline.cancelled", "result.pay_again"},
		{"never arrived", db.MethodWallet, "ORDER_NOT_EXIST", true, "decline.never_arrived", "result.pay_again"},
		{"no card page", db.MethodCard, "NO_PAYMENT_PAGE", false, "decline.no_payment_page", "result.pay_again"},
		{"service failed", db.MethodWallet, "SYSTEM_ERROR", false, "decline.service_failed", "result.pay_again"},
		{"card funds", db.MethodCard, "USER_BALANCE_NOT_ENOUGH", false, "decline.card_funds", "result.pay_another_way"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ta := newTestApp(t)
			b := ta.client(t)
			ref := b.buy("coffee", "1")
			ta.lastAttemptFailed(t, ref, 1, tc.method, 0, tc.code)
			if tc.ours {
				if _, err := ta.DB.Raw().ExecContext(context.Background(), `UPDATE payment_attempts SET final_source = ? WHERE payment_request_id = ?`,
					db.SourceOurs, "PR-"+ref+"-LAST"); err != nil {
					t.Fatal(err)
				}
			}
			// Its testid names what it says.
			button, other := "pay-another-way", "pay-again"
			if tc.button == "result.pay_again" {
				button, other = other, button
			}
			for _, l := range lang.Languages {
				say := lang.For(l)
				p, _ := b.getIn("/orders/"+ref, l.Code)
				d := html(t, p.body)
				detail := strings.ReplaceAll(textOf(t, d, "result-detail"), " ", "")
				if !strings.Contains(detail, strings.ReplaceAll(say.T(tc.decline), " ", "")) {
					t.Fatalf("%s: the page does not say %s: %q", l.Code, tc.decline, detail)
				}
				assertEqual(t, textOf(t, d, button), say.T(tc.button), l.Code+": the button to checkout")
				assertEqual(t, testid(d, button).AttrOr("href", ""), "/checkout/"+ref, l.Code+": where it leads")
				assertEqual(t, testid(d, other).Length(), 0, l.Code+": "+other+" beside "+button)
			}
		})
	}
}
