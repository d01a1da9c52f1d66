package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// The result page says what the database holds, in plain words.
func TestResultPageStates(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(ta *testApp, ref string, wallet int64)
		status string
		want   []string
		hidden []string // data-testids present but hidden
	}{
		{"unpaid", func(*testApp, string, int64) {}, "unpaid",
			[]string{"Not paid yet", `data-testid="go-checkout"`}, nil},
		{"paid", func(ta *testApp, ref string, w int64) {
			ta.settle(t, ref, ta.openAttempt(t, ref, w), db.AttemptSuccess, "SUCCESS", "202611221940108001001880000001")
		}, "paid", []string{`data-testid="payment-id">202611221940108001001880000001<`,
			`data-testid="paid-amount">¥2,400<`, `data-testid="paid-method">GCash 0917****123<`,
			"Paid", ta0Time}, []string{"check-again", "pay-another-way", "go-checkout"}},
		{"failed: balance", func(ta *testApp, ref string, w int64) {
			ta.settle(t, ref, ta.openAttempt(t, ref, w), db.AttemptFail, "USER_BALANCE_NOT_ENOUGH", "")
		}, "failed", []string{"Your wallet balance is not enough for this payment. Nothing was charged.",
			`href="/checkout/REF"`, "Pay another way"}, []string{"relink", "check-again"}},
		{"failed: token", func(ta *testApp, ref string, w int64) {
			ta.settle(t, ref, ta.openAttempt(t, ref, w), db.AttemptFail, "INVALID_ACCESS_TOKEN", "")
		}, "failed", []string{"This wallet is no longer linked. Link it again to pay with it.",
			`href="/checkout/REF#link-wallet"`, "Link the wallet again"}, nil},
		{"failed: unknown code", func(ta *testApp, ref string, w int64) {
			ta.settle(t, ref, ta.openAttempt(t, ref, w), db.AttemptFail, "SOMETHING_NEW", "")
		}, "failed", []string{"(SOMETHING_NEW)"}, nil},
		{"cancelled", func(ta *testApp, ref string, w int64) {
			ta.settle(t, ref, ta.openAttempt(t, ref, w), db.AttemptCancelled, "ORDER_IS_CANCELED", "")
		}, "cancelled", []string{"This payment was cancelled before it completed. You were not charged.",
			`data-testid="pay-again"`}, []string{"pay-another-way"}},
		{"processing", func(ta *testApp, ref string, w int64) { ta.openAttempt(t, ref, w) }, "processing",
			[]string{"We&#39;re confirming your payment with GCash 0917****123…", `aria-live="polite"`,
				`action="/orders/REF/check"`, `data-testid="check-again"`, "<noscript>",
				`data-status-url="/orders/REF/status"`, `src="/static/js/order.js"`}, []string{"pay-another-way", "paid-facts"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ta := newTestApp(t)
			b := ta.client(t)
			b.signUp("result@example.com")
			wallet := ta.insertWallet(t, ta.buyerID(t, "result@example.com"), "0917****123")
			ref := b.buy("matcha", "1")
			tt.setup(ta, ref, wallet)

			p := b.get("/orders/" + ref)
			assertEqual(t, p.status, http.StatusOK, "result page")
			want := []string{`data-testid="result-status" data-status="` + tt.status + `">` + tt.status + `<`}
			for _, w := range tt.want {
				want = append(want, strings.ReplaceAll(strings.ReplaceAll(w, "REF", ref), ta0Time, ta.now.UTC().Format("2 Jan 2006, 15:04 UTC")))
			}
			assertContains(t, p.body, want...)
			for _, id := range tt.hidden {
				assertHidden(t, p.body, id)
			}
		})
	}
}

// ta0Time stands for the test app's clock, formatted as pages show it.
const ta0Time = "<now>"

// assertHidden fails unless the element with data-testid id, or the form
// around a button, carries the hidden attribute.
func assertHidden(t *testing.T, page, id string) {
	t.Helper()
	i := strings.Index(page, `data-testid="`+id+`"`)
	if i < 0 {
		t.Fatalf("no %s on the page", id)
	}
	start := strings.LastIndex(page[:i], "<")
	if strings.HasPrefix(page[start:], "<button") {
		start = strings.LastIndex(page[:start], "<form")
	}
	tag := page[start:]
	tag = tag[:strings.Index(tag, ">")+1]
	if !strings.Contains(tag, " hidden") {
		t.Fatalf("%s is not hidden: %s", id, tag)
	}
}

// The status long-poll answers at once when the state already differs
// from what the page shows, and otherwise when the payment settles.
func TestOrderStatusLongPoll(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("orderpoll@example.com")
	wallet := ta.insertWallet(t, ta.buyerID(t, "orderpoll@example.com"), "0917****777")
	ref := b.buy("coldbrew", "1")
	attempt := ta.openAttempt(t, ref, wallet)

	var s orderStatus
	p := b.get("/orders/" + ref + "/status?seen=unpaid")
	assertEqual(t, p.status, http.StatusOK, "status")
	if err := json.Unmarshal([]byte(p.body), &s); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, s.Status, "processing", "immediate answer")
	assertEqual(t, s.Headline, "We're confirming your payment with GCash 0917****777…", "headline")

	answered := make(chan page, 1)
	go func() { answered <- b.get("/orders/" + ref + "/status?seen=processing") }()
	select {
	case p := <-answered:
		t.Fatalf("answered before anything changed: %s", p.body)
	case <-time.After(100 * time.Millisecond):
	}
	// Settled behind the app's back (as another instance would): the
	// once-a-second re-check sees it.
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-ID-42")
	select {
	case p := <-answered:
		if err := json.Unmarshal([]byte(p.body), &s); err != nil {
			t.Fatal(err)
		}
		assertEqual(t, s.Status, "paid", "status after settling")
		assertEqual(t, s.PaymentID, "PAY-ID-42", "paymentId")
		assertEqual(t, s.Headline, "Paid", "headline")
		if s.PaidAt == "" || s.PaidAtText == "" {
			t.Fatalf("no payment time: %+v", s)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the long-poll did not answer after the payment settled")
	}

	// Antom's notification settles the payment and wakes the waiter.
	ref = b.buy("coldbrew", "2")
	ta.openAttempt(t, ref, wallet)
	go func() { answered <- b.get("/orders/" + ref + "/status?seen=processing") }()
	time.Sleep(100 * time.Millisecond)
	notice := []byte(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"USER_BALANCE_NOT_ENOUGH","resultStatus":"F","resultMessage":"balance"},` +
		`"paymentRequestId":"PR-` + ref + `-TEST","paymentId":"PAY-ID-43","paymentAmount":{"currency":"USD","value":"2582"}}`)
	rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), notice))
	assertEqual(t, rec.Code, http.StatusOK, "notification")
	select {
	case p := <-answered:
		var f orderStatus
		if err := json.Unmarshal([]byte(p.body), &f); err != nil {
			t.Fatal(err)
		}
		assertEqual(t, f.Status, "failed", "status after the notification")
		assertEqual(t, f.Detail, "Your wallet balance is not enough for this payment. Nothing was charged.", "detail")
		assertEqual(t, f.PaymentID, "", "paymentId of a failed payment")
	case <-time.After(5 * time.Second):
		t.Fatal("the long-poll did not answer after the notification")
	}
}

func TestCheckAgain(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")

	p := guest.post("/orders/"+ref+"/check", nil)
	assertEqual(t, p.status, http.StatusSeeOther, "check with no open attempt")
	assertEqual(t, p.location, "/orders/"+ref, "back to the result page")
	if strings.Contains(guest.get(p.location).body, `data-testid="flash"`) {
		t.Fatal("a notice after a check that had nothing to do")
	}

	// A check a moment ago: the buyer is told, Antom is not asked again.
	attempt := ta.openAttempt(t, ref, 0)
	if ok, err := ta.DB.ClaimManualCheck(context.Background(), attempt, ta.now.Add(-time.Minute), ta.now); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	p = guest.post("/orders/"+ref+"/check", nil)
	assertEqual(t, p.status, http.StatusSeeOther, "check too soon")
	assertEqual(t, p.location, "/orders/"+ref, "back to the result page")
	assertContains(t, guest.get(p.location).body, `data-testid="flash"`, "We checked a moment ago.")
}
