package checkout

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"antom-checkout/checkout/limits"
	"antom-checkout/db"
)

// maxHandledNote bounds how staff say a failed refund was settled, in
// characters, as the form's maxlength does (and a Mark resolved's note:
// checkNote).
const maxHandledNote = limits.StaffNote

// openFailures returns the open failures of an order (db's
// refundsOwed: refunds made after failures failed make good the
// oldest unmet failure first, in the order they failed, never one that
// failed later (nor one still processing when the refund was made), and
// failures are owed no more than may still be refunded of the payment,
// oldest first) by refund id, each with what is still owed of it, in
// the refund's currency.
func openFailures(ctx context.Context, q *db.Queries, orderID int64) (map[int64]db.RefundOwed, error) {
	return q.RefundFailuresOwed(ctx, orderID)
}

// setOwed marks info an open failure owed o, in its currency.
func setOwed(info *RefundInfo, o db.RefundOwed) {
	info.OpenFailure = true
	info.Owed, info.Unmet = Money{info.Amount.Currency, o.Owed}, Money{info.Amount.Currency, o.Unmet}
}

// HandledFailedRefund checks, for actor (the staff member asking), that refund id of order ref is an open
// failure staff may mark handled another way (RefundInfo.OpenFailure)
// and returns it, for the confirmation: ErrNotFound if the order has no
// such refund, a *ConflictError if it is no longer open (made again,
// marked already) or is one we closed as failed ourselves that no Refund
// lookup has found absent at Antom yet (needsLookup: Antom may yet make
// it, and the buyer would have it twice), an *InputError (field "note") if note — how it was
// settled, required, up to 200 characters on one line — is not usable.
// Marked already by actor with this very note (the confirmation read
// again after its own action was done), the *ConflictError is a Repeat
// saying so (handledRefusal).
func (s *Service) HandledFailedRefund(ctx context.Context, actor, ref string, id int64, note string) (RefundInfo, error) {
	o, r, err := s.orderRefund(ctx, ref, id)
	if err != nil {
		return RefundInfo{}, err
	}
	open, err := openFailures(ctx, s.db.Queries, o.ID)
	if err != nil {
		return RefundInfo{}, err
	}
	owed, ok := open[r.ID]
	if !ok {
		return RefundInfo{}, s.notOpenFailure(ctx, s.db.Queries, r, handledAsked{actor, note, true})
	}
	if needsLookup(r) {
		return RefundInfo{}, lookFirstRefusal(r, heldHandled, s.zone())
	}
	if err := refuseWhileCovered(ctx, s.db.Queries, r, owed, heldHandled); err != nil {
		return RefundInfo{}, err
	}
	if err := checkHandledNote(note); err != nil {
		return RefundInfo{}, err
	}
	info := refundInfo(r, o.Ref, s.zone())
	setOwed(&info, owed)
	return info, nil
}

// HandleFailedRefund marks refund id of order ref, a staff refund that
// failed, handled another way by actor (staff settled it with the buyer
// outside Antom: a bank transfer, store credit…), saying how (note), and
// writes who, when and how on the order's timeline, in one transaction.
// It is then no longer an open problem: not on the dashboard, not in the
// order filter, and the buyer's page says the shop settled it with them
// another way instead of that it will sort it out. Nothing is sent to
// Antom and no money moves here. owed is what the confirmation said is
// still owed of it (minor units, as its form wrote them; "" when not
// said): if a refund made since (counted towards it) changed that, it is
// refused with a *ConflictError saying what is owed now, and nothing is
// marked — staff may have settled the amount the page said. Errors as
// HandledFailedRefund (the lookup is checked again in the transaction
// that marks it); of two staff at once, one marks it and the other gets
// a *ConflictError.
func (s *Service) HandleFailedRefund(ctx context.Context, actor, ref string, id int64, note, owed string) error {
	o, r, err := s.orderRefund(ctx, ref, id)
	if err != nil {
		return err
	}
	if needsLookup(r) {
		return lookFirstRefusal(r, heldHandled, s.zone())
	}
	if err := checkHandledNote(note); err != nil {
		return err
	}
	note = strings.TrimSpace(note)
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		if fresh, err := q.RefundByID(ctx, r.ID); err != nil {
			return err
		} else if needsLookup(fresh) {
			return lookFirstRefusal(fresh, heldHandled, s.zone()) // closed by us since it was read
		}
		open, err := q.RefundFailuresOwed(ctx, o.ID)
		if err != nil {
			return err
		}
		now, ok := open[r.ID]
		if !ok {
			return s.notOpenFailure(ctx, q, r, handledAsked{actor, note, false})
		}
		if err := refuseWhileCovered(ctx, q, r, now, heldHandled); err != nil {
			return err
		}
		if owed != "" && owed != fmt.Sprint(now.Owed) {
			return &ConflictError{Message: fmt.Sprintf("What is still owed of refund %s changed since the confirmation: it is now %s. Nothing was marked; look again, and mark it handled if that is what was settled.",
				r.RefundRequestID, Money{r.Currency, now.Owed})}
		}
		changed, err := q.MarkRefundHandled(ctx, r.ID, actor, note, s.now())
		if err != nil {
			return err
		}
		if !changed {
			return s.notOpenFailure(ctx, q, r, handledAsked{actor, note, false})
		}
		what := Money{r.Currency, r.Amount}.String()
		if now.Owed != r.Amount {
			what += " (" + Money{r.Currency, now.Owed}.String() + " of it still owed)"
		}
		s.recordBy(ctx, q, OrderSubject(o.Ref), EventStaff, actor, fmt.Sprintf("failed refund %s of %s handled another way: %s",
			r.RefundRequestID, what, note))
		return nil
	})
	if err == nil {
		s.hub.Publish(OrderSubject(o.Ref)) // the buyer's page: settled another way
	}
	return err
}

// orderRefund returns order ref and its refund id; ErrNotFound if either
// is missing or the refund is another order's.
func (s *Service) orderRefund(ctx context.Context, ref string, id int64) (db.Order, db.Refund, error) {
	o, err := s.db.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) {
		return db.Order{}, db.Refund{}, ErrNotFound
	}
	if err != nil {
		return db.Order{}, db.Refund{}, err
	}
	r, err := s.db.RefundByID(ctx, id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && r.OrderID != o.ID) {
		return db.Order{}, db.Refund{}, ErrNotFound
	}
	return o, r, err
}

// checkHandledNote refuses a note that is empty or shows nothing (only
// spaces, invisible or blank characters), is too long, or is not plain
// text on one line (plainLine).
func checkHandledNote(note string) error {
	return checkNote(note, "Say how it was settled with the buyer (for example: bank transfer on 3 May).")
}

// checkNote refuses, as checkHandledNote, a staff note that is empty or
// shows nothing, is longer than maxHandledNote characters, or is not
// plain text on one line; empty is the words asking for one.
func checkNote(note, empty string) error {
	note = strings.TrimSpace(note)
	switch {
	case !visible(note):
		return &InputError{Fields: map[string]string{"note": empty}}
	case utf8.RuneCountInString(note) > maxHandledNote:
		return &InputError{Fields: map[string]string{"note": fmt.Sprintf("At most %d characters.", maxHandledNote)}}
	case plainLine(note, noteField) != "":
		return fieldError("note", plainLine(note, noteField))
	}
	return nil
}

// blankLetters are characters that are letters or symbols by category
// yet show nothing.
const blankLetters = "\u115f\u1160\u3164\uffa0\u2800"

// visible reports whether s shows at least one character: not only
// spaces, controls, format characters, marks with nothing to mark, or
// blank letters.
func visible(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsGraphic(r) && !unicode.IsSpace(r) && !unicode.IsMark(r) && !strings.ContainsRune(blankLetters, r)
	})
}

// chainMadeConflict is the *ConflictError saying that failed refund r
// is owed nothing because a refund earlier in its retry chain was made
// by Antom after all (db's retryChainMadeR: that refund paid the debt r
// carried); nil when none was, or the database's error.
func chainMadeConflict(ctx context.Context, q *db.Queries, r db.Refund) error {
	made, err := q.RetryAncestorMade(ctx, r.ID)
	if err != nil || made == "" {
		return err
	}
	return &ConflictError{Message: fmt.Sprintf("Refund %s tried again refund %s, which Antom made after all: the buyer got that money, and nothing is owed of %s.",
		r.RefundRequestID, made, r.RefundRequestID)}
}

// handledAsked is a "handled another way" form as sent: by whom, its
// note, and whether for its confirmation (check) or confirmed.
type handledAsked struct {
	actor, note string
	check       bool
}

// notOpenFailure says why refund r (as read again through q) cannot be
// marked handled as asked.
func (s *Service) notOpenFailure(ctx context.Context, q *db.Queries, r db.Refund, asked handledAsked) error {
	r, err := q.RefundByID(ctx, r.ID)
	if err != nil {
		return err
	}
	retry, err := q.RetryOfRefund(ctx, r.ID)
	if err != nil && !errors.Is(err, db.ErrNotFound) {
		return err
	}
	switch {
	case retry.ID != 0:
		return retriedRefusal(r, retry)
	case !r.HandledAt.IsZero():
		return handledRefusal(r, asked)
	case r.Status != db.RefundFail || r.Automatic:
		return &ConflictError{Message: fmt.Sprintf("Refund %s did not fail: there is nothing to handle another way.", r.RefundRequestID)}
	}
	if err := chainMadeConflict(ctx, q, r); err != nil {
		return err
	}
	unmet, err := q.RefundUnmet(ctx, r.ID)
	if err != nil {
		return err
	}
	if unmet > 0 {
		return &ConflictError{Message: fmt.Sprintf("Refund %s is owed nothing: the failed refunds before it are owed all that may still be refunded of the payment.", r.RefundRequestID)}
	}
	return madeGoodRefusal(ctx, q, r, "it is no longer open.")
}

// handledRefusal refuses form asked to mark failed refund r handled
// another way, which was marked so already. The same staff member with
// the same note (its confirmation read again — Back, Reload — or
// confirmed again from a second tab) did what they asked: a neutral
// Repeat, their note quoted as saved. Anyone else, or another note, is
// refused naming who marked it and how they said it was settled.
func handledRefusal(r db.Refund, asked handledAsked) *ConflictError {
	if r.HandledBy == asked.actor && r.HandledNote == strings.TrimSpace(asked.note) {
		if asked.check {
			return &ConflictError{Repeat: true, Message: fmt.Sprintf("Nothing to confirm: you had already marked refund %s handled another way: “%s”.", r.RefundRequestID, r.HandledNote)}
		}
		return &ConflictError{Repeat: true, Message: fmt.Sprintf("Marked once: you had already marked refund %s handled another way: “%s”. Nothing was marked again.", r.RefundRequestID, r.HandledNote)}
	}
	how := ""
	if r.HandledNote != "" {
		how = ": “" + r.HandledNote + "”"
	}
	return &ConflictError{Message: fmt.Sprintf("Refund %s was already marked handled another way, by %s%s. Nothing was marked.",
		r.RefundRequestID, r.HandledBy, how)}
}

// retriedRefusal is the *ConflictError refusing to mark failed refund r
// handled another way because it was tried again as refund retry: made
// (the buyer got the money through it), failed too (what was owed passed
// to it: PassedTo names it), or still processing — then Waits, naming
// retry (Refund) with the Done and Failed words for a page shown once Antom has answered, as
// coveredPendingRefusal: the buyer will get the money through the retry,
// so settling r another way too would pay them twice; should the retry
// fail, it is the open failure in r's place (Retried).
func retriedRefusal(r, retry db.Refund) error {
	lead := fmt.Sprintf("Refund %s was tried again as refund %s", r.RefundRequestID, retry.RefundRequestID)
	done := lead + ", which Antom has made: the buyer got this money back through it, and nothing is owed of " + r.RefundRequestID + ". Nothing was marked."
	failed := lead + ", which failed too: what was owed passed to that refund — mark that one handled instead, if it is still owed (its line below says). Nothing was marked."
	switch retry.Status {
	case db.RefundSuccess:
		return &ConflictError{Message: done}
	case db.RefundFail:
		return &ConflictError{Message: failed, PassedTo: retry.ID}
	}
	return &ConflictError{Waits: true, Refund: retry.ID, Retried: true, Done: done, Failed: failed, Message: lead + fmt.Sprintf(
		", which Antom is still processing: the buyer will get this money back through %s, so settling it another way too would pay them twice. "+
			"Should %s fail, what was owed passes to it, to try again or mark handled then. Nothing was marked.", retry.RefundRequestID, retry.RefundRequestID)}
}
