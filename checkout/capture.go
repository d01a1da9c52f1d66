package checkout

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// ErrNotAuthorized means the order holds no card authorization to capture
// or void.
var ErrNotAuthorized = errors.New("checkout: the order has no authorization to capture or void")

// ConflictError refuses a staff action for where things stand now, not
// for what its form holds: an authorization another action has taken (or
// is taking) — a capture or void sent twice at once, or after the other —
// or that has expired; a refund when nothing is left to refund, or the
// order cannot be refunded now; a failed refund no longer open to try
// again or mark handled, or whose retry no longer fits what may be
// refunded. Message says, for staff, what became of it. Nothing was
// stored or sent. Handlers answer it Post/Redirect/Get (Refused), never
// as an error of the form, which is an *InputError.
type ConflictError struct {
	Message string
	// Repeat: the refused action is one that was already sent — the same
	// capture or void, sent again (a second click, another tab, another
	// staff member at the same moment; takenRefusal). Nothing went wrong:
	// what staff asked for was sent, once. Handlers show it as a neutral
	// note, not as bad news.
	Repeat bool
	// Waits: the action is refused only until something Antom has not
	// confirmed yet is known (a cancel of ours in doubt;
	// cancelInDoubtRefusal) — the order's page shows the outcome, and then
	// the refusal no longer holds. Handlers show it as neutral news that
	// goes when the order changes, not as bad news that stays.
	Waits bool
	// Refund: a refund still processing at Antom (its db id) that the
	// refusal speaks of, which Antom may make or fail before staff read
	// it; Done and Failed are the refusal said once it is made, or once it
	// failed — what is true then (the order page says them in its place).
	// 0 and "" for none.
	Refund       int64
	Done, Failed string
	// Retried: Refund tries again the failed refund the refused action
	// was for, so should it fail, what that one owed passes to it — a
	// note typed for the refused one then belongs to Refund's form.
	Retried bool
	// PassedTo: a failed retry (its db id) of the failed refund the
	// refused action was for, which failed before the action was sent:
	// what that one owed passed to it, so a note typed for the refused
	// one belongs to PassedTo's form now. 0 for none.
	PassedTo int64
}

func (e *ConflictError) Error() string { return "checkout: " + e.Message }

// authorization returns an AUTHORIZED order and its successful MANUAL
// card attempt, for asked: else a *ConflictError when a capture or void
// took it (takenRefusal), it expired (authorizationExpired, or the order
// EXPIRED) or a capture refusal ended it (captureEnds),
// ErrNotAuthorized when it never held one.
func (s *Service) authorization(ctx context.Context, ref string, asked cardAction) (db.Order, db.Attempt, error) {
	o, err := s.db.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) {
		return o, db.Attempt{}, ErrNotFound
	}
	if err != nil {
		return o, db.Attempt{}, err
	}
	a, err := s.db.SuccessfulAttempt(ctx, o.ID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && a.CaptureMode != antom.CaptureManual) {
		return o, a, ErrNotAuthorized
	}
	if err != nil {
		return o, a, err
	}
	if err := s.authorizationTaken(ctx, s.db.Queries, o, a, asked); err != nil {
		return o, a, err
	}
	if o.Status == db.OrderExpired || o.Status == db.OrderAuthorized && authorizationExpired(a, s.now()) {
		return o, a, &ConflictError{Message: expiredWords(expiredAt(a, s.now()), s.zone())}
	}
	if o.Status != db.OrderAuthorized {
		return o, a, ErrNotAuthorized
	}
	return o, a, nil
}

// CheckVoid reports whether actor (a staff email) can void order ref's
// authorization now: nil if so, else ErrNotFound, ErrNotAuthorized or a
// *ConflictError saying what became of it. It changes nothing (for the
// void's confirmation page).
func (s *Service) CheckVoid(ctx context.Context, actor, ref string) error {
	_, _, err := s.authorization(ctx, ref, cardAction{void: true, by: actor, check: true})
	return err
}

// authorizationTaken reads, with q (the caller's transaction, so that two
// staff actions at once see each other, and the reconciler's expiry of
// it), whether a capture or void has taken the authorization of attempt
// a, Antom refused a capture of it with a code that ends it
// (refusedEnding: it expired, or was cancelled at Antom), or it closed
// as EXPIRED, and refuses asked saying which as a *ConflictError
// (takenRefusal, endedWords); nil when none did.
func (s *Service) authorizationTaken(ctx context.Context, q *db.Queries, o db.Order, a db.Attempt, asked cardAction) error {
	cs, err := q.OrderCaptures(ctx, o.ID)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.Status == db.CaptureSuccess || c.Status == db.CaptureProcessing {
			by := c.CreatedBy
			if by == db.CapturedOutside {
				by = "" // no staff member: "had already been sent"
			}
			return takenRefusal(asked, cardAction{amount: c.Amount, by: by}, c.Currency)
		}
	}
	if fresh, err := q.AttemptByID(ctx, a.ID); err == nil {
		a = fresh
	} else {
		return err
	}
	if fresh, err := q.OrderByID(ctx, o.ID); err == nil {
		o = fresh
	} else {
		return err
	}
	if _, to, ended := refusedEnding(cs, a.ID); ended {
		return &ConflictError{Message: endedWords(to, a, s.now(), s.zone())}
	}
	switch {
	case o.Status == db.OrderExpired:
		return &ConflictError{Message: expiredWords(expiredAt(a, s.now()), s.zone())}
	case a.CancelStatus == db.CancelSuccess || a.CancelStatus == db.CancelProcessing || o.Status == db.OrderVoided:
		by, err := voidedBy(ctx, q, o.Ref)
		if err != nil {
			return err
		}
		return takenRefusal(asked, cardAction{void: true, by: by}, a.Currency)
	case a.CancelStatus == db.CancelInDoubt:
		if asked.void {
			return cancelInDoubtRefusal(a, "void")
		}
		return cancelInDoubtRefusal(a, "capture")
	}
	return nil
}

// voidedBy is who sent the void of order ref's authorization (the staff
// line voidLine on its timeline), "" when no staff member did.
func voidedBy(ctx context.Context, q *db.Queries, ref string) (string, error) {
	events, err := q.Events(ctx, OrderSubject(ref))
	if err != nil {
		return "", err
	}
	for _, e := range slices.Backward(events) {
		if e.Kind == EventStaff && e.Detail == voidLine {
			return e.Actor, nil
		}
	}
	return "", nil
}

// Capture captures an authorized card payment in full or in part (one
// capture, the last: the rest of the authorization is released), API.md
// §5.4. The captureRequestId is stored before the call; the order is paid
// once Antom confirms, now or by notifyCapture. nil means Antom confirmed
// it; a refusal is a *CaptureError; an outcome not known yet (U, no
// answer, an unverified one) is ErrCaptureNotConfirmed — the capture
// stays PROCESSING and the reconciler follows it up; an authorization a
// capture or a void took, or that has expired or been cancelled at Antom
// (captureEnds), is a *ConflictError; a bad amount an *InputError.
func (s *Service) Capture(ctx context.Context, actor, ref string, amount int64) error {
	asked := cardAction{amount: amount, by: actor}
	o, a, err := s.authorization(ctx, ref, asked)
	if err != nil {
		return err
	}
	if err := captureFits(a, amount); err != nil {
		return err
	}
	reqID, err := newRef("CAP-"+o.Ref+"-", 8)
	if err != nil {
		return err
	}
	c := db.Capture{OrderID: o.ID, AttemptID: a.ID, CaptureRequestID: reqID, Currency: a.Currency, Amount: amount,
		Status: db.CaptureProcessing, CreatedBy: actor, CreatedAt: s.now()}
	var l lease
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		if err := s.authorizationTaken(ctx, q, o, a, asked); err != nil {
			return err
		}
		if c.ID, err = q.InsertCapture(ctx, c); err != nil {
			return err
		}
		l, err = s.claimNew(ctx, q, captureWork(c.ID))
		return err
	})
	if err != nil {
		return err
	}
	subject := OrderSubject(o.Ref)
	s.hub.Publish(subject) // the buyer's page: being charged
	s.recordBy(ctx, nil, subject, EventStaff, actor, fmt.Sprintf("capture %s (%s)", Money{a.Currency, amount}, reqID))
	var resp *antom.CaptureResponse
	s.holding(ctx, l, func(ctx context.Context) {
		resp, err = s.antom.Capture(withSubject(ctx, subject), captureRequest(a, c))
	})
	var other error
	if err == nil {
		other = capturedOther("captureAmount", resp.CaptureAmount, c)
	}
	switch {
	case other != nil:
		// Settled as if matching it would mark the order paid for an
		// amount Antom does not confirm: told, and left open for the
		// reconciler's inquiryPayment (capturedOtherError).
		s.recordWhileOpen(ctx, subject, EventState, "capture "+reqID+" answered S, but "+capturedOtherWords(other)+
			"; the capture stays open and the reconciler asks inquiryPayment", captureOpen(reqID))
		return s.captureOutcome(ctx, c.CaptureRequestID)
	case err == nil:
		s.settleCapture(ctx, nil, c, db.CaptureSuccess, "SUCCESS", "", resp.CaptureID, "capture answered S")
	case antom.IsFailed(err):
		s.settleCapture(ctx, nil, c, db.CaptureFail, failureCode(err), failureMessage(err), "", "capture answered F")
		return s.captureRefused(a, failureCode(err), failureMessage(err))
	default:
		// Said only while the capture is still open: notifyCapture may
		// have settled it while the call ran (recordWhileOpen).
		s.recordWhileOpen(ctx, subject, EventState, "capture outcome not known yet"+unknownWhy(err)+"; waiting for notifyCapture",
			func(ctx context.Context, q *db.Queries) (bool, error) {
				c, err := q.CaptureByRequestID(ctx, c.CaptureRequestID)
				return err == nil && c.Status == db.CaptureProcessing, err
			})
		return s.captureOutcome(ctx, c.CaptureRequestID)
	}
	return nil
}

// ErrCaptureNotConfirmed means Antom has not confirmed a capture yet (U,
// a timeout, an answer we could not verify): the capture is stored
// PROCESSING and the reconciler asks (and sends it again) until Antom
// says. Nothing may be told as captured meanwhile.
var ErrCaptureNotConfirmed = errors.New("checkout: the capture is not confirmed yet")

// captureOutcome is what Capture reports once Antom's answer left the
// capture open: it reads the capture again (notifyCapture may have
// settled it while the call ran) and returns nil for a success, a
// *CaptureError for a failure, else ErrCaptureNotConfirmed.
func (s *Service) captureOutcome(ctx context.Context, reqID string) error {
	c, err := s.db.CaptureByRequestID(ctx, reqID)
	switch {
	case err != nil:
		return err
	case c.Status == db.CaptureSuccess:
		return nil
	case c.Status == db.CaptureFail:
		a, err := s.db.AttemptByID(ctx, c.AttemptID)
		if err != nil {
			return err
		}
		return s.captureRefused(a, c.ResultCode, c.ResultMessage)
	}
	return ErrCaptureNotConfirmed
}

// captureRequest is the capture call for c: the same every time it is
// sent, so that Antom's idempotency per captureRequestId holds.
func captureRequest(a db.Attempt, c db.Capture) *antom.CaptureRequest {
	return &antom.CaptureRequest{
		CaptureRequestID: c.CaptureRequestID, PaymentID: a.PaymentID,
		CaptureAmount: antom.MinorAmount(c.Currency, c.Amount), IsLastCapture: true,
	}
}

// CaptureError is a capture (or a void) Antom refused, with its
// resultCode and resultMessage ("" when Antom gave none).
type CaptureError struct {
	Code, Message string
	// Ended: Antom refused the capture with a code that ends the
	// authorization (captureEnds, API.md §5.4): it expired (AUTH_EXPIRED;
	// the order is EXPIRED) or was cancelled at Antom (AUTH_CANCELLED,
	// ORDER_IS_CANCELED; the order is VOIDED). Nothing was charged, and
	// it is no longer to capture or void. Staff's words for it
	// (endedWords); "" for any other refusal, which leaves the
	// authorization open.
	Ended string
}

func (e *CaptureError) Error() string { return "checkout: capture refused: " + e.Code }

// settleCapture writes a capture's final status (over PROCESSING only),
// with Antom's resultCode and resultMessage (message may be ""), and, on
// success, marks the order paid; on a refusal with a code that ends the
// authorization — Antom's definite word that it expired, or was
// cancelled at Antom — closes the order as captureEnds says (endRefused:
// EXPIRED, as its known expiry would, or VOIDED). Every path that
// settles a capture comes here: staff's call, the reconciler's inquiry
// and resend, notifyCapture. In a transaction of its own (q
// nil) it wakes the order's waiting pages once it has committed; within
// the caller's, that is the caller's to do.
func (s *Service) settleCapture(ctx context.Context, q *db.Queries, c db.Capture, status, code, message, captureID, why string) (bool, error) {
	var subject string
	run := func(q *db.Queries) (bool, error) {
		ok, err := q.SettleCapture(ctx, c.ID, status, code, message, captureID, s.now())
		if err != nil || !ok {
			return false, err
		}
		o, err := q.OrderByID(ctx, c.OrderID)
		if err != nil {
			return false, err
		}
		if status == db.CaptureSuccess {
			if _, err := q.SetOrderStatus(ctx, o.ID, db.OrderAuthorized, db.OrderPaid, s.now()); err != nil {
				return false, err
			}
		}
		subject = OrderSubject(o.Ref)
		line := fmt.Sprintf("capture %s %s (%s): %s", c.CaptureRequestID, status, code, why)
		if status == db.CaptureSuccess {
			a, err := q.AttemptByID(ctx, c.AttemptID)
			if err != nil {
				return false, err
			}
			if rest := a.Amount - c.Amount; rest > 0 && a.Currency == c.Currency {
				// One capture, the last (API.md §5.4): Antom releases the rest.
				line += "; the rest of the authorization, " + (Money{a.Currency, rest}).String() + ", is released"
			}
		}
		s.record(ctx, q, subject, EventState, line)
		if to, ends := captureEnds[code]; ends && status == db.CaptureFail {
			if _, err := s.endRefused(ctx, q, o, c, code, to); err != nil {
				return false, err
			}
		}
		return true, nil
	}
	if q != nil {
		return run(q)
	}
	var settled bool
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		var err error
		settled, err = run(q)
		return err
	})
	if err != nil {
		s.log.Error("settle capture", "capture", c.ID, "err", err)
	}
	if settled {
		s.hub.Publish(subject)
	}
	return settled, err
}

// ErrVoidNotConfirmed means Antom has not answered a void yet (U, or no
// answer every time): the wish is stored and the reconciler sends it
// again until Antom does.
var ErrVoidNotConfirmed = errors.New("checkout: the void is not confirmed yet")

// Void cancels an authorization that was not captured (API.md §5.5): the
// buyer's funds are released and the order is VOIDED. The wish is stored
// before the call (the attempt's cancel PROCESSING), so an answer that
// stays unknown is followed up by the reconciler like every cancel
// (ErrVoidNotConfirmed). Another worker asking Antom about the attempt
// at that moment is waited for, up to Options.ActionWait (leasedWait);
// still busy then, nothing is sent and the reconciler sends the stored
// wish (ErrVoidNotConfirmed). A refusal is a *CaptureError; an
// authorization a capture or another void took, or that expired or was
// cancelled at Antom (nothing is held to release), is a *ConflictError.
func (s *Service) Void(ctx context.Context, actor, ref string) error {
	asked := cardAction{void: true, by: actor}
	o, a, err := s.authorization(ctx, ref, asked)
	if err != nil {
		return err
	}
	// The void is claimed (the attempt's cancel PROCESSING) in the
	// transaction that checks nothing took the authorization meanwhile:
	// of two voids at once, or a void and a capture, one acts and writes
	// its line; the other is refused with what became of it.
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		if err := s.authorizationTaken(ctx, q, o, a, asked); err != nil {
			return err
		}
		if _, err := q.RequestCancel(ctx, a.ID, CancelByStaff, s.now()); err != nil {
			return err
		}
		s.recordBy(ctx, q, OrderSubject(o.Ref), EventStaff, actor, voidLine)
		return nil
	})
	if err != nil {
		return err
	}
	s.hub.Publish(OrderSubject(o.Ref)) // the buyer's page: hold being released
	// Another worker asking Antom about the attempt right now (the
	// reconciler) is waited for (leasedWait), then the void is sent — or
	// not, if that worker's resend of the stored wish was answered
	// meanwhile (cancelAttempt sends no cancel Antom confirmed). Still
	// held at the bound, the wish waits for the reconciler.
	if !s.leasedWait(withActor(ctx, EventStaff), attemptWork(a.ID), func(ctx context.Context) {
		err = s.cancelAttempt(ctx, a, CancelByStaff, "voided by "+actor)
	}) {
		if err := context.Cause(ctx); err != nil {
			return err
		}
		return ErrVoidNotConfirmed
	}
	switch {
	case err == nil:
		return nil
	case antom.IsFailed(err) && failureCode(err) != antom.CodeOrderNotExist:
		return &CaptureError{Code: failureCode(err), Message: failureMessage(err)}
	case antom.IsFailed(err) || antom.IsUnknown(err) || antom.IsNotSent(err):
		return ErrVoidNotConfirmed
	}
	return err
}

// captureFits is the rule for what of authorization a a capture may take:
// amount (minor units) from 1 to all of it; else an *InputError on the
// form's amount field. Capture and its confirmation (CheckCaptureTyped)
// both say it.
func captureFits(a db.Attempt, amount int64) error {
	if amount <= 0 || amount > a.Amount {
		return fieldError("amount", fmt.Sprintf("Capture between %s and %s.", Money{a.Currency, 1}, Money{a.Currency, a.Amount}))
	}
	return nil
}
