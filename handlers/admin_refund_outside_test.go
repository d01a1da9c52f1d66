package handlers

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// A staff refund Antom refuses REFUND_AMOUNT_EXCEED because a refund was
// made outside this app: the order's page lists that refund, by "made
// outside this app (in Antom)", has no red notice of money owed, and
// says why the refused one failed, naming the outside refund.
func TestRefundRefusedForAnOutsideRefundPage(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "outside-page@example.com")
	b := ta.client(t)
	b.staffSignIn()
	f.mu.Lock()
	f.answer = map[string]string{
		"refund": `{"result":{"resultCode":"REFUND_AMOUNT_EXCEED","resultStatus":"F","resultMessage":"refund amount exceed"}}`,
		"inquiryPayment": `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentStatus":"SUCCESS",` +
			`"paymentId":"PAY-` + ref + `","paymentAmount":{"currency":"USD","value":"3700"},"transactions":[` +
			`{"transactionType":"REFUND","transactionStatus":"SUCCESS","transactionRequestId":"EXT-REFUND-0001","transactionId":"RFDID-EXT",` +
			`"transactionAmount":{"currency":"USD","value":"3700"},"transactionTime":"2026-12-06T10:00:00Z"}]}`,
	}
	f.mu.Unlock()
	refused := noticed(t, b.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"37.00"}, "key": {"OUTSIDEKEY1"}}), "/admin/orders/"+ref)
	d := html(t, b.get(refused).body)
	if n := testid(d, "refund-failed").Length(); n != 0 {
		t.Fatalf("a red notice of money owed: %q", testid(d, "refund-failed").Text())
	}
	if n := d.Find(`[data-testid="handled-submit"]`).Length(); n != 0 {
		t.Fatal("Mark handled another way is offered")
	}
	assertEqual(t, textOf(t, d, "refund-outside"), "made outside this app (in Antom)", "who refunded")
	words := testid(d, "refund-words").Text()
	for _, want := range []string{"refunds made outside this app (in Antom) had already taken that amount", "EXT-REFUND-0001 of $37.00", "Nothing of it is owed"} {
		if !strings.Contains(words, want) {
			t.Fatalf("the refused refund's words %q lack %q", words, want)
		}
	}
	assertContains(t, testid(d, "problem").Text(), "The refund of $37.00 failed. Antom refused it because refunds made outside this app", "EXT-REFUND-0001 of $37.00")
	assertEqual(t, f.count("inquiryPayment"), 1, "Antom asked once")
}

// A confirmation lists a refund made outside this app as made there, and
// the refund refused for it as owing nothing.
func TestRefundFactOfOutsideRefunds(t *testing.T) {
	usd := func(minor int64) checkout.Money { return checkout.Money{Currency: "USD", Minor: minor} }
	at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	made := refundFact(checkout.RefundInfo{Status: checkout.RefundSuccess, Amount: usd(1200), Outside: true, RefundedAt: at, CreatedAt: at})
	assertEqual(t, made.Label+": "+made.Value, "Refunded: $12.00 outside this app (in Antom) on "+views.AdminTime(nil, at), "the outside refund")
	refused := refundFact(checkout.RefundInfo{Status: checkout.RefundFail, Amount: usd(1200), OutsideTook: true, CreatedBy: "ann@shop.example", CreatedAt: at})
	assertEqual(t, refused.Value, "$12.00, sent by ann@shop.example on "+views.AdminTime(nil, at)+
		"; nothing of it owed: refunds made outside this app had already taken that amount", "the refund refused for it")
}
