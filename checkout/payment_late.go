package checkout

import (
	"context"
	"errors"
	"fmt"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// autoRefundPrefix starts the refundRequestId of an automatic refund; the
// rest is the surplus attempt's paymentRequestId, so the refund of one
// payment is one refund however often its success is reported.
const autoRefundPrefix = "RF-AUTO-"

// giveBackIn gives back a payment that succeeded after another attempt
// (paying) had paid its order, inside the settling transaction: a card
// authorization (MANUAL capture) is voided, anything captured is
// refunded in full. The refund is stored before the call and settled
// like every refund (notifyRefund, the reconciler's inquiryRefund); a
// void is asked again by the reconciler until Antom answers. It returns
// what to add to the timeline line.
func (s *Service) giveBackIn(ctx context.Context, q *db.Queries, a db.Attempt, o db.Order, paying db.Attempt, f *followUps) (string, error) {
	now := s.now()
	a.Status = db.AttemptSuccess // settled in this transaction
	if _, err := q.MarkSurplus(ctx, a.ID, now); err != nil {
		return "", err
	}
	more := fmt.Sprintf("; %s already paid the order", paying.PaymentRequestID)
	if a.PaymentID == "" {
		return more + "; Antom gave no paymentId, so it cannot be given back automatically: left for staff", nil
	}
	if a.CaptureMode == antom.CaptureManual {
		if _, err := q.RequestCancel(ctx, a.ID, CancelBySurplus, now); err != nil {
			return "", err
		}
		f.add(func(ctx context.Context) { s.cancelAttempt(ctx, a, CancelBySurplus, "surplus authorization") })
		return more + "; voiding its authorization automatically", nil
	}
	r := db.Refund{
		OrderID: o.ID, AttemptID: a.ID, RefundRequestID: autoRefundPrefix + a.PaymentRequestID,
		Currency: a.Currency, Amount: a.Amount, Reason: "paid twice: " + paying.PaymentRequestID + " paid the order first",
		Status: db.RefundProcessing, NextCheckAt: now.Add(firstRefundCheck), CreatedAt: now, Automatic: true,
	}
	id, err := q.InsertRefund(ctx, r)
	if errors.Is(err, db.ErrDuplicate) {
		return more + "; refunded automatically already (" + r.RefundRequestID + ")", nil
	}
	if err != nil {
		return "", err
	}
	r.ID = id
	l, err := s.claimNew(ctx, q, refundWork(id))
	if err != nil {
		return "", err
	}
	f.add(func(ctx context.Context) { s.holding(ctx, l, func(ctx context.Context) { s.sendRefund(ctx, o, a, r) }) })
	return more + fmt.Sprintf("; refunding it automatically (%s, %s)", r.RefundRequestID, Money{r.Currency, r.Amount}), nil
}

// AutomaticRefunds counts the refunds the checkout made by itself of
// payments an order did not need (a late success after another attempt
// had paid it): all of them, and those not done yet (processing, or
// failed and waiting for staff), and of those the failed ones refunds
// made outside this app gave part of (the rest owed).
func (s *Service) AutomaticRefunds(ctx context.Context) (all, open, partOutside int, err error) {
	return s.db.AutomaticRefundCounts(ctx)
}
