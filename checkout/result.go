package checkout

import (
	"context"
	"errors"
	"time"

	"antom-checkout/db"
)

// PaymentView is what the result page says about an order's latest
// payment attempt: only what the database holds.
type PaymentView struct {
	Status           string // "", PROCESSING, SUCCESS, FAIL, CANCELLED
	ResultCode       string
	PaymentID        string
	PaymentRequestID string
	PaidAt           time.Time
	Method           string // WALLET or CARD
	WalletName       string
	WalletStatus     string
	CardLabel        string // "Visa •••• 4242", card payments
	CaptureMode      string // MANUAL: SUCCESS means authorised, not captured
}

// OrderPayment returns an order and its latest payment attempt.
func (s *Service) OrderPayment(ctx context.Context, v Viewer, ref string) (Order, PaymentView, error) {
	o, err := s.OrderFor(ctx, v, ref)
	if err != nil {
		return Order{}, PaymentView{}, err
	}
	row, err := s.db.OrderByRef(ctx, ref)
	if err != nil {
		return Order{}, PaymentView{}, err
	}
	a, err := s.db.LatestAttempt(ctx, row.ID)
	if errors.Is(err, db.ErrNotFound) {
		return o, PaymentView{}, nil
	}
	if err != nil {
		return Order{}, PaymentView{}, err
	}
	pv := PaymentView{Status: a.Status, ResultCode: a.ResultCode, PaymentID: a.PaymentID,
		PaymentRequestID: a.PaymentRequestID, PaidAt: a.PaidAt, Method: a.Method}
	if a.Method == db.MethodCard {
		pv.CaptureMode = a.CaptureMode
		if a.CardLast4 != "" {
			pv.CardLabel = brandName(a.CardBrand) + " •••• " + a.CardLast4
		}
	}
	if a.WalletID != 0 {
		if w, err := s.db.WalletByID(ctx, a.WalletID); err == nil {
			pv.WalletName, pv.WalletStatus = BrandName(w.Wallet)+" "+w.UserLoginID, w.Status
		}
	}
	return o, pv, nil
}
