package handlers

import (
	"context"
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
		"A refund has not gone through, so as far as the shop knows "+dollars(part)+" is still owed to you. The shop has been told and will sort it out.",
		"one failed refund")

	ta.refund(t, ref, attempt, part+1, db.RefundFail)
	assertEqual(t, textOf(t, html(t, b.get("/orders/"+ref).body), "refund-failed"),
		"Refunds have not gone through, so as far as the shop knows "+dollars(paid)+" is still owed to you. The shop has been told and will sort it out.",
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

// Failed refunds the shop settled another way read as one refund of that
// sum only when one makes it up: with several, the buyer reads "refunds
// of … in all", never "a refund of" a sum no refund was of — beside what
// the failures still open owe — in every language, with and without the
// shop's contact.
func TestBuyerReadsWhatSeveralRefundsSettledAnotherWayCameTo(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("settled@example.com")
	ref := b.buy("coffee", "2")
	attempt := ta.openAttempt(t, ref, ta.insertWallet(t, ta.buyerID(t, "settled@example.com"), "0917****stl"))
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
	handled := func(amount int64) {
		t.Helper()
		f, err := ta.DB.RefundByRequestID(context.Background(), fmt.Sprintf("RF-%s-%d", ref, amount))
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := ta.DB.MarkRefundHandled(context.Background(), f.ID, "staff@tea.example", "bank transfer", ta.now); err != nil || !ok {
			t.Fatalf("mark handled: %v %v", ok, err)
		}
	}
	ta.refund(t, ref, attempt, 300, db.RefundFail)
	ta.refund(t, ref, attempt, 200, db.RefundFail)
	ta.refund(t, ref, attempt, 100, db.RefundFail)

	handled(300)
	d := html(t, b.get("/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "refund-handled"),
		"A refund of $3.00 could not be made through your payment. The shop says it has settled this with you another way; if this money has not reached you, contact the shop.",
		"one of three settled another way")
	assertEqual(t, textOf(t, d, "refund-failed"),
		"Refunds have not gone through, so as far as the shop knows $3.00 is still owed to you. The shop has been told and will sort it out.", "two still open")

	handled(200)
	d = html(t, b.get("/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "refund-handled"),
		"Refunds of $5.00 in all could not be made through your payment. The shop says it has settled them with you another way; if this money has not reached you, contact the shop.",
		"two of three settled another way")
	assertEqual(t, textOf(t, d, "refund-failed"),
		"A refund has not gone through, so as far as the shop knows $1.00 is still owed to you. The shop has been told and will sort it out.", "one still open")

	handled(100)
	for _, l := range lang.Languages {
		b.post("/lang", url.Values{"lang": {l.Code}, "next": {"/orders/" + ref}})
		loc := lang.For(l)
		sum := loc.Money("USD", 600, 2)
		d := html(t, b.get("/orders/"+ref).body)
		want := loc.T("result.refund_handled_several", lang.Args{"Amount": sum})
		assertEqual(t, textOf(t, d, "refund-handled"), strings.Join(strings.Fields(want), " "), "all three settled, in "+l.Code)
		assertEqual(t, testid(d, "refund-failed").Length(), 0, "nothing open, in "+l.Code)
		if one := loc.T("result.refund_handled", lang.Args{"Amount": sum}); one == want || !strings.Contains(want, sum) {
			t.Errorf("%s: one and several read alike, or the sum is missing: %q", l.Code, want)
		}
		withContact := loc.T("result.refund_handled_several_contact", lang.Args{"Amount": sum, "Link": "help@tea.example"})
		if withContact == want || !strings.Contains(withContact, "help@tea.example") {
			t.Errorf("%s: the contact sentence: %q", l.Code, withContact)
		}
	}
	ta.Contact = "help@tea.example"
	b.post("/lang", url.Values{"lang": {"en"}, "next": {"/orders/" + ref}})
	assertEqual(t, textOf(t, html(t, b.get("/orders/"+ref).body), "refund-handled"),
		"Refunds of $6.00 in all could not be made through your payment. The shop says it has settled them with you another way; if this money has not reached you, contact the shop at help@tea.example.",
		"all three settled, with the shop's contact")
}
