package checkout

import "antom-checkout/db"

// cancelInDoubtRefusal refuses a staff action on the money of attempt a —
// a capture, a void or a refund (action names it: "capture", "void",
// "refund") — while a cancel of ours may still take effect on it (its
// cancel IN_DOUBT: Antom said the payment succeeded while our cancel was
// on its way, the buyer's "pay another way" or ours at the card page's
// expiry). A cancel that took effect releases the authorization or gives
// the money back by itself (API.md §5.5), so a capture or a refund sent
// meanwhile would move money the cancel moves too; one that did not leaves
// the payment standing, and the action can be sent then. The reconciler
// asks Antom until it is known (watchCancelDoubt, within cancelLandsWithin
// of Antom's first SUCCESS). nil when no cancel is in doubt. Nothing is
// stored or sent.
func cancelInDoubtRefusal(a db.Attempt, action string) *ConflictError {
	if a.CancelStatus != db.CancelInDoubt {
		return nil
	}
	// Short: the order's page, where staff read it, says whose cancel it
	// is, what it does if it took effect and that the app keeps asking, in
	// its own note (cancel-doubt) — not again in this notice under it.
	return &ConflictError{Message: "Not sent: your " + action + " waits for a cancel of this payment that Antom has not confirmed yet: " +
		"if the cancel does not take effect, you can send it then.", Waits: true}
}
