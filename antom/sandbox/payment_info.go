package sandbox

import (
	"context"
	"fmt"
)

// PaymentInfo is a payment as the sandbox holds it, for tests. Amounts
// are in minor units.
type PaymentInfo struct {
	PaymentID        string
	PaymentRequestID string
	ClientID         string
	Status           string // PROCESSING, SUCCESS, FAIL or CANCELLED
	ResultCode       string // the payment's own code: SUCCESS, PAYMENT_IN_PROCESS, USER_BALANCE_NOT_ENOUGH, …
	Currency         string
	Amount           int64
	Login            string // the paying test user; "" when no live token named one
	Refunded         int64  // taken back by refunds, processing or done

	// Hosted card payments (CASHIER_PAYMENT) only.
	CaptureMode string // AUTOMATIC or MANUAL
	Authorized  int64
	Captured    int64
	Voided      bool   // cancelled before any capture
	CardBrand   string // once the buyer gave a card: VISA, MASTERCARD, …
	CardLast4   string
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
	info := PaymentInfo{
		PaymentID:        p.PaymentID,
		PaymentRequestID: p.RequestID,
		ClientID:         p.ClientID,
		Status:           p.Status,
		ResultCode:       p.Code,
		Currency:         p.Currency,
		Amount:           p.Amount,
		Login:            p.Login,
		Refunded:         p.Refunded,
	}
	cp, k, isCard, err := cardDetails(ctx, s.db, paymentID)
	if err != nil || !isCard {
		return info, err
	}
	info.CaptureMode, info.Authorized, info.Captured = cp.CaptureMode, cp.Authorized, cp.Captured
	info.Voided, info.CardBrand, info.CardLast4 = !cp.VoidedAt.IsZero(), k.Brand, k.LastFour
	return info, nil
}
