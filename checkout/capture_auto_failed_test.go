package checkout

import (
	"strings"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// Antom's automatic capture applied while the payment was still open,
// then the payment's PAYMENT_RESULT F: the failure is applied as Antom
// says and no money moves, but the contradiction is told — on the
// order's timeline and in the F row's detail, naming the capture and its
// amount — and the capture's inbox row no longer reads plain "applied"
// (FailedSince names the payment).
func TestAutomaticCaptureThenPaymentFailedIsTold(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("auto-then-failed@example.com")
	a := e.waitingCard(b)
	const paymentID = "PAY-AUTO-THEN-FAILED"
	check(t, e.db.SetAttemptPaymentID(e.ctx, a.ID, paymentID, e.svc.now()))
	a, err := e.db.AttemptByID(e.ctx, a.ID)
	check(t, err)
	o, err := e.db.OrderByID(e.ctx, a.OrderID)
	check(t, err)

	e.receiveAs(captureNotice(t, "AUTO-THEN-FAILED", paymentID, "CAPID-THEN-FAILED", antom.MinorAmount(a.Currency, a.Amount)),
		VerdictApplied, "the automatic capture of a payment still open")
	rows := e.captureRowsNow(0)
	captureRow := rows[len(rows)-1].ID
	entry, err := e.svc.NotificationEntry(e.ctx, captureRow)
	check(t, err)
	assertEqual(t, entry.FailedSince, "", "the capture's row before the failure")

	v, detail := e.receive(paymentBody(a, "F", a.Amount))
	assertEqual(t, v, VerdictApplied, "PAYMENT_RESULT F")
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptFail, "the payment")
	const told = "but Antom's automatic capture CAPID-THEN-FAILED of "
	if !strings.Contains(detail, told) || !strings.Contains(detail, "money captured on a payment Antom now says failed") {
		t.Fatalf("the F row's detail %q does not tell the capture", detail)
	}
	if !e.timelineHas(o.Ref, "money captured on a payment Antom now says failed") || !e.timelineHas(o.Ref, told) {
		t.Fatal("the order's timeline does not tell the capture of a payment that failed")
	}
	entry, err = e.svc.NotificationEntry(e.ctx, captureRow)
	check(t, err)
	assertEqual(t, entry.Verdict, VerdictApplied, "the capture's row verdict")
	assertEqual(t, entry.FailedSince, a.PaymentRequestID, "the capture's row: failed since")
	m := e.adminOrder(o.Ref)
	assertEqual(t, len(m.Refunds), 0, "refunds")
}

// An automatic capture applied, then the payment's PAYMENT_RESULT F: staff
// are told where they look, not only on the timeline and in the inbox —
// the order's page names the capture and its amount
// (AdminOrder.AutoCapturesFailed), the dashboard counts the order among
// its open problems, and the orders filter lists it. Before the F, none
// of them does: a capture of a payment still open is no problem.
func TestAutomaticCaptureThenPaymentFailedNeedsStaff(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("auto-failed-staff@example.com")
	a := e.waitingCard(b)
	const paymentID = "PAY-AUTO-FAILED-STAFF"
	check(t, e.db.SetAttemptPaymentID(e.ctx, a.ID, paymentID, e.svc.now()))
	a, err := e.db.AttemptByID(e.ctx, a.ID)
	check(t, err)
	o, err := e.db.OrderByID(e.ctx, a.OrderID)
	check(t, err)
	e.receiveAs(captureNotice(t, "AUTO-FAILED-STAFF", paymentID, "CAPID-FAILED-STAFF", antom.MinorAmount(a.Currency, a.Amount)),
		VerdictApplied, "the automatic capture of a payment still open")
	told := func() (page []AutoCaptureFailed, dash, problems int, listed []string) {
		t.Helper()
		page = e.adminOrder(o.Ref).AutoCapturesFailed
		d, err := e.svc.AdminDashboard(e.ctx)
		check(t, err)
		list, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: FilterAutoCaptureFailed})
		check(t, err)
		for _, it := range list.Items {
			listed = append(listed, it.Ref)
		}
		return page, d.AutoCapturesFailed, d.Problems(), listed
	}
	page, dash, before, listed := told()
	if len(page) != 0 || dash != 0 || len(listed) != 0 {
		t.Fatalf("before the failure: page %+v, dashboard %d, listed %v", page, dash, listed)
	}

	e.receiveAs(paymentBody(a, "F", a.Amount), VerdictApplied, "PAYMENT_RESULT F")
	page, dash, after, listed := told()
	want := AutoCaptureFailed{PaymentRequestID: a.PaymentRequestID, PaymentID: paymentID, CaptureID: "CAPID-FAILED-STAFF", Amount: Money{a.Currency, a.Amount}}
	if len(page) != 1 {
		t.Fatalf("order page: %+v, want the capture", page)
	}
	page[0].CapturedAt = want.CapturedAt
	assertEqual(t, page[0], want, "order page: the capture of a failed payment")
	assertEqual(t, dash, 1, "dashboard: captured, then failed")
	assertEqual(t, after, before+1, "dashboard: open problems")
	if len(listed) != 1 || listed[0] != o.Ref {
		t.Fatalf("the orders filter lists %v, want %s", listed, o.Ref)
	}
}
