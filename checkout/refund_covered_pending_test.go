package checkout

import (
	"errors"
	"strings"
	"testing"
)

// A new refund still processing that the books count towards an earlier
// failed refund covers that part, it does not make it: should Antom fail
// it, the whole failure is owed again. So while it processes, the failure
// is not settled another way nor tried again (refused as waiting, nothing
// marked or sent), and the order page says which refund covers it; once
// Antom made that refund, settling what is still owed goes through.
func TestAFailureCoveredByARefundStillProcessingWaits(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "covered-pending@example.com")
	first := e.refundClosedByUs(o.Ref) // $1.00; refunds stay processing an hour now
	e.lookedUpAbsent(first)
	covering, err := e.refund(o.Ref, "0.40")
	check(t, err)
	assertEqual(t, covering.Status, RefundProcessing, "the later refund")

	var conflict *ConflictError
	for name, act := range map[string]func() error{
		"confirm settling": func() error {
			_, err := e.svc.HandledFailedRefund(e.ctx, "staff@example.com", o.Ref, first.ID, "bank transfer")
			return err
		},
		"settle": func() error {
			return e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, first.ID, "bank transfer", "60")
		},
		"confirm retrying": func() error { _, err := e.svc.RetryableRefund(e.ctx, o.Ref, first.ID); return err },
	} {
		if err := act(); !errors.As(err, &conflict) || !conflict.Waits ||
			!strings.Contains(conflict.Message, covering.RefundRequestID+", still processing at Antom, covers part of the failed refund") {
			t.Fatalf("%s while the covering refund processes: %v", name, err)
		}
	}
	if e.timelineHas(o.Ref, "handled another way: bank transfer") {
		t.Fatal("marked handled while the covering refund processes")
	}
	for _, r := range e.adminOrder(o.Ref).Refunds {
		if r.ID == first.ID {
			assertEqual(t, r.CoveredBy, covering.RefundRequestID, "the failure's covering refund")
			assertEqual(t, r.Owed.String(), "$0.60", "owed of the failure")
		}
	}

	e.notifyRefund(covering, "SUCCESS")
	for _, r := range e.adminOrder(o.Ref).Refunds {
		if r.ID == first.ID {
			assertEqual(t, r.CoveredBy, "", "covered once the refund is made")
		}
	}
	check(t, e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, first.ID, "bank transfer", "60"))
}
