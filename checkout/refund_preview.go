package checkout

import (
	"context"
	"errors"
	"slices"

	"antom-checkout/db"
)

// RefundPreview is what a refund form would do (PreviewRefund): refund
// Amount, or, when the form was submitted already (Repeat), nothing —
// Made is the refund it made, as RefundOrder answers a repeat.
type RefundPreview struct {
	Amount Money
	Repeat bool
	Made   RefundInfo
	// Settles is what the refund would make good of failed refunds still
	// owed to the buyer (zero Owed: none are).
	Settles RefundSettles
	// PaidWith is what the payment the refund returns money of was made
	// with: where Antom returns it.
	PaidWith Instrument
}

// PreviewRefund checks a refund form as RefundOrder would — the form's
// key, the order, the amount, the reason, what is left to refund — and
// returns the amount it would refund, without storing or sending
// anything: staff confirm it, then RefundOrder runs. A form already
// submitted (Back to its confirmation, then Reload) is no refund to
// confirm again: Repeat, with the refund it made; one asking for another
// amount than that refund's, an *InputError with both. ErrNotFound for an
// unknown order; *InputError for a bad field; a *ConflictError when the
// order cannot be refunded now or nothing is left to refund.
func (s *Service) PreviewRefund(ctx context.Context, ref string, in RefundInput) (RefundPreview, error) {
	o, err := s.db.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) {
		return RefundPreview{}, ErrNotFound
	}
	if err != nil {
		return RefundPreview{}, err
	}
	reqID, err := refundRequestID(ref, in.Key)
	if err != nil {
		return RefundPreview{}, err
	}
	if old, err := s.db.RefundByRequestID(ctx, reqID); err == nil {
		info, _, err := s.repeatRefund(ctx, old, o, in)
		if err != nil {
			return RefundPreview{}, err
		}
		if info.AskedAgain.Currency != "" {
			return RefundPreview{}, fieldError("", RefundFormDiffers(info.Amount, info.AskedAgain))
		}
		return RefundPreview{Repeat: true, Made: info}, nil
	} else if !errors.Is(err, db.ErrNotFound) {
		return RefundPreview{}, err
	}
	row, a, err := s.newRefundRow(ctx, o, reqID, "", in)
	if err != nil {
		return RefundPreview{}, err
	}
	f, err := attemptRefundFigures(ctx, s.db.Queries, a)
	if err != nil {
		return RefundPreview{}, err
	}
	if row.Amount > f.Left() {
		return RefundPreview{}, tooMuchRefund(a.Currency, f.Left(), f.Processing, f.Refunded, f.Handled, true)
	}
	refunds, err := s.db.OrderRefunds(ctx, o.ID)
	if err != nil {
		return RefundPreview{}, err
	}
	refunds = slices.DeleteFunc(refunds, func(r db.Refund) bool { return r.AttemptID != a.ID })
	paid, err := s.paidWith(ctx, a)
	if err != nil {
		return RefundPreview{}, err
	}
	return RefundPreview{Amount: Money{row.Currency, row.Amount}, Settles: refundSettles(f.Paid, refunds, row), PaidWith: paid}, nil
}
