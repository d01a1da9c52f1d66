package handlers

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// "Check again" that gets no answer within the wait — here another
// worker holds the attempt's lease throughout — says that Antom is still
// being asked, not that it answered "no result yet".
func TestCheckAgainStillAsking(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")
	attempt := ta.openAttempt(t, ref, 0)
	work := fmt.Sprintf("attempt:%d", attempt) // checkout's lease on the attempt
	if ok, err := ta.DB.ClaimLease(context.Background(), work, "other instance", ta.now, ta.now.Add(time.Minute)); err != nil || !ok {
		t.Fatalf("claim the lease: %v %v", ok, err)
	}

	p := guest.post("/orders/"+ref+"/check", nil)
	assertEqual(t, p.status, http.StatusSeeOther, "check while Antom is being asked")
	assertEqual(t, p.location, "/orders/"+ref, "back to the result page")
	d := html(t, guest.get(p.location).body)
	assertEqual(t, textOf(t, d, "result-notice"),
		"We are still asking about your payment. This page shows the answer as soon as it comes.", "notice")
}
