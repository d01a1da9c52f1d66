package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A SUPERSEDED attempt still takes its authCode within its time, once
// (the buyer agreed to the code they had already scanned); past its time
// it does not. An earlier attempt's link ends the buyer's later PENDING
// attempts for the same wallet, and only theirs, pointing them at the
// wallet.
func TestSupersededLinkAttempts(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		buyer := newBuyer(t, d, "ann@example.com")
		other := newBuyer(t, d, "bob@example.com")
		insert := func(state string, buyer int64, wallet string, expires time.Time) int64 {
			t.Helper()
			id, err := d.InsertLinkAttempt(ctx, db.LinkAttempt{AuthState: state, BuyerID: buyer, Wallet: wallet,
				Status: db.LinkPending, CreatedAt: t0, ExpiresAt: expires, TerminalType: "WEB"})
			check(t, err)
			return id
		}
		t1 := t0.Add(time.Minute)
		insert("S-BEFORE", buyer, "GCASH", t0.Add(15*time.Minute))
		replaced := insert("S-REPLACED", buyer, "GCASH", t0.Add(15*time.Minute))
		changed, err := d.EndPendingLink(ctx, replaced, db.LinkSuperseded, t1)
		ok(t, changed, err, true, "supersede")
		late := insert("S-LATE", buyer, "GCASH", t1)
		changed, err = d.EndPendingLink(ctx, late, db.LinkSuperseded, t0)
		ok(t, changed, err, true, "supersede the late one")
		declined := insert("S-DECLINED", buyer, "GCASH", t0.Add(15*time.Minute))
		changed, err = d.EndPendingLink(ctx, declined, db.LinkDeclined, t1)
		ok(t, changed, err, true, "decline")

		changed, err = d.AuthorizeLink(ctx, late, []byte("code"), "hash-late", t1)
		ok(t, changed, err, false, "authorize a superseded attempt past its time")
		changed, err = d.AuthorizeLink(ctx, declined, []byte("code"), "hash-declined", t1)
		ok(t, changed, err, false, "authorize a declined attempt")
		changed, err = d.AuthorizeLink(ctx, replaced, []byte("code"), "hash-1", t1)
		ok(t, changed, err, true, "authorize a superseded attempt within its time")
		changed, err = d.AuthorizeLink(ctx, replaced, []byte("code"), "hash-2", t1)
		ok(t, changed, err, false, "authorize it twice")

		// Later attempts: the buyer's pending GCash ones after it, within
		// their time; not an earlier one, another wallet's, another
		// buyer's or one past its time.
		next := insert("S-NEXT", buyer, "GCASH", t0.Add(15*time.Minute))
		insert("S-DANA", buyer, "DANA", t0.Add(15*time.Minute))
		insert("S-BOB", other, "GCASH", t0.Add(15*time.Minute))
		insert("S-GONE", buyer, "GCASH", t1)
		later, err := d.LaterPendingLinks(ctx, buyer, "GCASH", replaced, t1)
		check(t, err)
		eq(t, len(later), 1, "later pending attempts")
		eq(t, later[0].ID, next, "the later one")

		wid := newWallet(t, d, buyer, "hash-w")
		changed, err = d.SupersedeByLink(ctx, next, wid, t1)
		ok(t, changed, err, true, "supersede by a link")
		changed, err = d.SupersedeByLink(ctx, next, wid, t1)
		ok(t, changed, err, false, "supersede by a link twice")
		got, err := d.LinkAttemptByID(ctx, next)
		check(t, err)
		eq(t, [2]any{got.Status, got.WalletID}, [2]any{db.LinkSuperseded, wid}, "ended, pointing at the wallet")
	})
}
