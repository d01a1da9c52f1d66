package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// gcash is an ACTIVE GCash wallet of login for buyer, linked at.
func gcash(buyer int64, login, tokenHash string, at time.Time) db.Wallet {
	return db.Wallet{BuyerID: buyer, Wallet: "GCASH", UserLoginID: login, AccessTokenSealed: []byte("sealed"),
		AccessTokenHash: tokenHash, Status: db.WalletActive, LinkedAt: at}
}

// The same account linked again replaces the older link: it leaves
// checkout REVOKING, its revoke due at once, naming the new wallet. Other
// accounts, other wallets, other buyers and a wallet without a login stay.
// Inserting a second ACTIVE wallet of the account as it is is refused.
func TestInsertWalletReplacing(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		ann, bob := newBuyer(t, d, "ann@example.com"), newBuyer(t, d, "bob@example.com")
		first, err := d.InsertWallet(ctx, gcash(ann, "0998****567", "h1", t0))
		check(t, err)
		other, err := d.InsertWallet(ctx, gcash(ann, "0917****123", "h2", t0))
		check(t, err)
		bobs, err := d.InsertWallet(ctx, gcash(bob, "0998****567", "h3", t0))
		check(t, err)
		dana := gcash(ann, "0998****567", "h4", t0)
		dana.Wallet = "DANA"
		danas, err := d.InsertWallet(ctx, dana)
		check(t, err)
		_, err = d.InsertWallet(ctx, gcash(ann, "0998****567", "h5", t0))
		is(t, err, db.ErrDuplicate, "a second ACTIVE wallet of the account, inserted as it is")
		noLogin, err := d.InsertWallet(ctx, gcash(ann, "", "h6", t0))
		check(t, err)

		t1 := t0.Add(time.Minute)
		var again int64
		var replaced []int64
		check(t, d.Tx(ctx, func(q *db.Queries) error {
			var err error
			again, replaced, err = q.InsertWalletReplacing(ctx, gcash(ann, "0998****567", "h7", t1))
			return err
		}))
		eq(t, replaced, []int64{first}, "replaced")
		old, err := d.WalletByID(ctx, first)
		check(t, err)
		eq(t, [3]any{old.Status, old.ReplacedBy, old.RevokeNextAt}, [3]any{db.WalletRevoking, again, t1}, "the older link")
		due, err := d.WalletsToRevoke(ctx, t1)
		check(t, err)
		eq(t, len(due), 1, "revokes due")
		active, err := d.BuyerWallets(ctx, ann, db.WalletActive)
		check(t, err)
		var ids []int64
		for _, w := range active {
			ids = append(ids, w.ID)
		}
		eq(t, ids, []int64{again, noLogin, danas, other}, "ann's active wallets, newest first")
		for id, want := range map[int64]bool{again: true, first: false, bobs: false} {
			got, err := d.WalletReplaced(ctx, id)
			check(t, err)
			eq(t, got, want, "replaced an older link")
		}

		// Without a login, nothing is replaced.
		check(t, d.Tx(ctx, func(q *db.Queries) error {
			_, replaced, err = q.InsertWalletReplacing(ctx, gcash(ann, "", "h8", t1))
			return err
		}))
		eq(t, len(replaced), 0, "replaced without a login")
	})
}

// Migration 39 settles wallets linked twice before it: the newest of an
// account stays, the others are revoked (due at once), naming it.
func TestMigration39RevokesWalletsLinkedTwice(t *testing.T) {
	for _, b := range backends {
		t.Run(string(b), func(t *testing.T) {
			source := dbtest.Source(t, b)
			old, err := db.OpenAt(ctx, source, 38)
			check(t, err)
			buyer := newBuyer(t, old, "twice@example.com")
			for _, w := range []struct{ login, hash string }{{"0998****567", "a"}, {"0998****567", "b"}, {"0917****123", "c"}, {"0998****567", "d"}} {
				_, err := old.Raw().ExecContext(ctx, `INSERT INTO wallets (buyer_id, wallet, user_login_id, access_token_hash,
					status, linked_at, updated_at) VALUES (?, 'GCASH', ?, ?, 'ACTIVE', ?, ?)`, buyer, w.login, w.hash, t0, t0)
				check(t, err)
			}
			check(t, old.Close())

			d, err := db.Open(ctx, source)
			check(t, err)
			defer d.Close()
			ws, err := d.BuyerWallets(ctx, buyer, db.WalletActive, db.WalletRevoking)
			check(t, err)
			var got [][3]any
			for _, w := range ws {
				got = append(got, [3]any{w.AccessTokenHash, w.Status, w.ReplacedBy})
			}
			newest := ws[0].ID
			eq(t, got, [][3]any{{"d", db.WalletActive, int64(0)}, {"c", db.WalletActive, int64(0)},
				{"b", db.WalletRevoking, newest}, {"a", db.WalletRevoking, newest}}, "wallets after migration 39")
			due, err := d.WalletsToRevoke(ctx, t0)
			check(t, err)
			eq(t, len(due), 2, "revokes due")
		})
	}
}
