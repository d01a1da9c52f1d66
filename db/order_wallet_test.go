package db_test

import (
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

func TestOrderAndWallet(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		buyer := newBuyer(t, d, "ann@example.com")
		guest := newGuestOrder(t, d, "ORD-GUEST", "K1", "USD", 1850)
		owned := newOrder(t, d, "ORD-OWNED", buyer, "USD", 725)
		wid := newWallet(t, d, buyer, "hash-1")
		wallet, err := d.WalletByID(ctx, wid)
		check(t, err)

		o, w, err := d.OrderAndWallet(ctx, "ORD-OWNED", wid)
		check(t, err)
		eq(t, o, owned, "the order")
		eq(t, w, wallet, "the wallet, as WalletByID reads it")

		o, w, err = d.OrderAndWallet(ctx, "ORD-GUEST", wid+100)
		check(t, err)
		eq(t, o, guest, "a guest's order (its key) with no such wallet")
		eq(t, w, db.Wallet{}, "no such wallet: the zero Wallet")

		_, _, err = d.OrderAndWallet(ctx, "ORD-NONE", wid)
		is(t, err, db.ErrNotFound, "no such order, the wallet there")
		_, _, err = d.OrderAndWallet(ctx, "ORD-\x00", wid)
		is(t, err, db.ErrNotFound, "a ref that is not text")
	})
}
