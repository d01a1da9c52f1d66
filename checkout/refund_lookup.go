package checkout

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"antom-checkout/antom"
	"antom-checkout/checkout/limits"
	"antom-checkout/db"
)

// RefundLookup is what Antom says about a refund (inquiryRefund), and
// what we know of it.
type RefundLookup struct {
	ID              string // as staff typed it; ours as we write it (upper case)
	Found           bool   // false: Antom has no refund with this id (ORDER_NOT_EXIST)
	Status          string // SUCCESS, PROCESSING or FAIL
	RefundID        string
	RefundRequestID string
	Amount          Money // zero when Antom did not say
	RefundedAt      time.Time
	OrderRef        string // our order, when the refund is ours (found by Antom or not)
	Updated         bool   // this answer settled our record
	// Processing (a PROCESSING answer of a refund we closed as failed
	// ourselves): what our record says of it now, in words — that this
	// lookup recorded (Recorded) or an earlier finding had (not Recorded)
	// that Antom is processing it (FoundProcessingWords); "" otherwise.
	Processing string
	Recorded   bool
	// PaymentIDKind: the id is no refund's but names our order OrderRef
	// (LookedUpRef) or a payment of it — "paymentRequestId" or
	// "paymentId" — so Antom was not asked (LookupRefund); Refunds is how many refunds that order
	// has. "" otherwise.
	PaymentIDKind string
	Refunds       int
	// Offered (Antom has no refund with this id, and it is ours, closed
	// as failed by us and still owed: needsLookup no longer holds it):
	// its order now offers Try again, Mark handled another way and new
	// refunds; OfferedNow: this lookup's answer did it (else an earlier
	// lookup's had).
	Offered, OfferedNow bool
}

// LookupRefund asks Antom about a refund by refundRequestId or refundId
// (API.md §5.7). When the refund is ours, the id is sent as what it is
// and a final answer settles our record; an id that is no refund of ours
// but the paymentRequestId or paymentId of one of our payments (pasted
// from the order's page) is answered with that payment's order
// (PaymentIDKind), Antom not asked; any other id is tried as a refundId,
// then as a refundRequestId. ORDER_NOT_EXIST is an answer (Found false),
// not an error. A worker asking Antom about our refund at
// that moment is waited for (leasedWait); still busy, errBusy.
func (s *Service) LookupRefund(ctx context.Context, actor, id string) (RefundLookup, error) {
	id = strings.TrimSpace(id)
	switch {
	case id == "":
		return RefundLookup{}, fieldError("id", "Enter a refundRequestId or a refundId.")
	case !RefundLookupIDFits(id): // counted as typed
		return RefundLookup{}, fieldError("id", fmt.Sprintf("Too long: a refundRequestId or a refundId has at most %d characters.", limits.RefundLookupID))
	}
	id = norm.NFKC.String(id) // full-width "ＲＦ-…" is "RF-…"
	if msg := plainLine(id, refundIDField); msg != "" {
		return RefundLookup{}, fieldError("id", msg)
	}
	if strings.ContainsFunc(id, unicode.IsSpace) { // "hello world": no id Antom or we make, so nothing is asked
		return RefundLookup{}, fieldError("id", "An id has no spaces: paste the refundRequestId or the refundId alone.")
	}
	// An id is ours as typed (a refund made outside this app keeps
	// Antom's spelling), or in upper case: the ids the shop makes are
	// (newRef's alphabet), so "rf-ord-…" is ours. An id not ours is asked
	// of Antom as typed.
	spellings := []string{id}
	if up := strings.ToUpper(id); up != id {
		spellings = append(spellings, up)
	}
	var ours db.Refund
	var byRequest bool
	var err error
	for _, spelled := range spellings {
		if ours, byRequest, err = s.ourRefund(ctx, spelled); err != nil {
			return RefundLookup{}, err
		}
		if ours.ID != 0 {
			id = spelled
			break
		}
	}
	if ours.ID == 0 {
		for _, spelled := range spellings {
			if p, ok, err := s.paymentNamed(ctx, spelled); err != nil || ok {
				return p, err
			}
		}
		return s.lookupRefund(ctx, actor, id, ours, byRequest)
	}
	var out RefundLookup
	if !s.leasedWait(ctx, refundWork(ours.ID), func(ctx context.Context) {
		if ours, err = s.db.RefundByID(ctx, ours.ID); err == nil {
			out, err = s.lookupRefund(ctx, actor, id, ours, byRequest)
		}
	}) {
		if err := context.Cause(ctx); err != nil {
			return RefundLookup{}, err
		}
		return RefundLookup{}, errBusy
	}
	return out, err
}

// RefundLookupIDFits says whether id is within Antom's limit for a
// refundRequestId or refundId: 64 characters (API.md §5.7), counted as
// characters (runes), as the lookup's error says — not bytes, which
// refused an id of 64 characters holding any beyond ASCII.
func RefundLookupIDFits(id string) bool { return utf8.RuneCountInString(id) <= limits.RefundLookupID }

// lookupRefund asks Antom; our refund's lease is held.
func (s *Service) lookupRefund(ctx context.Context, actor, id string, ours db.Refund, byRequest bool) (RefundLookup, error) {
	var err error
	ctx = withSubject(ctx, s.refundSubjectOf(ctx, ours))
	var resp *antom.InquiryRefundResponse
	switch {
	case ours.ID != 0 && byRequest: // our record's spelling, whatever was typed
		resp, err = s.antom.InquiryRefund(ctx, &antom.InquiryRefundRequest{RefundRequestID: ours.RefundRequestID})
	case ours.ID != 0:
		resp, err = s.antom.InquiryRefund(ctx, &antom.InquiryRefundRequest{RefundID: ours.RefundID})
	default:
		resp, err = s.antom.InquiryRefund(ctx, &antom.InquiryRefundRequest{RefundID: id})
		if notExist(err) {
			resp, err = s.antom.InquiryRefund(ctx, &antom.InquiryRefundRequest{RefundRequestID: id})
		}
	}
	switch {
	case notExist(err):
		out := RefundLookup{ID: id}
		if ours.ID != 0 {
			o, err := s.db.OrderByID(ctx, ours.OrderID)
			if err != nil {
				return RefundLookup{}, err
			}
			out.OrderRef = o.Ref
			recorded, err := s.lookedAbsent(ctx, actor, ours)
			if err != nil {
				return RefundLookup{}, err
			}
			if out.Offered, err = s.offeredAfterLookup(ctx, ours); err != nil {
				return RefundLookup{}, err
			}
			out.OfferedNow = out.Offered && recorded
			if !recorded {
				s.lookedUp(ctx, actor, ours, "Antom has no such refund")
			}
		}
		return out, nil
	case antom.IsFailed(err):
		return RefundLookup{}, fieldError("", "Antom refused the inquiry ("+failureCode(err)+").")
	case err != nil:
		return RefundLookup{}, fieldError("", noAnswerWords(err)+" Try again in a moment.")
	}
	return s.lookupResult(ctx, actor, id, ours, resp)
}

// ourRefund finds our refund with this id: as a refundRequestId, else as
// a refundId. A zero Refund means it is not ours.
func (s *Service) ourRefund(ctx context.Context, id string) (db.Refund, bool, error) {
	r, err := s.db.RefundByRequestID(ctx, id)
	if err == nil || !errors.Is(err, db.ErrNotFound) {
		return r, true, err
	}
	r, err = s.db.RefundByRefundID(ctx, id)
	if errors.Is(err, db.ErrNotFound) {
		return db.Refund{}, false, nil
	}
	return r, false, err
}

// paymentNamed is the lookup's answer when id is one of our orders' ref
// (kind LookedUpRef), else the paymentRequestId, else the paymentId, of
// one of our payments: its order and how many refunds the order has
// (ok). Not one: ok false.
func (s *Service) paymentNamed(ctx context.Context, id string) (RefundLookup, bool, error) {
	kind := LookedUpRef
	o, err := s.db.OrderByRef(ctx, id)
	if errors.Is(err, db.ErrNotFound) {
		o, kind, err = s.orderOfPayment(ctx, id)
	}
	if errors.Is(err, db.ErrNotFound) {
		return RefundLookup{}, false, nil
	}
	if err != nil {
		return RefundLookup{}, false, err
	}
	refunds, err := s.db.OrderRefunds(ctx, o.ID)
	if err != nil {
		return RefundLookup{}, false, err
	}
	return RefundLookup{ID: id, OrderRef: o.Ref, PaymentIDKind: kind, Refunds: len(refunds)}, true, nil
}

func (s *Service) refundSubjectOf(ctx context.Context, r db.Refund) string {
	if r.ID == 0 {
		return ""
	}
	return s.refundSubject(ctx, r)
}

func notExist(err error) bool { return antom.IsFailed(err) && failureCode(err) == "ORDER_NOT_EXIST" }

// lookupResult builds the answer and, for our refund still processing,
// applies a final status.
func (s *Service) lookupResult(ctx context.Context, actor, id string, ours db.Refund, resp *antom.InquiryRefundResponse) (RefundLookup, error) {
	out := RefundLookup{ID: id, Found: true, Status: resp.RefundStatus, RefundID: resp.RefundID,
		RefundRequestID: resp.RefundRequestID, RefundedAt: parseAntomTime(resp.RefundTime)}
	if m, err := resp.RefundAmount.Minor(); err == nil && resp.RefundAmount.Currency != "" {
		out.Amount = Money{resp.RefundAmount.Currency, m}
	}
	if ours.ID == 0 {
		return out, nil
	}
	o, err := s.db.OrderByID(ctx, ours.OrderID)
	if err != nil {
		return RefundLookup{}, err
	}
	out.OrderRef = o.Ref
	// A final answer settles our refund still processing, and one we
	// closed as failed ourselves, by the rules the reconciler's watch of
	// it follows (refundResultRules): done at Antom, nothing is owed of
	// it; failed, Antom's own word, it may be tried again.
	if ours.Status == db.RefundProcessing || refundState(ours) == stateRefundFailOurs {
		out.Updated = s.applyRefundInquiry(ctx, ours, resp, "refund lookup by "+actor+": inquiryRefund says "+resp.RefundStatus, actor)
	}
	if resp.RefundStatus == antom.RefundProcessing && refundState(ours) == stateRefundFailOurs {
		now, err := s.db.RefundByID(ctx, ours.ID)
		if err != nil {
			return RefundLookup{}, err
		}
		if !now.FoundProcessingAt.IsZero() {
			out.Processing = FoundProcessingWords(now.FoundProcessingBy, now.FoundProcessingAt, s.zone())
			out.Recorded = !now.FoundProcessingAt.Equal(ours.FoundProcessingAt)
		}
	}
	if !out.Updated && !out.Recorded {
		s.lookedUp(ctx, actor, ours, "inquiryRefund says "+resp.RefundStatus)
	}
	return out, nil
}

// lookedUp records, on our refund r's order timeline, staff member
// actor's Refund lookup of it whose answer (said) changed nothing we
// record of it — still processing, or as we had it — so that every
// lookup says who looked, as one that settled it or found it absent does.
func (s *Service) lookedUp(ctx context.Context, actor string, r db.Refund, said string) {
	subject := s.refundSubject(ctx, r)
	s.recordBy(ctx, nil, subject, EventStaff, actor, "looked up refund "+r.RefundRequestID+" at Antom: "+said+"; nothing to change")
	s.hub.Publish(subject)
}

// LookedUpRef is RefundLookup.PaymentIDKind of an order's ref looked up.
const LookedUpRef = "ref"

// orderOfPayment is the order of our payment whose paymentRequestId, else
// paymentId, is id, and which of the two it is; db.ErrNotFound for none.
func (s *Service) orderOfPayment(ctx context.Context, id string) (db.Order, string, error) {
	kind := "paymentRequestId"
	a, err := s.db.AttemptByRequestID(ctx, id)
	if errors.Is(err, db.ErrNotFound) {
		kind = "paymentId"
		a, err = s.db.AttemptByPaymentID(ctx, id)
	}
	if err != nil {
		return db.Order{}, "", err
	}
	o, err := s.db.OrderByID(ctx, a.OrderID)
	return o, kind, err
}
