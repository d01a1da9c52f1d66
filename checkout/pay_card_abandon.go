package checkout

import (
	"context"
	"errors"
	"fmt"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// ErrCancelNotConfirmed means the buyer chose to pay another way but Antom
// has not confirmed that the open card payment cannot complete: no new
// payment yet (it could charge the buyer twice). The reconciler keeps
// asking; the buyer may ask again. When Antom was still being asked at
// the bound (the action's own inquiry or cancel unanswered, or another
// worker's lease still held), it wraps ErrStillAsking too.
var ErrCancelNotConfirmed = errors.New("checkout: the open card payment is not cancelled yet")

// ErrNothingOpen means the buyer chose to pay another way while no
// payment of the order was open any more — it had gone through, been
// authorized, failed or been cancelled before (a page left open) — so
// nothing was cancelled and nothing was sent to Antom. The order
// returned with it says where it stands.
var ErrNothingOpen = errors.New("checkout: no open payment to leave")

// PayAnotherWay is the buyer's choice after leaving Antom's hosted card
// page: the open card attempt is ended at Antom so that the order can be
// paid another way. The attempt is first asked about (inquiryPayment): a
// payment the buyer did finish is settled as paid, not undone. Still open,
// it is cancelled (API.md §5.5). Only Antom's word closes it — cancel S,
// or inquiryPayment FAIL or CANCELLED — so there are never two live
// payments for one order; otherwise the attempt stays PROCESSING with its
// cancel waiting (the reconciler sends it again), and
// ErrCancelNotConfirmed is returned. The buyer waits Options.ActionWait
// at most (inActionWait), whatever Antom does: for another worker asking
// Antom about the attempt at that moment (leasedWait), and for the
// action's own inquiry and cancel, which go on in the background past it
// (ErrCancelNotConfirmed wrapping ErrStillAsking). Asking again is limited
// like "check again" (ErrTooSoon). With no attempt open, nothing is sent
// (ErrNothingOpen); nor when the order can no longer be paid (Unpayable:
// its attempts used up, or its product no longer for sale) and no cancel
// is under way (ErrNoOtherWay): no other way could
// follow, so the open payment is not given up for one. The returned order says where it stands (OPEN: it may
// be paid again).
func (s *Service) PayAnotherWay(ctx context.Context, v Viewer, ref string) (Order, error) {
	o, err := s.OrderFor(ctx, v, ref)
	if err != nil {
		return Order{}, err
	}
	row, err := s.db.OrderByRef(ctx, o.Ref)
	if err != nil {
		return Order{}, err
	}
	a, err := s.db.OpenAttempt(ctx, row.ID)
	if errors.Is(err, db.ErrNotFound) {
		return o, ErrNothingOpen // already settled: the order says how
	}
	if err != nil {
		return Order{}, err
	}
	if a.Method != db.MethodCard || a.RedirectURL == "" {
		return o, ErrPaymentInProgress // only a hosted card page can be left
	}
	first := a.CancelStatus == ""
	if first {
		// Leaving the open payment makes way for another; an order that
		// may have no other attempt keeps the one it has, still payable
		// on its card page. A cancel already under way is only asked
		// about again below.
		why, err := s.unpayableOrder(ctx, s.db.Queries, row.ID, o.Product.Slug)
		if err != nil {
			return Order{}, err
		}
		if why != "" {
			return o, ErrNoOtherWay
		}
	}
	now := s.now()
	claimed, err := s.db.ClaimManualCheck(ctx, a.ID, now.Add(-manualCheckEvery), now)
	if err != nil {
		return Order{}, err
	}
	if !first && !claimed {
		return o, ErrTooSoon
	}
	subject := OrderSubject(o.Ref)
	if first {
		s.record(ctx, nil, subject, EventBuyer, "left the card page to pay another way: cancel "+a.PaymentRequestID)
	}
	// The buyer's choice, not a failed payment: once cancelled, the
	// success rate leaves it out (paid or failed after all, it counts).
	if _, err := s.db.MarkAbandoned(ctx, a.ID, now); err != nil {
		return Order{}, err
	}
	// Another worker asking Antom about this attempt right now is waited
	// for (leasedWait), then the attempt is ended as that worker left it:
	// settled by then, it is left alone. The work runs in the background
	// (inActionWait), its lines the buyer's action's (withActor) with its
	// request id; the buyer waits for it up to Options.ActionWait. Still
	// running then (Antom not answering the inquiry or the cancel), it
	// goes on under its lease — the reconciler leaves the attempt alone
	// meanwhile, so nothing is sent twice — and its answer reaches the
	// page through the hub. Whatever became of it, the choice is stored
	// as the attempt's cancel if nothing stored one (leaveLater) before
	// the buyer is answered: the page says the cancel is not confirmed
	// yet, and the reconciler sends it (asking first) if this work does
	// not, the buyer gone or the app stopped meanwhile.
	ctx = withActor(withSubject(ctx, subject), EventBuyer)
	waited := s.inActionWait(ctx, func(ctx context.Context) bool {
		return s.leasedWait(ctx, attemptWork(a.ID), func(ctx context.Context) {
			s.leaveCardPage(ctx, a.ID, "buyer chose to pay another way")
		})
	})
	s.leaveLater(ctx, a.ID)
	s.hub.Publish(subject)
	if err := context.Cause(ctx); err != nil {
		return Order{}, err // the buyer went away while it waited
	}
	if o, err = s.OrderFor(ctx, v, ref); err != nil {
		return Order{}, err
	}
	switch {
	case o.Status != db.OrderProcessing:
		return o, nil
	case errors.Is(waited, ErrStillAsking):
		return o, fmt.Errorf("%w: %w", ErrCancelNotConfirmed, ErrStillAsking)
	}
	return o, ErrCancelNotConfirmed
}

// leaveCardPage ends an open card attempt the buyer left: inquiry first
// (a payment the buyer did finish is settled, never undone), then cancel
// (cancelAttempt: stored first, sent again by the reconciler until Antom
// answers); a refused cancel means the payment is final at Antom, and
// the inquiry says how. The caller holds the attempt's lease; the
// attempt is read under it, and left alone if no longer open.
func (s *Service) leaveCardPage(ctx context.Context, id int64, why string) {
	a, err := s.db.AttemptByID(ctx, id)
	if err != nil || a.Status != db.AttemptProcessing {
		return
	}
	resp, err := s.antom.InquiryPayment(ctx, &antom.InquiryPaymentRequest{PaymentRequestID: a.PaymentRequestID})
	if err == nil && s.applyInquiry(ctx, a, resp, why) {
		return
	}
	s.cancelAttempt(ctx, a, CancelByBuyer, why)
	if a, _ = s.reread(ctx, a, nil); a.Status == db.AttemptProcessing && a.CancelStatus == db.CancelFail {
		s.checkOpen(ctx, a, why+": cancel refused")
	}
}

// leaveLater stores the buyer's choice to leave an attempt as its cancel
// when nothing stored one (db.RequestCancelOfOpen: still PROCESSING, no
// cancel yet), so that the reconciler sends it if the action's own work
// does not (another worker's lease held past the wait, an inquiry Antom
// left unanswered until the lease's deadline, the app stopped meanwhile).
// Written whatever became of the request (the buyer gone), within
// lineWait (lineContext).
func (s *Service) leaveLater(ctx context.Context, id int64) {
	ctx, cancel := lineContext(ctx)
	defer cancel()
	if _, err := s.db.RequestCancelOfOpen(ctx, id, CancelByBuyer, s.now()); err != nil {
		s.log.Error("store the cancel of a left card page", "attempt", id, "err", err)
	}
}
