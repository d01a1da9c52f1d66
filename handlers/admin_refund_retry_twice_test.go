package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"

	"github.com/PuerkitoBio/goquery"
)

// A failed refund we closed ourselves, tried again, that Antom then makes
// after all: while the retry is still processing the order page says the
// buyer may get it twice and the dashboard counts it as still processing;
// once the retry is made too, the page says the buyer got it twice, the
// dashboard counts it once and the paid-twice filter lists the order.
func TestAdminRetriedRefundMadeAfterAll(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	ref, failed, retry := ta.retriedClosedRefund(t, "retrytwice@example.com")
	b := ta.client(t)
	b.staffSignIn()
	if strings.Contains(b.get("/admin").body, `data-testid="problem-refunds-paid-twice"`) ||
		strings.Contains(b.get("/admin/orders/"+ref).body, `data-testid="refund-paid-twice`) {
		t.Fatal("a retry reported paid twice before Antom made the original")
	}
	if ok, err := ta.DB.SettleRefund(ctx, failed.ID, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "REFUND-LATE", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("late success: %v %v", ok, err)
	}
	assertContains(t, b.get("/admin/orders/"+ref).body, `data-testid="refund-paid-twice-notice"`,
		`is still processing: if Antom makes it too, the buyer gets $1.00 more than was meant.`,
		`data-testid="refund-paid-twice">Antom made <span class="mono">RF-`+ref+`-100</span>, which this tries again, after all: if it makes this one too, the buyer gets $1.00 more than was meant.`)
	assertContains(t, b.get("/admin").body, `data-testid="problem-refunds-paid-twice"`,
		"1</span> refund that may be made twice (a retry Antom is still processing whose original it made after all, or a refund made good already that Antom is found processing: if Antom makes it, the buyer gets the money twice)")
	assertEqual(t, fmt.Sprint(badges(t, b)), fmt.Sprint(map[string]string{ref: "refund may be made twice"}), "the list's badges while the retry is processing")

	if ok, err := ta.DB.SettleRefund(ctx, retry, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "REFUND-RETRY", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("retry made: %v %v", ok, err)
	}
	p := b.get("/admin/orders/" + ref)
	assertContains(t, p.body, `then Antom made <span class="mono">RF-`+ref+`-100</span> after all: the buyer got $1.00 twice, $1.00 more than was meant. Contact the buyer.`,
		`data-testid="refund-paid-twice">Antom made <span class="mono">RF-`+ref+`-100</span>, which this tried again, after all: the buyer got $1.00 twice.`,
		`data-testid="order-refunded">$2.00<`)
	if n := strings.Count(p.body, `data-testid="refund-paid-twice-notice"`); n != 1 {
		t.Fatalf("%d paid-twice notices, want 1 (the retry's)", n)
	}
	dash := b.get("/admin").body
	assertContains(t, dash, `<a href="/admin/orders?status=refund-paid-twice" data-testid="problem-refunds-paid-twice">`)
	assertContains(t, dash, "1</span> refund made twice (settled another way or tried again, then made by Antom after all: the buyer got the money twice)")
	if strings.Contains(dash, "may be made twice") {
		t.Fatal("the dashboard still says the retry may be made twice")
	}
	other, _ := ta.paidOrder(t, "other@example.com")
	listed := b.get("/admin/orders?status=refund-paid-twice")
	assertEqual(t, listed.status, http.StatusOK, "the filter")
	assertContains(t, listed.body, ref, "Refund made twice, or that may yet be (settled another way, tried again or refunded again, then made by Antom; or still processing at Antom)")
	if strings.Contains(listed.body, other) {
		t.Fatal("the paid-twice filter lists an order without such a refund")
	}
	// The list badges the order the filter lists, and only it.
	assertEqual(t, fmt.Sprint(badges(t, b)), fmt.Sprint(map[string]string{ref: "refund made twice"}), "the list's badges once the retry is made")
}

// badges reads the orders list's badges of refunds made twice, or that
// may be, by order ref (orders without one left out).
func badges(t *testing.T, b *browserClient) map[string]string {
	t.Helper()
	badged := map[string]string{}
	html(t, b.get("/admin/orders").body).Find(`[data-testid="refund-paid-twice-badge"], [data-testid="refund-maybe-twice-badge"]`).Each(func(_ int, s *goquery.Selection) {
		ref := s.Closest("tr").Find(`[data-testid="order-link"]`).Text()
		badged[ref] = strings.TrimSpace(badged[ref] + " " + s.Text())
	})
	return badged
}

// A retry that failed too and was settled with the buyer another way,
// whose original Antom then makes after all: the order page says the
// buyer got what was settled another way more than was meant — not that
// the retry was made — and the dashboard and the filter count it.
func TestAdminRetrySettledAnotherWayThenOriginalMade(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	ref, failed, retry := ta.retriedClosedRefund(t, "retryhandled@example.com")
	if ok, err := ta.DB.SettleRefund(ctx, retry, db.RefundProcessing, "", db.RefundFail, "PROCESS_FAIL", "", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("retry failed: %v %v", ok, err)
	}
	if ok, err := ta.DB.MarkRefundHandled(ctx, retry, "staff@tea.example", "bank transfer", ta.now); err != nil || !ok {
		t.Fatalf("retry handled: %v %v", ok, err)
	}
	b := ta.client(t)
	b.staffSignIn()
	if strings.Contains(b.get("/admin/orders/"+ref).body, `data-testid="refund-paid-twice`) {
		t.Fatal("paid twice before Antom made the original")
	}
	if ok, err := ta.DB.SettleRefund(ctx, failed.ID, db.RefundFail, db.SourceOurs, db.RefundSuccess, "SUCCESS", "REFUND-LATE", db.SourceAntom, ta.now, ta.now); err != nil || !ok {
		t.Fatalf("late success: %v %v", ok, err)
	}
	p := b.get("/admin/orders/" + ref).body
	assertContains(t, p, `data-testid="refund-paid-twice-notice"`,
		`was tried again as <span class="mono">RF-`+ref+`-RETRY</span>, which failed too and was settled another way ($1.00, by `+wholeEmailThen("staff@tea.example", ");")+` then Antom made <span class="mono">RF-`+ref+`-100</span> after all: the buyer got $1.00 more than was meant. Contact the buyer.`,
		`data-testid="refund-paid-twice">Antom made <span class="mono">RF-`+ref+`-100</span>, which this tried again, after all, and this was settled another way: the buyer got $1.00 more than was meant.`)
	if strings.Contains(p, "the buyer got $1.00 twice") {
		t.Fatal("the page says the retry was made")
	}
	assertContains(t, b.get("/admin").body, `data-testid="problem-refunds-paid-twice"`)
	assertContains(t, b.get("/admin/orders?status=refund-paid-twice").body, ref)
}

// retriedClosedRefund is closedRefund tried again: the retry is
// PROCESSING. It returns the order's ref, the failed refund and the
// retry's id.
func (ta *testApp) retriedClosedRefund(t *testing.T, email string) (string, db.Refund, int64) {
	t.Helper()
	ref, failed := ta.closedRefund(t, email)
	return ref, failed, ta.processingRefund(t, failed, ref, "RETRY", failed.ID)
}

// closedRefund pays an order of a new buyer (email) and refunds $1.00
// that we close as failed ourselves (Antom never showed it). It returns
// the order's ref and the failed refund.
func (ta *testApp) closedRefund(t *testing.T, email string) (string, db.Refund) {
	t.Helper()
	ctx := context.Background()
	ref, _ := ta.paidOrder(t, email)
	a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 100, db.RefundFail)
	failed, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-100")
	if err != nil {
		t.Fatal(err)
	}
	return ref, failed
}

// processingRefund inserts a $1.00 staff refund of failed's payment
// (order ref), PROCESSING, RF-<ref>-<suffix>, that retries refund retryOf
// (0: none), and returns its id.
func (ta *testApp) processingRefund(t *testing.T, failed db.Refund, ref, suffix string, retryOf int64) int64 {
	t.Helper()
	id, err := ta.DB.InsertRefund(context.Background(), db.Refund{OrderID: failed.OrderID, AttemptID: failed.AttemptID,
		RefundRequestID: "RF-" + ref + "-" + suffix, Currency: failed.Currency, Amount: 100, Status: db.RefundProcessing,
		NextCheckAt: ta.now.Add(time.Hour), CreatedBy: "staff", CreatedAt: ta.now, RetryOf: retryOf})
	if err != nil {
		t.Fatal(err)
	}
	return id
}
