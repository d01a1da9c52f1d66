package handlers

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// The buyer's notice of failed refunds says what is still owed (capped at
// what was paid), never "a refund of" that sum: two failed refunds of
// two thirds of the payment each leave the payment owed, and no refund of
// that was ever tried. One failure reads "A refund could not be made",
// several "Refunds could not be made", in every language.
func TestBuyerReadsWhatFailedRefundsStillOwe(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("owed@example.com")
	ref := b.buy("coffee", "2")
	attempt := ta.openAttempt(t, ref, ta.insertWallet(t, ta.buyerID(t, "owed@example.com"), "0917****owd"))
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
	paid := ta.order(t, ref).Amount
	dollars := func(minor int64) string { return fmt.Sprintf("$%d.%02d", minor/100, minor%100) }
	part := paid * 2 / 3

	ta.refund(t, ref, attempt, part, db.RefundFail)
	assertEqual(t, textOf(t, html(t, b.get("/orders/"+ref).body), "refund-failed"),
		"A refund could not be made, so "+dollars(part)+" is still owed to you. The shop has been told and will sort it out.",
		"one failed refund")

	ta.refund(t, ref, attempt, part+1, db.RefundFail)
	assertEqual(t, textOf(t, html(t, b.get("/orders/"+ref).body), "refund-failed"),
		"Refunds could not be made, so "+dollars(paid)+" is still owed to you. The shop has been told and will sort it out.",
		"two failed refunds, more than was paid")

	for _, l := range lang.Languages {
		b.post("/lang", url.Values{"lang": {l.Code}, "next": {"/orders/" + ref}})
		loc := lang.For(l)
		got := textOf(t, html(t, b.get("/orders/"+ref).body), "refund-failed")
		want := loc.T("result.refund_failed_several", lang.Args{"Amount": loc.Money("USD", paid, 2)})
		assertEqual(t, got, strings.Join(strings.Fields(want), " "), "several failures in "+l.Code)
		if one := loc.T("result.refund_failed", lang.Args{"Amount": loc.Money("USD", paid, 2)}); one == want || !loc.Has("result.refund_failed_several") {
			t.Errorf("%s: one failure and several read alike, or the words are missing: %q", l.Code, want)
		}
		if !strings.Contains(want, loc.Money("USD", paid, 2)) {
			t.Errorf("%s: the notice does not say what is owed: %q", l.Code, got)
		}
	}
}
