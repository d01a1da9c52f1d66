package checkout

import (
	"testing"
	"time"

	"antom-checkout/db"
)

// A Mark resolved form for an alarm resolved already: by the same staff
// member with the same note it is what they asked, said neutrally
// (Repeat) — "Nothing to confirm" on the confirmation, "Marked once"
// when confirmed again; by anyone else, or with another note, it is
// refused naming who and their note. The capture of a failed payment
// reads naturally, never "of a failed payment of payment".
func TestResolvedRefusal(t *testing.T) {
	r := db.AlarmResolution{By: "ann@shop.example", Note: "refunded in Antom Dashboard", ResolvedAt: time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)}
	named := alarmNamed(db.AlarmAutoCaptureFailed, "PR-1")
	for _, c := range []struct {
		asked  resolveAsked
		repeat bool
		want   string
	}{
		{resolveAsked{"ann@shop.example", " refunded in Antom Dashboard ", true}, true,
			"Nothing to confirm: you had already marked the automatic capture of payment PR-1, which Antom then said failed, resolved: “refunded in Antom Dashboard”."},
		{resolveAsked{"ann@shop.example", "refunded in Antom Dashboard", false}, true,
			"Marked once: you had already marked the automatic capture of payment PR-1, which Antom then said failed, resolved: “refunded in Antom Dashboard”. Nothing was written again."},
		{resolveAsked{"ann@shop.example", "voided it", true}, false,
			"The automatic capture of payment PR-1, which Antom then said failed, was already marked resolved by ann@shop.example on 6\u00a0Dec\u00a02026 04:00:00\u00a0UTC: “refunded in Antom Dashboard”. Nothing was written."},
		{resolveAsked{"bob@shop.example", "refunded in Antom Dashboard", false}, false,
			"The automatic capture of payment PR-1, which Antom then said failed, was already marked resolved by ann@shop.example on 6\u00a0Dec\u00a02026 04:00:00\u00a0UTC: “refunded in Antom Dashboard”. Nothing was written."},
	} {
		got := resolvedRefusal(r, named, c.asked, nil)
		assertEqual(t, got.Repeat, c.repeat, "Repeat, for "+c.asked.actor+" "+c.asked.note)
		assertEqual(t, got.Message, c.want, "the words, for "+c.asked.actor+" "+c.asked.note)
	}
}
