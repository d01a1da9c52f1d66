package checkout

import (
	"context"
	"errors"

	"antom-checkout/db"
)

// PreviewRefund checks a refund form as RefundOrder would — the form's
// key, the order, the amount, the reason, what is left to refund — and
// returns the amount it would refund, without storing or sending
// anything: staff confirm it, then RefundOrder runs. A form already submitted
// is not an error (RefundOrder answers it as a repeat) unless it asks for
// another amount than the refund it made: an *InputError with both;
// ErrNotFound for an unknown order; *InputError for a bad field; a
// *ConflictError when the order cannot be refunded now or nothing is
// left to refund.
func (s *Service) PreviewRefund(ctx context.Context, ref string, in RefundInput) (Money, error) {
	o, err := s.db.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) {
		return Money{}, ErrNotFound
	}
	if err != nil {
		return Money{}, err
	}
	reqID, err := refundRequestID(ref, in.Key)
	if err != nil {
		return Money{}, err
	}
	if old, err := s.db.RefundByRequestID(ctx, reqID); err == nil {
		info, _, err := s.repeatRefund(old, o, in)
		if err != nil {
			return Money{}, err
		}
		if info.AskedAgain.Currency != "" {
			return Money{}, fieldError("", RefundFormDiffers(info.Amount, info.AskedAgain))
		}
		return Money{old.Currency, old.Amount}, nil
	} else if !errors.Is(err, db.ErrNotFound) {
		return Money{}, err
	}
	row, a, err := s.newRefundRow(ctx, o, reqID, "", in)
	if err != nil {
		return Money{}, err
	}
	f, err := attemptRefundFigures(ctx, s.db.Queries, a)
	if err != nil {
		return Money{}, err
	}
	if row.Amount > f.Left() {
		return Money{}, tooMuchRefund(a.Currency, f.Left(), f.Processing, f.Refunded, true)
	}
	return Money{row.Currency, row.Amount}, nil
}
