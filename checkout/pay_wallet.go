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

// ErrNotSaved means a one-click payment named a wallet or kept card that
// is not among the buyer's own: another buyer's, or none at all (the same
// answer for both, so that nobody learns which exist or whose they are).
// Nothing was stored or sent to Antom.
var ErrNotSaved = errors.New("checkout: not among the buyer's saved wallets or cards")

const (
	// tokenPayExpiry keeps paymentExpiryTime under seed 001's one minute.
	tokenPayExpiry = 50 * time.Second
	// payTries bounds how often one pay request is sent when its outcome
	// is unknown; then the attempt waits for a notification or inquiry.
	payTries = 3
)

// PayWithWallet pays an order in one click with a saved wallet (tokenized
// pay, API.md §8.2) and returns the order as it is then. The
// paymentRequestId is stored before the call; an unknown outcome resends
// the same request, then leaves the attempt PROCESSING for notifications
// and inquiries to settle.
//
// The buyer waits Options.ActionWait at most: Antom not answering by
// then, it returns the order (PROCESSING) and ErrStillAsking, and the
// call goes on in the background (PayOrderWithWallet).
func (s *Service) PayWithWallet(ctx context.Context, buyerID int64, ref string, walletID int64, env antom.Env) (Order, error) {
	err := s.PayOrderWithWallet(ctx, buyerID, ref, "", walletID, env)
	if err != nil && !errors.Is(err, ErrStillAsking) {
		return Order{}, err
	}
	o, oerr := s.OrderFor(ctx, Viewer{BuyerID: buyerID}, ref)
	if oerr != nil {
		return Order{}, oerr
	}
	return o, err
}

// PayOrderWithWallet is PayWithWallet for callers that show the order's
// result page next and need not read the order back: the same errors
// (ErrNotFound, ErrNotSaved, an InputError for a wallet of the buyer's
// no longer usable, ErrOrderPaid, ErrPaymentInProgress,
// ErrTooManyAttempts), nil once the
// payment has been tried, or ErrStillAsking when Antom has not answered
// within Options.ActionWait (the pay call goes on in the background; the
// order is PROCESSING). key is the pay form's (NewPayKey; "" for none):
// the same form sent again, found with its payment, is ErrSamePress.
func (s *Service) PayOrderWithWallet(ctx context.Context, buyerID int64, ref, key string, walletID int64, env antom.Env) error {
	o, w, err := s.db.OrderAndWallet(ctx, ref, walletID) // one query: one round trip on PostgreSQL
	if errors.Is(err, db.ErrNotFound) || (err == nil && o.BuyerID != buyerID) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if w.ID == 0 || w.BuyerID != buyerID {
		return ErrNotSaved
	}
	if w.Status != db.WalletActive && w.ReplacedBy != 0 {
		// The same account, linked again since (a page shown before
		// offers the older link, under the same name): pay with the
		// newest, as a kept card kept again does (PayByCard).
		if w, err = s.newestLink(ctx, w); err != nil {
			return err
		}
	}
	if w.Status != db.WalletActive {
		return fieldError("wallet", "checkout.wallet_unusable")
	}
	token, err := s.sealer.Open(w.AccessTokenSealed, sealPurposeAccessToken)
	if err != nil {
		return fmt.Errorf("checkout: wallet %d token: %w", w.ID, err)
	}
	p, err := s.product(ctx, s.db.Queries, o.ProductID)
	if err != nil {
		return err
	}
	a, l, err := s.openAttempt(ctx, o, db.Attempt{Method: db.MethodWallet, WalletID: w.ID, PaymentRequestID: payRequestID(o.Ref, key)}, tokenPayExpiry, EventBuyer, func(a db.Attempt) string {
		return fmt.Sprintf("pay with %s %s (%s)", BrandName(w.Wallet), w.UserLoginID, a.PaymentRequestID)
	})
	if err != nil {
		return err
	}
	subject := OrderSubject(o.Ref)
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
	// The pay call outlives the request (inActionWait): the buyer waits
	// for it up to Options.ActionWait; past it, it goes on under the
	// attempt's lease (the reconciler leaves the attempt alone
	// meanwhile), and its outcome reaches the result page through the
	// hub. The app stopping meanwhile leaves the attempt PROCESSING, for
	// the reconciler to ask about once the lease has run out.
	return s.inActionWait(ctx, func(ctx context.Context) bool {
		s.holdingOwn(ctx, l, func(ctx context.Context) bool {
			resp, err := s.pay(withSubject(ctx, subject), a.ID, req)
			return s.afterPay(ctx, a, resp, err, &l)
		})
		return true
	})
}

// openAttempt stores a new PROCESSING attempt with a fresh
// paymentRequestId and moves the order to PROCESSING, in one transaction.
// The database allows one PROCESSING attempt per order, so two clicks (or
// two tabs) make one payment; past AttemptsPerOrder it stores none
// (ErrTooManyAttempts). The attempt is leased to the caller from
// the start: no reconciler asks about it while the pay call is out. by
// is who opens it, the kind of its timeline line: EventBuyer for a
// buyer's pay, EventState for the app's own (a card payment tried again
// after its first attempt had no payment page). note words that line,
// written in the same transaction.
func (s *Service) openAttempt(ctx context.Context, o db.Order, a db.Attempt, expiry time.Duration, by string, note func(db.Attempt) string) (db.Attempt, lease, error) {
	return s.openAttemptWith(ctx, o, a, expiry, by, note, nil)
}

// openAttemptAs is openAttemptWith under a's PaymentRequestID, or a
// fresh one when it is "".
func (s *Service) openAttemptAs(ctx context.Context, o db.Order, a db.Attempt, expiry time.Duration, by string, note func(db.Attempt) string,
	mark func(context.Context, *db.Queries, db.Attempt) error) (db.Attempt, lease, error) {
	if PaymentTaken(o.Status) {
		return db.Attempt{}, lease{}, ErrOrderPaid
	}
	p, err := s.product(ctx, s.db.Queries, o.ProductID)
	if err != nil {
		return db.Attempt{}, lease{}, err
	}
	if !s.payableProduct(p.Slug) {
		return db.Attempt{}, lease{}, ErrNotForSale
	}
	reqID := a.PaymentRequestID
	if reqID == "" {
		if reqID, err = newRef("PR-"+o.Ref+"-", payKeyLen); err != nil {
			return db.Attempt{}, lease{}, err
		}
	}
	var l lease
	var publish func()
	now := s.now()
	a.OrderID, a.PaymentRequestID, a.Currency, a.Amount = o.ID, reqID, o.Currency, o.Amount
	a.Status, a.CreatedAt = db.AttemptProcessing, now
	a.ExpiresAt, a.NextCheckAt = now.Add(expiry).Truncate(time.Second), now.Add(firstCheck)
	// Once being stored, the press is made whatever becomes of its
	// request (the buyer closing the page now; behind haproxy's
	// abortonclose the instance hears of it at once): a transaction ended
	// with the request could, its COMMIT cut off on the way, leave the
	// attempt stored and no pay ever sent.
	ctx = context.WithoutCancel(ctx)
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		id, err := q.InsertAttempt(ctx, a)
		if err != nil {
			return err
		}
		a.ID = id
		if mark != nil {
			if err := mark(ctx, q, a); err != nil {
				return err
			}
		}
		ok, err := q.SetOrderStatus(ctx, o.ID, db.OrderOpen, db.OrderProcessing, now)
		if err != nil {
			return err
		}
		if !ok {
			return ErrPaymentInProgress
		}
		// Counted once stored and the order held: a press of this very
		// form sent again is found with its payment first (ErrDuplicate).
		if err := withinAttempts(ctx, q, o.ID); err != nil {
			return err
		}
		if l, err = s.claimNew(ctx, q, attemptWork(id)); err != nil {
			return err
		}
		s.record(ctx, q, OrderSubject(o.Ref), by, note(a))
		publish = s.publishAtCommit(q, OrderSubject(o.Ref))
		return nil
	})
	if errors.Is(err, db.ErrDuplicate) {
		return db.Attempt{}, lease{}, ErrPaymentInProgress
	}
	if err != nil {
		return db.Attempt{}, lease{}, err
	}
	publish()
	return a, l, nil
}

// pay sends one pay request for attempt id, resending the very same
// request while the outcome is unknown (not for PAYMENT_IN_PROCESS, which
// only waiting resolves) and the attempt is still PROCESSING: a
// notification or an inquiry may settle it while a call runs without an
// answer, and it is then not sent again (stillOpen, as retryWhileOpen
// does); the caller reads the attempt for what to tell the buyer.
func (s *Service) pay(ctx context.Context, id int64, req *antom.PayRequest) (*antom.PayResponse, error) {
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
			if !s.stillOpen(ctx, attemptOpen(id)) {
				return resp, err
			}
		}
	}
	return resp, err
}

// inProcess reports a signed U PAYMENT_IN_PROCESS answer.
func inProcess(err error) bool {
	var e *antom.Error
	return errors.As(err, &e) && !e.Unverified && e.Result.ResultCode == antom.CodePaymentInProcess
}

// afterPay applies a pay call's outcome to its attempt. A final outcome
// releases l, the lease the call ran under, in the transaction that
// settles the attempt; afterPay reports whether it did.
func (s *Service) afterPay(ctx context.Context, a db.Attempt, resp *antom.PayResponse, err error, l *lease) bool {
	switch {
	case err == nil:
		out := outcomeOf(db.AttemptSuccess, "SUCCESS", resp.PaymentID, resp.PaymentTime)
		out.card = factsOf(antom.CardInfo{}, resp.PaymentResultInfo, resp.AuthExpiryTime)
		_, released := s.settleReleasing(ctx, a, out, "pay answered S", l)
		return released
	case antom.IsFailed(err):
		paymentID := ""
		if resp != nil {
			paymentID = resp.PaymentID
		}
		_, released := s.settleReleasing(ctx, a, outcomeOf(db.AttemptFail, failureCode(err), paymentID, ""), "pay answered F", l)
		return released
	default:
		if resp != nil && resp.PaymentID != "" && s.keepPaymentID(ctx, a, resp.PaymentID, "pay's answer, outcome not known yet"+unknownWhy(err)+",") {
			var f followUps
			s.reapplyWhenKnown(a, resp.PaymentID, &f)
			f.run(ctx)
		}
		// Said only while the attempt is still open: its notification
		// may have settled it while the call ran (recordWhileOpen).
		s.recordWhileOpen(ctx, s.subjectOf(ctx, a), EventState, "outcome not known yet"+unknownWhy(err)+"; waiting for Antom", attemptOpen(a.ID))
	}
	return false
}

// unknownWhy is " (why)" for a timeline line that already says a call's
// outcome is not known: the U result code (UNKNOWN_EXCEPTION), with the
// HTTP status of a 5xx, the HTTP status of an answer without one, "no
// verified answer from Antom: HTTP 500" for an answer without a valid
// signature (whatever its body claims), or "not sent" —
// and "" when all that is known is that the outcome is unknown, which
// the line says already.
func unknownWhy(err error) string {
	var e *antom.Error
	switch {
	case !errors.As(err, &e):
		return " (error)"
	case e.Unverified:
		// What an unsigned body says is not Antom's answer: not told.
		return fmt.Sprintf(" (no verified answer from Antom: HTTP %d)", e.HTTPStatus)
	case e.HTTPStatus >= 500 && e.Result.ResultCode != "":
		return fmt.Sprintf(" (HTTP %d, %s)", e.HTTPStatus, e.Result.ResultCode)
	case e.Result.ResultCode != "":
		return " (" + e.Result.ResultCode + ")"
	case e.Kind != antom.KindUnknown:
		return " (" + e.Kind.String() + ")"
	case e.HTTPStatus != 0 && e.HTTPStatus != 200:
		return fmt.Sprintf(" (HTTP %d)", e.HTTPStatus)
	}
	return ""
}

// noAnswerWords tells staff that a call got no answer they can act on,
// and why, as unknownWhy does for the timeline: "Antom did not answer
// (UNKNOWN_EXCEPTION)." for a signed U, "No verified answer from Antom
// (HTTP 500)." for an answer without a valid signature — what its body
// claims is not Antom's answer, so its code is never quoted.
func noAnswerWords(err error) string {
	var e *antom.Error
	if errors.As(err, &e) && e.Unverified {
		return fmt.Sprintf("No verified answer from Antom (HTTP %d).", e.HTTPStatus)
	}
	return "Antom did not answer" + unknownWhy(err) + "."
}
