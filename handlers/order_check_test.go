package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/lang"
)

// shortWait is the tests' Options.ActionWait where another worker holds
// the lease throughout: the wait ends unanswered whatever its length, so
// the default 3 s only spent wall time.
func shortWait(o *checkout.Options) { o.ActionWait = 20 * time.Millisecond }

// "Check again" that gets no answer within the wait — here another
// worker holds the attempt's lease throughout — says that Antom is still
// being asked, not that it answered "no result yet".
func TestCheckAgainStillAsking(t *testing.T) {
	ta := newTestAppWith(t, shortWait)
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")
	attempt := ta.openAttempt(t, ref, 0)
	work := fmt.Sprintf("attempt:%d", attempt) // checkout's lease on the attempt
	if ok, err := ta.DB.ClaimLease(context.Background(), work, "other instance", ta.now, ta.now.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("claim the lease: %v %v", ok, err)
	}

	p := guest.post("/orders/"+ref+"/check", nil)
	assertEqual(t, p.status, http.StatusSeeOther, "check while Antom is being asked")
	assertEqual(t, resultAt(p.location), "/orders/"+ref, "back to the result page")
	d := html(t, guest.get(p.location).body)
	assertEqual(t, textOf(t, d, "result-notice"),
		"We are still asking about your payment.", "notice")
}

// "Pay another way" that gets no answer within the wait — here another
// worker holds the card attempt's lease throughout — answers anyway: the
// page says the cancel is not confirmed yet (cancelling) and that Antom
// is still being asked; asked again, that the cancel is not confirmed.
func TestPayAnotherWayStillAsking(t *testing.T) {
	ta := newTestAppWith(t, shortWait)
	guest := ta.client(t)
	ref := guest.buy("mug", "1")
	attempt := ta.cardAttempt(t, ref, "AUTOMATIC", 14*time.Minute)
	work := fmt.Sprintf("attempt:%d", attempt) // checkout's lease on the attempt
	if ok, err := ta.DB.ClaimLease(context.Background(), work, "other instance", ta.now, ta.now.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("claim the lease: %v %v", ok, err)
	}

	p := guest.post("/orders/"+ref+"/pay-another-way", nil)
	assertEqual(t, p.status, http.StatusSeeOther, "pay another way while Antom is being asked")
	assertEqual(t, resultAt(p.location), "/orders/"+ref, "back to the result page")
	d := html(t, guest.get(p.location).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "cancelling", "state")
	assertEqual(t, textOf(t, d, "result-headline-text"), lang.For(lang.English).T("result.head_cancelling"), "headline")
	assertEqual(t, textOf(t, d, "result-notice"), // of the cancel, as the headline: not "asking about your payment"
		"The payment service has not answered yet; we keep asking it about the cancellation.", "notice")

	ta.now = ta.now.Add(10 * time.Second) // past the "asked a moment ago" limit
	p = guest.post("/orders/"+ref+"/pay-another-way", url.Values{"again": {"1"}})
	assertEqual(t, resultAt(p.location), "/orders/"+ref, "asked again")
	d = html(t, guest.get(p.location).body)
	assertEqual(t, textOf(t, d, "result-notice"),
		"We asked again: the cancellation is not confirmed yet. We keep asking.", "notice")
}
