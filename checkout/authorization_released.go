package checkout

import (
	"context"
	"fmt"
	"strings"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// cancelledAuthorizationIn applies, inside the caller's transaction,
// Antom's word that a cancel of ours sent to stop a card payment while it
// was open took effect after the payment had become an authorization
// (MANUAL capture, nothing captured; the attempt SUCCESS with its cancel
// IN_DOUBT). Nobody asked to void the order: the buyer left the payment
// (Pay another way) or its card page was closed. The cancel released the
// hold and took no money (API.md §5.5), so the attempt ends CANCELLED as
// Antom says (its authorization time kept: db.Attempt.CancelledAfterPayment,
// with nothing paid) and the order is OPEN again — the buyer pays another
// way — rather than VOIDED, which tells the buyer the shop cancelled it.
// Not for a surplus attempt (its order was paid by another). It reports
// whether this call changed anything.
func (s *Service) cancelledAuthorizationIn(ctx context.Context, q *db.Queries, a db.Attempt, o db.Order, why string) (bool, error) {
	ok, err := q.CancelPaidAttempt(ctx, a.ID, s.now())
	if err != nil || !ok {
		return false, err
	}
	// An authorization took no money: nothing "went back" (cancelledPaid
	// speaks of a paid payment).
	why = strings.Replace(why, cancelledPaid, "our cancel took effect after the payment was authorized", 1)
	detail := fmt.Sprintf("%s CANCELLED after it was authorized (%s): %s: the authorization is released and nothing was taken",
		a.PaymentRequestID, antom.CodeOrderIsCanceled, why)
	moved, err := q.SetOrderStatus(ctx, o.ID, db.OrderAuthorized, db.OrderOpen, s.now())
	if err != nil {
		return false, err
	}
	if moved {
		detail += "; order " + db.OrderOpen + ": nothing is paid"
	}
	s.record(ctx, q, OrderSubject(o.Ref), EventState, detail)
	return true, nil
}
