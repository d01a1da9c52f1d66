package checkout

import (
	"fmt"

	"antom-checkout/db"
)

// cappedByLateRetry is, among refunds (an order's), the first retry still
// processing whose retry chain Antom made after all (retryChainMade: the
// refund it tries again was made late) while the payment's cap cuts
// failed refund r (owed: what the books owe of it, Owed < Unmet). The cap
// counts that retry as taken, yet should it fail it owes nothing (its
// chain's debt was paid), so what it took frees up for r: settled another
// way or tried again now for only what the cap left, r would lose the
// rest (a closed failure keeps only what refunds made good of it). The
// refund of the chain Antom made is returned too. Until Antom answers
// for the retry, r waits.
func cappedByLateRetry(refunds []db.Refund, r db.Refund, owed db.RefundOwed) (retry, made db.Refund, ok bool) {
	if owed.Owed >= owed.Unmet {
		return db.Refund{}, db.Refund{}, false
	}
	for _, n := range refunds {
		if n.AttemptID != r.AttemptID || n.Status != db.RefundProcessing {
			continue
		}
		if a, ok := chainMade(refunds, n); ok {
			return n, a, true
		}
	}
	return db.Refund{}, db.Refund{}, false
}

// cappedByLateRetryRefusal is the *ConflictError (Waits: until Antom
// answers) refusing to settle failed refund r another way or to try it
// again while retry n, still processing, of a chain whose refund made
// Antom made after all, takes what the payment's cap would leave r
// (owed: what the books owe of r now, minor units). Like
// coveredPendingRefusal it names n (Refund), with Done and Failed words
// for a page that shows it after Antom has answered for n.
func cappedByLateRetryRefusal(r, n, made db.Refund, owed int64, action heldAction) error {
	what, before, done := "marked handled another way", "settling it", "Nothing was marked."
	if action == heldRetry {
		what, before, done = "tried again", "trying it again", "Nothing was sent."
	}
	return &ConflictError{Waits: true, Refund: n.ID, Message: fmt.Sprintf(
		"Refund %s, still processing at Antom, tries again refund %s, which Antom made after all: what it takes of the payment leaves "+
			"the failed refund %s owed only %s. It can be %s once Antom has answered for %s (should %s fail, more of %s is owed; "+
			"%s for %s before then could leave the rest owed by nobody). %s",
		n.RefundRequestID, made.RefundRequestID, r.RefundRequestID, Money{r.Currency, owed}, what, n.RefundRequestID,
		n.RefundRequestID, r.RefundRequestID, before, Money{r.Currency, owed}, done),
		Done: fmt.Sprintf("Antom has made refund %s, which tried again refund %s: the failed refund %s's line below says what it owes now "+
			"and what can be done. %s", n.RefundRequestID, made.RefundRequestID, r.RefundRequestID, done),
		Failed: fmt.Sprintf("Refund %s failed, so what it took of the payment is free again: the failed refund %s's line below says what "+
			"it owes now and what can be done. %s", n.RefundRequestID, r.RefundRequestID, done)}
}
