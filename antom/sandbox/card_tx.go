package sandbox

import (
	"context"
	"database/sql"
	"fmt"

	"antom-checkout/antom"
)

// cardStep is one thing the buyer does to a hosted card payment waiting
// for them (give the card, answer the challenge), inside cardTx.
type cardStep func(ctx context.Context, tx *sql.Tx, p *payment, cp *cardPayment) error

// cardTx runs step on a hosted card payment that is PROCESSING and not
// expired, in a transaction that also stores the outcome and, once the
// payment is final, queues what follows it. It returns the payment and
// its card part as they end.
func (s *Sandbox) cardTx(ctx context.Context, paymentID string, step cardStep) (payment, cardPayment, error) {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return payment{}, cardPayment{}, fmt.Errorf("sandbox: card payment: %w", err)
	}
	defer tx.Rollback()
	p, cp, err := s.openCardPayment(ctx, tx, paymentID)
	if err != nil {
		return p, cp, err
	}
	if err := step(ctx, tx, &p, &cp); err != nil {
		return p, cp, err
	}
	queued, err := s.storeCardStep(ctx, tx, &p, &cp)
	if err != nil {
		return p, cp, err
	}
	if err := tx.Commit(); err != nil {
		return p, cp, fmt.Errorf("sandbox: card payment: %w", err)
	}
	s.afterPaymentChange(p, queued)
	return p, cp, nil
}

// openCardPayment reads a hosted card payment the buyer can still act on:
// ErrPaymentNotFound (also for other payments), ErrPaymentNotProcessing
// once final, ErrPaymentExpired past its expiry.
func (s *Sandbox) openCardPayment(ctx context.Context, db rowQuerier, paymentID string) (payment, cardPayment, error) {
	p, found, err := paymentByID(ctx, db, paymentID)
	if err != nil {
		return p, cardPayment{}, err
	}
	cp, isCard, err := cardPaymentByID(ctx, db, paymentID)
	switch {
	case err != nil:
		return p, cp, err
	case !found || !isCard:
		return p, cp, fmt.Errorf("sandbox: card payment %s: %w", paymentID, ErrPaymentNotFound)
	case p.Status != antom.PaymentProcessing:
		return p, cp, fmt.Errorf("sandbox: card payment %s: %w", paymentID, ErrPaymentNotProcessing)
	case !s.now().Before(p.ExpiresAt):
		return p, cp, fmt.Errorf("sandbox: card payment %s: %w", paymentID, ErrPaymentExpired)
	}
	return p, cp, nil
}

// storeCardStep writes the payment and its card part and, once the
// payment is final, queues what follows.
func (s *Sandbox) storeCardStep(ctx context.Context, tx *sql.Tx, p *payment, cp *cardPayment) (bool, error) {
	if err := updatePayment(ctx, tx, p); err != nil {
		return false, err
	}
	if err := updateCardPayment(ctx, tx, *cp); err != nil {
		return false, err
	}
	if p.Status == antom.PaymentProcessing {
		return false, nil
	}
	return s.queueCardOutcome(ctx, tx, *p, cp)
}

// submitCard does what the hosted page's Pay button does with a checked
// card: it tokenizes the card for the merchant and authorizes it, or,
// for a card that asks for 3-D Secure, leaves the payment waiting for the
// challenge. ErrCardGiven when a card was already given.
func (s *Sandbox) submitCard(ctx context.Context, paymentID string, e cardEntry) (payment, cardPayment, error) {
	return s.cardTx(ctx, paymentID, func(ctx context.Context, tx *sql.Tx, p *payment, cp *cardPayment) error {
		if cp.CardToken != "" {
			return fmt.Errorf("sandbox: card payment %s: %w", paymentID, ErrCardGiven)
		}
		now := s.now()
		k := newCard(p.ClientID, e, now)
		if err := insertCard(ctx, tx, k); err != nil {
			return err
		}
		cp.CardToken = k.Token
		if !k.Challenge {
			s.authorizeCard(p, cp, k, now)
		}
		s.log.Info("sandbox: card given", "payment_id", paymentID, "brand", k.Brand, "challenge", k.Challenge)
		return nil
	})
}

// answerChallenge does what the challenge page's Submit button does:
// code 123456 authorizes the card, any other code fails the payment.
// ErrNoChallenge when the payment does not wait for one.
func (s *Sandbox) answerChallenge(ctx context.Context, paymentID, code string) (payment, cardPayment, error) {
	return s.cardTx(ctx, paymentID, func(ctx context.Context, tx *sql.Tx, p *payment, cp *cardPayment) error {
		k, found, err := challengeCard(ctx, tx, cp)
		if err != nil {
			return err
		}
		if !found {
			return fmt.Errorf("sandbox: card payment %s: %w", paymentID, ErrNoChallenge)
		}
		if code != challengeCode {
			failChallenge(p)
			return nil
		}
		s.authorizeCard(p, cp, k, s.now())
		return nil
	})
}

// challengeCard is the card whose 3-D Secure challenge the payment waits
// for; found is false when it waits for none.
func challengeCard(ctx context.Context, tx *sql.Tx, cp *cardPayment) (card, bool, error) {
	if cp.CardToken == "" {
		return card{}, false, nil
	}
	k, found, err := cardByToken(ctx, tx, cp.CardToken)
	return k, found && k.Challenge, err
}
