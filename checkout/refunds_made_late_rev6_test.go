package checkout

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"antom-checkout/db"
	"testing"
)

// rev6's review of the rule of refunds made late (commit 814f0bd).

// toldTwice is all the pages tell got twice of h's payment (the older
// rule's flags as lateTwice's Older cuts them, and this rule's May and
// Owed), and what the books owe; received is what the buyer holds
// (refunds made, settled another way).
func rev6Told(paid int64, h *refundHistory) (received, twice, owed int64) {
	refunds := h.own()
	l := lateTwiceOf(paid, refunds)
	for id, f := range olderRuleFlags(refunds) {
		if so, ok := l.Older[id]; ok {
			f.says = so
		}
		twice += f.says
	}
	twice += l.May + l.Owed
	for _, r := range refunds {
		if madeLate(r) || r.Status == "SUCCESS" {
			received += r.Amount
		}
		received += r.HandledAmount
	}
	return received, twice, booksOf(paid, refunds).owed()
}

// Finding 1. Antom making a refund late never changes what was meant,
// so what the pages imply was meant (received − told twice + owed) must
// be the same before and after. G ($5.00) fails at Antom; a new $1.00
// refund F is made after it, closed as failed by us; staff retry F as R,
// which fails at Antom too. The books owe $6.00 (G's $5.00, R's $1.00):
// meant $6.00, the buyer got nothing. Then Antom makes F late: the
// buyer got $1.00, and the books count F's $1.00 both as paying R's debt
// (a retry whose chain Antom made owes nothing) and as making G good in
// part (a new refund made after G failed): they owe $4.00 and nothing is
// told twice — $5.00 meant in all. Staff who refund what the books owe
// leave the buyer $1.00 short. The same with R still processing when F
// is made late and failing after (then while it processes nothing says
// "may"). Case (2) of TestLateTwiceAddsUpWithTheOlderRuleAndTheBooks (R
// made) keeps $6.00: only whether R was made decides it.
func TestRev6LateRefundPaysItsRetryAndAnotherFailure(t *testing.T) {
	for _, c := range []struct {
		name    string
		history func(h *refundHistory) (lateF func())
	}{
		{"R failed before F made late", func(h *refundHistory) func() {
			g := h.refund(500, 0)
			h.fail(g) // at Antom
			f := h.refund(100, 0)
			h.fail(f) // closed by us
			r := h.refund(100, f)
			h.fail(r) // at Antom
			return func() { h.late(f) }
		}},
		{"R processing when F made late, failed after", func(h *refundHistory) func() {
			g := h.refund(500, 0)
			h.fail(g)
			f := h.refund(100, 0)
			h.fail(f)
			r := h.refund(100, f)
			return func() { h.late(f); h.fail(r) }
		}},
	} {
		h := &refundHistory{}
		lateF := c.history(h)
		got0, twice0, owed0 := rev6Told(10_000, h)
		if c.name == "R failed before F made late" && got0-twice0+owed0 != 600 {
			t.Fatalf("%s: before: got %d, twice %d, owed %d: meant %d, want 600", c.name, got0, twice0, owed0, got0-twice0+owed0)
		}
		lateF()
		got, twice, owed := rev6Told(10_000, h)
		if got-twice+owed != 600 {
			t.Errorf("%s: after Antom made F late: the buyer got %d, told twice %d, the books owe %d: %d meant, want 600",
				c.name, got, twice, owed, got-twice+owed)
		}
	}
}

// rev6Waits: staff are refused settling or trying open failure id again
// until Antom answers for a refund processing (refuseWhileCovered): one
// covers part of it, or a retry whose chain Antom made takes what the
// cap would leave it.
func rev6Waits(paid int64, refunds []db.Refund, id int64) bool {
	owed := booksOf(paid, refunds).owedEach()[id]
	r := refunds[slices.IndexFunc(refunds, func(r db.Refund) bool { return r.ID == id })]
	_, covered := coveringPending(refunds, r, owed.Unmet)
	_, _, capped := cappedByLateRetry(refunds, r, owed)
	return covered || capped
}

// rev6Allotted is what the books owe of failure id of h (its allotment:
// refundsOwed's allotted), 0 if it is no failure.
func rev6Allotted(paid int64, refunds []db.Refund, id int64) int64 {
	return booksOf(paid, refunds).allotments()[id]
}

// Finding 1 at random: histories of new refunds, retries of open
// failures (for what the books owe of them), refunds made, failed at
// Antom, closed by us, settled another way (for what the books owe; a
// failure staff would be refused to settle or retry, rev6Waits, is not),
// and refunds we closed made late, with no refund processing when Antom
// makes one late: what the pages imply was meant (received − told twice
// + owed) is the same after as before, and never is anything owed below
// nothing nor more said of a refund than the older rule says.
// rev6Fuzz runs random histories of a payment that took paid (see
// TestRev6MadeLateKeepsWhatWasMeant), Antom refusing (failing) a refund
// that would take more than the payment has left at Antom (where refunds
// we closed that Antom will make late still count); skip leaves out a
// late refund for which it is true. It returns how many histories broke.
func rev6Fuzz(t *testing.T, paid int64, histories int, skip func(own []db.Refund, late db.Refund) bool) int {
	return rev6FuzzAll(t, paid, histories, skip, false)
}

// rev6FuzzAll is rev6Fuzz; every: also at each step after which no
// refund is processing, what the pages imply was meant is what it was
// at the last such step when no new refund (other than a retry) was made
// between, whatever happened (retries, made, failed, settled, late).
func rev6FuzzAll(t *testing.T, paid int64, histories int, skip func(own []db.Refund, late db.Refund) bool, every bool) int {
	bad := 0
	seeds := rev6Seeds
	if seeds == nil {
		for seed := range histories {
			seeds = append(seeds, seed)
		}
	}
	for _, seed := range seeds {
		meant, known, skipped := int64(0), true, false
		rng := rand.New(rand.NewPCG(uint64(seed), 6))
		h := &refundHistory{}
		var log []string
		ours := map[int64]bool{}    // closed by us, Antom will make it late
		antomHeld := func() int64 { // what Antom holds taken
			var n int64
			for _, r := range h.own() {
				if r.Status != db.RefundFail || ours[r.ID] {
					n += r.Amount
				}
			}
			return n
		}
		for range 14 {
			own := h.own()
			var processing, open, closed []int64
			var left int64 = paid
			for _, r := range own {
				switch {
				case r.Status == db.RefundProcessing:
					processing = append(processing, r.ID)
				case r.Status == db.RefundFail:
					if rev6Allotted(paid, own, r.ID) > 0 {
						open = append(open, r.ID)
					}
					if ours[r.ID] {
						closed = append(closed, r.ID)
					}
				}
				if r.Status != db.RefundFail {
					left -= r.Amount
				}
				left -= r.HandledAmount
			}
			pick := func(s []int64) int64 { return s[rng.IntN(len(s))] }
			switch k := rng.IntN(7); {
			case k == 0 || len(processing)+len(open)+len(closed) == 0:
				amount := 100 * int64(1+rng.IntN(5))
				if amount > left {
					continue
				}
				id := h.refund(amount, 0)
				known = false
				log = append(log, fmt.Sprintf("new %d (%d)", id, amount))
			case k == 1 && len(open) > 0 && !rev6NoSettle:
				f := pick(open)
				amount := rev6Allotted(paid, own, f)
				if amount > left || rev6Waits(paid, own, f) {
					continue
				}
				id := h.refund(amount, f)
				log = append(log, fmt.Sprintf("retry %d of %d (%d)", id, f, amount))
			case k == 2 && len(open) > 0 && !rev6NoSettle:
				f := pick(open)
				if rev6Waits(paid, own, f) {
					continue
				}
				a := rev6Allotted(paid, own, f)
				h.settled(f, a)
				log = append(log, fmt.Sprintf("settle %d (%d)", f, a))
			case k <= 4 && len(processing) > 0:
				id := pick(processing)
				switch rng.IntN(3) {
				case 0:
					if antomHeld() > paid { // Antom refused it
						h.fail(id)
						log = append(log, fmt.Sprintf("fail at Antom (over) %d", id))
					} else {
						h.made(id)
						log = append(log, fmt.Sprintf("made %d", id))
					}
				case 1:
					h.fail(id)
					log = append(log, fmt.Sprintf("fail at Antom %d", id))
				default:
					h.fail(id)
					ours[id] = antomHeld()+h.find(id).Amount <= paid
					log = append(log, fmt.Sprintf("closed by us %d", id))
				}
			case k == 5 && rev6Found && len(closed) > 0:
				id := pick(closed)
				if !ours[id] || !h.find(id).FoundProcessingAt.IsZero() {
					continue
				}
				h.found(id)
				log = append(log, fmt.Sprintf("found %d", id))
			case len(closed) > 0 && (len(processing) == 0 || rev6LateAnytime):
				id := pick(closed)
				if !ours[id] {
					continue // Antom never had it
				}
				got0, twice0, owed0 := rev6Told(paid, h)
				wasFound := !h.find(id).FoundProcessingAt.IsZero()
				most0 := twice0 + rev6IfFound(paid, h)
				h.late(id)
				delete(ours, id)
				log = append(log, fmt.Sprintf("late %d", id))
				if skip != nil && skip(h.own(), *h.find(id)) {
					skipped = true
					continue
				}
				if len(processing) > 0 || skipped {
					continue // checked at the next step without processing (every)
				}
				got, twice, owed := rev6Told(paid, h)
				if wasFound && twice > most0 {
					if bad++; bad <= rev6Print {
						t.Errorf("seed %d: %v: found processing, the pages said at most %d more twice if Antom made it; it did: %d twice", seed, log, most0, twice)
					}
				}
				if got-twice+owed != got0-twice0+owed0 || owed < 0 {
					if bad++; bad <= rev6Print {
						t.Errorf("seed %d: %v: before the last, got %d twice %d owed %d (meant %d); after, got %d twice %d owed %d (meant %d)",
							seed, log, got0, twice0, owed0, got0-twice0+owed0, got, twice, owed, got-twice+owed)
					}
				}
			}
			if every && !skipped && !slices.ContainsFunc(h.own(), func(r db.Refund) bool { return r.Status == db.RefundProcessing }) {
				got, twice, owed := rev6Told(paid, h)
				if known && got-twice+owed != meant {
					if bad++; bad <= rev6Print {
						t.Errorf("seed %d: %v: got %d twice %d owed %d: meant %d, was %d", seed, log, got, twice, owed, got-twice+owed, meant)
					}
					skipped = true
				}
				meant, known = got-twice+owed, true
			}
			if rev6CheckMay != nil && !skipped {
				if msg := rev6CheckMay(paid, h, ours); msg != "" {
					if bad++; bad <= rev6Print {
						t.Errorf("seed %d: %v: %s", seed, log, msg)
					}
					skipped = true
				}
			}
			l := lateTwiceOf(paid, h.own())
			older := olderRuleFlags(h.own())
			for id, so := range l.Older {
				if so < 0 || so > older[id].says {
					t.Errorf("seed %d: %v: Older of %d is %d, the older rule says %d", seed, log, id, so, older[id].says)
				}
			}
		}
	}
	return bad
}

// rev6CheckMay, when set, checks each step's page against what
// happens next (ours: refunds closed by us Antom will make late).
var rev6CheckMay func(paid int64, h *refundHistory, ours map[int64]bool) string

// rev6LateAnytime: Antom makes refunds late while others are processing
// too (then checked by rev6FuzzAll's every only).
var rev6LateAnytime = false

// rev6Seeds, when set, are the histories rev6FuzzAll runs (its seeds)
// rather than the first histories.
var rev6Seeds []int

// rev6Print: how many broken histories a run prints.
var rev6Print = 3

// rev6NoSettle: no retries nor settlements (finding 4 left out).
var rev6NoSettle = false

// rev6Found: Antom is found processing refunds we closed (that it
// makes late after).
var rev6Found = false

// rev6IfFound is what the pages say the buyer gets twice more if Antom
// makes the refunds it was found processing: lateTwice's IfFound and the
// older rule's found-twice flags (db's refundFoundTwice, as lateTwiceOf
// reads it).
func rev6IfFound(paid int64, h *refundHistory) int64 {
	own := h.own()
	l := lateTwiceOf(paid, own)
	made := slices.Clone(own)
	for i, r := range made {
		if r.Status == db.RefundFail && !r.FoundProcessingAt.IsZero() {
			made[i].Status = db.RefundSuccess
		}
	}
	now := olderRuleFlags(own)
	n := l.IfFound
	for id, f := range olderRuleFlags(made) {
		r := own[slices.IndexFunc(own, func(r db.Refund) bool { return r.ID == id })]
		if _, ok := now[id]; ok || r.Status == db.RefundFail && !r.FoundProcessingAt.IsZero() && r.HandledAt.IsZero() {
			continue
		}
		n += f.says
	}
	return n
}

// createdAfterAFailure: late is a new refund (no retry) made after
// another of own failed (finding 1's case).
func createdAfterAFailure(own []db.Refund, late db.Refund) bool {
	for _, r := range own {
		if r.ID < late.ID && r.Status == db.RefundFail && r.FailMark < late.ID && late.RetryOf == 0 {
			return true
		}
	}
	return false
}

func TestRev6MadeLateKeepsWhatWasMeant(t *testing.T) {
	if bad := rev6Fuzz(t, 100_000, 3000, nil); bad > 0 {
		t.Errorf("%d histories where Antom making a refund late changed what the pages imply was meant", bad)
	}
}

// Finding 2: the same where the payment's cap is reached (it took
// $10.00; Antom refuses what would take more), finding 1's case left
// out.
func TestRev6MadeLateKeepsWhatWasMeantAtTheCap(t *testing.T) {
	if bad := rev6Fuzz(t, 1_000, 3000, createdAfterAFailure); bad > 0 {
		t.Errorf("%d histories where Antom making a refund late changed what the pages imply was meant", bad)
	}
}

// Finding 3. What the older rule says is cut (lateTwice's Older) with
// the refunds still processing failed, and said as sure, with no "may":
// where the cap is reached only if they fail. The payment took $10.00;
// F ($5.00) closed by us, settled another way for its $5.00; a new
// $3.00 refund N, still processing; Antom makes F late (it held F, so N
// fits: $8.00). The order page says "Antom made this refund after it was
// settled another way: the buyer got $2.00 more than was meant", nothing
// "may": true only if N fails (the buyer then has $10.00 of $8.00 meant,
// and N is owed nothing). If Antom makes N the buyer has $13.00 of $8.00
// meant: $5.00 more, which the page says only once N is made. Staff who
// ask the buyer for the $2.00 back while N processes are told nothing of
// the $3.00 that may follow.
func TestRev6OlderCutSaysNoMayWhileARefundProcesses(t *testing.T) {
	h := &refundHistory{}
	f := h.refund(500, 0)
	h.fail(f) // closed by us
	h.settled(f, 500)
	n := h.refund(300, 0)
	h.late(f)
	l := lateTwiceOf(1_000, h.own())
	older := olderRuleFlags(h.own())[f].says
	if so, ok := l.Older[f]; ok {
		older = so
	}
	if most := older + l.May + l.Owed + l.IfFound; most < 500 {
		t.Errorf("N processing: the pages say at most %d twice (F's %d, may %d, owed %d); if Antom makes N the buyer got 500 twice", most, older, l.May, l.Owed)
	}
	h.made(n)
	if _, twice, _ := rev6Told(1_000, h); twice != 500 {
		t.Errorf("N made: told %d twice, want 500", twice)
	}
}

// rev6OwingBefore: late is a new refund made after another failure still
// owed failed (finding 1's case).
func rev6OwingBefore(own []db.Refund, late db.Refund) bool {
	owing := owingNow(own)
	for _, r := range own {
		if r.ID < late.ID && owing(r) && r.FailMark < late.ID && late.RetryOf == 0 {
			return true
		}
	}
	return false
}

// rev6MayCheck: where a refund is processing, what the pages say surely
// (lateTwice's Got, the older rule's flags on refunds not processing as
// Older cuts them) is no more than the buyer gets twice whether Antom
// makes what is processing (as far as what it holds allows) or fails it;
// what they say at most (with May, Owed and flags on processing refunds)
// no less; and where the two differ something says "may".
func rev6MayCheck(paid int64, h *refundHistory, ours map[int64]bool) string {
	own := h.own()
	if !slices.ContainsFunc(own, func(r db.Refund) bool { return r.Status == db.RefundProcessing }) {
		return ""
	}
	l := lateTwiceOf(paid, own)
	older := olderRuleFlags(own)
	var sure, may int64
	mayWords := l.mayBe()
	for _, r := range own {
		f, ok := older[r.ID]
		if !ok {
			continue
		}
		if so, ok := l.Older[r.ID]; ok {
			f.says = so
		}
		if r.Status == db.RefundProcessing {
			may += f.says
			if f.says > 0 {
				mayWords = true
			}
		} else {
			sure += f.says
			may += f.says
		}
	}
	sure += l.Got
	may += l.May + l.Owed
	world := func(made bool) (got, twice, owed int64) {
		w := &refundHistory{refunds: slices.Clone(h.refunds), seq: h.seq, clock: h.clock}
		var held int64
		for _, r := range w.own() {
			if r.Status == db.RefundSuccess || ours[r.ID] {
				held += r.Amount
			}
		}
		for _, r := range w.own() {
			if r.Status != db.RefundProcessing {
				continue
			}
			if made && held+r.Amount <= paid {
				w.made(r.ID)
				held += r.Amount
			} else {
				w.fail(r.ID)
			}
		}
		return rev6Told(paid, w)
	}
	_, tm, _ := world(true)
	_, tf, _ := world(false)
	switch {
	case sure > min(tm, tf):
		return fmt.Sprintf("the page says surely %d twice; made %d, failed %d", sure, tm, tf)
	case tm != tf && !mayWords:
		return fmt.Sprintf("no may wording (Got %d May %d Owed %d Older %v); made %d twice, failed %d", l.Got, l.May, l.Owed, l.Older, tm, tf)
	case may < max(tm, tf):
		return fmt.Sprintf("the page says at most %d twice; made %d, failed %d", may, tm, tf)
	}
	return ""
}

// Finding 3 at random: the payment's cap reached ($10.00), Antom
// making refunds late while others process.
func TestRev6MayWordingAtTheCap(t *testing.T) {
	rev6LateAnytime, rev6CheckMay = true, rev6MayCheck
	defer func() { rev6LateAnytime, rev6CheckMay = false, nil }()
	if bad := rev6FuzzAll(t, 1_000, 3000, rev6OwingBefore, true); bad > 0 {
		t.Errorf("%d histories where the pages say less than may be, or as sure what is not", bad)
	}
}

// What held: without the cap (the payment took $1,000.00), finding 1's
// case left out, what the pages imply was meant stays through every step
// (refunds made late while others process too), and what they say
// surely and at most holds whichever way what is processing ends.
func TestRev6HeldWithoutTheCap(t *testing.T) {
	rev6LateAnytime, rev6CheckMay = true, rev6MayCheck
	defer func() { rev6LateAnytime, rev6CheckMay = false, nil }()
	if bad := rev6FuzzAll(t, 100_000, 3000, rev6OwingBefore, true); bad > 0 {
		t.Errorf("%d histories broke", bad)
	}
}

// Finding 4 (the books, no refund made late; both ways fail): a failure
// a new refund made good in part, then tried again or settled another way for what
// the books still owe of it, frees that new refund to make good another
// failure too. G1 and G2 ($5.00 each) failed; a new $2.00 refund N made
// (taken off G1, oldest first): owed $8.00, got $2.00, $10.00 meant. G1
// tried again for its $3.00 (made), or settled another way for it: the
// buyer has $5.00, and the books owe $3.00 of G2 (N taken off it too),
// not $5.00.
func TestRev6BooksTryingAgainFreesTheRefundThatMadeItGood(t *testing.T) {
	for _, settle := range []bool{false, true} {
		h := &refundHistory{}
		g1, g2 := h.refund(500, 0), h.refund(500, 0)
		h.fail(g1)
		h.fail(g2)
		h.made(h.refund(200, 0))
		if got, owed := rev6Allotted(10_000, h.own(), g1), booksOf(10_000, h.own()).owed(); got != 300 || owed != 800 {
			t.Fatalf("before: G1 owed %d, all %d; want 300, 800", got, owed)
		}
		if settle {
			h.settled(g1, 300)
		} else {
			h.made(h.refund(300, g1))
		}
		if owed := booksOf(10_000, h.own()).owed(); owed != 500 {
			t.Errorf("G1 settled another way %v (else tried again, made) for its 300: the books owe %d, want G2's 500", settle, owed)
		}
	}
}

// What held too: without the cap, Antom found processing refunds we
// closed (then making them late): what the pages said the buyer gets
// twice more if Antom makes them was at least what it then got.
func TestRev6HeldWithRefundsFoundProcessing(t *testing.T) {
	rev6LateAnytime, rev6Found, rev6CheckMay = true, true, rev6MayCheck
	defer func() { rev6LateAnytime, rev6Found, rev6CheckMay = false, false, nil }()
	if bad := rev6FuzzAll(t, 100_000, 3000, rev6OwingBefore, true); bad > 0 {
		t.Errorf("%d histories broke", bad)
	}
}

// rev6's low finding: moments are ordered by late_mark first, so that
// instances' clocks set apart cannot put a later moment (a higher mark)
// before an earlier one.
func TestRev6MomentsOrderByMarkFirst(t *testing.T) {
	at := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	earlier, later := lateMoment{mark: 5, at: at.Add(time.Second)}, lateMoment{mark: 7, at: at}
	if earlier.compare(later) >= 0 || later.compare(earlier) <= 0 {
		t.Errorf("mark 5 (a clock a second ahead) against mark 7: %d, %d; want mark 5 first", earlier.compare(later), later.compare(earlier))
	}
	if a, b := (lateMoment{mark: 7, at: at}), (lateMoment{mark: 7, at: at.Add(time.Second)}); a.compare(b) >= 0 {
		t.Errorf("one mark: by time")
	}
}

// Finding 5. The cap counts a retry still processing whose original
// Antom made late, and forgot what it cut. The payment took $10.00;
// N ($5.00) fails at Antom; F ($4.00) closed by us: owed $9.00, meant
// $9.00. Staff try F again (R, $4.00, processing); Antom makes F late:
// what may still be refunded is $2.00 (F and R taken), so the books owe
// N $2.00. Settled another way (or tried again) for that $2.00, N kept
// nothing of the rest: (a) Antom fails R: the buyer had $6.00 of $9.00
// meant and the books owed nothing; (b) R closed by us and made late:
// the buyer had $10.00, $1.00 more than meant, and the pages said R's
// $4.00 was paid twice. So while R processes, settling or trying N again
// is refused (cappedByLateRetry names R, and F as the refund Antom
// made); once Antom answers for R, N is settled for what the books owe
// of it then — (a) $5.00; (b) $5.00, and when Antom makes R late after
// the pages say its $4.00 paid twice; (c) Antom makes R: $2.00, F's
// $1.00 over what was meant told twice — and what the pages imply was
// meant is $9.00.
func TestRev6CapCutByALateRetryWaits(t *testing.T) {
	for _, c := range []struct {
		name string
		// answer: how R ends, after which N is settled; after: what
		// Antom does then (nil: nothing).
		answer, after func(h *refundHistory, r int64)
		owed          int64 // of N once R ended
		got, twice    int64
	}{
		{"(a) R fails at Antom", func(h *refundHistory, r int64) { h.fail(r) }, nil, 500, 900, 0},
		{"(b) R closed by us, made late", func(h *refundHistory, r int64) { h.fail(r) }, func(h *refundHistory, r int64) { h.late(r) }, 500, 1_300, 400},
		{"(c) R made", func(h *refundHistory, r int64) { h.made(r) }, nil, 200, 1_000, 100},
	} {
		h := &refundHistory{}
		n := h.refund(500, 0)
		f := h.refund(400, 0)
		h.fail(n) // at Antom
		h.fail(f) // closed by us
		r := h.refund(400, f)
		h.late(f)
		owed := booksOf(1_000, h.own()).owedEach()[n]
		if owed != (db.RefundOwed{Owed: 200, Unmet: 500}) {
			t.Fatalf("%s: N owed %+v, want 200 of 500 (the cap)", c.name, owed)
		}
		retry, made, ok := cappedByLateRetry(h.own(), *h.find(n), owed)
		if !ok || retry.ID != r || made.ID != f {
			t.Fatalf("%s: R processing: N waits for %d (made %d) %v; want R %d (F %d)", c.name, retry.ID, made.ID, ok, r, f)
		}
		c.answer(h, r)
		owed = booksOf(1_000, h.own()).owedEach()[n]
		if _, _, ok := cappedByLateRetry(h.own(), *h.find(n), owed); ok || owed.Owed != c.owed {
			t.Fatalf("%s: R ended: N owed %d, waits %v; want %d, no wait", c.name, owed.Owed, ok, c.owed)
		}
		h.settled(n, owed.Owed)
		if c.after != nil {
			c.after(h, r)
		}
		got, twice, left := rev6Told(1_000, h)
		if got != c.got || twice != c.twice || got-twice+left != 900 {
			t.Errorf("%s: the buyer got %d, told twice %d, the books owe %d: %d meant; want got %d, twice %d, 900 meant",
				c.name, got, twice, left, got-twice+left, c.got, c.twice)
		}
	}
}
