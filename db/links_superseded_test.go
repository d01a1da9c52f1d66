package db_test

import (
	"fmt"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// A SUPERSEDED attempt still takes its authCode within its time, once
// (the buyer agreed to the code they had already scanned); past its time
// it does not. Another attempt's link ends the buyer's other attempts for
// the same wallet still waiting (pending, or replaced and within their
// time), and only theirs, pointing them at the wallet.
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
		before := insert("S-BEFORE", buyer, "GCASH", t0.Add(15*time.Minute))
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

		// The other attempts still waiting: the buyer's GCash ones, pending
		// or replaced, within their time and holding no code; not another
		// wallet's, another buyer's, one past its time, one declined or
		// one that holds a code.
		next := insert("S-NEXT", buyer, "GCASH", t0.Add(15*time.Minute))
		insert("S-DANA", buyer, "DANA", t0.Add(15*time.Minute))
		insert("S-BOB", other, "GCASH", t0.Add(15*time.Minute))
		insert("S-GONE", buyer, "GCASH", t1)
		waiting := insert("S-WAITING", buyer, "GCASH", t0.Add(15*time.Minute))
		changed, err = d.EndPendingLink(ctx, waiting, db.LinkSuperseded, t1)
		ok(t, changed, err, true, "supersede another")
		others, err := d.OtherWaitingLinks(ctx, buyer, "GCASH", replaced, t1)
		check(t, err)
		var ids []int64
		for _, o := range others {
			ids = append(ids, o.ID)
		}
		eq(t, fmt.Sprint(ids), fmt.Sprint([]int64{before, next, waiting}), "the other waiting attempts, oldest first")

		wid := newWallet(t, d, buyer, "hash-w")
		changed, err = d.SupersedeByLink(ctx, next, wid, t1)
		ok(t, changed, err, true, "supersede by a link")
		changed, err = d.SupersedeByLink(ctx, next, wid, t1)
		ok(t, changed, err, false, "supersede by a link twice")
		got, err := d.LinkAttemptByID(ctx, next)
		check(t, err)
		eq(t, [2]any{got.Status, got.WalletID}, [2]any{db.LinkSuperseded, wid}, "ended, pointing at the wallet")
		changed, err = d.SupersedeByLink(ctx, waiting, wid, t1)
		ok(t, changed, err, true, "a replaced attempt still waiting, pointed at the wallet")
		changed, err = d.SupersedeByLink(ctx, replaced, wid, t1)
		ok(t, changed, err, false, "one that holds a code")
	})
}
