package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// A timeline shows events in the order they happened, even within the
// same second: an Antom call takes its place when it is sent, so the
// notification that arrived before its answer comes after it.
func TestTimelinePlacesACallWhereItStarted(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, _ := payer(t, e, "order@example.com")
	o := e.order(b, "coffee", 1)

	// Pay's answer waits until the payment's notification is applied.
	e.holdPayAnswers(func() { e.verdicts("PAYMENT_RESULT", 1) })

	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{ClientIP: "203.0.113.7"})
	check(t, err)
	e.waitOrder(b, o.Ref, db.OrderPaid)
	var kinds []string
	var call string
	callAt, noticeAt := -1, -1
	for i, ev := range e.adminOrder(o.Ref).Timeline {
		kinds = append(kinds, ev.Kind+": "+ev.Detail)
		switch ev.Kind {
		case EventAntomCall:
			call, callAt = ev.Detail, i
		case EventNotification:
			noticeAt = i
		}
	}
	if callAt < 0 || noticeAt < 0 || callAt > noticeAt {
		t.Fatalf("the pay call is not before the notification that overtook its answer:\n%s", strings.Join(kinds, "\n"))
	}
	if !strings.HasPrefix(call, "pay PR-"+o.Ref) || !strings.Contains(call, "→ Antom answered S/SUCCESS in ") {
		t.Fatalf("the call's line says %q, not how it ended", call)
	}
}

// An inquiry's line says the payment's status, not just the call's
// result: a payment still PROCESSING is never shown as "S/SUCCESS" alone
// (the call succeeding is not the payment succeeding).
func TestTimelineInquirySaysThePaymentStatus(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "inquiry@example.com")
	o := e.orderPriced(b, e.order(b, "coffee", 1), "magic93") // stays PROCESSING at the sandbox
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	e.later(2 * time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	var inquiries []string
	for _, ev := range e.adminOrder(o.Ref).Timeline {
		if ev.Kind == EventAntomCall && strings.HasPrefix(ev.Detail, "inquiryPayment ") {
			inquiries = append(inquiries, ev.Detail)
		}
	}
	if len(inquiries) == 0 {
		t.Fatal("no inquiryPayment on the timeline")
	}
	for _, line := range inquiries {
		if !strings.Contains(line, "→ paymentStatus PROCESSING; Antom answered S/SUCCESS in ") {
			t.Fatalf("the inquiry's line says %q, not the payment's status", line)
		}
	}
}
