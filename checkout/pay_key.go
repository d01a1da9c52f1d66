package checkout

import (
	"context"
	"errors"
	"time"

	"antom-checkout/db"
)

// A checkout page's pay forms carry a key (NewPayKey), new on every
// showing of the page: the paymentRequestId of the attempt a press of one
// of them opens is "PR-{order}-{key}". The same request sent again — the
// browser's resend when the buyer reloads the error page of an instance
// that died mid-pay (haproxy answers 502, and never resends it), or a
// browser's own retry on a connection that closed — names that attempt:
// it is the same press, answered with its payment (ErrSamePress), not
// told it found a payment under way. A press from another tab, or a page
// shown later, has a key of its own and is told so (ErrPaymentInProgress,
// ErrOrderPaid).

// ErrSamePress means the pay is one already made: its form's key names
// an attempt of the order, which has a payment (under way or taken) that
// press made (the same request sent again; see openAttemptWith). Nothing
// was sent; the caller shows that payment as the first sending would
// have, with no word of a second press.
var ErrSamePress = errors.New("checkout: this pay was already made (the same form sent again)")

// payKeyLen is a pay key's length: as many characters as the random part
// of a paymentRequestId the app makes itself (openAttempt).
const payKeyLen = 8

// NewPayKey returns a new key for a checkout page's pay forms.
func NewPayKey() (string, error) { return newRef("", payKeyLen) }

// payRequestID is the paymentRequestId a buyer's press of a pay form with
// key opens for order ref, or "" (a fresh one) when key is not a pay
// key's shape (missing: a page from before keys, or a hand-made post).
func payRequestID(ref, key string) string {
	if len(key) != payKeyLen || !isRefChars(key) {
		return ""
	}
	return "PR-" + ref + "-" + key
}

// pressFound is what a refused press's paymentRequestId names.
type pressFound int

const (
	pressNew   pressFound = iota // another press found the order's payment (no attempt of the key's, or another button's)
	pressSame                    // the order's attempt under way, or the one that took its payment, of this very button
	pressEnded                   // an attempt that ended without charging (failed, cancelled)
)

// press reports what the attempt a buyer's press would open (a, its
// PaymentRequestID from its form's key) finds of order o. The page's
// forms share its key: an attempt of another of them (its wallet, its
// kept card, a new card) under way is another press, told as such.
func (s *Service) press(ctx context.Context, o db.Order, a db.Attempt) pressFound {
	found, err := s.db.AttemptByRequestID(ctx, a.PaymentRequestID)
	switch {
	case err != nil || found.OrderID != o.ID:
		return pressNew
	case found.Status != db.AttemptProcessing && found.Status != db.AttemptSuccess:
		return pressEnded
	case found.Method != a.Method || found.WalletID != a.WalletID || found.CardID != a.CardID:
		return pressNew
	}
	return pressSame
}

// openAttemptWith is openAttempt that also runs mark (if not nil) on the
// new attempt in its transaction. a's PaymentRequestID, when set, is a
// buyer's press's (payRequestID). Refused because the order has a
// payment, the press is ErrSamePress when its key names that payment (the
// same press sent again). A key whose attempt ended without charging is
// a page kept from before that press, pressed again: it opens an attempt
// under a paymentRequestId of its own (each attempt is sent to Antom
// under its own) — and is ErrSamePress too if the order has a payment
// by then, which that press led to (a card payment the app tried again
// itself, its first attempt without a page) or, rarely, another tab's:
// not told apart, shown without a word of a second press.
func (s *Service) openAttemptWith(ctx context.Context, o db.Order, a db.Attempt, expiry time.Duration, by string, note func(db.Attempt) string,
	mark func(context.Context, *db.Queries, db.Attempt) error) (db.Attempt, lease, error) {
	opened, l, err := s.openAttemptAs(ctx, o, a, expiry, by, note, mark)
	if a.PaymentRequestID == "" || !refusedForAPayment(err) {
		return opened, l, err
	}
	switch s.press(ctx, o, a) {
	case pressSame:
		return db.Attempt{}, lease{}, ErrSamePress
	case pressEnded:
		a.PaymentRequestID = ""
		if opened, l, err = s.openAttemptAs(ctx, o, a, expiry, by, note, mark); refusedForAPayment(err) {
			return db.Attempt{}, lease{}, ErrSamePress
		}
	}
	return opened, l, err
}

// refusedForAPayment reports openAttempt's refusal of an order that has
// a payment: under way, or taken.
func refusedForAPayment(err error) bool {
	return errors.Is(err, ErrOrderPaid) || errors.Is(err, ErrPaymentInProgress)
}
