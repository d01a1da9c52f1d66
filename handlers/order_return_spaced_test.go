package handlers

import (
	"context"
	"net/http"
	"testing"
	"time"

	"antom-checkout/db"
)

// A buyer (or a script) reloading the return address of an unfinished
// card payment asks Antom once per few seconds, not once per request:
// later returns within that show the state known, and lead to the result
// page as ever. "Check again" counts in the same window; a return after
// it asks again.
func TestReturnFromCardPageInquiresOncePerWindow(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, nil)
	f.answer = map[string]string{"inquiryPayment": inquiryProcessing}
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")
	id := ta.processingAttempt(t, ref, db.Attempt{PaymentRequestID: "PR-" + ref + "-CARD", Method: db.MethodCard,
		ExpiresAt: ta.now.Add(14 * time.Minute)})
	if err := ta.DB.SetAttemptRedirect(context.Background(), id, cardPage, ta.now); err != nil {
		t.Fatal(err)
	}

	for range 20 {
		p := guest.get("/orders/" + ref + "/return")
		assertEqual(t, p.status, http.StatusSeeOther, "the return")
		assertEqual(t, resultAt(p.location), "/orders/"+ref, "where the return leads")
	}
	assertEqual(t, f.count("inquiryPayment"), 1, "inquiries for 20 returns in a row")
	assertEqual(t, guest.post("/orders/"+ref+"/check", nil).status, http.StatusSeeOther, "check again")
	assertEqual(t, f.count("inquiryPayment"), 1, "inquiries once checked again right after")

	ta.now = ta.now.Add(6 * time.Second)
	guest.get("/orders/" + ref + "/return")
	assertEqual(t, f.count("inquiryPayment"), 2, "inquiries once the window has passed")
}
