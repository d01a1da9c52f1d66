package checkout

import (
	"context"
	"fmt"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

const (
	// firstCheck is how long after a pay call the first inquiry may come.
	firstCheck = 2 * time.Second
	// firstWatch is how long after we closed an attempt ourselves the
	// first inquiry about a late outcome comes.
	firstWatch = time.Minute
)

// payOutcome is a final outcome of a payment attempt.
type payOutcome struct {
	status    string // db.AttemptSuccess, AttemptFail, AttemptCancelled
	code      string
	paymentID string
	paidAt    time.Time
	card      cardFacts // card payments only
	ours      bool      // we decided it (e.g. ORDER_NOT_EXIST past expiry); Antom did not say it
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

// followUps is work that must wait until the transaction that decided it
// has committed: calls to Antom, waking pages.
type followUps []func(context.Context)

func (f *followUps) add(fn func(context.Context)) { *f = append(*f, fn) }

func (f followUps) run(ctx context.Context) {
	for _, fn := range f {
		fn(ctx)
	}
}

// settleIn writes a final outcome over an attempt still as it was read,
// inside the caller's transaction: over PROCESSING (seed 001: a final
// state is only ever written over a non-final one), or — Antom's word
// only — over a final state we had decided ourselves. It moves the order
// with it and reports whether this call was the one that settled; late,
// repeated and out-of-order news change nothing. o is the attempt's order
// if the caller read it in this transaction (nil: read here).
func (s *Service) settleIn(ctx context.Context, q *db.Queries, a db.Attempt, o *db.Order, out payOutcome, why string, f *followUps) (bool, error) {
	from := attemptState(a)
	if from != stateProcessing && (a.FinalSource != db.SourceOurs || out.ours) {
		return false, nil
	}
	now := s.now()
	if out.status == db.AttemptSuccess && out.paidAt.IsZero() {
		out.paidAt = now
	}
	set := db.Settlement{Status: out.status, Code: out.code, PaymentID: out.paymentID, PaidAt: out.paidAt,
		Source: db.SourceAntom, DoubtCheckAt: now.Add(firstCheck)}
	if out.ours {
		set.Source, set.NextCheckAt = db.SourceOurs, now.Add(firstWatch)
	}
	// The order's move is decided before the attempt is settled when
	// the order was read already, and goes with the attempt's write (one
	// round trip on PostgreSQL); otherwise once the order is read.
	var plan orderPlan
	var moved bool
	if o != nil {
		var err error
		if plan, err = s.planOrder(ctx, q, a, *o, out, from); err != nil {
			return false, err
		}
		var ok bool
		if ok, moved, err = q.SettleAttemptMovingOrder(ctx, a.ID, a.Status, a.FinalSource, set, plan.move, now); err != nil || !ok {
			return false, err
		}
	} else {
		ok, err := q.SettleAttempt(ctx, a.ID, a.Status, a.FinalSource, set, now)
		if err != nil || !ok {
			return false, err
		}
		read, err := q.OrderByID(ctx, a.OrderID)
		if err != nil {
			return false, err
		}
		o = &read
		if plan, err = s.planOrder(ctx, q, a, *o, out, from); err != nil {
			return false, err
		}
		if plan.move != nil {
			if moved, err = q.SetOrderStatus(ctx, o.ID, plan.move.From, plan.move.To, now); err != nil {
				return false, err
			}
		}
	}
	if out.paymentID != "" {
		a.PaymentID = out.paymentID
	}
	s.reapplyWhenKnown(a, a.PaymentID, f)
	detail := fmt.Sprintf("%s %s", a.PaymentRequestID, out.status)
	if out.code != "" && out.code != "SUCCESS" {
		detail += " (" + out.code + ")"
	}
	detail += ": " + why
	switch {
	case out.status == db.AttemptSuccess:
		more, err := s.paidIn(ctx, q, a, *o, plan, moved, f)
		if err != nil {
			return false, err
		}
		detail += more
	case from == stateProcessing:
		if moved {
			detail += "; order " + db.OrderOpen
		}
	}
	if out.status == db.AttemptFail && !out.ours {
		more, err := capturedBeforeFailIn(ctx, q, a)
		if err != nil {
			return false, err
		}
		detail += more
	}
	if a.Method == db.MethodCard {
		if err := s.recordCard(ctx, q, a, *o, out); err != nil {
			return false, err
		}
	}
	s.record(ctx, q, OrderSubject(o.Ref), EventState, detail)
	if out.code == "INVALID_ACCESS_TOKEN" && a.WalletID != 0 {
		if _, err := q.EndWallet(ctx, a.WalletID, []string{db.WalletActive}, db.WalletInvalid, "Antom: INVALID_ACCESS_TOKEN; link again", now); err != nil {
			return false, err
		}
		s.record(ctx, q, walletSubject(a.WalletID), EventState, "INVALID: a payment answered INVALID_ACCESS_TOKEN")
	}
	if out.status == db.AttemptCancelled && !out.ours {
		if _, err := s.capturedBeforeCancelIn(ctx, q, a.ID, *o, f); err != nil {
			return false, err
		}
	}
	if !out.ours {
		// Counted once, when final for good: a close of ours is counted
		// when Antom settles it or its watch ends (watchClosed).
		f.add(func(context.Context) { s.obs.PaymentSettled(a.Method, out.status) })
	}
	return true, nil
}

// orderPlan is how an attempt's settlement moves its order, decided
// before the order is moved (planOrder).
type orderPlan struct {
	move *db.OrderMove // nil: the order stays as it is
	// A SUCCESS: the attempt that paid the order already, if any (this
	// one is then surplus), and one still open, to be cancelled.
	paying, open db.Attempt
}

// planOrder decides how settling attempt a with out moves its order o
// (as read in this transaction), from from, the attempt's state before:
// a SUCCESS pays a PROCESSING or OPEN order (MANUAL capture: authorizes
// it) unless another attempt paid it; any other outcome of a PROCESSING
// attempt reopens a PROCESSING order.
func (s *Service) planOrder(ctx context.Context, q *db.Queries, a db.Attempt, o db.Order, out payOutcome, from string) (orderPlan, error) {
	switch {
	case out.status == db.AttemptSuccess:
		var p orderPlan
		var err error
		if p.paying, p.open, err = q.PayingAndOpenAttempts(ctx, o.ID, a.ID); err != nil || p.paying.ID != 0 {
			return p, err
		}
		to := db.OrderPaid
		if a.CaptureMode == antom.CaptureManual {
			to = db.OrderAuthorized
		}
		// o was read in this transaction: its status says where from (a
		// PROCESSING or OPEN order moves; any other stays).
		if o.Status == db.OrderProcessing || o.Status == db.OrderOpen {
			p.move = &db.OrderMove{ID: o.ID, From: o.Status, To: to}
		}
		return p, nil
	case from == stateProcessing:
		return orderPlan{move: &db.OrderMove{ID: o.ID, From: db.OrderProcessing, To: db.OrderOpen}}, nil
	}
	return orderPlan{}, nil
}

// paidIn finishes with the order of an attempt that succeeded, as p
// planned (moved: p.move was made). If another attempt paid it, this
// payment is surplus and given back; otherwise the order was paid
// (MANUAL capture: authorized) and an attempt still open is cancelled —
// unless Antom's answers about it conflict on paymentId (conflictIn):
// left for staff, the line says so.
// It returns what to add to the timeline line.
func (s *Service) paidIn(ctx context.Context, q *db.Queries, a db.Attempt, o db.Order, p orderPlan, moved bool, f *followUps) (string, error) {
	if p.paying.ID != 0 {
		return s.giveBackIn(ctx, q, a, o, p.paying, f)
	}
	now := s.now()
	more := "; order stays " + o.Status
	switch {
	case p.move == nil:
	case moved:
		more = "; order " + p.move.To
	default: // changed outside this transaction since: say what it is now
		var err error
		if o, err = q.OrderByID(ctx, o.ID); err != nil {
			return "", err
		}
		more = "; order stays " + o.Status
	}
	if open := p.open; open.ID != 0 {
		held, err := s.conflictIn(ctx, q, open)
		if err != nil {
			return "", err
		}
		if held {
			// Antom's answers about it name two paymentIds: staff decide
			// (heldForConflict), nothing is stored to be sent.
			return more + "; " + open.PaymentRequestID + " still open, not cancelled automatically: Antom's answers about it name another paymentId" +
				" than " + open.PaymentID + ", the one on record; left for staff — look it up in Antom Dashboard and cancel it there if it should not go through", nil
		}
		if _, err := q.RequestCancel(ctx, open.ID, CancelByOtherPaid, now); err != nil {
			return "", err
		}
		more += "; cancelling " + open.PaymentRequestID + ", still open"
		f.add(func(ctx context.Context) {
			s.cancelAttempt(ctx, open, CancelByOtherPaid, "the order was paid by "+a.PaymentRequestID)
		})
	}
	return more, nil
}

// settleNow settles in a transaction of its own, then wakes waiting pages
// and runs what follows (calls to Antom). The attempt's order is read in
// the transaction, for settleIn and for the pages' subject.
func (s *Service) settleNow(ctx context.Context, a db.Attempt, out payOutcome, why string) bool {
	settled, _ := s.settleReleasing(ctx, a, out, why, nil)
	return settled
}

// settleReleasing is settleNow that also releases l, the lease held on
// the attempt (nil: none to release), in the same transaction, whether
// or not this call settled it; what follows the commit then runs without
// it. released says whether l was released. An answer that settles
// nothing, the attempt being settled already with another paymentId
// than the one it names, is told on the order's timeline, naming both
// (otherPaymentIDLine; once per other paymentId), and changes nothing.
//
// The transaction first reads the attempt, its order and the order's
// other attempts in one query (db.PrefetchAttempts; on PostgreSQL with
// its BEGIN), so that settling the attempt and moving its order, when
// what it read foretells them, go with its next statement or its COMMIT,
// guarded (db/write_later.go). Should the transaction fail after keeping
// them — their rows no longer as read, a deadlock, a lost connection —
// it runs once more with every write sent when made (logged): nothing of
// the first was committed, or, had a lost COMMIT committed it after all,
// the second finds the attempt settled and changes nothing (settleIn's
// guards), and what was to follow the first is not done here (the
// reconciler's checks find the attempt as it is).
func (s *Service) settleReleasing(ctx context.Context, a db.Attempt, out payOutcome, why string, l *lease) (settled, released bool) {
	var f followUps
	var after context.Context
	var publish func()
	settle := func(q *db.Queries) error {
		f, after, publish, settled = nil, ctx, func() {}, false
		if err := q.PrefetchAttempts(ctx, []string{a.PaymentRequestID}); err != nil {
			return err
		}
		fresh, o, err := q.AttemptAndOrderByRequestID(ctx, a.PaymentRequestID)
		if err != nil {
			return err
		}
		if settled, err = s.settleIn(ctx, q, a, &o, out, why, &f); err != nil {
			return err
		}
		if settled {
			publish = s.publishAtCommit(q, OrderSubject(o.Ref))
		} else if line := otherPaymentIDLine(fresh, out.paymentID, why); line != "" &&
			s.tellOtherPaymentID(ctx, q, fresh.ID, OrderSubject(o.Ref), EventState, line, out.paymentID) {
			// Settled before with another paymentId: told (once per other
			// paymentId), nothing changed.
			told := s.publishAtCommit(q, OrderSubject(o.Ref))
			publish = func() {
				s.log.Warn("an answer names another paymentId than the one on record", "attempt", a.ID)
				told()
			}
		}
		if l != nil {
			if after, err = s.releaseIn(ctx, q, *l); err != nil {
				return err
			}
		}
		s.hit(PointSettleTx)
		return nil
	}
	err := s.db.Tx(ctx, settle)
	if db.RunAgainWithoutLaterWrites(err) {
		s.log.Warn("settle attempt: running again with every write sent when made", "attempt", a.ID, "err", err)
		err = s.db.Tx(db.WithoutLaterWrites(ctx), settle)
	}
	if err != nil {
		s.log.Error("settle attempt", "attempt", a.ID, "err", err)
		return false, false
	}
	publish()
	f.run(after)
	return settled, l != nil
}

// PointSettleTx is the TestHook point inside the transaction that
// settles a payment attempt from an answer (settleReleasing): settled, its
// lease released, not committed yet.
const PointSettleTx = "settle-tx"

// subjectOf returns the timeline subject of an attempt's order.
func (s *Service) subjectOf(ctx context.Context, a db.Attempt) string {
	ctx, cancel := lineContext(ctx) // a line said after a call cut off still names its order
	defer cancel()
	o, err := s.db.OrderByID(ctx, a.OrderID)
	if err != nil {
		return fmt.Sprintf("order-id:%d", a.OrderID)
	}
	return OrderSubject(o.Ref)
}
