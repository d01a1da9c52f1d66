package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
	"antom-checkout/views"
)

// The page that asks to confirm a refund lists the refunds the order
// already has, as they are now — one a colleague made since the order's
// page was shown included, with who, when and how it stands — and what
// may still be refunded, so that two refunds for one complaint are not
// made by accident. An order with none says so, and what may be
// refunded. Each line reads as a sentence: "Refunded before: $10.00 by …
// on …", never a refund that failed under "Refunded before". Its heading
// keeps the order's ref and the "?" after it on one line.
func TestRefundConfirmationNamesRefundsMadeMeanwhile(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "confirm-refunds@example.com")
	b := ta.client(t)
	b.staffSignIn()
	at := views.AdminTime(ta.now)

	ask := func(amount, key string) []string {
		t.Helper()
		p := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {amount}, "key": {key}})
		assertEqual(t, p.status, http.StatusOK, "the confirmation")
		assertContains(t, p.body, "Refund $"+amount+" of order "+confirmRef(ref, "?"))
		var facts []string
		html(t, p.body).Find(`[data-testid="confirm"] dt`).Each(func(_ int, dt *goquery.Selection) {
			facts = append(facts, dt.Text()+": "+dt.Next().Text())
		})
		return facts
	}
	assertFacts := func(got []string, want ...string) {
		t.Helper()
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Fatalf("the confirmation says\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	assertFacts(ask("12.00", "KEYMINE"), "Amount: $12.00", "Reason: none given", "Refunded before: nothing", "Refundable now: $37.00")

	colleague := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"10.00"}, "key": {"KEYCOLLEAGUE"}, "confirm": {"yes"}})
	assertEqual(t, colleague.status, http.StatusSeeOther, "the colleague's refund")
	assertFacts(ask("12.00", "KEYMINE"), "Amount: $12.00", "Reason: none given",
		"Being refunded: $10.00, sent by "+staffEmail+" on "+at+"; Antom is still processing it", "Refundable now: $27.00")

	made, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-KEYCOLLEAGUE")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.SettleRefund(context.Background(), made.ID, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "REFUND-1", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("settle the refund: %v %v", ok, err)
	}
	f.mu.Lock()
	f.answer = map[string]string{"refund": `{"result":{"resultCode":"REFUND_AMOUNT_EXCEED","resultStatus":"F","resultMessage":"refund amount exceed"}}`}
	f.mu.Unlock()
	failed := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5.00"}, "key": {"KEYFAILS"}, "confirm": {"yes"}})
	assertEqual(t, failed.status, http.StatusSeeOther, "the refund that fails")
	assertFacts(ask("2.00", "KEYMINE"), "Amount: $2.00", "Reason: none given",
		"Refunded before: $10.00 by "+staffEmail+" on "+at,
		"Refund failed: $5.00, sent by "+staffEmail+" on "+at+"; $5.00 of it still owed to the buyer", "Refundable now: $27.00")
}
