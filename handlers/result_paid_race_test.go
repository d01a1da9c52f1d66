package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// A buyer pays on the card page at nearly the moment they press "pay
// another way": Antom takes the payment and our cancel gives it back
// (API.md §5.5). Whichever of the cancel's answer and Antom's
// PAYMENT_RESULT / CAPTURE_RESULT lands first, the result page says the
// money went back — never "you were not charged", nor does the checkout
// page the buyer pays again on — and staff find
// nothing quarantined.
func TestResultSaysTheMoneyWentBackWhateverArrivesFirst(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	ctx := context.Background()
	notify := func(body string) {
		t.Helper()
		rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body)))
		assertEqual(t, rec.Code, http.StatusOK, "notification acknowledged")
	}
	paid := func(ref string, o db.Order) string {
		return fmt.Sprintf(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},`+
			`"paymentRequestId":"PR-%s-CARD","paymentId":"PAY-%s","paymentAmount":{"currency":"%s","value":"%d"},"paymentTime":"2026-08-17T12:00:02+08:00"}`,
			ref, ref, o.Currency, o.Amount)
	}
	captured := func(ref string, o db.Order) string {
		return fmt.Sprintf(`{"notifyType":"CAPTURE_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},`+
			`"paymentId":"PAY-%s","captureId":"CAP-%s","captureAmount":{"currency":"%s","value":"%d"}}`, ref, ref, o.Currency, o.Amount)
	}
	leftCardPage := func() (string, int64, db.Order) {
		t.Helper()
		ref := guest.buy("mug", "1")
		id := ta.cardAttempt(t, ref, "AUTOMATIC", 14*time.Minute)
		if err := ta.DB.SetAttemptPaymentID(ctx, id, "PAY-"+ref, ta.now); err != nil {
			t.Fatal(err)
		}
		if ok, err := ta.DB.RequestCancel(ctx, id, "", ta.now); err != nil || !ok {
			t.Fatalf("ask cancel: %v %v", ok, err)
		}
		return ref, id, ta.order(t, ref)
	}
	wentBack := func(ref string, o db.Order, what string) {
		t.Helper()
		d := html(t, guest.get("/orders/"+ref).body)
		assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "cancelled", what+": state")
		detail := textOf(t, d, "result-detail")
		if !strings.Contains(detail, "Your payment went through and was then cancelled") || !strings.Contains(detail, "went back to you") {
			t.Errorf("%s: result says %q", what, detail)
		}
		if strings.Contains(detail, "not charged") {
			t.Errorf("%s: result says the buyer was not charged: %q", what, detail)
		}
		// The checkout page, where "pay another way" leads, says the same.
		c := html(t, guest.get("/checkout/"+ref).body)
		last := textOf(t, c, "last-attempt")
		if !strings.Contains(last, "Your last payment went through and was then cancelled") || !strings.Contains(last, "went back to you") ||
			strings.Contains(last, "not charged") {
			t.Errorf("%s: checkout says %q", what, last)
		}
		assertEqual(t, ta.order(t, ref).Status, db.OrderOpen, what+": order")
		assertEqual(t, ta.count(t, `SELECT COUNT(*) FROM notifications WHERE verdict = 'quarantined'`), 0, what+": quarantined")
	}

	// The cancel's S first (the attempt CANCELLED, as Antom confirmed),
	// then PAYMENT_RESULT S, then CAPTURE_RESULT S.
	ref, id, o := leftCardPage()
	if ok, err := ta.DB.SetCancelStatus(ctx, id, db.CancelSuccess, time.Time{}, ta.now); err != nil || !ok {
		t.Fatalf("cancel confirmed: %v %v", ok, err)
	}
	ta.settle(t, ref, id, db.AttemptCancelled, "ORDER_IS_CANCELED", "")
	notify(paid(ref, o))
	notify(captured(ref, o))
	wentBack(ref, o, "cancel's answer first")

	// PAYMENT_RESULT S first (the order paid), then the cancel's S (as
	// the domain applies it: cancelled after payment, order OPEN), then
	// CAPTURE_RESULT S.
	ref, id, o = leftCardPage()
	notify(paid(ref, o))
	assertEqual(t, ta.order(t, ref).Status, db.OrderPaid, "paid before the cancel lands")
	if ok, err := ta.DB.CancelPaidAttempt(ctx, id, ta.now); err != nil || !ok {
		t.Fatalf("cancel after payment: %v %v", ok, err)
	}
	if ok, err := ta.DB.SetOrderStatus(ctx, o.ID, db.OrderPaid, db.OrderOpen, ta.now); err != nil || !ok {
		t.Fatalf("order to OPEN: %v %v", ok, err)
	}
	notify(captured(ref, o))
	wentBack(ref, o, "notification first")
}

// The tab that came back from the card page shows the payment paid while
// our cancel (the buyer's "pay another way" in another tab) is still
// unanswered: that page is not final. It says the cancel is being
// checked, offers no receipt and keeps waiting; its poll brings the money
// gone back when the cancel lands, or paid for good when the doubt ends
// without it.
func TestResultTabWaitsWhileOurCancelMayReverseThePayment(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	ctx := context.Background()
	paidWhileCancelling := func() (string, int64, db.Order) {
		t.Helper()
		ref := guest.buy("mug", "1")
		id := ta.cardAttempt(t, ref, "AUTOMATIC", 14*time.Minute)
		if _, err := ta.DB.MarkAbandoned(ctx, id, ta.now); err != nil {
			t.Fatal(err)
		}
		if ok, err := ta.DB.RequestCancel(ctx, id, "", ta.now); err != nil || !ok {
			t.Fatalf("ask cancel: %v %v", ok, err)
		}
		ta.settle(t, ref, id, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
		a, err := ta.DB.AttemptByID(ctx, id)
		if err != nil || a.CancelStatus != db.CancelInDoubt {
			t.Fatalf("cancel after the success: %q %v", a.CancelStatus, err)
		}
		return ref, id, ta.order(t, ref)
	}
	type status struct{ Status, Key, HTML string }
	poll := func(ref, seen string) status {
		t.Helper()
		var s status
		if err := json.Unmarshal([]byte(guest.get("/orders/"+ref+"/status?seen="+url.QueryEscape(seen)).body), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	inDoubt := func(ref string) string {
		t.Helper()
		d := html(t, guest.get("/orders/"+ref).body)
		res := testid(d, "result")
		assertEqual(t, res.AttrOr("data-status", ""), "paid", "in doubt: state")
		assertEqual(t, res.AttrOr("data-waiting", ""), "true", "in doubt: the page waits")
		if n := testid(d, "cancel-in-doubt"); !strings.Contains(n.Text(), "We are checking with Antom whether your choice cancelled it") {
			t.Errorf("in doubt: notice %q", n.Text())
		}
		assertEqual(t, testid(d, "print-receipt").Length(), 0, "in doubt: a receipt")
		assertEqual(t, testid(d, "left-but-paid").Length(), 0, "in doubt: said to stand")
		return res.AttrOr("data-key", "")
	}

	// The cancel lands: the money went back.
	ref, id, o := paidWhileCancelling()
	key := inDoubt(ref)
	if ok, err := ta.DB.CancelPaidAttempt(ctx, id, ta.now); err != nil || !ok {
		t.Fatalf("cancel after payment: %v %v", ok, err)
	}
	if ok, err := ta.DB.SetOrderStatus(ctx, o.ID, db.OrderPaid, db.OrderOpen, ta.now); err != nil || !ok {
		t.Fatalf("order to OPEN: %v %v", ok, err)
	}
	s := poll(ref, key)
	if s.Status != "cancelled" || !strings.Contains(s.HTML, "went back to you") || !strings.Contains(s.HTML, `data-waiting="false"`) {
		t.Fatalf("the poll after the cancel landed: %s %s", s.Status, s.HTML)
	}

	// The doubt ends without a cancel: paid, final.
	ref, id, _ = paidWhileCancelling()
	key = inDoubt(ref)
	if ok, err := ta.DB.EndCancelDoubt(ctx, id, db.CancelFail, ta.now); err != nil || !ok {
		t.Fatalf("end doubt: %v %v", ok, err)
	}
	s = poll(ref, key)
	if s.Status != "paid" || strings.Contains(s.HTML, "cancel-in-doubt") || !strings.Contains(s.HTML, `data-waiting="false"`) {
		t.Fatalf("the poll after the doubt ended: %s %s", s.Status, s.HTML)
	}
	if !strings.Contains(s.HTML, "You chose to pay another way, but this card payment went through all the same, so it stands") {
		t.Fatalf("the poll after the doubt ended does not say why the payment stands: %s", s.HTML)
	}
	d := html(t, guest.get("/orders/"+ref).body)
	assertEqual(t, testid(d, "print-receipt").Length(), 1, "paid for good: a receipt")
	assertEqual(t, testid(d, "left-but-paid").Length(), 1, "paid for good: why the payment stands")
}
