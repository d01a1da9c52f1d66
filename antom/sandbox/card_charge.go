package sandbox

import (
	"context"
	"database/sql"
	"time"

	"antom-checkout/antom"
)

// cardEntry is a card as the buyer typed it, checked: the number's digits
// and the expiry. The CVC and the name are checked and then dropped.
type cardEntry struct {
	Digits string
	Expiry cardExpiry
}

// newCard tokenizes a card for a merchant: a fresh card token (52
// characters) bound to the merchant, with what the number stands for.
// Only the BIN and the last four digits are kept.
func newCard(clientID string, e cardEntry, now time.Time) card {
	prof := profileOf(e.Digits)
	return card{
		Token:       newToken(),
		ClientID:    clientID,
		Brand:       prof.Brand,
		BIN:         e.Digits[:6],
		LastFour:    e.Digits[len(e.Digits)-4:],
		ExpiryMonth: e.Expiry.monthText(),
		ExpiryYear:  e.Expiry.yearText(),
		Funding:     prof.Funding,
		Country:     prof.Country,
		Outcome:     prof.Outcome,
		Challenge:   prof.Challenge,
		CreatedAt:   now,
	}
}

// authorizeCard decides, at t, a payment whose card is known and needs no
// (more) challenge: the card's outcome. An authorization holds the whole
// amount until authExpiryTime, 7 days × TimeScale later (the short-lived
// test card's: 2 minutes × TimeScale; authValidity).
func (s *Sandbox) authorizeCard(p *payment, cp *cardPayment, k card, t time.Time) {
	if k.Outcome != antom.CodeSuccess {
		p.fail(k.Outcome)
		p.Message = declineMessage(k.Outcome, false)
		return
	}
	p.succeed(t)
	cp.Authorized = p.Amount
	cp.AuthExpiresAt = t.Add(s.scaled(authValidity(k)))
	p.AuthExpiresAt = cp.AuthExpiresAt
}

// failChallenge ends a payment whose 3-D Secure challenge failed.
func failChallenge(p *payment) {
	p.fail(codeThreeDSFailed)
	p.Message = declineMessage(codeThreeDSFailed, true)
}

// queueCardOutcome queues, within tx, what follows a hosted card
// payment's final outcome: notifyPayment and, after a successful
// authorization in AUTOMATIC mode, the capture itself and notifyCapture
// (API.md §6.4). cp must already be stored.
func (s *Sandbox) queueCardOutcome(ctx context.Context, tx *sql.Tx, p payment, cp *cardPayment) (bool, error) {
	queued, err := s.queuePaymentNotice(ctx, tx, p)
	if err != nil || p.Status != antom.PaymentSuccess || cp.CaptureMode != antom.CaptureAutomatic || cp.Captured > 0 {
		return queued, err
	}
	captured, err := s.autoCapture(ctx, tx, p, cp)
	return queued || captured, err
}
