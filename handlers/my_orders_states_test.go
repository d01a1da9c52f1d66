package handlers

import (
	"context"
	"net/http"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// My orders reads all the buyer's orders at once; each row says what
// the order read on its own says: its result page's state (read by
// OrderResult, order by order), for one buyer with orders in every state
// the list shows, manual captures and money settled another way
// included.
func TestMyOrdersSaysWhatEachOrderSays(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	b := ta.client(t)
	b.signUp("states@example.com")
	buyer := ta.buyerID(t, "states@example.com")
	wallet := ta.insertWallet(t, buyer, "0917****777")
	want := map[string]string{}

	paid := func(slug string) (string, int64) {
		t.Helper()
		ref := b.buy(slug, "1")
		a := ta.openAttempt(t, ref, wallet)
		ta.settle(t, ref, a, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
		return ref, a
	}
	handled := func(ref string, a, amount int64) {
		t.Helper()
		ta.refund(t, ref, a, amount, db.RefundFail)
		r, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-"+itoa(amount))
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := ta.DB.MarkRefundHandled(ctx, r.ID, "staff", "cash", ta.now); err != nil || !ok {
			t.Fatalf("mark handled: %v %v", ok, err)
		}
	}
	amount := func(ref string) int64 { return ta.order(t, ref).Amount }

	want[b.buy("mug", "1")] = "unpaid"
	ref := b.buy("coffee", "1")
	ta.openAttempt(t, ref, wallet)
	want[ref] = "processing"
	ref = b.buy("mug", "1")
	ta.settle(t, ref, ta.openAttempt(t, ref, wallet), db.AttemptFail, "USER_BALANCE_NOT_ENOUGH", "")
	want[ref] = "failed"
	ref, _ = paid("matcha")
	want[ref] = "paid"
	ref, a := paid("coffee")
	ta.refund(t, ref, a, 100, db.RefundSuccess)
	ta.refund(t, ref, a, 200, db.RefundProcessing)
	want[ref] = "partially-refunded"
	ref, a = paid("notebook")
	ta.refund(t, ref, a, amount(ref), db.RefundSuccess)
	want[ref] = "refunded"
	ref, a = paid("coffee")
	ta.refund(t, ref, a, 300, db.RefundProcessing)
	ta.refund(t, ref, a, 400, db.RefundFail)
	want[ref] = "paid" // nothing refunded yet, nothing settled
	ref, a = paid("coffee")
	handled(ref, a, 300)
	want[ref] = "partly-settled"
	ref, a = paid("mug")
	handled(ref, a, amount(ref))
	want[ref] = "settled"
	ref, a = paid("coffee")
	ta.refund(t, ref, a, 100, db.RefundSuccess)
	handled(ref, a, 300)
	want[ref] = "partially-refunded" // a refund through Antom decides
	ref = b.buy("furoshiki", "1")
	ta.cardAttempt(t, ref, antom.CaptureAutomatic, 14*time.Minute)
	want[ref] = "card-page"
	ref = b.buy("coffee", "1")
	ta.settle(t, ref, ta.cardAttempt(t, ref, antom.CaptureAutomatic, 14*time.Minute), db.AttemptCancelled, "ORDER_IS_CANCELED", "")
	want[ref] = "cancelled"
	ref = b.buy("teapot", "1")
	ta.authorizeCard(t, ref, ta.cardAttempt(t, ref, antom.CaptureManual, 14*time.Minute))
	want[ref] = "authorized"
	ref = b.buy("teapot", "1") // captured in part, all of that refunded
	a = ta.cardAttempt(t, ref, antom.CaptureManual, 14*time.Minute)
	ta.authorizeCard(t, ref, a)
	ta.capture(t, ref, a, amount(ref)/2)
	ta.refund(t, ref, a, amount(ref)/2, db.RefundSuccess)
	want[ref] = "refunded"
	ref = b.buy("teapot", "1") // captured in part, some of that settled another way
	a = ta.cardAttempt(t, ref, antom.CaptureManual, 14*time.Minute)
	ta.authorizeCard(t, ref, a)
	ta.capture(t, ref, a, amount(ref)/2)
	handled(ref, a, 500)
	want[ref] = "partly-settled"
	ref = b.buy("teapot", "1") // captured in part, all of that settled another way
	a = ta.cardAttempt(t, ref, antom.CaptureManual, 14*time.Minute)
	ta.authorizeCard(t, ref, a)
	ta.capture(t, ref, a, amount(ref)/2)
	handled(ref, a, amount(ref)/2)
	want[ref] = "settled"

	p := b.get("/orders")
	assertEqual(t, p.status, http.StatusOK, "status")
	states, refs := orderRows(t, p.body)
	assertEqual(t, len(refs), len(want), "rows")
	seen := map[string]bool{}
	for ref, state := range want {
		assertEqual(t, states[ref], state, "My orders: "+ref)
		m := resultStatusRE.FindStringSubmatch(b.get("/orders/" + ref).body)
		if m == nil || m[1] != states[ref] {
			t.Errorf("%s: My orders says %s, its result page %v", ref, states[ref], m)
		}
		seen[state] = true
	}
	assertEqual(t, len(seen), 11, "states shown")
}
