package handlers

import (
	"testing"
	"time"

	"antom-checkout/checkout"
)

// A failed refund's line on a refund confirmation says, in every state,
// who closed it — a failure we decided ourselves may yet be done at
// Antom — and what became of it since; the confirmation warns of one we
// closed ourselves while it is still owed (open, or automatic).
func TestFailedRefundWordsInEveryState(t *testing.T) {
	usd := func(minor int64) checkout.Money { return checkout.Money{Currency: "USD", Minor: minor} }
	ours := "; closed as failed by us, not by Antom, which may yet report it done"
	for _, tc := range []struct {
		name  string
		r     checkout.RefundInfo
		words string
		warn  bool
	}{
		{"open", checkout.RefundInfo{OpenFailure: true, Owed: usd(500)}, "; $5.00 of it still owed to the buyer", false},
		{"open, ours", checkout.RefundInfo{OpenFailure: true, Owed: usd(500), OursOnly: true}, ours + "; $5.00 of it still owed to the buyer unless Antom makes it", true},
		{"handled", checkout.RefundInfo{HandledAt: time.Now(), HandledAmount: usd(500)}, "; $5.00 of it settled another way", false},
		{"handled, ours", checkout.RefundInfo{HandledAt: time.Now(), HandledAmount: usd(500), OursOnly: true}, ours + "; $5.00 of it settled another way", false},
		{"tried again", checkout.RefundInfo{RetriedBy: "RF-2"}, "; tried again as RF-2", false},
		{"tried again, ours", checkout.RefundInfo{RetriedBy: "RF-2", OursOnly: true}, ours + "; tried again as RF-2", false},
		{"automatic", checkout.RefundInfo{Automatic: true}, "; to be returned to the buyer another way", false},
		{"automatic, ours", checkout.RefundInfo{Automatic: true, OursOnly: true}, ours + "; to be returned to the buyer another way", true},
		{"made good", checkout.RefundInfo{}, "; nothing of it owed now", false},
		{"made good, ours", checkout.RefundInfo{OursOnly: true}, ours + "; nothing of it owed now", false},
	} {
		tc.r.Status = checkout.RefundFail
		assertEqual(t, failedWords(tc.r), tc.words, tc.name)
		_, warn := oursOnlyOwed([]checkout.RefundInfo{{Status: checkout.RefundSuccess, OursOnly: true}, tc.r})
		assertEqual(t, warn, tc.warn, tc.name+": warned")
	}
}
