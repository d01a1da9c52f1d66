package handlers

import (
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// A paid order's result page says "Paid" once, in every language: the
// state's badge says it, and the headline under it thanks the buyer
// rather than say the badge's word again ("Paid" on "Paid").
func TestPaidResultSaysPaidOnce(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	const email = "paid-once@example.com"
	b.signUp(email)
	ref := b.buy("coffee", "1")
	wallet := ta.insertWallet(t, ta.buyerID(t, email), "0917****123")
	ta.settle(t, ref, ta.openAttempt(t, ref, wallet), db.AttemptSuccess, "SUCCESS", "PAY-ONCE")
	for _, l := range lang.Languages {
		b.post("/lang", url.Values{"lang": {l.Code}, "next": {"/orders/" + ref}})
		d := html(t, b.get("/orders/"+ref).body)
		status, head := strings.ToLower(textOf(t, d, "result-status")), strings.ToLower(textOf(t, d, "result-headline-text"))
		if status == "" || strings.Contains(head, status) || strings.Contains(status, head) {
			t.Errorf("%s: the badge %q over the headline %q", l.Code, status, head)
		}
	}
}
