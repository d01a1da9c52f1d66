package checkout

import (
	"context"
	"fmt"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// firstCheck is how long after a pay call the first inquiry may come.
const firstCheck = 2 * time.Second

// payOutcome is a final outcome of a payment attempt.
type payOutcome struct {
	status    string // db.AttemptSuccess, AttemptFail, AttemptCancelled
	code      string
	paymentID string
	paidAt    time.Time
	card      cardFacts // card payments only
}

// cardFacts is what Antom tells about the card of a payment.
type cardFacts struct {
	token             antom.Secret
	brand, last4      string
	expMonth, expYear string
	authExpires       time.Time
}

func outcomeOf(status, code, paymentID, paymentTime string) payOutcome {
	return payOutcome{status: status, code: code, paymentID: paymentID, paidAt: parseAntomTime(paymentTime)}
}

// settleIn writes a final outcome over a PROCESSING attempt and moves the
// order with it, inside the caller's transaction. A final state is only
// ever written over a non-final one (seed 001's best practice), so late,
// repeated and out-of-order news change nothing; it reports whether this
// call was the one that settled.
func (s *Service) settleIn(ctx context.Context, q *db.Queries, a db.Attempt, out payOutcome, why string) (bool, error) {
	now := s.now()
	if out.status == db.AttemptSuccess && out.paidAt.IsZero() {
		out.paidAt = now
	}
	ok, err := q.SettleAttempt(ctx, a.ID, out.status, out.code, out.paymentID, out.paidAt, now)
	if err != nil || !ok {
		return false, err
	}
	orderTo := db.OrderOpen
	if out.status == db.AttemptSuccess {
		orderTo = db.OrderPaid
		if a.CaptureMode == antom.CaptureManual {
			orderTo = db.OrderAuthorized
		}
	}
	if _, err := q.SetOrderStatus(ctx, a.OrderID, db.OrderProcessing, orderTo, now); err != nil {
		return false, err
	}
	o, err := q.OrderByID(ctx, a.OrderID)
	if err != nil {
		return false, err
	}
	if a.Method == db.MethodCard {
		if err := s.recordCard(ctx, q, a, o, out); err != nil {
			return false, err
		}
	}
	detail := fmt.Sprintf("%s %s", a.PaymentRequestID, out.status)
	if out.code != "" && out.code != "SUCCESS" {
		detail += " (" + out.code + ")"
	}
	s.record(ctx, q, OrderSubject(o.Ref), EventState, detail+": "+why+"; order "+orderTo)
	if out.code == "INVALID_ACCESS_TOKEN" && a.WalletID != 0 {
		if _, err := q.EndWallet(ctx, a.WalletID, []string{db.WalletActive}, db.WalletInvalid, "Antom: INVALID_ACCESS_TOKEN; link again", now); err != nil {
			return false, err
		}
		s.record(ctx, q, walletSubject(a.WalletID), EventState, "INVALID: a payment answered INVALID_ACCESS_TOKEN")
	}
	return true, nil
}

// settleNow settles in a transaction of its own and wakes waiting pages.
func (s *Service) settleNow(ctx context.Context, a db.Attempt, out payOutcome, why string) {
	var settled bool
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		var err error
		settled, err = s.settleIn(ctx, q, a, out, why)
		return err
	})
	if err != nil {
		s.log.Error("settle attempt", "attempt", a.ID, "err", err)
		return
	}
	if settled {
		s.hub.Publish(s.subjectOf(ctx, a))
	}
}

// subjectOf returns the timeline subject of an attempt's order.
func (s *Service) subjectOf(ctx context.Context, a db.Attempt) string {
	o, err := s.db.OrderByID(ctx, a.OrderID)
	if err != nil {
		return fmt.Sprintf("order-id:%d", a.OrderID)
	}
	return OrderSubject(o.Ref)
}
