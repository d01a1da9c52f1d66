package checkout

import (
	"antom-checkout/db"
)

// Who asked for a payment's cancel, and why (CancelAskedBy): the
// buyer's "pay another way" (db.Attempt.AbandonedAt), staff's void, or
// the app's own cancel with its reason. Staff pages word each
// (views.CancelAskedWords); none says the buyer left a payment the app
// cancelled.
const (
	CancelByBuyer     = "buyer"      // the buyer chose to pay another way
	CancelByStaff     = "staff"      // staff voided the authorization
	CancelBySurplus   = "surplus"    // the app's: it went through after another payment paid the order
	CancelByOtherPaid = "other-paid" // the app's: another payment paid the order while this one was open
	CancelByClosed    = "closed"     // the app's: we had closed it, and Antom still held it open
	CancelByNoPage    = "no-page"    // the app's: Antom gave no card page the buyer could be sent to
	CancelByExpiry    = "expiry"     // the app's: still unknown past its expiry
)

// CancelAskedBy says who asked for attempt a's cancel, and why (one of
// the CancelBy* values), with paying the attempt that paid the order (ID
// 0 for none); "" when a has no cancel. The buyer's mark (AbandonedAt)
// says theirs; otherwise what was stored with the cancel
// (db.Attempt.CancelAskedBy, since migration 50). A cancel stored before
// it is read from the rest of the row: a surplus, an attempt SUCCESS when
// its cancel was sent (a void: staff's, as a surplus's is the app's),
// another attempt that paid the order, our own close (FinalSource OURS),
// a card payment without a page, and otherwise its expiry (the
// reconciler's cancel of a payment still unknown past it) — which reads
// an expiry cancel of a payment whose order another paid later as that
// other payment's.
func CancelAskedBy(a, paying db.Attempt) string {
	switch {
	case a.CancelStatus == "":
		return ""
	case !a.AbandonedAt.IsZero():
		return CancelByBuyer
	case a.CancelAskedBy != "":
		return a.CancelAskedBy
	case a.Surplus:
		return CancelBySurplus
	case a.Status == db.AttemptSuccess && a.CancelStatus != db.CancelInDoubt:
		return CancelByStaff
	case paying.ID != 0 && paying.ID != a.ID:
		return CancelByOtherPaid
	case a.FinalSource == db.SourceOurs:
		return CancelByClosed
	case a.CardPageNeverShown():
		return CancelByNoPage
	}
	return CancelByExpiry
}

// buyersCancelBy is CancelAskedBy of the attempt a buyer's page is about
// (buyersAttempt, db.LatestAttempt): the one that paid the order if any,
// so no other payment paid it while it shows.
func buyersCancelBy(a db.Attempt) string {
	return CancelAskedBy(a, db.Attempt{})
}
