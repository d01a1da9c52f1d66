package checkout

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"antom-checkout/db"
)

// Refunds we closed as failed that Antom made after all (made late), and
// money the buyer got twice through them.
//
// A refund we closed as failed ourselves (three ORDER_NOT_EXIST answers)
// is a failure in the books: a new refund made after it failed makes it
// good (db/refunds_owed.go), and once a Refund lookup said Antom has no
// such refund staff may refund again. If Antom then makes it after all,
// the buyer got its amount on top of what was meant. What was meant is
// what the buyer had got and what the books still owed at that moment
// (owed before: the refund still a failure). So, for each moment Antom
// made refunds late (their late_mark, the highest refund id then), over
// the refunds that existed then, as they stood (a refund Antom made late
// at a later moment still a failure):
//
//	got twice  = made late − owed before          (when more than nothing)
//	owed extra = owed now − (owed before − made late, when more than nothing)
//
// "owed extra" is what the books counted owed that the late refunds
// paid (a new refund counted towards the failure that then failed itself
// stays owed in the books): staff must not refund it again. As much of it
// as the books no longer count owed now has been paid since (a new
// refund, a made retry, a settlement, Antom making late the refund that
// owed it): the buyer got that twice too. Two $4.00
// refunds closed by us, one new $4.00 refund, one of the two made late:
// owed before $4.00, made late $4.00 — nothing twice, and the new refund
// makes the other good now. A refund made after the moment is never
// taken for one made to make it good. What the older rule (db's
// refundPaidTwice) already says of a refund made late — settled another
// way (its amount), or retried by refunds made, processing or settled
// (theirs) — is taken off, from what they gave twice and then from what
// they left owed extra, so each way of paying twice is said once and
// what a partial retry left out is said too. What the older rule says
// beyond what its moments gave twice or left owed extra is not so (the
// books took that money off another failure's debt: the payment's cap
// reached): the pages say it less that (Older), or not at all. (A late
// refund no longer makes another failure good: it pays only its own
// chain's debt, makingNow.) A refund made late before migration 46 has
// no late_mark: its payment is not told.
//
// Refunds still processing count as made in the books (May); what the
// buyer surely got twice (Got) is what the rule gives with them failed.
// Older is read as surely so; what more of it would be so were they made
// is in May (olderMay).
// Refunds Antom is found processing (found_processing_at) are one more
// moment, now, for what the buyer gets twice if Antom makes them
// (IfFound).

// lateTwice is what one payment's refunds made late gave the buyer
// twice, in minor units: Got surely, May if Antom makes the refunds still
// processing (>= Got); Owed, what the books still count owed that those
// refunds paid; IfFound, what more the buyer gets twice if Antom makes
// the refunds it was found processing. Late and Found: those refunds, in
// id order.
type lateTwice struct {
	Got, May, Owed, IfFound int64
	Late, Found             []db.Refund
	// Older is what the older rule (db's refundPaidTwice) says of the
	// refunds it flags that is so, where that is less than it says (its
	// amount, or what was settled another way): by refund id, minor
	// units, 0 for nothing. What it says is more than the moments its
	// refunds were made late gave beyond what paid the books' debt — the
	// payment's cap (what may still be refunded) took a refund made late
	// off another failure's debt — and what the books say is true of the money:
	// staff who get back all the older rule says and refund what the
	// books owe would leave the buyer short. The pages say this instead.
	// Held even when nothing else is told.
	Older map[int64]int64
}

// told reports whether t has anything to say.
func (t lateTwice) told() bool { return t.May > 0 || t.Owed > 0 || t.IfFound > 0 }

// madeTwice: the buyer surely got money twice (the list's "refund made
// twice"); mayBe: the buyer may yet get money twice — if Antom makes what
// is processing or what it was found processing, or if staff refund again
// what the books still count owed (its "may be made twice").
func (t lateTwice) madeTwice() bool { return t.Got > 0 }
func (t lateTwice) mayBe() bool     { return t.May > t.Got || t.Owed > 0 || t.IfFound > 0 }

// madeLate reports whether r is a refund we closed as failed that Antom
// made after all (FAIL turned SUCCESS: its fail_seq kept).
func madeLate(r db.Refund) bool { return r.Status == db.RefundSuccess && r.FailSeq > 0 }

// lateTwiceOf is lateTwice of a payment that took paid (minor units)
// with refunds (all of the payment's).
func lateTwiceOf(paid int64, refunds []db.Refund) lateTwice {
	var out lateTwice
	var moments []lateMoment
	for _, r := range refunds {
		// One made late before migration 46 (no late_mark) is read as
		// any refund made: its moment is not known.
		if madeLate(r) && !r.Automatic && r.LateMark > 0 && !slices.Contains(moments, momentOf(r)) {
			moments = append(moments, momentOf(r))
		}
	}
	slices.SortFunc(moments, lateMoment.compare)
	// What the older rule says now, each refund it flags taken off at
	// most once in all: at a moment of a refund of its chain made late,
	// as far as that moment's late refunds gave more than was owed.
	olderAll, olderSure := olderRuleFlags(refunds), olderRuleFlags(processingFailed(refunds))
	flaggedNow, flaggedSure := maps.Clone(olderAll), maps.Clone(olderSure)
	// The older rule's flags read at a moment (pinned on one of its late
	// refunds): what is left of them after every moment is not so.
	readAll, readSure := map[int64]bool{}, map[int64]bool{}
	var all, sure gaveTwice // over every moment: processing refunds made, and failed
	for _, m := range moments {
		then := refundsAt(refunds, m)
		var late []int
		for i, r := range then {
			if madeLate(r) && momentOf(r) == m && !r.Automatic {
				late = append(late, i)
			}
		}
		pinned(flaggedNow, then, late, readAll)
		pinned(flaggedSure, then, late, readSure)
		a := twiceAt(paid, then, late, olderAll)
		s := twiceAt(paid, processingFailed(then), late, olderSure)
		if a.got > 0 || s.got > 0 || a.owed > 0 || s.owed > 0 {
			for _, i := range late {
				out.Late = append(out.Late, then[i])
			}
		}
		all, sure = all.plus(a), sure.plus(s)
	}
	out.Older = olderSo(refunds, flaggedNow, olderAll, readAll, flaggedSure, olderSure, readSure)
	var last int64
	if len(moments) > 0 {
		last = moments[len(moments)-1].mark
	}
	out.May, out.Owed = all.now(booksOf(paid, withoutLaterFailures(refunds, last)).owed())
	out.Got, _ = sure.now(booksOf(paid, withoutLaterFailures(processingFailed(refunds), last)).owed())
	// What the older rule says of a refund that is not processing is cut
	// as the buyer surely has it (refunds processing failed); where
	// Antom making those would leave more of it so, that more may be
	// (rev6's finding 3: else nothing said "may" while they process).
	out.May += olderMay(refunds, flaggedNow, olderAll, readAll, flaggedSure, olderSure, readSure)
	out.May = max(out.May, out.Got) // processing refunds made never give less
	var found []int
	for i, r := range refunds {
		if r.Status == db.RefundFail && !r.FoundProcessingAt.IsZero() && !r.Automatic {
			found = append(found, i)
		}
	}
	if len(found) > 0 {
		made := slices.Clone(refunds)
		for _, i := range found {
			made[i].Status = db.RefundSuccess
		}
		// What the older rule says now of refunds found processing
		// (refundFoundTwice: those settled another way, and the later
		// refunds of their chains): its flags with them made, but for
		// those of the found refunds themselves not settled (it says
		// nothing of them until Antom makes them) and those it raises
		// already (taken off at their moments above).
		older := olderRuleFlags(made)
		for _, i := range found {
			if refunds[i].HandledAt.IsZero() {
				delete(older, refunds[i].ID)
			}
		}
		for id := range flaggedNow {
			delete(older, id)
		}
		// Made, they are one more moment, and the books then owe what
		// they would with them made. What they would then count owed
		// that the refunds made paid (ifOwed: another failure's debt the
		// books still count, which the money they gave beyond their own
		// chain's debt covers — staff who refund it again pay it twice)
		// is told too, beyond what is told owed now (what is told owed
		// now and would be got twice is in ifMade): a retry found
		// processing beside another failure, its original made already,
		// gives all it asks twice, and "if Antom makes it" said only
		// what was left over that other failure's debt.
		ifMade, ifOwed := all.plus(twiceAt(paid, made, found, older)).now(booksOf(paid, withoutLaterFailures(made, last)).owed())
		if out.IfFound = max(ifMade-out.May, 0) + max(ifOwed-out.Owed, 0); out.IfFound > 0 {
			for _, i := range found {
				out.Found = append(out.Found, refunds[i])
			}
		}
	}
	if !out.told() {
		return lateTwice{Older: out.Older}
	}
	return out
}

// pinned adds to read the ids of flags (the older rule's) pinned on a
// refund of then at indexes late.
func pinned(flags map[int64]olderFlag, then []db.Refund, late []int, read map[int64]bool) {
	for id, f := range flags {
		if slices.ContainsFunc(late, func(i int) bool { return f.pinnedOn(then[i]) }) {
			read[id] = true
		}
	}
}

// olderSo is lateTwice's Older of refunds: of each flag the older rule
// raises (flagged*, as it says) that a moment read (read*), what no
// moment took off (left*: the rest of it, gone when all was taken) is
// not so. A refund still processing is read with the refunds processing
// made (all: Antom may make it); any other as the buyer surely has it
// (sure: those processing failed). Nil when all it says is so.
func olderSo(refunds []db.Refund, flaggedAll, leftAll map[int64]olderFlag, readAll map[int64]bool,
	flaggedSure, leftSure map[int64]olderFlag, readSure map[int64]bool) map[int64]int64 {
	var out map[int64]int64
	for _, r := range refunds {
		flagged, left, read := flaggedSure, leftSure, readSure
		if r.Status == db.RefundProcessing {
			flagged, left, read = flaggedAll, leftAll, readAll
		}
		f, ok := flagged[r.ID]
		if !ok || !read[r.ID] || left[r.ID].says == 0 {
			continue
		}
		if out == nil {
			out = map[int64]int64{}
		}
		out[r.ID] = f.says - left[r.ID].says
	}
	return out
}

// olderMay is, over the refunds olderSo cuts as the buyer surely has them
// (not processing: read with the refunds processing failed), how much
// more of what the older rule says would be so were the refunds
// processing made (read with them made: flaggedAll, leftAll, readAll), in
// minor units.
func olderMay(refunds []db.Refund, flaggedAll, leftAll map[int64]olderFlag, readAll map[int64]bool,
	flaggedSure, leftSure map[int64]olderFlag, readSure map[int64]bool) int64 {
	var more int64
	for _, r := range refunds {
		s, ok := flaggedSure[r.ID]
		if r.Status == db.RefundProcessing || !ok || !readSure[r.ID] || leftSure[r.ID].says == 0 {
			continue
		}
		a, ok := flaggedAll[r.ID]
		if !ok {
			continue
		}
		soAll := a.says
		if readAll[r.ID] {
			soAll -= leftAll[r.ID].says
		}
		more += max(soAll-(s.says-leftSure[r.ID].says), 0)
	}
	return more
}

// lateMoment is when Antom made refunds we closed as failed after all:
// their late_mark (the highest refund id then) and late_at (zero for
// those made so before migration 47: one moment per late_mark).
type lateMoment struct {
	mark int64
	at   time.Time
}

func momentOf(r db.Refund) lateMoment { return lateMoment{r.LateMark, r.LateAt} }

// compare orders moments as they happened: by mark (a later moment's
// mark is never lower, whichever instance's clock wrote its late_at),
// then, at one mark, by time.
func (m lateMoment) compare(o lateMoment) int {
	if c := cmp.Compare(m.mark, o.mark); c != 0 {
		return c
	}
	return m.at.Compare(o.at)
}

// refundsAt is refunds as they stood at moment m: those made by then;
// those Antom made late at a later moment still failures; and those
// settled another way after m not settled yet (when m's time is known).
func refundsAt(refunds []db.Refund, m lateMoment) []db.Refund {
	var then []db.Refund
	for _, r := range refunds {
		if r.ID > m.mark {
			continue
		}
		if madeLate(r) && momentOf(r).compare(m) > 0 {
			r.Status = db.RefundFail
		}
		if !m.at.IsZero() && r.HandledAt.After(m.at) {
			r.HandledBy, r.HandledAt, r.HandledNote, r.HandledAmount = "", time.Time{}, "", 0
		}
		then = append(then, r)
	}
	return then
}

// gaveTwice is what refunds made late gave twice (got) and what the books
// counted owed that they paid (owed: owed extra), in minor units, at
// their moments.
type gaveTwice struct{ got, owed int64 }

func (g gaveTwice) plus(o gaveTwice) gaveTwice { return gaveTwice{g.got + o.got, g.owed + o.owed} }

// now is what g says now that the books owe owedNow: of the owed extra,
// what they still count owed (owed, at most owedNow) — the rest has been
// paid since (a new refund, a made retry, a settlement, Antom making the
// refund that owed it late too), so the buyer got it twice (in got).
func (g gaveTwice) now(owedNow int64) (got, owed int64) {
	owed = min(g.owed, owedNow)
	return g.got + g.owed - owed, owed
}

// withoutLaterFailures is refunds without the failures made after the
// moment of mark (a greater id): what the books owe of them is their own
// (nothing a refund made late paid), and they paid none of what the books
// counted owed extra. What gaveTwice.now reads: what the books still owe
// of what they owed then.
func withoutLaterFailures(refunds []db.Refund, mark int64) []db.Refund {
	return slices.DeleteFunc(slices.Clone(refunds), func(r db.Refund) bool { return r.ID > mark && r.Status == db.RefundFail })
}

// twiceAt is what the refunds at indexes late of refunds (made: SUCCESS)
// gave twice (got) and what the books still count owed that they paid
// (owed), against the books with them failures; less what the older rule
// says of them (olderFlags: what is left of what it says of each refund
// it flags, by id; of those it pins on one of late, as much as this
// moment gave twice or left owed extra is taken off, and out of
// olderFlags, so that no moment takes it again).
func twiceAt(paid int64, refunds []db.Refund, late []int, olderFlags map[int64]olderFlag) gaveTwice {
	before := slices.Clone(refunds)
	var amount int64
	for _, i := range late {
		before[i].Status = db.RefundFail
		amount += refunds[i].Amount
	}
	owedBefore, owedNow := booksOf(paid, before).owed(), booksOf(paid, refunds).owed()
	var out gaveTwice
	out.got = max(amount-owedBefore, 0)
	out.owed = max(owedNow-max(owedBefore-amount, 0), 0)
	for _, id := range slices.Sorted(maps.Keys(olderFlags)) {
		f := olderFlags[id]
		if out.got+out.owed == 0 || !slices.ContainsFunc(late, func(i int) bool { return f.pinnedOn(refunds[i]) }) {
			continue
		}
		got := min(f.says, out.got)
		owed := min(f.says-got, out.owed)
		out.got, out.owed = out.got-got, out.owed-owed
		if f.says -= got + owed; f.says == 0 {
			delete(olderFlags, id)
		} else {
			olderFlags[id] = f
		}
	}
	return out
}

// booksOf is the books of a payment that took paid, over refunds, as
// the database keeps them (refundsOwed).
func booksOf(paid int64, refunds []db.Refund) refundBooks {
	return refundBooks{paid: paid, refunds: refunds, owing: owingNow(refunds), closed: closedNow(refunds), making: makingNow, refunded: refundedNow}
}

// processingFailed is refunds with those still processing failed (after
// every other, as the last to fail), for what the buyer surely got.
func processingFailed(refunds []db.Refund) []db.Refund {
	out := slices.Clone(refunds)
	var mark, seq int64
	for _, r := range out {
		mark, seq = max(mark, r.ID), max(seq, r.FailSeq)
	}
	for i, r := range out {
		if r.Status == db.RefundProcessing {
			seq++
			out[i].Status, out[i].FailMark, out[i].FailSeq = db.RefundFail, mark, seq
		}
	}
	return out
}
