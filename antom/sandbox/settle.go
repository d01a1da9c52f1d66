package sandbox

import (
	"context"
	"fmt"

	"antom-checkout/antom"
)

// SettlePayment decides a PROCESSING payment as a tester would on the
// control page: success takes the money (what is still owed, as far as
// the balance goes), failure (PROCESS_FAIL) gives back what was held;
// either way notifyPayment is queued and any planned settlement is
// dropped. A hosted card payment settled as a success passes the 3-D
// Secure challenge it waits for, or is paid with the Visa test card
// 4242 4242 4242 4242. ErrPaymentNotFound for an unknown paymentId,
// ErrPaymentNotProcessing when it is already final.
func (s *Sandbox) SettlePayment(ctx context.Context, paymentID string, success bool) error {
	code := antom.CodeProcessFail
	if success {
		code = antom.CodeSuccess
		_, isCard, err := cardPaymentByID(ctx, s.db, paymentID)
		if err != nil {
			return err
		}
		if isCard {
			return s.settleCardSuccess(ctx, paymentID)
		}
	}
	_, err := s.settleTx(ctx, paymentID, func(payment) string { return code })
	return err
}

// settleTx finishes a PROCESSING payment, in a transaction, as decide
// says ("" = leave it as it is): status, money, repeat answer and
// notifyPayment are stored together. It returns the payment as it ends.
func (s *Sandbox) settleTx(ctx context.Context, paymentID string, decide func(payment) string) (payment, error) {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return payment{}, fmt.Errorf("sandbox: settle payment: %w", err)
	}
	defer tx.Rollback()
	p, found, err := paymentByID(ctx, tx, paymentID)
	switch {
	case err != nil:
		return p, err
	case !found:
		return p, fmt.Errorf("sandbox: settle payment %s: %w", paymentID, ErrPaymentNotFound)
	case p.Status != antom.PaymentProcessing:
		return p, fmt.Errorf("sandbox: settle payment %s: %w", paymentID, ErrPaymentNotProcessing)
	}
	code := decide(p)
	if code == "" {
		return p, nil
	}
	if err := finishPayment(ctx, tx, &p, code, s.now()); err != nil {
		return p, err
	}
	if err := updatePayment(ctx, tx, &p); err != nil {
		return p, err
	}
	queued, err := s.queuePaymentNotice(ctx, tx, p)
	if err != nil {
		return p, err
	}
	if err := tx.Commit(); err != nil {
		return p, fmt.Errorf("sandbox: settle payment: %w", err)
	}
	s.afterPaymentChange(p, queued)
	return p, nil
}
