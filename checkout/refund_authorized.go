package checkout

import (
	"context"

	"antom-checkout/db"
)

// authorizedRefusal refuses a refund of order o, whose card payment is
// only authorized (AUTHORIZED): nothing was charged yet, so nothing can be
// given back. Its words say what is true of the authorization now, not
// always "capture it first":
//
//	a capture under way (sent, not confirmed)  Waits  "Not sent: a capture of $25.00 is under way … wait for it to be confirmed, then refund"
//	a void under way                           Waits  "Not sent: a void of this authorization is under way … nothing to refund"
//	a cancel of ours in doubt                  Waits  "Not sent: … a cancel of this payment that Antom has not confirmed yet …"
//	ended (expired, cancelled at Antom)        red    expiredWords, endedWords
//	waiting for staff                          red    "This card payment is only authorized: capture it (or void it) first."
//
// What is under way is neutral news (Waits): the order's page shows its
// outcome, and the refusal goes once the order changes.
func (s *Service) authorizedRefusal(ctx context.Context, o db.Order) error {
	a, err := s.db.SuccessfulAttempt(ctx, o.ID)
	if err != nil {
		return err
	}
	cs, err := s.db.OrderCaptures(ctx, o.ID)
	if err != nil {
		return err
	}
	for _, c := range cs {
		if c.Status == db.CaptureProcessing {
			return &ConflictError{Waits: true, Message: "Not sent: a capture of " + Money{c.Currency, c.Amount}.String() +
				" is under way, and Antom has not confirmed it yet. Wait for the capture to be confirmed, then refund (up to what it captured)."}
		}
	}
	switch a.CancelStatus {
	case db.CancelProcessing:
		return &ConflictError{Waits: true, Message: "Not sent: a void of this authorization is under way, and Antom has not confirmed it yet. " +
			"Once it is, the hold on the buyer's card is released and nothing is charged, so there is nothing to refund."}
	case db.CancelInDoubt:
		return &ConflictError{Waits: true, Message: "Not sent: this card payment is only authorized, and a cancel of it that Antom has not confirmed yet may release it. " +
			"If the cancel does not take effect, capture it first, then refund."}
	}
	if _, to, ended := refusedEnding(cs, a.ID); ended {
		return &ConflictError{Message: endedWords(to, a, s.now(), s.zone())}
	}
	if authorizationExpired(a, s.now()) {
		return &ConflictError{Message: expiredWords(expiredAt(a, s.now()), s.zone())}
	}
	return &ConflictError{Message: "This card payment is only authorized: capture it (or void it) first."}
}
