package checkout

import "time"

// ClosedByUsNow says, for staff, where refund r — one we closed as failed
// ourselves (OursOnly) — stands with Antom now, as a clause with no
// capital or stop, for the lines and warnings that name such a refund
// (its line on a refund confirmation, the cautions of a retry, a
// settlement another way or a new refund):
//
//   - once a Refund lookup found Antom has no such refund
//     (AbsentLookedAt): who looked and when (staff time, UTC);
//   - before one, while the reconciler still asks Antom (Watched): that
//     Antom may yet report it done;
//   - before one, once it stopped asking: when it stopped (WatchEndedAt,
//     left out when not known), and that Antom may still hold it —
//     nothing hears of it by itself any more.
//
// RefundClosedByUsWords, the refund's own words, follows the same watch.
func (r RefundInfo) ClosedByUsNow() string {
	switch {
	case !r.AbsentLookedAt.IsZero():
		return "a Refund lookup by " + r.AbsentLookedBy + " on " + r.AbsentLookedAt.UTC().Format(staffTime) + " found no such refund at Antom"
	case r.Watched:
		return "Antom may yet report it done"
	}
	return "we stopped asking Antom about it" + stoppedOn(r.WatchEndedAt) + ", and Antom may still hold it"
}

// stoppedOn is " on <staff time>" of when we stopped asking Antom about
// a refund we closed ourselves, or "" when not known (zero).
func stoppedOn(stopped time.Time) string {
	if stopped.IsZero() {
		return ""
	}
	return " on " + stopped.UTC().Format(staffTime)
}
