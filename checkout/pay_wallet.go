package checkout

import (
	"context"
	"errors"
	"fmt"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// ErrPaymentInProgress means the order has a payment whose outcome is not
// known yet: no second payment before the first is confirmed.
var ErrPaymentInProgress = errors.New("checkout: a payment for this order is still being confirmed")

// ErrOrderPaid means the order is already paid.
var ErrOrderPaid = errors.New("checkout: order already paid")

const (
	// tokenPayExpiry keeps paymentExpiryTime under seed 001's one minute.
	tokenPayExpiry = 50 * time.Second
	// payTries bounds how often one pay request is sent when its outcome
	// is unknown; then the attempt waits for a notification or inquiry.
	payTries = 3
)

// PayWithWallet pays an order in one click with a saved wallet (tokenized
// pay, API.md §8.2). The paymentRequestId is stored before the call; an
// unknown outcome resends the same request, then leaves the attempt
// PROCESSING for notifications and inquiries to settle.
func (s *Service) PayWithWallet(ctx context.Context, buyerID int64, ref string, walletID int64, env antom.Env) (Order, error) {
	o, err := s.db.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) || (err == nil && o.BuyerID != buyerID) {
		return Order{}, ErrNotFound
	}
	if err != nil {
		return Order{}, err
	}
	w, err := s.db.WalletByID(ctx, walletID)
	if err != nil || w.BuyerID != buyerID || w.Status != db.WalletActive {
		return Order{}, fieldError("wallet", "checkout.wallet_unusable")
	}
	token, err := s.sealer.Open(w.AccessTokenSealed, sealPurposeAccessToken)
	if err != nil {
		return Order{}, fmt.Errorf("checkout: wallet %d token: %w", w.ID, err)
	}
	a, l, err := s.openAttempt(ctx, o, db.Attempt{Method: db.MethodWallet, WalletID: w.ID}, tokenPayExpiry)
	if err != nil {
		return Order{}, err
	}
	subject := OrderSubject(o.Ref)
	s.record(ctx, nil, subject, EventBuyer, fmt.Sprintf("pay with %s %s (%s)", BrandName(w.Wallet), w.UserLoginID, a.PaymentRequestID))

	p, err := s.product(ctx, o.ProductID)
	if err != nil {
		return Order{}, err
	}
	env.TerminalType = antom.TerminalWeb
	amount := antom.MinorAmount(o.Currency, o.Amount)
	req := &antom.PayRequest{
		ProductCode:      "AGREEMENT_PAYMENT",
		PaymentRequestID: a.PaymentRequestID,
		Order: antom.Order{
			ReferenceOrderID: o.Ref,
			OrderDescription: fmt.Sprintf("%d × %s", o.Quantity, p.Name),
			OrderAmount:      amount,
			Buyer:            antom.Buyer{ReferenceBuyerID: fmt.Sprint(buyerID)},
			Env:              env,
		},
		PaymentAmount:     amount,
		PaymentMethod:     antom.PaymentMethod{PaymentMethodType: w.Wallet, PaymentMethodID: antom.Secret(token)},
		PaymentExpiryTime: a.ExpiresAt.Format(time.RFC3339),
		PaymentNotifyURL:  s.opts.NotifyURL,
		Env:               env,
	}
	s.holding(ctx, l, func(ctx context.Context) {
		resp, err := s.pay(withSubject(ctx, subject), req)
		s.afterPay(ctx, a, resp, err)
	})
	return s.OrderFor(ctx, Viewer{BuyerID: buyerID}, ref)
}

// openAttempt stores a new PROCESSING attempt with a fresh
// paymentRequestId and moves the order to PROCESSING, in one transaction.
// The database allows one PROCESSING attempt per order, so two clicks (or
// two tabs) make one payment. The attempt is leased to the caller from
// the start: no reconciler asks about it while the pay call is out.
func (s *Service) openAttempt(ctx context.Context, o db.Order, a db.Attempt, expiry time.Duration) (db.Attempt, lease, error) {
	switch o.Status {
	case db.OrderPaid, db.OrderAuthorized, db.OrderVoided:
		return db.Attempt{}, lease{}, ErrOrderPaid
	}
	reqID, err := newRef("PR-"+o.Ref+"-", 8)
	if err != nil {
		return db.Attempt{}, lease{}, err
	}
	var l lease
	now := s.now()
	a.OrderID, a.PaymentRequestID, a.Currency, a.Amount = o.ID, reqID, o.Currency, o.Amount
	a.Status, a.CreatedAt = db.AttemptProcessing, now
	a.ExpiresAt, a.NextCheckAt = now.Add(expiry).Truncate(time.Second), now.Add(firstCheck)
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		id, err := q.InsertAttempt(ctx, a)
		if err != nil {
			return err
		}
		a.ID = id
		ok, err := q.SetOrderStatus(ctx, o.ID, db.OrderOpen, db.OrderProcessing, now)
		if err != nil {
			return err
		}
		if !ok {
			return ErrPaymentInProgress
		}
		l, err = s.claimNew(ctx, q, attemptWork(id))
		return err
	})
	if errors.Is(err, db.ErrDuplicate) {
		return db.Attempt{}, lease{}, ErrPaymentInProgress
	}
	if err != nil {
		return db.Attempt{}, lease{}, err
	}
	s.hub.Publish(OrderSubject(o.Ref))
	return a, l, nil
}

// pay sends one pay request, resending the very same request while the
// outcome is unknown (not for PAYMENT_IN_PROCESS, which only waiting
// resolves).
func (s *Service) pay(ctx context.Context, req *antom.PayRequest) (*antom.PayResponse, error) {
	var resp *antom.PayResponse
	var err error
	pause := s.opts.RetryBase
	for i := 0; i < payTries; i++ {
		resp, err = s.antom.Pay(ctx, req)
		if err == nil || antom.IsFailed(err) || inProcess(err) {
			return resp, err
		}
		if i < payTries-1 {
			select {
			case <-ctx.Done():
				return resp, err
			case <-time.After(pause):
			}
			pause *= 2
		}
	}
	return resp, err
}

// inProcess reports a signed U PAYMENT_IN_PROCESS answer.
func inProcess(err error) bool {
	var e *antom.Error
	return errors.As(err, &e) && !e.Unverified && e.Result.ResultCode == "PAYMENT_IN_PROCESS"
}

// afterPay applies a pay call's outcome to its attempt.
func (s *Service) afterPay(ctx context.Context, a db.Attempt, resp *antom.PayResponse, err error) {
	switch {
	case err == nil:
		out := outcomeOf(db.AttemptSuccess, "SUCCESS", resp.PaymentID, resp.PaymentTime)
		out.card = factsOf(antom.CardInfo{}, resp.PaymentResultInfo, resp.AuthExpiryTime)
		s.settleNow(ctx, a, out, "pay answered S")
	case antom.IsFailed(err):
		paymentID := ""
		if resp != nil {
			paymentID = resp.PaymentID
		}
		s.settleNow(ctx, a, outcomeOf(db.AttemptFail, failureCode(err), paymentID, ""), "pay answered F")
	default:
		if resp != nil && resp.PaymentID != "" {
			if err := s.db.SetAttemptPaymentID(ctx, a.ID, resp.PaymentID, s.now()); err != nil {
				s.log.Error("store paymentId", "attempt", a.ID, "err", err)
			}
		}
		s.record(ctx, nil, s.subjectOf(ctx, a), EventState, "outcome not known yet ("+codeOf(err)+"); waiting for Antom")
	}
}

// codeOf names an unknown outcome: the U code, or how the call failed.
func codeOf(err error) string {
	if r, ok := antom.ResultOf(err); ok && r.ResultCode != "" {
		return r.ResultCode
	}
	var e *antom.Error
	if errors.As(err, &e) {
		return e.Kind.String()
	}
	return "error"
}
