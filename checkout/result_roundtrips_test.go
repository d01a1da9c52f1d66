package checkout

import (
	"context"
	"testing"

	"antom-checkout/db/dbtest"
)

// resultPageRoundTrips is at most how many round trips to PostgreSQL a
// paid order's result page takes (OrderResult's snapshot): the order and
// its attempt with the snapshot's BEGIN, then what needs only those two
// with the COMMIT (resultReads.readPaid). It was 7 for the order below
// when its reads went one after another.
const resultPageRoundTrips = 2

// The buyer's page of a paid order on PostgreSQL sends its reads beside
// the order together: an order of a signed-up buyer paid with a linked
// wallet, with a refund asked for, is read in resultPageRoundTrips
// round trips, counted through a proxy — and shows what its reads found.
func TestResultPageRoundTrips(t *testing.T) {
	ctx := context.Background()
	d, p := dbtest.OpenCounted(t)
	s := NewService(Deps{DB: d})
	ref := paidWalletOrder(t, s, d)
	row, err := d.OrderByRef(ctx, ref)
	check(t, err)

	read := func() Result {
		t.Helper()
		r, err := s.OrderResult(ctx, Viewer{BuyerID: row.BuyerID}, ref)
		check(t, err)
		return r
	}
	read() // the product, and the connection's prepared statements
	for range 3 {
		before := p.RoundTrips()
		r := read()
		n := p.RoundTrips() - before
		t.Logf("result page: %d round trips", n)
		if n > resultPageRoundTrips {
			t.Errorf("the result page took %d round trips to PostgreSQL, want at most %d", n, resultPageRoundTrips)
		}
		assertEqual(t, r.State, ResultPaid, "state")
		assertEqual(t, r.Payment.WalletName, "GCash rt-user", "the payment's wallet")
		assertEqual(t, r.Charged, Money{"USD", row.Amount}, "charged")
		assertEqual(t, r.RefundConfirming, Money{"USD", 100}, "refund asked, not confirmed by Antom yet")
		assertEqual(t, r.Refunded, Money{"USD", 0}, "refunded")
		assertEqual(t, len(r.GivenBack), 0, "payments given back")
	}
}
