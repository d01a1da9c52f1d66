package checkout

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"antom-checkout/antom"
	"antom-checkout/checkout/limits"
	"antom-checkout/db"
)

// Refund statuses as staff see them (Antom's refundStatus).
const (
	RefundProcessing = db.RefundProcessing
	RefundSuccess    = db.RefundSuccess
	RefundFail       = db.RefundFail
)

const (
	// refundTries bounds how often one refund request is sent while its
	// outcome is unknown; then the reconciler asks (inquiryRefund).
	refundTries = 2
	// maxRefundReason is refundReason's limit (API.md §5.6), the form's
	// maxlength too.
	maxRefundReason = limits.RefundReason
	// maxRefundKey bounds the form's idempotency key.
	maxRefundKey = 32
)

// RefundInput is the staff's refund form. Key is the idempotency key the
// form was rendered with: the refundRequestId is derived from it, so the
// same form sent twice makes one refund.
type RefundInput struct {
	Amount string // in major units, as typed
	Reason string
	Key    string
}

// RefundInfo is a refund as the admin shows it.
type RefundInfo struct {
	ID              int64
	OrderRef        string
	RefundRequestID string
	RefundID        string
	Amount          Money
	Reason          string
	Status          string // PROCESSING, SUCCESS, FAIL
	ResultCode      string
	Words           string // the result in words, for FAIL
	RefundedAt      time.Time
	CreatedBy       string
	CreatedAt       time.Time
	// Automatic: made by the checkout itself, of a payment the order did
	// not need (a late success: giveBackIn); staff can neither try it
	// again nor mark it handled, and a failed one is counted on the
	// dashboard among automatic refunds not done.
	Automatic bool
	// OutsideGave (Automatic, FAIL, not OutsideTook): what refunds made
	// outside this app gave the buyer of it (autoOutsideGave); the rest,
	// its Amount less this, is still to be returned another way. Zero
	// when they gave none of it.
	OutsideGave Money
	// OpenFailure: a staff refund that failed, that refunds of the
	// payment made after it failed have not made good (they make good
	// the oldest unmet failure first, in the order failures failed) and
	// that staff have not marked handled another way, and that is owed
	// something of what may still be refunded of the payment: an open
	// problem (HandleFailedRefund closes it). Unmet is what refunds made
	// after it failed have not made good (its amount, or the rest of it
	// when a later refund made part of it good); Owed is what is still owed of it: Unmet, cut when the open
	// failures before it and it ask for more than may still be refunded
	// (failures are owed that, oldest first: a failure never leaves the
	// buyer owed more than the payment has left). Zero when not open.
	OpenFailure bool
	Owed        Money
	Unmet       Money
	// CoveredBy: the refundRequestId of a refund still processing that
	// covers part of this open failure (coveringPending): until Antom
	// answers for it, that part is covered, not made, and the failure
	// waits to be settled or tried again. "" when none.
	CoveredBy string
	// CapWaitsFor: the refundRequestId of a retry still processing whose
	// retry chain Antom made after all (CapWaitsMade: the refundRequestId
	// of the refund of that chain it made) that takes what the payment's
	// cap would leave this open failure (cappedByLateRetry): should it
	// fail, more of this failure is owed, so it waits to be settled or
	// tried again until Antom answers for the retry. "" when none.
	CapWaitsFor, CapWaitsMade string
	// OursOnly: a FAIL we decided ourselves (Antom never showed the
	// refund): Antom may yet make it. Watched (OursOnly): the reconciler
	// still asks Antom about it (for a day after it was made:
	// watchRefund); WatchEndedAt: when it stopped (zero while it asks, or
	// when not known). ClosedByUsNow says where it stands in words.
	OursOnly     bool
	Watched      bool
	WatchEndedAt time.Time
	// Zone is the shop's time zone, which its words for staff write
	// times in (ClosedByUsNow); nil: UTC.
	Zone *time.Location
	// LookFirst (OursOnly): no Refund lookup made since we closed it has
	// answered that Antom has no such refund, so it may not be tried
	// again yet (needsLookup). AbsentLookedAt and AbsentLookedBy:
	// when and by whom one did (zero and "" if none).
	LookFirst      bool
	AbsentLookedAt time.Time
	AbsentLookedBy string
	// FoundProcessingAt and FoundProcessingBy (OursOnly): when and by whom
	// Antom was found processing it since we closed it ("" by: the
	// reconciler's watch; zero when not, or a Refund lookup since found
	// none): it may yet be made (FoundProcessingWords).
	FoundProcessingAt time.Time
	FoundProcessingBy string
	// AskedAgain: on a repeat (RefundOrder's form submitted again) that asked
	// for another amount than the refund the form made, what it asked
	// (not sent: one form makes one refund); zero otherwise.
	AskedAgain Money
	// Settles (a new refund RefundOrder sent, not failed, or answered
	// again to its form sent again): what it makes good of failed refunds
	// of its payment owed before it, each named (RefundSettles.MadeWords);
	// zero otherwise.
	Settles     RefundSettles
	HandledBy   string    // who settled it with the buyer another way ("" if nobody)
	HandledAt   time.Time // when they said so
	HandledNote string    // how, in their words
	// HandledAmount: how much they settled (what was still owed of it).
	HandledAmount Money
	// PaidWith (RetryableRefund only; zero elsewhere): what the payment
	// a retry returns money of was made with — where Antom returns it.
	PaidWith Instrument
	// PaidTwice (db's refundPaidTwice; filled on the order page): the
	// buyer got this refund twice — it was settled another way, then
	// Antom made it after all (TwiceWith ""); or it tries again a failed
	// refund that Antom made after all (TwiceWith: that refund's
	// refundRequestId) and it is made too, was settled another way after
	// it failed (the buyer got that and the refund made), or is still
	// processing (Antom may yet make it: the buyer may get it twice). A
	// retry of such a refund that failed and was left alone is neither
	// paid twice nor owed anything (not an OpenFailure).
	PaidTwice bool
	TwiceWith string
	// Twice (PaidTwice): what the buyer got (or gets, if Antom makes it)
	// more than was meant through it — its amount, or what was settled
	// another way of a retry that failed; less where the rule of refunds
	// made late finds part of that paid what the books owed (lateTwice's
	// Older: the payment's cap took it off another failure's debt). A
	// refund it finds all so is not PaidTwice.
	Twice Money
	// FoundTwice (db's refundFoundTwice; filled on the order page): the
	// buyer may get this refund twice because Antom was found processing
	// one we closed as failed that was made good already — this one,
	// settled another way (TwiceWith ""), or the one this tries again
	// (TwiceWith: its refundRequestId), while this one is made, processing
	// or settled another way. Not with PaidTwice.
	FoundTwice bool
	// Outside: a refund made outside this app (in Antom Dashboard, by
	// another system) that Antom's inquiryPayment listed and we took into
	// the books (adoptOutsideRefunds): made, by nobody here. OutsideTook:
	// a refund Antom refused REFUND_AMOUNT_EXCEED because such refunds
	// had taken that amount — nothing of it is owed (never an
	// OpenFailure); its Words name them (on the order page and in
	// RefundOrder's answer).
	Outside, OutsideTook bool
	// RetryOf: the refundRequestId of the failed refund this one tries
	// again (RetryRefund; "" if none). RetriedBy: the refundRequestId of
	// the refund that tried this failed one again ("" if none). Filled
	// on the order page, and RetryOf in RetryRefund's answer too.
	RetryOf, RetriedBy string
	// RetryOfAmount (RetryRefund's answer): the amount of the failed
	// refund RetryOf names, for staff's notice to name it ("Tried the
	// failed refund … (USD 12.00) again."); zero otherwise.
	RetryOfAmount Money
}

// Unconfirmed reports that Antom has not confirmed the refund yet: it is
// PROCESSING and Antom never gave it a refundId, which it gives with
// every S answer (API.md §5.6) and which notifyRefund and inquiryRefund
// keep too. So no answer came yet (U, a timeout, a call not sent): the
// refund may not be told as sent to the buyer. One Antom accepted (S
// without a refundTime) and is still processing is not Unconfirmed.
func (r RefundInfo) Unconfirmed() bool {
	return r.Status == RefundProcessing && r.RefundID == ""
}

// NewRefundKey returns a fresh idempotency key for a refund form.
func NewRefundKey() (string, error) { return newRef("", 20) }

// RefundOrder refunds part or all of a paid order (API.md §5.6). The
// refund is stored with its refundRequestId before the call, in the
// transaction that checks that refunds succeeded or under way never add
// up to more than was paid. S with a refundTime is SUCCESS; S without one
// (accepted, still processing), U or no answer leave it PROCESSING for
// notifyRefund and the reconciler's inquiryRefund; F is FAIL with its
// code. repeat is true when this form was already submitted: nothing new was
// done and the first refund is returned (with AskedAgain set when this
// sending asked for another amount). A bad field is an *InputError; an
// order that cannot be refunded now, or with nothing left to refund, a
// *ConflictError.
func (s *Service) RefundOrder(ctx context.Context, actor, ref string, in RefundInput) (r RefundInfo, repeat bool, err error) {
	o, err := s.db.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) {
		return RefundInfo{}, false, ErrNotFound
	}
	if err != nil {
		return RefundInfo{}, false, err
	}
	reqID, err := refundRequestID(ref, in.Key)
	if err != nil {
		return RefundInfo{}, false, err
	}
	if old, err := s.db.RefundByRequestID(ctx, reqID); err == nil {
		return s.repeatRefund(ctx, old, o, in)
	} else if !errors.Is(err, db.ErrNotFound) {
		return RefundInfo{}, false, err
	}
	row, a, err := s.newRefundRow(ctx, o, reqID, actor, in)
	if err != nil {
		return RefundInfo{}, false, err
	}
	row, l, repeat, err := s.insertRefund(ctx, o, a, row, actor, nil)
	if err != nil || repeat {
		if err == nil {
			return s.repeatRefund(ctx, row, o, in)
		}
		return RefundInfo{}, false, err
	}
	s.holding(ctx, l, func(ctx context.Context) { s.sendRefund(ctx, o, a, row) })
	// The refund is sent: what follows only reads it back and words its
	// notice. A read that fails now must not answer an error for a refund
	// Antom may have made (staff would start a new form, with a new key,
	// and refund again), nor end with the request (its browser may have
	// gone): the notice goes as far as it can, and the order's page says
	// the rest.
	ctx = context.WithoutCancel(ctx)
	sent, err := s.db.RefundByID(ctx, row.ID)
	if err != nil {
		s.log.Error("refund notice: read back", "refund", row.ID, "err", err)
		return refundInfo(row, o.Ref, s.zone()), false, nil // as stored before the send: still processing
	}
	info := refundInfo(sent, o.Ref, s.zone())
	row = sent
	refunds, err := s.db.OrderRefunds(ctx, o.ID)
	if err != nil {
		s.log.Error("refund notice words", "refund", row.ID, "err", err)
		return info, false, nil
	}
	if row.OutsideTook {
		info.Words = RefundOutsideTookWords(madeOutside(refunds, row.AttemptID))
	}
	if row.Status != db.RefundFail {
		if info.Settles, err = s.refundSettled(ctx, a, refunds, row); err != nil {
			s.log.Error("refund notice words", "refund", row.ID, "err", err)
			info.Settles = RefundSettles{}
		}
	}
	return info, false, nil
}

// refundSettled is what new refund r (stored, sent: made or still
// processing) of attempt a makes good of the failed refunds owed before
// it, by the books' rule, as the confirmation said it would
// (PreviewRefund's Settles): the books of a's refunds among refunds
// (the order's, as stored now) stored before r, with r the newest.
func (s *Service) refundSettled(ctx context.Context, a db.Attempt, refunds []db.Refund, r db.Refund) (RefundSettles, error) {
	f, err := attemptRefundFigures(ctx, s.db.Queries, a)
	if err != nil {
		return RefundSettles{}, err
	}
	before := slices.DeleteFunc(slices.Clone(refunds), func(x db.Refund) bool { return x.AttemptID != a.ID || x.ID >= r.ID })
	return refundSettles(f.Paid, before, r), nil
}

// refundRequestID derives the refundRequestId from the form's key.
func refundRequestID(ref, key string) (string, error) {
	if key == "" || len(key) > maxRefundKey || !isRefChars(key) {
		return "", fieldError("", "This form has expired. Reload the page and enter the refund again.")
	}
	return "RF-" + ref + "-" + key, nil
}

func isRefChars(s string) bool {
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// repeatRefund answers a form sent again: refund r, already made from
// it, with AskedAgain when in asked for another amount (never sent) and,
// as the form's first answer had it, what r makes good of failed
// refunds owed before it (Settles: repeatSettles).
func (s *Service) repeatRefund(ctx context.Context, r db.Refund, o db.Order, in RefundInput) (RefundInfo, bool, error) {
	if r.OrderID != o.ID {
		return RefundInfo{}, false, fieldError("", "This form belongs to another order. Reload the page.")
	}
	info := refundInfo(r, o.Ref, s.zone())
	info.AskedAgain = askedAgain(r, in)
	info.Settles = s.repeatSettles(ctx, r)
	return info, true, nil
}

// repeatSettles is what refund r (stored; not failed) makes good of the
// failed refunds of its payment owed before it (refundSettled), read
// from what is stored now, for the answer to its form sent again: the
// sentence the first answer had, as things stand now (a failure settled
// another way since is no longer named). A read that fails leaves it
// unsaid (logged), as the first answer does: the form sent again moved
// no money, and its notice must not turn into an error that invites a
// new refund.
func (s *Service) repeatSettles(ctx context.Context, r db.Refund) RefundSettles {
	if r.Status == db.RefundFail {
		return RefundSettles{}
	}
	settles, err := s.storedSettles(ctx, r)
	if err != nil {
		s.log.Error("refund notice words (form sent again)", "refund", r.ID, "err", err)
		return RefundSettles{}
	}
	return settles
}

// storedSettles is refundSettled of stored refund r, its attempt and its
// order's refunds read from the database.
func (s *Service) storedSettles(ctx context.Context, r db.Refund) (RefundSettles, error) {
	a, err := s.db.AttemptByID(ctx, r.AttemptID)
	if err != nil {
		return RefundSettles{}, err
	}
	refunds, err := s.db.OrderRefunds(ctx, r.OrderID)
	if err != nil {
		return RefundSettles{}, err
	}
	return s.refundSettled(ctx, a, refunds, r)
}

// askedAgain is the amount a form sent again asked for when it is not
// refund r's own (r was made from that form); zero when it is the same,
// or unreadable.
func askedAgain(r db.Refund, in RefundInput) Money {
	minor, msg := ParseMajor(r.Currency, in.Amount)
	if msg != "" || minor == r.Amount {
		return Money{}
	}
	return Money{r.Currency, minor}
}

// RefundFormDiffers says that a refund form already submitted for a
// refund of one amount was submitted again with another, which was not
// sent to Antom. It says nothing of the first refund's outcome (it may
// be done, failed, or not confirmed by Antom yet): the words after it do.
func RefundFormDiffers(made, asked Money) string {
	return fmt.Sprintf("This refund form was already submitted for a refund of %s; this time it asked for %s, which was not sent: one form makes one refund. "+
		"Reload the order to enter a new refund.", made, asked)
}

// newRefundRow checks the form against the paid attempt and builds the
// refund to store. While a failed refund of it we closed ourselves waits
// for its lookup (newRefundLookFirst), no new refund is made: a
// *ConflictError, before the form's fields are read.
func (s *Service) newRefundRow(ctx context.Context, o db.Order, reqID, actor string, in RefundInput) (db.Refund, db.Attempt, error) {
	a, err := s.refundableAttempt(ctx, o)
	if err != nil {
		return db.Refund{}, db.Attempt{}, err
	}
	if err := s.newRefundLookFirst(ctx, s.db.Queries, o.ID, a); err != nil {
		return db.Refund{}, db.Attempt{}, err
	}
	fields := map[string]string{}
	minor, msg := ParseMajor(a.Currency, in.Amount)
	if msg != "" {
		fields["amount"] = msg
	}
	reason := strings.TrimSpace(in.Reason)
	if utf8.RuneCountInString(reason) > maxRefundReason {
		fields["reason"] = fmt.Sprintf("Keep the reason to %d characters.", maxRefundReason)
	} else if msg := plainLine(reason, refundReasonField); msg != "" {
		fields["reason"] = msg
	}
	if len(fields) > 0 {
		return db.Refund{}, db.Attempt{}, &InputError{Fields: fields}
	}
	now := s.now()
	return db.Refund{
		OrderID: o.ID, AttemptID: a.ID, RefundRequestID: reqID, Currency: a.Currency, Amount: minor,
		Reason: reason, Status: db.RefundProcessing, NextCheckAt: now.Add(firstRefundCheck),
		CreatedBy: actor, CreatedAt: now,
	}, a, nil
}

// insertRefund stores the refund if what was paid still covers it and
// every refund succeeded or under way: the check and the insert share one
// transaction, which SQLite runs one at a time (BEGIN IMMEDIATE) and
// PostgreSQL under DB.Tx's lock; so does the check that no failed refund
// we closed ourselves waits for its lookup (newRefundLookFirst), for a
// new refund. A retry (t not nil) refunds what is
// still owed of the failure it retries, which must still be open then
// (retryAmount); its timeline line says which refund it retries. The
// new refund is leased to the caller, who sends it.
func (s *Service) insertRefund(ctx context.Context, o db.Order, a db.Attempt, r db.Refund, actor string, t *retryOf) (db.Refund, lease, bool, error) {
	repeat := false
	var l lease
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		old, err := q.RefundByRequestID(ctx, r.RefundRequestID)
		if err == nil {
			r, repeat = old, true
			return nil
		}
		if !errors.Is(err, db.ErrNotFound) {
			return err
		}
		if t != nil {
			if r.Amount, err = s.retryAmount(ctx, q, t, a.ID); err != nil {
				return err
			}
		} else if err := s.newRefundLookFirst(ctx, q, o.ID, a); err != nil {
			return err // closed by us since the form was read
		}
		if fresh, err := q.AttemptByID(ctx, a.ID); err != nil {
			return err
		} else if refused := cancelInDoubtRefusal(fresh, "refund"); refused != nil {
			return refused // its doubt began since the form was read
		}
		f, err := attemptRefundFigures(ctx, q, a)
		if err != nil {
			return err
		}
		if r.Amount > f.Left() {
			return tooMuchRefund(a.Currency, f.Left(), f.Processing, f.Refunded, f.Handled, t == nil)
		}
		if r.ID, err = q.InsertRefund(ctx, r); err != nil {
			return err
		}
		if l, err = s.claimNew(ctx, q, refundWork(r.ID)); err != nil {
			return err
		}
		detail := fmt.Sprintf("refund of %s asked (%s)", Money{r.Currency, r.Amount}, r.RefundRequestID)
		if t != nil {
			detail += ", retrying failed refund " + t.failed.RefundRequestID
		}
		if r.Reason != "" {
			detail += ": " + r.Reason
		}
		s.recordBy(ctx, q, OrderSubject(o.Ref), EventStaff, actor, detail)
		return nil
	})
	if err == nil && !repeat {
		s.hub.Publish(OrderSubject(o.Ref)) // the buyer's page: a refund being confirmed
	}
	return r, l, repeat, err
}

// refundFigures is what became of a paid attempt's money, each in the
// attempt's currency's minor units (never negative).
type refundFigures struct {
	Paid       int64 // taken from the buyer (paidAmount)
	Refunded   int64 // refunds that succeeded
	Processing int64 // refunds still processing
	// Handled: failed staff refunds staff settled with the buyer another
	// way; that money already went back outside the payment.
	Handled int64
}

// Left is what a new refund may take (refundLeft).
func (f refundFigures) Left() int64 {
	return refundLeft(f.Paid, f.Refunded, f.Processing, f.Handled)
}

// attemptRefundFigures reads a paid attempt's refundFigures in one
// statement through q: the refund check passes its transaction's q, in
// which the figures hold until the refund is inserted; pages pass the
// database's. Errors are the database's (db.ErrNotFound if the attempt
// is gone).
func attemptRefundFigures(ctx context.Context, q *db.Queries, a db.Attempt) (refundFigures, error) {
	m, err := q.AttemptMoney(ctx, a.ID)
	if err != nil {
		return refundFigures{}, err
	}
	return refundFigures{Paid: paidOf(a, m.Captured), Refunded: m.Refunded, Processing: m.Processing, Handled: m.Handled}, nil
}

// refundLeft is what a new refund may take of paid: what neither a
// refund (made or processing) nor a settlement another way took.
func refundLeft(paid, refunded, processing, handled int64) int64 {
	return max(paid-refunded-processing-handled, 0)
}

// capturesReader reads an order's captures: *db.Queries, or a result
// page's reads (resultReads).
type capturesReader interface {
	OrderCaptures(ctx context.Context, orderID int64) ([]db.Capture, error)
}

// paidAmount is what the buyer paid on an attempt: for a card
// authorization captured by hand, what was captured.
func paidAmount(ctx context.Context, q capturesReader, a db.Attempt) (int64, error) {
	if !manualCapture(a) {
		return paidOf(a, 0), nil
	}
	cs, err := q.OrderCaptures(ctx, a.OrderID)
	if err != nil {
		return 0, err
	}
	return paidOf(a, capturedOf(cs, a.ID)), nil
}

// manualCapture reports an attempt captured by hand (a card's MANUAL
// capture): what it paid is what its captures took (paidAmount).
func manualCapture(a db.Attempt) bool { return a.CaptureMode == antom.CaptureManual }

// capturedOf is what the successful captures of attempt attemptID among
// captures (its order's) took, in minor units.
func capturedOf(captures []db.Capture, attemptID int64) int64 {
	var captured int64
	for _, c := range captures {
		if c.AttemptID == attemptID && c.Status == db.CaptureSuccess {
			captured += c.Amount
		}
	}
	return captured
}

// paidOf is what the buyer paid on an attempt whose successful captures
// took captured (minor units): the attempt's amount, or for a card
// authorization captured by hand, captured.
func paidOf(a db.Attempt, captured int64) int64 {
	if a.CaptureMode == antom.CaptureManual {
		return captured
	}
	return a.Amount
}

// tooMuchRefund refuses a refund of more than may still be refunded
// (left; processing of it is being refunded now, refunded was refunded
// already, handled was settled with the buyer another way after a refund
// failed: each said, so that a refund a colleague made or settled since
// the form was shown is not a mystery). Only an amount staff
// typed (typed), while something is left, is an error of the form: an
// *InputError on "amount", said with the form, as things stand. Nothing
// left, or a retry's amount, which nobody typed (what is owed of the
// failure it retries; more than is left only when the money moved since
// the page was shown), is a refusal for where things stood: a
// *ConflictError, which the order page says after its redirect — by
// then a refund processing may be made (a colleague's in another tab,
// which Antom made at once), so it says what was so when staff pressed
// ("was being refunded at that moment"), never "now".
func tooMuchRefund(currency string, left, processing, refunded, handled int64, typed bool) error {
	form := typed && left > 0
	words := refusalTenses[form]
	msg := fmt.Sprintf("At most %s can be refunded.", Money{currency, left})
	switch {
	case left == 0:
		msg = words.nothingLeft
	case !typed:
		msg = fmt.Sprintf("What may still be refunded of this payment changed meanwhile: at most %s at that moment. Nothing was sent.", Money{currency, left})
	}
	type part struct {
		amount Money
		words  string // "%s is refunded already"
	}
	var parts []part
	for _, p := range []part{{Money{currency, refunded}, words.refunded}, {Money{currency, handled}, words.handled}, {Money{currency, processing}, words.processing}} {
		if p.amount.Minor > 0 {
			parts = append(parts, p)
		}
	}
	switch len(parts) {
	case 0:
	case 1: // "($13.50 of this payment is refunded already: see its refunds.)"
		msg += " (" + fmt.Sprintf(strings.Replace(parts[0].words, "%s", "%s of this payment", 1), parts[0].amount) + ": see its refunds.)"
	default: // one aside: "(Of this payment, ¥400 had been refunded and ¥2,000 was being refunded …)"
		said := make([]string, len(parts))
		for i, p := range parts {
			said[i] = fmt.Sprintf(p.words, p.amount)
		}
		msg += " (Of this payment, " + strings.Join(said[:len(said)-1], ", ") + " and " + said[len(said)-1] + ": see its refunds.)"
	}
	if !form {
		return &ConflictError{Message: msg}
	}
	return fieldError("amount", msg)
}

// refusalTenses are tooMuchRefund's words, by whether they are said with
// the form (true: as things stand) or after a redirect (false: as they
// stood when staff pressed); each part ("%s" an amount) is said of this
// payment, in one aside.
var refusalTenses = map[bool]struct{ nothingLeft, refunded, handled, processing string }{
	true: {
		nothingLeft: "Nothing is left to refund.",
		refunded:    "%s is refunded already",
		handled:     "%s was settled with the buyer another way after a refund failed",
		processing:  "%s is being refunded now",
	},
	false: {
		nothingLeft: "Nothing was left to refund when you pressed it.",
		refunded:    "%s had been refunded",
		handled:     "%s had been settled with the buyer another way after a refund failed",
		processing:  "%s was being refunded at that moment",
	},
}

// sendRefund calls refund, resending the very same request while the
// outcome is unknown and the refund is still PROCESSING (retryWhileOpen:
// a REFUND_RESULT, or inquiryRefund, may settle it while a call runs
// without an answer; it is then not sent again), and records what came
// back. The caller holds the refund's lease.
func (s *Service) sendRefund(ctx context.Context, o db.Order, a db.Attempt, r db.Refund) {
	req := &antom.RefundRequest{
		RefundRequestID: r.RefundRequestID,
		PaymentID:       a.PaymentID,
		RefundAmount:    antom.MinorAmount(r.Currency, r.Amount),
		RefundReason:    r.Reason,
		RefundNotifyURL: s.opts.NotifyURL,
	}
	callCtx := withSubject(ctx, OrderSubject(o.Ref))
	var resp *antom.RefundResponse
	_, err := s.retryWhileOpen(callCtx, refundTries, refundOpen(r.ID), func() error {
		var err error
		resp, err = s.antom.Refund(callCtx, req)
		return err
	})
	s.afterRefund(ctx, o, r, resp, err)
}

// afterRefund applies refund's answer. An answer that leaves the refund
// PROCESSING (S without a refundTime, U, none) is put on the timeline
// only while it still is (recordWhileOpen): its notification may have
// settled it while the call ran, and the line would then say "still
// processing" or "outcome unknown" of a refund already done.
func (s *Service) afterRefund(ctx context.Context, o db.Order, r db.Refund, resp *antom.RefundResponse, err error) {
	subject := OrderSubject(o.Ref)
	switch {
	case err == nil && !sameAmount(resp.RefundAmount, r.Currency, r.Amount):
		s.record(ctx, nil, subject, EventState, "refund "+r.RefundRequestID+": Antom answered S for another amount; left for staff")
	case err == nil && resp.RefundTime != "":
		s.settleRefundNow(ctx, r, refundOutcome{status: db.RefundSuccess, code: "SUCCESS", refundID: resp.RefundID, at: parseAntomTime(resp.RefundTime)}, "refund answered S", "")
	case err == nil:
		s.keepRefundID(ctx, r, resp.RefundID)
		s.recordWhileOpen(ctx, subject, EventState, "refund "+r.RefundRequestID+" accepted by Antom, still processing; waiting for notifyRefund or inquiryRefund", refundOpen(r.ID))
	case antom.IsFailed(err):
		code := failureCode(err)
		s.settleRefundNow(ctx, r, refundOutcome{status: db.RefundFail, code: code}, "refund answered F", "")
	default:
		s.recordWhileOpen(ctx, subject, EventState, "refund "+r.RefundRequestID+": outcome unknown"+unknownWhy(err)+"; the reconciler will ask Antom", refundOpen(r.ID))
	}
}

// sameAmount reports whether an amount Antom sent matches ours; an
// absent amount matches.
func sameAmount(got antom.Amount, currency string, minor int64) bool {
	if got == (antom.Amount{}) {
		return true
	}
	n, err := got.Minor()
	return err == nil && n == minor && got.Currency == currency
}

func (s *Service) keepRefundID(ctx context.Context, r db.Refund, refundID string) {
	if refundID == "" || r.RefundID != "" {
		return
	}
	if err := s.db.SetRefundID(ctx, r.ID, refundID, s.now()); err != nil {
		s.log.Error("set refund id", "refund", r.ID, "err", err)
		return
	}
	s.hub.Publish(s.refundSubject(ctx, r)) // the buyer's page: confirmed, on its way
}

func refundInfo(r db.Refund, orderRef string, zone *time.Location) RefundInfo {
	info := RefundInfo{
		ID: r.ID, OrderRef: orderRef, RefundRequestID: r.RefundRequestID, RefundID: r.RefundID,
		Amount: Money{r.Currency, r.Amount}, Reason: r.Reason, Status: r.Status, ResultCode: r.ResultCode,
		RefundedAt: r.RefundedAt, CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt, Automatic: r.Automatic,
		HandledBy: r.HandledBy, HandledAt: r.HandledAt, HandledNote: r.HandledNote,
		HandledAmount: Money{r.Currency, r.HandledAmount},
		OursOnly:      r.Status == db.RefundFail && r.FinalSource == db.SourceOurs,
		LookFirst:     needsLookup(r),
		Outside:       r.Outside, OutsideTook: r.OutsideTook,
		Zone: zone,
	}
	switch {
	case info.OursOnly:
		info.AbsentLookedAt, info.AbsentLookedBy = r.AbsentLookedAt, r.AbsentLookedBy
		info.FoundProcessingAt, info.FoundProcessingBy = r.FoundProcessingAt, r.FoundProcessingBy
		info.Watched, info.WatchEndedAt = !r.NextCheckAt.IsZero(), r.WatchEndedAt
		info.Words = info.closedByUsWords()
	case r.OutsideTook:
		info.Words = RefundOutsideTookWords(nil)
	case r.Status == db.RefundFail:
		info.Words = RefundFailureWords(r.ResultCode)
	}
	return info
}

// RefundClosedByUsWords says, for staff, why a refund we closed as failed
// ourselves (final_source OURS) failed: Antom had no such refund the
// times the reconciler asked (refundNotFoundTries), which is not Antom
// saying it failed. watched: the reconciler still asks about it
// (watchRefund), for a day after it was made, and Antom may yet report
// it done; once it stopped, at stopped (zero when not known), nothing
// hears of it by itself — Antom may still hold it. What to do (a Refund
// lookup first) is the page's to say, once, beside its lookup.
func RefundClosedByUsWords(watched bool, stopped time.Time, zone *time.Location) string {
	asked := closedAsked()
	if watched {
		return asked + ": we closed it as failed ourselves, but Antom may yet report it done."
	}
	return asked + ", nor reported it done in the day after: we closed it as failed ourselves and stopped asking" + stoppedOn(stopped, zone) +
		". Antom may still hold it."
}

// closedAsked is how a refund we closed ourselves came to be closed:
// Antom had no record of it the refundNotFoundTries times we asked.
func closedAsked() string {
	return fmt.Sprintf("Antom had no record of it the %d times we asked", refundNotFoundTries)
}

// RefundFailureWords says why Antom failed a refund (its resultCode),
// for staff. A refund we closed ourselves has RefundClosedByUsWords.
// ORDER_NOT_EXIST answers a refund call about the payment it names
// (API.md §5.2: unknown paymentId), not about a refund.
func RefundFailureWords(code string) string {
	switch code {
	case antom.CodeRefundAmountExceed:
		return refundAmountExceedWords
	case "REFUND_WINDOW_EXCEED":
		return "The time allowed for refunding this payment is over."
	case "MERCHANT_BALANCE_NOT_ENOUGH":
		return "The merchant balance at Antom is too low for this refund. Try again later (a new refund)."
	case "ORDER_STATUS_INVALID":
		return "The payment cannot be refunded in its current state (still processing, failed, or not captured)."
	case "ORDER_NOT_EXIST":
		return "Antom has no record of the payment it refunds: the refund was never created."
	case "ORDER_IS_CLOSED":
		return "The payment is closed and can no longer be refunded."
	case "MULTIPLE_REFUNDS_NOT_SUPPORTED":
		return "This payment method allows only one refund."
	case "CURRENCY_NOT_SUPPORT":
		return "The refund currency must be the payment's currency."
	case "RISK_REJECT":
		return "Antom's risk control refused the refund."
	case "REPEAT_REQ_INCONSISTENT":
		return "This refund request id was already used with other details."
	case "INVALID_MERCHANT_STATUS":
		return "The merchant account cannot refund at the moment."
	case "":
		return "Antom reports that the refund failed."
	}
	return "Antom refused the refund (" + code + ")."
}
