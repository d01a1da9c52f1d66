package sandbox

import (
	"context"
	"database/sql"
	"time"

	"antom-checkout/antom"
)

// A payment's life: PROCESSING while it waits for a settlement, the
// tester or its expiry; then SUCCESS or FAIL; SUCCESS and PROCESSING can
// be CANCELLED by the merchant. These methods change the row in memory;
// the functions below also move the money, inside the caller's
// transaction.

// succeed marks the payment paid at t.
func (p *payment) succeed(t time.Time) {
	p.setStatus(antom.PaymentSuccess, antom.CodeSuccess)
	p.PaidAt = t
}

// fail marks the payment failed with code.
func (p *payment) fail(code string) { p.setStatus(antom.PaymentFail, code) }

// process leaves the payment PROCESSING, to end as settleCode at settleAt
// (settleCode "" = only the tester or its expiry ends it).
func (p *payment) process(settleCode string, settleAt time.Time) {
	p.setStatus(antom.PaymentProcessing, antom.CodePaymentInProcess)
	p.SettleCode, p.SettleAt = settleCode, settleAt
}

// setStatus sets status and code and drops any planned settlement.
func (p *payment) setStatus(status, code string) {
	p.Status, p.Code, p.Message = status, code, paymentMessage(code)
	p.SettleCode, p.SettleAt = "", time.Time{}
}

// finishPayment ends a PROCESSING payment as code (SUCCESS or a failure
// code): success takes what is still owed, as far as the balance goes;
// failure gives back what was held.
func finishPayment(ctx context.Context, tx *sql.Tx, p *payment, code string, now time.Time) error {
	if code != antom.CodeSuccess {
		if err := giveBack(ctx, tx, p); err != nil {
			return err
		}
		p.fail(code)
		return nil
	}
	taken, err := takeUpTo(ctx, tx, p.Login, p.Currency, p.Amount-p.Debited)
	if err != nil {
		return err
	}
	p.Debited += taken
	p.succeed(now)
	return nil
}

// cancelPaymentRow cancels a PROCESSING or SUCCESS payment at now and
// gives the money back.
func cancelPaymentRow(ctx context.Context, tx *sql.Tx, p *payment, now time.Time) error {
	if err := giveBack(ctx, tx, p); err != nil {
		return err
	}
	p.setStatus(antom.PaymentCancelled, antom.CodeOrderIsCanceled)
	p.CancelledAt = now
	return nil
}

// giveBack returns what the payment holds to the payer's balance.
func giveBack(ctx context.Context, tx *sql.Tx, p *payment) error {
	if err := credit(ctx, tx, p.Login, p.Currency, p.Debited); err != nil {
		return err
	}
	p.Debited = 0
	return nil
}

// settlesFirst reports whether the payment's planned settlement comes no
// later than its expiry.
func (p payment) settlesFirst() bool {
	return p.SettleCode != "" && !p.SettleAt.IsZero() && !p.SettleAt.After(p.ExpiresAt)
}

// dueAt is when the settler must next look at a PROCESSING payment: its
// planned settlement or its expiry, whichever comes first.
func (p payment) dueAt() time.Time {
	if p.settlesFirst() {
		return p.SettleAt
	}
	return p.ExpiresAt
}

// dueOutcome is how a PROCESSING payment ends at now: its planned code,
// ORDER_IS_CLOSED once expired, or "" when nothing is due yet.
func (p payment) dueOutcome(now time.Time) string {
	switch {
	case now.Before(p.dueAt()):
		return ""
	case p.settlesFirst():
		return p.SettleCode
	}
	return antom.CodeOrderIsClosed
}
