package sandbox

import (
	"context"
	"database/sql"
	"time"

	"antom-checkout/antom"
)

// magicSettleDelay is how long after pay a magic payment settles by
// itself; scaled by TimeScale.
const magicSettleDelay = 3 * time.Second

// magicAmount is a sandbox convention, not an Antom fact: a tokenized
// payment whose amount, in minor units, ends in Suffix has a fixed
// outcome whatever the balance (USD 12.91 and JPY 1291 both end in 91).
type magicAmount struct {
	Suffix    int64  // the minor-unit value's last two digits
	Status    string // pay's result status: U or F
	Code      string // F: the failure code; U: the code it settles to, "" = never by itself
	TakeMoney bool   // the money leaves the balance at pay, as far as it goes
}

// magicAmounts is the table doc.go documents.
func magicAmounts() []magicAmount {
	return []magicAmount{
		{Suffix: 91, Status: antom.StatusUnknown, Code: antom.CodeSuccess, TakeMoney: true},
		{Suffix: 92, Status: antom.StatusUnknown, Code: codePaymentAmountExceedLimit},
		{Suffix: 93, Status: antom.StatusUnknown}, // PROCESSING until the tester decides or it expires
		{Suffix: 94, Status: antom.StatusFail, Code: codeRiskReject},
	}
}

// magicFor returns the magic outcome of an amount in minor units, if any.
func magicFor(minor int64) (magicAmount, bool) {
	for _, m := range magicAmounts() {
		if minor%100 == m.Suffix {
			return m, true
		}
	}
	return magicAmount{}, false
}

// startMagic starts a payment with a magic amount: F at once, or U
// PAYMENT_IN_PROCESS with the settlement planned magicSettleDelay later.
func (s *Sandbox) startMagic(ctx context.Context, tx *sql.Tx, p *payment, m magicAmount) error {
	if m.Status == antom.StatusFail {
		p.fail(m.Code)
		return nil
	}
	if m.TakeMoney {
		taken, err := takeUpTo(ctx, tx, p.Login, p.Currency, p.Amount)
		if err != nil {
			return err
		}
		p.Debited = taken
	}
	var at time.Time
	if m.Code != "" {
		at = p.CreatedAt.Add(s.scaled(magicSettleDelay))
	}
	p.process(m.Code, at)
	return nil
}
