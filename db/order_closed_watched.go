package db

// closedWatchedO is, of order o, that it has a payment attempt we closed
// ourselves (FAIL or CANCELLED, SourceOurs) that is still watched for a
// late outcome: its next check is set (AttemptsToCheck asks Antom about
// it) until the watch ends (EndWatch, a day after it started) or Antom
// settles it. Antom's SUCCESS for such an attempt still pays the order
// (checkout's late success), so while it stands an order no new payment
// may start is not one that can no longer be paid. A column of the
// checkout page's, the result page's and My orders' one statement each;
// Attempt.ClosedWatched is its twin of one attempt. An integer (1 or 0)
// on both backends, as our bool columns are: a snapshot on PostgreSQL
// scans through pgx (pgxRow), which reads an integer into a bool, not a
// bool into an integer.
//
// A new card's attempt whose hosted page never reached the buyer
// (CardPageNeverShown) is left out: no card can be charged on it, so it
// can pay nothing, watched or not.
const closedWatchedO = `CASE WHEN EXISTS (SELECT 1 FROM payment_attempts w WHERE w.order_id = o.id
	AND w.final_source = 'OURS' AND w.next_check_at != '' AND w.status IN ('FAIL', 'CANCELLED')
	AND NOT (w.method = 'CARD' AND COALESCE(w.card_id, 0) = 0 AND w.redirect_url = '')) THEN 1 ELSE 0 END`

// ClosedWatched reports an attempt we closed ourselves (FAIL or
// CANCELLED, SourceOurs) that is still watched for a late outcome (its
// next check is set) and could pay (not CardPageNeverShown):
// closedWatchedO of one attempt.
func (a Attempt) ClosedWatched() bool {
	return (a.Status == AttemptFail || a.Status == AttemptCancelled) && a.FinalSource == SourceOurs && !a.NextCheckAt.IsZero() &&
		!a.CardPageNeverShown()
}

// CardPageNeverShown reports a new card's attempt on Antom's hosted page
// whose page never reached the buyer: the pay call's outcome stayed
// unknown, or the app stopped before sending it (no kept card, no
// redirect URL). No card can be charged on it.
func (a Attempt) CardPageNeverShown() bool {
	return a.Method == MethodCard && a.CardID == 0 && a.RedirectURL == ""
}
