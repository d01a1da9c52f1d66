package checkout

import (
	"time"

	"antom-checkout/lang"
)

// ClosedByUsNow says, for staff, where refund r — one we closed as failed
// ourselves (OursOnly) — stands with Antom now, as a clause with no
// capital or stop, for the lines and warnings that name such a refund
// (its line on a refund confirmation, the cautions of a retry, a
// settlement another way or a new refund):
//
//   - once Antom was found processing it (FoundProcessingAt): that, by
//     whom and when, and that nothing can be made good until Antom
//     answers or a later lookup says it has none (FoundProcessingWords);
//   - once a Refund lookup found Antom has no such refund
//     (AbsentLookedAt): who looked and when (staff time, the shop's zone);
//   - before one, while the reconciler still asks Antom (Watched): that
//     Antom may yet report it done;
//   - before one, once it stopped asking: when it stopped (WatchEndedAt,
//     left out when not known), and that Antom may still hold it —
//     nothing hears of it by itself any more.
//
// closedByUsWords, the refund's own words, follows the same states.
func (r RefundInfo) ClosedByUsNow() string {
	switch {
	case !r.FoundProcessingAt.IsZero():
		return FoundProcessingWords(r.FoundProcessingBy, r.FoundProcessingAt, r.Zone)
	case !r.AbsentLookedAt.IsZero():
		return r.lookedAbsentWords()
	case r.Watched:
		return "Antom may yet report it done"
	}
	return "we stopped asking Antom about it" + stoppedOn(r.WatchEndedAt, r.Zone) + ", and Antom may still hold it"
}

// FoundProcessingWords says, as a clause with no capital or stop, that
// Antom is processing a refund we closed as failed ourselves, found by
// staff member by's Refund lookup ("" for our watch) at at (written in
// zone, the shop's): it may yet be
// made, and nothing can be made good until Antom answers or a later
// Refund lookup says it has none — the one wording of that state, for
// the refund's line, the cautions, the refusals and the lookup's answer.
func FoundProcessingWords(by string, at time.Time, zone *time.Location) string {
	who := "by our watch"
	if by != "" {
		who = "by " + by
	}
	return "Antom is processing it (found " + who + " on " + lang.StaffTime(at, zone) + "): it may yet be made, " +
		"and nothing can be made good until Antom answers or a later Refund lookup says it has none"
}

// lookedAbsentWords is ClosedByUsNow once a Refund lookup found none.
func (r RefundInfo) lookedAbsentWords() string {
	return "a Refund lookup by " + r.AbsentLookedBy + " on " + lang.StaffTime(r.AbsentLookedAt, r.Zone) + " found no such refund at Antom"
}

// closedByUsWords is the Words of refund r, one we closed as failed
// ourselves (OursOnly), in the state ClosedByUsNow tells: before a
// lookup, RefundClosedByUsWords (Antom may yet report it done);
// after a lookup found none, who looked (not that it may now be made good:
// the row stays as it was once it was tried again, settled or made good,
// and the red notice says what may be done);
// once Antom was found processing it, FoundProcessingWords.
func (r RefundInfo) closedByUsWords() string {
	asked := closedAsked()
	switch {
	case !r.FoundProcessingAt.IsZero():
		return asked + ": we closed it as failed ourselves, but " + FoundProcessingWords(r.FoundProcessingBy, r.FoundProcessingAt, r.Zone) + "."
	case !r.AbsentLookedAt.IsZero():
		return asked + ": we closed it as failed ourselves, and " + r.lookedAbsentWords() + "."
	}
	return RefundClosedByUsWords(r.Watched, r.WatchEndedAt, r.Zone)
}

// stoppedOn is " on <staff time>" of when we stopped asking Antom about
// a refund we closed ourselves, or "" when not known (zero).
func stoppedOn(stopped time.Time, zone *time.Location) string {
	if stopped.IsZero() {
		return ""
	}
	return " on " + lang.StaffTime(stopped, zone)
}
