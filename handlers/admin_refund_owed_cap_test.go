package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"antom-checkout/db"
)

// Failed refunds never leave more owed than may still be refunded of the
// payment. The fresh-user trial, on an order of A: a $2.00 refund fails,
// then one of A less $0.25 fails (the form allowed it). Staff read that
// failed refunds leave A owed (not A + $1.75), the failures owe $2.00 and
// A less $2.00 (oldest first), and the buyer reads refunds could not be
// made and A is still owed.
// The $2.00 is tried again and done; the other failure is owed, and
// marked handled another way for, what is left — and the summary adds
// up: Total = Refunded + Settled another way + Refundable, $0.00 left;
// the buyer reads what was settled.
func TestAdminFailedRefundsOweNoMoreThanWasPaid(t *testing.T) {
	ta := newAdminApp(t)
	buyer := ta.client(t)
	buyer.signUp("payer@example.com")
	ref := buyer.buy("coffee", "2")
	attempt := ta.openAttempt(t, ref, ta.insertWallet(t, ta.buyerID(t, "payer@example.com"), "0917****pay"))
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
	paid := ta.order(t, ref).Amount
	dollars := func(minor int64) string { return fmt.Sprintf("$%d.%02d", minor/100, minor%100) }
	ctx := context.Background()
	refundID := func(amount int64) int64 {
		t.Helper()
		r, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-"+itoa(amount))
		if err != nil {
			t.Fatal(err)
		}
		return r.ID
	}
	b := ta.client(t)
	b.staffSignIn()

	ta.refund(t, ref, attempt, 200, db.RefundFail)
	ta.lookedAbsent(t, ref, 200)
	assertContains(t, b.get("/admin/orders/"+ref).body, "Up to "+dollars(paid)+".")
	big := paid - 25
	ta.refund(t, ref, attempt, big, db.RefundFail)
	ta.lookedAbsent(t, ref, big)
	first, second := refundID(200), refundID(big)
	retry := func(id int64) string { return fmt.Sprintf("/admin/orders/%s/refunds/%d/retry", ref, id) }
	handled := func(id int64) string { return fmt.Sprintf("/admin/orders/%s/refunds/%d/handled", ref, id) }

	p := b.get("/admin/orders/" + ref)
	assertContains(t, p.body, "Failed refunds leave "+dollars(paid)+" owed", `action="`+retry(first)+`"`, `action="`+retry(second)+`"`,
		"Settled the "+dollars(paid-200)+" still owed of the failed refund RF-"+ref+"-"+itoa(big)+" of "+dollars(big)+
			" (the rest is more than the payment has left to refund)")
	assertContains(t, b.get("/admin").body, `<span class="count count-bad">2</span> <span>failed refunds to make again`)
	assertContains(t, b.get("/admin/orders?status=refund-failed").body, ref)
	assertEqual(t, textOf(t, html(t, buyer.get("/orders/"+ref).body), "refund-failed"),
		"Refunds have not gone through, so as far as the shop knows "+dollars(paid)+" is still owed to you. The shop has been told and will sort it out.",
		"buyer's notice")
	// Trying the newer failure again asks for what it is owed.
	p = b.ask(retry(second), url.Values{"key": {"CAPKEY1"}})
	assertEqual(t, p.status, http.StatusOK, "confirmation of a retry of the newer failure")
	assertContains(t, p.body, "Refund "+dollars(paid-200)+" of order "+confirmRef(ref, "")+" again?", `name="owed" value="`+itoa(paid-200)+`"`,
		dollars(big)+" (the rest is more than the payment has left to refund)")
	p = b.ask(handled(second), url.Values{"note": {"bank transfer"}})
	assertEqual(t, p.status, http.StatusOK, "confirmation of the newer failure handled")
	assertContains(t, p.body, "Mark the "+dollars(paid-200)+" still owed of the failed refund of "+dollars(big)+" on order "+confirmRef(ref, "")+" handled another way?",
		dollars(paid-200)+" (the rest is more than the payment has left to refund)")

	// The $2.00 tried again, and done.
	p = b.get("/admin/orders/" + ref)
	key := regexp.MustCompile(`action="` + regexp.QuoteMeta(retry(first)) + `" data-once novalidate data-testid="retry-form"><input type="hidden" name="key" value="([A-Z0-9]+)"`).FindStringSubmatch(p.body)
	if key == nil {
		t.Fatal("the retry form carries no key")
	}
	p = b.confirm(retry(first), url.Values{"key": {key[1]}})
	assertEqual(t, p.status, http.StatusSeeOther, "retry the $2.00")
	r, err := ta.DB.RetryOfRefund(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, r.Amount, int64(200), "the retry's amount")
	if r.Status == db.RefundProcessing {
		if ok, err := ta.DB.SettleRefund(ctx, r.ID, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "REFUND-R", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
			t.Fatalf("settle the retry: %v %v", ok, err)
		}
	}
	left := paid - 200
	p = b.get("/admin/orders/" + ref)
	assertContains(t, p.body, "A failed refund leaves "+dollars(left)+" owed", `action="`+handled(second)+`"`)
	assertEqual(t, textOf(t, html(t, buyer.get("/orders/"+ref).body), "refund-failed"),
		"A refund has not gone through, so as far as the shop knows "+dollars(left)+" is still owed to you. The shop has been told and will sort it out.",
		"buyer's notice once the $2.00 is made")

	// The other failure settled another way: for what it was owed.
	p = b.confirm(handled(second), url.Values{"note": {"bank transfer"}})
	assertEqual(t, p.status, http.StatusSeeOther, "mark handled")
	h, err := ta.DB.RefundByID(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, h.HandledAmount, left, "handled amount")
	p = b.get("/admin/orders/" + ref)
	assertContains(t, p.body, `data-testid="order-refunded">$2.00<`, `data-testid="order-settled">`+dollars(left)+`<`,
		`data-testid="order-refundable">$0.00<`)
	if strings.Contains(p.body, `data-testid="refund-failed"`) {
		t.Fatal("the order page still reports money owed")
	}
	assertContains(t, b.get("/admin").body, `<span class="count">0</span> <span>failed refunds to make again`)
	assertEqual(t, textOf(t, html(t, buyer.get("/orders/"+ref).body), "refund-handled"),
		"A refund of "+dollars(left)+" could not be made through your payment. The shop says it has settled this with you another way; if this money has not reached you, contact the shop.",
		"buyer's notice once settled")
	if p := b.get("/admin/orders/" + ref); p.status != http.StatusOK {
		t.Fatalf("order page: %d", p.status)
	}
}
