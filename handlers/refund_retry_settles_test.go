package handlers

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
	"antom-checkout/views"
)

// The confirmation of a new refund lists the refunds so far, and a retry
// among them says which failed refund it is for, by its refundRequestId
// and amount: "tries again …" while it is processing, "settles …" once
// made — beside the failure's own "tried again as …" line, so that staff
// see which refund made the failure good.
func TestRefundsSoFarSayWhichFailureARetrySettles(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "retry-settles@example.com")
	ctx := context.Background()
	a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 400, db.RefundFail)
	ta.lookedAbsent(t, ref, 400)
	failed, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-400")
	if err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.staffSignIn()
	action := "/admin/orders/" + ref + "/refunds/" + itoa(failed.ID) + "/retry"
	key := regexp.MustCompile(`action="` + regexp.QuoteMeta(action) + `" data-once novalidate data-testid="retry-form"><input type="hidden" name="key" value="([A-Z0-9]+)"`).FindStringSubmatch(b.get("/admin/orders/" + ref).body)
	if key == nil {
		t.Fatal("the retry form carries no key")
	}
	if p := b.confirm(action, url.Values{"key": {key[1]}}); p.status != http.StatusSeeOther {
		t.Fatalf("the retry answered %d:\n%s", p.status, p.body)
	}
	retry, err := ta.DB.RetryOfRefund(ctx, failed.ID)
	if err != nil {
		t.Fatal(err)
	}
	ask := func() *goquery.Document {
		t.Helper()
		p := b.ask("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"1.00"}, "key": {"KEYSOFAR"}})
		assertEqual(t, p.status, http.StatusOK, "the confirmation")
		return html(t, p.body)
	}
	at := views.AdminTime(nil, ta.now)
	named := "the failed refund RF-" + ref + "-400 ($4.00)"
	d := ask()
	assertEqual(t, confirmRefundLine(t, d, "Failed"), "$4.00, sent by staff on "+at+"; closed as failed by us, not by Antom; tried again as "+retry.RefundRequestID+
		". A Refund lookup by staff on "+at+" found no such refund at Antom.", "the failure's line")
	assertEqual(t, confirmRefundLine(t, d, "Being refunded"), "$4.00, sent by "+staffEmail+" on "+at+"; Antom has not confirmed it yet; tries again "+named, "the processing retry's line")

	if ok, err := ta.DB.SettleRefund(ctx, retry.ID, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "REFUND-RETRY", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("settle the retry: %v %v", ok, err)
	}
	d = ask()
	assertEqual(t, confirmRefundLine(t, d, "Refunded"), "$4.00 by "+staffEmail+" on "+at+"; settles "+named, "the made retry's line")
}
