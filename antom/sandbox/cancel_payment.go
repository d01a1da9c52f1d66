package sandbox

import (
	"context"
	"fmt"

	"antom-checkout/antom"
)

// cancelPayment answers payments/cancel (API.md §5.5): a PROCESSING or
// SUCCESS payment becomes CANCELLED and the wallet user gets the money
// back; a pending settlement no longer happens. A card authorization not
// yet captured is voided (a later capture gets AUTH_CANCELLED); a
// captured one is refunded in full, to the card. Cancelling again
// answers the same; a failed payment, or one with refunds, cannot be
// cancelled. No notification.
func (s *Sandbox) cancelPayment(ctx context.Context, c *Call) (any, error) {
	var r antom.CancelRequest
	if bad := decodeBody(c.Body, &r); bad != nil {
		return bad, nil
	}
	if bad := checkPaymentRef(r.PaymentID, r.PaymentRequestID); bad != nil {
		return bad, nil
	}
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sandbox: cancel: %w", err)
	}
	defer tx.Rollback()
	p, found, err := findPayment(ctx, tx, c.Merchant.ClientID, r.PaymentID, r.PaymentRequestID)
	switch {
	case err != nil:
		return nil, err
	case !found:
		return orderNotExist(), nil
	case p.Status == antom.PaymentFail:
		return failure(codeOrderStatusInvalid, "the payment failed: there is nothing to cancel"), nil
	case p.Status == antom.PaymentCancelled:
		return cancelAnswer(p), nil // an idempotent repeat
	case p.Refunded > 0:
		return failure(codeOrderStatusInvalid, "the payment has refunds: it cannot be cancelled"), nil
	}
	now := s.now()
	if err := cancelPaymentRow(ctx, tx, &p, now); err != nil {
		return nil, err
	}
	if err := voidCard(ctx, tx, p.PaymentID, now); err != nil {
		return nil, err
	}
	if err := updatePayment(ctx, tx, &p); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sandbox: cancel: %w", err)
	}
	s.afterPaymentChange(p, false)
	return cancelAnswer(p), nil
}
