package handlers

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// A failed refund's line on a refund confirmation says, in every state,
// who closed it — a failure we decided ourselves may yet be done at
// Antom — and what became of it since; the confirmation warns of one we
// closed ourselves while it is still owed (open, or automatic).
func TestFailedRefundWordsInEveryState(t *testing.T) {
	usd := func(minor int64) checkout.Money { return checkout.Money{Currency: "USD", Minor: minor} }
	ours := func(since string) string {
		return "; closed as failed by us, not by Antom; " + since + ". Antom may yet report it done."
	}
	for _, tc := range []struct {
		name  string
		r     checkout.RefundInfo
		words string
		warn  bool
	}{
		{"open", checkout.RefundInfo{OpenFailure: true, Owed: usd(500)}, "; $5.00 of it still owed to the buyer", false},
		{"open, ours", checkout.RefundInfo{OpenFailure: true, Owed: usd(500), OursOnly: true, Watched: true}, ours("$5.00 of it still owed to the buyer unless Antom makes it"), true},
		{"handled", checkout.RefundInfo{HandledAt: time.Now(), HandledAmount: usd(500)}, "; $5.00 of it settled another way", false},
		{"handled, ours", checkout.RefundInfo{HandledAt: time.Now(), HandledAmount: usd(500), OursOnly: true, Watched: true}, ours("$5.00 of it settled another way"), false},
		{"tried again", checkout.RefundInfo{RetriedBy: "RF-2"}, "; tried again as RF-2", false},
		{"tried again, ours", checkout.RefundInfo{RetriedBy: "RF-2", OursOnly: true, Watched: true}, ours("tried again as RF-2"), false},
		{"automatic", checkout.RefundInfo{Automatic: true}, "; to be returned to the buyer another way", false},
		{"automatic, part outside", checkout.RefundInfo{Automatic: true, Amount: usd(1200), OutsideGave: usd(500)},
			"; $5.00 of it given back by refunds made outside this app; the rest, $7.00, to be returned to the buyer another way", false},
		{"automatic, ours", checkout.RefundInfo{Automatic: true, OursOnly: true, Watched: true}, ours("to be returned to the buyer another way"), true},
		{"made good", checkout.RefundInfo{}, "; nothing of it owed now", false},
		{"made good, ours", checkout.RefundInfo{OursOnly: true, Watched: true}, ours("nothing of it owed now"), false},
	} {
		tc.r.Status = checkout.RefundFail
		assertEqual(t, failedWords(tc.r), tc.words, tc.name)
		_, warn := oursOnlyOwed([]checkout.RefundInfo{{Status: checkout.RefundSuccess, OursOnly: true}, tc.r})
		assertEqual(t, warn, tc.warn, tc.name+": warned")
	}
}

// A refund we closed ourselves is said, on its line and in the caution of
// a confirmation, to stand where it does: while the reconciler asks
// Antom, Antom may yet report it done; once the watch is over, when we
// stopped asking and that Antom may still hold it (no "may yet report"
// from a watch that ended); once a Refund lookup found none, who looked
// and when — whichever the watch.
func TestRefundClosedByUsWordsBeforeAndAfterTheWatch(t *testing.T) {
	stopped := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	looked := time.Date(2026, 12, 5, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	for _, tc := range []struct {
		name         string
		r            checkout.RefundInfo
		line, warn   string
		ask, without string
	}{
		{"watched", checkout.RefundInfo{Watched: true},
			"Antom may yet report it done.", "we closed it as failed ourselves; Antom may yet report it done. ", "Ask Antom first", "stopped"},
		{"watch over", checkout.RefundInfo{WatchEndedAt: stopped},
			"We stopped asking Antom about it on 4\u00a0Dec\u00a02026 10:00:00\u00a0UTC, and Antom may still hold it.",
			"we closed it as failed ourselves; we stopped asking Antom about it on 4\u00a0Dec\u00a02026 10:00:00\u00a0UTC, and Antom may still hold it. ", "Ask Antom first", "may yet report it done"},
		{"watch over, when not known", checkout.RefundInfo{},
			"We stopped asking Antom about it, and Antom may still hold it.", "we stopped asking Antom about it, and Antom may still hold it. ", "Ask Antom first", "may yet report it done"},
		{"looked up, watched", checkout.RefundInfo{Watched: true, AbsentLookedAt: looked, AbsentLookedBy: "ann@shop.example"},
			"A Refund lookup by ann@shop.example on 5\u00a0Dec\u00a02026 08:30:00\u00a0UTC found no such refund at Antom.",
			"we closed it as failed ourselves; a Refund lookup by ann@shop.example on 5\u00a0Dec\u00a02026 08:30:00\u00a0UTC found no such refund at Antom. ",
			"Should Antom report it done after all", "Ask Antom first"},
		{"looked up, watch over", checkout.RefundInfo{WatchEndedAt: stopped, AbsentLookedAt: looked, AbsentLookedBy: "ann@shop.example"},
			"A Refund lookup by ann@shop.example on 5\u00a0Dec\u00a02026 08:30:00\u00a0UTC found no such refund at Antom.",
			"a Refund lookup by ann@shop.example on 5\u00a0Dec\u00a02026 08:30:00\u00a0UTC found no such refund at Antom. ", "Should Antom report it done after all", "may yet report it done"},
	} {
		tc.r.Status, tc.r.OursOnly, tc.r.RefundRequestID = checkout.RefundFail, true, "RF-1"
		assertEqual(t, failedWords(tc.r), "; closed as failed by us, not by Antom; nothing of it owed now. "+tc.line, tc.name+": its line")
		var m views.AdminConfirm
		oursOnlyCaution(&m, tc.r)
		assertContains(t, m.Caution, "Antom never showed the refund RF-1: ", tc.warn, tc.ask, "the buyer would get this money twice")
		if strings.Contains(m.Caution, tc.without) {
			t.Fatalf("%s: the caution says %q: %q", tc.name, tc.without, m.Caution)
		}
		assertEqual(t, m.CautionLink, "/admin/refunds/lookup?id=RF-1", tc.name+": the lookup")
	}
}
