package sandbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"antom-checkout/internal/luhn"
)

// settleCardNumber is the card "Settle: success" pays a hosted card
// payment with when the buyer gave none: the Visa test card.
const settleCardNumber = "4242424242424242"

// PayCard does what submitting the hosted card page with cardNumber does,
// without a browser (expiry December three years ahead, a valid CVC and
// name): it tokenizes the card and authorizes it, or declines it, with
// notifyPayment (and for AUTOMATIC capture notifyCapture); for the 3-D
// Secure test card it leaves the payment waiting for PassChallenge.
// Errors: ErrInvalidCard, ErrPaymentNotFound (also for payments that are
// not hosted card payments), ErrPaymentNotProcessing, ErrPaymentExpired,
// ErrCardGiven.
func (s *Sandbox) PayCard(ctx context.Context, paymentID, cardNumber string) error {
	digits, ok := cardDigits(cardNumber)
	if !ok || !luhn.Valid(digits) {
		return fmt.Errorf("sandbox: pay card: %w", ErrInvalidCard)
	}
	_, _, err := s.submitCard(ctx, paymentID, cardEntry{Digits: digits, Expiry: helperExpiry(s.now())})
	return err
}

// PassChallenge answers the 3-D Secure challenge a payment waits for, as
// the challenge page does: code 123456 authorizes the card, any other
// code fails the payment (RISK_REJECT) and returns nil. Errors:
// ErrNoChallenge, and those of PayCard about the payment.
func (s *Sandbox) PassChallenge(ctx context.Context, paymentID, code string) error {
	_, _, err := s.answerChallenge(ctx, paymentID, code)
	return err
}

// helperExpiry is the expiry PayCard gives a card.
func helperExpiry(now time.Time) cardExpiry { return cardExpiry{Month: 12, Year: now.Year() + 3} }

// settleCardSuccess decides a hosted card payment as "Settle: success"
// does: it passes the challenge the payment waits for, or pays with the
// Visa test card.
func (s *Sandbox) settleCardSuccess(ctx context.Context, paymentID string) error {
	_, _, err := s.cardTx(ctx, paymentID, func(ctx context.Context, tx *sql.Tx, p *payment, cp *cardPayment) error {
		now := s.now()
		k, waits, err := challengeCard(ctx, tx, cp)
		if err != nil {
			return err
		}
		if waits {
			s.authorizeCard(p, cp, k, now)
			return nil
		}
		k = newCard(p.ClientID, cardEntry{Digits: settleCardNumber, Expiry: helperExpiry(now)}, now)
		if err := insertCard(ctx, tx, k); err != nil {
			return err
		}
		cp.CardToken = k.Token
		s.authorizeCard(p, cp, k, now)
		return nil
	})
	return err
}
