package checkout

// declinePaysAgain is the rule "which way forward the result page of a
// payment that did not go through offers" as a table, so that its button
// says what its words advise. Each decline message (a message ID of
// package lang) listed here advises paying again — "You can pay again.",
// "Please try again." — as the payment ended for no fault of the way it
// used (closed, cancelled, never arrived, no card page, the service
// failed, declined for no reason given): the same way may go through, and
// the page's button says "Pay again". Every other decline advises another
// card or another way, or linking the wallet again (a button of its own),
// or gives no advice: its button says "Pay another way". Both lead to the
// checkout page, which offers every way. A message's variant on an order
// that can no longer be paid (unpayable.Words) has no button.
var declinePaysAgain = map[string]bool{
	wordsClosed:            true,
	wordsCancelled:         true,
	wordsNeverArrived:      true,
	wordsNeverArrivedEnded: true,
	wordsNoPaymentPage:     true,
	wordsServiceFailed:     true,
	wordsWalletDeclined:    true,
}

// DeclinePaysAgain reports whether the result page of a payment that did
// not go through with decline message id (DeclineWords, ClosedByUsWords,
// EndingWords) offers "Pay again" rather than "Pay another way"
// (declinePaysAgain).
func DeclinePaysAgain(id string) bool {
	return declinePaysAgain[id]
}
