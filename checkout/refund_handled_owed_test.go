package checkout

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Marking a failed refund handled another way holds to what its
// confirmation said is still owed: a refund made since that counted
// towards it (here $0.40 of a $1.00 failure) changes what staff settle,
// so the confirmed mark is refused, saying what is owed now, and nothing
// is marked; confirmed again with that figure, it is marked, and the
// timeline says how much of the failure was still owed.
func TestHandledAnotherWayHoldsToTheOwedItConfirmed(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "handled-owed@example.com")
	first := e.refundClosedByUs(o.Ref)
	e.lookedUpAbsent(first)
	info, err := e.svc.HandledFailedRefund(e.ctx, "staff@example.com", o.Ref, first.ID, "bank transfer")
	check(t, err)
	confirmed := fmt.Sprint(info.Owed.Minor) // as the confirmation's form carries it
	assertEqual(t, confirmed, "100", "owed when confirmed")

	later, err := e.refund(o.Ref, "0.40") // counted towards the failure
	check(t, err)
	e.notifyRefund(later, "SUCCESS") // made (while processing it only covers: TestAFailureCoveredByARefundStillProcessingWaits)
	var conflict *ConflictError
	if err := e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, first.ID, "bank transfer", confirmed); !errors.As(err, &conflict) ||
		!strings.Contains(conflict.Message, "it is now $0.60. Nothing was marked") {
		t.Fatalf("marking it with the owed it was confirmed with: %v", err)
	}
	if e.timelineHas(o.Ref, "handled another way: bank transfer") {
		t.Fatal("the timeline says it was handled")
	}
	check(t, e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, first.ID, "bank transfer", "60"))
	if !e.timelineHas(o.Ref, "of $1.00 ($0.60 of it still owed) handled another way: bank transfer") {
		t.Fatal("the timeline does not say how much was still owed")
	}
}
