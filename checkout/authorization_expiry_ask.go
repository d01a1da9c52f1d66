package checkout

import (
	"context"
	"errors"
	"fmt"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// askBeforeEnding asks Antom (inquiryPayment by paymentId, API.md §5.3)
// whether x, an authorization that ended uncaptured in our books, was
// captured outside this app — in Antom Dashboard, or by another system —
// before endAuthorization closes it as "nothing was charged", and
// reports whether it may close it now: Antom lists no capture of it that
// took money and is not in our books. A CAPTURE transaction SUCCESS not
// in our books is recorded (adoptOutsideCapture): the order is PAID, not
// closed. No answer (U, HTTP 5xx, none, an F such as ORDER_NOT_EXIST), a
// capture Antom lists as still processing, or one that contradicts our
// books leaves the order AUTHORIZED and puts the next ask off by
// endCheckBackoff (endCheckUnanswered).
func (s *Service) askBeforeEnding(ctx context.Context, x db.EndedAuthorization) (bool, error) {
	a, err := s.db.AttemptByID(ctx, x.AttemptID)
	if err != nil {
		return false, err
	}
	subject := OrderSubject(x.Ref)
	req := &antom.InquiryPaymentRequest{PaymentID: a.PaymentID}
	if a.PaymentID == "" {
		req = &antom.InquiryPaymentRequest{PaymentRequestID: a.PaymentRequestID}
	}
	resp, err := s.antom.InquiryPayment(withSubject(ctx, subject), req)
	if err != nil {
		s.endCheckUnanswered(ctx, x, subject, unknownWhy(err))
		return false, nil
	}
	adopted, open := false, ""
	for _, t := range resp.Transactions {
		if t.TransactionType != antom.TransactionCapture {
			continue
		}
		switch t.TransactionStatus {
		case antom.PaymentSuccess:
			got, problem, err := s.adoptListedCapture(ctx, x, t)
			if err != nil {
				return false, err
			}
			adopted = adopted || got
			if problem != "" && open == "" {
				open = " (Antom lists capture " + t.TransactionRequestID + " SUCCESS, not recorded: " + problem + ")"
			}
		case antom.PaymentFail:
		default:
			if open == "" {
				open = " (Antom lists capture " + t.TransactionRequestID + " as " + t.TransactionStatus + ")"
			}
		}
	}
	switch {
	case adopted:
		s.hub.Publish(subject)
		return false, nil
	case open != "":
		s.endCheckUnanswered(ctx, x, subject, open)
		return false, nil
	}
	return true, nil
}

// adoptListedCapture records t, a CAPTURE transaction SUCCESS that
// inquiryPayment lists of x's authorization, unless it is in our books
// already (adoptOutsideCapture), reading the attempt and its order
// afresh in the transaction. A capture of ours that our books do not
// hold as SUCCESS (refused, say) is a problem: Antom says it took money.
func (s *Service) adoptListedCapture(ctx context.Context, x db.EndedAuthorization, t antom.Transaction) (adopted bool, problem string, err error) {
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		adopted, problem = false, ""
		if c, err := q.CaptureByRequestID(ctx, t.TransactionRequestID); err == nil {
			if c.Status != db.CaptureSuccess {
				problem = "our books hold that capture as " + c.Status
			}
			return nil
		} else if !errors.Is(err, db.ErrNotFound) {
			return err
		}
		a, err := q.AttemptByID(ctx, x.AttemptID)
		if err != nil {
			return err
		}
		o, err := q.OrderByID(ctx, x.OrderID)
		if err != nil {
			return err
		}
		x := outsideCapture{requestID: t.TransactionRequestID, captureID: t.TransactionID, amount: t.TransactionAmount,
			at: parseAntomTime(t.TransactionTime)}
		adopted, problem, err = s.adoptOutsideCapture(ctx, q, a, o, x, "reconciler: inquiryPayment lists it as the authorization ended")
		return err
	})
	return adopted, problem, err
}

// endCheckUnanswered counts an ask before ending x that did not let it
// close (why: no answer, or what Antom listed) and sets the next after
// endCheckBackoff's pause, with a line — in one transaction, only while
// the order is still AUTHORIZED — on the first ask and on each step
// while the pause grows; asks at the capped pause write none (their
// calls are on the timeline).
//
// The asks stop as the looks for an unknown authExpiryTime do, by the
// same rule (authLooksOver: the authorization has been held longer than
// any is), the last made then (authLooksBound): stopEndChecks.
func (s *Service) endCheckUnanswered(ctx context.Context, x db.EndedAuthorization, subject, why string) {
	n, now := x.Checks+1, s.now()
	if s.authLooksOver(x.PaidAt, now) {
		s.stopEndChecks(ctx, x, subject, why, n, now)
		return
	}
	pause := s.authLooksBound(x.PaidAt, now.Add(s.pause(endCheckBackoff, n))).Sub(now)
	write := n == 1 || !endCheckBackoff.capped(n-1)
	line := "the authorization has ended, but whether it was captured outside this app is not known yet" + why
	if n > 1 {
		line = "the authorization has ended; whether it was captured outside this app still not known after " + fmt.Sprint(n) + " asks" + why
	}
	line += "; not closed as nothing charged: asking Antom again in " + pauseWords(pause)
	s.recordWhileOpen(ctx, subject, EventReconciler, line, func(ctx context.Context, q *db.Queries) (bool, error) {
		counted, err := q.RetryEndCheckAt(ctx, x.AttemptID, x.Checks, now.Add(pause), now)
		return counted && write, err
	})
}

// endChecksStoppedWords is what the timeline says, after why the asks
// stopped, of an ended authorization Antom never said was or was not
// captured outside this app. Staff's order page says the same in words
// of its own (views/admin_orders.templ: order-auth-expired, stopped).
const endChecksStoppedWords = "no more asks. Not closed as nothing charged, since Antom never confirmed it: " +
	"the order stays authorized for staff to decide — look the payment up in Antom Dashboard (captured or not) before telling the buyer anything"

// stopEndChecks ends the asks whether x, an authorization ended
// uncaptured in our books, was captured outside this app, after the ask
// at now, the (n)th, got no answer that lets it close (why) though
// authLooksOver holds — kept with the attempt (db.StopEndChecks: when,
// for staff's order page) with a line, in one transaction, while the
// order is still AUTHORIZED, and wakes the order's pages. The order
// stays AUTHORIZED: closing it would tell the buyer nothing was charged
// without Antom's word, and a capture made outside the app would then
// be money taken from a buyer told the order was not charged.
func (s *Service) stopEndChecks(ctx context.Context, x db.EndedAuthorization, subject, why string, n int, now time.Time) {
	line := fmt.Sprintf("the authorization has ended; whether it was captured outside this app still not known after %d asks, %s after it was authorized%s: %s",
		n, daysWords(s.scaled(authExpiryLookFor)), why, endChecksStoppedWords)
	if s.recordWhileOpen(ctx, subject, EventReconciler, line, func(ctx context.Context, q *db.Queries) (bool, error) {
		return q.StopEndChecks(ctx, x.AttemptID, x.Checks, now)
	}) {
		s.hub.Publish(subject) // staff's order page says so now
	}
}
