package db_test

import (
	"context"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A signed-in buyer's page reads the buyer, its wallets and its cards by
// index, each a read of microseconds: as the session's and the order's
// lookups, they do not watch the request's cancellation (which cost two
// goroutines a query), so a request cancelled as they run still reads
// them whole.
func TestBuyerLookupsIgnoreCancellation(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		id := newBuyer(t, d, "lookups@example.com")
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		b, err := d.BuyerByID(cancelled, id)
		check(t, err)
		eq(t, b.ID, id, "buyer read under a cancelled request")
		_, err = d.BuyerWallets(cancelled, id, db.WalletStatuses()...)
		check(t, err)
		_, err = d.BuyerCards(cancelled, id, db.CardActive)
		check(t, err)
	})
}
