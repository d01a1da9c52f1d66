package checkout

import (
	"testing"

	"antom-checkout/db"
)

// A review of the rule of refunds made late: histories where what it
// says is not what the buyer got. Each case says what is true.

// other: a refund of another payment (refund ids, and so late_mark, are
// the table's).
func (h *refundHistory) other() {
	h.refunds = append(h.refunds, db.Refund{ID: int64(len(h.refunds) + 1), AttemptID: 99, Amount: 100, Status: db.RefundSuccess})
}

// own: this payment's refunds (not other's).
func (h *refundHistory) own() []db.Refund {
	var out []db.Refund
	for _, r := range h.refunds {
		if r.AttemptID == 0 {
			out = append(out, r)
		}
	}
	return out
}

type lateWant struct{ got, may, owed, ifFound int64 }

func checkLate(t *testing.T, name string, paid int64, h *refundHistory, want lateWant) {
	t.Helper()
	l := lateTwiceOf(paid, h.own())
	if (lateWant{l.Got, l.May, l.Owed, l.IfFound}) != want {
		t.Errorf("%s: got %d, may %d, owed %d, if found %d; want %+v", name, l.Got, l.May, l.Owed, l.IfFound, want)
	}
}

// lateOwedBase: $10.00 closed by us (F); a new $4.00 refund counted
// towards it, and a retry of F for the $6.00 left; both closed by us;
// then Antom makes F late. Buyer got $10.00, meant $10.00; the books
// still owe N's $4.00 (the rule rightly says "owed $4.00 that the refund
// paid: do not refund it again").
func lateOwedBase() (h *refundHistory, n int64) {
	h = &refundHistory{}
	f := h.refund(1_000, 0)
	h.fail(f)
	n = h.refund(400, 0)
	r := h.refund(600, f)
	h.fail(n)
	h.fail(r)
	h.late(f)
	return h, n
}

// Finding 2. What the books still owe that a late refund paid is never
// read again after that moment: once it is paid after all (a new refund
// made after, a retry of N, or Antom making N late at a later moment),
// the buyer got $4.00 twice, yet the rule still says the books count
// $4.00 owed (they count none) and nothing twice. Whether Antom making N
// late is seen depends on whether any other payment's refund was made
// between (late_mark is the table's highest id).
func TestLateTwiceOwedExtraPaidLater(t *testing.T) {
	h, _ := lateOwedBase()
	checkLate(t, "at the late success", 10_000, h, lateWant{owed: 400})

	h, _ = lateOwedBase()
	h.made(h.refund(400, 0))
	checkLate(t, "a new $4.00 refund made after", 10_000, h, lateWant{got: 400, may: 400})

	h, n := lateOwedBase()
	h.made(h.refund(400, n))
	checkLate(t, "N retried and made after", 10_000, h, lateWant{got: 400, may: 400})

	h, n = lateOwedBase()
	h.late(n)
	checkLate(t, "N made late, no refund between", 10_000, h, lateWant{got: 400, may: 400})

	h, n = lateOwedBase()
	h.other()
	h.late(n)
	checkLate(t, "N made late, another payment's refund between", 10_000, h, lateWant{got: 400, may: 400})

	h, n = lateOwedBase()
	h.found(n)
	checkLate(t, "N found processing", 10_000, h, lateWant{owed: 400, ifFound: 400})
}

// Finding 3. A refund we closed (F, $1.00) whose debt was paid already
// another way — retried and the retry made, or settled another way —
// then made late by Antom, beside a failure truly owed (G, $5.00, failed
// at Antom): the buyer got F's $1.00 twice, which the older rule says,
// and G's $5.00 is owed, nothing paid it. (a) F made before G failed:
// the books owe G's $5.00, but this rule adds "the books still count
// $1.00 owed that that refund paid: do not refund it again" — false, and
// the same $1.00 told by both rules (the list: "may be made twice" beside
// "made twice"; the dashboard counts it in both). (b) F made after G
// failed: the books take F's late $1.00 as making G good (owe $4.00)
// while the older rule said the buyer got it twice: staff who got the
// $1.00 back and refunded what the books owe left the buyer $1.00 short
// (TestLateTwiceAddsUpWithTheOlderRuleAndTheBooks: the older rule's is
// now cut to nothing, lateTwice's Older).
func TestLateTwiceOwedBesideTheOlderRule(t *testing.T) {
	olderSays := func(h *refundHistory) (n int64) {
		for _, f := range olderRuleFlags(h.own()) {
			n += f.says
		}
		return n
	}
	for _, c := range []struct {
		name    string
		history func(h *refundHistory)
	}{
		{"(a) retried, the retry made, then made late", func(h *refundHistory) {
			f, g := h.refund(100, 0), h.refund(500, 0)
			h.fail(f) // closed by us
			h.fail(g) // failed at Antom: truly owed
			h.made(h.refund(100, f))
			h.late(f)
		}},
		{"(a) settled another way, then made late", func(h *refundHistory) {
			f, g := h.refund(100, 0), h.refund(500, 0)
			h.fail(f)
			h.fail(g)
			h.settled(f, 100)
			h.late(f)
		}},
	} {
		h := &refundHistory{}
		c.history(h)
		l := lateTwiceOf(10_000, h.own())
		owed := booksOf(10_000, h.own()).owed()
		// Told in all: what the older rule says, what this rule says, and
		// what the books owe less than G's $5.00.
		told := olderSays(h) + l.May + l.Owed + (500 - owed)
		if told != 100 {
			t.Errorf("%s: the older rule says %d, this rule may %d owed %d, the books owe %d of G's 500: %d told in all, want 100",
				c.name, olderSays(h), l.May, l.Owed, owed, told)
		}
	}
}

// What was paid twice stays paid twice when a refund made later fails:
// lateOwedBase, then a new $4.00 refund made (the books count it making
// N good: the buyer got $4.00 twice); then a new $4.00 refund for
// something else fails at Antom. The buyer still got $4.00 twice and is
// owed the new failure's $4.00, which the late refund never paid (read
// against the books' whole owed, it turned back into "owed extra").
func TestLateTwiceGotStaysWhenALaterRefundFails(t *testing.T) {
	h, _ := lateOwedBase()
	h.made(h.refund(400, 0))
	checkLate(t, "a new $4.00 refund made after", 10_000, h, lateWant{got: 400, may: 400})
	h.fail(h.refund(400, 0)) // at Antom
	checkLate(t, "then an unrelated new refund failed at Antom", 10_000, h, lateWant{got: 400, may: 400})
	h, _ = lateOwedBase()
	m := h.refund(400, 0)
	h.fail(m)
	checkLate(t, "the new $4.00 refund failed", 10_000, h, lateWant{owed: 400})
}

// Findings of a second review. What staff are told adds up to the truth:
// what the buyer got, less all told got twice (the older rule's, as
// lateTwice's Older says it, and this rule's May and Owed), plus what the
// books owe, is what was meant. (1, HIGH) Where the payment's cap is
// reached, a retried refund made late: the cap took F's late money off
// G's debt, so the older rule's "R paid twice" is so only as far as the
// buyer got more than was meant. (2) A refund (F) made after another
// failed (G), whose own debt a retry or a settlement paid, then made
// late: since rev6's finding 1 a refund made late pays only its own
// chain's debt (makingNow), so the books still owe G and the older
// rule's "paid twice" of F's retry or settlement is so. A refund settled another way
// and made late where the cap is reached is (1) too: the cap counts its
// settlement and its refund, and nothing was paid twice.
func TestLateTwiceAddsUpWithTheOlderRuleAndTheBooks(t *testing.T) {
	for _, c := range []struct {
		name                string
		paid, got, meant    int64
		history             func(h *refundHistory)
		wantTwice, wantOwed int64
	}{
		{"(1) the cap reached: G asks all the payment had left", 1_000, 1_000, 1_000, func(h *refundHistory) {
			f, g := h.refund(500, 0), h.refund(500, 0)
			h.fail(f) // closed by us
			h.fail(g) // failed at Antom
			h.made(h.refund(500, f))
			h.late(f)
		}, 0, 0},
		{"(1) the cap reached: G asks $2.00 less", 1_000, 1_000, 800, func(h *refundHistory) {
			f, g := h.refund(500, 0), h.refund(300, 0)
			h.fail(f)
			h.fail(g)
			h.made(h.refund(500, f))
			h.late(f)
		}, 200, 0},
		{"(1) the cap reached, settled another way", 1_000, 1_000, 1_000, func(h *refundHistory) {
			f, g := h.refund(500, 0), h.refund(500, 0)
			h.fail(f)
			h.fail(g)
			h.settled(f, 500)
			h.late(f)
		}, 0, 0},
		{"(1) the cap reached, the retry still processing (got: if Antom makes it)", 1_000, 1_000, 1_000, func(h *refundHistory) {
			f, g := h.refund(500, 0), h.refund(500, 0)
			h.fail(f)
			h.fail(g)
			h.refund(500, f)
			h.late(f)
		}, 0, 0},
		{"(2) F made after G failed, retried, the retry made, then made late", 10_000, 200, 600, func(h *refundHistory) {
			g := h.refund(500, 0)
			h.fail(g) // at Antom
			f := h.refund(100, 0)
			h.fail(f) // closed by us
			h.made(h.refund(100, f))
			h.late(f)
		}, 100, 500},
		{"(2) F made after G failed, settled another way, then made late", 10_000, 200, 600, func(h *refundHistory) {
			g := h.refund(500, 0)
			h.fail(g)
			f := h.refund(100, 0)
			h.fail(f)
			h.settled(f, 100)
			h.late(f)
		}, 100, 500},
	} {
		h := &refundHistory{}
		c.history(h)
		l := lateTwiceOf(c.paid, h.own())
		var older int64
		for id, f := range olderRuleFlags(h.own()) {
			if so, ok := l.Older[id]; ok {
				f.says = so
			}
			older += f.says
		}
		twice, owed := older+l.May+l.Owed, booksOf(c.paid, h.own()).owed()
		if twice != c.wantTwice || owed != c.wantOwed || c.got-twice+owed != c.meant {
			t.Errorf("%s: told got twice %d (the older rule %d, this rule may %d, owed %d), the books owe %d; want %d twice, %d owed (got %d, meant %d)",
				c.name, twice, older, l.May, l.Owed, owed, c.wantTwice, c.wantOwed, c.got, c.meant)
		}
	}
}
