package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"antom-checkout/antom"
)

// SetRefundDelay makes refunds accepted from now on stay PROCESSING for d
// (not scaled by TimeScale): refund answers S with the refundId but no
// refundTime, inquiryRefund reports PROCESSING, and when d has passed
// the settler completes the refund (the wallet user gets the money back)
// and sends notifyRefund. 0 (the default) completes refunds at once.
// Refunds already accepted keep their time.
func (s *Sandbox) SetRefundDelay(d time.Duration) {
	s.refundWait.Store(int64(max(d, 0)))
}

// refundDelay is the delay set with SetRefundDelay, or 0.
func (s *Sandbox) refundDelay() time.Duration { return time.Duration(s.refundWait.Load()) }

// completeRefund marks the refund done at t.
func completeRefund(f *refund, t time.Time) {
	f.Status, f.Code, f.Message = antom.RefundSuccess, antom.CodeSuccess, messageSuccess
	f.RefundedAt, f.SettleAt = t, time.Time{}
}

// refundMoney gives a wallet payer the money of a completed refund, as
// far as the payment still holds it (card refunds go back to the card,
// outside the sandbox), and stores the payment's refunded and held
// amounts.
func refundMoney(ctx context.Context, tx *sql.Tx, p *payment, f refund) error {
	if f.Status == antom.RefundSuccess {
		give := min(f.Amount, p.Debited)
		if err := credit(ctx, tx, p.Login, p.Currency, give); err != nil {
			return err
		}
		p.Debited -= give
	}
	return updatePayment(ctx, tx, p)
}

// settleRefundsDue completes the PROCESSING refunds that are due and
// returns how long until the next one is, or -1 when none is waiting.
func (s *Sandbox) settleRefundsDue(ctx context.Context) time.Duration {
	for {
		fs, err := processingRefunds(ctx, s.db, settleBatch)
		if err != nil {
			s.settlerFailed(ctx, err)
			return errorBackoff
		}
		now := s.now()
		for _, f := range fs {
			if f.SettleAt.After(now) {
				return f.SettleAt.Sub(now)
			}
			if err := s.finishRefund(ctx, f.ID, false); err != nil {
				s.settlerFailed(ctx, err)
				return errorBackoff
			}
		}
		if len(fs) < settleBatch {
			return -1
		}
	}
}

// SettleRefunds completes every PROCESSING refund now, whatever its
// delay has left, each with its money and notifyRefund, as a tester
// would: tests keep refunds processing with SetRefundDelay(time.Hour)
// and have them made when they say, not when a delay in real time runs
// out on a loaded machine.
func (s *Sandbox) SettleRefunds(ctx context.Context) error {
	for {
		fs, err := processingRefunds(ctx, s.db, settleBatch)
		if err != nil {
			return err
		}
		for _, f := range fs {
			if err := s.finishRefund(ctx, f.ID, true); err != nil {
				return err
			}
		}
		if len(fs) < settleBatch {
			return nil
		}
	}
}

// finishRefund completes one PROCESSING refund that is due (or, with
// early, whenever it was due), in a transaction with its money and
// notifyRefund; a refund no longer processing is left alone.
func (s *Sandbox) finishRefund(ctx context.Context, id int64, early bool) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sandbox: finish refund: %w", err)
	}
	defer tx.Rollback()
	f, found, err := refundByRowID(ctx, tx, id)
	if err != nil || !found || f.Status != antom.RefundProcessing || (!early && s.now().Before(f.SettleAt)) {
		return err
	}
	p, found, err := findPayment(ctx, tx, f.ClientID, f.PaymentID, "")
	if err != nil {
		return err
	}
	if !found {
		return fmt.Errorf("sandbox: finish refund %s: payment %s is missing", f.RefundID, f.PaymentID)
	}
	completeRefund(&f, s.now())
	if err := refundMoney(ctx, tx, &p, f); err != nil {
		return err
	}
	if err := updateRefund(ctx, tx, f); err != nil {
		return err
	}
	queued, err := s.queueRefundNotice(ctx, tx, f)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sandbox: finish refund: %w", err)
	}
	s.afterRefundChange(f, queued)
	return nil
}
