package views

// notPaidAgainKeys words NoticeNotPaidAgain by the state of the payment
// the pay found (the result card it is shown beside), so that it says
// "not charged again" only of one that charged the buyer once: of one
// still under way nothing more was charged, of an authorization nothing
// more was held; a state not in the table (voided, expired, failed,
// cancelled: it ended without charging) says only that the order had a
// payment, and the page says how it ended (notPaidAgainEnded).
var notPaidAgainKeys = map[string]string{
	StateProcessing:        "notdone.not_paid_again_open",
	StateCardPage:          "notdone.not_paid_again_open",
	StateCancelling:        "notdone.not_paid_again_open",
	StateAuthorized:        "notdone.not_paid_again_authorized",
	StatePaid:              "result.notice_not_paid_again",
	StatePartiallyRefunded: "result.notice_not_paid_again",
	StateRefunded:          "result.notice_not_paid_again",
	StatePartlySettled:     "result.notice_not_paid_again",
	StateSettled:           "result.notice_not_paid_again",
}

// notPaidAgainEnded is NoticeNotPaidAgain beside a payment that ended
// without charging anything.
const notPaidAgainEnded = "notdone.not_paid_again_ended"

// notPaidAgainKey is the message of NoticeNotPaidAgain beside a result
// card in state (views.State*).
func notPaidAgainKey(state string) string {
	if key, ok := notPaidAgainKeys[state]; ok {
		return key
	}
	return notPaidAgainEnded
}
