package checkout

import (
	"context"
	"errors"
	"fmt"

	"antom-checkout/db"
)

// RetryInput is the staff's "Try this refund again" form of one open
// failed refund. Key is the idempotency key the form was rendered with
// (the new refund's refundRequestId is derived from it, so the same form
// sent twice makes one refund); Owed is what the confirmation said would
// be refunded, in the currency's minor units as written on the form (""
// before the confirmation).
type RetryInput struct {
	Key  string
	Owed string
}

// RetryableRefund checks that refund id of order ref is an open failure
// staff may retry (RefundInfo.OpenFailure) and returns it, with Owed the
// amount a retry would refund (what is still owed of it), for the
// confirmation. ErrNotFound if the order has no such refund; a
// *ConflictError if it is not open (see notRetryable), the order can no
// longer be refunded, or the retry would take more than may still be
// refunded (the money moved since the page was shown).
func (s *Service) RetryableRefund(ctx context.Context, ref string, id int64) (RefundInfo, error) {
	o, r, err := s.orderRefund(ctx, ref, id)
	if err != nil {
		return RefundInfo{}, err
	}
	a, err := s.refundableAttempt(ctx, o)
	if err != nil {
		return RefundInfo{}, err
	}
	open, err := openFailures(ctx, s.db.Queries, o.ID)
	if err != nil {
		return RefundInfo{}, err
	}
	owed, ok := open[r.ID]
	if !ok || r.AttemptID != a.ID {
		return RefundInfo{}, s.notRetryable(ctx, s.db.Queries, r)
	}
	if needsLookup(r) {
		return RefundInfo{}, lookFirstRefusal(r, heldRetry, s.zone())
	}
	if err := refuseWhileCovered(ctx, s.db.Queries, r, owed, heldRetry); err != nil {
		return RefundInfo{}, err
	}
	f, err := attemptRefundFigures(ctx, s.db.Queries, a)
	if err != nil {
		return RefundInfo{}, err
	}
	if owed.Owed > f.Left() {
		return RefundInfo{}, tooMuchRefund(a.Currency, f.Left(), f.Processing, f.Refunded, f.Handled, false)
	}
	info := refundInfo(r, o.Ref, s.zone())
	setOwed(&info, owed)
	if info.PaidWith, err = s.paidWith(ctx, a); err != nil {
		return RefundInfo{}, err
	}
	return info, nil
}

// RetryRefund makes refund id of order ref, an open failed staff refund,
// again (API.md §5.6): a new refund, with a new refundRequestId (from
// in.Key), of what is still owed of the failure (its amount, unless a
// refund made after it failed made part good, or less when failures ask for
// more than may still be refunded: RefundInfo.Owed) and with its reason,
// sent the way
// RefundOrder sends one. The new refund records that it retries the
// failure (db.Refund.RetryOf), which then owes nothing of its own: the
// retry makes it good if it is done or processing, and is the open
// failure in its place if it fails too (to be retried in turn). In the
// transaction that inserts it, the failure must still be open and the
// retry must fit in what may still be refunded, as any refund.
//
// repeat is true when this form was already submitted: nothing new was done
// and the refund it made is returned. Errors, with nothing changed:
// ErrNotFound if the order has no such refund; a *ConflictError if the
// failure is not open (handled another way, made good, retried already),
// what is owed of it is no longer what the confirmation said (in.Owed),
// the order cannot be refunded now or the retry would exceed what may
// still be refunded; an *InputError if the form expired or is another
// refund's.
func (s *Service) RetryRefund(ctx context.Context, actor, ref string, id int64, in RetryInput) (RefundInfo, bool, error) {
	o, failed, err := s.orderRefund(ctx, ref, id)
	if err != nil {
		return RefundInfo{}, false, err
	}
	reqID, err := refundRequestID(ref, in.Key)
	if err != nil {
		return RefundInfo{}, false, err
	}
	if old, err := s.db.RefundByRequestID(ctx, reqID); err == nil {
		return s.repeatRetry(old, o, failed)
	} else if !errors.Is(err, db.ErrNotFound) {
		return RefundInfo{}, false, err
	}
	if needsLookup(failed) {
		return RefundInfo{}, false, lookFirstRefusal(failed, heldRetry, s.zone())
	}
	a, err := s.refundableAttempt(ctx, o)
	if err != nil {
		return RefundInfo{}, false, err
	}
	now := s.now()
	row := db.Refund{
		OrderID: o.ID, AttemptID: a.ID, RefundRequestID: reqID, Currency: a.Currency,
		Reason: failed.Reason, Status: db.RefundProcessing, NextCheckAt: now.Add(firstRefundCheck),
		CreatedBy: actor, CreatedAt: now, RetryOf: failed.ID,
	}
	row, l, repeat, err := s.insertRefund(ctx, o, a, row, actor, &retryOf{failed: failed, owed: in.Owed})
	if errors.Is(err, db.ErrDuplicate) { // another retry of it, or this form, came first
		if old, err := s.db.RefundByRequestID(ctx, reqID); err == nil {
			return s.repeatRetry(old, o, failed)
		}
		return RefundInfo{}, false, s.notRetryable(ctx, s.db.Queries, failed)
	}
	if err != nil || repeat {
		if err == nil {
			return s.repeatRetry(row, o, failed)
		}
		return RefundInfo{}, false, err
	}
	s.holding(ctx, l, func(ctx context.Context) { s.sendRefund(ctx, o, a, row) })
	if row, err = s.db.RefundByID(ctx, row.ID); err != nil {
		return RefundInfo{}, false, err
	}
	return s.retryInfo(row, o, failed), false, nil
}

// retryInfo is retry r of failed refund failed, of order o, naming the
// failed one (RetryOf, RetryOfAmount).
func (s *Service) retryInfo(r db.Refund, o db.Order, failed db.Refund) RefundInfo {
	info := refundInfo(r, o.Ref, s.zone())
	info.RetryOf, info.RetryOfAmount = failed.RefundRequestID, Money{failed.Currency, failed.Amount}
	return info
}

// retryOf is the failed refund a new refund retries, and what the
// confirmation said is owed of it (minor units as the form wrote them;
// "" when not said).
type retryOf struct {
	failed db.Refund
	owed   string
}

// retryAmount is, in the transaction q that inserts the retry, what is
// still owed of the failure it retries, which the retry refunds; a
// *ConflictError if the failure is not open, needsLookup as it stands
// now (closed by us, or found processing, since the form was read), or
// owes another amount than the confirmation said.
func (s *Service) retryAmount(ctx context.Context, q *db.Queries, t *retryOf, attemptID int64) (int64, error) {
	open, err := q.RefundFailuresOwed(ctx, t.failed.OrderID)
	if err != nil {
		return 0, err
	}
	o, ok := open[t.failed.ID]
	owed := o.Owed
	if !ok || t.failed.AttemptID != attemptID {
		return 0, s.notRetryable(ctx, q, t.failed)
	}
	if fresh, err := q.RefundByID(ctx, t.failed.ID); err != nil {
		return 0, err
	} else if needsLookup(fresh) {
		return 0, lookFirstRefusal(fresh, heldRetry, s.zone())
	}
	if err := refuseWhileCovered(ctx, q, t.failed, o, heldRetry); err != nil {
		return 0, err
	}
	if t.owed != "" && t.owed != fmt.Sprint(owed) {
		return 0, &ConflictError{Message: fmt.Sprintf("What is owed of refund %s changed meanwhile: it is now %s. Nothing was sent; look again and retry it if still needed.",
			t.failed.RefundRequestID, Money{t.failed.Currency, owed})}
	}
	return owed, nil
}

// refundableAttempt is the paid attempt of order o that refunds are made
// of; a *ConflictError if the order cannot be refunded now (newRefundRow's
// rules): where it stands, not what a form holds.
func (s *Service) refundableAttempt(ctx context.Context, o db.Order) (db.Attempt, error) {
	if o.Status == db.OrderAuthorized {
		return db.Attempt{}, s.authorizedRefusal(ctx, o)
	}
	a, err := s.db.SuccessfulAttempt(ctx, o.ID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && o.Status != db.OrderPaid) {
		return db.Attempt{}, &ConflictError{Message: "Only a paid order can be refunded."}
	}
	if err != nil {
		return db.Attempt{}, err
	}
	if a.PaymentID == "" {
		return db.Attempt{}, &ConflictError{Message: "Antom's paymentId of this payment is not known yet; try again in a minute."}
	}
	if refused := cancelInDoubtRefusal(a, "refund"); refused != nil {
		return db.Attempt{}, refused
	}
	return a, nil
}

// repeatRetry answers a retry form sent again: refund r, already made
// from it.
func (s *Service) repeatRetry(r db.Refund, o db.Order, failed db.Refund) (RefundInfo, bool, error) {
	if r.OrderID != o.ID || r.RetryOf != failed.ID {
		return RefundInfo{}, false, fieldError("", "This form belongs to another refund. Reload the page.")
	}
	return s.retryInfo(r, o, failed), true, nil
}

// retriedDone and retriedFailed end the refusal of a failed refund
// tried again already ("Refund X was already tried again, as refund Y"):
// Y made, Y failed too.
const (
	retriedDone   = ", which is done: nothing is owed of it."
	retriedFailed = ", which failed too: what was owed passed to that refund — try that one again instead, if it is still owed (its row says)."
)

// notRetryable says why failed refund r (as read again through q) cannot
// be retried: handled another way, retried already (by which refund),
// not failed, a retry whose chain Antom made after all
// (chainMadeConflict), of another payment than the one refunds are made
// of, or made good by refunds made after it failed.
func (s *Service) notRetryable(ctx context.Context, q *db.Queries, r db.Refund) error {
	latest, err := q.RefundByID(ctx, r.ID)
	if err != nil {
		return err
	}
	retry, err := q.RetryOfRefund(ctx, r.ID)
	switch {
	case err == nil:
		msg := fmt.Sprintf("Refund %s was already tried again, as refund %s", latest.RefundRequestID, retry.RefundRequestID)
		switch retry.Status {
		case db.RefundFail:
			return &ConflictError{Message: msg + retriedFailed}
		case db.RefundSuccess:
			return &ConflictError{Message: msg + retriedDone}
		}
		// Antom may answer for the retry before staff read this: the
		// order page then says it as it is (Done, Failed), as it says the
		// refusal of a retry made or failed already.
		return &ConflictError{Message: msg + ", which Antom is still processing: wait for its outcome.", Waits: true,
			Refund: retry.ID, Done: msg + retriedDone, Failed: msg + retriedFailed}
	case !errors.Is(err, db.ErrNotFound):
		return err
	case !latest.HandledAt.IsZero():
		return &ConflictError{Message: fmt.Sprintf("Refund %s was already marked handled another way, by %s: it cannot be tried again.", latest.RefundRequestID, latest.HandledBy)}
	case latest.Status != db.RefundFail || latest.Automatic:
		return &ConflictError{Message: fmt.Sprintf("Refund %s did not fail: there is nothing to try again.", latest.RefundRequestID)}
	}
	if err := chainMadeConflict(ctx, q, latest); err != nil {
		return err
	}
	a, err := q.SuccessfulAttempt(ctx, latest.OrderID)
	if err == nil && a.ID != latest.AttemptID {
		return &ConflictError{Message: fmt.Sprintf("Refund %s was of another payment of this order: it cannot be tried again here.", latest.RefundRequestID)}
	}
	unmet, err := q.RefundUnmet(ctx, latest.ID)
	if err != nil {
		return err
	}
	if unmet > 0 {
		return &ConflictError{Message: fmt.Sprintf("Refund %s is owed nothing: the failed refunds before it are owed all that may still be refunded of the payment.", latest.RefundRequestID)}
	}
	return madeGoodRefusal(ctx, q, latest, "there is nothing to try again.")
}
