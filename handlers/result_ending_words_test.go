package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
	"antom-checkout/views"
)

// The words of a payment we closed ourselves ("When its time ran out …
// We keep checking for a day …") follow how a payment ended, never its
// result code alone. Antom's own F ORDER_NOT_EXIST on pay — which the
// sandbox's control no longer arms (Antom's pay never answers it), so a
// stand-in pay gives it here, as an F code the app did not expect —
// leaves the order open with nothing closed by us and nothing watched:
// the result page, the checkout page, My orders and staff's order page
// call it failed, with a decline's words that say nothing was charged.
func TestPayRefusedByAntomHasNoClosedByUsWords(t *testing.T) {
	sa := newSandboxApp(t)
	ctx := context.Background()
	_, err := sa.Checkout.EnsureFirstStaff(ctx, staffEmail, staffPassword)
	check(t, err)
	const email = "refused.notfound@example.com"
	b := sa.client(t)
	b.signUp(email)
	sa.linkDANA(t, sa.buyerID(t, email))
	ref := b.buy("coffee", "1")
	ws, err := sa.DB.BuyerWallets(ctx, sa.buyerID(t, email), db.WalletActive)
	check(t, err)

	sa.sb.Handle("payments/pay", func(context.Context, *sandbox.Call) (any, error) {
		return antom.PayResponse{Result: antom.Result{ResultCode: antom.CodeOrderNotExist, ResultStatus: antom.StatusFail, ResultMessage: "no such payment"}}, nil
	})
	if p := b.post("/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(ws[0].ID)}}); p.status != http.StatusSeeOther {
		t.Fatalf("pay: %d %s", p.status, p.body)
	}
	sa.Checkout.Wait()
	a, err := sa.DB.LatestAttempt(ctx, sa.order(t, ref).ID)
	check(t, err)
	assertEqual(t, a.Status+"/"+a.ResultCode+"/"+a.FinalSource, "FAIL/ORDER_NOT_EXIST/ANTOM", "the payment Antom refused")
	assertEqual(t, a.NextCheckAt.IsZero(), true, "nothing watches a payment Antom refused")

	const decline = "The payment service could not process this payment. Nothing was charged. Please try again or pay another way."
	d := html(t, b.get("/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "result-status"), "Failed", "the result page's badge")
	assertEqual(t, textOf(t, d, "result-headline-text"), "The payment did not go through", "the result page's headline")
	assertEqual(t, textOf(t, d, "result-detail"), decline, "the result page's words")
	assertEqual(t, textOf(t, html(t, b.get("/checkout/"+ref).body), "last-attempt"), "Your last payment did not go through. "+decline, "the checkout page's words")
	words, states := listedBadges(t, b.get("/orders").body, "order-row-ref")
	assertEqual(t, words[ref]+"/"+states[ref], "Failed/failed", "My orders")

	staff := sa.client(t)
	staff.staffSignIn()
	sd := html(t, staff.get("/admin/orders/"+ref).body)
	if got := textOf(t, sd, "order-status"); strings.Contains(got, "closed by us") || strings.Contains(got, "not confirmed") {
		t.Fatalf("the staff order page's badge: %q", got)
	}
	if n := testid(sd, "attempt-unconfirmed").Length(); n != 0 {
		t.Fatalf("the staff order page calls Antom's refusal closed by us (%d)", n)
	}
}

// A payment we closed ourselves promises a day-long watch only while the
// reconciler keeps it: a day after it was made (lateWatch) the result and
// checkout pages say that nothing turned up and nothing was charged,
// instead of "We keep checking for a day"; staff's order page says the
// attempt was watched until when, and a late success still pays the
// order, then, in the past, that it was watched a day and none came.
func TestClosedByUsWordsEndWithTheWatch(t *testing.T) {
	sa := newSandboxApp(t)
	ctx := context.Background()
	const email = "closed.watch@example.com"
	b := sa.client(t)
	b.signUp(email)
	sa.linkDANA(t, sa.buyerID(t, email))
	ref := b.buy("coffee", "1")
	ws, err := sa.DB.BuyerWallets(ctx, sa.buyerID(t, email), db.WalletActive)
	check(t, err)

	sa.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NotFoundNext: 40})
	sa.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	sa.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{ServerErrorNext: 4})
	if p := b.post("/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(ws[0].ID)}}); p.status != http.StatusSeeOther {
		t.Fatalf("pay: %d %s", p.status, p.body)
	}
	sa.reconcileAt(t, 2*time.Minute) // past the payment's expiry: Antom shows no such payment
	a, err := sa.DB.LatestAttempt(ctx, sa.order(t, ref).ID)
	check(t, err)
	assertEqual(t, a.Status+"/"+a.ResultCode+"/"+a.FinalSource, "FAIL/ORDER_NOT_EXIST/OURS", "the payment closed by us")

	d := html(t, b.get("/orders/"+ref).body)
	if got := textOf(t, d, "result-detail"); !strings.Contains(got, "We keep checking for a day") {
		t.Fatalf("while watched, the result page says: %q", got)
	}
	_, err = sa.Checkout.EnsureFirstStaff(ctx, staffEmail, staffPassword)
	check(t, err)
	staff := sa.client(t)
	staff.staffSignIn()
	ends := asRead(views.AdminTime(nil, a.CreatedAt.Add(24*time.Hour)))
	assertEqual(t, textOf(t, html(t, staff.get("/admin/orders/"+ref).body), "attempt-unconfirmed"),
		"closed by us, not confirmed by Antom: it had no record of the payment past its expiry; watched for a late success until "+ends+": one still pays the order or is given back",
		"the staff order page while watched")

	sa.reconcileAt(t, 25*time.Hour) // the watch ends
	const ended = "When its time ran out, the payment service had no record of this payment, and none showed up in the day we kept checking: nothing was charged. You can pay again."
	d = html(t, b.get("/orders/"+ref).body)
	assertEqual(t, textOf(t, d, "result-status"), "Not confirmed", "the result page's badge")
	assertEqual(t, textOf(t, d, "result-detail"), ended, "the result page's words once the watch is over")
	assertEqual(t, textOf(t, html(t, b.get("/checkout/"+ref).body), "last-attempt"), "Your last payment could not be confirmed. "+ended, "the checkout page's words")
	assertEqual(t, textOf(t, html(t, staff.get("/admin/orders/"+ref).body), "attempt-unconfirmed"),
		"closed by us, not confirmed by Antom: it had no record of the payment past its expiry; watched a day for a late success, none came (watch ended "+ends+")",
		"the staff order page once the watch is over: in the past")
}
