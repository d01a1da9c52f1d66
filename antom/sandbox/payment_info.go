package sandbox

import (
	"context"
	"fmt"
)

// PaymentInfo is a payment as the sandbox holds it, for tests.
type PaymentInfo struct {
	PaymentID        string
	PaymentRequestID string
	ClientID         string
	Status           string // PROCESSING, SUCCESS, FAIL or CANCELLED
	ResultCode       string // the payment's own code: SUCCESS, PAYMENT_IN_PROCESS, USER_BALANCE_NOT_ENOUGH, …
	Currency         string
	Amount           int64  // minor units
	Login            string // the paying test user; "" when no live token named one
}

// Payment returns the payment with this paymentId, whichever merchant's
// it is; ErrPaymentNotFound when there is none.
func (s *Sandbox) Payment(ctx context.Context, paymentID string) (PaymentInfo, error) {
	p, found, err := paymentByID(ctx, s.db, paymentID)
	if err != nil {
		return PaymentInfo{}, err
	}
	if !found {
		return PaymentInfo{}, fmt.Errorf("sandbox: payment %s: %w", paymentID, ErrPaymentNotFound)
	}
	return PaymentInfo{
		PaymentID:        p.PaymentID,
		PaymentRequestID: p.RequestID,
		ClientID:         p.ClientID,
		Status:           p.Status,
		ResultCode:       p.Code,
		Currency:         p.Currency,
		Amount:           p.Amount,
		Login:            p.Login,
	}, nil
}
