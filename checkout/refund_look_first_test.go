package checkout

import (
	"errors"
	"strings"
	"testing"

	"antom-checkout/db"
)

// A refund we closed as failed ourselves may yet be made by Antom:
// marking it handled another way (money given to the buyer outside
// Antom) would then pay the buyer twice, as a retry would. So neither its
// confirmation nor the marking itself goes on — whatever the note says —
// until a Refund lookup since we closed it said Antom has no such refund;
// then both do.
func TestRefundClosedByUsIsSettledAnotherWayOnlyAfterALookup(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "handled-look-first@example.com")
	first := e.refundClosedByUs(o.Ref)

	var conflict *ConflictError
	for _, note := range []string{"bank transfer", ""} {
		if _, err := e.svc.HandledFailedRefund(e.ctx, "staff@example.com", o.Ref, first.ID, note); !errors.As(err, &conflict) ||
			!strings.Contains(conflict.Message, "look it up first") || !strings.Contains(conflict.Message, "marked handled another way once the lookup") {
			t.Fatalf("the confirmation before a lookup (note %q): %v", note, err)
		}
	}
	if err := e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, first.ID, "bank transfer", ""); !errors.As(err, &conflict) ||
		!strings.Contains(conflict.Message, "Nothing was changed") {
		t.Fatalf("marking it before a lookup: %v", err)
	}
	r := e.adminOrder(o.Ref).Refunds[0]
	assertDeep(t, []any{r.OpenFailure, r.LookFirst, r.HandledBy}, []any{true, true, ""}, "still open, not handled")
	if e.timelineHas(o.Ref, "handled another way") {
		t.Fatal("the timeline says it was handled")
	}

	e.lookedUpAbsent(first)
	_, err := e.svc.HandledFailedRefund(e.ctx, "staff@example.com", o.Ref, first.ID, "bank transfer")
	check(t, err)
	check(t, e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, first.ID, "bank transfer", ""))
	r = e.adminOrder(o.Ref).Refunds[0]
	assertDeep(t, []any{r.OpenFailure, r.HandledBy}, []any{false, staffActor}, "handled once looked up")
}

// While a refund we closed as failed ourselves is an open failure with no
// lookup saying Antom has none, a new refund of the payment could count
// as making it good (refunds make good the oldest unmet failures first),
// whatever its amount: if Antom then made the one we closed, the buyer
// would get it twice. So the order does not offer the Refund form (it
// names the refund to look up), and a new refund is refused at its
// confirmation and when sent — nothing sent, nothing stored — until a
// lookup says Antom has none. What may be refunded is not changed by it.
func TestNoNewRefundWhileARefundClosedByUsWaitsForItsLookup(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "new-look-first@example.com")
	first := e.refundClosedByUs(o.Ref)
	d := e.adminOrder(o.Ref)
	assertDeep(t, []any{d.CanRefund, d.NewRefundWaitsFor, d.RefundOffered(), d.Refundable},
		[]any{true, []string{first.RefundRequestID}, false, Money{"USD", 3700}}, "the order page before a lookup")

	sent := e.sb.Calls("payments/refund")
	var conflict *ConflictError
	for _, amount := range []string{"1", "5", "37"} { // its own amount, another, all
		key, err := NewRefundKey()
		check(t, err)
		in := RefundInput{Amount: amount, Key: key}
		if _, err := e.svc.PreviewRefund(e.ctx, o.Ref, in); !errors.As(err, &conflict) ||
			!strings.Contains(conflict.Message, "A new refund can be made once the lookup says Antom has no such refund") {
			t.Fatalf("the confirmation of $%s before a lookup: %v", amount, err)
		}
		if _, _, err := e.svc.RefundOrder(e.ctx, staffActor, o.Ref, in); !errors.As(err, &conflict) ||
			!strings.Contains(conflict.Message, "Nothing was sent") {
			t.Fatalf("a refund of $%s before a lookup: %v", amount, err)
		}
	}
	assertEqual(t, e.sb.Calls("payments/refund")-sent, 0, "refunds sent before the lookup")
	assertEqual(t, len(e.adminOrder(o.Ref).Refunds), 1, "refunds stored before the lookup")

	e.lookedUpAbsent(first)
	d = e.adminOrder(o.Ref)
	assertDeep(t, []any{d.NewRefundWaitsFor, d.RefundOffered()}, []any{[]string(nil), true}, "the order page once looked up")
	key, err := NewRefundKey()
	check(t, err)
	p, err := e.svc.PreviewRefund(e.ctx, o.Ref, RefundInput{Amount: "5", Key: key})
	check(t, err)
	assertEqual(t, p.Amount, Money{"USD", 500}, "the confirmation once looked up")
	_, _, err = e.svc.RefundOrder(e.ctx, staffActor, o.Ref, RefundInput{Amount: "5", Key: key})
	check(t, err)
	assertEqual(t, e.sb.Calls("payments/refund")-sent, 1, "the refund sent once looked up")
}

// A refund Antom itself failed (its F: final_source ANTOM) was never made
// and never will be: it holds back no new refund, and it may be settled
// another way at once.
func TestRefundAntomFailedHoldsNothingBack(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "antom-failed@example.com")
	ord, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	a, err := e.db.SuccessfulAttempt(e.ctx, ord.ID)
	check(t, err)
	now := e.svc.now()
	id, err := e.db.InsertRefund(e.ctx, db.Refund{OrderID: ord.ID, AttemptID: a.ID, RefundRequestID: "RF-" + o.Ref + "-ANTOMF",
		Currency: a.Currency, Amount: 300, Status: db.RefundProcessing, NextCheckAt: now, CreatedBy: staffActor, CreatedAt: now})
	check(t, err)
	ok, err := e.db.SettleRefund(e.ctx, id, db.RefundProcessing, "", db.RefundFail, "RISK_REJECT", "", db.SourceAntom, now, now)
	if err != nil || !ok {
		t.Fatalf("settle: %v %v", ok, err)
	}
	d := e.adminOrder(o.Ref)
	assertDeep(t, []any{d.Refunds[0].OpenFailure, d.Refunds[0].LookFirst, d.NewRefundWaitsFor, d.RefundOffered()},
		[]any{true, false, []string(nil), true}, "an open failure Antom decided")
	key, err := NewRefundKey()
	check(t, err)
	_, err = e.svc.PreviewRefund(e.ctx, o.Ref, RefundInput{Amount: "1", Key: key})
	check(t, err)
	_, err = e.svc.HandledFailedRefund(e.ctx, "staff@example.com", o.Ref, id, "cash")
	check(t, err)
}

// The transaction that stores a new refund checks again that no failed
// refund we closed ourselves waits for its lookup: one the reconciler
// closed after the form was checked (newRefundRow) still holds the new
// refund back, with nothing stored or sent.
func TestNewRefundIsHeldBackInTheTransactionThatStoresIt(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "look-first-tx@example.com")
	ord, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	key, err := NewRefundKey()
	check(t, err)
	reqID, err := refundRequestID(o.Ref, key)
	check(t, err)
	row, a, err := e.svc.newRefundRow(e.ctx, ord, reqID, staffActor, RefundInput{Amount: "5", Key: key})
	check(t, err) // checked while nothing failed
	e.refundClosedByUs(o.Ref)
	sent := e.sb.Calls("payments/refund")
	var conflict *ConflictError
	if _, _, _, err := e.svc.insertRefund(e.ctx, ord, a, row, staffActor, nil); !errors.As(err, &conflict) ||
		!strings.Contains(conflict.Message, "A new refund can be made once the lookup") {
		t.Fatalf("storing it: %v", err)
	}
	if _, err := e.db.RefundByRequestID(e.ctx, reqID); !errors.Is(err, db.ErrNotFound) {
		t.Fatalf("the refund held back was stored: %v", err)
	}
	assertEqual(t, e.sb.Calls("payments/refund")-sent, 0, "refunds sent")
}

// The transaction that stores a retry reads its failed refund again: one
// a lookup said Antom had not made, then found processing at Antom since
// the retry's confirmation was checked (db.FoundProcessing forgets the
// lookup), holds the retry back, with nothing stored.
func TestRetryIsHeldBackInTheTransactionThatStoresIt(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "look-first-retry-tx@example.com")
	first := e.refundClosedByUs(o.Ref)
	failed, err := e.db.RefundByID(e.ctx, first.ID)
	check(t, err)
	if ok, err := e.db.LookedAbsent(e.ctx, failed.ID, staffActor, e.svc.now()); err != nil || !ok {
		t.Fatalf("looked absent: %v %v", ok, err)
	}
	checked, err := e.db.RefundByID(e.ctx, failed.ID) // as the retry's confirmation read it
	check(t, err)
	if ok, err := e.db.FoundProcessing(e.ctx, failed.ID, "", e.svc.now()); err != nil || !ok {
		t.Fatalf("found processing: %v %v", ok, err)
	}
	before := len(e.adminOrder(o.Ref).Refunds)
	var conflict *ConflictError
	err = e.db.Tx(e.ctx, func(q *db.Queries) error {
		_, err := e.svc.retryAmount(e.ctx, q, &retryOf{failed: checked}, checked.AttemptID)
		return err
	})
	if !errors.As(err, &conflict) || !strings.Contains(conflict.Message, "a retry before could refund the buyer twice. Nothing was sent.") {
		t.Fatalf("the retry's amount, read in its transaction: %v", err)
	}
	assertEqual(t, len(e.adminOrder(o.Ref).Refunds), before, "refunds stored")
}
