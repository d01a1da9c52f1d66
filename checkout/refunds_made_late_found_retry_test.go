package checkout

import "testing"

// A refund and its retry both found processing beside another failure
// (rev6FuzzAll's seed 13095, the payment took $10.00): F ($3.00) closed
// by us, tried again as R ($3.00); a new $2.00 refund N; R closed by us;
// Antom found processing both; N fails at Antom; Antom makes F late. If
// Antom makes R too, the buyer gets R's $3.00 twice (F paid the chain's
// debt): $1.00 beyond N's $2.00 the books still owe, and those $2.00,
// which R's money covers (staff who refund N again pay it twice). The
// pages said at most $1.00 more if Antom makes R (lateTwice's IfFound
// left out what the books would count owed that R paid); then $3.00.
func TestFoundRetryBesideAnotherFailureSaysAllItGivesTwice(t *testing.T) {
	h := &refundHistory{}
	f := h.refund(300, 0)
	h.fail(f)
	r := h.refund(300, f)
	n := h.refund(200, 0)
	h.fail(r)
	h.found(f)
	h.found(r)
	h.fail(n) // at Antom
	h.late(f)
	_, twice0, _ := rev6Told(1_000, h)
	most := twice0 + rev6IfFound(1_000, h)
	h.late(r)
	if _, twice, _ := rev6Told(1_000, h); twice != 300 || most < twice {
		t.Errorf("R found processing: the pages said at most %d more twice (%d now) if Antom made it; it did: %d twice, want 300", most-twice0, twice0, twice)
	}
	defer func() { rev6LateAnytime, rev6Found, rev6CheckMay, rev6Seeds = false, false, nil, nil }()
	rev6LateAnytime, rev6Found, rev6CheckMay, rev6Seeds = true, true, rev6MayCheck, []int{13095}
	if bad := rev6FuzzAll(t, 1_000, 0, rev6OwingBefore, true); bad > 0 {
		t.Errorf("seed 13095: %d", bad)
	}
}
